"""What every Hallway screen shares: the store, error reporting, messages to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.message import Message
from textual.screen import Screen

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.records import Contact, Encounter, Event
from hallway.store.text import visible
from hallway.tui.messages import OpenEvent, RecordsSaved, ShowContacts, StoreChanged
from hallway.widgets.text import plain, sentence

if TYPE_CHECKING:
    # Only a Literal; importing search at startup would pull in rapidfuzz.
    from hallway.store.search import SearchHit


def open_hit(screen: HallwayScreen, hit: SearchHit) -> Message | None:
    """The message that opens a search hit (a person at their event, a contact, an event),
    or None after telling the user it is gone. Topic hits are each caller's own business."""
    if hit.kind == "contact":
        return ShowContacts(hit.id)
    if hit.kind == "event":
        return OpenEvent(hit.id)
    try:
        encounter = screen.store.encounter(hit.id)
    except HallwayError as error:  # removed by another process since the index was built
        screen.report(error, title="Gone")
        return None
    return OpenEvent(encounter.event_id, encounter.id)


def size_classes(app: App[object]) -> list[str]:
    """The classes the app's breakpoints give a screen of the app's size (as Textual
    works them out when a screen is resized: the last breakpoint reached in each
    direction)."""
    width, height = app.size
    found = []
    for extent, breakpoints in (
        (width, app.HORIZONTAL_BREAKPOINTS or []),
        (height, app.VERTICAL_BREAKPOINTS or []),
    ):
        reached = [name for at, name in sorted(breakpoints) if extent >= at]
        found += reached[-1:]
    return found


class HallwayScreen(Screen[None]):
    """A full screen over the store. Subclasses implement :meth:`reload`, and :meth:`unsaved`
    when they hold typed text (the app's :class:`~hallway.tui.quitting.HoldsUnsavedText`).

    ``COMMAND_TITLES`` maps this screen's actions to command-palette titles ("noun: verb"); the
    palette offers those whose action currently applies (``check_action``).
    """

    COMMAND_TITLES: ClassVar[dict[str, str]] = {}

    def __init__(self, store: Store, *, demo: bool = False) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        # The size classes Textual's breakpoints give a screen when it is first sized, given
        # now from the app's size: its widgets are styled once when mounted, not once more
        # on that first resize (~6 ms of start-up on the live screen).
        self.add_class(*size_classes(self.app))

    def reload(self) -> None:
        """Re-read what the screen shows from the store."""
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        """Coming back (or first showing): the data may have changed meanwhile."""
        self.reload()

    def on_store_changed(self, message: StoreChanged) -> None:
        """Another process saved: show its changes."""
        self.reload()

    def unsaved(self) -> list[str]:
        """Text typed on this screen and not saved yet (asked about before quitting)."""
        return []

    def current_event_id(self) -> int | None:
        """The event this screen is about, for ``d`` (debrief); None: the live event."""
        return None

    def announce_saved(self, *records: Event | Encounter | Contact) -> None:
        """Tell the app what was saved, so search finds it at once."""
        self.post_message(RecordsSaved(list(records)))

    def report(self, error: HallwayError, title: str | None = None) -> None:
        """Tell the person plainly that something was not done (the message may quote input)."""
        self.notify(
            visible(str(error)),
            title=_("Not saved") if title is None else title,
            severity="error",
            markup=False,
        )

    # -- event actions shared by every screen (keys on the events screen, palette anywhere) --

    def action_start_event(self) -> None:
        """Ask for a name and place, then make that new event the live one."""
        self._ask_new_event("", "")

    def _ask_new_event(self, name: str, place: str) -> None:
        from hallway.tui.screens.modals import NewEventModal

        def start(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            try:
                event = self.store.create_event(answer[0], answer[1], live=True)
            except HallwayError as error:
                self.report(error)
                self._ask_new_event(*answer)  # keep what was typed
                return
            self.post_message(OpenEvent(event.id))

        self.app.push_screen(NewEventModal(name, place), start)

    def action_end_live_event(self) -> None:
        """Ask, then end the live event (captures stop going to it)."""
        from hallway.tui.screens.modals import ConfirmModal

        live = self.store.live_event()
        if live is None:
            self.notify(_("No event is live right now."))
            return
        question = sentence(
            _("End {event} now?\nNew people will no longer be added to it."),
            event=plain(live.name, "bold"),
        )

        def end(yes: bool | None) -> None:
            if not yes:
                return
            try:
                ended = self.store.end_event(live.id)
            except HallwayError as error:
                self.report(error, title=_("Not ended"))
                return
            self.announce_saved(ended)
            self.event_ended(ended)
            self.refresh_bindings()
            # The debrief is the natural next step: say which key opens it.
            self.notify(
                _(
                    "{event} has ended. Press d to debrief it: choose the few people who mattered."
                ).format(event=visible(ended.name)),
                title=_("Event ended"),
                markup=False,
            )

        self.app.push_screen(ConfirmModal(question, _("End event")), end)

    def event_ended(self, event: Event) -> None:
        """The live event was just ended from this screen: show it as ended (and make it the
        one ``d`` debriefs)."""
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "end live event" when nothing is live."""
        if action == "end_live_event":
            return self.store.live_event() is not None
        return True
