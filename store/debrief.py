"""Debrief decisions: promote, keep as acquaintance, let go, reconsider; the first follow-up.

Every function that changes something runs as ONE durable transaction and returns fresh
copies. Decisions can be changed at any time; the rules:

* **Promote** a new encounter: into a new contact, or merged into an existing one (the
  encounter joins the contact's history, topics gather, blank role/organisation are filled,
  nothing the contact already has is overwritten). Promoting an encounter already promoted
  into another contact moves it there.
* **Keep as acquaintance / let go / reconsider** (back to undecided) a promoted encounter
  detaches it from its contact: topics that only that encounter brought leave the contact,
  and the contact is removed if it has no other encounter and no history of its own (see
  :func:`hallway.store.contacts.has_own_history`: notes, interactions, give-and-take, ways to
  reach them, and any edit or snooze made by hand).
* The conversation itself is the first touch: a contact's ``last_touch`` is the latest of its
  encounters and interactions; ``next_due`` is stored again whenever it may change.
* Follow-ups live on encounters and stay there whatever the decision: a promise made to
  someone you let go is still a promise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hallway.store import clock
from hallway.store.contacts import check_cadence, existing_encounters, has_own_history
from hallway.store.db import Store
from hallway.store.errors import HallwayError, NotFound
from hallway.store.promises import promise_in, same_promise
from hallway.store.records import Contact, Encounter, FollowUp, Status
from hallway.store.rhythm import refresh_due
from hallway.store.text import readable_topic

FIRST_FOLLOW_UP_DAYS = 3  # "within 72 hours"


# -- debrief -------------------------------------------------------------------------------


def undecided(store: Store, event_id: int) -> list[Encounter]:
    """The event's encounters still waiting for a decision, oldest first."""
    found = [e for e in store.encounters(event_id) if e.status == "new"]
    found.sort(key=lambda e: (e.met_at, e.id))
    return found


def promote(
    store: Store,
    encounter_id: int,
    *,
    cadence_days: int | None = None,
    merge_into: int | None = None,
    follow_up: str | None = None,
    follow_up_due: date | None = None,
) -> Contact:
    """Make the encounter a lasting contact (new, or merged into contact ``merge_into``).

    ``cadence_days`` defaults to the settings' rhythm (two months unless the config file says
    otherwise) for a new contact, and leaves a merged contact's rhythm as it is. A non-blank
    ``follow_up`` is added to the encounter, due on ``follow_up_due`` (default: in three
    days) unless the same promise (in other words, too: "send her the focaccia recipe" and
    "Send Maya my focaccia recipe") is already open, on the encounter or on the contact it
    joins.
    """
    if cadence_days is not None:
        check_cadence(cadence_days)
    promise = (follow_up or "").strip()
    due = follow_up_due or clock.today() + timedelta(days=FIRST_FOLLOW_UP_DAYS)
    if promise and due < clock.today():
        raise HallwayError("That follow-up date has passed; pick today or a later day.")
    with store.transaction():
        encounter = store.encounter(encounter_id)
        target = merge_into if merge_into is not None else _current_contact(store, encounter)
        if encounter.contact_id is not None and encounter.contact_id != target:
            _detach(store, encounter)
        if target is None and store.has_contact(store.contact_id_for(encounter_id)):
            target = store.contact_id_for(encounter_id)  # its own contact from before: back to it
        if target is None:
            contact = Contact(
                id=store.contact_id_for(encounter_id),
                name=encounter.name,
                role=encounter.role,
                org=encounter.org,
                cadence_days=cadence_days or store.settings.rhythm_days,
            )
        else:
            contact = store.contact(target)
            if cadence_days is not None:
                contact.cadence_days = cadence_days
        already = open_promises(store, target)
        _attach(contact, encounter)
        contact = store.save_contact(contact)
        names = (encounter.name, contact.name)

        def decide(record: Encounter) -> None:
            record.status = "promoted"
            record.contact_id = contact.id
            promised = [*record.open_follow_ups, *already]
            if promise and not any(same_promise(f.text, promise, names) for f in promised):
                record.follow_ups.append(FollowUp(promise, due))

        store.update_encounter(encounter_id, decide)
    return store.contact(contact.id)


def keep_as_acquaintance(store: Store, encounter_id: int) -> Encounter:
    """Keep the encounter as an acquaintance (no rhythm); detaches it from a contact."""
    return _decide(store, encounter_id, "acquaintance")


def let_go(store: Store, encounter_id: int) -> Encounter:
    """Let the encounter go; detaches it from a contact. Its notes and promises are kept."""
    return _decide(store, encounter_id, "let-go")


def reconsider(store: Store, encounter_id: int) -> Encounter:
    """Undo a decision: the encounter is undecided again (and detached from a contact)."""
    return _decide(store, encounter_id, "new")


def _decide(store: Store, encounter_id: int, status: Status) -> Encounter:
    with store.transaction():
        encounter = store.encounter(encounter_id)
        _detach(store, encounter)

        def decide(record: Encounter) -> None:
            record.status = status
            record.contact_id = None

        return store.update_encounter(encounter_id, decide)


