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

**Wording.** Month and weekday names, dates ("3 May", "Monday 12 May 2025"; in German "3. Mai",
"Montag, 12. Mai 2025"), promise due dates ("due tomorrow", "morgen fällig"), topics as words
("baby-sitters-club" -> "baby sitters club") and "role @ organisation". Dates speak the language
:mod:`hallway.store.i18n` chose, from hand-written tables (independent of the process locale,
as strftime's ``%B`` is not); times are 24-hour in both languages.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from hallway.store import i18n
from hallway.store.i18n import _

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


def number(value: int) -> str:
    """A whole number as the current language writes it: "12,345" in English, "12.345" in
    German."""
    text = f"{value:,}"
    return text.replace(",", ".") if i18n.current() == "de" else text


def amount(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the right number: "1 backup", "3 backups", "0 backups".

    English only: a message that is shown goes through the catalog's plural forms instead
    (``ngettext("{n} backup", "{n} backups", n)``, :mod:`hallway.store.i18n`)."""
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


# English names, on purpose independent of the process locale (strftime's %B is not). They
# stay English whatever the language: the due-date and config parsers read English words.
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

# German names and the abbreviations German dates use (Duden: "Sept.", "März" unabridged).
GERMAN_MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_GERMAN_MONTHS_SHORT = (
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sept.",
    "Okt.",
    "Nov.",
    "Dez.",
)
GERMAN_WEEKDAY_NAMES = (
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
)
_GERMAN_WEEKDAYS_SHORT = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")


def _german() -> bool:
    return i18n.current() == "de"


def month_name(month: int) -> str:
    """The name of a month (1-12) in the current language: "March", "März"."""
    return (GERMAN_MONTH_NAMES if _german() else MONTH_NAMES)[month - 1]


def weekday_name(weekday: int) -> str:
    """The name of a weekday (0 = Monday) in the current language: "Friday", "Freitag"."""
    return (GERMAN_WEEKDAY_NAMES if _german() else WEEKDAY_NAMES)[weekday]


def and_list(items: list[str]) -> str:
    """Items in a sentence: "Ana", "Ana and Ben", "Ana, Ben and Cy" (no counting)."""
    if len(items) <= 1:
        return "".join(items)
    # Translators: the end of a list of names: "Ana, Ben and Cy" ({items} = "Ana, Ben").
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


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
    """A date in words, independent of the system locale: "Monday 12 May 2025", in German
    "Montag, 12. Mai 2025"."""
    if isinstance(day, datetime):
        day = day.date()
    if _german():
        return f"{weekday_name(day.weekday())}, {short_date(day)}"
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: date | datetime) -> str:
    """A compact date: "12 May 2025", in German "12. Mai 2025"."""
    if isinstance(day, datetime):
        day = day.date()
    if _german():
        return f"{day.day}. {GERMAN_MONTH_NAMES[day.month - 1]} {day.year}"
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
    """A day in words: "3 May" this year, "3 May 2024" otherwise (German: "3. Mai",
    "3. Mai 2024")."""
    if _german():
        text = f"{day.day}. {GERMAN_MONTH_NAMES[day.month - 1]}"
    else:
        text = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def compact_day(day: date) -> str:
    """A day with its weekday, short: "Thu 5 Mar", in German "Do., 5. März"."""
    if _german():
        weekday = _GERMAN_WEEKDAYS_SHORT[day.weekday()]
        return f"{weekday}, {day.day}. {_GERMAN_MONTHS_SHORT[day.month - 1]}"
    return f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]}"


def due_words(due: date, today: date) -> str:
    """A promise's due date in words relative to today: "due today", "due tomorrow", "due
    Thu 5 Mar", "was due Mon 2 Mar"; in German "heute fällig", "morgen fällig",
    "übermorgen fällig", "fällig Do., 5. März", "überfällig seit Mo., 2. März"."""
    days = (due - today).days
    if _german():
        near = {0: "heute fällig", 1: "morgen fällig", 2: "übermorgen fällig"}
        if days in near:
            return near[days]
        if days < 0:
            return f"überfällig seit {compact_day(due)}"
        return f"fällig {compact_day(due)}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days < 0:
        return f"was due {compact_day(due)}"
    return f"due {compact_day(due)}"
