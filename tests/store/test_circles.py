"""Conversation circles (issue 10, point 18): the grammar (examples and properties, against the
parser as it was before circles), and the store (one encounter each, knowing the others)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hallway.store.capture_line import (
    CIRCLE_SEPARATOR,
    NOTE_SEPARATOR,
    Capture,
    normalise_topic,
    parse_capture,
    parse_circle,
)
from hallway.store.contacts import circle_of
from hallway.store.conversations import is_talking
from hallway.store.db import Store
from hallway.store.errors import CaptureError
from tests.clock import START, Clock
from tests.store import capture_line_before_circles as before

ISSUE_LINE = "Ana Lima + Ben Ortiz, designer @Fable #surfing -- talked about Porto"


# -- the grammar: examples -------------------------------------------------------------------


def test_the_issue_line() -> None:
    assert parse_circle(ISSUE_LINE) == [
        Capture(name="Ana Lima", topics=("surfing",), note="talked about Porto"),
        Capture(
            name="Ben Ortiz",
            role="designer",
            org="Fable",
            topics=("surfing",),
            note="talked about Porto",
        ),
    ]


def test_each_role_and_organisation_belongs_to_the_person_it_follows() -> None:
    ana, ben, cy = parse_circle("Ana, cook @Rita's #chess + Ben @Fable + Cy Li, PhD student #go")
    assert (ana.name, ana.role, ana.org, ana.topics) == ("Ana", "cook", "Rita's", ("chess", "go"))
    assert (ben.name, ben.role, ben.org, ben.topics) == ("Ben", "", "Fable", ("go",))
    assert (cy.name, cy.role, cy.org, cy.topics) == ("Cy Li", "PhD student", "", ("go",))
    assert ana.note == ben.note == cy.note == ""


@pytest.mark.parametrize(
    "line",
    [
        "Ann, C++ dev @Acme",
        "Ben, +49 30 1234 -- call him",
        "Ann+Ben @Acme",
        "Cy -- a + b is what we talked about, Ana + Ben too",
        "Dee, R+D lead",
    ],
)
def test_a_plus_without_spaces_around_it_is_text(line: str) -> None:
    assert parse_circle(line) == [parse_capture(line)]


@pytest.mark.parametrize("line", ["Ana + ", " + Ben", "Ana + + Ben", "Ana +  + Ben -- note"])
def test_an_empty_place_in_a_circle_is_refused_kindly(line: str) -> None:
    with pytest.raises(CaptureError, match="Each person in a circle needs a name"):
        parse_circle(line)


def test_refusals_name_the_problem_in_the_person() -> None:
    with pytest.raises(CaptureError, match="One @organisation per person"):
        parse_circle("Ana @A @B + Ben")
    with pytest.raises(CaptureError, match="not a topic"):
        parse_circle("Ana + Ben #jazz and #chess")


# -- the grammar: properties ------------------------------------------------------------------

_TRICKY = st.lists(
    st.sampled_from(
        [*", @#-_x+\u00e9李\u0301\t\nǅİ", "--", " -- ", "C++", "+49", " +", "+ ", "ann@acme.io"]
    )
).map("".join)


def _no_circle(line: str) -> bool:
    head = line[: m.start()] if (m := NOTE_SEPARATOR.search(line)) else line
    return CIRCLE_SEPARATOR.search(head) is None


def _old(line: str) -> Capture | str:
    try:
        return before.parse_capture(line)  # type: ignore[return-value]
    except CaptureError as refused:
        return f"refused: {refused}"


def _new(line: str) -> list[Capture] | str:
    try:
        return parse_circle(line)
    except CaptureError as refused:
        return f"refused: {refused}"


@given(line=st.one_of(st.text(), _TRICKY).filter(_no_circle))
@example(line="Ann, C++ dev @Acme #cpp -- met at the + stand")
@example(line="Ben +49 -- + + +")
def test_a_line_without_a_spaced_plus_means_what_it_meant(line: str) -> None:
    old, new = _old(line), _new(line)
    if isinstance(old, str):
        assert new == old  # refused, in the same words
    else:
        assert isinstance(new, list) and len(new) == 1
        assert new[0].__dict__ == old.__dict__
        assert parse_capture(line) == new[0]


_FIELD_CHARS = st.characters(exclude_characters=",@#", exclude_categories=["Cs"])


def _field(min_size: int) -> st.SearchStrategy[str]:
    return (
        st.text(_FIELD_CHARS, min_size=min_size, max_size=30)
        .filter(lambda text: min_size == 0 or text.strip())
        .filter(lambda text: not NOTE_SEPARATOR.search(f" {text} "))
        .filter(lambda text: not CIRCLE_SEPARATOR.search(f" {text} "))
    )


_TOPIC = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,11}", fullmatch=True)
_PERSON = st.tuples(_field(1), _field(0), _field(0), st.lists(_TOPIC, max_size=2))


def _collapse(text: str) -> str:
    return " ".join(text.split())


@given(
    people=st.lists(_PERSON, min_size=2, max_size=4),
    shared=st.lists(_TOPIC, max_size=3),
    note=st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
)
@example(
    people=[("Ana Lima", "", "", []), ("Ben Ortiz", "designer", "Fable", [])],
    shared=["surfing"],
    note="talked about Porto",
)
def test_circles_round_trip(
    people: list[tuple[str, str, str, list[str]]], shared: list[str], note: str
) -> None:
    parts = []
    for index, (name, role, org, own) in enumerate(people):
        part = name
        if _collapse(role):
            part += f", {role}"
        if _collapse(org):
            part += f" @{org}"
        topics = own + shared if index == len(people) - 1 else own
        part += "".join(f" #{topic}" for topic in topics)
        parts.append(part)
    line = " + ".join(parts)
    if note.strip():
        line += f" -- {note}"
    parsed = parse_circle(line)
    assert [p.name for p in parsed] == [_collapse(name) for name, *_ in people]
    assert [p.role for p in parsed] == [_collapse(role) for _, role, *_ in people]
    assert [p.org for p in parsed] == [_collapse(org) for _, _, org, _ in people]
    last_own = people[-1][3]
    for person, (*_, own) in zip(parsed, people, strict=True):
        expected = dict.fromkeys(normalise_topic(t) for t in [*own, *last_own, *shared])
        assert person.topics == tuple(expected)
        assert person.note == note.strip()


# -- the store -------------------------------------------------------------------------------


def test_a_circle_is_one_encounter_each_knowing_the_others(store: Store, event_id: int) -> None:
    ana, ben, cy = store.capture_people(
        "Ana Lima + Ben Ortiz, designer @Fable + Cy Li #surfing -- promised my Porto tips",
        event_id,
    )
    assert (ana.role, ben.role, ben.org, cy.org) == ("", "designer", "Fable", "")
    assert ana.topics == ben.topics == cy.topics == ["surfing"]
    assert [n.text for n in ana.notes] == [n.text for n in cy.notes] == ["promised my Porto tips"]
    # The note's promise is one for each person, in their own name.
    assert [f.text for f in ben.follow_ups] == ["Send Ben my Porto tips"]
    assert sorted(ana.circle) == [ben.id, cy.id]
    stored = {e.id: e for e in store.encounters(event_id)}
    for person in (ana, ben, cy):
        assert sorted(stored[person.id].circle) == sorted({ana.id, ben.id, cy.id} - {person.id})
    assert [e.name for e in circle_of(store, stored[ben.id])] == ["Ana Lima", "Cy Li"]
    assert store.capture(ISSUE_LINE, event_id).name == "Ana Lima"  # capture(): the first


def test_a_circle_talks_and_ends_together(store: Store, event_id: int, fixed_clock: Clock) -> None:
    ana, ben = store.capture_people("Ana Lima + Ben Ortiz", event_id)
    fixed_clock.advance(minutes=25)
    store.add_note(ana.id, "she surfs in Peniche")  # keeps Ben's conversation going too
    fixed_clock.advance(minutes=25)
    now = fixed_clock.at
    assert all(is_talking(e, now) for e in store.encounters(event_id))
    store.end_conversation(ben.id)
    assert {e.ended_at for e in store.encounters(event_id)} == {now}


def test_a_note_for_the_whole_circle(store: Store, event_id: int) -> None:
    ana, ben, cy = store.capture_people("Ana + Ben + Cy", event_id)
    store.add_note(ben.id, "Ben's band plays on Friday")
    store.add_note(ana.id, "all three love #fado; will send them the playlist", whole_circle=True)
    by_id = {e.id: e for e in store.encounters(event_id)}
    assert by_id[ben.id].notes[0].text == "Ben's band plays on Friday"
    for person in (ana, ben, cy):
        assert by_id[person.id].notes[-1].text.startswith("all three love #fado")
        assert by_id[person.id].topics == ["fado"]
        assert [f.text for f in by_id[person.id].follow_ups] == [f"Send {person.name} the playlist"]


def test_removing_someone_leaves_the_circle_whole_and_undo_restores_it(
    store: Store, event_id: int
) -> None:
    ana, ben, cy = store.capture_people("Ana + Ben + Cy", event_id)
    removed = store.encounter(ben.id)
    store.delete_encounter(ben.id)
    assert [e.circle for e in (store.encounter(ana.id), store.encounter(cy.id))] == [
        [cy.id],
        [ana.id],
    ]
    store.save_encounter(removed)  # an undo
    for person in (ana, ben, cy):
        assert sorted(store.encounter(person.id).circle) == sorted(
            {ana.id, ben.id, cy.id} - {person.id}
        )
    # ... in the order the circle was typed, as before the removal.
    assert store.encounter(ana.id).circle == [ben.id, cy.id]
    assert store.encounter(cy.id).circle == [ana.id, ben.id]


def test_a_circle_starts_the_next_conversation(
    store: Store, event_id: int, fixed_clock: Clock
) -> None:
    store.capture("Maya Chen", event_id)
    fixed_clock.at = START + timedelta(minutes=10)
    store.capture_people("Ana + Ben", event_id)
    now = START + timedelta(minutes=11)
    assert sorted(e.name for e in store.encounters(event_id) if is_talking(e, now)) == [
        "Ana",
        "Ben",
    ]


def test_the_capture_line_never_splits_a_note(store: Store, event_id: int) -> None:
    [ann] = store.capture_people("Ann -- Ana + Ben were there too", event_id)
    assert ann.circle == [] and [n.text for n in ann.notes] == ["Ana + Ben were there too"]
