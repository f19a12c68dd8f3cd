"""The Hallway app, thin on purpose: start-up, which screen to show, and the keys that work
everywhere. Each other concern has its own helper: the search index (``indexing``), other
processes' saves (``polling``), the question before quitting (``quitting``), the screens kept
installed (``screens/kept``) and exports (``screens/export``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from hallway.store.db import Store
from hallway.store.i18n import N_, _
from hallway.tui.drafts import DraftKeeper
from hallway.tui.indexing import SearchIndexing
from hallway.tui.messages import (
    GoBack,
    OpenEvent,
    RecordsSaved,
    ShowContacts,
    ShowDebrief,
    ShowEvents,
    ShowSearch,
    StoreChanged,
)
from hallway.tui.polling import StorePolling
from hallway.tui.quitting import QuitCheck
from hallway.tui.screens.base import HallwayScreen
from hallway.tui.screens.kept import KeptScreens
from hallway.tui.theming import ThemeKeeper
from hallway.widgets.cells import align_rich_widths
from hallway.widgets.colours import theme_variables
from hallway.widgets.typeahead import OrderedKeysApp

if TYPE_CHECKING:
    from hallway.store.search import SearchIndex


# Actions of the priority keys that open a screen (see BINDINGS).
SCREEN_KEYS = frozenset({"debrief", "contacts", "events", "search"})

# The longest a save in the app waits for another Hallway holding the database (a save runs
# on the UI thread): then it is refused in words, and the typed text stays in the bar.
SAVE_WAIT = 1.0


# Textual's own commands' words (title, help), marked so the catalog translates them; the
# palette shows them through ``_`` (see HallwayApp.get_system_commands). Textual's words
# unknown here are shown as Textual gives them.
SYSTEM_COMMAND_WORDS: dict[tuple[str, str], tuple[str, str]] = {
    ("Theme", "Change the current theme"): (N_("Theme"), N_("Change the current theme")),
    ("Keys", "Hide the keys and widget help panel"): (
        N_("Keys"),
        N_("Hide the keys and widget help panel"),
    ),
    ("Keys", "Show help for the focused widget and a summary of available keys"): (
        N_("Keys"),
        N_("Show help for the focused widget and a summary of available keys"),
    ),
    ("Minimize", "Minimize the widget and restore to normal size"): (
        N_("Minimize"),
        N_("Minimize the widget and restore to normal size"),
    ),
    ("Maximize", "Maximize the focused widget"): (
        N_("Maximize"),
        N_("Maximize the focused widget"),
    ),
    ("Screenshot", "Save an SVG 'screenshot' of the current screen"): (
        N_("Screenshot"),
        N_("Save an SVG 'screenshot' of the current screen"),
    ),
}


# The words of Textual's own bindings (the palette's ctrl+p, every screen's tab, shift+tab
# and copy, scrolling containers' keys), marked so the catalog translates them where the
# footer and the help show them.
TEXTUAL_KEY_WORDS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Page Left"),
    N_("Page Right"),
)


def _commands() -> type[Provider]:
    # Imported when the palette first opens: the first screen does not need rapidfuzz.
    from hallway.tui.commands import HallwayCommands

    return HallwayCommands


class HallwayApp(OrderedKeysApp[None]):
    """Full-screen Hallway on an open :class:`~hallway.store.db.Store`."""

    TITLE = "Hallway"
    # Absolute, so subclasses defined elsewhere (tests, benchmarks) find the same CSS.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    # Hallway's own commands beside Textual's (theme, keys, screenshot...).
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        *App.COMMANDS,
        _commands,
    }
    # Below ~70 columns (a phone held upright) a screen shows one pane at a time. Below 24
    # rows (a phone on its side, or with its keyboard up) bars and hints keep to one line,
    # and from 90 columns the live screen's notes and helper sit side by side there.
    # "-tall" screens give the helper room for a three-line phrase and its category.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide"), (90, "-wider")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-low"), (24, "-short"), (30, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            N_("Quit"),
            show=False,
            priority=True,
            tooltip=N_("Quit from anywhere"),
        ),
        Binding(
            "q", "quit", N_("Quit"), show=False, tooltip=N_("Quit (everything is already saved)")
        ),
        # Keys that open a screen are priority bindings: they act before the next key is
        # handed on, so keys typed right after them (fast, or in one SSH burst) wait for the
        # new screen instead of reaching the old one (see OrderedKeysApp). check_action keeps
        # them letters in a text field and idle under a dialog.
        # h too: ? and f1 need a phone keyboard's symbol layer, or are not there at all.
        Binding("question_mark,h,f1", "help", N_("Help"), tooltip=N_("Every key")),
        Binding(
            "d",
            "debrief",
            N_("Debrief"),
            show=False,
            tooltip=N_("Debrief this (or the live) event"),
            priority=True,
        ),
        Binding(
            "c",
            "contacts",
            N_("Contacts"),
            show=False,
            tooltip=N_("Lasting contacts"),
            priority=True,
        ),
        Binding("v", "events", N_("Events"), show=False, tooltip=N_("All events"), priority=True),
        Binding(
            "slash",
            "search",
            N_("Search"),
            show=False,
            tooltip=N_("Search people and topics"),
            priority=True,
        ),
        # Priority, so focus has moved before the next key is handed on: text typed right
        # after Tab (fast, or in one SSH burst) lands in the next field, not the one before.
        Binding("tab", "focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_previous", N_("Previous field"), show=False, priority=True),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "help": N_("app: help (every key)"),
        "quit": N_("app: quit"),
        "debrief": N_("debrief: open"),
        "contacts": N_("contacts: open"),
        "events": N_("event: show all events"),
        "search": N_("search: people, topics and notes"),
        "export('vcard')": N_("export: contacts to a vCard file (phones)"),
        "export('ics')": N_("export: follow-ups and catch-ups to a calendar file"),
        "export('markdown')": N_("export: this event's debrief as Markdown"),
        "export('json')": N_("export: everything as a JSON backup"),
        "export('csv')": N_("export: contacts and encounters to a spreadsheet (CSV)"),
    }

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        poll_interval: float = 1.0,
        notices: Sequence[str] = (),
        config_path: Path | None = None,
    ) -> None:
        """``notices`` are said once the app is up (problems in the config file: standard
        error, where the command line wrote them, is hidden while the app runs). A theme
        chosen in the app is remembered in the config file at ``config_path`` (None: not
        remembered)."""
        # Lay text out as terminals draw it (Indic vowel signs take a cell): see widgets/cells.
        align_rich_widths()
        super().__init__()
        self.store, self.demo, self.poll_interval = store, demo, poll_interval
        self._notices = list(notices)
        self.kept = KeptScreens(self)
        self.indexing = SearchIndexing(self, store, screens=lambda: self.kept)
        self.polling = StorePolling(self, store, changed=self._saved_elsewhere)
        self.quit_check = QuitCheck(self)
        self.drafts = DraftKeeper(self)
        self.themes = ThemeKeeper(self, store.settings.theme, config_path)
        # Before the first parse of the CSS: a theme set later would parse it all again.
        self._theme_notices = self.themes.start()
        self._home = ""  # the live event's screen, or "events": where GoBack returns
        self._open_wait = store.lock_timeout
        self._open_waiting = store.waiting

    @property
    def search_index(self) -> SearchIndex | None:
        """The search index, once built (None until then)."""
        return self.indexing.index

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and Hallway's colours fitted to it (``widgets/colours``): CSS
        and text built in code name them, so every colour follows the theme."""
        variables = super().get_css_variables()
        if getattr(self, "themes", None) is None:
            # Textual asks while the app is being made, before Hallway has chosen its theme
            # (ThemeKeeper.start, which then sets the variables again): not worth fitting.
            return variables
        variables.update(theme_variables(variables))
        return variables

    def on_mount(self) -> None:
        """Open on the live event (or on Events), then build the index and start polling."""
        self.indexing.start()  # first: the collector rests while the first screen loads
        # Once the first screen is drawn, on a worker: the first capture then does not load
        # and compile the rules and grammars saves read.
        self.call_after_refresh(
            self.run_worker, self.store.get_ready_to_save, name="ready to save", thread=True
        )
        self._open_wait, self.store.lock_timeout = self.store.lock_timeout, SAVE_WAIT
        # The command line prints waits on standard error; the screen is the app's now (a
        # refused save says in the bar that another Hallway holds the database).
        self._open_waiting, self.store.waiting = self.store.waiting, None
        live = self.store.live_event()
        if live is not None:
            self.on_open_event(OpenEvent(live.id))
        else:
            self.on_show_events(ShowEvents())
        self.polling.start(self.poll_interval)
        for notice in self._notices:
            self.notify(
                notice, title=_("Config file"), severity="warning", markup=False, timeout=10
            )
        for notice in self._theme_notices:
            self.notify(notice, title=_("Theme"), severity="warning", markup=False, timeout=10)
        if not self.demo:  # throwaway data: nothing to keep
            self.drafts.start()
            self.call_after_refresh(self.drafts.offer_back)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the app (palette: Theme) is remembered for the next start."""
        self.themes.chosen(theme)

    def on_unmount(self) -> None:
        """Closing: the collector must not stay paused, and the fold on closing may wait
        for another Hallway as long as opening may."""
        self.indexing.stop()
        self.drafts.stop()
        self.store.lock_timeout = self._open_wait
        self.store.waiting = self._open_waiting

    def _saved_elsewhere(self) -> None:
        self.indexing.rebuild()
        self.screen.post_message(StoreChanged())

    def on_records_saved(self, message: RecordsSaved) -> None:
        """Keep search current after a screen saved something."""
        self.indexing.saved(message)

    # -- which screen to show (asked by screens, the palette and the keys below) ------------

    def on_open_event(self, message: OpenEvent) -> None:
        """Show an event's people, one selected if asked."""
        from hallway.tui.screens.live import LiveScreen

        event_id, chosen = message.event_id, message.encounter_id
        self._home = f"live:{event_id}"
        screen = self.kept.show(
            self._home, lambda: LiveScreen(self.store, event_id, demo=self.demo, select=chosen)
        )
        if chosen is not None:
            screen.select(chosen)

    def on_show_events(self, message: ShowEvents) -> None:
        """Show all events."""
        from hallway.tui.screens.events import EventsScreen

        self._home = "events"
        self.kept.show(self._home, lambda: EventsScreen(self.store, demo=self.demo))

    def on_show_debrief(self, message: ShowDebrief) -> None:
        """Debrief an event: the one asked for, else the one on screen, else the live one."""
        from hallway.tui.screens.debrief import DebriefScreen

        event_id = message.event_id
        if event_id is None:
            event_id = self._event_on_screen()
        if event_id is None and (live := self.store.live_event()) is not None:
            event_id = live.id
        if event_id is None:
            text = _("Nothing is live. Pick an event on the events screen (v), then press d.")
            self.notify(text, title=_("Which event?"), markup=False)
            return
        chosen = event_id
        self.kept.show(
            f"debrief:{chosen}", lambda: DebriefScreen(self.store, chosen, demo=self.demo)
        )

    def on_show_contacts(self, message: ShowContacts) -> None:
        """Show the contacts, one selected if asked."""
        from hallway.tui.screens.contacts import ContactsScreen

        screen = self.kept.show("contacts", lambda: ContactsScreen(self.store, demo=self.demo))
        if message.contact_id is not None:
            screen.select(message.contact_id)

    def on_show_search(self, message: ShowSearch) -> None:
        """Show search with a query typed."""
        from hallway.tui.screens.search import SearchScreen

        screen = self.kept.show(
            "search", lambda: SearchScreen(self.store, lambda: self.search_index, demo=self.demo)
        )
        screen.set_query(message.query)

    def _event_on_screen(self) -> int | None:
        screen = self.screen
        return screen.current_event_id() if isinstance(screen, HallwayScreen) else None

    def on_go_back(self, message: GoBack) -> None:
        """Back to the screen the person came from (else the live event, else events)."""
        if self.kept.back():
            return
        if self._home in self.kept:
            self.kept.switch(self._home)
        else:
            self.on_show_events(ShowEvents())

    # -- keys that work everywhere ---------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, but first ask if something typed has not been saved yet."""
        # Screens switched away from keep their text too (the live screen's drafts), and a
        # dialog on top may hold a note or an edit.
        if self.quit_check.may_quit([*self.screen_stack, *self.kept]):
            await super().action_quit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, keys, screenshot...), less its "Quit": Hallway's
        "app: quit" is the same action under the palette's noun: verb wording."""
        for command in super().get_system_commands(screen):
            if command.callback != self.action_quit:
                title, help_text = SYSTEM_COMMAND_WORDS.get(
                    (command.title, command.help), (command.title, command.help)
                )
                yield SystemCommand(_(title), _(help_text), command.callback, command.discover)

    def action_command_palette(self) -> None:
        """Textual's command palette, its placeholder in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def search_themes(self) -> None:
        """Textual's theme search (palette: Theme), its placeholder in the app's language."""
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screen keys are letters in a text field, and do nothing under a dialog."""
        if action in SCREEN_KEYS and (
            isinstance(self.focused, Input) or isinstance(self.screen, ModalScreen)
        ):
            return False
        return super().check_action(action, parameters)

    def offered(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether the command palette offers one of the app's actions. The screen keys are
        off while it is open (it is a dialog, with a text field), yet it runs the one chosen
        once it has closed: so it offers them -- a tap there is how a phone keyboard without
        "/" reaches search."""
        return action in SCREEN_KEYS or self.check_action(action, parameters) is not False

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from hallway.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_export(self, kind: str) -> None:
        """Ask where to write an export, then write it in the background."""
        from hallway.tui.screens.export import ask_and_export

        ask_and_export(self, self.store, kind, self._event_on_screen())

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """An export on its way to the browser (``hallway serve``) broke off: say so."""
        if event.name == "export":
            self.notify(
                _("The download broke off before the browser had it all. Export again."),
                title=_("Not exported"),
                severity="error",
                markup=False,
            )

    def action_debrief(self) -> None:
        """Debrief the event on screen (or the live one)."""
        self.on_show_debrief(ShowDebrief())

    def action_contacts(self) -> None:
        """Show the lasting contacts."""
        self.on_show_contacts(ShowContacts())

    def action_events(self) -> None:
        """Show all events."""
        self.on_show_events(ShowEvents())

    def action_search(self) -> None:
        """Search people, organisations, topics and notes."""
        self.on_show_search(ShowSearch())
