"""The row list answers keys, clicks and the mouse as Textual's OptionList does, with the
same look, and says which row is highlighted or selected."""

from __future__ import annotations

from functools import partial

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hallway.widgets.rows import LazyRow, RowList
from tests.tui.tui_helpers import rendered

ROWS = 60


def row(index: int) -> Text:
    """Two lines, the second long enough to end in an ellipsis."""
    return Text(f"Person {index}\n   " + "a very long hook that never wraps " * 3)


Cell = tuple[str, object, object, bool, bool, bool]


def painted(widget: Widget) -> list[list[Cell]]:
    """Every cell of ``widget`` as drawn now: character, colours, bold, italic, dim."""
    width, height = widget.region.size
    lines = []
    for strip in widget.render_lines(Region(0, 0, width, height)):
        cells: list[Cell] = []
        for text, style, _ in strip:
            look = style or Style()
            cells.extend(
                (char, look.color, look.bgcolor, bool(look.bold), bool(look.italic), bool(look.dim))
                for char in text
            )
        lines.append(cells)
    return lines


class Pair(App[None]):
    """A RowList and an OptionList of the same rows, side by side; records messages."""

    CSS = """
    Screen { layout: horizontal; }
    RowList, OptionList { height: 12; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[int] = []
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowList(*[LazyRow(partial(row, i)) for i in range(ROWS)], id="rows")
        yield OptionList(*[Option(row(i)) for i in range(ROWS)], id="options")

    @on(RowList.RowHighlighted, "#rows")
    def _highlighted(self, message: RowList.RowHighlighted) -> None:
        self.highlighted.append(message.index)

    @on(RowList.RowSelected, "#rows")
    def _selected(self, message: RowList.RowSelected) -> None:
        self.selected.append(message.index)


KEYS = [
    ["down", "down", "down"],
    ["pagedown"],
    ["pagedown", "pagedown"],
    ["up"],
    ["pageup"],
    ["end"],
    ["down"],  # from the last row, round to the first
    ["up"],  # and back to the last
    ["home"],
    ["pageup"],
]


async def test_keys_move_the_highlight_and_the_view_as_in_an_option_list() -> None:
    app = Pair()
    async with app.run_test(size=(100, 20)) as pilot:
        rows = app.query_one(RowList)
        options = app.query_one(OptionList)
        app.set_focus(None)
        await pilot.pause()
        assert painted(rows) == painted(options)
        for keys in KEYS:
            for widget in (rows, options):
                widget.focus()
                await pilot.press(*keys)
                await pilot.pause()
            assert rows.highlighted == options.highlighted, keys
            assert rows.scroll_offset == options.scroll_offset, keys
            rows.focus()
            await pilot.pause()
            focused_rows = painted(rows)
            options.focus()
            await pilot.pause()
            assert focused_rows == painted(options), keys
            app.set_focus(None)
            await pilot.pause()
            assert painted(rows) != focused_rows  # a blurred list's highlight is quieter
            assert painted(rows) == painted(options), keys
        assert app.highlighted[-1] == 0 and ROWS - 1 in app.highlighted
        assert "…" in rendered(rows)  # long lines end in an ellipsis, rows stay two lines


async def test_one_click_highlights_and_selects_the_row_under_it_even_scrolled() -> None:
    app = Pair()
    async with app.run_test(size=(100, 20)) as pilot:
        rows = app.query_one(RowList)
        rows.focus()
        await pilot.press("end")
        await pilot.pause()
        top = rows.scroll_offset.y // 2  # the first row in view
        # Border of one line, then two lines per row: line 3 is the second row in view.
        await pilot.click(rows, offset=(5, 3))
        await pilot.pause()
        assert rows.highlighted == top + 1
        assert app.selected == [top + 1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == [top + 1, top + 1]
        await pilot.click(rows, offset=(5, 0))  # the border: no row
        await pilot.pause()
        assert app.selected == [top + 1, top + 1]


async def test_the_row_under_the_mouse_is_shown_and_forgotten_when_it_leaves() -> None:
    app = Pair()
    async with app.run_test(size=(100, 20)) as pilot:
        rows = app.query_one(RowList)
        options = app.query_one(OptionList)
        app.set_focus(None)
        await pilot.pause()
        still = painted(rows)
        await pilot.hover(rows, offset=(5, 5))  # the third row
        await pilot.pause()
        hovered = painted(rows)
        assert hovered[5] != still[5] and hovered[1] == still[1]
        await pilot.hover(options, offset=(5, 5))
        await pilot.pause()
        assert painted(options)[5] == hovered[5]  # the same hover look
        assert painted(rows) == still


async def test_replacing_the_rows_clears_the_highlight_until_one_is_set() -> None:
    app = Pair()
    async with app.run_test(size=(100, 20)) as pilot:
        rows = app.query_one(RowList)
        rows.highlighted = 30
        await pilot.pause()
        assert rows.scroll_offset.y > 0
        made: list[int] = []

        def make(index: int) -> Text:
            made.append(index)
            return row(index)

        rows.set_rows(LazyRow(partial(make, i)) for i in range(3))
        assert rows.highlighted is None and rows.row_count == 3
        rows.highlighted = 7  # past the end: the last row
        await pilot.pause()
        assert rows.highlighted == 2
        assert rows.highlighted_row is rows.rows[2]
        assert app.highlighted[-1] == 2
        assert rows.scroll_offset.y == 0
        assert sorted(made) == [0, 1, 2]  # drawn once each
        rows.set_rows([])
        rows.highlighted = 0
        await pilot.press("down", "end", "pagedown", "enter")
        assert rows.highlighted is None and rows.highlighted_row is None
        assert app.selected == []
