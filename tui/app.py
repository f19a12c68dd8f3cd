"""The Hallway app: thin on purpose. It pushes the first screen, polls for other processes'
saves, and holds the keys that work everywhere; screens do the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen

from store.db import Store
from store.text import visible
from tui.screens.base import OpenEvent, ShowEvents, StoreChanged


def _commands() -> type[Provider]:
    # Imported when the palette first opens: the first screen does not need rapidfuzz.
    from tui.commands import HallwayCommands

    return HallwayCommands


# The next issue's screens: until they exist, their keys say so instead of doing nothing.
COMING_SOON = {
    "debrief": "The debrief screen (d) arrives with the next update.",
    "contacts": "The contacts screen (c) arrives with the next update.",
    "search": "Search (/) arrives with the next update.",
}


class HallwayApp(App[None]):
    """Full-screen Hallway on an open :class:`~store.db.Store`."""

    TITLE = "Hallway"
    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find the same CSS.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit from anywhere"),
        Binding("q", "quit", "Quit", show=False, tooltip="Quit (everything is already saved)"),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key"),
        Binding("d", "coming_soon('debrief')", "Debrief", show=False, tooltip="Debrief screen"),
        Binding("c", "coming_soon('contacts')", "Contacts", show=False, tooltip="Contacts"),
        Binding("slash", "coming_soon('search')", "Search", show=False, tooltip="Search"),
    ]

    PALETTE: ClassVar[dict[str, str]] = {
        "help": "app: help (every key)",
        "quit": "app: quit",
        "coming_soon('debrief')": "debrief: open",
        "coming_soon('contacts')": "contacts: open",
        "coming_soon('search')": "search: open",
    }

    def __init__(self, store: Store, *, demo: bool = False, poll_interval: float = 1.0) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self.poll_interval = poll_interval

    def on_mount(self) -> None:
        """Open on the live event (or on Events), say what the store noticed, start polling."""
        self.theme = "nord"
        live = self.store.live_event()
        if live is not None:
            self._open_event(live.id)
        else:
            self._show_events()
        for notice in self.store.notices:
            self.notify(visible(notice), title="Your data", timeout=15, markup=False)
        self.set_interval(self.poll_interval, self._poll)

    def _poll(self) -> None:
        # A cheap stat check; screens below the top one reload when they are shown again.
        if self.store.refresh():
            self.screen.post_message(StoreChanged())

    def on_open_event(self, message: OpenEvent) -> None:
        """Show an event's people (a screen or the palette asked)."""
        self._open_event(message.event_id, message.encounter_id)

    def on_show_events(self, message: ShowEvents) -> None:
        """Show the events screen."""
        self._show_events()

    def _open_event(self, event_id: int, encounter_id: int | None = None) -> None:
        from tui.screens.live import LiveScreen

        current = self.screen
        if isinstance(current, LiveScreen) and current.event_id == event_id:
            if encounter_id is not None:
                current.select(encounter_id)
            return
        self._replace(LiveScreen(self.store, event_id, demo=self.demo, select=encounter_id))

    def _show_events(self) -> None:
        from tui.screens.events import EventsScreen

        self._replace(EventsScreen(self.store, demo=self.demo))

    def _replace(self, screen: Screen[None]) -> None:
        # One full screen at a time (plus modals on top): switching never piles screens up.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_coming_soon(self, what: str) -> None:
        """Say that a screen is not there yet (rather than doing nothing)."""
        self.notify(COMING_SOON[what], title="Not yet", markup=False)
