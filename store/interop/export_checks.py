"""What each field of a Hallway JSON export may hold, checked before anything is written.

An export comes from outside (another machine, an older Hallway, a hand edit, a hostile
file), so every value is checked for its type, its range and its length, and nothing is
coerced: ``"topics": "sourdough"`` is refused rather than read as nine one-letter topics,
``1.7`` is not an id, ``"no"`` is not a yes-or-no. The first bad field is reported with its
path in the file (``encounters[3].topics``, counted from 0 as ``jq`` does), the id of its
record, and why, so the person can find and fix it; nothing is written.

The bounds (ids, dates, text lengths, rhythms) are those of :mod:`hallway.store.records` and
:mod:`hallway.store.rhythm`. Fields Hallway does not know are ignored, as before (a newer
Hallway that adds one and needs it read bumps the export's schema number instead).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hallway.store.i18n import NP_, _, pgettext
from hallway.store.records import (
    ADDRESS_FORMS,
    DIRECTIONS,
    MAX_FIELD,
    MAX_ID,
    MAX_NOTE,
    STATUSES,
    OutsideHorizon,
    horizon_words,
    parse_date_within,
    parse_time_within,
)
from hallway.store.rhythm import MAX_CADENCE_DAYS
from hallway.store.text import number, visible

# A timestamp longer than this is not one (the longest ISO form with microseconds and an
# offset is 32 characters); checked before parsing, so a huge value is never parsed.
_MAX_STAMP = 40
_MAX_DATABASE_ID = 200


class BadField(ValueError):
    """A value of the export that Hallway can't take: where it is (``path``), in which
    record (``record``, e.g. "encounter “Maya Chen”", when it is known) and why."""

    def __init__(self, path: str, why: str, record: str = "") -> None:
        self.path = path
        self.why = why
        self.record = record
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """ "encounters[3].topics (encounter 4) should be a list, but it is the text …"."""
        where = f"{self.path} ({self.record})" if self.record else self.path
        return f"{where} {self.why}"


Check = Callable[[Any, str], None]


@dataclass(frozen=True)
class Field:
    """One field of a record: how to check it, whether it must be there, whether null is fine."""

    check: Check
    required: bool = False
    nullable: bool = False


# -- describing a value in a message -------------------------------------------------------


def describe(value: Any) -> str:
    """A wrong value in words: 'the text "sourdough"', 'the number 1.7', 'true'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return _('the text "{text}"').format(text=shown)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a group of fields")
    return type(value).__name__


def wrong(path: str, expected: str, value: Any) -> BadField:
    """The refusal of a field at ``path`` that should be ``expected`` but is ``value``."""
    why = _("should be {expected}, but it is {value}")
    return BadField(path, why.format(expected=expected, value=describe(value)))


# -- checks for single values ----------------------------------------------------------------


