"""Reading vCard files from phones and mail clients, one card at a time.

The file is split into cards here (``BEGIN:VCARD`` .. ``END:VCARD``, with line numbers), so a
broken card is reported and skipped while the others are read. Each card's lines are parsed
by vobject's content-line reader (parameters, groups such as ``item1.URL``,
quoted-printable decoding); unfolding is done here so line numbers stay exact.

Two places where vobject is not trusted, on purpose:

* vCard 2.1 quoted-printable soft line breaks (a line ending in ``=``): vobject joins them with
  a newline and then drops everything after it, so they are joined here first.
* Text values are unescaped here from the raw value: vobject keeps only the part before the
  first unescaped comma of a single text value, and real phones rarely escape commas in notes.

Photos, logos, sounds and keys are dropped unread (Hallway keeps none of them), and unfolding
takes time in proportion to the file's size, so a card with a 50 MB photo imports in about a
second. A card whose note or details are longer than Hallway keeps (:data:`MAX_NOTE`,
:data:`MAX_FIELD`) is left out with the reason, as a broken card is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vobject.base import ContentLine, VObjectError, textLineToContentLine

from hallway.store.capture_line import is_topic_char, normalise_topic
from hallway.store.i18n import N_, _
from hallway.store.interop.common import PRODID
from hallway.store.records import MAX_FIELD, MAX_NOTE, parse_time_within
from hallway.store.text import number as wnum  # "number" names line numbers here

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")
# Google Contacts puts its own groups in CATEGORIES; they are not things you talked about.
_SYSTEM_GROUPS = {"mycontacts", "starred"}
_DASHES = re.compile(r"-{2,}")
# How a card's meetings begin when they become a note (in another database the meetings
# themselves don't exist).
# The heading of the note that keeps how you met, in the language of the import.
HOW_WE_MET = N_("How we met:")
# A content line's group and name, before its parameters or value.
_HEAD = re.compile(r"[^;:]*")
# Binary data (RFC 6350 PHOTO, LOGO, SOUND, KEY): often megabytes, and Hallway keeps none.
_NOT_KEPT = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
# Longer than any line holding what Hallway keeps (escaping or quoted-printable at most
# triples a note): such a line is refused before it is parsed.
_LONGEST_LINE = 3 * MAX_NOTE + 1_000


@dataclass(frozen=True)
class Skipped:
    """A card that was not imported: where it starts in the file, and why."""

    line: int
    reason: str
    name: str = ""


@dataclass
class CardNote:
    """A note read from a card, with its time when the card says it (Hallway's own cards)."""

    text: str
    at: datetime | None = None


@dataclass
class Card:
    """What one readable card says about a person."""

    line: int
    name: str
    role: str = ""
    org: str = ""
    topics: list[str] = field(default_factory=list)
    notes: list[CardNote] = field(default_factory=list)
    how_we_met: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    uid: str = ""


@dataclass
class _RawCard:
    line: int
    lines: list[tuple[int, str]]  # (line number in the file, text)
    closed: bool


def decode_vcard_bytes(data: bytes) -> str:
    """Text of a .vcf file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Old Outlook and Windows phones write Windows code pages. Latin-1 is the last resort because
    it never fails: an odd letter is shown wrongly rather than the whole file refused. For the
    same reason a damaged UTF-16 file (a cut-off last character) decodes with U+FFFD there.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_cards(text: str) -> tuple[list[Card], list[Skipped]]:
    """Every readable card in a vCard file, and every skipped one with its line and reason."""
    cards: list[Card] = []
    skipped: list[Skipped] = []
    for raw in _split_cards(text.removeprefix("\ufeff")):
        if not raw.closed:
            reason = _("This card has no END:VCARD line, so it may be cut short.")
            skipped.append(Skipped(raw.line, reason, _guess_name(raw)))
            continue
        try:
            card = _read_card(raw)
        except _CardError as error:
            skipped.append(Skipped(raw.line, str(error), _guess_name(raw)))
            continue
        cards.append(card)
    return cards, skipped


def _split_cards(text: str) -> Iterable[_RawCard]:
    current: _RawCard | None = None
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                yield current  # a new card began before the old one ended
            current = _RawCard(number, [(number, line)], closed=False)
        elif current is not None:
            current.lines.append((number, line))
            if marker == "END:VCARD":
                current.closed = True
                yield current
                current = None
    if current is not None:
        yield current


class _CardError(Exception):
    """Why a card can't be imported (the message is shown to the user)."""


class CardTooLong(_CardError):
    """A card (or a CSV row) holds text longer than Hallway keeps."""


def _guess_name(raw: _RawCard) -> str:
    """The FN of a card that can't be parsed, read naively, to help find it in the file."""
    for _line_number, line in raw.lines:
        if line[:3].upper() in ("FN:", "FN;") and ":" in line:
            return _collapse(_unescape(line.split(":", 1)[1], old=False))
    return ""


def _join_soft_breaks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join quoted-printable soft line breaks (``=`` at the end) into one physical line.

    The pieces of a line are gathered and joined once, so a long value costs time in
    proportion to its length (joining piece by piece copied it again for every piece).
    """
    joined: list[tuple[int, str]] = []
    pieces: list[str] = []
    start = 0
    head: str | None = None  # the joined line's text before its first ":", once it has one
    for number, line in lines:
        if pieces:
            pieces[-1] = pieces[-1][:-1]  # a soft break: its "=" goes, the next piece follows
        else:
            start, head = number, None
        pieces.append(line)
        if head is None and ":" in line:
            head = "".join(pieces).split(":", 1)[0].upper()
        encoding = head if head is not None else "".join(pieces).upper()
        if not (line.endswith("=") and "QUOTED-PRINTABLE" in encoding):
            joined.append((start, "".join(pieces)))
            pieces = []
    if pieces:
        joined.append((start, "".join(pieces)))
    return joined


def _property_name(line: str) -> str:
    """The property a content line starts: "item1.PHOTO;ENCODING=b:..." -> "PHOTO"."""
    head = _HEAD.match(line)
    return (head.group() if head else "").rsplit(".", 1)[-1].strip().upper()


def _unfold(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join folded lines (a line starting with a space or tab continues the one before).

    Each logical line's pieces are joined once (linear time: a 50 MB photo folded into
    700,000 lines used to be copied again for every line). Photos, logos, sounds and keys are
    dropped here, with their continuation lines, without being joined or parsed: Hallway
    keeps none of them.
    """
    logical: list[tuple[int, list[str]]] = []
    dropping = False
    for number, line in lines:
        if line[:1] in (" ", "\t") and (logical or dropping):
            if not dropping:
                logical[-1][1].append(line[1:])
        elif line.strip():
            dropping = _property_name(line) in _NOT_KEPT
            if not dropping:
                logical.append((number, [line]))
    return [(number, "".join(pieces)) for number, pieces in logical]


def _read_card(raw: _RawCard) -> Card:
    props: list[ContentLine] = []
    # Line by line rather than vobject.readOne: a whole component gets vobject's value
    # decoding, which cuts single text values at the first comma (see the module docstring).
    for number, logical in _unfold(_join_soft_breaks(raw.lines)):
        if len(logical) > _LONGEST_LINE:
            raise _CardError(
                _(
                    "Line {number} holds {length} characters, more than Hallway keeps "
                    "(a note holds at most {most}), so the card was left out."
                ).format(number=number, length=wnum(len(logical)), most=wnum(MAX_NOTE))
            )
        try:
            prop = textLineToContentLine(logical, number)
        except VObjectError:
            raise _CardError(
                _("Line {number} can't be read as a vCard line, so the card was left out.").format(
                    number=number
                )
            ) from None
        except (LookupError, UnicodeDecodeError):
            raise _CardError(
                _(
                    "Line {number} uses a character set Hallway can't read, so the card was left "
                    "out."
                ).format(number=number)
            ) from None
        if prop.name not in ("BEGIN", "END"):
            props.append(prop)
    card = _card_from(raw.line, props)
    check_lengths(card)
    return card


def check_lengths(card: Card, unit: str = "card") -> None:
    """Raise :class:`CardTooLong` if the card's text is longer than Hallway keeps: such a
    card (or CSV ``unit="row"``) is left out whole, with the reason, since cutting a note
    short without a word would lose text silently."""
    for note in [*card.notes, CardNote(_(HOW_WE_MET) + "\n" + card.how_we_met)]:
        if len(note.text) > MAX_NOTE:
            if unit == "row":
                why = _(
                    "One of its notes is {length} characters long; Hallway keeps at most "
                    "{most} in one note, so the row was left out."
                )
            else:
                why = _(
                    "One of its notes is {length} characters long; Hallway keeps at most "
                    "{most} in one note, so the card was left out."
                )
            raise CardTooLong(why.format(length=wnum(len(note.text)), most=wnum(MAX_NOTE)))
    lines = [card.name, card.role, card.org, card.email, card.phone, card.url, *card.topics]
    longest = max(len(line) for line in lines)
    if longest > MAX_FIELD:
        if unit == "row":
            why = _(
                "One of its details is {length} characters long; Hallway keeps at most {most} "
                "in a name, role, organisation, topic or way to reach someone, so the row was "
                "left out."
            )
        else:
            why = _(
                "One of its details is {length} characters long; Hallway keeps at most {most} "
                "in a name, role, organisation, topic or way to reach someone, so the card was "
                "left out."
            )
        raise CardTooLong(why.format(length=wnum(longest), most=wnum(MAX_FIELD)))


def _card_from(line: int, props: list[ContentLine]) -> Card:
    version = next((str(p.value).strip() for p in props if p.name == "VERSION"), "3.0")
    old = version == "2.1"

    def values(name: str) -> list[ContentLine]:
        return [p for p in props if p.name == name]

    def text(name: str) -> str:
        found = values(name)
        return _collapse(_unescape(str(found[0].value), old)) if found else ""

    name = text("FN") or _name_from_n(values("N"), old)
    if not name:
        raise _CardError(_("This card has no name (neither FN nor N), so it was left out."))
    card = Card(line=line, name=name, role=text("TITLE") or text("ROLE"), uid=text("UID"))
    orgs = values("ORG")
    if orgs:
        card.org = next(
            (_collapse(p) for p in _split(str(orgs[0].value), ";", old) if p.strip()), ""
        )
    card.topics = _topics(props, old)
    card.email = _chosen(values("EMAIL"), old, "mailto:")
    card.phone = _chosen(values("TEL"), old, "tel:", prefer="CELL")
    card.url = _chosen(values("URL"), old, "")
    hallway_notes = [CardNote(_note_text(p, old), _note_time(p)) for p in values("X-HALLWAY-NOTE")]
    met = [_note_text(p, old) for p in values("X-HALLWAY-MET")]
    card.how_we_met = "\n".join(m for m in met if m)
    hallway_made = bool(hallway_notes or met) or text("PRODID") == PRODID
    if hallway_made:
        # NOTE of a Hallway card is a summary made from these; reading it too would double up.
        card.notes = [n for n in hallway_notes if n.text]
    else:
        card.notes = [CardNote(t) for p in values("NOTE") if (t := _note_text(p, old))]
    return card


def _name_from_n(found: list[ContentLine], old: bool) -> str:
    if not found:
        return ""
    parts = [_collapse(p.replace(",", " ")) for p in _split(str(found[0].value), ";", old)]
    parts += [""] * (5 - len(parts))
    family, given, additional, prefix, suffix = parts[:5]
    return join_name(prefix, given, additional, family, suffix)


def join_name(prefix: str, given: str, additional: str, family: str, suffix: str) -> str:
    """A whole name from its parts (vCard ``N``, a CSV's first and last name columns): in
    that order, except that a Chinese, Japanese or Korean name is family name first, with no
    space ("李" and "雷" -> "李雷")."""
    if _CJK.search(family + given):
        return _collapse(f"{family}{given}")
    return _collapse(" ".join([prefix, given, additional, family, suffix]))


def _topics(props: list[ContentLine], old: bool) -> list[str]:
    seen: dict[str, None] = {}
    for prop in props:
        if prop.name == "CATEGORIES":
            raw = _split(str(prop.value), ",", old)
        elif prop.name in ("INTEREST", "HOBBY"):
            raw = [_unescape(str(prop.value), old)]
        else:
            continue
        for item in raw:
            topic = as_topic(item)
            if topic and topic not in _SYSTEM_GROUPS:
                seen.setdefault(topic, None)
    return list(seen)


def as_topic(category: str) -> str:
    """A category as a Hallway topic: "Book Club" -> "book-club", so ``#book-club`` finds it."""
    text = normalise_topic(category.strip())
    dashed = "".join(char if is_topic_char(char) else "-" for char in text)
    return _DASHES.sub("-", dashed).strip("-")


def _chosen(found: list[ContentLine], old: bool, scheme: str, prefer: str = "") -> str:
    """The preferred value among several (PREF first, then ``prefer`` type, then file order)."""

    def rank(item: tuple[int, ContentLine]) -> tuple[bool, bool, int]:
        index, prop = item
        kinds = _kinds(prop)
        return ("PREF" not in kinds, bool(prefer) and prefer not in kinds, index)

    for _index, prop in sorted(enumerate(found), key=rank):
        value = _collapse(_unescape(str(prop.value), old))
        if scheme and value.lower().startswith(scheme):
            value = value[len(scheme) :]
        if value:
            return value
    return ""


def _kinds(prop: ContentLine) -> set[str]:
    """Type words of a property in any version: ``TEL;CELL``, ``TYPE=cell,pref``, ``PREF=1``."""
    params: dict[str, list[Any]] = prop.params
    kinds = {str(s).upper() for s in prop.singletonparams}
    for value in params.get("TYPE", []):
        kinds.update(v.strip().upper() for v in str(value).split(","))
    if "PREF" in params:
        kinds.add("PREF")
    if "MOBILE" in kinds:
        kinds.add("CELL")
    return kinds


def _note_text(prop: ContentLine, old: bool) -> str:
    return _unescape(str(prop.value), old).replace("\r\n", "\n").replace("\r", "\n").strip()


def _note_time(prop: ContentLine) -> datetime | None:
    params: dict[str, list[Any]] = prop.params
    stamp = params.get("X-AT", [None])[0]
    try:
        # Outside the years Hallway keeps counts as no time, like any unreadable stamp.
        return parse_time_within(stamp) if stamp else None
    except ValueError:
        return None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _unescape(value: str, old: bool) -> str:
    """Undo vCard text escaping; 2.1 only escapes ``;``, and unknown escapes stay as typed."""
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        if following == ";" or (not old and following in ",\\:"):
            out.append(following)
        elif not old and following in "nN":
            out.append("\n")
        else:
            out.append(char + following)
    return "".join(out)


def _split(value: str, separator: str, old: bool) -> list[str]:
    """Split a raw value on unescaped ``separator``, then unescape each part."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [_unescape(part, old) for part in parts]


def split_name(name: str) -> tuple[str, str, str]:
    """(family, given, additional) for vCard ``N``: the last word is the family name.

    One word is a given name. A CJK name is written family name first; without a space it is
    kept whole as the family name, since guessing where a Chinese or Japanese family name
    ends is wrong too often.
    """
    words = name.split()
    if not words:
        return "", "", ""
    if _CJK.search(name):
        return words[0], " ".join(words[1:]), ""
    if len(words) == 1:
        return "", words[0], ""
    return words[-1], words[0], " ".join(words[1:-1])
