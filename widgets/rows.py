"""An OptionList for long lists of fixed-height rows: only rows on screen are ever built.

Textual's OptionList measures every option to lay itself out: it turns each prompt into a
visual and wraps it to learn its height, on every ``set_options`` and every first paint.
With a thousand people that is most of the time spent opening a screen or showing a new
capture (~100 ms), although only the twenty rows on screen are seen. A :class:`RowList`
knows each row's height without looking (rows never wrap, and a :class:`LazyOption` says
how many lines it has), and a :class:`LazyOption` builds its prompt only when drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class LazyOption(Option):
    """An option whose prompt (``lines`` lines high, never more) is made when first drawn."""

    def __init__(self, make: Callable[[], VisualType], lines: int, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._make: Callable[[], VisualType] | None = make
        self.lines = lines

    @property
    def prompt(self) -> VisualType:
        """The prompt, made on first use."""
        if self._make is not None:
            self._prompt, self._make = self._make(), None
        return self._prompt


class RowList(OptionList):
    """An OptionList whose :class:`LazyOption` rows are laid out by their declared height.

    Rows never wrap (long lines end in an ellipsis), so a row is exactly as high as its
    option says; plain options are still measured the usual way.
    """

    DEFAULT_CSS = """
    RowList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def _row_height(self, option: Option, width: int) -> int:
        if isinstance(option, LazyOption):
            lines = option.lines
        else:
            lines = self._get_visual(option).get_height(cast(RulesMap, self.styles), width)
        return lines + option._divider

    def _update_lines(self) -> None:
        # Same bookkeeping as OptionList._update_lines (Textual 8), without building a
        # visual per option.
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        lines = cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if next_index < len(self.options):
            padding = self.get_component_styles("option-list--option").padding
            text_width = width - padding.width
            for index in range(next_index, len(self.options)):
                height = self._row_height(self.options[index], text_width)
                cache.index_to_line[index] = len(lines)
                cache.heights[index] = height
                lines.extend([(index, line) for line in range(height)])
        last_divider = self.options and self.options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Height of every row (for ``height: auto``), counted without drawing any."""
        padding = self.get_component_styles("option-list--option").padding
        text_width = width - padding.width
        total = sum(self._row_height(option, text_width) for option in self.options)
        last_divider = self.options and self.options[-1]._divider
        return total - (1 if last_divider else 0)
