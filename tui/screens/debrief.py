"""The debrief: an event's undecided encounters one card at a time, oldest first.

For each: promote to a lasting contact, keep as an acquaintance, or let go. Cards decided in
this session stay in the queue, so ``left`` goes back to change a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from hallway.store import clock, contacts, debrief
from hallway.store.db import Store
from hallway.store.errors import HallwayError, NotFound
from hallway.store.i18n import N_, _
from hallway.store.matching import merge_candidates, preselected
from hallway.store.records import Contact, Encounter, Event
from hallway.store.text import visible
from hallway.tui.messages import GoBack, RecordsSaved
from hallway.tui.screens.base import HallwayScreen
from hallway.tui.screens.promote import FirstFollowUp, PromoteModal, Promotion
from hallway.widgets import colours
from hallway.widgets.card import STATUS_WORDS, EncounterCard
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.text import plain
from hallway.widgets.topbar import TopBar

if TYPE_CHECKING:
    from hallway.store.search import Kind

CARD_ACTIONS = frozenset({"promote", "acquaintance", "let_go", "reconsider"})


class DebriefScreen(HallwayScreen):
    """One event's debrief. ``p`` promote, ``a`` acquaintance, ``x`` let go."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "promote", N_("Promote"), tooltip=N_("Promote to a lasting contact")),
        Binding("a", "acquaintance", N_("Acquaintance"), tooltip=N_("Keep as an acquaintance")),
        Binding("x", "let_go", N_("Let go"), tooltip=N_("Let go (notes and promises are kept)")),
        Binding("space,right", "next", N_("Next"), tooltip=N_("Next person")),
        Binding(
            "left", "previous", N_("Back"), tooltip=N_("Previous person (to change a decision)")
        ),
        Binding("u", "reconsider", N_("Undecide"), show=False, tooltip=N_("Make undecided again")),
        Binding("escape", "back", N_("Done"), tooltip=N_("Back to where you were")),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "promote": N_("debrief: promote to a lasting contact"),
        "acquaintance": N_("debrief: keep as acquaintance"),
        "let_go": N_("debrief: let go"),
        "next": N_("debrief: next person"),
        "previous": N_("debrief: previous person"),
        "reconsider": N_("debrief: make undecided again"),
        "back": N_("debrief: done"),
    }

    def __init__(self, store: Store, event_id: int, *, demo: bool = False) -> None:
        super().__init__(store, demo=demo)
        self.event_id = event_id
        self.queue: list[int] = []
        self.position = 0
        self._people: dict[int, Encounter] = {}

    def compose(self) -> ComposeResult:
        """A card in a box, the decision keys under it."""
        yield TopBar(demo=self.demo)
        with Vertical(id="debrief-box") as box:
            box.border_title = _("Debrief")
            box.border_subtitle = _("oldest first")
            yield EncounterCard(id="card")
            yield Static("", id="debrief-done", markup=False)
        yield Static("", id="debrief-next", markup=False)
        yield HallwayFooter()

    def current_event_id(self) -> int | None:
        """This debrief's event."""
        return self.event_id

    @property
    def current(self) -> Encounter | None:
        """The encounter on the card (None past the last one)."""
        if self.position < len(self.queue):
            return self._people.get(self.queue[self.position])
        return None

    def reload(self) -> None:
        """Re-read the event: keep this session's queue, add anyone newly undecided."""
        try:
            event = self.store.event(self.event_id)
        except NotFound as error:
            self.report(error, title=_("Event gone"))
            self.post_message(GoBack())
            return
        self._people = {e.id: e for e in self.store.encounters(self.event_id)}
        queue = [i for i in self.queue if i in self._people]
        seen = set(queue)
        queue += [e.id for e in debrief.undecided(self.store, self.event_id) if e.id not in seen]
        self.queue = queue
        self.position = min(self.position, len(queue))
        self.query_one(TopBar).show_title(event.name, _("debrief"), live=event.live)
        self._show()

    def _show(self) -> None:
        person = self.current
        card = self.query_one(EncounterCard)
        done = self.query_one("#debrief-done", Static)
        card.display = person is not None
        done.display = person is None
        upcoming = self.queue[self.position + 1 :]
        following = self._people.get(upcoming[0]) if upcoming else None
        if person is not None:
            circle = [other.name for other in contacts.circle_of(self.store, person)]
            card.show(person, clock.today(), self._status(person), circle)
            self.refresh()  # every cell: no stray cells from a name drawn another width
        else:
            done.update(self._done_text())
        hint = Text.assemble(_("up next: "), plain(following.name)) if following else Text("")
        self.query_one("#debrief-next", Static).update(hint)
        self.refresh_bindings()

    def _status(self, person: Encounter) -> Text:
        if person.status == "new":
            return Text(_("Undecided · p promote · a keep as acquaintance · x let go"), "italic")
        words = _(STATUS_WORDS[person.status])
        status = Text(_("Decided: {status}").format(status=words), "bold")
        if person.status == "promoted" and person.contact_id is not None:
            try:
                contact = self.store.contact(person.contact_id)
            except NotFound:
                contact = None
            if contact is not None and contact.name != person.name:
                status.append_text(Text.assemble(" (", plain(contact.name), ")"))
        status.append(" · " + _("press p, a or x to change it, u to undecide"), colours.QUIET)
        return status

    def _done_text(self) -> Text:
        if not self.queue:
            return Text(
                _(
                    "No one here is waiting for a decision.\n\nc shows your lasting contacts; "
                    "escape goes back."
                ),
                "italic",
            )
        return Text(
            _(
                "That's everyone for now.\n\nleft goes back to change a decision · "
                "c shows your lasting contacts · escape goes back"
            ),
            "italic",
        )

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Decision keys need a card; next/back need somewhere to go."""
        person = self.current
        if action in CARD_ACTIONS and person is None:
            return False
        if action == "reconsider":
            return person is not None and person.status != "new"
        if action == "next":
            return self.position < len(self.queue)
        if action == "previous":
            return self.position > 0
        return super().check_action(action, parameters)

    def action_next(self) -> None:
        """Show the next card."""
        if self.position < len(self.queue):
            self.position += 1
            self._show()

    def action_previous(self) -> None:
        """Show the previous card."""
        if self.position > 0:
            self.position -= 1
            self._show()

    def action_back(self) -> None:
        """Leave the debrief (every decision is already saved)."""
        self.post_message(GoBack())

    def action_acquaintance(self) -> None:
        """Keep the person as an acquaintance, then show the next card."""
        self._decide(lambda person_id: debrief.keep_as_acquaintance(self.store, person_id))

    def action_let_go(self) -> None:
        """Let the person go, then show the next card."""
        self._decide(lambda person_id: debrief.let_go(self.store, person_id))

    def action_reconsider(self) -> None:
        """Make the person undecided again (stays on this card)."""
        self._decide(lambda person_id: debrief.reconsider(self.store, person_id), advance=False)

    def action_promote(self) -> None:
        """Ask how to promote (merge or new, rhythm, first follow-up), then promote."""
        person = self.current
        if person is None:
            return
        candidates = merge_candidates(self.store, person)

        def first_follow_up(merge_into: int | None) -> FirstFollowUp:
            # The promises already open -- the person's own, and the contact's they would
            # join -- are the first follow-up: never propose a near-copy of one.
            also = debrief.open_promises(self.store, merge_into)
            draft = debrief.draft_follow_up(person, also)
            standing = [*person.open_follow_ups, *also]
            if draft or not standing:
                return FirstFollowUp(draft)
            return FirstFollowUp("", min(standing, key=lambda f: f.due))

        def promote(answer: Promotion) -> str | None:
            def run(person_id: int) -> Contact:
                return debrief.promote(
                    self.store,
                    person_id,
                    cadence_days=answer.cadence_days,
                    merge_into=answer.merge_into,
                    follow_up=answer.follow_up or None,
                )

            return self._decide(run)

        self.app.push_screen(
            PromoteModal(
                person,
                candidates,
                preselected(candidates),
                first_follow_up,
                clock.today() + timedelta(days=debrief.FIRST_FOLLOW_UP_DAYS),
                apply=promote,
                default_rhythm=self.store.settings.rhythm_days,
            )
        )

    def _decide(
        self, change: Callable[[int], Encounter | Contact], advance: bool = True
    ) -> str | None:
        """Run a decision on the current card, keep search current, move on; return why it
        failed (already reported), or None."""
        person = self.current
        if person is None:
            return _("No one to decide about.")
        before = person.contact_id
        try:
            result = change(person.id)
            decided = self.store.encounter(person.id)
        except HallwayError as error:
            self.report(error)
            return str(error)
        records: list[Encounter | Contact] = [decided]
        if isinstance(result, Contact):
            records.append(result)
            self.notify(
                _("{name} is a lasting contact now.").format(name=visible(result.name)),
                title=_("Promoted"),
                markup=False,
            )
        self.post_message(self._saved_message(records, before))
        self._people[decided.id] = decided
        if advance:
            self.position = min(self.position + 1, len(self.queue))
        self._show()
        return None

    def _saved_message(
        self, records: list[Encounter | Contact], before: int | None
    ) -> RecordsSaved:
        saved: list[Event | Encounter | Contact] = list(records)
        removed: list[tuple[Kind, int]] = []
        if before is not None:
            try:
                saved.append(self.store.contact(before))
            except NotFound:
                removed.append(("contact", before))  # nothing was left of that contact
        return RecordsSaved(saved, removed)
