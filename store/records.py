"""Typed records for everything Hallway keeps.

Records are plain dataclasses (with slots: the app holds thousands of them). The store hands
out fresh copies built from the stored documents, so editing a record never changes stored
data until it is saved again. Each record converts to and from a JSON-ready document
(``to_doc`` / ``from_doc``); the ``id`` lives outside the document, as the TinyDB document id.

``from_doc`` is the *tolerant* reader of Hallway's own database, on purpose: it runs on every
load, and a slightly odd old document (a number stored as text, a field a hand edit left out)
must never make a database unopenable. Documents from outside (a JSON export being imported)
are checked strictly, field by field, before they reach ``from_doc``
(:mod:`hallway.store.interop.export_checks`); the computations that read dates and rhythms
(:mod:`hallway.store.rhythm`, the exporters) stay total even for odd stored values.

The bounds below are what Hallway accepts from outside and from typing; they are chosen wide
enough that nothing Hallway writes itself goes past them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, get_args

from hallway.store.clock import format_date, format_time, parse_date, parse_time
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.text import number, short_date

Status = Literal["new", "promoted", "acquaintance", "let-go"]
STATUSES: tuple[Status, ...] = get_args(Status)

Direction = Literal["gave", "received"]
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)

INTERACTION_KINDS: tuple[str, ...] = ("coffee", "call", "message", "met again")

# How the helper addresses people at a German-speaking event (English has one form).
AddressForm = Literal["du", "sie"]
ADDRESS_FORMS: tuple[AddressForm, ...] = get_args(AddressForm)

Doc = dict[str, Any]

# Record ids: whole numbers from 1 up to 2**53 - 1, the largest that every JSON reader
# (JavaScript's included) keeps exact, and far from the storage engine's 64-bit limit.
MAX_ID = 2**53 - 1
# Dates and times Hallway keeps: from 1 January 1900 to 31 December 2200. Wide enough for
# any real meeting or promise, narrow enough that no date sum or time-zone change overflows.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)
# One note, promise, interaction note or give-and-take entry holds at most this many
# characters (about 30 pages): long enough for any note typed or pasted in a conversation.
MAX_NOTE = 100_000
# One line of text (a name, role, organisation, place, topic, way to reach someone).
MAX_FIELD = 2_000


class OutsideHorizon(ValueError):
    """A date or time that parses but lies outside the dates Hallway keeps."""

    def __init__(self, day: date) -> None:
        super().__init__(
            _("{day} is outside {dates}").format(day=day.isoformat(), dates=horizon_words())
        )
        self.day = day


def within_horizon(day: date) -> bool:
    """Whether a day lies within the dates Hallway keeps (:data:`EARLIEST_DAY` to
    :data:`LATEST_DAY`)."""
    return EARLIEST_DAY <= day <= LATEST_DAY


def horizon_words() -> str:
    """The dates Hallway keeps, in words, for messages."""
    return _("{first} to {last}").format(
        first=short_date(EARLIEST_DAY), last=short_date(LATEST_DAY)
    )


def parse_time_within(text: object) -> datetime:
    """Parse an ISO 8601 timestamp (like :func:`~hallway.store.clock.parse_time`) whose date
    lies within the dates Hallway keeps; ValueError with a plain reason otherwise
    (:class:`OutsideHorizon` for a real time too far away).

    The date is checked *before* a missing offset is filled in with the local zone: a naive
    ``9999-12-31T23:59:59`` west of UTC would overflow while being converted.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO 8601 timestamp, got {text!r}")
    moment = datetime.fromisoformat(text)
    if not within_horizon(moment.date()):
        raise OutsideHorizon(moment.date())
    return parse_time(text)


def parse_date_within(text: object) -> date:
    """Parse a YYYY-MM-DD date (like :func:`~hallway.store.clock.parse_date`) within the
    dates Hallway keeps; ValueError with a plain reason otherwise (:class:`OutsideHorizon`
    for a real date too far away)."""
    if isinstance(text, str) and len(text) > 10:
        return parse_time_within(text).date()
    day = parse_date(text)
    if not within_horizon(day):
        raise OutsideHorizon(day)
    return day


