"""The Helper's German lines: du and Sie, never mixed, right for any topic and with any name."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from hallway.store.phrases import (
    EXIT_CATEGORIES,
    STARTER_CATEGORIES,
    LineTemplate,
    Phrase,
    PhraseDeck,
    category_label,
    fill,
    lines_for,
)
from hallway.store.phrases_data import EXITS, STARTERS

FORMS = ("du", "sie")
KINDS = ("starters", "exits")
# Topics of every shape German has: a mass noun, an activity, a plural, a name, a title with
# its own article and punctuation.
TOPICS = ["Sauerteig", "Bouldern", "Katzen", "Jazz", "Die drei ???"]
NAMES = ["Jana", "Zoë", None]
# The only words a topic may follow: each keeps the topic in its bare form.
BEFORE_TOPIC = {"Thema", "Stichwort", "Sachen"}
# Any Sie form in a du line (case matters: "sie" and "ihr" are also "she/they" and "her").
SIE_FORMS = re.compile(r"\b(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)\b")
# Any du form in a Sie line, including du imperatives ("Lass uns", "Komm", "Misch dich").
DU_FORMS = re.compile(
    r"\b(du|dich|dir|dein\w*|euch|eue?r(e[mnrs]?)?|Lass|Komm|Hab|Genieß|Misch|Schau)\b",
    re.IGNORECASE,
)
# Artefacts a badly filled line would show (checked with the topic taken out, since a title
# such as "Die drei ???" brings its own punctuation).
LEFTOVER = re.compile(r"\{\w*\}|,\s*,|,\s*[.?!:]|\s[,.?!:]|^\W|\s{2}|^[a-zäöü]")


def all_lines(form: str) -> list[LineTemplate]:
    return [*lines_for("starters", "de", form), *lines_for("exits", "de", form)]


def texts(line: LineTemplate) -> list[str]:
    return [t for t in (line.generic, line.with_topic) if t is not None]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("kind", "english"), [("starters", STARTERS), ("exits", EXITS)])
def test_at_least_as_many_lines_as_english_in_every_category(
    form: str, kind: str, english: tuple[LineTemplate, ...]
) -> None:
    german = lines_for(kind, "de", form)
    ours, theirs = Counter(line.category for line in german), Counter(x.category for x in english)
    assert set(ours) == set(theirs)
    assert all(ours[category] >= theirs[category] for category in theirs), (ours, theirs)
    assert len({line.generic or line.with_topic for line in german}) == len(german), "duplicates"


@pytest.mark.parametrize("kind", KINDS)
def test_du_and_sie_say_the_same_kinds_of_thing(kind: str) -> None:
    du, sie = lines_for(kind, "de", "du"), lines_for(kind, "de", "sie")
    assert [(line.category, line.generic is None, line.with_topic is None) for line in du] == [
        (line.category, line.generic is None, line.with_topic is None) for line in sie
    ]
    assert [line.generic for line in du] != [line.generic for line in sie]


def test_no_du_line_uses_a_sie_form() -> None:
    for line in all_lines("du"):
        for text in texts(line):
            assert not SIE_FORMS.search(text), text


def test_no_sie_line_uses_a_du_form_or_a_first_name() -> None:
    for line in all_lines("sie"):
        for text in texts(line):
            assert not DU_FORMS.search(text), text
            assert "{first}" not in text, text


def test_most_lines_address_the_person_in_their_form() -> None:
    du = re.compile(r"\b(du|dich|dir|dein\w*|euch)\b", re.IGNORECASE)
    for form, addressed in (("du", du), ("sie", SIE_FORMS)):
        lines = all_lines(form)
        share = sum(bool(addressed.search(line.generic or line.with_topic or "")) for line in lines)
        assert share >= 0.75 * len(lines), form


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("name", NAMES)
def test_every_line_fills_right_for_any_topic_and_name(
    form: str, topic: str, name: str | None
) -> None:
    for line in all_lines(form):
        for template in texts(line):
            text = fill(template, name, topic)
            if "{topic}" in template:
                before, found, after = text.partition(topic)
                assert found, text
                assert before.split()[-1] in BEFORE_TOPIC, text
                assert after[:1] in {" ", ":", ",", "?", "."}, text
                if before.split()[-1] == "Stichwort":
                    assert after.startswith(":"), text
            assert not LEFTOVER.search(text.replace(topic, "Thema")), text
            assert text[-1] in ".?!", text
            if name and form == "du" and "{first}" in template:
                assert name in text
            if not name:
                assert "{first}" not in text and not text.startswith(","), text


def test_a_name_is_dropped_with_its_comma() -> None:
    (line,) = [
        line
        for line in lines_for("starters", "de", "du")
        if line.generic == "{first}, wofür hast du dich als Kind begeistert?"
    ]
    assert fill(line.generic or "", "Jana") == "Jana, wofür hast du dich als Kind begeistert?"
    assert fill(line.generic or "", None) == "Wofür hast du dich als Kind begeistert?"
    assert fill("Danke für deine Zeit, {first}.", "") == "Danke für deine Zeit."


@pytest.mark.parametrize("form", FORMS)
def test_no_line_assumes_what_hallway_cannot_know(form: str) -> None:
    assumes = re.compile(
        r"\b(heute|heute Morgen|heute Abend|Vortrag|Vorträge|Keynote|Session|Pause|"
        r"Kolleg\w*|Zug|gemeinsam\w*|Redner\w*|Speaker)\b",
        re.IGNORECASE,
    )
    made_up = re.compile(r"\b(Anruf|anrufen|Notfall|dringend|Babysitter\w*)\b", re.IGNORECASE)
    for line in all_lines(form):
        for text in texts(line):
            assert not assumes.search(text), text
    for line in lines_for("exits", "de", form):
        for text in texts(line):
            assert not made_up.search(text), text


@pytest.mark.parametrize("form", FORMS)
def test_german_decks_deal_german_lines_with_german_labels(form: str) -> None:
    deck = PhraseDeck.starters(seed=3, language="de", form=form)
    assert deck.language == "de" and deck.categories == STARTER_CATEGORIES
    cycle = [deck.next("Jana", ["Bouldern"]) for _ in range(len(deck))]
    assert {p.text for p in cycle} == {
        fill(line.with_topic or line.generic or "", "Jana", "Bouldern")
        for line in lines_for("starters", "de", form)
    }
    # Occupation comes after everything else, as in English.
    work = [i for i, phrase in enumerate(cycle) if phrase.category == "work"]
    assert work == list(range(len(cycle) - len(work), len(cycle)))
    assert all(p.language == "de" for p in cycle)
    assert cycle[0].label == category_label(cycle[0].category, "de")
    exits = PhraseDeck.exits(seed=3, language="de", form=form)
    assert exits.categories == EXIT_CATEGORIES
    phrase = exits.next("Jana", [])
    assert phrase.label in {category_label(c, "de") for c in EXIT_CATEGORIES}
    if form == "sie":
        assert not any("Jana" in p.text for p in cycle)
    else:
        assert any("Jana" in p.text for p in cycle)


def test_without_topics_german_decks_offer_only_general_lines() -> None:
    deck = PhraseDeck.starters(seed=5, language="de", form="du")
    without = {p.text for p in (deck.next("Jana", []) for _ in range(3 * len(deck)))}
    lines = lines_for("starters", "de", "du")
    assert without == {fill(line.generic, "Jana") for line in lines if line.generic is not None}


def test_every_category_has_a_german_label() -> None:
    for category in (*STARTER_CATEGORIES, *EXIT_CATEGORIES):
        label = category_label(category, "de")
        assert label and label != category_label(category) and "-" not in label
    assert Phrase("x", "next-step", "de").label == "einen nächsten Schritt vorschlagen"
    assert Phrase("x", "next-step").label == "suggest a next step"


@pytest.mark.parametrize(
    ("language", "form", "message"),
    [
        ("de", None, "address form"),
        ("de", "Du", "address form"),
        ("de", "ihr", "address form"),
        ("fr", "du", "speaks en or de"),
    ],
)
def test_a_deck_needs_a_language_and_german_its_form(
    language: str, form: str | None, message: str
) -> None:
    for make in (PhraseDeck.starters, PhraseDeck.exits):
        with pytest.raises(ValueError, match=message):
            make(language=language, form=form)
    with pytest.raises(ValueError, match="starters"):
        lines_for("jokes")


def test_english_is_unchanged_and_ignores_the_form() -> None:
    assert lines_for("starters") == STARTERS and lines_for("exits") == EXITS
    for make in (PhraseDeck.starters, PhraseDeck.exits):
        deck, with_du = make(seed=2), make(seed=2, form="du")
        plain = [deck.next("Tess", ["jazz"]) for _ in range(len(deck))]
        with_form = [with_du.next("Tess", ["jazz"]) for _ in range(len(deck))]
        assert plain == with_form
        assert all(p.language == "en" for p in plain)


def test_each_form_keeps_its_register() -> None:
    """Du lines sound like a meetup, Sie lines like a conference: neither stiff nor chummy."""
    # Spoken contractions and slang that a Sie line at a conference would not use.
    chummy = re.compile(
        r"\b(hol|geh|schreib|meld|dreh|brauch|mach|schick|zieh|gönn|hab|schau|echt|mal|"
        r"was Gutes|übers|fürs|aufs)\b"
    )
    # Set phrases that sound stiff or translated between people who say du.
    stiff = re.compile(
        r"Es war mir eine|\bhinaus\b|\bMenschen\b|\bIch möchte\b|\beinander\b|"
        r"Freundeskreis|Hier ist jemand|von deiner Zeit",
        re.IGNORECASE,
    )
    for line in all_lines("sie"):
        for text in texts(line):
            assert not chummy.search(text), text
    for line in all_lines("du"):
        for text in texts(line):
            assert not stiff.search(text), text


@pytest.mark.parametrize("form", FORMS)
def test_no_line_assumes_where_people_live_or_what_week_it_is(form: str) -> None:
    assumes = re.compile(
        r"\b(deine|Ihre|deiner|Ihrer) Stadt\b|diese Woche|diesen Monat|beim nächsten Mal|"
        r"zum Essen gefunden",
        re.IGNORECASE,
    )
    for line in all_lines(form):
        for text in texts(line):
            assert not assumes.search(text), text
