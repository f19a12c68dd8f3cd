"""The capture grammar and follow-up due dates: examples, refusals and properties."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hallway.store.capture_line import (
    MAX_LINE,
    NOTE_SEPARATOR,
    Capture,
    extract_topics,
    is_topic_char,
    normalise_topic,
    parse_capture,
)
from hallway.store.db import Store
from hallway.store.due_dates import DEFAULT_DUE_DAYS, parse_due
from hallway.store.errors import CaptureError
from tests.clock import ClockAt

NO_NAME = (
    "Start with the person's name, e.g. "
    '"Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe".'
)


def assert_valid_topic(topic: str) -> None:
    assert topic, "topics are never empty"
    assert topic == topic.lower()
    assert normalise_topic(topic) == topic, "a stored topic is already normal"
    assert all(is_topic_char(char) for char in topic), topic
    assert re.match(r"[\w-]", topic), topic


# -- examples -------------------------------------------------------------------------------


def test_the_maya_chen_line() -> None:
    line = (
        "Maya Chen, data engineer @Acme #sourdough #baby-sitters-club "
        "-- promised my focaccia recipe"
    )
    assert parse_capture(line) == Capture(
        name="Maya Chen",
        role="data engineer",
        org="Acme",
        topics=("sourdough", "baby-sitters-club"),
        note="promised my focaccia recipe",
    )


@pytest.mark.parametrize("name", ["Zoë Ångström", "李雷", "محمد", "Ngô Bảo Châu", "😀 Ann"])
def test_names_in_any_script(name: str) -> None:
    parsed = parse_capture(f"{name}, poet @Café Ünïcode #chess -- met at the bar")
    assert (parsed.name, parsed.role, parsed.org) == (name, "poet", "Café Ünïcode")
    assert parsed.topics == ("chess",)


def test_organisation_with_spaces_and_role_after_it() -> None:
    assert parse_capture("Ann @Acme Robotics #jazz") == Capture(
        name="Ann", org="Acme Robotics", topics=("jazz",)
    )
    assert parse_capture("Ann @Acme Robotics, CTO") == Capture(
        name="Ann", role="CTO", org="Acme Robotics"
    )


def test_hash_inside_a_word_is_text() -> None:
    parsed = parse_capture("Sam Lee, C# developer @Contoso #F-sharp -- likes F#")
    assert parsed.role == "C# developer"
    assert parsed.topics == ("f-sharp",)
    assert parsed.note == "likes F#"
    with pytest.raises(CaptureError, match=r'"# and more" after #F is not a topic'):
        parse_capture("Sam #F# and more")


def test_emails_stay_text() -> None:
    parsed = parse_capture("Ann Roe -- write to ann@acme.io about #bread")
    assert parsed == Capture(name="Ann Roe", note="write to ann@acme.io about #bread")
    assert parse_capture("Ann, ann@acme.io").role == "ann@acme.io"
    assert extract_topics("mail ann@acme.io, #Bread #bread (#rock_climbing) x#no") == [
        "bread",
        "rock_climbing",
    ]


@pytest.mark.parametrize("line", ["", "   ", ", engineer", "@Acme", "#jazz", " -- a note", "--"])
def test_lines_without_a_name_are_refused_kindly(line: str) -> None:
    with pytest.raises(CaptureError) as refused:
        parse_capture(line)
    assert str(refused.value) == NO_NAME


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Ann @", "An @ needs an organisation after it, like @Acme."),
        ("Ann @Acme @Initech", "One @organisation per person, please (found @Acme and @Initech)."),
        (
            "Ann #jazz and #chess",
            '"and" after #jazz is not a topic. '
            "Topics are single words like #rock-climbing; put notes after ' -- '.",
        ),
    ],
)
def test_other_refusals_say_why(line: str, message: str) -> None:
    with pytest.raises(CaptureError) as refused:
        parse_capture(line)
    assert str(refused.value) == message


def test_huge_lines() -> None:
    note = "word " * 3_000
    parsed = parse_capture(f"Ann #x -- {note}")
    assert parsed.note == note.strip()
    too_long = "A" * (MAX_LINE + 1)
    with pytest.raises(CaptureError, match=r"20,001 characters long; a capture line holds") as got:
        parse_capture(too_long)
    # The same message is shown in a shell, where the app's keys mean nothing.
    assert str(got.value).endswith("Put the long part in a note.")
    with pytest.raises(CaptureError, match=r"That name is 201 characters long"):
        parse_capture("N" * 201)
    with pytest.raises(CaptureError, match=r"That role is 301 characters long"):
        parse_capture("Ann, " + "r" * 301)


@given(st.text())
@example("Ώ\u0345")  # composing before lower-casing left this in two forms
def test_normalising_a_topic_twice_changes_nothing(text: str) -> None:
    once = normalise_topic(text)
    assert normalise_topic(once) == once


def test_topics_in_scripts_with_combining_marks() -> None:
    assert parse_capture("Priya #हिंदी #ภาษาไทย").topics == ("हिंदी", "ภาษาไทย")
    # A decomposed accent is stored like the composed one, so the index has one "café".
    assert parse_capture("Ann #cafe\u0301 #CAFÉ").topics == ("café",)
    assert extract_topics("loves #हिंदी poetry") == ["हिंदी"]


# -- properties -----------------------------------------------------------------------------

_FIELD_CHARS = st.characters(exclude_characters=",@#", exclude_categories=["Cs"])


def _field(min_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(_FIELD_CHARS, min_size=min_size, max_size=40)
        .filter(lambda text: min_size == 0 or text.strip())
        .filter(lambda text: not NOTE_SEPARATOR.search(f" {text} "))
    )


_TOPICS = st.lists(
    st.text(
        st.characters(categories=["L", "N", "M", "Pc"]) | st.sampled_from("-_"),
        min_size=1,
        max_size=15,
    ).filter(lambda t: all(map(is_topic_char, t)) and re.match(r"[\w-]", t) is not None),
    max_size=4,
)


def _collapse(text: str) -> str:
    return " ".join(text.split())


@given(
    name=_field(1),
    role=_field(0),
    org=_field(0),
    topics=_TOPICS,
    note=st.text(st.characters(exclude_categories=["Cs"]), max_size=60),
)
@example(name="Zoë Ångström", role="C", org="Acme Robotics", topics=["Baby-Sitters-Club"], note="x")
@example(name="李雷", role="", org="", topics=["İstanbul", "हिंदी"], note="")
def test_format_then_parse_gives_the_parts_back(
    name: str, role: str, org: str, topics: list[str], note: str
) -> None:
    line = name
    if _collapse(role):
        line += f", {role}"
    if _collapse(org):
        line += f" @{org}"
    line += "".join(f" #{topic}" for topic in topics)
    if note.strip():
        line += f" -- {note}"
    parsed = parse_capture(line)
    assert parsed.name == _collapse(name)
    assert parsed.role == _collapse(role)
    assert parsed.org == _collapse(org)
    assert parsed.topics == tuple(dict.fromkeys(normalise_topic(t) for t in topics))
    assert parsed.note == note.strip()
    for topic in parsed.topics:
        assert_valid_topic(topic)


_TRICKY = st.lists(
    st.sampled_from([*", @#-_x\u00e9李\u0301\t\nǅİ", "--", " -- ", "ann@acme.io"])
).map("".join)


@given(line=st.one_of(st.text(), _TRICKY))
def test_parse_refuses_only_with_capture_errors(line: str) -> None:
    try:
        parsed = parse_capture(line)
    except CaptureError as refused:
        assert str(refused).endswith((".", '."', "'.")), str(refused)
        return
    assert parsed.name and parsed.name == _collapse(parsed.name)
    for topic in parsed.topics:
        assert_valid_topic(topic)


@given(text=st.one_of(st.text(), _TRICKY))
def test_topics_in_notes_are_always_clean(text: str) -> None:
    topics = extract_topics(text)
    assert len(topics) == len(set(topics))
    for topic in topics:
        assert_valid_topic(topic)


# -- follow-up due dates --------------------------------------------------------------------

TODAY = date(2026, 3, 4)  # a Wednesday


def test_today_is_a_wednesday() -> None:
    assert TODAY.strftime("%A") == "Wednesday"


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("send my focaccia recipe", date(2026, 3, 7)),
        ("call today", TODAY),
        ("mail her tonight", TODAY),
        ("send slides Tomorrow", date(2026, 3, 5)),
        ("the day after tomorrow", date(2026, 3, 6)),
        ("intro to Sam by friday", date(2026, 3, 6)),
        ("book club link on mon", date(2026, 3, 9)),
        ("by Fri.", date(2026, 3, 6)),
        ("by wednesday", date(2026, 3, 11)),  # today is Wednesday: the next one
        ("next sunday", date(2026, 3, 8)),
        ("in 2 days", date(2026, 3, 6)),
        ("in 2 weeks", date(2026, 3, 18)),
        ("within a week", date(2026, 3, 11)),
        ("in three days", date(2026, 3, 7)),
        ("in a couple of days", date(2026, 3, 6)),
        ("in 1 month", date(2026, 4, 4)),
        ("next week", date(2026, 3, 11)),
        ("next month", date(2026, 4, 4)),
        ("by the end of the month", date(2026, 3, 31)),
        ("end of month", date(2026, 3, 31)),
        ("before 2026-12-03", date(2026, 12, 3)),
        ("it was due 2025-01-02", date(2025, 1, 2)),
        ("dec 3", date(2026, 12, 3)),
        ("3 dec", date(2026, 12, 3)),
        ("by December 3rd", date(2026, 12, 3)),
        ("on the 3rd of December", date(2026, 12, 3)),
        ("Dec. 3", date(2026, 12, 3)),
        ("jan 5", date(2027, 1, 5)),
        ("mar 4", TODAY),
        ("feb 29", date(2028, 2, 29)),
        ("tomorrow, or friday at the latest", date(2026, 3, 5)),
        ("friday, not tomorrow", date(2026, 3, 6)),
        ("send the photos of the sun", date(2026, 3, 7)),
        ("we sat down at the mon-key bar", date(2026, 3, 7)),
        ("I may 3D print it", date(2026, 3, 7)),
        ("fridays are best", date(2026, 3, 7)),
        ("2026-02-30 is not a day", date(2026, 3, 7)),
        ("feb 30 is not a day either", date(2026, 3, 7)),
        ("", date(2026, 3, 7)),
    ],
)
def test_parse_due(text: str, due: date) -> None:
    assert parse_due(text, TODAY) == due


def test_end_of_month_clamps() -> None:
    assert parse_due("in 1 month", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_due("in 1 month", date(2026, 12, 15)) == date(2027, 1, 15)
    assert parse_due("end of month", date(2028, 2, 10)) == date(2028, 2, 29)


@given(text=st.text(), today=st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 1, 1)))
def test_parse_due_always_gives_a_date(text: str, today: date) -> None:
    due = parse_due(text, today)
    assert isinstance(due, date)
    if not re.search(r"\d|today|tonight|evening|afternoon|end", text, re.IGNORECASE):
        assert due > today


def test_store_uses_the_date_in_the_promise(tmp_path: Path, clock_at: ClockAt) -> None:
    wednesday = datetime(2026, 3, 4, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    clock_at(wednesday)
    with Store.open(tmp_path / "hallway.json") as store:
        person = store.capture("Maya Chen #sourdough")
        store.add_follow_up(person.id, "send the focaccia recipe by friday")
        store.add_follow_up(person.id, "share the book list")
        updated = store.add_follow_up(person.id, "coffee tomorrow", due=date(2026, 4, 1))
    assert [f.due for f in updated.follow_ups] == [
        date(2026, 3, 6),
        TODAY + timedelta(days=DEFAULT_DUE_DAYS),
        date(2026, 4, 1),
    ]
