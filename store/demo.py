"""Demo data: a believable database generated with Faker, identical for the same seed and clock.

:func:`generate_demo` fills an empty store with past events (yearly conferences with earlier
editions, meetups, receptions), exactly one live event that started this morning, encounters
with topics, notes and follow-ups, and lasting contacts with a keep-in-touch history.

Decisions where the brief is silent:

* Deterministic: one ``random.Random(seed)`` makes every choice, each Faker instance is seeded
  explicitly, and every time derives from :func:`hallway.store.clock.now` (to the second).
* Fast: Faker only fills small per-locale pools of given names, family names and companies;
  people are combined from the pools, so 50,000 encounters take a few seconds.
* Safe: contact details can never reach a real person. Email and web addresses use the
  reserved ``example.com/.org/.net`` domains; phone numbers use the ranges set aside for
  fiction (+1 202-555-01xx, +44 7700 900xxx).
* The live event is this year's edition of a series whose earlier editions are in the past
  (so a re-encounter brief has something to show), and a few people met at the previous
  edition are met again there.
* In English or German (``language``): the same shapes and the same random choices, from one
  :class:`~hallway.store.demo_data.DemoContent` per language. German promises say their date
  ("... bis Freitag schicken"), which the date reader takes out of the text when it knows the
  phrase, as for a typed promise; the date always follows from the phrase.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import zip_longest

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.demo_data import ENGLISH, DemoContent
from hallway.store.demo_data_de import GERMAN
from hallway.store.demo_names import PHONES, ascii_name, locales_of, name_pools
from hallway.store.due_dates import find_due, without_due
from hallway.store.errors import HallwayError
from hallway.store.records import (
    DIRECTIONS,
    INTERACTION_KINDS,
    Channels,
    Contact,
    Encounter,
    Event,
    FollowUp,
    GiveTake,
    Interaction,
    Note,
    Profile,
    Status,
)
from hallway.store.rhythm import refresh_due

LIVE_SHARE = 0.1
MIN_LIVE = 8
REPEAT_SHARE = 0.05
CADENCES = (21, 60, 182, 365)
CADENCE_WEIGHTS = (15, 40, 30, 15)
PAST_STATUSES: tuple[Status, ...] = ("promoted", "acquaintance", "let-go")
PAST_STATUS_WEIGHTS = (14, 44, 42)
OVERDUE_AT_LEAST = 2  # contacts due for a catch-up, even in a small demo
NEWEST_TALK_SECONDS = (3 * 60, 12 * 60)  # the conversation going on began this long ago
CONTENT: dict[str, DemoContent] = {"en": ENGLISH, "de": GERMAN}
FRIDAY = 4


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    events: int
    encounters: int
    contacts: int
    live_event: str


@dataclass
class _Person:
    name: str
    role: str
    org: str
    topics: list[str]
    channels: Channels
    encounters: list[Encounter] = field(default_factory=list)


@dataclass
class _Slot:
    """A past event and when people are met there (minutes after midnight)."""

    event: Event
    days: int
    first_minute: int
    span_minutes: int
    weight: float
    count: int = 0


def _at(day: date, minutes: int, zone: tzinfo | None) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone) + timedelta(minutes=minutes)


def _plan_past_events(now: datetime, people: int, content: DemoContent) -> list[_Slot]:
    """Past events to fill: the live series' previous edition, then the newest others."""
    today, zone, year = now.date(), now.tzinfo, now.year
    required: list[_Slot] = []
    conferences: list[_Slot] = []
    live_series = content.live_series
    for conf in content.conferences:
        for edition in (year - 2, year - 1, year):
            first = date(edition, conf.month, conf.day)
            last = first + timedelta(days=conf.days - 1)
            if last >= today or (conf.name == live_series and edition == year):
                continue
            event = Event(
                f"{conf.name} {edition}", conf.place, _at(first, 540, zone), _at(last, 1080, zone)
            )
            slot = _Slot(event, conf.days, 540, 540, conf.weight)
            is_previous = conf.name == live_series and edition == year - 1
            (required if is_previous else conferences).append(slot)
    evenings: list[_Slot] = []
    for gathering in content.gatherings:
        day = today - timedelta(days=gathering.offset_days)
        while day > today - timedelta(days=730):
            name = f"{gathering.name} · {content.month_names[day.month - 1]} {day.year}"
            event = Event(name, gathering.place, _at(day, 1110, zone), _at(day, 1290, zone))
            evenings.append(_Slot(event, 1, 1110, 180, gathering.weight))
            day -= timedelta(days=gathering.every_days)
    for slots in (conferences, evenings):
        slots.sort(key=lambda s: s.event.starts or now, reverse=True)
    others = [s for pair in zip_longest(conferences, evenings) for s in pair if s is not None]
    wanted = max(6, people // 20)
    return required + others[: max(0, wanted - len(required))]


class _Generator:
    def __init__(self, seed: int, now: datetime, live_id: int, content: DemoContent) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.live_id = live_id
        self.content = content
        locales = locales_of(content.name_locales)
        self.pools = name_pools(seed, locales)
        self.shares = [share for _locale, share, _style in locales]
        self.people: list[_Person] = []
        self.known: _Person | None = None  # met last year, a contact, met again now
        self.overdue = 0

    def person(self) -> _Person:
        rng, content = self.rng, self.content
        pool = rng.choices(self.pools, weights=self.shares)[0]
        given, family = rng.choice(pool.given), rng.choice(pool.family)
        name = pool.full_name(given, family)
        role = rng.choice(content.roles) if rng.random() < 0.8 else ""
        org = ""
        if rng.random() < 0.75:
            org = rng.choice(pool.companies) if rng.random() < 0.6 else rng.choice(content.orgs)
        topics = rng.sample(content.topics, rng.randint(1, 3))
        if rng.random() < 0.25:
            topics.append(rng.choice(content.work_topics))
        handle = f"{ascii_name(given)}.{ascii_name(family)}"
        if len(handle) < 5:  # a name in a non-Latin script: use a romanised Faker user name
            handle = rng.choice(pool.handles) if pool.handles else f"guest{rng.randrange(10**6)}"
        person = _Person(name, role, org, topics, self.channels(handle))
        self.people.append(person)
        return person

    def channels(self, handle: str) -> Channels:
        rng = self.rng
        email = f"{handle}@example.{rng.choice(('com', 'org', 'net'))}"
        phone = rng.choice(PHONES).format(rng.randrange(100))
        url = f"https://{handle.replace('.', '-').replace('_', '-')}.example.net"
        return Channels(
            email=email if rng.random() < 0.9 else "",
            phone=phone if rng.random() < 0.5 else "",
            url=url if rng.random() < 0.25 else "",
        )

    def encounter(
        self, person: _Person, event: Event, met_at: datetime, ended_at: datetime | None
    ) -> Encounter:
        rng, live, content = self.rng, event.live, self.content
        topics = rng.sample(person.topics, rng.randint(1, len(person.topics)))
        latest = ended_at or self.now
        notes = [
            Note(
                rng.choice(content.notes).replace("{topic}", content.words(rng.choice(topics))),
                min(met_at + timedelta(minutes=i + 1), latest),
            )
            for i in range(rng.choice((0, 1, 1, 2, 3)))
        ]
        follow_ups = []
        for _ in range(rng.choices((0, 1, 2), weights=(6, 3, 1))[0]):
            text = rng.choice(content.follow_ups)
            text = text.replace("{topic}", content.words(rng.choice(topics)))
            if live:
                due, done = self.now.date() + timedelta(days=rng.randint(0, 3)), rng.random() < 0.2
            else:
                due, done = met_at.date() + timedelta(days=rng.randint(1, 7)), rng.random() < 0.8
            if "{when}" in text:
                text, due = self.dated(text, self.now.date() if live else met_at.date(), live)
            follow_ups.append(FollowUp(text, due, done))
        found = Encounter(
            event_id=event.id,
            name=person.name,
            met_at=met_at,
            active_at=max((n.at for n in notes), default=None) if ended_at is None else None,
            role=person.role,
            org=person.org,
            topics=topics,
            notes=notes,
            follow_ups=follow_ups,
            ended_at=ended_at,
            meaningful=rng.random() < 0.15,
        )
        person.encounters.append(found)
        return found

    def fill_past(self, slots: list[_Slot]) -> list[Encounter]:
        """Encounters at past events, in time order; a few people are met more than once."""
        rng, found = self.rng, []
        earlier: list[_Person] = []
        for slot in sorted(slots, key=lambda s: s.event.id):
            here: set[int] = set()
            first_day = (slot.event.starts or self.now).date()
            for index in range(slot.count):
                person = None
                if earlier and (index == 0 or rng.random() < REPEAT_SHARE):
                    candidate = rng.choice(earlier)
                    if id(candidate) not in here and len(candidate.encounters) < 3:
                        person = candidate
                if person is None:
                    person = self.person()
                    earlier.append(person)
                here.add(id(person))
                day = first_day + timedelta(days=rng.randrange(slot.days))
                minute = slot.first_minute + rng.randrange(slot.span_minutes)
                met_at = _at(day, minute, self.now.tzinfo) + timedelta(seconds=rng.randrange(60))
                ended_at = met_at + timedelta(minutes=rng.randint(3, 25))
                found.append(self.encounter(person, slot.event, met_at, ended_at))
        return found

    def fill_live(self, live: Event, count: int, previous: Event) -> list[Encounter]:
        """Encounters at the live event, one conversation after another; only the newest is
        still going, begun a few minutes ago (so the timer reads "talking 6:12", never
        "talking 1:27:01"), and each earlier one ended before the next began."""
        rng = self.rng
        if count < 1:
            return []
        start = live.starts or self.now
        newest = max(start, self.now - timedelta(seconds=rng.randint(*NEWEST_TALK_SECONDS)))
        window = max(1, int((newest - start).total_seconds()))
        times = sorted(start + timedelta(seconds=rng.randrange(window)) for _ in range(count - 1))
        times.append(newest)
        met_before = [
            p for p in self.people if any(e.event_id == previous.id for e in p.encounters)
        ]
        again = rng.sample(met_before, min(len(met_before), 3, count // 4))
        # The conversation going on is with someone you know from last year: a lasting
        # contact to whom a promise is still open, so the live screen can say "met before"
        # and the debrief offers to merge.
        self.known = again.pop(0) if again else None
        if self.known is not None:
            last_time = max(self.known.encounters, key=lambda e: e.met_at)
            words = self.content.words(last_time.topics[0])
            book = self.content.known_promise.replace("{topic}", words)
            due = last_time.met_at.date() + timedelta(days=5)
            last_time.follow_ups = [f for f in last_time.follow_ups if f.done]
            last_time.follow_ups.append(FollowUp(book, due))
        found = []
        for index, met_at in enumerate(times):
            if index + 1 == len(times) and self.known is not None:
                person = self.known
            else:
                person = again[index] if index < len(again) else self.person()
            if index + 1 < len(times):
                next_start = times[index + 1]
                ended_at = min(met_at + timedelta(minutes=rng.randint(3, 15)), next_start)
            else:
                ended_at = None
            found.append(self.encounter(person, live, met_at, ended_at))
        return found

    def decide(self, latest_past: Event) -> None:
        """Debrief decisions: people met repeatedly are lasting contacts; the newest past
        event is partly not debriefed yet; the live event is all "new"."""
        rng = self.rng
        for person in self.people:
            past = [e for e in person.encounters if e.event_id != self.live_id]
            for encounter in past:
                if len(past) > 1 or person is self.known:
                    encounter.status, encounter.meaningful = "promoted", True
                elif encounter.event_id == latest_past.id and rng.random() < 0.4:
                    encounter.status = "new"
                else:
                    encounter.status = rng.choices(PAST_STATUSES, weights=PAST_STATUS_WEIGHTS)[0]
                    encounter.meaningful |= encounter.status == "promoted"

    def contact(self, person: _Person, contact_id: int) -> Contact:
        """A lasting contact for a promoted person, with a rhythm and a history that fits."""
        rng, now, content = self.rng, self.now, self.content
        promoted = sorted((e for e in person.encounters if e.status == "promoted"), key=_by_id)
        for encounter in promoted:
            encounter.contact_id = contact_id
        first_met, last_met = promoted[0].met_at, promoted[-1].met_at
        topics = list(dict.fromkeys(t for e in promoted for t in e.topics))

        def about(text: str) -> str:
            return text.replace("{topic}", content.words(rng.choice(topics)))

        contact = Contact(
            id=contact_id,
            name=promoted[-1].name,
            role=promoted[-1].role,
            org=promoted[-1].org,
            topics=topics,
            encounter_ids=[e.id for e in promoted],
            channels=person.channels,
        )
        self.rhythm(contact, last_met)
        year_ago = now - timedelta(days=365)
        if contact.last_touch and contact.last_touch > last_met:
            start = max(last_met, year_ago)
            times = [self.moment(start, contact.last_touch) for _ in range(rng.randint(0, 3))]
            for at in [*sorted(times), contact.last_touch]:
                kind = rng.choice(INTERACTION_KINDS)
                note = about(rng.choice(content.interaction_notes[kind]))
                contact.interactions.append(Interaction(at, kind, note))
        for _ in range(rng.choices((0, 1, 2, 3), weights=(4, 3, 2, 1))[0]):
            direction = rng.choice(DIRECTIONS)
            text = about(rng.choice(content.gave if direction == "gave" else content.received))
            at = self.moment(max(first_met, year_ago), now)
            contact.give_take.append(GiveTake(at, direction, text))
        contact.give_take.sort(key=lambda g: g.at)
        if rng.random() < 0.3:
            at = min(last_met + timedelta(hours=1), now)
            contact.notes.append(Note(about(rng.choice(content.contact_notes)), at))
        refresh_due(contact)
        return contact

    def rhythm(self, contact: Contact, last_met: datetime) -> None:
        """Pick a cadence and a last touch so that some contacts are overdue, some due soon
        (or snoozed) and most are fine."""
        rng, now = self.rng, self.now
        contact.cadence_days = rng.choices(CADENCES, weights=CADENCE_WEIGHTS)[0]
        state = rng.choices(("overdue", "soon", "fine"), weights=(5, 3, 12))[0]
        if self.overdue < OVERDUE_AT_LEAST and (now - last_met).days > CADENCES[0]:
            state, contact.cadence_days = "overdue", CADENCES[0]
        cadence = contact.cadence_days
        if state == "overdue":
            days_since = cadence + rng.randint(1, min(cadence, 60))
        elif state == "soon":
            days_since = cadence - rng.randint(0, 6)
        else:
            days_since = rng.randint(0, max(0, cadence - 8))
        target = now - timedelta(days=days_since, minutes=rng.randrange(600))
        # Every touch lies within the last year (the history shown is the last year's).
        target = max(target, now - timedelta(days=364))
        contact.last_touch = max(target, last_met)
        overdue = contact.last_touch.date() + timedelta(days=cadence) <= now.date()
        if overdue and self.overdue >= OVERDUE_AT_LEAST and rng.random() < 0.2:
            contact.snoozed_until = now.date() + timedelta(days=rng.randint(2, 14))
        elif overdue:
            self.overdue += 1

    def dated(self, text: str, day: date, live: bool) -> tuple[str, date]:
        """A promise that says its due date ("... bis Freitag schicken"), made on ``day``, and
        that date. The date reader takes the phrase out of the text as it does for a typed
        promise when it knows the phrase; otherwise the phrase stays and reads as written."""
        phrases = self.content.live_due_phrases if live else self.content.past_due_phrases
        phrase, days = self.rng.choice(phrases)
        if days == "fri":  # the next Friday after that day
            due = day + timedelta(days=(FRIDAY - day.weekday() - 1) % 7 + 1)
        else:
            due = day + timedelta(days=int(days))
        said = text.replace("{when}", phrase)
        found = find_due(said, day)
        if found is None:
            return said, due
        return without_due(said, found), found.due

    def moment(self, start: datetime, end: datetime) -> datetime:
        """A random time between two times, to the second."""
        seconds = max(1, int((end - start).total_seconds()))
        return start + timedelta(seconds=self.rng.randrange(seconds))


def _by_id(encounter: Encounter) -> int:
    return encounter.id


def generate_demo(
    store: Store, *, people: int = 120, seed: int = 0, language: str = "en"
) -> DemoSummary:
    """Fill an empty store with demo data: ``people`` encounters, the same for the same seed,
    clock and language ("en", or "de": events in Berlin, Vienna and Zürich, German notes).
    Raises HallwayError if the store already holds data."""
    if people < 0:
        raise ValueError("people must be zero or more")
    if language not in CONTENT:
        raise ValueError(f"the demo speaks {' or '.join(CONTENT)}, not {language!r}")
    content = CONTENT[language]
    if store.events() or store.encounters() or store.contacts():
        raise HallwayError("Demo data only goes into an empty database; this one holds data.")
    now = clock.now().replace(microsecond=0)
    midnight = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
    live = Event(
        f"{content.live_series} {now.year}",
        content.live_place,
        starts=max(midnight, min(midnight + timedelta(hours=9), now - timedelta(hours=1))),
        live=True,
    )
    slots = _plan_past_events(now, people, content)
    events = sorted([s.event for s in slots] + [live], key=lambda e: e.starts or now)
    for event_id, event in enumerate(events, 1):
        event.id = event_id

    generator = _Generator(seed, now, live.id, content)
    live_count = min(people, max(MIN_LIVE, round(people * LIVE_SHARE)))
    past_count = people - live_count
    for slot in slots[:past_count]:  # every past event gets someone, the previous edition first
        slot.count = 1
    spread = past_count - sum(s.count for s in slots)
    for slot in generator.rng.choices(slots, weights=[s.weight for s in slots], k=spread):
        slot.count += 1
    encounters = generator.fill_past(slots)
    encounters += generator.fill_live(live, live_count, slots[0].event)
    generator.decide(max((s.event for s in slots), key=lambda e: e.starts or now))

    encounters.sort(key=lambda e: e.met_at)  # stable, so ids follow creation order on ties
    for encounter_id, encounter in enumerate(encounters, 1):
        encounter.id = encounter_id
    promoted = [p for p in generator.people if any(e.status == "promoted" for e in p.encounters)]
    promoted.sort(key=lambda p: min(e.id for e in p.encounters if e.status == "promoted"))
    contacts = [generator.contact(person, cid) for cid, person in enumerate(promoted, 1)]
    store.replace_all(events, encounters, contacts, Profile(list(content.your_topics)))
    return DemoSummary(len(events), len(encounters), len(contacts), live.name)
