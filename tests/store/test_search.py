"""Search as you type, the topic index, and keeping the index current."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hallway.store.db import Store
from hallway.store.debrief import promote
from hallway.store.records import Encounter
from hallway.store.search import SearchHit, SearchIndex
from hallway.store.search_index import Copies, doc_for
from hallway.store.text import fold, words

START = datetime(2025, 6, 10, 14, 0, tzinfo=UTC)


# One minute passes per reading of the clock, so capture order is met_at order.
pytestmark = pytest.mark.clock(START, tick=timedelta(minutes=1))


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """A small crowd in several scripts; returns encounter ids by first word of the name."""
    event = store.create_event("PyCon Berlin 2025", "Berlin", live=True)
    lines = [
        "Maya Chen, data engineer @Acme Robotics #sourdough -- promised my focaccia recipe",
        "Zoë Ångström @Société Générale #bouldering -- climbs at Berta Block",
        "李雷 @清华大学 #围棋 -- 下棋",
        "محمد علي @Aramco #bouldering",
        "Sam 🎸 Rivera #jazz -- plays bass in a [bold]trio[/bold]",
        "Marek Nowak @Globex #bouldering #sourdough",
        "Ann Lee @Acme -- knows Maya from school",
    ]
    return {line.split()[0]: store.capture(line, event.id).id for line in lines}


def titles(hits: list[SearchHit]) -> list[str]:
    return [h.title for h in hits]


def test_fold_and_words() -> None:
    assert fold("Zoë ÅNGSTRÖM straße Ørsted") == "zoe angstrom strasse orsted"
    assert words("Maya-Chen, #sourdough (Acme)") == ["maya", "chen", "sourdough", "acme"]
    assert words("李雷 محمد 🎸") == ["李雷", "محمد", "🎸"]
    assert words("हिन्दी भाषा") == ["हिन्दी", "भाषा"]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("maya", "Maya Chen"),
        ("Maya Chen", "Maya Chen"),
        ("zoe", "Zoë Ångström"),
        ("ÅNGSTRÖM", "Zoë Ångström"),
        ("李", "李雷"),
        ("李雷", "李雷"),
        ("محمد", "محمد علي"),
        ("🎸", "Sam 🎸 Rivera"),
        ("myaa", "Maya Chen"),  # a typo
    ],
)
def test_names_in_any_script(store: Store, people: dict[str, int], query: str, first: str) -> None:
    hits = SearchIndex(store).search(query)
    assert hits[0].title == first
    assert hits[0].kind == "encounter"
    assert hits[0].detail.endswith("PyCon Berlin 2025")


def test_results_as_you_type(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    for typed in ("m", "ma", "may", "maya", "maya ", "maya c", "maya ch"):
        assert index.search(typed)[0].title == "Maya Chen", typed
    assert titles(index.search("mar")) == ["Marek Nowak"]


def test_organisation(store: Store, people: dict[str, int]) -> None:
    hits = SearchIndex(store).search("acme")
    assert titles(hits) == ["Ann Lee", "Maya Chen"]  # newest first among equals
    assert {h.matched for h in hits} == {"Acme", "Acme Robotics"}
    [societe] = SearchIndex(store).search("societe generale")
    assert (societe.title, societe.matched) == ("Zoë Ångström", "Société Générale")


def test_notes(store: Store, people: dict[str, int]) -> None:
    [hit] = SearchIndex(store).search("focaccia")
    assert (hit.title, hit.matched) == ("Maya Chen", "promised my focaccia recipe")
    [typo] = SearchIndex(store).search("focacia")
    assert typo.title == "Maya Chen"
    [markup] = SearchIndex(store).search("trio")
    assert markup.matched == "plays bass in a [bold]trio[/bold]"  # literal, never styled


def test_short_words_skip_notes(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    assert "Maya Chen" not in titles(index.search("fo"))  # "focaccia" is only in a note
    assert titles(index.search("foc")) == ["Maya Chen"]


def test_name_beats_note(store: Store, people: dict[str, int]) -> None:
    # Ann's note mentions Maya; Maya herself comes first.
    assert titles(SearchIndex(store).search("maya")) == ["Maya Chen", "Ann Lee"]


def test_all_words_must_match(store: Store, people: dict[str, int]) -> None:
    assert titles(SearchIndex(store).search("maya nowak")) == []


def test_hash_topic_query(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    hits = index.search("#boulder")
    assert hits[0] == SearchHit(
        "topic", 0, "#bouldering", "who else is into #bouldering", "bouldering"
    )
    assert sorted(titles(hits[1:])) == ["Marek Nowak", "Zoë Ångström", "محمد علي"]
    assert all(h.matched == "#bouldering" for h in hits[1:])
    assert titles(index.search("#bouldring"))[0] == "#bouldering"  # a typo still finds it
    assert index.search("#nothing-like-this") == []
    store.capture("Ola #rock_climbing #हिन्दी", store.live_event().id)  # type: ignore[union-attr]
    index.rebuild()
    assert titles(index.search("#rock_c")) == ["#rock_climbing", "Ola"]
    assert titles(index.search("#हिन्दी")) == ["#हिन्दी", "Ola"]
    assert index.search("#") == []


def test_known_topic_term_offers_the_topic_first(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    hits = index.search("sourdough")
    assert hits[0].kind == "topic" and hits[0].matched == "sourdough"
    assert sorted(titles(hits[1:])) == ["Marek Nowak", "Maya Chen"]
    assert index.known_topic("#Sourdough") == "sourdough"
    assert index.known_topic("bread") is None


def test_who_is_into_lists_contacts_then_encounters_once_each(
    store: Store, people: dict[str, int]
) -> None:
    promote(store, people["Marek"])
    hits = SearchIndex(store).who_is_into("#Bouldering")
    assert [(h.kind, h.title) for h in hits] == [
        ("contact", "Marek Nowak"),
        ("encounter", "محمد علي"),  # newest first
        ("encounter", "Zoë Ångström"),
    ]
    assert SearchIndex(store).who_is_into("knitting") == []


def test_promoted_person_shows_once_as_contact(store: Store, people: dict[str, int]) -> None:
    contact = promote(store, people["Maya"])
    hits = SearchIndex(store).search("maya chen")
    assert [(h.kind, h.id) for h in hits] == [("contact", contact.id)]
    # Said once: the screen shows the detail as it is ("· contact  lasting contact" before).
    assert hits[0].detail == "Acme Robotics · lasting contact"


def test_events_are_found(store: Store, people: dict[str, int]) -> None:
    [hit] = SearchIndex(store).search("pycon")
    assert (hit.kind, hit.title, hit.detail) == ("event", "PyCon Berlin 2025", "Berlin")


def test_empty_queries_and_limit(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    assert index.search("") == []
    assert index.search("  ,;  ") == []
    assert len(index.search("a", limit=2)) == 2


def test_incremental_updates(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    new = store.capture("Quentin Blake #illustration", store.live_event().id)  # type: ignore[union-attr]
    assert index.search("quentin") == []
    index.update(new)
    assert titles(index.search("quentin")) == ["Quentin Blake"]
    assert index.known_topic("illustration") == "illustration"

    renamed = store.update_encounter(new.id, lambda e: setattr(e, "name", "Quinn Blake"))
    index.update(renamed)
    assert index.search("quentin") == []
    assert titles(index.search("quinn")) == ["Quinn Blake"]

    store.delete_encounter(new.id)
    index.remove("encounter", new.id)
    assert index.search("quinn") == []
    assert index.search("#illustration") == []
    index.remove("encounter", new.id)  # removing twice is harmless


def test_rebuild_sees_another_process(store: Store, people: dict[str, int], db_path: Path) -> None:
    index = SearchIndex(store)
    with Store.open(db_path) as other:
        other.capture("Olga Tokarczuk #books", other.live_event().id)  # type: ignore[union-attr]
    assert store.refresh()
    index.rebuild()
    assert titles(index.search("olga")) == ["Olga Tokarczuk"]


def test_index_from_records_matches_index_from_store(store: Store, people: dict[str, int]) -> None:
    built = SearchIndex.from_records(store.events(), store.encounters(), store.contacts())
    for query in ("maya", "#bouldering", "acme", "李"):
        assert built.search(query) == SearchIndex(store).search(query)
    with pytest.raises(RuntimeError):
        built.rebuild()


NAME_WORD = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüéñçåøß李雷王محمدعلىअनिलЖжЯя")),
    min_size=1,
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(NAME_WORD, min_size=1, max_size=3), min_size=1, max_size=15))
def test_every_name_finds_its_person(names: list[list[str]]) -> None:
    people = [
        Encounter(event_id=1, name=" ".join(parts), met_at=START, id=number)
        for number, parts in enumerate(names, 1)
    ]
    index = SearchIndex.from_records([], people, [])
    for person in people:
        hits = index.search(person.name, limit=len(people))
        assert person.id in [h.id for h in hits], person.name
        # Whatever ranks first holds every word typed (ties with longer names are fine).
        assert set(words(person.name)) <= set(words(hits[0].title))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("z", "Zoë Ångström"),
        ("Å", "Zoë Ångström"),  # folded: "a" words, Zoë's surname among them
        ("李", "李雷"),
        ("م", "محمد علي"),
        ("🎸", "Sam 🎸 Rivera"),
        ("no", "Marek Nowak"),
        ("ma", "Maya Chen"),
    ],
)
def test_one_and_two_letters_in_any_script(
    store: Store, people: dict[str, int], query: str, first: str
) -> None:
    hits = SearchIndex(store).search(query)
    assert first in titles(hits)
    for hit in hits:  # a short word matches a name, organisation or topic word's start
        assert hit.kind == "topic" or any(
            w.startswith(fold(query)) for w in words(f"{hit.title} {hit.detail} {hit.matched}")
        ), hit


def test_short_queries_rank_like_long_ones(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    # Exact word first, then shorter words before longer ones, then newest first.
    store.capture("Bo Li", store.live_event().id)  # type: ignore[union-attr]
    store.capture("Boris Li", store.live_event().id)  # type: ignore[union-attr]
    index.rebuild()
    assert titles(index.search("bo"))[:3] == ["#bouldering", "Bo Li", "Boris Li"]
    assert titles(index.search("m")) == ["Maya Chen", "Marek Nowak"]  # not Ann (a note)
    # Names before organisations, each person once, a shorter matched word first.
    assert [(h.title, h.matched) for h in index.search("a")] == [
        ("Ann Lee", "Ann Lee"),
        ("Zoë Ångström", "Zoë Ångström"),
        ("Maya Chen", "Acme Robotics"),
        ("محمد علي", "Aramco"),
    ]


def test_hash_alone_and_whitespace_find_nothing(store: Store, people: dict[str, int]) -> None:
    index = SearchIndex(store)
    for query in ("#", " # ", "#   ", "   ", "\t\n", "\u3000"):
        assert index.search(query) == [], repr(query)
    assert titles(index.search("#b")) == ["#bouldering", "Marek Nowak", "محمد علي", "Zoë Ångström"]


def test_short_query_shows_a_promoted_person_once(store: Store, people: dict[str, int]) -> None:
    contact = promote(store, people["Maya"])
    index = SearchIndex(store)
    assert [(h.kind, h.id) for h in index.search("ch")] == [("contact", contact.id)]
    assert len(index.search("m", limit=1)) == 1


def test_short_queries_follow_updates_after_being_typed(
    store: Store, people: dict[str, int]
) -> None:
    index = SearchIndex(store)
    for query in ("m", "ma", "q", "qu"):
        index.search(query)  # fills the prefix buckets that must now be kept current
    new = store.capture("Quinn Mayer #quilting", store.live_event().id)  # type: ignore[union-attr]
    index.update(new)
    renamed = store.update_encounter(people["Maya"], lambda e: setattr(e, "name", "Mia Chen"))
    index.update(renamed)
    store.delete_encounter(people["Marek"])
    index.remove("encounter", people["Marek"])
    fresh = SearchIndex(store)
    for query in ("m", "ma", "mi", "q", "qu", "ma q", "qu mayer"):
        assert index.search(query) == fresh.search(query), query
    assert titles(index.search("q")) == ["Quinn Mayer"]  # one letter offers no topics
    assert titles(index.search("qu")) == ["#quilting", "Quinn Mayer"]
    assert "Marek Nowak" not in titles(index.search("m"))


def test_repeated_texts_share_one_copy_and_find_the_same(
    store: Store, people: dict[str, int]
) -> None:
    # Parsed records each hold their own copy of an organisation, topic or note; the index
    # keeps one (megabytes at ten thousand people) and finds exactly what it found before.
    event = store.live_event()
    assert event is not None
    line = "Maya Chen, data engineer @Acme Robotics #sourdough -- promised my focaccia recipe"
    twin = store.capture(line, event.id)  # the same person captured again, word for word
    records = (store.events(), store.encounters(), store.contacts())
    index = SearchIndex.from_records(*records)
    for record in (*records[0], *records[1]):
        assert doc_for(record, Copies()) == doc_for(record)
    docs = {d.id: d for d in index._docs if d is not None and d.kind == "encounter"}
    maya, other = docs[people["Maya"]], docs[twin.id]
    assert maya.org is other.org and maya.role is other.role and maya.name is other.name
    assert maya.topics is other.topics and maya.notes is other.notes
    assert docs[people["Ann"]].org is not maya.org  # "Acme" is not "Acme Robotics"
    unshared = SearchIndex(None)
    unshared._load(doc_for(r) for r in chain(*records))
    unshared._vocab = sorted(unshared._postings)
    for query in ("maya", "acme", "ac", "focaccia", "#sourdough", "engineer", "sourdough ann"):
        assert index.search(query) == unshared.search(query), query


def test_a_topic_written_twice_in_one_record_is_one_topic(
    store: Store, people: dict[str, int]
) -> None:
    index = SearchIndex(store)
    both = store.update_encounter(people["Sam"], lambda e: setattr(e, "topics", ["Choir", "choir"]))
    index.update(both)
    assert [h.title for h in index.who_is_into("choir")] == ["Sam 🎸 Rivera"]
    assert index.known_topic("CHOIR") == "Choir"
    index.remove("encounter", both.id)
    assert index.who_is_into("choir") == []
    assert index.known_topic("choir") is None
