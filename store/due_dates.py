"""Due dates in follow-up promises: "by friday", "in 2 weeks", "dec 3", "tomorrow".

Pure functions, no I/O: :func:`parse_due` reads the date a promise names, or gives the default;
:func:`find_due` also says where the phrase is, and :func:`without_due` takes it out of the text
once it has become the due date ("intro to Sven friday" -> "intro to Sven", due Friday).

Decisions where the brief is silent:

* The earliest date phrase in the text wins ("tomorrow, or friday at the latest" -> tomorrow).
* A weekday means its next occurrence strictly after today ("friday" said on a Friday is a
  week away); "next friday" means the same. Full names count anywhere; short forms ("fri")
  only after by/on/this/next/until/till/before, so "we sat down" is not a Saturday.
* A month and day without a year is the next occurrence, today included; an ISO date is
  taken as written, even in the past.
* "in N months" and "end of month" clamp to the month's last day.
* Taking the phrase out also takes the little word that led to it ("by", "on", "before",
  "until", "due", "this", "next", "no later than") and the comma before it, so no "by" is left
  dangling; a promise that was nothing but a date ("by friday") keeps its words.
* A date is read as written even outside the years Hallway keeps ("by 9999-12-31"); the store
  refuses such a promise with a plain message and the typed text stays in the bar
  (:meth:`hallway.store.db.Store.add_follow_up`), rather than quietly choosing another day.

German phrases are recognised too, whatever language Hallway speaks (a German speaker may
keep an English interface, and the other way round): "heute", "morgen", "übermorgen",
"(am/bis/nächsten) Freitag", "nächste Woche", "übernächste Woche", "in 3 Tagen", "in zwei
Wochen", "in einem Monat", "nächsten Monat", "bis Ende der Woche", "(bis) Ende des Monats",
"Monatsende", "4.12.", "4.12.2026", "am 4. Dezember", "bis zum 4. Dez." (Austrian "Jänner"
and "Feber" too), and each spelled without umlauts ("uebermorgen", "naechste"). As in
English, the lead-in words go with the phrase ("bis", "am", "zum", "spätestens", "nächsten",
"kommenden"): "schicke ihr bis Freitag das Rezept" -> "schicke ihr das Rezept".

* Short weekday forms (Mo, Di, Mi, Do, Fr, Sa) count only after "bis" or "nächsten" /
  "kommenden", or after "am" with their dot ("am Fr."), so "I am so glad" names no Sunday;
  "So" always needs its dot ("bis So."), so "bis so gegen fünf" names none either.
* "Ende der Woche" is this week's Friday (a working week's end); said on a Friday, Saturday
  or Sunday it is this week's Sunday.
* "4.12." needs the dot after the month, so "3.5 kg" is no date; a two-digit year is
  this century's.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from hallway.store.text import GERMAN_WEEKDAY_NAMES, MONTH_NAMES, WEEKDAY_NAMES

DEFAULT_DUE_DAYS = 3

_WEEKDAYS = tuple(name.lower() for name in WEEKDAY_NAMES)
_MONTHS = tuple(name.lower() for name in MONTH_NAMES)
_WEEKDAY_SHORT = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "couple of": 2,
    "few": 3,
}

# German words (also spelled without umlauts: "ae" for "ä", "ue" for "ü").
_DE_WEEKDAYS = {name.lower(): index for index, name in enumerate(GERMAN_WEEKDAY_NAMES)}
_DE_WEEKDAYS["sonnabend"] = 5
_DE_WEEKDAY_SHORT = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}
_DE_MONTHS = {
    "jan": 1,
    "jän": 1,
    "jaen": 1,
    "feb": 2,
    "mär": 3,
    "maer": 3,
    "mrz": 3,
    "apr": 4,
    "mai": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dez": 12,
}
_DE_NUMBERS = {
    "ein": 1,
    "eins": 1,
    "einem": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "ein paar": 3,
    "paar": 3,
}
_UE, _AE = r"(?:ü|ue)", r"(?:ä|ae)"
_DE_MONTH = (
    r"(?P<de_month>jan(?:uar|\.)?|j(?:ä|ae)n(?:ner|\.)?|feb(?:ruar|er|\.)?|m(?:ä|ae)rz|mrz\.?"
    r"|apr(?:il|\.)?|mai|jun[i.]?|jul[i.]?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?"
    r"|okt(?:ober|\.)?|nov(?:ember|\.)?|dez(?:ember|\.)?)"
)
_DE_AMOUNT = r"(?P<de_amount>\d{1,3}|ein(?:em|er|s)?|zwei|drei|vier|f(?:ü|ue)nf|sechs|sieben|acht|neun|zehn|(?:ein\s+)?paar)"  # noqa: E501
_NEXT_DE = r"(?:n" + _AE + r"chste[nrs]?|kommende[nrs]?)"

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_AMOUNT = r"(?P<amount>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)"
_B, _E = r"(?<![\w-])", r"(?![\w-])"

# (kind, pattern) of every date phrase, compiled by :func:`_due_patterns`.
_DUE_SOURCES: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    ("today", r"today|tonight|this evening|this afternoon"),
    ("tomorrow", r"tomorrow|tmrw|tmr"),
    ("day-after", r"(?:the\s+)?day\s+after\s+tomorrow"),
    ("weekday", r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"),
    (
        "weekday-short",
        r"(?:by|on|this|next|until|till|before)\s+(?P<short>" + "|".join(_WEEKDAY_SHORT) + r")\.?",
    ),
    ("in", r"(?:in|within)\s+(?:a\s+)?" + _AMOUNT + r"\s+(?P<unit>days?|weeks?|months?)"),
    ("next-week", r"next\s+week"),
    ("next-month", r"next\s+month"),
    ("end-of-month", r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month"),
    ("month-day", _MONTH + r"\s+" + _DAY),
    ("day-month", _DAY + r"(?:\s+of)?\s+" + _MONTH),
    # German
    ("today", r"heute(?:\s+(?:abend|nachmittag|mittag))?"),
    ("tomorrow", r"morgen(?:\s+(?:fr(?:ü|ue)h|vormittag|mittag|nachmittag|abend))?"),
    ("day-after", _UE + r"bermorgen"),
    ("de-weekday", r"(?P<de_weekday>" + "|".join(_DE_WEEKDAYS) + r")"),
    (
        "de-weekday-short",
        r"(?:(?:bis|" + _NEXT_DE + r")\s+(?P<de_short>mo|di|mi|do|fr|sa)\.?"
        r"|(?:am|bis|" + _NEXT_DE + r")\s+(?P<de_short_dot>mo|di|mi|do|fr|sa|so)\.)",
    ),
    (
        "de-in",
        r"(?:in|innerhalb\s+von)\s+"
        + _DE_AMOUNT
        + r"\s+(?P<de_unit>tag(?:e|en)?|woche(?:n)?|monat(?:e|en)?)",
    ),
    ("next-week", _NEXT_DE + r"\s+woche"),
    ("week-after-next", _UE + r"bern" + _AE + r"chste[nr]?\s+woche"),
    ("next-month", _NEXT_DE + r"\s+monat"),
    ("end-of-week", r"ende\s+(?:der|dieser)\s+woche"),
    ("end-of-month", r"(?:ende\s+(?:des|dieses)\s+monats|ende\s+monat|monatsende)"),
    (
        "de-numeric",
        r"(?<![\d.])(?P<de_d>[0-3]?\d)\.(?P<de_m>[01]?\d)\.(?P<de_y>\d{4}|\d{2})?(?!\d)",
    ),
    ("de-day-month", r"(?P<de_day>[0-3]?\d)\.\s*" + _DE_MONTH),
)


def compile_patterns() -> None:
    """Compile the date phrases now (they compile on first use otherwise)."""
    _due_patterns()
    _tidy_patterns()


@cache
def _due_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The date phrases, compiled when first needed (a few milliseconds that the app's start
    and a shell capture without a promise need not spend)."""
    return tuple(
        (kind, re.compile(_B + pattern + _E, re.IGNORECASE)) for kind, pattern in _DUE_SOURCES
    )


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the last day of that month."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _next_month_day(month: int, day: int, today: date) -> date | None:
    """The next date with this month and day (today counts), or None if there is none."""
    for year in range(today.year, today.year + 9):  # 29 February comes back within 8 years
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _month_number(text: str) -> int:
    return next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(text.lower()[:3]))


