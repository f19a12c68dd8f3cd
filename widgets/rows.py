"""A list of fixed-height rows drawn one line at a time: only rows on screen are ever built.

Textual's OptionList measures every option to lay itself out: it turns each prompt into a
visual and wraps it to learn its height, on every ``set_options`` and every first paint.
With a thousand people that is most of the time spent opening a screen or showing a new
capture (~100 ms), although only the twenty rows on screen are seen. A :class:`RowList`
knows where every row is without looking -- all its rows are ``lines`` high and never wrap
(long lines end in an ellipsis) -- and draws through Textual's public line API
(:class:`~textual.scroll_view.ScrollView` and :meth:`render_line`), so a :class:`LazyRow`
builds its prompt only when a line of it is first drawn.

It looks and answers like an OptionList: the same keys, a highlight that follows the
keyboard, a hover look for the mouse, and one click (or one tap in Termux) selects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize

from hallway.store.i18n import N_
from hallway.widgets.text import themed

ROW = "row-list--row"
HIGHLIGHTED = "row-list--row-highlighted"
HOVER = "row-list--row-hover"


class LazyRow:
    """One row of a :class:`RowList`: its prompt (a Rich renderable or plain text, shown
    literally) is made by ``make`` when the row is first drawn, and kept."""

    __slots__ = ("_make", "_prompt", "_visual")

    def __init__(self, make: Callable[[], RenderableType]) -> None:
        self._make: Callable[[], RenderableType] | None = make
        self._prompt: RenderableType = ""
        self._visual: Visual | None = None

    @property
    def prompt(self) -> RenderableType:
        """The prompt, made on first use."""
        if self._make is not None:
            self._prompt, self._make = self._make(), None
        return self._prompt

    def visual(self, row_list: RowList) -> Visual:
        """The prompt as Textual draws it (made once: unchanged rows stay cheap to redraw)."""
        if self._visual is None:
            prompt = self.prompt
            # Text built in code may name theme colours: drawn as Content, they follow the theme.
            shown = themed(prompt) if isinstance(prompt, Text) else prompt
            self._visual = visualize(row_list, shown, markup=False)
        return self._visual


class RowList(ScrollView, can_focus=True):
    """Rows ``lines`` high (2 unless told), a highlight moved by keys or a click, and
    :class:`RowHighlighted` / :class:`RowSelected` messages with the row's index."""

    # The same keys, actions and words as OptionList's (the help screen lists them).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", N_("Down"), show=False),
        Binding("end", "last", N_("Last"), show=False),
        Binding("enter", "select", N_("Select"), show=False),
        Binding("home", "first", N_("First"), show=False),
        Binding("pagedown", "page_down", N_("Page Down"), show=False),
        Binding("pageup", "page_up", N_("Page Up"), show=False),
        Binding("up", "cursor_up", N_("Up"), show=False),
    ]

    # OptionList's look, so that a RowList draws exactly as one would.
    DEFAULT_CSS = """
    RowList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .row-list--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .row-list--row-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .row-list--row-hover {
            background: $block-hover-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {ROW, HIGHLIGHTED, HOVER}
    """
    | Class | Description |
    | :- | :- |
    | `row-list--row` | Every row. |
    | `row-list--row-highlighted` | The highlighted row. |
    | `row-list--row-hover` | The row under the mouse (when not highlighted). |
    """

    highlighted: reactive[int | None] = reactive(None)
    """The index of the highlighted row (``None``: no row, or not yet highlighted)."""

    class RowMessage(Message):
        """A row of a :class:`RowList` was highlighted or selected."""

        def __init__(self, row_list: RowList, row: LazyRow, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            """The list that posted the message."""
            self.row = row
            """The row concerned."""
            self.index = index
            """The row's index in the list."""

        @property
        def control(self) -> RowList:
            """The list (so that ``@on(..., "#selector")`` can pick it)."""
            return self.row_list

    class RowHighlighted(RowMessage):
        """The highlight moved to another row."""

    class RowSelected(RowMessage):
        """A row was selected: enter on the highlight, or a click (one tap) on a row."""

    def __init__(
        self,
        *rows: LazyRow,
        lines: int = 2,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.lines = lines
        self._rows: list[LazyRow] = []
        self._hover: int | None = None
        # Drawn rows by (row, width, style): redrawing a row is one look-up, and rows kept
        # across set_rows (unchanged people) stay drawn.
        self._drawn: LRUCache[tuple[LazyRow, int, Style], list[Strip]] = LRUCache(1024)
        self.set_rows(rows)
        if self._rows:
            self.highlighted = 0

    @property
    def rows(self) -> Sequence[LazyRow]:
        """The rows, in order (read-only)."""
        return self._rows

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return len(self._rows)

    @property
    def highlighted_row(self) -> LazyRow | None:
        """The highlighted row, if any."""
        index = self.highlighted
        return None if index is None else self._rows[index]

    def set_rows(self, rows: Iterable[LazyRow]) -> None:
        """Replace every row; no row is highlighted until :attr:`highlighted` is set."""
        self._rows = list(rows)
        self._hover = None
        self.highlighted = None
        self.virtual_size = Size(0, len(self._rows) * self.lines)
        self.scroll_y = 0
        self.refresh()

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the window: a line of the row scrolled there, or blank below."""
        index, line = divmod(self.scroll_offset.y + y, self.lines)
        width = self.scrollable_content_region.width
        if index >= len(self._rows):
            return Strip.blank(width, self.get_visual_style(ROW).rich_style)
        if index == self.highlighted:
            style = self.get_visual_style(ROW, HIGHLIGHTED)
        elif index == self._hover:
            style = self.get_visual_style(ROW, HOVER)
        else:
            style = self.get_visual_style(ROW)
        return self._draw(self._rows[index], width, style)[line]

    def _draw(self, row: LazyRow, width: int, style: Style) -> list[Strip]:
        """The row's lines at ``width`` in ``style``: exactly ``lines`` of them."""
        key = (row, width, style)
        if (strips := self._drawn.get(key)) is None:
            visual = row.visual(self)
            drawn = Visual.to_strips(self, visual, width, None, style)[: self.lines]
            rich_style = style.rich_style
            strips = [strip.extend_cell_length(width, rich_style) for strip in drawn]
            strips.extend(Strip.blank(width, rich_style) for _ in range(self.lines - len(strips)))
            self._drawn[key] = strips
        return strips

    def notify_style_update(self) -> None:
        """Styles changed (focus, theme, another screen): draw the rows again."""
        # Keeping the drawn rows across style changes (the style is in the key) saves ~1 ms
        # per screen switch but measured slower overall: strips kept for long collect what
        # the compositor derives from them, and the collector's full passes grew.
        self._drawn.clear()
        self.refresh()
        super().notify_style_update()

    # -- the highlight ------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        """Keep the highlight on a row (``None`` when there is none)."""
        if highlighted is None or not self._rows:
            return None
        return clamp(highlighted, 0, len(self._rows) - 1)

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Show the new highlight and say so."""
        if highlighted is None:
            return
        self.scroll_to_highlight()
        self.post_message(self.RowHighlighted(self, self._rows[highlighted], highlighted))

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll (at once) so that the whole highlighted row is in view."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        self.scroll_to_region(
            Region(0, highlighted * self.lines, self.scrollable_content_region.width, self.lines),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def on_show(self) -> None:
        """A list shown again shows its highlight."""
        self.scroll_to_highlight()

    # -- keys ---------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Next row (from the last, the first)."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """Previous row (from the first, the last)."""
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self._rows:
            return
        if self.highlighted is None:
            self.highlighted = 0 if direction > 0 else len(self._rows) - 1
        else:
            self.highlighted = (self.highlighted + direction) % len(self._rows)

    def action_first(self) -> None:
        """The first row."""
        if self._rows:
            self.highlighted = 0

    def action_last(self) -> None:
        """The last row."""
        if self._rows:
            self.highlighted = len(self._rows) - 1

    def action_page_down(self) -> None:
        """A page further down (or the last row when none is highlighted)."""
        if self.highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_page_up(self) -> None:
        """A page further up (or the first row when none is highlighted)."""
        if self.highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def _move_page(self, direction: int) -> None:
        if not self._rows or self.highlighted is None:
            return
        line = self.highlighted * self.lines + direction * self.scrollable_content_region.height
        line = clamp(line, 0, len(self._rows) * self.lines - 1)
        self.highlighted = line // self.lines

    def action_select(self) -> None:
        """Select the highlighted row."""
        index = self.highlighted
        if index is not None:
            self.post_message(self.RowSelected(self, self._rows[index], index))

    # -- the mouse ----------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        """The index of the row under the pointer, if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = (offset.y + self.scroll_offset.y) // self.lines
        return index if 0 <= index < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        """One click (a tap) highlights a row and selects it."""
        index = self._row_at(event)
        if index is not None:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Show which row the mouse is over."""
        self._set_hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        """The mouse left: no row is under it."""
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()
