"""What the terminal shows, as text, and a check that no word on it is cut in two.

A word is cut when a pane too narrow for it folds it ("Raghunath" / "an"), or a container
clips a line ("s Keep" of "s Keep going"). Such a piece is not a word of any text the screen
was given. So every word on screen is looked up among the words of the text the widgets hold
(their content, rows, options, labels, placeholders, border titles): a word shortened on
purpose ends in an ellipsis ("#sail…") and passes; anything else that is not one of those
words is a cut. The text of a field being typed in scrolls with its cursor, as fields do, and
is not looked at, nor is a screen under a dialog (dimmed, and partly hidden by it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList, SelectionList, Static

from hallway.widgets.footer import FooterItem
from hallway.widgets.rows import RowList

WORD = re.compile(r"[\w#'’-]+")
ELLIPSIS = "…"


def screen_text(app: App[Any]) -> list[str]:
    """The screen as the terminal shows it (dialogs and what they cover), line by line.

    Drawn as :meth:`App.export_screenshot` draws it, but as text: Textual has no public way
    to read the composed screen, so this reaches into the compositor (tests only; it fails
    loudly should Textual change it)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(
        full=True,
        screen_stack=app._background_screens,
    )
    console.print(update)
    return console.export_text(styles=False).split("\n")[:height]


def _plain(content: object) -> str:
    if isinstance(content, Text | Content):
        return content.plain
    if isinstance(content, Table):
        cells = (cell for column in content.columns for cell in column.cells)
        return "\n".join(_plain(cell) for cell in cells)
    return str(content)


def widget_texts(widget: Widget) -> Iterator[str]:
    """Every text ``widget`` was given to show (not what it draws of it)."""
    for title in (widget.border_title, widget.border_subtitle):
        if title:
            yield str(title).replace("\\[", "[")
    if isinstance(widget, Static):
        yield _plain(widget.content)
    elif isinstance(widget, Input):
        yield widget.value
        yield widget.placeholder
    elif isinstance(widget, Button):
        yield _plain(widget.label)
    elif isinstance(widget, RowList):
        yield from (_plain(row.prompt) for row in widget.rows)
    elif isinstance(widget, OptionList):
        yield from (_plain(option.prompt) for option in widget.options)
        if isinstance(widget, SelectionList):
            yield Checkbox.BUTTON_INNER  # the tick's glyph (a selection list's and a checkbox's)
    elif isinstance(widget, FooterItem):
        yield widget.shown.display
        yield widget.description


def vocabulary(app: App[Any]) -> set[str]:
    """The words of every text the widgets on screen (and under a dialog) were given."""
    words: set[str] = set()
    for screen in (*app._background_screens, app.screen):
        for widget in (screen, *screen.walk_children(Widget)):
            for text in widget_texts(widget):
                words.update(WORD.findall(text))
    return words


def _blank(line: str, start: int, end: int) -> str:
    """``line`` with the cells from ``start`` to ``end`` (cell columns) blanked."""
    out, column = [], 0
    for char in line:
        width = get_character_cell_size(char)
        out.append(" " * width if start <= column < end else char)
        column += width
    return "".join(out)


def typed_fields(app: App[Any]) -> Iterable[tuple[int, int, int]]:
    """(row, first column, end column) of every field on screen with typed text in it."""
    for field in app.screen.query(Input):
        if field.value and field.display:
            region = field.region
            for row in range(region.y, region.bottom):
                yield row, region.x, region.right


def covered(app: App[Any]) -> Iterable[tuple[int, int, int]]:
    """(row, first column, end column) of what a dialog covers: under a dialog the screen is
    dimmed and partly hidden, and only the dialog is read."""
    if not isinstance(app.screen, ModalScreen):
        return
    shown = [child.region for child in app.screen.children if child.display]
    width, height = app.size
    for row in range(height):
        spans = sorted((r.x, r.right) for r in shown if r.y <= row < r.bottom)
        column = 0
        for start, end in spans:
            if start > column:
                yield row, column, start
            column = max(column, end)
        if column < width:
            yield row, column, width


def cut_words(app: App[Any]) -> list[str]:
    """Every word on screen that is not a whole word of the text given (an empty list when
    nothing is cut), each with its line for the failure message."""
    lines = screen_text(app)
    for row, start, end in (*typed_fields(app), *covered(app)):
        if row < len(lines):
            lines[row] = _blank(lines[row], start, end)
    words = vocabulary(app)
    cuts = []
    for number, line in enumerate(lines):
        for match in WORD.finditer(line):
            word = match.group()
            if word in words or line[match.end() : match.end() + 1] == ELLIPSIS:
                continue
            cuts.append(f"{word!r} in line {number}: {line.rstrip()!r}")
    return cuts
