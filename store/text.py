"""Text helpers shared by everything in Hallway: showing typed text safely, comparing text,
and the wording of dates, topics and work (one home, so every screen and export says it alike).

**Typed text is text.** People's names and notes may contain anything, including terminal escape
sequences (``ESC [ 31 m``, ``ESC ] 0 ; title BEL``) pasted by accident or malice. Shown raw,
those would restyle or retitle the terminal. :func:`visible` maps every control character (C0,
DEL and C1, except tab and newline where allowed) to a visible stand-in, so the text reads as
typed and never acts. Bidirectional embeddings, overrides and isolates (U+202A..U+202E,
U+2066..U+2069) are shown as stand-ins too: on a terminal that does bidi they could reorder the
text around them ("Trojan source"). The joiners (ZWJ, ZWNJ) that emoji sequences and Indic or
Persian spelling need, and the plain direction marks LRM and RLM, are kept.

:func:`amount` words a count of things (never of people: Hallway shows no such counts).

**Comparing text.** :func:`fold` and :func:`words` ignore case and accents ("zoe" finds "Zoë"),
for search, merge suggestions and event series.

**Wording.** Month and weekday names (English, independent of the process locale), dates
("3 May", "Monday 12 May 2025"), promise due dates ("due tomorrow"), topics as words
("baby-sitters-club" -> "baby sitters club") and "role @ organisation".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

# Unicode "Control Pictures" for C0 (U+2400..U+241F) and DEL (U+2421); C1 as ⟨9B⟩-style codes.
_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
_C0[0x1B] = "␛"
_TABLE: dict[int, str] = {**_C0, 0x7F: "␡"}
_TABLE.update({code: f"⟨{code:02X}⟩" for code in range(0x80, 0xA0)})
_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE.update({code: f"⟨{code:04X}⟩" for code in _BIDI_CONTROLS})
_TABLE_MULTILINE = {k: v for k, v in _TABLE.items() if k not in (0x09, 0x0A)}
_TABLE_MULTILINE[0x09] = "    "


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character replaced by a visible symbol.

    With ``multiline`` newlines are kept (and tabs become spaces); otherwise they are shown
    as symbols too, so a one-line field stays one line.
    """
    return text.translate(_TABLE_MULTILINE if multiline else _TABLE)


def amount(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the right number: "1 backup", "3 backups", "0 backups"."""
    if count == 1:
        return f"1 {singular}"
    return f"{count} {plural or singular + 's'}"


# -- comparing text ----------------------------------------------------------------------


_COMBINING = re.compile("[\u0300-\u036f]+")


_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)


class _WordBreaks(dict[int, str]):
    """A ``str.translate`` table that turns every character that separates words into a space
    and keeps every other one, decided by Unicode category the first time a character is
    seen (so no hand-kept list, and no start-up cost: a table of all of Unicode takes a third
    of a second to build).

    Separators: punctuation of any script (``P*``: the Arabic comma ``،``, the Devanagari
    danda ``।``, CJK ``、。「」``, full-width ``！``), spaces and line or paragraph separators
    (``Z*``), control characters (``Cc``) and maths, currency and modifier symbols (``Sm``,
    ``Sc``, ``Sk``, so ``+`` ``=`` ``$`` ``^`` separate as they always did). Letters, marks and
    digits of any script stay inside words, and so do emoji (``So``), their skin-tone
    modifiers (the one ``Sk`` range that belongs to the emoji before it) and the joiners
    emoji sequences and Persian or Indic spelling need (ZWJ, ZWNJ: ``Cf``).
    """

    _SEPARATING = frozenset(
        {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Zs", "Zl", "Zp", "Cc", "Sm", "Sc", "Sk"}
    )

    def __missing__(self, code: int) -> str:
        char = chr(code)
        emoji_modifier = 0x1F3FB <= code <= 0x1F3FF
        breaks = unicodedata.category(char) in self._SEPARATING and not emoji_modifier
        # Assigning is safe across threads (the search index is built in a worker): at worst
        # two threads work out the same answer.
        self[code] = result = " " if breaks else char
        return result


_WORD_BREAKS = _WordBreaks()


def fold(text: str) -> str:
    """Text for comparison: case-folded, accents and special Latin letters folded."""
    text = text.casefold().translate(_SPECIAL_LETTERS)
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFKD", text)))


def words(text: str) -> list[str]:
    """The folded words of a text, in order, split at whitespace and at punctuation of any
    script (see :class:`_WordBreaks`)."""
    return fold(text).translate(_WORD_BREAKS).split()


# -- shared wording ----------------------------------------------------------------------


# English names, on purpose independent of the process locale (strftime's %B is not).
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def and_list(items: list[str]) -> str:
    """Items in a sentence: "Ana", "Ana and Ben", "Ana, Ben and Cy" (no counting)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_TOPIC_PARTS = re.compile(r"([-_]+)")


def readable_topic(topic: str) -> str:
    """A stored topic as words: ``"baby-sitters-club"`` -> ``"baby sitters club"``; a hyphen
    next to a piece of one or two letters stays, as English writes it (``"sci-fi"``,
    ``"k-pop"``, ``"lo-fi"``)."""
    pieces = _TOPIC_PARTS.split(topic.lstrip("#"))
    out = pieces[0]
    for joint, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        left = out.rsplit(" ", 1)[-1]
        keep = joint == "-" and left and piece and min(len(left), len(piece)) <= 2
        out += "-" + piece if keep else " " + piece
    return " ".join(out.split())


def human_date(day: date | datetime) -> str:
    """A date in plain English, independent of the system locale: "Monday 12 May 2025"."""
    if isinstance(day, datetime):
        day = day.date()
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: date | datetime) -> str:
    """A compact date in plain English: "12 May 2025"."""
    if isinstance(day, datetime):
        day = day.date()
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def role_at_org(role: str, org: str, *, mark_lone_org: bool = True) -> str:
    """ "data engineer @ Acme", "data engineer", "@ Acme" or "" as the details allow.

    Without ``mark_lone_org`` an organisation alone is just "Acme" (as the screens show it,
    under the person's name); exports keep the "@" so it reads as a workplace.
    """
    if role and org:
        return f"{role} @ {org}"
    if org:
        return f"@ {org}" if mark_lone_org else org
    return role


def format_day(day: date, today: date) -> str:
    """A day in words: "3 May" this year, "3 May 2024" otherwise."""
    text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def due_words(due: date, today: date) -> str:
    """A promise's due date in words relative to today ("due today", "due Thu 5 Mar")."""
    days = (due - today).days
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days < 0:
        return f"was due {due:%a} {due.day} {due:%b}"
    return f"due {due:%a} {due.day} {due:%b}"
