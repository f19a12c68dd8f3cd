"""The Hallway app: thin on purpose. It shows screens, polls for other processes' saves,
keeps the search index, and holds the keys that work everywhere; screens do the rest.

Screens are installed once and kept: switching back to one is instant (no compose), and it
reloads what it shows from the store when it resumes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.command import Provider

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.text import visible
from hallway.tui.heap import StartupHeap, collector_paused
from hallway.tui.messages import (
    GoBack,
    IndexReady,
    OpenEvent,
    RecordsSaved,
    ShowContacts,
    ShowDebrief,
    ShowEvents,
    ShowSearch,
    StoreChanged,
)
from hallway.tui.screens.base import HallwayScreen
from hallway.tui.screens.choice import AcceptingModal
from hallway.widgets.text import plain
from hallway.widgets.typeahead import OrderedKeysApp

if TYPE_CHECKING:
    from hallway.store.search import SearchIndex


def _commands() -> type[Provider]:
    # Imported when the palette first opens: the first screen does not need rapidfuzz.
    from hallway.tui.commands import HallwayCommands

    return HallwayCommands


class HallwayApp(OrderedKeysApp[None]):
    """Full-screen Hallway on an open :class:`~hallway.store.db.Store`."""

    TITLE = "Hallway"
    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find the same CSS.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_commands}
    # "-tall" screens give the helper room for a three-line phrase and its category.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 (Textual API)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit from anywhere"),
        Binding("q", "quit", "Quit", show=False, tooltip="Quit (everything is already saved)"),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key"),
        Binding("d", "debrief", "Debrief", show=False, tooltip="Debrief this (or the live) event"),
        Binding("c", "contacts", "Contacts", show=False, tooltip="Lasting contacts"),
        Binding("v", "events", "Events", show=False, tooltip="All events"),
        Binding("slash", "search", "Search", show=False, tooltip="Search people and topics"),
        # Priority, so focus has moved before the next key is handed on: text typed right
        # after Tab (fast, or in one SSH burst) lands in the next field, not the one before.
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "help": "app: help (every key)",
        "quit": "app: quit",
        "debrief": "debrief: open",
        "contacts": "contacts: open",
        "events": "event: show all events",
        "search": "search: people, topics and notes",
        "export('vcard')": "export: contacts to a vCard file (phones)",
        "export('ics')": "export: follow-ups and catch-ups to a calendar file",
        "export('markdown')": "export: this event's debrief as Markdown",
        "export('json')": "export: everything as a JSON backup",
    }

    def __init__(self, store: Store, *, demo: bool = False, poll_interval: float = 1.0) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self.poll_interval = poll_interval
        self.search_index: SearchIndex | None = None
        # Saved while the index was being built from an older copy: applied once it is ready.
        self._pending: list[RecordsSaved] = []
        self._building = False
        self._asking_to_quit = False
        self._index_generation = 0  # only the newest build's index is kept
        self._home = ""
        self._loads_seen = store.outside_loads
        self._heap = StartupHeap()

    def on_mount(self) -> None:
        """Open on the live event (or on Events), say what the store noticed, start polling."""
        self._heap.pause()  # until the index is built: see hallway.tui.heap
        self.theme = "nord"
        live = self.store.live_event()
        if live is not None:
            self._open_event(live.id)
        else:
            self._show_events()
        self._tell_notices()
        self.set_interval(self.poll_interval, self._poll)
        # After the first screen is drawn: building the index must not delay it.
        self.call_after_refresh(self._rebuild_index)

    def on_unmount(self) -> None:
        """Closing before the index was built: the collector must not stay paused."""
        self._heap.resume()

    def _tell_notices(self) -> None:
        """Say what the store noticed (a restored backup, a journal it could not tidy), once."""
        for notice in self.store.take_notices():
            self.notify(visible(notice), title="Your data", timeout=15, markup=False)

    def _poll(self) -> None:
        # A cheap stat check; screens below the top one reload when they are shown again.
        # Other processes' saves may also have been loaded by a save of ours (screens show
        # their own saves without re-reading everything), hence the load count.
        try:
            changed = self.store.refresh()
        except HallwayError as error:  # e.g. the file was damaged and nothing good is left
            self.notify(visible(str(error)), title="Your data", severity="error", markup=False)
            return
        finally:
            self._tell_notices()
        if changed or self.store.outside_loads != self._loads_seen:
            self._loads_seen = self.store.outside_loads
            self._rebuild_index()
            self.screen.post_message(StoreChanged())

    def action_export(self, kind: str) -> None:
        """Ask where to write an export, then write it in the background."""
        from hallway.tui.screens.export import EXPORTS, ExportModal

        screen = self.screen
        event_id = screen.current_event_id() if isinstance(screen, HallwayScreen) else None

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._export(kind, path, event_id, self.store.frozen())

        self.push_screen(ExportModal(EXPORTS[kind], Path.home()), chosen)

    @work(thread=True, group="export")
    def _export(self, kind: str, path: Path, event_id: int | None, frozen: Store) -> None:
        from hallway.store.interop.common import write_private
        from hallway.tui.screens.export import export_bytes

        try:
            write_private(path, export_bytes(frozen, kind, event_id))
        except (HallwayError, OSError) as error:
            message = str(error) if isinstance(error, HallwayError) else f"{error.strerror}."
            self.call_from_thread(
                self.notify, visible(message), title="Not exported", severity="error", markup=False
            )
            return
        self.call_from_thread(
            self.notify,
            visible(f"Written to {path} (only you can read it)."),
            title="Exported",
            markup=False,
        )

    async def action_quit(self) -> None:
        """Quit — but first ask if something typed has not been saved yet (asked once: quitting
        again while the question shows means yes)."""
        unsaved = self._unsaved_text()
        if not unsaved or self._asking_to_quit:
            await super().action_quit()
            return
        from rich.text import Text

        from hallway.tui.screens.modals import ConfirmModal

        first = unsaved[0] if len(unsaved[0]) <= 60 else unsaved[0][:59] + "…"
        question = Text.assemble(
            "You typed “", plain(first), "” and have not saved it.\nQuit anyway?"
        )

        def answer(quit_anyway: bool | None) -> None:
            self._asking_to_quit = False
            if quit_anyway:
                self.exit()

        self._asking_to_quit = True
        self.push_screen(ConfirmModal(question, "Quit"), answer)

    def _unsaved_text(self) -> list[str]:
        # Screens switched away from keep their text too (the live screen's drafts), and a
        # dialog on top may hold a note or an edit; a search box or the palette does not count.
        screens = {id(screen): screen for screen in self.screen_stack}
        screens.update(
            (id(screen), screen)
            for screen in self._installed_screens.values()
            if isinstance(screen, HallwayScreen)  # (an entry may still be a factory)
        )
        return [
            text
            for screen in screens.values()
            if isinstance(screen, HallwayScreen | AcceptingModal)
            for text in screen.unsaved()
        ]

    # -- the search index ------------------------------------------------------------------

    def _rebuild_index(self) -> None:
        self._pending, self._building = [], True
        self._index_generation += 1
        self._build_index(self.store.frozen(), self._index_generation)

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self, frozen: Store, generation: int) -> None:
        # A cancelled thread worker still runs to the end: results carry their generation.
        from hallway.store.search import SearchIndex

        try:
            with collector_paused():
                index = SearchIndex(frozen)
        except HallwayError as error:  # a damaged table found late: say so, keep running
            self.call_from_thread(self._index_failed, error, generation)
            return
        self.call_from_thread(self._index_built, index, generation)

    def _index_failed(self, error: HallwayError, generation: int) -> None:
        if generation != self._index_generation:
            return  # a newer build is on its way
        self._pending, self._building = [], False
        self._heap.resume()  # no index to wait for: the collector must not stay paused
        self.notify(visible(str(error)), title="Search", severity="error", markup=False)

    def _index_built(self, index: SearchIndex, generation: int) -> None:
        if generation != self._index_generation:
            return  # built from an older copy; a newer build is on its way
        pending, self._pending, self._building = self._pending, [], False
        for saved in pending:
            self._apply(index, saved)
        self.search_index = index
        self._heap.settle(self.store)
        for screen in self._installed_screens.values():
            if isinstance(screen, HallwayScreen):
                screen.post_message(IndexReady())

    def on_records_saved(self, message: RecordsSaved) -> None:
        """Keep search current after a screen saved something (cheap, per record)."""
        if self._building:  # the index being built may predate this save: apply it again
            self._pending.append(message)
        if self.search_index is not None:
            self._apply(self.search_index, message)

    @staticmethod
    def _apply(index: SearchIndex, saved: RecordsSaved) -> None:
        for kind, record_id in saved.removed:
            index.remove(kind, record_id)
        for record in saved.records:
            index.update(record)

    # -- screens ---------------------------------------------------------------------------

    def on_open_event(self, message: OpenEvent) -> None:
        """Show an event's people (a screen or the palette asked)."""
        self._open_event(message.event_id, message.encounter_id)

    def on_show_events(self, message: ShowEvents) -> None:
        """Show the events screen."""
        self._show_events()

    def on_show_debrief(self, message: ShowDebrief) -> None:
        """Show an event's debrief."""
        self._debrief(message.event_id)

    def on_show_contacts(self, message: ShowContacts) -> None:
        """Show the contacts, one selected if asked."""
        from hallway.tui.screens.contacts import ContactsScreen

        screen = self._show("contacts", lambda: ContactsScreen(self.store, demo=self.demo))
        if message.contact_id is not None and isinstance(screen, ContactsScreen):
            screen.select(message.contact_id)

    def on_show_search(self, message: ShowSearch) -> None:
        """Show search with a query typed."""
        from hallway.tui.screens.search import SearchScreen

        screen = self._show(
            "search", lambda: SearchScreen(self.store, lambda: self.search_index, demo=self.demo)
        )
        if isinstance(screen, SearchScreen):
            screen.set_query(message.query)

    def on_go_back(self, message: GoBack) -> None:
        """Back to where the person was before debrief, contacts or search."""
        if self._home and self.is_screen_installed(self._home):
            self._switch(self._home)
        else:
            self._show_events()

    def _open_event(self, event_id: int, encounter_id: int | None = None) -> None:
        from hallway.tui.screens.live import LiveScreen

        screen = self._show(
            f"live:{event_id}",
            lambda: LiveScreen(self.store, event_id, demo=self.demo, select=encounter_id),
        )
        self._home = f"live:{event_id}"
        if encounter_id is not None and isinstance(screen, LiveScreen):
            screen.select(encounter_id)

    def _show_events(self) -> None:
        from hallway.tui.screens.events import EventsScreen

        self._show("events", lambda: EventsScreen(self.store, demo=self.demo))
        self._home = "events"

    def _debrief(self, event_id: int | None) -> None:
        from hallway.tui.screens.debrief import DebriefScreen

        if event_id is None:
            current = self.screen
            if isinstance(current, HallwayScreen):
                event_id = current.current_event_id()
        if event_id is None:
            live = self.store.live_event()
            event_id = live.id if live is not None else None
        if event_id is None:
            self.notify(
                "Nothing is live. Pick an event on the events screen (v), then press d.",
                title="Which event?",
                markup=False,
            )
            return
        chosen = event_id
        self._show(f"debrief:{chosen}", lambda: DebriefScreen(self.store, chosen, demo=self.demo))

    def _show(self, name: str, make: Callable[[], HallwayScreen]) -> HallwayScreen:
        """Switch to the installed screen ``name`` (installing it first if needed)."""
        if not self.is_screen_installed(name):
            self.install_screen(make(), name)
        screen = self.get_screen(name)
        self._switch(name)
        assert isinstance(screen, HallwayScreen)
        return screen

    def _switch(self, name: str) -> None:
        # One full screen at a time (plus modals on top): switching never piles screens up.
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HallwayScreen):
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(name)
        else:
            self.push_screen(name)

    # -- keys that work everywhere ---------------------------------------------------------

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from hallway.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_debrief(self) -> None:
        """Debrief the event on screen (or the live one)."""
        self._debrief(None)

    def action_contacts(self) -> None:
        """Show the lasting contacts."""
        self.post_message(ShowContacts())

    def action_events(self) -> None:
        """Show all events."""
        self._show_events()

    def action_search(self) -> None:
        """Search people, organisations, topics and notes."""
        self.post_message(ShowSearch())
