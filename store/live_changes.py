"""What happens to encounters as you talk: capturing a person or a circle, notes and promises
that keep a conversation going, ending conversations, and keeping circles whole.

The :class:`~hallway.store.db.Store` methods of the same names call these; each runs inside
the caller's transaction, so a capture of a circle, or a note to a whole circle, is one
durable save. The rules for *when* a conversation ends are in
:mod:`hallway.store.conversations`; how a note's promise is read, in
:mod:`hallway.store.promises`.

Decisions where the brief is silent:

* A circle is one conversation: a note, promise or edit with one of its people keeps the
  whole circle going, and ending it (``e``) ends it for everyone in it.
* Removing someone from a circle leaves the others' circle without them, and the removed
  record keeps its own list, so saving it back (an undo) puts the circle together again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from hallway.store import clock, due_dates, promises
from hallway.store.capture_line import extract_topics, parse_circle
from hallway.store.conversations import end_at, mark_active
from hallway.store.due_dates import DEFAULT_DUE_DAYS, find_due, without_due
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.promises import matching_promise, promise_in
from hallway.store.records import (
    Encounter,
    FollowUp,
    Note,
    check_note_length,
    first_name,
    horizon_words,
    within_horizon,
)
from hallway.store.text import short_date

if TYPE_CHECKING:
    from hallway.store.db import Store

ENCOUNTERS = "encounters"


def compile_grammars() -> None:
    """Compile now the grammars a capture, note or promise reads (dates, promises): each
    compiles on first use otherwise, and the first save would wait for it."""
    due_dates.compile_patterns()
    promises.compile_patterns()


# -- capturing ----------------------------------------------------------------------------


def capture_people(store: Store, line: str, event_id: int | None) -> list[Encounter]:
    """Save everyone a capture line names into an event (see :meth:`Store.capture_people`)."""
    people = parse_circle(line)
    with store.transaction():
        if event_id is None:
            event_id = store.event_for_capture().id
        at = clock.now()
        saved: list[Encounter] = []
        for person in people:
            promise = promise_in(
                person.note, first_name(person.name), at.date(), store.settings.promise_due_days
            )
            encounter = Encounter(
                event_id=event_id,
                name=person.name,
                role=person.role,
                org=person.org,
                topics=list(person.topics),
                notes=[Note(person.note, at)] if person.note else [],
                follow_ups=[promise.follow_up()] if promise else [],
                met_at=at,
            )
            saved.append(store.save_encounter(encounter))
        ids = [encounter.id for encounter in saved]
        if len(ids) > 1:
            for encounter in saved:
                encounter.circle = [other for other in ids if other != encounter.id]
                store.update_encounter(encounter.id, _set_circle(encounter.circle))
    return saved


def _set_circle(circle: list[int]) -> Callable[[Encounter], None]:
    def change(record: Encounter) -> None:
        record.circle = list(circle)

    return change


# -- ending conversations -----------------------------------------------------------------


def end_talk(store: Store, encounter_id: int, moment: datetime) -> None:
    """Stamp one encounter's conversation as ended at ``moment`` (or when it went quiet),
    unless it has ended already or is gone."""
    doc = store.storage.get_doc(ENCOUNTERS, str(encounter_id))
    if doc is None or doc.get("ended_at"):
        return
    store.update_encounter(encounter_id, lambda e: _stamp_end(e, moment))


def _stamp_end(encounter: Encounter, moment: datetime) -> None:
    if encounter.ended_at is None:
        encounter.ended_at = end_at(encounter, moment)


def end_conversation(store: Store, encounter_id: int) -> Encounter:
    """End the person's conversation now (for their whole circle); see
    :meth:`Store.end_conversation`."""
    now = clock.now()
    with store.transaction():
        person = store.encounter(encounter_id)
        for other in circle_ids(store, person):
            end_talk(store, other, now)
        return store.update_encounter(encounter_id, lambda e: _stamp_end(e, now))


def end_every_conversation(store: Store, event_id: int, moment: datetime) -> None:
    """End every conversation still open at an event (it is ending). Those that had ended
    by then (gone quiet, or the next one began) are stamped with that end."""
    for encounter in store.encounters(event_id):
        if encounter.ended_at is None:
            store.update_encounter(encounter.id, lambda e: _stamp_end(e, moment))


# -- notes and promises -------------------------------------------------------------------


def add_note(store: Store, encounter_id: int, text: str, *, whole_circle: bool) -> Encounter:
    """Add a checked note (see :meth:`Store.add_note`); returns the person's encounter."""
    now = clock.now()

    def add(encounter: Encounter) -> None:
        encounter.notes.append(Note(text, now))
        for topic in extract_topics(text):
            if topic not in encounter.topics:
                encounter.topics.append(topic)
        promise = promise_in(
            text, encounter.first_name, now.date(), store.settings.promise_due_days
        )
        if promise is not None:
            keep_promise(
                encounter,
                promise.text,
                promise.due if promise.dated else None,
                default_days=store.settings.promise_due_days,
            )
        mark_active(encounter, now)

    with store.transaction():
        person = store.encounter(encounter_id)
        if whole_circle:
            for other in circle_ids(store, person):
                store.update_encounter(other, add)
        saved = store.update_encounter(encounter_id, add)
        if not whole_circle:
            keep_circle_going(store, saved, now)
        return saved


