"""Reading the CSV files people have after an event: LinkedIn's ``Connections.csv``, Google
Contacts and Outlook exports, an event app's attendee list, or any CSV with a header row.

Columns are found by their header, in any order and case, with the names those programs use
(``First Name``/``Last Name``, ``Company``, ``Position``, ``E-mail Address``,
``E-mail 1 - Value``, ``Phone 1 - Value``, ``Job Title``, ``Connected On``...) and the plain
ones (name, email, phone, organisation, role, topics, notes, met-at, event). Lines before the
header (LinkedIn's "Notes:" paragraph) are passed over: the header is the first row naming a
name column. The delimiter is a comma, semicolon or tab, whichever the header uses most.

A row that can't be imported (no name, an unreadable date, text longer than Hallway keeps) is
skipped with its line number and why; blank rows are passed over. Decisions:

* Outlook's ``Title`` is a courtesy title ("Dr."), so it is the role only when the file has no
  job-title column.
* Topics may be separated by commas, semicolons, Google's ``:::`` or spaces between
  ``#tags``; Google's own groups (``* myContacts``, ``* starred``) are not topics.
* A cell a spreadsheet export made inert (``'=...``, see :mod:`.csvio`) loses its apostrophe.
* Dates: ISO 8601 (``2026-03-05``, with a time or not), ``05 Mar 2026`` (LinkedIn),
  ``March 5, 2026`` and ``05.03.2026``; ``03/05/2026`` is refused, since it means a different
  day in different countries.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from hallway.store import clock
from hallway.store.capture_line import extract_topics
from hallway.store.i18n import _
from hallway.store.interop.vcard_parse import (
    Card,
    CardNote,
    CardTooLong,
    Skipped,
    as_topic,
    check_lengths,
    join_name,
)
from hallway.store.records import horizon_words, within_horizon
from hallway.store.text import GERMAN_MONTH_NAMES, MONTH_NAMES, short_date

_SEPARATORS = re.compile(r"[\s_\-–—.:/]+")


def normalise_header(header: str) -> str:
    """A header as compared: case, spacing, hyphens, dots and BOMs ignored."""
    return _SEPARATORS.sub(" ", header.replace("\ufeff", "").casefold()).strip()


def _names(*names: str) -> tuple[str, ...]:
    return tuple(normalise_header(n) for n in names)


# Each field's headers, most specific first.
FULL_NAME = _names("name", "full name", "display name", "contact name", "attendee name")
GIVEN = _names("first name", "given name", "firstname", "first")
MIDDLE = _names("middle name", "additional name")
FAMILY = _names("last name", "family name", "surname", "lastname", "last")
PREFIX = _names("name prefix", "prefix")
SUFFIX = _names("name suffix", "suffix")
EMAIL = _names(
    "email", "e-mail", "email address", "e-mail address", "e-mail 1 - value", "email 1 - value",
    "work email", "primary email", "mail", "e-mail 2 address", "e-mail 2 - value",
    "e-mail 3 address",
)  # fmt: skip
PHONE = _names(
    "phone", "mobile", "mobile phone", "cell", "phone 1 - value", "phone number", "telephone",
    "primary phone", "business phone", "home phone", "phone 2 - value", "other phone",
)  # fmt: skip
ORG = _names(
    "organisation", "organization", "org", "company", "organization name",
    "organization 1 - name", "company name", "employer",
)  # fmt: skip
ROLE = _names(
    "role", "position", "job title", "organization title", "organization 1 - title", "job"
)
COURTESY_OR_ROLE = _names("title")
TOPICS = _names("topics", "topic", "tags", "interests", "labels", "group membership", "categories")
NOTES = _names("notes", "note", "comments", "comment")
MET_AT = _names("met-at", "met at", "met on", "met", "connected on", "date met", "date")
EVENT = _names("event", "event name")
URL = _names(
    "url", "website", "web page", "web site", "homepage", "linkedin", "linkedin url",
    "profile url", "website 1 - value",
)  # fmt: skip
_NAME_HEADERS = {*FULL_NAME, *GIVEN, *FAMILY}
_TOPIC_SPLIT = re.compile(r"\s*(?::::|[,;])\s*")
_SYSTEM_GROUPS = {"mycontacts", "starred"}
# Month names by their first three letters, English and German ("5 Mar 2026", "5. März 2026",
# "5. Mär. 2026", "5. Okt. 2026"), whatever the language spoken now: a file is written in its
# own. Also the Austrian Jänner, the DIN abbreviation Mrz and März without its umlaut.
_MONTHS = {
    **{name[:3].casefold(): number for number, name in enumerate(GERMAN_MONTH_NAMES, 1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "jän": 1,
    "mrz": 3,
    "mae": 3,
}
_FORMULA_STARTS = ("=", "+", "-", "@")


class CsvProblem(ValueError):
    """Why a row can't be imported (the message is shown to the user)."""