@dataclass(slots=True)
class Note:
    """A timestamped note: something you talked about or want to remember."""

    text: str
    at: datetime
    id: int = field(default=0, compare=False)  # given when saved; merges devices' notes

    def to_doc(self) -> Doc:
        """The note as a JSON-ready document."""
        return _with_item_id(self.id, {"text": self.text, "at": format_time(self.at)})

    @classmethod
    def from_doc(cls, doc: Doc) -> Note:
        """Build a note from its stored document."""
        return cls(text=str(doc["text"]), at=parse_time(doc["at"]), id=_item_id(doc))


@dataclass(slots=True)
class FollowUp:
    """A promise made in a conversation, due on a day."""

    text: str
    due: date
    done: bool = False
    id: int = field(default=0, compare=False)  # given when saved; merges devices' promises

    def to_doc(self) -> Doc:
        """The follow-up as a JSON-ready document."""
        doc = {"text": self.text, "due": format_date(self.due), "done": self.done}
        return _with_item_id(self.id, doc)

    @classmethod
    def from_doc(cls, doc: Doc) -> FollowUp:
        """Build a follow-up from its stored document."""
        return cls(
            text=str(doc["text"]),
            due=parse_date(doc["due"]),
            done=bool(doc["done"]),
            id=_item_id(doc),
        )


@dataclass(slots=True)
class Interaction:
    """A real contact with a lasting contact: coffee, a call, a message, meeting again."""

    at: datetime
    kind: str
    note: str = ""
    id: int = field(default=0, compare=False)  # given when saved

    def to_doc(self) -> Doc:
        """The interaction as a JSON-ready document."""
        doc = {"at": format_time(self.at), "kind": self.kind, "note": self.note}
        return _with_item_id(self.id, doc)

    @classmethod
    def from_doc(cls, doc: Doc) -> Interaction:
        """Build an interaction from its stored document."""
        return cls(
            at=parse_time(doc["at"]),
            kind=str(doc["kind"]),
            note=str(doc.get("note", "")),
            id=_item_id(doc),
        )


@dataclass(slots=True)
class GiveTake:
    """One entry of the give-and-take log: what you offered, or what they offered."""

    at: datetime
    direction: Direction
    text: str
    id: int = field(default=0, compare=False)  # given when saved

    def to_doc(self) -> Doc:
        """The entry as a JSON-ready document."""
        doc = {"at": format_time(self.at), "direction": self.direction, "text": self.text}
        return _with_item_id(self.id, doc)

    @classmethod
    def from_doc(cls, doc: Doc) -> GiveTake:
        """Build an entry from its stored document."""
        direction = doc["direction"]
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown give-and-take direction {direction!r}")
        return cls(
            at=parse_time(doc["at"]), direction=direction, text=str(doc["text"]), id=_item_id(doc)
        )


@dataclass(slots=True)
class Channels:
    """Ways to reach a contact."""

    email: str = ""
    phone: str = ""
    url: str = ""

    def to_doc(self) -> Doc:
        """The channels as a JSON-ready document."""
        return {"email": self.email, "phone": self.phone, "url": self.url}

    @classmethod
    def from_doc(cls, doc: Doc | None) -> Channels:
        """Build channels from a stored document (missing keys are empty)."""
        doc = doc or {}
        return cls(
            email=str(doc.get("email", "")),
            phone=str(doc.get("phone", "")),
            url=str(doc.get("url", "")),
        )


@dataclass(slots=True)
class Event:
    """A named gathering with a place and dates. At most one is live at a time.

    ``address_form`` is how the German helper addresses people there, "du" or "sie"; None
    until it is chosen (the document then has no such field, as before it existed)."""

    name: str
    place: str = ""
    starts: datetime | None = None
    ends: datetime | None = None
    live: bool = False
    id: int = 0
    address_form: AddressForm | None = None

    def to_doc(self) -> Doc:
        """The event as a JSON-ready document (without its id)."""
        doc: Doc = {
            "name": self.name,
            "place": self.place,
            "starts": format_time(self.starts) if self.starts else None,
            "ends": format_time(self.ends) if self.ends else None,
            "live": self.live,
        }
        if self.address_form is not None:
            doc["address_form"] = self.address_form
        return doc

    @classmethod
    def from_doc(cls, doc: Doc, id: int) -> Event:
        """Build an event from its stored document and id."""
        return cls(
            id=id,
            name=str(doc["name"]),
            place=str(doc.get("place", "")),
            starts=parse_time(doc["starts"]) if doc.get("starts") else None,
            ends=parse_time(doc["ends"]) if doc.get("ends") else None,
            live=bool(doc.get("live", False)),
            address_form=address_form(doc.get("address_form")),
        )