def _current_contact(store: Store, encounter: Encounter) -> int | None:
    """The id of the contact the encounter belongs to, if that contact still exists."""
    if encounter.contact_id is None:
        return None
    try:
        return store.contact(encounter.contact_id).id
    except NotFound:
        return None  # removed by another process; promoting again makes a new contact


def _attach(contact: Contact, encounter: Encounter) -> None:
    """Gather an encounter into a contact (the contact is saved by the caller)."""
    if encounter.id not in contact.encounter_ids:
        contact.encounter_ids.append(encounter.id)
    for topic in encounter.topics:
        if topic not in contact.topics:
            contact.topics.append(topic)
    contact.role = contact.role or encounter.role
    contact.org = contact.org or encounter.org
    if contact.last_touch is None or encounter.met_at > contact.last_touch:
        contact.last_touch = encounter.met_at
    refresh_due(contact)


def _detach(store: Store, encounter: Encounter) -> None:
    """Take an encounter out of its contact; remove the contact if nothing is left of it."""
    if encounter.contact_id is None:
        return
    try:
        contact = store.contact(encounter.contact_id)
    except NotFound:
        return  # the contact is already gone; only the encounter's link remains to clear
    contact.encounter_ids = [i for i in contact.encounter_ids if i != encounter.id]
    remaining = existing_encounters(store, contact.encounter_ids)
    if not remaining and not has_own_history(contact):
        store.delete_contact(contact.id)
        return
    kept_topics = {t for e in remaining for t in e.topics}
    contact.topics = [t for t in contact.topics if t in kept_topics or t not in encounter.topics]
    touches = [e.met_at for e in remaining] + [i.at for i in contact.interactions]
    if touches:
        contact.last_touch = max(touches)
    refresh_due(contact)
    store.save_contact(contact)


# -- the first follow-up -------------------------------------------------------------------


def draft_follow_up(encounter: Encounter, also: Sequence[FollowUp] = ()) -> str:
    """A first follow-up drafted from the conversation, to be edited by the user; "" when a
    promise is already open (on the encounter, or in ``also``: the open promises of the
    contact it may merge into), since that promise *is* the first follow-up.

    A promise in the notes wins ("promised to send the chess club link" -> "Send Ann the
    chess club link"); else the topics, as words ("Message Ann about chess"); else a hello.
    """
    if encounter.open_follow_ups or any(not f.done for f in also):
        return ""
    first = encounter.first_name
    for note in encounter.notes:
        drafted = promise_in(note.text, first, clock.today())
        if drafted:
            return drafted.text
    if encounter.topics:
        about = " and ".join(readable_topic(t) for t in encounter.topics[:2])
        return f"Message {first} about {about}"
    return f"Message {first} to say it was good to meet"


def open_promises(store: Store, contact_id: int | None) -> list[FollowUp]:
    """The open follow-ups of a contact (they live on its encounters); none for None."""
    if contact_id is None:
        return []
    try:
        contact = store.contact(contact_id)
    except NotFound:
        return []
    return [f for e in existing_encounters(store, contact.encounter_ids) for f in e.open_follow_ups]


# -- after devices' decisions meet --------------------------------------------------------


def settle_after_merge(store: Store, changed: Sequence[tuple[str, int]]) -> None:
    """Make contacts and encounters agree again after other devices' changes were merged in
    (in the merge's transaction).

    Each side of a merge is consistent, the merged whole may not be: the same encounter
    promoted into one contact here and another there, or promoted here and let go there. The
    encounter's own decision (its status and contact, the newest of the two) is the one that
    stands: a contact listing an encounter that now belongs elsewhere lets it go (and goes
    itself if nothing of it is left, as in the debrief), the contact it belongs to lists it.
    Every device settles the same merged records the same way. A contact's stored due day
    is worked out again from its merged rhythm, touches and snooze.
    """
    encounter_ids = {i for table, i in changed if table == "encounters"}
    contact_ids = {i for table, i in changed if table == "contacts"}
    if not encounter_ids and not contact_ids:
        return
    listing: dict[int, list[Contact]] = {}
    for contact in store.contacts():
        for encounter_id in contact.encounter_ids:
            listing.setdefault(encounter_id, []).append(contact)
        if contact.id in contact_ids:
            encounter_ids.update(contact.encounter_ids)
    for encounter_id in sorted(encounter_ids):
        try:
            encounter = store.encounter(encounter_id)
        except NotFound:
            continue  # removed: its contacts keep their history (and their link)
        owner = encounter.contact_id if encounter.status == "promoted" else None
        for contact in listing.get(encounter_id, []):
            if contact.id != owner:
                encounter.contact_id = contact.id
                _detach(store, encounter)
        if owner is not None and all(c.id != owner for c in listing.get(encounter_id, [])):
            try:
                contact = store.contact(owner)
            except NotFound:
                continue
            _attach(contact, encounter)
            store.save_contact(contact)
    for contact_id in sorted(contact_ids):
        try:
            contact = store.contact(contact_id)
        except NotFound:
            continue
        stored = contact.next_due
        refresh_due(contact)
        if contact.next_due != stored:
            store.save_contact(contact)
