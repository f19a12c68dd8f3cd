"""Keep-in-touch rules: when a contact is due for a catch-up, and how to say so gently.

Pure functions over :class:`~hallway.store.records.Contact`; no I/O. The rules:

* A contact is due ``cadence_days`` after the last real touch (the conversation that made
  them a contact, or the last logged interaction).
* Snoozing pushes that date to the snooze day: a contact snoozed until Friday is due again on
  Friday (never earlier than the rhythm says). A snooze "for two weeks" counts from the day
  the catch-up is due (from today once that is past), so it always holds the catch-up off and
  the list says "snoozed until ..." (see :func:`snooze_until`).
* A contact never touched (e.g. imported without any history) has no due date; they sort
  after everyone who has one, and are not "due".
* Labels are words and dates, never a score, a count or a rank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from hallway.store.i18n import N_, _, ngettext
from hallway.store.records import Contact
from hallway.store.text import format_day, month_name

CADENCE_CHOICES: list[tuple[str, int]] = [
    ("every 3 weeks", 21),
    ("every 2 months", 60),
    ("every 6 months", 182),
    ("yearly", 365),
]
DEFAULT_CADENCE_DAYS = 60
MAX_CADENCE_DAYS = 3650
DUE_SOON_DAYS = 7
# Past this many days overdue, a label talks about when you were last in touch instead.
LONG_OVERDUE_DAYS = 30
RECENT_TOUCH_DAYS = 14


_CADENCE_HINT = N_('Say how often, like "3 weeks", "2 months", "yearly" or a number of days.')
_WORD_CADENCES = {
    "weekly": 7,
    "fortnightly": 14,
    "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "half-yearly": 182,
    "twice a year": 182,
    "yearly": 365,
    "annually": 365,
    "annual": 365,
}
_UNIT_DAYS = {"d": 1, "w": 7, "y": 365}
# German rhythms, read into the English words below ("alle 3 Wochen" -> "every 3 weeks").
_GERMAN_WORD_CADENCES = {
    "täglich": 1,
    "wöchentlich": 7,
    "zweiwöchentlich": 14,
    "14 tägig": 14,
    "monatlich": 30,
    "vierteljährlich": 91,
    "quartalsweise": 91,
    "halbjährlich": 182,
    "zweimal im jahr": 182,
    "jährlich": 365,
    "einmal im jahr": 365,
}
_GERMAN_WORDS = {
    "alle": "every",
    "jede": "every",
    "jeden": "every",
    "jedes": "every",
    "ein": "one",
    "eine": "one",
    "einen": "one",
    "zwei": "two",
    "drei": "three",
    "vier": "four",
    "sechs": "six",
    "tag": "days",
    "tage": "days",
    "tagen": "days",
    "woche": "weeks",
    "wochen": "weeks",
    "monat": "months",
    "monate": "months",
    "monaten": "months",
    "jahr": "years",
    "jahre": "years",
    "jahren": "years",
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6}
_CADENCE = re.compile(r"^(?:every\s+)?(\d+|a|an|one|two|three|four|six)?\s*([a-z]*)$")


def days_after(day: date, days: int) -> date:
    """``day`` plus ``days`` (minus, when negative), held at the first or last day a date can
    be rather than overflowing: odd stored data (a last touch in 9999, a rhythm of 10**12
    days) must not crash every screen that sorts contacts by when they are due."""
    try:
        return day + timedelta(days=days)
    except OverflowError:  # past year 9999 (or before year 1), or a timedelta too large
        return date.max if days > 0 else date.min


def next_due(contact: Contact) -> date | None:
    """The day the contact is due for a catch-up: rhythm from the last touch, pushed by a snooze."""
    due = None
    if contact.last_touch is not None:
        due = days_after(contact.last_touch.date(), contact.cadence_days)
    if contact.snoozed_until is not None and (due is None or contact.snoozed_until > due):
        due = contact.snoozed_until
    return due


def refresh_due(contact: Contact) -> None:
    """Store the computed due day on the contact (its ``next_due`` field)."""
    contact.next_due = next_due(contact)


def due_order(contacts: Sequence[Contact], today: date) -> list[Contact]:
    """Contacts by who is due first: overdue first, then soonest, then undated; ties by name.

    ``today`` is accepted for symmetry with the labels; ordering by due day already puts the
    longest overdue first.
    """

    def key(contact: Contact) -> tuple[bool, date, str, int]:
        due = next_due(contact)
        return (due is None, due or today, contact.name.casefold(), contact.id)

    return sorted(contacts, key=key)


def snooze_until(contact: Contact, today: date, days: int) -> date:
    """The day a snooze of ``days`` holds the catch-up off until: ``days`` after the day the
    contact is due, or after today when that day is past (or unknown). Counting from today
    alone would let a snooze end before a catch-up not yet due, and change nothing."""
    due = next_due(contact)
    return days_after(max(today, due) if due is not None else today, days)


def is_snoozed(contact: Contact, today: date) -> bool:
    """Whether a snooze is what currently keeps the contact from being due."""
    return contact.snoozed_until is not None and contact.snoozed_until > today


def week_end(today: date, week_start: int | None = None) -> date:
    """The last day "this week" covers. With ``week_start`` (0 = Monday .. 6 = Sunday: the
    config file's ``week_start``) it is the calendar week's last day, the day before the next
    week starts (today, on that day); without one it is seven days from today."""
    if week_start is None:
        return days_after(today, DUE_SOON_DAYS)
    return days_after(today, (week_start - 1 - today.weekday()) % 7)


def is_due_this_week(contact: Contact, today: date, week_start: int | None = None) -> bool:
    """Whether the contact is overdue or due by the end of this week (:func:`week_end`)."""
    due = next_due(contact)
    return due is not None and due <= week_end(today, week_start)


def _month(day: date, today: date) -> str:
    name = month_name(day.month)
    return name if day.year == today.year else f"{name} {day.year}"


def due_label(contact: Contact, today: date, week_start: int | None = None) -> str:
    """A gentle phrase for where the contact stands: "due this week", "a while since March",
    "snoozed until 3 May"... Never a number used as a score. "This week" is as
    :func:`week_end` says for ``week_start``."""
    due = next_due(contact)
    if due is None:
        return _("not in touch yet")
    if is_snoozed(contact, today) and contact.snoozed_until == due:
        return _("snoozed until {day}").format(day=format_day(due, today))
    if due < today:
        if (today - due).days > LONG_OVERDUE_DAYS and contact.last_touch is not None:
            # Translators: {month} is a month's name, with its year if not this year.
            since = _("a while since {month}")
            return since.format(month=_month(contact.last_touch.date(), today))
        return _("catch-up waiting since {day}").format(day=format_day(due, today))
    if due == today:
        return _("due today")
    if due == days_after(today, 1):
        return _("due tomorrow")
    if due <= week_end(today, week_start):
        return _("due this week")
    touched = contact.last_touch.date() if contact.last_touch else None
    if touched is not None and (today - touched).days <= RECENT_TOUCH_DAYS:
        return _("in touch recently")
    return _("next catch-up around {day}").format(day=format_day(due, today))


def cadence_label(days: int) -> str:
    """A rhythm in words: "every 2 months" for 60, "every 10 days" for 10."""
    for label, value in CADENCE_CHOICES:
        if value == days:
            return label
    if days == 1:
        return "every day"
    if days == 7:
        return "every week"
    if days % 7 == 0 and days < 70:
        return f"every {days // 7} weeks"
    return f"every {days} days"


def parse_cadence(text: str) -> int:
    """Read a rhythm ("3w", "2 months", "90", "yearly", "every 6 months") as a number of days.

    Months count as a twelfth of a year, rounded down, so "2 months" is 60 days and
    "6 months" is 182, matching :data:`CADENCE_CHOICES`. Raises ValueError with a plain message.
    """
    cleaned = " ".join(text.casefold().replace("-", " ").split())
    if not cleaned:
        raise ValueError(_("The rhythm is empty. {hint}").format(hint=_(_CADENCE_HINT)))
    cleaned = _from_german(cleaned)
    for label, days in CADENCE_CHOICES:
        if cleaned == label:
            return days
    joined = cleaned.replace("half yearly", "half-yearly").removeprefix("every ")
    if joined in _WORD_CADENCES:
        return _WORD_CADENCES[joined]
    match = _CADENCE.match(cleaned)
    not_understood = _('"{text}" is not a rhythm I understand. {hint}')
    if match is None or not (match.group(1) or match.group(2)):
        raise ValueError(not_understood.format(text=text.strip(), hint=_(_CADENCE_HINT)))
    amount_text, unit = match.group(1) or "1", match.group(2)
    amount = int(amount_text) if amount_text.isdigit() else _NUMBER_WORDS[amount_text]
    converted = _to_days(amount, unit)
    if converted is None:
        raise ValueError(not_understood.format(text=text.strip(), hint=_(_CADENCE_HINT)))
    days = converted
    if days < 1:
        raise ValueError(_("A rhythm needs at least one day between catch-ups."))
    if days > MAX_CADENCE_DAYS:
        raise ValueError(_("That rhythm is longer than ten years; pick something up to 10 years."))
    return days


def _from_german(cleaned: str) -> str:
    """A German rhythm in the English words :func:`parse_cadence` reads ("alle 2 Monate" ->
    "every 2 months", "jährlich" -> "365"); anything else as it is. Umlauts may be written
    out ("jaehrlich")."""
    plain = cleaned.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")
    for candidate in (cleaned, plain):
        if candidate in _GERMAN_WORD_CADENCES:
            return str(_GERMAN_WORD_CADENCES[candidate])
    return " ".join(_GERMAN_WORDS.get(word, word) for word in cleaned.split())


def cadence_words(days: int) -> str:
    """:func:`cadence_label` in the language Hallway speaks, for the screens ("every 2
    months", "alle 2 Monate"); the config file and the CSV export keep the English label,
    which :func:`parse_cadence` reads in either language."""
    months = {60: 2, 182: 6}.get(days)
    if months is not None:
        return ngettext("every month", "every {n} months", months).format(n=months)
    if days == 365:
        return _("yearly")
    if days % 7 == 0 and days < 70:
        weeks = days // 7
        return ngettext("every week", "every {n} weeks", weeks).format(n=weeks)
    return ngettext("every day", "every {n} days", days).format(n=days)


def cadence_field(days: int) -> str:
    """A rhythm as one types it into a field, in the language Hallway speaks: "2 months",
    "3 weeks", "yearly", "10 days" ("2 Monate", "jährlich"); :func:`parse_cadence` reads it
    back in either language."""
    months = {60: 2, 182: 6}.get(days)
    if months is not None:
        return ngettext("{n} month", "{n} months", months).format(n=months)
    if days == 365:
        return _("yearly")
    if days % 7 == 0 and days < 70:
        weeks = days // 7
        return ngettext("week", "{n} weeks", weeks).format(n=weeks)
    return ngettext("day", "{n} days", days).format(n=days)


def _to_days(amount: int, unit: str) -> int | None:
    if unit in ("", "d", "day", "days"):
        return amount
    if unit in ("m", "mo", "mon", "month", "months"):
        return amount * 365 // 12
    unit = unit.removesuffix("s")
    for prefix, size in (("week", 7), ("year", 365), ("yr", 365)):
        if unit == prefix:
            return amount * size
    return amount * _UNIT_DAYS[unit] if unit in _UNIT_DAYS else None
