"""The live screen: who you met at an event, what you talked about, and a helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from hallway.store import clock
from hallway.store.conversations import fill_next_met, is_talking
from hallway.store.db import Store
from hallway.store.errors import CaptureError, HallwayError, NotFound
from hallway.store.i18n import N_, _
from hallway.store.records import Encounter, Event
from hallway.store.text import and_list, compact_day, visible
from hallway.tui.messages import IndexReady, LiveScreenReady, ShowEvents
from hallway.tui.screens.base import HallwayScreen
from hallway.tui.screens.live_fixes import CaptureFixes, conversation_length
from hallway.tui.screens.live_helper import HelperLines
from hallway.tui.screens.panes import PanedScreen
from hallway.widgets.capture import CaptureBar
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.helper import HelperActions, HelperMode, HelperPane
from hallway.widgets.notes import NotesPane
from hallway.widgets.people import PeopleList
from hallway.widgets.timer import ConversationTimer
from hallway.widgets.topbar import TopBar

if TYPE_CHECKING:
    from hallway.store.remet import MetBefore

EMPTY_PEOPLE = N_("No one yet — press n and type a name.")
NAME_INDEX = "name index"  # the worker that gets "met before" ready


# Actions that need a selected person.
PERSON_ACTIONS = frozenset(
    {
        "add_note",
        "add_follow_up",
        "add_circle_note",
        "toggle_meaningful",
        "end_conversation",
        "edit_person",
        "remove_person",
    }
)
# Keys that move focus into the capture bar are *priority* bindings: the app runs them before
# it hands on the next key, so text typed right after n (fast, or in one SSH burst) lands in
# the bar instead of reaching the list as commands. In the bar they are just letters.
TO_BAR = frozenset({"new_person", "add_note", "add_follow_up", "add_circle_note"})
# Keys that are the bar's own while typing (enter saves the line there).
KEYS_OFF_IN_THE_BAR = frozenset({"edit_person", "remove_person", "undo_remove"})


class LiveScreen(PanedScreen):
    """One event's people (newest first), the selected person's notes, the helper, capture.

    On a narrow terminal one pane at a time (People · Notes · Helper): ``s`` and ``l`` show
    the Helper with the new line, ``t`` and ``f`` the Notes as the note is typed, and a new
    person is shown selected in People.
    """

    PANES = (("people", N_("People")), ("notes", N_("Notes")), ("helper", N_("Helper")))

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_person", N_("New"), tooltip=N_("Capture a new person"), priority=True),
        Binding(
            "t",
            "add_note",
            N_("Note"),
            tooltip=N_("Add a note to the selected person"),
            priority=True,
        ),
        Binding(
            "f",
            "add_follow_up",
            N_("Promise"),
            tooltip=N_("Note a follow-up promise"),
            priority=True,
        ),
        # Only for someone met in a circle (check_action); Notes says so beside the circle,
        # where it matters, rather than in a footer already full at 80 columns.
        Binding(
            "w",
            "add_circle_note",
            N_("Circle note"),
            show=False,
            tooltip=N_("Add a note for everyone in the person's circle"),
            priority=True,
        ),
        Binding(
            "m",
            "toggle_meaningful",
            N_("Meaningful"),
            show=False,
            tooltip=N_("Mark or unmark as meaningful"),
        ),
        Binding(
            "s", "helper('starter')", N_("Keep going"), tooltip=N_("Next conversation starter")
        ),
        Binding("l", "helper('exit')", N_("Leave"), tooltip=N_("Next kind way to leave")),
        Binding(
            "e", "end_conversation", N_("End"), tooltip=N_("Stamp the end of the conversation")
        ),
        # Priority, so enter on the list opens the person rather than the list's own select
        # (which a click also triggers: a tap only selects). In the bar, enter saves.
        Binding(
            "enter",
            "edit_person",
            N_("Open"),
            show=False,
            tooltip=N_("Fix the name, work, topics or notes"),
            priority=True,
        ),
        Binding(
            "x,delete",
            "remove_person",
            N_("Remove"),
            show=False,
            tooltip=N_("Remove a capture made by mistake (u brings it back)"),
        ),
        Binding("u", "undo_remove", N_("Undo"), tooltip=N_("Bring back the person just removed")),
        Binding("escape", "back", N_("Back to the list"), show=False),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "new_person": N_("person: new"),
        "add_note": N_("person: add a note"),
        "add_follow_up": N_("person: add a follow-up promise"),
        "editor": N_("person: write the note or promise in your editor (ctrl+e)"),
        "add_circle_note": N_("person: add a note for everyone in their circle"),
        "toggle_meaningful": N_("person: toggle meaningful"),
        "end_conversation": N_("person: end the conversation"),
        "edit_person": N_("person: fix name, work, topics or notes"),
        "remove_person": N_("person: remove (a capture made by mistake)"),
        "undo_remove": N_("person: bring back the one just removed"),
        "helper('starter')": N_("helper: keep it going"),
        "helper('exit')": N_("helper: leave gracefully"),
        "start_event": N_("event: start a new live event"),
        "end_live_event": N_("event: end live event"),
    }

    def __init__(
        self, store: Store, event_id: int, *, demo: bool = False, select: int | None = None
    ) -> None:
        super().__init__(store, demo=demo)
        self.event_id = event_id
        self.selected: Encounter | None = None
        self._select_next = select
        self._people: dict[int, Encounter] = {}
        self._target: Encounter | None = None
        self.helper = HelperLines(self)
        self._ready = False
        self._event: Event | None = None
        self.fixes = CaptureFixes(self)
        # Met before, per person on screen (None: not someone you know); forgotten on saves.
        self._known: dict[int, MetBefore | None] = {}
        self._warming = False

    def compose(self) -> ComposeResult:
        """People on the left; notes, timer and helper on the right; capture below."""
        yield TopBar(demo=self.demo)
        yield self.compose_switcher()
        with Horizontal(id="live-body"):
            with Vertical(id="people-box") as people_box:
                people_box.border_title = _("People I met")
                yield PeopleList(id="people")
                yield Static(_(EMPTY_PEOPLE), id="people-empty", markup=False)
            with Vertical(id="live-side"):
                notes = NotesPane(id="notes")
                notes.border_title = _("Notes")
                yield notes
                with Vertical(id="helper-side"):
                    yield ConversationTimer(id="timer")
                    # A box that scrolls, so a helper line is always shown whole.
                    with VerticalScroll(id="helper-box"):
                        yield HelperPane(id="helper")
                        yield HelperActions(id="helper-actions")
        yield CaptureBar(id="capture")
        yield HallwayFooter()

    @property
    def people_list(self) -> PeopleList:
        """The "People I met" list."""
        return self.query_one("#people", PeopleList)

    @property
    def capture_bar(self) -> CaptureBar:
        """The capture bar."""
        return self.query_one("#capture", CaptureBar)

    def pane_container(self, pane: str) -> Widget:
        """People in their box, the notes, the helper in its scrolling box."""
        return self.query_one({"people": "#people-box", "notes": "#notes"}.get(pane, "#helper-box"))

    def on_mount(self) -> None:
        """Start in the list, ready for j/k and the single-key actions."""
        # At once: Widget.focus() waits for the app's queue to drain, so with keys already
        # arriving (n and a name typed right away) it would pull focus out of the bar.
        self.set_focus(self.people_list)

    # -- data ------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Re-read the event and its people; keep the cursor on the same person."""
        try:
            event = self.store.event(self.event_id)
        except NotFound as error:
            self.report(error, title=_("Event gone"))
            self.post_message(ShowEvents())
            return
        self._event = event
        self._known.clear()
        # After the first screen is drawn, and after other processes' saves: never on a key.
        self._warm_names_soon()
        people = self.store.encounters(self.event_id)
        self._people = {person.id: person for person in people}
        place = event.place
        when = compact_day(event.starts.date()) if event.starts else ""
        detail = " · ".join(part for part in (place, when) if part)
        self.query_one(TopBar).show_title(event.name, detail, live=event.live)
        self._show_people(people, select)

    def _show_saved(self, saved: Encounter) -> None:
        """Show a person this screen just saved without re-reading the whole event (a
        thousand people at a big event); other processes' saves come with the app's poll."""
        if saved.event_id != self.event_id:
            self.reload(select=saved.id)
            return
        self._known.clear()  # a save may change who someone is, or what you promised them
        if saved.id not in self._people:
            self.fixes.captured()  # a new capture: the last removal is final now
        self._people[saved.id] = saved
        for other in saved.circle:  # one conversation: an end, a note, an edit reach them all
            if other in self._people:
                try:
                    self._people[other] = self.store.encounter(other)
                except NotFound:
                    del self._people[other]  # removed meanwhile by another process
        people = sorted(self._people.values(), key=lambda e: (e.met_at, e.id), reverse=True)
        fill_next_met(people)  # a new capture ends the conversation before it
        self._people = {person.id: person for person in people}
        self._show_people(people, saved.id)

    def show_saved(self, saved: Encounter) -> None:
        """Show a person just saved (by this screen or its fixes), selected."""
        self._show_saved(saved)

    def forget(self, encounter_id: int) -> None:
        """Take a person just removed off the list."""
        self._known.clear()
        self._people.pop(encounter_id, None)
        self._show_people(list(self._people.values()), None)

    def _show_people(self, people: list[Encounter], select: int | None) -> None:
        keep = select or self._select_next or self.people_list.selected_id
        self._select_next = None
        self.query_one("#people-empty").display = not people
        self.people_list.display = bool(people)
        self.people_list.show_people(people, keep)
        # Select at once rather than when the list's Highlighted message arrives, so a key
        # pressed right after a save (t, f, m, e) acts on the person just shown.
        self._show_person(self.people_list.selected_id)
        if not self._ready:
            self._ready = True
            self.call_after_refresh(self.post_message, LiveScreenReady())

    def on_screen_suspend(self) -> None:
        """Left for another full screen (not a dialog on top): an ended event asks again,
        next visit, before a new person joins it."""

        def forget_the_answer() -> None:
            if isinstance(self.app.screen, HallwayScreen) and self.app.screen is not self:
                self.fixes.adding_to_past = False

        self.call_after_refresh(forget_the_answer)

    def select(self, encounter_id: int) -> None:
        """Put the cursor on one person (e.g. a palette jump); works before the first show."""
        self._select_next = encounter_id
        if self.is_mounted:
            self.reload(select=encounter_id)
            self.people_list.focus()

    def unsaved(self) -> list[str]:
        """What is typed in the capture bar, and its drafts."""
        return self.capture_bar.unsaved()

    def current_event_id(self) -> int | None:
        """This screen's event (``d`` debriefs it)."""
        return self.event_id

    @on(PeopleList.Highlighted)
    def _highlighted(self, message: PeopleList.Highlighted) -> None:
        self._show_person(message.encounter_id)

    def _show_person(self, encounter_id: int | None) -> None:
        person = self._people.get(encounter_id) if encounter_id else None
        if (person and person.id) != (self.selected and self.selected.id):
            self.helper.cleared()
            # Repaint every cell, not just what changed: a terminal that draws some
            # character wider or narrower than counted must not leave stray cells behind.
            self.refresh()
        self.selected = person
        self.switcher.show_selected(person.name if person else "")
        self._show_notes(person)
        self.query_one(ConversationTimer).follow(person)
        self.refresh_bindings()

    def _show_notes(self, person: Encounter | None, *, keep_scroll: bool = False) -> None:
        found = self.met_before(person) if person is not None else None
        self.query_one(NotesPane).show_person(
            person,
            clock.today(),
            known=found.line if found else "",
            circle=[other.name for other in self._circle(person)] if person else [],
            keep_scroll=keep_scroll,
        )

    def _circle(self, person: Encounter) -> list[Encounter]:
        """The others who shared the person's conversation (all at this event: on screen)."""
        return [self._people[i] for i in person.circle if i in self._people]

    def _everyone(self, person: Encounter) -> str:
        """The person and the rest of their circle by first name: "Ana, Ben and Cy"."""
        return and_list([p.first_name for p in (person, *self._circle(person))])

    # -- met before ------------------------------------------------------------------------

    def met_before(self, person: Encounter) -> MetBefore | None:
        """Whether ``person`` is someone you know already (a contact, or met at an earlier
        event), as far as the name index can say at once; None until it is ready (a worker
        gets it ready, and Notes says it then)."""
        if person.id in self._known:
            return self._known[person.id]
        if getattr(self.app, "search_index", None) is None:
            return None  # the name index is built after the search index (IndexReady)
        from hallway.store import remet

        if not remet.index_ready(self.store):
            self._warm_names_soon()
            return None
        found = self._known[person.id] = remet.met_before(self.store, person)
        return found

    def _warm_names_soon(self) -> None:
        """Build the name index once the search index is ready (it is the first thing a
        start builds; both at once would slow the first screen): now, or on IndexReady."""
        if getattr(self.app, "search_index", None) is not None:
            self.call_after_refresh(self._warm_names)

    @on(IndexReady)
    def _search_ready(self) -> None:
        self.call_after_refresh(self._warm_names)

    def _warm_names(self) -> None:
        """Build the name index in a worker when it cannot answer at once (at first, and
        after other processes' saves were loaded): a keystroke never waits for it."""
        from hallway.store import remet

        if self._warming or not self.is_mounted or remet.index_ready(self.store):
            return
        self._warming = True
        build = remet.name_index_builder(self.store)  # freezes a copy: about a millisecond
        self.run_worker(build, name=NAME_INDEX, thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The name index is ready (or could not be built): say who is known."""
        if event.worker.name != NAME_INDEX or not event.worker.is_finished:
            return
        self._warming = False
        if event.state == WorkerState.ERROR:
            # Only "met before" is missing; everything else works: say so once, quietly.
            self.notify(
                visible(
                    _("Could not look up who you met before: {error}").format(
                        error=event.worker.error
                    )
                ),
                title=_("Met before"),
                severity="warning",
                markup=False,
            )
            return
        self._known.clear()
        self._show_notes(self.selected, keep_scroll=True)

    @on(ConversationTimer.Stopped)
    def _went_quiet(self) -> None:
        # The conversation on screen ended by itself (thirty quiet minutes): Notes and the
        # footer's e say so too, as the timer does.
        self._show_notes(self.selected, keep_scroll=True)
        self.refresh_bindings()

    @on(PeopleList.Opened)
    def _opened(self) -> None:
        self.query_one(NotesPane).focus()

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what does not apply: person actions with no one selected, "end" once ended."""
        if action in TO_BAR | KEYS_OFF_IN_THE_BAR and self.focused is self.capture_bar.input:
            return False  # typed into the bar
        if action == "undo_remove":
            return self.fixes.removed is not None
        if action in PERSON_ACTIONS and self.selected is None:
            return False
        person = self.selected
        if action == "add_circle_note":
            return person is not None and bool(self._circle(person))
        if action == "end_conversation" and person and not is_talking(person, clock.now()):
            return False
        if action == "back":
            return self.focused is not self.people_list
        if action == "editor":  # the palette's way to the bar's ctrl+e
            bar = self.capture_bar
            return self.focused is bar.input and bool(bar.check_action("editor", parameters))
        return super().check_action(action, parameters)

    def action_editor(self) -> None:
        """Open the note or promise being written in the user's editor."""
        self.capture_bar.action_editor()

    def action_new_person(self) -> None:
        """Focus the capture bar for a new person."""
        self.capture_bar.begin("person")

    def action_add_note(self) -> None:
        """Write a note about the selected person in the capture bar."""
        if self.selected is not None:
            self._target = self.selected
            self.show_pane("notes", focus=False)  # one pane at a time: the notes, as typed
            self.capture_bar.begin("note", self.selected.name, self.selected.id)

    def action_add_follow_up(self) -> None:
        """Write a promise made to the selected person in the capture bar."""
        if self.selected is not None:
            self._target = self.selected
            self.show_pane("notes", focus=False)
            self.capture_bar.begin("promise", self.selected.name, self.selected.id)

    def action_add_circle_note(self) -> None:
        """Write one note for everyone in the selected person's circle in the capture bar."""
        person = self.selected
        if person is not None and self._circle(person):
            self._target = person
            self.show_pane("notes", focus=False)
            self.capture_bar.begin("circle", self._everyone(person), person.id)

    def action_toggle_meaningful(self) -> None:
        """Mark or unmark the selected person as meaningful (saved at once)."""
        if self.selected is not None:
            self._change(lambda person_id: self.store.toggle_meaningful(person_id))

    def action_end_conversation(self) -> None:
        """Stamp the end of the conversation with the selected person (the timer stops)."""
        if self.selected is not None:
            ended = self._change(lambda person_id: self.store.end_conversation(person_id))
            if ended is not None and ended.ended_at is not None:
                length = conversation_length(ended.ended_at - ended.met_at)
                self.capture_bar.say(
                    _("Ended your conversation with {first} ({length}).").format(
                        first=ended.first_name, length=length
                    )
                )

    def action_edit_person(self) -> None:
        """Open the selected person to fix a capture: name, work, topics and notes."""
        if self.selected is not None:
            self.fixes.edit(self.selected)

    def action_remove_person(self) -> None:
        """Remove the selected capture (a mistake); ``u`` brings it back until the next one."""
        if self.selected is not None:
            self.fixes.remove(self.selected)

    def action_undo_remove(self) -> None:
        """Bring back the person just removed."""
        self.fixes.undo()

    def _change(self, change: Callable[[int], Encounter]) -> Encounter | None:
        assert self.selected is not None
        try:
            changed = change(self.selected.id)
        except HallwayError as error:
            self.report(error)
            return None
        self.announce_saved(changed)
        self._show_saved(changed)
        return changed

    def action_helper(self, mode: HelperMode) -> None:
        """Show the next helper line of ``mode``, for the selected person (in German, in the
        event's address form: asked once)."""
        self.helper.next_line(mode)
        if self.narrow:
            self.show_pane("helper")

    @on(HelperActions.Asked)
    def _helper_asked(self, message: HelperActions.Asked) -> None:
        self.helper.tapped(message.mode)

    def on_key(self, event: events.Key) -> None:
        """The German helper's keys (a: du or Sie; 1 and 2 answer its question), outside
        text fields and dialogs; see :mod:`hallway.tui.screens.live_helper`."""
        if isinstance(self.focused, Input) or self.app.screen is not self:
            return
        if self.helper.key(event.key):
            event.stop()
            event.prevent_default()
            if self.narrow:
                self.show_pane("helper")

    def current_event(self) -> Event | None:
        """The event as last read (None before the first read)."""
        return self._event

    def set_event(self, event: Event) -> None:
        """Keep a fresher copy of this screen's event (just saved)."""
        self._event = event

    def action_back(self) -> None:
        """Back to the people list."""
        self.people_list.focus()

    # -- the capture bar -------------------------------------------------------------------

    @on(CaptureBar.Submitted)
    def _submitted(self, message: CaptureBar.Submitted) -> None:
        bar = self.capture_bar
        if message.mode == "person" and self.fixes.ask_before_adding(self._event, message.text):
            return
        circle: list[Encounter] = []
        try:
            if message.mode == "person":
                circle = self.store.capture_people(message.text, self.event_id)
                saved = circle[0]
                done = _("Saved {names}.").format(names=and_list([p.name for p in circle]))
            elif self._target is None:
                bar.refuse(_("No one is selected: pick a person in the list, then t or f."))
                return
            elif message.mode == "note":
                saved = self.store.add_note(self._target.id, message.text)
                done = _("Note saved for {name}.").format(name=saved.name)
            elif message.mode == "circle":
                saved = self.store.add_note(self._target.id, message.text, whole_circle=True)
                done = _("Note saved for {name}.").format(name=self._everyone(saved))
            else:
                saved = self.store.add_follow_up(self._target.id, message.text)
                done = _("Promise to {name} saved.").format(name=saved.name)
        except CaptureError as error:
            bar.refuse(str(error))
            return
        except HallwayError as error:
            self.report(error)
            bar.refuse(str(error))
            return
        self._target = None
        if message.mode != "person" and self.narrow:
            self.show_pane("notes")  # one pane at a time: the note just saved
        else:
            self.set_focus(self.people_list)  # the person just saved, selected
        self.announce_saved(*(circle or [saved]))
        if len(circle) > 1:
            self.reload(select=saved.id)  # everyone in the circle; the first one selected
        else:
            self._show_saved(saved)
        if circle:
            known = self._known_words(circle)
            if known:
                done = _("{saved} {known} n for the next person.").format(saved=done, known=known)
            else:
                done = _("{saved} n for the next person.").format(saved=done)
        bar.reset(done)

    def _known_words(self, circle: list[Encounter]) -> str:
        """ "You know Maya: met at PyCon Berlin 2025." for the first person just captured
        whom you know already ("" for none)."""
        for person in circle:
            found = self.met_before(person)
            if found is not None:
                if found.event:
                    return _("You know {first}: met at {event}.").format(
                        first=person.first_name, event=found.event.name
                    )
                return _("You know {first}: in your contacts.").format(first=person.first_name)
        return ""

    @on(CaptureBar.Cancelled)
    def _cancelled(self) -> None:
        # Escape keeps what was typed (even a long paragraph): ctrl+u in the bar clears it.
        self._target = None
        if self.narrow:
            self.show_pane(self.pane)  # back to the pane shown while typing
        else:
            self.set_focus(self.people_list)
        self.capture_bar.put_away()
