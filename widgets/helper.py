"""The Helper pane: a line to keep a conversation going, or to leave it kindly."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.widgets import Static

from hallway.widgets import colours
from hallway.widgets.text import plain, themed

HelperMode = Literal["starter", "exit"]
MODE_TITLES: dict[HelperMode, str] = {
    "starter": "Keep it going",
    "exit": "Leave gracefully",
}
EMPTY = "s: something to keep it going · l: a kind way to leave"


class HelperPane(Static):
    """Shows one helper line; the screen picks the line (attributes down)."""

    DEFAULT_CSS = """
    HelperPane {
        height: auto;
        min-height: 3;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(themed(Text(EMPTY, f"italic {colours.QUIET}")), id=id, markup=False)
        self.mode: HelperMode | None = None
        self.line = ""

    def on_mount(self) -> None:
        """Start with the plain title."""
        self.border_title = "Helper"

    def show_line(self, mode: HelperMode, line: str, category: str = "") -> None:
        """Show ``line`` (it may quote the person's name, so it is shown literally)."""
        self.mode, self.line = mode, line
        self.border_title = f"Helper · {MODE_TITLES[mode]}"
        body = plain(line)
        if category:
            from hallway.store.phrases import category_label  # the lines load when first used

            body.append(f"\n{category_label(category)}", f"italic {colours.QUIET}")
        self.update(themed(body))

    def clear(self) -> None:
        """Back to the hint (the last line was for someone else)."""
        self.mode, self.line = None, ""
        self.border_title = "Helper"
        self.update(themed(Text(EMPTY, f"italic {colours.QUIET}")))
