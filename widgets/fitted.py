"""A text field whose placeholder always fits: the longest of a few wordings, never cut.

A field draws its placeholder from the left and simply stops at its edge, so on a phone
"e.g. 45, or 10 weeks" became "e.g. 45, or 1". Given several wordings, longest first, the
field shows the longest one that fits its width, again whenever its width changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.widgets import Input


def fitting(wordings: Sequence[str], width: int) -> str:
    """The first of ``wordings`` (longest first) that fits ``width`` cells; else the last,
    shortened with an ellipsis (empty when not even that fits)."""
    for wording in wordings:
        if cell_len(wording) <= width:
            return wording
    if not wordings or width < 2:
        return ""
    last = wordings[-1]
    while last and cell_len(last) > width - 1:
        last = last[:-1]
    return f"{last.rstrip()}…"


class FittedInput(Input):
    """An :class:`~textual.widgets.Input` showing the longest placeholder that fits."""

    def __init__(
        self,
        value: str = "",
        *,
        placeholders: Sequence[str] = (),
        compact: bool = False,
        select_on_focus: bool = True,
        id: str | None = None,
    ) -> None:
        """``placeholders``: the wordings, longest first."""
        super().__init__(
            value,
            placeholder=placeholders[0] if placeholders else "",
            compact=compact,
            select_on_focus=select_on_focus,
            id=id,
        )
        self._wordings = list(placeholders)

    def set_placeholders(self, placeholders: Sequence[str]) -> None:
        """Show another set of wordings (longest first)."""
        self._wordings = list(placeholders)
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        """Another width: another wording may fit."""
        self._fit()

    def _fit(self) -> None:
        if not self._wordings:
            self.placeholder = ""
        elif not self.size.width:  # not laid out yet: the longest, until the first resize
            self.placeholder = self._wordings[0]
        else:
            # One cell stays free for the cursor, which is drawn after the text.
            self.placeholder = fitting(self._wordings, self.content_size.width - 1)