def address_form(value: object) -> AddressForm | None:
    """A stored address form as Hallway uses it: "du" or "sie" (any case); anything else
    (absent, a hand edit's typo) is "not chosen yet", so the helper asks again."""
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for form in ADDRESS_FORMS:
            if wanted == form:
                return form
    return None


@dataclass(slots=True)
class Encounter:
    """One person met at one event, and what you talked about."""

    event_id: int
    name: str
    met_at: datetime
    role: str = ""
    org: str = ""
    topics: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    ended_at: datetime | None = None
    meaningful: bool = False
    status: Status = "new"
    contact_id: int | None = None
    # The last note, promise or edit while the conversation went on (see
    # :mod:`hallway.store.conversations`: a conversation quiet for a while has ended).
    active_at: datetime | None = None
    # The other encounters of the same conversation circle ("Ana + Ben + Cy"), by id.
    circle: list[int] = field(default_factory=list)
    id: int = 0
    # When the next conversation at the same event began (the next capture), which ended
    # this one. Worked out by the store from the event's other encounters; never saved.
    next_met: datetime | None = field(default=None, compare=False)

    @property
    def first_name(self) -> str:
        """The first word of the name, for friendly phrasing."""
        return first_name(self.name)

    @property
    def open_follow_ups(self) -> list[FollowUp]:
        """Follow-ups not yet done."""
        return [f for f in self.follow_ups if not f.done]

    def to_doc(self) -> Doc:
        """The encounter as a JSON-ready document (without its id)."""
        return {
            "event_id": self.event_id,
            "name": self.name,
            "role": self.role,
            "org": self.org,
            "topics": list(self.topics),
            "notes": [n.to_doc() for n in self.notes],
            "follow_ups": [f.to_doc() for f in self.follow_ups],
            "met_at": format_time(self.met_at),
            "ended_at": format_time(self.ended_at) if self.ended_at else None,
            "meaningful": self.meaningful,
            "status": self.status,
            "contact_id": self.contact_id,
            **self._optional_doc(),
        }

    def _optional_doc(self) -> Doc:
        """``active_at`` and ``circle`` only when set, so documents and exports of encounters
        that have neither stay as they were."""
        doc: Doc = {}
        if self.active_at is not None:
            doc["active_at"] = format_time(self.active_at)
        if self.circle:
            doc["circle"] = list(self.circle)
        return doc

    @classmethod
    def from_doc(cls, doc: Doc, id: int) -> Encounter:
        """Build an encounter from its stored document and id."""
        status = doc.get("status", "new")
        if status not in STATUSES:
            raise ValueError(f"unknown encounter status {status!r}")
        contact_id = doc.get("contact_id")
        return cls(
            id=id,
            event_id=int(doc["event_id"]),
            name=str(doc["name"]),
            role=str(doc.get("role", "")),
            org=str(doc.get("org", "")),
            topics=[str(t) for t in doc.get("topics", [])],
            notes=[Note.from_doc(n) for n in doc.get("notes", [])],
            follow_ups=[FollowUp.from_doc(f) for f in doc.get("follow_ups", [])],
            met_at=parse_time(doc["met_at"]),
            ended_at=parse_time(doc["ended_at"]) if doc.get("ended_at") else None,
            meaningful=bool(doc.get("meaningful", False)),
            status=status,
            contact_id=int(contact_id) if contact_id is not None else None,
            active_at=parse_time(doc["active_at"]) if doc.get("active_at") else None,
            circle=[int(i) for i in doc.get("circle") or []],
        )