@dataclass(frozen=True)
class Row:
    """One readable row: the person, when they were met (if the file says) and at which event."""

    card: Card
    met_at: datetime | None = None
    event: str = ""
    met_label: str = "Met on"  # "Connected on" for LinkedIn's "Connected On" column

    def when_met_note(self) -> CardNote | None:
        """When they were met (or connected), in words: a lasting contact has no other place
        for it."""
        if self.met_at is None:
            return None
        day = short_date(self.met_at)
        if self.met_label == "Connected on":
            return CardNote(_("Connected on {day}").format(day=day))
        return CardNote(_("Met on {day}").format(day=day))


@dataclass
class _Columns:
    """Which cells of a row hold each field (indexes, most specific first)."""

    full: list[int]
    given: list[int]
    middle: list[int]
    family: list[int]
    prefix: list[int]
    suffix: list[int]
    email: list[int]
    phone: list[int]
    org: list[int]
    role: list[int]
    topics: list[int]
    notes: list[int]
    met_at: list[int]
    event: list[int]
    url: list[int]
    met_label: str


def _find(headers: list[str], wanted: tuple[str, ...]) -> list[int]:
    """Indexes of the columns with these headers, in the order of ``wanted``."""
    return [i for name in wanted for i, header in enumerate(headers) if header == name]


def _columns(headers: list[str]) -> _Columns:
    role = _find(headers, ROLE) or _find(headers, COURTESY_OR_ROLE)
    met = _find(headers, MET_AT)
    label = "Connected on" if met and headers[met[0]] == "connected on" else "Met on"
    return _Columns(
        full=_find(headers, FULL_NAME),
        given=_find(headers, GIVEN),
        middle=_find(headers, MIDDLE),
        family=_find(headers, FAMILY),
        prefix=_find(headers, PREFIX),
        suffix=_find(headers, SUFFIX),
        email=_find(headers, EMAIL),
        phone=_find(headers, PHONE),
        org=_find(headers, ORG),
        role=role,
        topics=_find(headers, TOPICS),
        notes=_find(headers, NOTES),
        met_at=met,
        event=_find(headers, EVENT),
        url=_find(headers, URL),
        met_label=label,
    )


def _delimiter(text: str) -> str:
    """The delimiter the header uses most (a comma when in doubt), found on the first line
    that names a name column (LinkedIn's preamble comes before it)."""
    for line in text.splitlines()[:50]:
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        if counts[best] and any(
            normalise_header(cell) in _NAME_HEADERS for cell in line.split(best)
        ):
            return best
    return ","


def read_rows(text: str, source: str) -> tuple[list[Row], list[Skipped]]:
    """Every readable row of a CSV file, and every skipped one with its line and reason.
    Raises :class:`CsvProblem` when no header row with a name column is found."""
    reader = _records(text.removeprefix("\ufeff"), _delimiter(text))
    columns: _Columns | None = None
    rows: list[Row] = []
    skipped: list[Skipped] = []
    for line, cells, error in reader:
        if columns is None:
            headers = [normalise_header(cell) for cell in cells]
            if error is None and _NAME_HEADERS.intersection(headers):
                columns = _columns(headers)
            continue
        if error is not None:
            skipped.append(Skipped(line, error))
            continue
        cells = [_uninert(cell.strip()) for cell in cells]
        if not any(cells):
            continue
        try:
            rows.append(_row(line, cells, columns))
        except CsvProblem as problem:
            skipped.append(Skipped(line, str(problem), _name(cells, columns)))
    if columns is None:
        raise CsvProblem(
            _(
                "No header row found in {source}: a CSV for Hallway needs a first row naming "
                "its columns, with a name (or first name and last name) among them, such as "
                "name,email,organisation. Nothing was imported."
            ).format(source=source)
        )
    return rows, skipped


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str], str | None]]:
    """(first line number, cells, None) for each record, or (line, [], why) for one that
    can't be read; a record may span lines (a quoted note)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = str(error)
            if "field larger than field limit" in reason:
                reason = _("one of its cells is longer than Hallway keeps in a note")
            why = _("This row can't be read as CSV ({reason}), so it was left out.")
            yield line, [], why.format(reason=reason)
            line = reader.line_num + 1
            continue
        yield line, cells, None
        line = reader.line_num + 1


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take the cell for a formula: it starts with ``=``, ``+``,
    ``-`` or ``@`` (after any spaces or line breaks), or with a tab or a line break."""
    return text[:1] in ("\t", "\r", "\n") or text.lstrip().startswith(_FORMULA_STARTS)


