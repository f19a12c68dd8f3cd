"""The Helper pane's decks: content, dealing order and safe filling-in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallway.store.phrases import (
    EXIT_CATEGORIES,
    STARTER_CATEGORIES,
    LineTemplate,
    Phrase,
    PhraseDeck,
    category_label,
    check_template,
    fill,
)
from hallway.store.phrases_data import EXITS, STARTERS
from hallway.store.text import readable_topic

# Artefacts a badly filled line would show.
LEFTOVER = re.compile(r"\{\w*\}|,\s*,|,\s*[.?!]|\s[,.?!]|^\W|\s{2}|^[a-z]")


def deal(
    deck: PhraseDeck,
    count: int,
    first: str | None,
    topics: list[str],
    person: object | None = None,
) -> list[Phrase]:
    return [deck.next(first, topics, person) for _ in range(count)]


@pytest.mark.parametrize(
    ("lines", "categories", "minimum_each"),
    [(STARTERS, STARTER_CATEGORIES, 7), (EXITS, EXIT_CATEGORIES, 6)],
    ids=["starters", "exits"],
)
def test_enough_lines_in_every_category(
    lines: tuple[LineTemplate, ...], categories: tuple[str, ...], minimum_each: int
) -> None:
    assert len(lines) >= 40
    counts = Counter(line.category for line in lines)
    assert set(counts) == set(categories)
    assert min(counts.values()) >= minimum_each
    texts = {line.generic or line.with_topic for line in lines}
    assert len(texts) == len(lines), "duplicate lines"


def test_starters_are_interest_first() -> None:
    counts = Counter(line.category for line in STARTERS)
    assert counts["interest"] > counts["work"]
    deck = PhraseDeck.starters(seed=3)
    cycle = deal(deck, len(deck), "Tess", ["jazz"])  # with a topic, every line is usable
    work = [i for i, phrase in enumerate(cycle) if phrase.category == "work"]
    # Occupation comes after everything else in a cycle.
    assert work == list(range(len(cycle) - counts["work"], len(cycle)))


def test_exit_lines_tell_no_white_lies() -> None:
    made_up = re.compile(r"\b(phone call|take this call|emergency|urgent|babysitter)\b", re.I)
    for line in EXITS:
        for text in (line.generic, line.with_topic or ""):
            assert not made_up.search(text), text


@pytest.mark.parametrize("make", [PhraseDeck.starters, PhraseDeck.exits], ids=["s", "l"])
def test_no_repeat_before_every_line_was_dealt(make: Callable[..., PhraseDeck]) -> None:
    deck = make(seed=11)
    size = deck.usable([])  # without a topic, the lines that need one are left out
    assert size <= len(deck)
    first_cycle = [p.text for p in deal(deck, size, None, [])]
    assert len(set(first_cycle)) == size
    second_cycle = [p.text for p in deal(deck, size, None, [])]
    assert set(second_cycle) == set(first_cycle)
    assert second_cycle != first_cycle, "each cycle is a new shuffle"
    assert first_cycle[-1] != second_cycle[0], "no immediate repeat across cycles"


def test_same_seed_same_order_other_seed_other_order() -> None:
    a = [p.text for p in deal(PhraseDeck.exits(seed=5), 60, "Ann", ["jazz"])]
    b = [p.text for p in deal(PhraseDeck.exits(seed=5), 60, "Ann", ["jazz"])]
    c = [p.text for p in deal(PhraseDeck.exits(seed=6), 60, "Ann", ["jazz"])]
    assert a == b
    assert a != c


def test_lines_use_first_name_and_topics_readably() -> None:
    deck = PhraseDeck.exits(seed=0)
    phrases = deal(deck, len(deck), "Tess", ["jazz-nights", "baby-sitters-club"])
    texts = [p.text for p in phrases]
    assert any("Tess" in t for t in texts)
    assert any("jazz nights" in t for t in texts)
    assert any("baby sitters club" in t for t in texts)
    assert not any("-club" in t or "jazz-" in t for t in texts)
    assert "Tess, I really enjoyed hearing about jazz nights." in " ".join(
        fill(line.with_topic or "", "Tess", "jazz-nights") for line in EXITS
    )


def test_topic_lines_fall_back_to_generic_wording_without_topics() -> None:
    deck = PhraseDeck.starters(seed=2)
    assert fill("{first}, how did you get into {topic}?", "Maya", "sourdough") == (
        "Maya, how did you get into sourdough?"
    )
    texts = [p.text for p in deal(deck, len(deck), "Maya", [])]
    expected = {fill(line.generic, "Maya") for line in STARTERS if line.generic is not None}
    assert set(texts) == expected


@pytest.mark.parametrize(
    ("first", "topics"),
    [
        (None, []),
        ("", ["sourdough"]),
        ("   ", []),
        ("Maya", []),
        ("Maya", ["baby-sitters-club", "rock_climbing", "-"]),
        (None, ["baby-sitters-club"]),
        ("李雷", ["書道"]),
        ("محمد", ["القهوة"]),
    ],
)
def test_no_template_leftovers(first: str | None, topics: list[str]) -> None:
    for make in (PhraseDeck.starters, PhraseDeck.exits):
        deck = make(seed=1)
        for phrase in deal(deck, 2 * len(deck), first, topics):
            assert not LEFTOVER.search(phrase.text), phrase.text
            if not (first or "").strip():
                assert not phrase.text.startswith(","), phrase.text


def test_no_name_drops_the_name_and_its_comma() -> None:
    assert fill("{first}, what were you into as a kid?", None) == "What were you into as a kid?"
    assert fill("Thank you, {first}, this was lovely.", None) == "Thank you, this was lovely."
    assert fill("Enjoy the day, {first}.", "") == "Enjoy the day."


@pytest.mark.parametrize(
    "name",
    ["[bold]Eve[/bold]", "[@click=quit]x[/]", "{topic}", "{first}", "{0}", "\x1b[31mred", "😀 Ann"],
)
def test_names_and_topics_are_copied_literally(name: str) -> None:
    topics = ["{first}", "[red]x"]
    real = deal(PhraseDeck.exits(seed=4), len(EXITS), name, topics, person=1)
    plain = deal(PhraseDeck.exits(seed=4), len(EXITS), "NAMEX", ["tpc0x", "tpc1x"], person=1)
    for got, want in zip(real, plain, strict=True):
        text = want.text.replace("NAMEX", name)
        assert got.text == text.replace("tpc0x", "{first}").replace("tpc1x", "[red]x")
    assert any(name in p.text for p in real)
    assert any("[red]x" in p.text for p in real)


@given(
    first=st.one_of(st.none(), st.text(max_size=20)),
    topics=st.lists(st.text(max_size=15), max_size=3),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_any_text_is_inserted_literally(first: str | None, topics: list[str], seed: int) -> None:
    # Deal the same lines with harmless stand-ins, then put the real text in by hand.
    stand_in_first = "NAMEX" if (first or "").strip() else None
    stand_ins = [f"tpc{i}x" if readable_topic(t) else "-" for i, t in enumerate(topics)]
    real = deal(PhraseDeck.starters(seed=seed), 5, first, topics, person=0)
    expected = deal(PhraseDeck.starters(seed=seed), 5, stand_in_first, stand_ins, person=0)
    for got, want in zip(real, expected, strict=True):
        text = want.text.replace("NAMEX", (first or "").strip())
        for i, topic in enumerate(topics):
            text = text.replace(f"tpc{i}x", readable_topic(topic))
        assert got == Phrase(text, want.category)


def test_readable_topic() -> None:
    assert readable_topic("baby-sitters-club") == "baby sitters club"
    assert readable_topic("#rock_climbing") == "rock climbing"
    assert readable_topic("--") == ""
    # Written as English writes them: a one- or two-letter piece keeps its hyphen.
    assert [readable_topic(t) for t in ("sci-fi", "k-pop", "dim-sum", "sea-swimming")] == [
        "sci-fi",
        "k-pop",
        "dim sum",
        "sea swimming",
    ]


@pytest.mark.parametrize(
    ("template", "topic_allowed"),
    [
        ("Hello {first} there", False),
        ("About {topic}", False),
        ("No topic here", True),
        ("{name}, hi", False),
    ],
)
def test_bad_templates_are_refused(template: str, topic_allowed: bool) -> None:
    with pytest.raises(ValueError):
        check_template(template, topic_allowed=topic_allowed)


def test_every_shipped_template_is_valid() -> None:
    for line in (*STARTERS, *EXITS):
        assert line.generic or line.with_topic
        if line.generic is not None:
            check_template(line.generic, topic_allowed=False)
        if line.with_topic:
            check_template(line.with_topic, topic_allowed=True)


# -- issue 10, point 13: wording that reads right ---------------------------------------------

# Topics of every shape: an activity, a thing, a plural, a place, a book series, work, a
# language, a hyphenated genre.
SHAPES = [
    "sea-swimming",
    "jazz",
    "cats",
    "boulderbar",
    "baby-sitters-club",
    "python",
    "हिंदी",
    "k-pop",
]
# A topic is only ever spoken *about*: these words may come right before it...
BEFORE_TOPIC = {"about", "with", "to", "for", "in", "enjoy"}
# ...and it is never made a kind of thing or person.
AFTER_TOPIC = re.compile(r"^(fan|fans|tips|stories|talk|scene|club|nights|community|ideas)\b")


@pytest.mark.parametrize("shape", SHAPES)
def test_topic_lines_read_right_for_any_topic(shape: str) -> None:
    words_of_topic = readable_topic(shape)
    for line in (*STARTERS, *EXITS):
        if line.with_topic is None:
            continue
        text = fill(line.with_topic, "Ana", shape)
        before, _, after = text.partition(words_of_topic)
        assert before.split()[-1].lower() in BEFORE_TOPIC, text
        assert not AFTER_TOPIC.match(after.strip()), text
        assert f"your {words_of_topic}" not in text and f"into {words_of_topic}" not in text


def test_no_line_assumes_what_hallway_cannot_know() -> None:
    assumes = re.compile(
        r"\b(this morning|this afternoon|tonight|today|the day|session|keynote|speakers?|"
        r"colleagues?|train|in common|next talk|the talk|break,|your break)\b",
        re.IGNORECASE,
    )
    for line in (*STARTERS, *EXITS):
        for text in (line.generic or "", line.with_topic or ""):
            assert not assumes.search(text), text


def test_lines_that_need_a_topic_are_not_offered_without_one() -> None:
    need_a_topic = [line for line in STARTERS if line.generic is None]
    assert {line.category for line in need_a_topic} == {"follow-up"}
    assert "What surprised you most about it?" not in {line.generic for line in STARTERS}
    deck = PhraseDeck.starters(seed=5)
    without = {p.text for p in deal(deck, 3 * len(deck), "Maya", [])}
    assert without == {fill(line.generic, "Maya") for line in STARTERS if line.generic}
    with_topic = {p.text for p in deal(deck, len(deck), "Maya", ["sea-swimming"])}
    assert "What surprised you most about sea swimming?" in with_topic


def test_the_first_starter_varies_between_people() -> None:
    deck = PhraseDeck.starters()
    names = ["Maya", "Zoë", "Tess", "Ana", "Ben", "Cy", "李雷", "Priya", "Sam", "Jo"]
    firsts = [deck.next(name, []).text.replace(name, "NAME") for name in names]
    assert len(set(firsts)) >= 6
    # Each person goes their own way through the deck, whoever else was helped meanwhile.
    alone = PhraseDeck.starters()
    maya_alone = [alone.next("Maya", []).text for _ in range(3)]
    mixed = PhraseDeck.starters()
    maya_mixed = []
    for other in ("Ben", "Cy", "Jo"):
        maya_mixed.append(mixed.next("Maya", []).text)
        mixed.next(other, [])
    assert maya_mixed == maya_alone
    # The screen can tell two people of the same first name apart.
    twins = PhraseDeck.starters()
    first_ana = [twins.next("Ana", [], person=1).text for _ in range(5)]
    second_ana = [twins.next("Ana", [], person=2).text for _ in range(5)]
    assert first_ana != second_ana


@pytest.mark.parametrize("category", [*STARTER_CATEGORIES, *EXIT_CATEGORIES])
def test_every_category_says_what_it_is_for(category: str) -> None:
    label = category_label(category)
    assert label and "-" not in label and label == label.lower()
    phrase = Phrase("x", category)
    assert phrase.label == label
    assert category_label("next-step") == "suggest a next step"
