"""The top bar: where you are (event, place) and a quiet DEMO badge in demo mode."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from hallway.store.i18n import _
from hallway.widgets import colours
from hallway.widgets.text import plain, themed


class TopBar(Horizontal):
    """One line: "Hallway", a screen title made of typed text, and the DEMO badge."""

    DEFAULT_CSS = """
    TopBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $hallway-text;
    }
    TopBar #topbar-app {
        width: auto;
        padding: 0 1;
        text-style: bold;
        color: $hallway-accent;
    }
    TopBar #topbar-title {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TopBar #topbar-demo {
        width: auto;
        padding: 0 1;
        color: $hallway-warning;
        text-style: bold;
        display: none;
    }
    TopBar.-demo #topbar-demo {
        display: block;
    }
    """

    def __init__(self, *, demo: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_class(demo, "-demo")

    def compose(self) -> ComposeResult:
        """The three parts of the bar."""
        yield Static("Hallway", id="topbar-app", markup=False)
        yield Static("", id="topbar-title", markup=False)
        yield Static(_("DEMO"), id="topbar-demo", markup=False)

    def show_title(self, title: str, detail: str = "", live: bool = False) -> None:
        """Show a title (typed text, e.g. an event name) with a dimmer detail and live mark."""
        text = Text.assemble(plain(title, "bold"))
        if detail:
            text.append("  ·  ", colours.QUIET)
            text.append_text(plain(detail, colours.QUIET))
        if live:
            text.append("  ● " + _("live"), f"bold {colours.TOPIC}")
        self.query_one("#topbar-title", Static).update(themed(text))

    @property
    def title_text(self) -> str:
        """The title as shown (plain text)."""
        content = self.query_one("#topbar-title", Static).content
        return content.plain if isinstance(content, Text) else str(content)