def _uninert(cell: str) -> str:
    """A cell a spreadsheet-safe export made inert ("'=SUM(1)") as it was typed."""
    return cell[1:] if cell.startswith("'") and formula_like(cell[1:]) else cell


def _cell(cells: list[str], indexes: list[int]) -> str:
    """The first non-empty cell among these columns, with its spacing collapsed."""
    for index in indexes:
        if index < len(cells) and cells[index].strip():
            return " ".join(cells[index].split())
    return ""


def _name(cells: list[str], columns: _Columns) -> str:
    full = _cell(cells, columns.full)
    if full:
        return full
    parts = (columns.prefix, columns.given, columns.middle, columns.family, columns.suffix)
    prefix, given, middle, family, suffix = (_cell(cells, indexes) for indexes in parts)
    return join_name(prefix, given, middle, family, suffix)


def _row(line: int, cells: list[str], columns: _Columns) -> Row:
    name = _name(cells, columns)
    if not name:
        raise CsvProblem(_("This row has no name, so it was left out."))
    card = Card(
        line=line,
        name=name,
        role=_cell(cells, columns.role),
        org=_cell(cells, columns.org),
        email=_cell(cells, columns.email).removeprefix("mailto:"),
        phone=_cell(cells, columns.phone),
        url=_cell(cells, columns.url),
    )
    card.topics = _topics([cells[i] for i in columns.topics if i < len(cells)])
    card.notes = [
        CardNote(text)
        for i in columns.notes
        if i < len(cells) and (text := cells[i].replace("\r\n", "\n").strip())
    ]
    met_text = _cell(cells, columns.met_at)
    met_at = read_moment(met_text) if met_text else None
    try:
        check_lengths(card, "row")
    except CardTooLong as error:
        raise CsvProblem(str(error)) from None
    return Row(card, met_at, _cell(cells, columns.event), columns.met_label)


def _topics(cells: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for cell in cells:
        for item in _TOPIC_SPLIT.split(cell):
            pieces = extract_topics(item) if "#" in item else [item]
            for piece in pieces:
                topic = as_topic(piece.strip().removeprefix("*").strip())
                if topic and topic not in _SYSTEM_GROUPS:
                    found.setdefault(topic, None)
    return list(found)


# A month name is letters, umlauts included ("März").
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]{3,9})\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}")


def read_moment(text: str) -> datetime:
    """When a row says someone was met: a date (the start of that day, local time) or an
    ISO 8601 time. Raises :class:`CsvProblem` with the forms Hallway reads."""
    day = _read_day(text.strip())
    if isinstance(day, datetime):
        moment = day if day.tzinfo else day.replace(tzinfo=clock.now().tzinfo)
    else:
        moment = datetime.combine(day, time(0), tzinfo=clock.now().tzinfo)
    if not within_horizon(moment.date()):
        raise CsvProblem(
            _(
                "Its date {date} is outside the dates Hallway keeps ({horizon}), "
                "so it was left out."
            ).format(date=repr(text), horizon=horizon_words())
        )
    return moment


def _read_day(text: str) -> date | datetime:
    readers: list[tuple[re.Pattern[str], Callable[[re.Match[str]], date]]] = [
        (_DAY_MONTH_YEAR, lambda m: date(int(m[3]), _month(m[2]), int(m[1]))),
        (_MONTH_DAY_YEAR, lambda m: date(int(m[3]), _month(m[1]), int(m[2]))),
        (_DOTTED, lambda m: date(int(m[3]), int(m[2]), int(m[1]))),
    ]
    try:
        moment = datetime.fromisoformat(text)
        return moment.date() if len(text) <= 10 else moment
    except ValueError:
        pass
    for pattern, build in readers:
        match = pattern.fullmatch(text)
        if match:
            try:
                return build(match)
            except (KeyError, ValueError):
                break
    if _SLASHED.fullmatch(text):
        why = _(
            "Its date {date} can't be read (a date with slashes means different days in "
            "different countries); write it as 2026-03-05 or 5 Mar 2026. The row was left out."
        )
    else:
        why = _(
            "Its date {date} can't be read; write it as 2026-03-05 or 5 Mar 2026. "
            "The row was left out."
        )
    raise CsvProblem(why.format(date=repr(text)))


def _month(name: str) -> int:
    return _MONTHS[name[:3].casefold()]