def record_id(value: Any, path: str) -> None:
    """A record id: a whole number from 1 to :data:`MAX_ID` (true/false and 1.0 are not)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong(path, _("a whole number (an id)"), value)
    if not 1 <= value <= MAX_ID:
        why = _("is {value}, but ids run from 1 to {most}")
        raise BadField(path, why.format(value=value, most=number(MAX_ID)))


def boolean(value: Any, path: str) -> None:
    """A yes-or-no: JSON ``true`` or ``false`` only."""
    if not isinstance(value, bool):
        raise wrong(path, _("true or false"), value)


def text(limit: int, *, blank: bool = True) -> Check:
    """A text of at most ``limit`` characters (not only spaces unless ``blank``)."""

    def check(value: Any, path: str) -> None:
        if not isinstance(value, str):
            raise wrong(path, _("a text"), value)
        if len(value) > limit:
            why = _("is {length} characters long; Hallway keeps at most {most} there")
            raise BadField(path, why.format(length=number(len(value)), most=number(limit)))
        if not blank and not value.strip():
            raise BadField(path, _("is empty"))

    return check


def one_of(choices: tuple[str, ...]) -> Check:
    """One of a few words."""
    words = ", ".join(choices)

    def check(value: Any, path: str) -> None:
        if not isinstance(value, str) or value not in choices:
            raise wrong(path, _("one of {words}").format(words=words), value)

    return check


def timestamp(value: Any, path: str) -> None:
    """An ISO 8601 time like 2025-05-12T10:20:00+02:00 within the dates Hallway keeps."""
    _date_like(value, path, parse_time_within, _("a time like 2025-05-12T10:20:00+02:00"))


def day(value: Any, path: str) -> None:
    """An ISO 8601 date like 2025-05-14 within the dates Hallway keeps."""
    _date_like(value, path, parse_date_within, _("a date like 2025-05-14"))


def _date_like(value: Any, path: str, parse: Callable[[str], object], expected: str) -> None:
    if not isinstance(value, str) or len(value) > _MAX_STAMP:
        raise wrong(path, expected, value)
    try:
        parse(value)
    except OutsideHorizon as far:
        why = _("is {day}, outside the dates Hallway keeps ({horizon})")
        raise BadField(path, why.format(day=far.day.isoformat(), horizon=horizon_words())) from None
    except ValueError:
        raise wrong(path, expected, value) from None


def cadence(value: Any, path: str) -> None:
    """A keep-in-touch rhythm: a whole number of days from 1 to :data:`MAX_CADENCE_DAYS`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong(path, _("a whole number of days"), value)
    if not 1 <= value <= MAX_CADENCE_DAYS:
        why = _("is {value}, but a rhythm is from 1 to {most} days")
        raise BadField(path, why.format(value=value, most=MAX_CADENCE_DAYS))


