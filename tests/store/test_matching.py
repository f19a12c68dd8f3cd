"""Merge candidates: is the person just met already a contact?"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from hallway.store.contacts import edit_contact
from hallway.store.db import Store
from hallway.store.debrief import promote
from hallway.store.matching import merge_candidates, name_similarity, preselected, same_org
from hallway.store.records import Channels, Contact

START = datetime(2025, 6, 10, 14, 0, tzinfo=UTC)


pytestmark = pytest.mark.clock(START)


@pytest.fixture
def events(store: Store) -> tuple[int, int]:
    before = store.create_event("RustConf #11", starts=START - timedelta(days=365))
    now = store.create_event("RustConf #12", live=True)
    return before.id, now.id


def contact_from(store: Store, event_id: int, line: str) -> Contact:
    """A contact promoted from a capture line at an earlier event."""
    return promote(store, store.capture(line, event_id).id)


@pytest.mark.parametrize(
    ("a", "b", "at_least", "below"),
    [
        ("Zoë Ångström", "Zoe Angstrom", 100, 101),
        ("ZOE ANGSTROM", "zoë ångström", 100, 101),
        ("Ng Tess", "Tess Ng", 100, 101),
        ("Tess Ng", "Tessa Ng", 85, 100),
        ("Alex Kim", "Alexander Kim", 85, 100),
        ("Jon Smith", "John Smith", 85, 100),
        ("Ann", "Ann Lee", 70, 85),
        ("Ann Lee", "Ann Smith", 0, 70),
        ("Ann Lee", "Dan Lee", 0, 70),
        ("李雷", "李雷", 100, 101),
        ("محمد علي", "محمد علي", 100, 101),
        ("Ann Lee", "", 0, 1),
    ],
)
def test_name_similarity(a: str, b: str, at_least: float, below: float) -> None:
    assert at_least <= name_similarity(a, b) < below


def test_same_org() -> None:
    assert same_org("Acme", "ACME")
    assert same_org("Acme", "Acme Robotics")
    assert same_org("Société Générale", "societe generale")
    assert not same_org("Acme", "Globex")
    assert not same_org("", "Acme")


def test_accented_name_is_preselected(store: Store, events: tuple[int, int]) -> None:
    before, now = events
    zoe = contact_from(store, before, "Zoë Ångström @Acme")
    met = store.capture("Zoe Angstrom", now)
    [candidate] = merge_candidates(store, met)
    assert candidate.contact.id == zoe.id
    assert candidate.reasons == ["same name"]
    assert preselected([candidate]) is candidate
    assert candidate.first_met is not None and candidate.first_met.name == "RustConf #11"


def test_nickname_with_same_org_is_preselected(store: Store, events: tuple[int, int]) -> None:
    before, now = events
    tessa = contact_from(store, before, "Tessa Ng @Acme #chess")
    met = store.capture("Tess Ng @acme #chess", now)
    candidates = merge_candidates(store, met)
    assert preselected(candidates) is candidates[0]
    assert candidates[0].contact.id == tessa.id
    assert candidates[0].reasons == [
        "similar name",
        "same organisation (Acme)",
        "both talked about #chess",
    ]


def test_similar_name_alone_is_offered_but_not_preselected(
    store: Store, events: tuple[int, int]
) -> None:
    before, now = events
    contact_from(store, before, "Tessa Ng")
    candidates = merge_candidates(store, store.capture("Tess Ng", now))
    assert len(candidates) == 1
    assert preselected(candidates) is None


def test_same_first_name_other_org_is_not_preselected(
    store: Store, events: tuple[int, int]
) -> None:
    before, now = events
    contact_from(store, before, "Ann Smith @Globex")
    contact_from(store, before, "Dan Lee @Acme")
    met = store.capture("Ann Lee @Acme", now)
    candidates = merge_candidates(store, met)
    assert preselected(candidates) is None
    assert candidates == []


def test_same_full_name_at_another_org_needs_more_evidence(
    store: Store, events: tuple[int, int]
) -> None:
    before, now = events
    john = contact_from(store, before, "John Smith @Globex")
    candidates = merge_candidates(store, store.capture("John Smith @Acme", now))
    assert [c.reasons for c in candidates] == [["same name"]]
    assert preselected(candidates) is None

    with_topic = merge_candidates(store, store.capture("John Smith @Acme #sailing", now))
    assert preselected(with_topic) is None  # the contact has no #sailing
    contact_from(store, before, "Jo Park")  # unrelated, must not interfere
    edit_contact(store, john.id, topics=["sailing"])
    with_topic = merge_candidates(store, store.capture("John Smith @Acme #sailing", now))
    assert preselected(with_topic) is not None
    assert "both talked about #sailing" in with_topic[0].reasons


def test_email_in_notes_is_decisive(store: Store, events: tuple[int, int]) -> None:
    before, now = events
    kate = contact_from(store, before, "Katherine O'Neil")
    edit_contact(store, kate.id, channels=Channels(email="KATE@example.org"))
    met = store.capture("Kay -- her address is kate@example.org, write soon", now)
    candidates = merge_candidates(store, met)
    assert preselected(candidates) is not None
    assert candidates[0].contact.id == kate.id
    assert candidates[0].reasons == ["same e-mail"]


def test_candidates_ranked_limited_and_exclude_own_contact(
    store: Store, events: tuple[int, int]
) -> None:
    before, now = events
    exact = contact_from(store, before, "Sam Rivera @Acme #chess")
    contact_from(store, before, "Sam Rivera")
    contact_from(store, before, "Samuel Rivera @Acme")
    contact_from(store, before, "Sam Riviera")
    met = store.capture("Sam Rivera @Acme #chess", now)
    candidates = merge_candidates(store, met, limit=2)
    assert len(candidates) == 2
    assert candidates[0].contact.id == exact.id
    assert candidates[0].score > candidates[1].score
    assert candidates[0].preselect and not candidates[1].preselect

    promote(store, met.id, merge_into=exact.id)
    again = merge_candidates(store, store.encounter(met.id))
    assert exact.id not in [c.contact.id for c in again]


def test_no_contacts_no_candidates(store: Store, events: tuple[int, int]) -> None:
    assert merge_candidates(store, store.capture("Ann Lee", events[1])) == []


def test_rapidfuzz_is_loaded_only_when_names_are_compared() -> None:
    # The live screen imports remet (and so this module) before it is first drawn; loading
    # rapidfuzz then (~20 ms) would only delay the first screen.
    code = (
        "import sys\n"
        "from hallway.store import matching, remet\n"
        "print('rapidfuzz' in sys.modules)\n"
        "matching.name_similarity('Maya Chen', 'Maja Chen')\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
