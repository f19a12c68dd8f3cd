"""The help screen: every key of the screen you came from, read from its bindings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

HelpRow = tuple[str, str]


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The bindings a node's class declares (inherited ones too, subclasses winning)."""
    by_key: dict[str, Binding] = {}
    for cls in reversed(type(node).__mro__):
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    return [binding for binding in by_key.values() if not binding.system and binding.description]


def rows(app: App[object], bindings: Iterable[Binding]) -> list[HelpRow]:
    """(keys, what they do) rows; keys bound to the same action share a row ("j / down")."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        what = binding.tooltip or binding.description
        grouped.setdefault((binding.action, what), []).append(app.get_key_display(binding))
    return [(" / ".join(keys), what) for (_, what), keys in grouped.items()]


def help_sections(screen: Screen[object]) -> list[tuple[str, list[HelpRow]]]:
    """The keys that work on ``screen``: its own, its lists', and the app-wide ones."""
    app = screen.app
    sections = [("This screen", rows(app, declared_bindings(screen)))]
    lists = list(screen.query("OptionList, RowList"))
    if lists:
        sections.append(("In lists", rows(app, declared_bindings(lists[0]))))
    everywhere = [*declared_bindings(app)]
    if app.ENABLE_COMMAND_PALETTE:
        everywhere.append(
            Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
        )
    sections.append(("Everywhere", rows(app, everywhere)))
    return sections


def help_table(sections: list[tuple[str, list[HelpRow]]]) -> Table:
    """One two-column table with a heading per section (all text is ours: no user input)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold #88c0d0", no_wrap=True)
    table.add_column()
    for index, (title, section_rows) in enumerate(sections):
        if index:
            table.add_row("", "")
        table.add_row("", Text(title, "bold underline"))
        for keys, what in section_rows:
            table.add_row(keys, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below; escape, q, h, ? or a tap on Close closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,h,f1", "close", "Close help"),
    ]

    def __init__(self, described: Screen[object]) -> None:
        super().__init__()
        self._sections = help_sections(described)

    @property
    def sections(self) -> list[tuple[str, list[HelpRow]]]:
        """What the help lists, section by section."""
        return self._sections

    def compose(self) -> ComposeResult:
        """A scrollable box with the keys table, and a button (docked, so never scrolled
        away) to close it."""
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape closes"
            yield Static(help_table(self._sections))
            with Horizontal(id="dialog-buttons"):
                yield Button("Close", variant="primary", id="close", compact=True)

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
