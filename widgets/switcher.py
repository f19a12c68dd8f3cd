"""The one-line pane switcher of a narrow screen: "People · Notes · Helper", one pane at a time.

On a phone held upright (below ~70 columns) a screen shows one of its panes at a time; this line
names them, marks the one shown, and a tap on a name asks for that pane (the screen decides,
and tells the switcher which pane it shows: attributes down, messages up). On its right it
keeps the selected person's name on screen, whatever pane is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from hallway.widgets.text import plain


class PaneTab(Static):
    """One pane's name; a tap (a click) asks for that pane."""

    ALLOW_SELECT = False

    def __init__(self, pane: str, label: str) -> None:
        super().__init__(label, markup=False, classes="pane-tab")
        self.pane = pane
        """The pane this tab shows."""

    def on_click(self, event: events.Click) -> None:
        """Ask the screen for this pane."""
        event.stop()
        self.post_message(PaneSwitcher.Chosen(self.pane))


class PaneSwitcher(Horizontal, can_focus=False):
    """The names of a screen's panes (the shown one marked) and, on the right, what is
    selected (typed text, shown literally and shortened with an ellipsis when long)."""

    DEFAULT_CSS = """
    PaneSwitcher {
        height: 1;
        background: $panel;
        PaneTab {
            width: auto;
            padding: 0 1;
            color: $text-muted;
            text-wrap: nowrap;
        }
        PaneTab.-shown {
            color: $foreground;
            background: $primary 35%;
            text-style: bold;
        }
        #pane-selected {
            width: 1fr;
            padding: 0 1;
            text-align: right;
            text-wrap: nowrap;
            text-overflow: ellipsis;
            text-style: bold;
        }
    }
    """

    class Chosen(Message):
        """A pane's name was tapped."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, panes: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        """``panes`` are (name, label) in the order shown: ``("people", "People")``."""
        super().__init__(id=id)
        self._panes = list(panes)
        self._shown = self._panes[0][0]

    def compose(self) -> ComposeResult:
        """A tab per pane, then the selection."""
        for pane, label in self._panes:
            tab = PaneTab(pane, label)
            tab.set_class(pane == self._shown, "-shown")
            yield tab
        yield Static("", id="pane-selected", markup=False)

    @property
    def shown(self) -> str:
        """The pane marked as shown."""
        return self._shown

    def show(self, pane: str) -> None:
        """Mark ``pane`` as the one shown."""
        self._shown = pane
        for tab in self.query(PaneTab):
            tab.set_class(tab.pane == pane, "-shown")

    def show_selected(self, name: str) -> None:
        """Keep ``name`` (typed text: a person, a contact, an event) on screen."""
        self.query_one("#pane-selected", Static).update(plain(name) if name else Text(""))

    @property
    def selected_text(self) -> str:
        """The selection as shown (plain text)."""
        content = self.query_one("#pane-selected", Static).content
        return content.plain if isinstance(content, Text) else str(content)
