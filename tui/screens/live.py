"""The live screen: who you met at an event, what you talked about, and a helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from hallway.store import clock
from hallway.store.conversations import fill_next_met, is_talking
from hallway.store.db import Store
from hallway.store.errors import CaptureError, HallwayError, NotFound
from hallway.store.records import Encounter, Event
from hallway.store.text import and_list
from hallway.tui.messages import LiveScreenReady, ShowEvents
from hallway.tui.screens.base import HallwayScreen
from hallway.tui.screens.live_fixes import CaptureFixes, conversation_length
from hallway.widgets.capture import CaptureBar
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.helper import HelperMode, HelperPane
from hallway.widgets.notes import NotesPane
from hallway.widgets.people import PeopleList
from hallway.widgets.timer import ConversationTimer
from hallway.widgets.topbar import TopBar

if TYPE_CHECKING:
    from hallway.store.phrases import PhraseDeck

EMPTY_PEOPLE = "No one yet — press n and type a name."


# Actions that need a selected person.
PERSON_ACTIONS = frozenset(
    {
        "add_note",
        "add_follow_up",
        "toggle_meaningful",
        "end_conversation",
        "edit_person",
        "remove_person",
    }
)
# Keys that move focus into the capture bar are *priority* bindings: the app runs them before
# it hands on the next key, so text typed right after n (fast, or in one SSH burst) lands in
# the bar instead of reaching the list as commands. In the bar they are just letters.
TO_BAR = frozenset({"new_person", "add_note", "add_follow_up"})
# Keys that are the bar's own while typing (enter saves the line there).
KEYS_OFF_IN_THE_BAR = frozenset({"edit_person", "remove_person", "undo_remove"})


class LiveScreen(HallwayScreen):
    """One event's people (newest first), the selected person's notes, the helper, capture."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_person", "New", tooltip="Capture a new person", priority=True),
        Binding(
            "t", "add_note", "Note", tooltip="Add a note to the selected person", priority=True
        ),
        Binding("f", "add_follow_up", "Promise", tooltip="Note a follow-up promise", priority=True),
        Binding(
            "m",
            "toggle_meaningful",
            "Meaningful",
            show=False,
            tooltip="Mark or unmark as meaningful",
        ),
        Binding("s", "helper('starter')", "Keep going", tooltip="Next conversation starter"),
        Binding("l", "helper('exit')", "Leave", tooltip="Next kind way to leave"),
        Binding("e", "end_conversation", "End", tooltip="Stamp the end of the conversation"),
        # Priority, so enter on the list opens the person rather than the list's own select
        # (which a click also triggers: a tap only selects). In the bar, enter saves.
        Binding(
            "enter",
            "edit_person",
            "Open",
            show=False,
            tooltip="Fix the name, work, topics or notes",
            priority=True,
        ),
        Binding(
            "x,delete",
            "remove_person",
            "Remove",
            show=False,
            tooltip="Remove a capture made by mistake (u brings it back)",
        ),
        Binding("u", "undo_remove", "Undo", tooltip="Bring back the person just removed"),
        Binding("escape", "back", "Back to the list", show=False),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "new_person": "person: new",
        "add_note": "person: add a note",
        "add_follow_up": "person: add a follow-up promise",
        "editor": "person: write the note or promise in your editor (ctrl+e)",
        "toggle_meaningful": "person: toggle meaningful",
        "end_conversation": "person: end the conversation",
        "edit_person": "person: fix name, work, topics or notes",
        "remove_person": "person: remove (a capture made by mistake)",
        "undo_remove": "person: bring back the one just removed",
        "helper('starter')": "helper: keep it going",
        "helper('exit')": "helper: leave gracefully",
        "start_event": "event: start a new live event",
        "end_live_event": "event: end live event",
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
        self._decks: dict[HelperMode, PhraseDeck] = {}
        self._ready = False
        self._event: Event | None = None
        self.fixes = CaptureFixes(self)

    def compose(self) -> ComposeResult:
        """People on the left; notes, timer and helper on the right; capture below."""
        yield TopBar(demo=self.demo)
        with Horizontal(id="live-body"):
            with Vertical(id="people-box") as people_box:
                people_box.border_title = "People I met"
                yield PeopleList(id="people")
                yield Static(EMPTY_PEOPLE, id="people-empty", markup=False)
            with Vertical(id="live-side"):
                notes = NotesPane(id="notes")
                notes.border_title = "Notes"
                yield notes
                yield ConversationTimer(id="timer")
                yield HelperPane(id="helper")
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
            self.report(error, title="Event gone")
            self.post_message(ShowEvents())
            return
        self._event = event
        people = self.store.encounters(self.event_id)
        self._people = {person.id: person for person in people}
        place = event.place
        when = f"{event.starts:%a %-d %b}" if event.starts else ""
        detail = " · ".join(part for part in (place, when) if part)
        self.query_one(TopBar).show_title(event.name, detail, live=event.live)
        self._show_people(people, select)

    def _show_saved(self, saved: Encounter) -> None:
        """Show a person this screen just saved without re-reading the whole event (a
        thousand people at a big event); other processes' saves come with the app's poll."""
        if saved.event_id != self.event_id:
            self.reload(select=saved.id)
            return
        if saved.id not in self._people:
            self.fixes.captured()  # a new capture: the last removal is final now
        self._people[saved.id] = saved
        people = sorted(self._people.values(), key=lambda e: (e.met_at, e.id), reverse=True)
        fill_next_met(people)  # a new capture ends the conversation before it
        self._people = {person.id: person for person in people}
        self._show_people(people, saved.id)

    def show_saved(self, saved: Encounter) -> None:
        """Show a person just saved (by this screen or its fixes), selected."""
        self._show_saved(saved)

    def forget(self, encounter_id: int) -> None:
        """Take a person just removed off the list."""
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
            self.query_one(HelperPane).clear()
            # Repaint every cell, not just what changed: a terminal that draws some
            # character wider or narrower than counted must not leave stray cells behind.
            self.refresh()
        self.selected = person
        self.query_one(NotesPane).show_person(person, clock.today())
        self.query_one(ConversationTimer).follow(person)
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
            self.capture_bar.begin("note", self.selected.name, self.selected.id)

    def action_add_follow_up(self) -> None:
        """Write a promise made to the selected person in the capture bar."""
        if self.selected is not None:
            self._target = self.selected
            self.capture_bar.begin("promise", self.selected.name, self.selected.id)

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
                self.capture_bar.say(f"Ended your conversation with {ended.first_name} ({length}).")

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
        """Show the next helper line of ``mode``, for the selected person."""
        deck = self._decks.get(mode)
        if deck is None:
            from hallway.store.phrases import PhraseDeck

            deck = PhraseDeck.starters() if mode == "starter" else PhraseDeck.exits()
            self._decks[mode] = deck
        person = self.selected
        phrase = deck.next(person.first_name if person else None, person.topics if person else ())
        self.query_one(HelperPane).show_line(mode, phrase.text, phrase.category)

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
                done = f"Saved {and_list([p.name for p in circle])}. n for the next person."
            elif self._target is None:
                bar.refuse("No one is selected: pick a person in the list, then t or f.")
                return
            elif message.mode == "note":
                saved = self.store.add_note(self._target.id, message.text)
                done = "Note saved for {}."
            else:
                saved = self.store.add_follow_up(self._target.id, message.text)
                done = "Promise to {} saved."
        except CaptureError as error:
            bar.refuse(str(error))
            return
        except HallwayError as error:
            self.report(error)
            bar.refuse(str(error))
            return
        self._target = None
        self.set_focus(self.people_list)
        self.announce_saved(*(circle or [saved]))
        if len(circle) > 1:
            self.reload(select=saved.id)  # everyone in the circle; the first one selected
        else:
            self._show_saved(saved)
        bar.reset(done if circle else done.format(saved.name))

    @on(CaptureBar.Cancelled)
    def _cancelled(self) -> None:
        # Escape keeps what was typed (even a long paragraph): ctrl+u in the bar clears it.
        self._target = None
        self.set_focus(self.people_list)
        self.capture_bar.put_away()