def add_follow_up(store: Store, encounter_id: int, text: str, due: date | None) -> Encounter:
    """Add (or update, when it repeats an open one) a promise; see
    :meth:`Store.add_follow_up`."""
    text = text.strip()
    if not text:
        raise HallwayError(_("The follow-up is empty; what did you promise?"))
    check_note_length(text, "promise")
    if due is None:
        found = find_due(text, clock.today())
        if found is not None:
            due, text = found.due, without_due(text, found)
    if due is not None and not within_horizon(due):
        raise HallwayError(
            _(
                "{day} is outside the dates Hallway keeps ({dates}); nothing was saved. "
                "Pick a day in between for this promise."
            ).format(day=short_date(due), dates=horizon_words())
        )
    now = clock.now()

    def add(encounter: Encounter) -> None:
        keep_promise(
            encounter, text, due, reword=True, default_days=store.settings.promise_due_days
        )
        mark_active(encounter, now)

    with store.transaction():
        saved = store.update_encounter(encounter_id, add)
        keep_circle_going(store, saved, now)
        return saved


def keep_promise(
    encounter: Encounter,
    text: str,
    due: date | None,
    *,
    reword: bool = False,
    default_days: int = DEFAULT_DUE_DAYS,
) -> None:
    """Add a promise to an encounter, or, when it repeats an open one in other words, update
    that one: its due day if ``due`` is given, and its words too when ``reword``. A new
    promise without a day is due ``default_days`` later."""
    index = matching_promise(encounter.follow_ups, text, (encounter.name,))
    if index is None:
        when = due or clock.today() + timedelta(days=default_days)
        encounter.follow_ups.append(FollowUp(text, when))
        return
    kept = encounter.follow_ups[index]
    if reword:
        kept.text = text
    if due is not None:
        kept.due = due


def note_activity(store: Store, encounter_id: int) -> Encounter:
    """Something happened in the person's conversation now; see :meth:`Store.mark_active`."""
    now = clock.now()
    with store.transaction():
        saved = store.update_encounter(encounter_id, _active_at(now))
        keep_circle_going(store, saved, now)
        return saved


def _active_at(now: datetime) -> Callable[[Encounter], None]:
    def change(encounter: Encounter) -> None:
        mark_active(encounter, now)

    return change


# -- circles --------------------------------------------------------------------------------


def circle_ids(store: Store, encounter: Encounter) -> list[int]:
    """The ids of the other people in the encounter's circle that still exist."""
    return [i for i in encounter.circle if store.storage.get_doc(ENCOUNTERS, str(i))]


def keep_circle_going(store: Store, encounter: Encounter, now: datetime) -> None:
    """Activity with one person of a circle keeps the whole circle's conversation going."""
    if encounter.active_at != now:
        return  # nothing happened while it went on
    for other in circle_ids(store, encounter):
        store.update_encounter(other, _active_at(now))


def rejoin_circle(store: Store, encounter: Encounter) -> None:
    """Tell the others in an encounter's circle (again) that it belongs with them."""
    for other in circle_ids(store, encounter):

        def rejoin(record: Encounter) -> None:
            if encounter.id not in record.circle:
                # Back in its place: ids follow the order the circle was typed in.
                record.circle = sorted([*record.circle, encounter.id])

        store.update_encounter(other, rejoin)


def leave_circle(store: Store, encounter: Encounter) -> None:
    """Take an encounter out of the others' circle (it is being removed)."""
    for other in circle_ids(store, encounter):

        def leave(record: Encounter) -> None:
            record.circle = [i for i in record.circle if i != encounter.id]

        store.update_encounter(other, leave)
