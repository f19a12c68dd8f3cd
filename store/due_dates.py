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
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from hallway.store.text import MONTH_NAMES, WEEKDAY_NAMES

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

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_AMOUNT = r"(?P<amount>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)"
_B, _E = r"(?<![\w-])", r"(?![\w-])"

_DUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(_B + pattern + _E, re.IGNORECASE))
    for kind, pattern in (
        ("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
        ("today", r"today|tonight|this evening|this afternoon"),
        ("tomorrow", r"tomorrow|tmrw|tmr"),
        ("day-after", r"(?:the\s+)?day\s+after\s+tomorrow"),
        ("weekday", r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"),
        (
            "weekday-short",
            r"(?:by|on|this|next|until|till|before)\s+(?P<short>"
            + "|".join(_WEEKDAY_SHORT)
            + r")\.?",
        ),
        ("in", r"(?:in|within)\s+(?:a\s+)?" + _AMOUNT + r"\s+(?P<unit>days?|weeks?|months?)"),
        ("next-week", r"next\s+week"),
        ("next-month", r"next\s+month"),
        ("end-of-month", r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month"),
        ("month-day", _MONTH + r"\s+" + _DAY),
        ("day-month", _DAY + r"(?:\s+of)?\s+" + _MONTH),
    )
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


def _resolve(kind: str, match: re.Match[str], today: date) -> date | None:
    """The date one matched phrase means, or None if it names no real date."""
    groups = match.groupdict()
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
        return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)
    if kind == "in":
        amount_text = " ".join(groups["amount"].lower().split())
        amount = int(amount_text) if amount_text.isdigit() else _NUMBERS[amount_text]
        unit = groups["unit"].lower()
        if unit.startswith("month"):
            return _add_months(today, amount)
        return today + timedelta(days=amount * (7 if unit.startswith("week") else 1))
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
    for kind, pattern in _DUE_PATTERNS:
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


# The words that lead into a date phrase, taken out with it ("by friday", "due dec 3").
_LEAD_IN = re.compile(
    r"(?:\b(?:by|on|before|until|till|due|this|next|no\s+later\s+than))?[\s,;]*$",
    re.IGNORECASE,
)
_EDGE = " \t,;:-"
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|\[\s*\])")


def without_due(text: str, match: DueMatch) -> str:
    """``text`` with the date phrase of ``match`` (and the word leading into it) taken out,
    tidied where the phrase was, so it still reads: "intro to Sven by friday" -> "intro to
    Sven". A text that was only a date keeps its words (nothing else would say what was
    promised)."""
    before = _LEAD_IN.sub("", text[: match.start]).rstrip(_EDGE)
    after = text[match.end :]
    rest = after.lstrip(" \t")
    if not before:
        tidy = rest
    elif rest[:1].isalnum():
        tidy = f"{before} {rest}"
    else:
        tidy = before + rest  # "deck, then call", "slides.", "recipe;"
    tidy = _EMPTY_BRACKETS.sub("", tidy).strip().strip(_EDGE)
    return tidy if any(char.isalnum() for char in tidy) else text.strip()
