"""Keep-in-touch rules: due days, order, gentle labels, cadence parsing."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallway.store.records import Contact
from hallway.store.rhythm import (
    CADENCE_CHOICES,
    DEFAULT_CADENCE_DAYS,
    cadence_label,
    due_label,
    due_order,
    is_due_this_week,
    next_due,
    parse_cadence,
    snooze_until,
)

TODAY = date(2025, 6, 10)
UTC = UTC


def touched(days_ago: int, cadence: int = 60, name: str = "Ann", **extra: object) -> Contact:
    """A contact last in touch ``days_ago`` days before TODAY."""
    at = datetime(2025, 6, 10, 9, 30, tzinfo=UTC) - timedelta(days=days_ago)
    return Contact(name=name, cadence_days=cadence, last_touch=at, **extra)  # type: ignore[arg-type]


def test_choices_and_default_match_the_brief() -> None:
    assert CADENCE_CHOICES == [
        ("every 3 weeks", 21),
        ("every 2 months", 60),
        ("every 6 months", 182),
        ("yearly", 365),
    ]
    assert DEFAULT_CADENCE_DAYS == 60
    assert Contact(name="x").cadence_days == DEFAULT_CADENCE_DAYS


def test_next_due_is_last_touch_plus_cadence() -> None:
    assert next_due(touched(0, cadence=21)) == TODAY + timedelta(days=21)


def test_snooze_pushes_the_due_day_but_never_pulls_it_earlier() -> None:
    later = touched(0, cadence=21, snoozed_until=TODAY + timedelta(days=30))
    assert next_due(later) == TODAY + timedelta(days=30)
    earlier = touched(0, cadence=21, snoozed_until=TODAY + timedelta(days=5))
    assert next_due(earlier) == TODAY + timedelta(days=21)


def test_a_snooze_counts_from_the_due_day_so_it_always_holds_the_catch_up_off() -> None:
    not_yet_due = touched(0, cadence=21)  # due in three weeks
    until = snooze_until(not_yet_due, TODAY, 14)
    assert until == TODAY + timedelta(days=35)
    not_yet_due.snoozed_until = until
    assert next_due(not_yet_due) == until
    assert due_label(not_yet_due, TODAY) == f"snoozed until {until.day} July"
    overdue = touched(100, cadence=21)
    assert snooze_until(overdue, TODAY, 14) == TODAY + timedelta(days=14)
    assert snooze_until(Contact(name="Never touched"), TODAY, 7) == TODAY + timedelta(days=7)
    # Snoozing a snoozed contact again holds them off further still.
    assert snooze_until(not_yet_due, TODAY, 7) == until + timedelta(days=7)


def test_never_touched_contact_has_no_due_day_unless_snoozed() -> None:
    assert next_due(Contact(name="Imported")) is None
    assert next_due(Contact(name="Imported", snoozed_until=TODAY)) == TODAY


def test_due_order_overdue_first_then_soonest_then_undated_ties_by_name() -> None:
    long_overdue = touched(100, name="Zed")
    overdue = touched(70, name="Yan")
    soon_b = touched(55, name="bea")
    soon_a = touched(55, name="Abe")
    later = touched(1, name="Cal")
    undated = Contact(name="Aaron")
    ordered = due_order([later, undated, soon_b, overdue, soon_a, long_overdue], TODAY)
    assert [c.name for c in ordered] == ["Zed", "Yan", "Abe", "bea", "Cal", "Aaron"]


@pytest.mark.parametrize(
    ("contact", "label"),
    [
        (Contact(name="New"), "not in touch yet"),
        (touched(60), "due today"),
        (touched(59), "due tomorrow"),
        (touched(55), "due this week"),
        (touched(3), "in touch recently"),
        (touched(20), "next catch-up around 20 July"),
        (touched(70), "catch-up waiting since 31 May"),
        (touched(100), "a while since March"),
        (touched(250), "a while since October 2024"),
        (touched(3, snoozed_until=date(2025, 9, 1)), "snoozed until 1 September"),
        (touched(3, snoozed_until=date(2026, 1, 2)), "snoozed until 2 January 2026"),
    ],
)
def test_due_labels_are_gentle_words(contact: Contact, label: str) -> None:
    assert due_label(contact, TODAY) == label


def test_a_snooze_that_ended_leaves_the_contact_due_since_its_last_day() -> None:
    contact = touched(70, snoozed_until=TODAY - timedelta(days=1))
    assert next_due(contact) == date(2025, 6, 9)
    assert due_label(contact, TODAY) == "catch-up waiting since 9 June"


@given(st.integers(min_value=0, max_value=2000), st.sampled_from([7, 21, 60, 182, 365]))
def test_labels_never_carry_a_score_or_count(days_ago: int, cadence: int) -> None:
    label = due_label(touched(days_ago, cadence=cadence), TODAY)
    # Only calendar dates may carry digits: a day of the month and perhaps a year.
    without_dates = re.sub(r"\b\d{1,2} [A-Z][a-z]+( \d{4})?\b|\b[A-Z][a-z]+ \d{4}\b", "", label)
    assert not re.search(r"\d", without_dates), label
    assert "overdue" not in label


def test_due_this_week_boundaries() -> None:
    assert is_due_this_week(touched(60 - 7), TODAY)
    assert not is_due_this_week(touched(60 - 8), TODAY)
    assert is_due_this_week(touched(400), TODAY)
    assert not is_due_this_week(Contact(name="Never"), TODAY)
    snoozed = touched(400, snoozed_until=TODAY + timedelta(days=10))
    assert not is_due_this_week(snoozed, TODAY)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3w", 21),
        ("3 weeks", 21),
        ("every 3 weeks", 21),
        ("2 months", 60),
        ("2m", 60),
        ("Every 2 Months", 60),
        ("every 6 months", 182),
        ("6 mo", 182),
        ("90", 90),
        ("90d", 90),
        ("10 days", 10),
        ("yearly", 365),
        ("annually", 365),
        ("a year", 365),
        ("1y", 365),
        ("monthly", 30),
        ("weekly", 7),
        ("every week", 7),
        ("fortnightly", 14),
        ("quarterly", 91),
    ],
)
def test_parse_cadence(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The rhythm is empty."),
        ("soon", '"soon" is not a rhythm I understand.'),
        ("3 parsecs", '"3 parsecs" is not a rhythm I understand.'),
        ("0", "at least one day"),
        ("0 weeks", "at least one day"),
        ("11 years", "longer than ten years"),
    ],
)
def test_parse_cadence_refuses_with_plain_words(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_cadence(text)


@given(st.integers(min_value=1, max_value=3650))
def test_every_cadence_label_reads_back_as_the_same_days(days: int) -> None:
    assert parse_cadence(cadence_label(days)) == days
    assert parse_cadence(str(days)) == days