def list_of(item: Check) -> Check:
    """A list whose every item passes ``item`` (reported as ``path[index]``)."""

    def check(value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise wrong(path, _("a list"), value)
        for index, element in enumerate(value):
            item(element, f"{path}[{index}]")

    return check


def fields(spec: Mapping[str, Field]) -> Check:
    """A group of fields (a JSON object), each checked by ``spec``."""

    def check(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise wrong(path, _("a group of fields"), value)
        check_fields(value, spec, path)

    return check


def check_fields(doc: dict[str, Any], spec: Mapping[str, Field], path: str) -> None:
    """Check every known field of ``doc``; unknown fields are left alone."""
    for name, field in spec.items():
        where = f"{path}.{name}" if path else name
        if name not in doc:
            if field.required:
                raise BadField(where, _("is missing"))
            continue
        value = doc[name]
        if value is None and field.nullable:
            continue
        field.check(value, where)


# -- the records ---------------------------------------------------------------------------

_LINE = text(MAX_FIELD)
_LONG = text(MAX_NOTE)
_ID = Field(record_id, required=True)
_NAME = Field(text(MAX_FIELD, blank=False), required=True)
_TOPICS = Field(list_of(_LINE))

# Items carry an "id" from schema 2 on (required there: see sync_checks.check_item_id).
_ITEM_ID = Field(record_id)
NOTE = {
    "id": _ITEM_ID,
    "text": Field(_LONG, required=True),
    "at": Field(timestamp, required=True),
}
FOLLOW_UP = {
    "id": _ITEM_ID,
    "text": Field(_LONG, required=True),
    "due": Field(day, required=True),
    "done": Field(boolean, required=True),
}
INTERACTION = {
    "id": _ITEM_ID,
    "at": Field(timestamp, required=True),
    "kind": Field(text(MAX_FIELD, blank=False), required=True),
    "note": Field(_LONG),
}
GIVE_TAKE = {
    "id": _ITEM_ID,
    "at": Field(timestamp, required=True),
    "direction": Field(one_of(DIRECTIONS), required=True),
    "text": Field(_LONG, required=True),
}
CHANNELS = {"email": Field(_LINE), "phone": Field(_LINE), "url": Field(_LINE)}

EVENT = {
    "id": _ID,
    "name": _NAME,
    "place": Field(_LINE),
    "starts": Field(timestamp, nullable=True),
    "ends": Field(timestamp, nullable=True),
    "live": Field(boolean),
    "address_form": Field(one_of(ADDRESS_FORMS), nullable=True),
}
ENCOUNTER = {
    "id": _ID,
    "event_id": Field(record_id, required=True),
    "name": _NAME,
    "role": Field(_LINE),
    "org": Field(_LINE),
    "topics": _TOPICS,
    "notes": Field(list_of(fields(NOTE))),
    "follow_ups": Field(list_of(fields(FOLLOW_UP))),
    "met_at": Field(timestamp, required=True),
    "ended_at": Field(timestamp, nullable=True),
    "meaningful": Field(boolean),
    "status": Field(one_of(STATUSES)),
    "contact_id": Field(record_id, nullable=True),
    # Added after schema 1 was first published; optional, so older exports still import
    # and an older Hallway simply ignores them.
    "active_at": Field(timestamp, nullable=True),
    "circle": Field(list_of(record_id)),
}
CONTACT = {
    "id": _ID,
    "name": _NAME,
    "role": Field(_LINE),
    "org": Field(_LINE),
    "topics": _TOPICS,
    "notes": Field(list_of(fields(NOTE))),
    "encounter_ids": Field(list_of(record_id)),
    "cadence_days": Field(cadence),
    "last_touch": Field(timestamp, nullable=True),
    "next_due": Field(day, nullable=True),
    "snoozed_until": Field(day, nullable=True),
    "interactions": Field(list_of(fields(INTERACTION))),
    "give_take": Field(list_of(fields(GIVE_TAKE))),
    "channels": Field(fields(CHANNELS), nullable=True),
    "edited": Field(boolean),
}

# Your own topics (added within schema 1; optional).
PROFILE = {"topics": _TOPICS}

TABLES: dict[str, Mapping[str, Field]] = {
    "events": EVENT,
    "encounters": ENCOUNTER,
    "contacts": CONTACT,
}
NOUNS = {"events": "event", "encounters": "encounter", "contacts": "contact"}


def check_header(document: dict[str, Any]) -> None:
    """The export's own fields: when it was made, the id of the database it came from, and
    your profile (the topics you marked as your own)."""
    check_fields(
        document,
        {
            "exported_at": Field(timestamp, nullable=True),
            "database_id": Field(text(_MAX_DATABASE_ID, blank=False), nullable=True),
            "profile": Field(fields(PROFILE), nullable=True),
        },
        "",
    )


def check_record(item: Any, table: str, index: int) -> None:
    """One record of ``table`` (its id included), as found at ``table[index]``."""
    path = f"{table}[{index}]"
    if not isinstance(item, dict):
        raise wrong(path, _("a record (a group of fields)"), item)
    try:
        check_fields(item, TABLES[table], path)
    except BadField as bad:
        if bad.path != f"{path}.id":
            bad = BadField(bad.path, bad.why, record_label(item, NOUNS[table]))
        raise bad from None


def record_label(item: dict[str, Any], noun: str) -> str:
    """How a message names a record besides its place (nothing when it has no usable name)."""
    name = item.get("name")
    return named(noun, name) if isinstance(name, str) and name.strip() else ""


def named(noun: str, name: str) -> str:
    """A record as a message names it: ``encounter “Maya Chen”`` (by name, not by id: ids are
    long numbers nobody reads), or ``the encounter`` when the name is blank."""
    name = " ".join(visible(name).split())
    # A message per noun (the tables' own words), since German gives each its own article.
    if not name:
        return pgettext("record", _THE[noun])
    shown = name if len(name) <= 40 else name[:39] + "…"
    return pgettext("record", _NAMED[noun]).format(name=shown)


_THE = {
    "event": NP_("record", "the event"),
    "encounter": NP_("record", "the encounter"),
    "contact": NP_("record", "the contact"),
}
_NAMED = {
    "event": NP_("record", "event “{name}”"),
    "encounter": NP_("record", "encounter “{name}”"),
    "contact": NP_("record", "contact “{name}”"),
}