@dataclass(slots=True)
class Contact:
    """A lasting relationship, promoted from one or more encounters (or imported)."""

    name: str
    role: str = ""
    org: str = ""
    topics: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    encounter_ids: list[int] = field(default_factory=list)
    cadence_days: int = 60
    last_touch: datetime | None = None
    next_due: date | None = None
    snoozed_until: date | None = None
    interactions: list[Interaction] = field(default_factory=list)
    give_take: list[GiveTake] = field(default_factory=list)
    channels: Channels = field(default_factory=Channels)
    edited: bool = False  # changed by hand (edit, snooze): kept when un-promoted
    id: int = 0

    @property
    def first_name(self) -> str:
        """The first word of the name, for friendly phrasing."""
        return first_name(self.name)

    def to_doc(self) -> Doc:
        """The contact as a JSON-ready document (without its id; ``edited`` only when set,
        so documents and exports of unedited contacts stay as they were)."""
        flag = {"edited": True} if self.edited else {}
        return {
            "name": self.name,
            "role": self.role,
            "org": self.org,
            "topics": list(self.topics),
            "notes": [n.to_doc() for n in self.notes],
            "encounter_ids": list(self.encounter_ids),
            "cadence_days": self.cadence_days,
            "last_touch": format_time(self.last_touch) if self.last_touch else None,
            "next_due": format_date(self.next_due) if self.next_due else None,
            "snoozed_until": format_date(self.snoozed_until) if self.snoozed_until else None,
            "interactions": [i.to_doc() for i in self.interactions],
            "give_take": [g.to_doc() for g in self.give_take],
            "channels": self.channels.to_doc(),
            **flag,
        }

    @classmethod
    def from_doc(cls, doc: Doc, id: int) -> Contact:
        """Build a contact from its stored document and id."""
        return cls(
            id=id,
            name=str(doc["name"]),
            role=str(doc.get("role", "")),
            org=str(doc.get("org", "")),
            topics=[str(t) for t in doc.get("topics", [])],
            notes=[Note.from_doc(n) for n in doc.get("notes", [])],
            encounter_ids=[int(i) for i in doc.get("encounter_ids", [])],
            cadence_days=int(doc.get("cadence_days", 60)),
            last_touch=parse_time(doc["last_touch"]) if doc.get("last_touch") else None,
            next_due=parse_date(doc["next_due"]) if doc.get("next_due") else None,
            snoozed_until=parse_date(doc["snoozed_until"]) if doc.get("snoozed_until") else None,
            interactions=[Interaction.from_doc(i) for i in doc.get("interactions", [])],
            give_take=[GiveTake.from_doc(g) for g in doc.get("give_take", [])],
            channels=Channels.from_doc(doc.get("channels")),
            edited=bool(doc.get("edited", False)),
        )


@dataclass(slots=True)
class Profile:
    """You: the topics you mark as your own, so Hallway can tell an interest you share with
    someone from one that is only theirs. One per database."""

    topics: list[str] = field(default_factory=list)

    def to_doc(self) -> Doc:
        """The profile as a JSON-ready document."""
        return {"topics": list(self.topics)}

    @classmethod
    def from_doc(cls, doc: Doc | None) -> Profile:
        """Build the profile from its stored document (none yet: an empty profile)."""
        return cls(topics=[str(t) for t in (doc or {}).get("topics") or []])


def first_name(name: str) -> str:
    """The first word of a name ("Maya" for "Maya Chen"); the whole name if it has no space."""
    parts = name.split()
    return parts[0] if parts else name


def check_note_length(text: str, what: str) -> None:
    """Refuse a note (or promise, or entry) longer than Hallway keeps, in words that say what
    to do; the caller keeps the typed text (the capture bar and dialogs show it again)."""
    if len(text) > MAX_NOTE:
        message = _TOO_LONG.get(what, _TOO_LONG["note"])
        raise HallwayError(_(message).format(length=number(len(text)), most=number(MAX_NOTE)))


# Whole sentences per kind of text, so a translation can agree with each.
_TOO_LONG = {
    "note": N_(
        "That note is {length} characters long; Hallway keeps at most {most} in one note. "
        "Nothing was saved: shorten it, or split it into several."
    ),
    "promise": N_(
        "That promise is {length} characters long; Hallway keeps at most {most} in one "
        "promise. Nothing was saved: shorten it, or split it into several."
    ),
    "entry": N_(
        "That entry is {length} characters long; Hallway keeps at most {most} in one entry. "
        "Nothing was saved: shorten it, or split it into several."
    ),
}


def _with_item_id(item_id: int, doc: Doc) -> Doc:
    """An item's document with its id first (items saved before ids existed have none)."""
    return {"id": item_id, **doc} if item_id else doc


def _item_id(doc: Doc) -> int:
    """An item's id as stored (0: none yet)."""
    value = doc.get("id", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