def _german_month_number(text: str) -> int:
    key = text.lower().rstrip(".")
    for prefix in sorted(_DE_MONTHS, key=len, reverse=True):
        if key.startswith(prefix):
            return _DE_MONTHS[prefix]
    raise ValueError(text)  # the pattern only matches the names above


def _in_days(today: date, amount: int, unit: str) -> date:
    """``amount`` days, weeks or months after ``today`` (``unit``: "d", "w" or "m")."""
    if unit == "m":
        return _add_months(today, amount)
    return today + timedelta(days=amount * (7 if unit == "w" else 1))


def _next_weekday(today: date, wanted: int) -> date:
    """The next ``wanted`` weekday strictly after today."""
    return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)


def _resolve_german(kind: str, groups: dict[str, str | None], today: date) -> date | None:
    """The date a German phrase means (see :func:`_resolve`)."""
    if kind == "de-weekday":
        return _next_weekday(today, _DE_WEEKDAYS[str(groups["de_weekday"]).lower()])
    if kind == "de-weekday-short":
        short = groups["de_short"] or groups["de_short_dot"]
        return _next_weekday(today, _DE_WEEKDAY_SHORT[str(short).lower()])
    if kind == "de-in":
        amount_text = " ".join(str(groups["de_amount"]).lower().split())
        amount = int(amount_text) if amount_text.isdigit() else _DE_NUMBERS[amount_text]
        return _in_days(today, amount, str(groups["de_unit"]).lower()[0].replace("t", "d"))
    if kind == "week-after-next":
        return today + timedelta(days=14)
    if kind == "end-of-week":
        if today.weekday() < 4:
            return today + timedelta(days=4 - today.weekday())
        return today + timedelta(days=6 - today.weekday())
    if kind == "de-numeric":
        day, month, year = int(str(groups["de_d"])), int(str(groups["de_m"])), groups["de_y"]
        if year is None:
            return _next_month_day(month, day, today)
        try:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        except ValueError:
            return None
    # "de-day-month"
    return _next_month_day(
        _german_month_number(str(groups["de_month"])), int(str(groups["de_day"])), today
    )


def _resolve(kind: str, match: re.Match[str], today: date) -> date | None:
    """The date one matched phrase means, or None if it names no real date."""
    groups = match.groupdict()
    if kind.startswith(("de-", "week-after-next", "end-of-week")):
        return _resolve_german(kind, groups, today)
    if kind == "iso":
        try:
            return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        except ValueError:
            return None
    if kind in ("today", "tomorrow", "day-after"):
        return today + timedelta(days=("today", "tomorrow", "day-after").index(kind))
    if kind in ("weekday", "weekday-short"):
        if kind == "weekday":
            wanted = _WEEKDAYS.index(groups["weekday"].lower())
        else:
            wanted = _WEEKDAY_SHORT[groups["short"].lower()]
        return _next_weekday(today, wanted)
    if kind == "in":
        amount_text = " ".join(groups["amount"].lower().split())
        amount = int(amount_text) if amount_text.isdigit() else _NUMBERS[amount_text]
        return _in_days(today, amount, groups["unit"].lower()[0])
    if kind == "next-week":
        return today + timedelta(days=7)
    if kind == "next-month":
        return _add_months(today, 1)
    if kind == "end-of-month":
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    return _next_month_day(_month_number(groups["month"]), int(groups["day"]), today)


@dataclass(frozen=True)
class DueMatch:
    """The date a promise names, and where the phrase naming it is (``text[start:end]``)."""

    due: date
    start: int
    end: int


def find_due(text: str, today: date) -> DueMatch | None:
    """The first date phrase in ``text`` that names a real date, and where it is; None if the
    text names no date. Pure."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _due_patterns():
        for match in pattern.finditer(text):
            # Earliest first; at the same place, the longest phrase ("day after tomorrow").
            found.append((match.start(), -len(match.group()), kind, match))
    for _start, _length, kind, match in sorted(found, key=lambda item: item[:2]):
        due = _resolve(kind, match, today)
        if due is not None:
            return DueMatch(due, match.start(), match.end())
    return None


def parse_due(text: str, today: date, default_days: int = DEFAULT_DUE_DAYS) -> date:
    """The due date a follow-up promise names ("by friday", "in 2 weeks", "dec 3"...).

    Without one, the promise is due ``default_days`` days from ``today`` (the config file's
    ``promise_due_days``; :data:`DEFAULT_DUE_DAYS` without one). Pure.
    """
    match = find_due(text, today)
    return match.due if match else today + timedelta(days=default_days)


_EDGE = " \t,;:-"


@cache
def _tidy_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words that lead into a date phrase, taken out with it ("by friday", "due dec 3",
    "bis zum 4. Dez.", "am nächsten Freitag"; several in a row go too: "by next friday"), and
    the brackets it may leave empty (compiled when first needed)."""
    lead_in = re.compile(
        r"(?:(?<![\w-])(?:by|on|before|until|till|due|this|next|no\s+later\s+than"
        r"|bis|am|zum|spätestens|spaetestens|fällig|faellig|" + _NEXT_DE + r"|diese[nrs]?))?"
        r"[\s,;]*$",
        re.IGNORECASE,
    )
    return lead_in, re.compile(r"\s*(?:\(\s*\)|\[\s*\])")


def without_due(text: str, match: DueMatch) -> str:
    """``text`` with the date phrase of ``match`` (and the word leading into it) taken out,
    tidied where the phrase was, so it still reads: "intro to Sven by friday" -> "intro to
    Sven". A text that was only a date keeps its words (nothing else would say what was
    promised)."""
    before = text[: match.start]
    lead_in, empty_brackets = _tidy_patterns()
    while (shorter := lead_in.sub("", before, count=1)) != before:
        before = shorter
    before = before.rstrip(_EDGE)
    after = text[match.end :]
    rest = after.lstrip(" \t")
    if not before:
        tidy = rest
    elif rest[:1].isalnum():
        tidy = f"{before} {rest}"
    else:
        tidy = before + rest  # "deck, then call", "slides.", "recipe;"
    tidy = empty_brackets.sub("", tidy).strip().strip(_EDGE)
    return tidy if any(char.isalnum() for char in tidy) else text.strip()
