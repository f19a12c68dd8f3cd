"""A JSON import checks every value's type, range and length before anything is written.

Each refused case names the first bad field by its path in the file and says why; the
database it was refused into stays exactly as it was, and still exports and reopens.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.records import MAX_ID, MAX_NOTE
from tests.interop.interop_fixtures import fill

Document = dict[str, Any]
TOO_BIG = 18446744073709551615  # 2**64 - 1: orjson reads it, the storage engine can't write it


def _without_time(data: bytes) -> Document:
    document = json.loads(data)
    del document["exported_at"]
    return document


@pytest.fixture
def document(store: Store) -> Document:
    """The fixed database's export as a mutable document (2 events, 4 encounters, 3 contacts)."""
    fill(store)
    return json.loads(export_json(store))


@pytest.fixture
def victim(tmp_path: Path) -> Iterator[Store]:
    """A database with content that a refused import must leave exactly as it was."""
    with Store.open(tmp_path / "victim" / "hallway.json") as opened:
        opened.capture("Keep Me @Here #safe -- do not lose this")
        yield opened


def _refused(victim: Store, document: Document) -> str:
    """Import ``document`` into ``victim`` with replace=True; it must be refused and nothing
    written (the database exports and reopens as before). The refusal's message."""
    before = export_json(victim)
    backups = sorted(victim.backups_folder.glob("*"))
    with pytest.raises(HallwayError) as refused:
        import_json(victim, orjson.dumps(document), replace=True)
    message = str(refused.value)
    assert message.startswith("This Hallway export can't be imported: "), message
    assert message.endswith("Nothing was changed.")
    assert _without_time(export_json(victim)) == _without_time(before)
    assert sorted(victim.backups_folder.glob("*")) == backups, "a refused import kept a backup"
    with Store.open(victim.path) as reopened:
        assert _without_time(export_json(reopened)) == _without_time(before)
        assert reopened.notices == []
    return message


def _set(path: str, value: Any) -> Callable[[Document], None]:
    """A change to one field of the document, by its path ("contacts[0].notes[0].text")."""

    def change(document: Document) -> None:
        holder: Any = document
        parts = path.replace("[", ".").replace("]", "").split(".")
        for part in parts[:-1]:
            holder = holder[int(part)] if part.isdigit() else holder[part]
        last = parts[-1]
        if last.isdigit():
            holder[int(last)] = value
        else:
            holder[last] = value

    return change


# -- ids (adversarial finding 2) -----------------------------------------------------------


def test_an_id_beyond_64_bits_is_refused_before_anything_is_written(
    document: Document, victim: Store
) -> None:
    document["contacts"][2]["id"] = TOO_BIG
    message = _refused(victim, document)
    assert f"contacts[2].id is {TOO_BIG}, but ids run from 1 to {MAX_ID:,}" in message
    # The database still saves and checkpoints (a save after the refusal, then a reopen).
    victim.capture("After The Refusal")
    with Store.open(victim.path) as reopened:
        assert {e.name for e in reopened.encounters()} == {"Keep Me", "After The Refusal"}


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        ("events[1].id", 0, "is 0, but ids run from 1 to 9,007,199,254,740,991"),
        ("events[1].id", -1, "is -1, but ids run from 1 to"),
        ("events[1].id", 2**53, f"is {2**53}, but ids run from 1 to"),
        ("events[1].id", 2.0, "should be a whole number (an id), but it is the number 2.0"),
        ("events[1].id", True, "should be a whole number (an id), but it is true"),
        ("events[1].id", "2", 'should be a whole number (an id), but it is the text "2"'),
        ("encounters[1].event_id", 1.7, "(encounter “Maya Chen”) should be a whole number (an id)"),
        ("encounters[1].event_id", TOO_BIG, f"(encounter “Maya Chen”) is {TOO_BIG}, but ids run"),
        (
            "encounters[1].contact_id",
            "1",
            "(encounter “Maya Chen”) should be a whole number (an id), but",
        ),
        (
            "contacts[0].encounter_ids[1]",
            TOO_BIG,
            f"(contact “Maya Chen”) is {TOO_BIG}, but ids run",
        ),
        (
            "contacts[0].encounter_ids",
            "1,2",
            "(contact “Maya Chen”) should be a list, but it is the text",
        ),
    ],
)
def test_ids_must_be_whole_numbers_in_range(
    document: Document, victim: Store, path: str, value: Any, why: str
) -> None:
    _set(path, value)(document)
    assert f"{path} {why}" in _refused(victim, document)


def test_a_missing_id_is_named(document: Document, victim: Store) -> None:
    del document["encounters"][2]["id"]
    assert "encounters[2].id is missing" in _refused(victim, document)


# -- no silent coercion (adversarial finding 8) ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        (
            "encounters[3].topics",
            "sourdough",
            '(encounter “Zoë Ångström”) should be a list, but it is the text "sourdough"',
        ),
        (
            "encounters[1].topics[0]",
            7,
            "(encounter “Maya Chen”) should be a text, but it is the number 7",
        ),
        (
            "encounters[1].role",
            {"title": "CTO"},
            "(encounter “Maya Chen”) should be a text, but it is a group of fields",
        ),
        ("contacts[0].org", ["Acme"], "(contact “Maya Chen”) should be a text, but it is a list"),
        (
            "encounters[1].meaningful",
            "no",
            "(encounter “Maya Chen”) should be true or false, but it is",
        ),
        (
            "encounters[1].meaningful",
            0,
            "(encounter “Maya Chen”) should be true or false, but it is the",
        ),
        (
            "encounters[1].follow_ups[0].done",
            "yes",
            "(encounter “Maya Chen”) should be true or false",
        ),
        (
            "events[0].live",
            1,
            "(event “PyCon Berlin”) should be true or false, but it is the number 1",
        ),
        ("contacts[0].edited", "true", "(contact “Maya Chen”) should be true or false"),
        (
            "contacts[0].cadence_days",
            0,
            "(contact “Maya Chen”) is 0, but a rhythm is from 1 to 3650 days",
        ),
        (
            "contacts[0].cadence_days",
            -30,
            "(contact “Maya Chen”) is -30, but a rhythm is from 1 to 3650",
        ),
        (
            "contacts[0].cadence_days",
            10**12,
            "(contact “Maya Chen”) is 1000000000000, but a rhythm is",
        ),
        ("contacts[0].cadence_days", 1.5, "(contact “Maya Chen”) should be a whole number of days"),
        (
            "contacts[0].cadence_days",
            "60",
            "(contact “Maya Chen”) should be a whole number of days",
        ),
        ("encounters[1].status", None, "(encounter “Maya Chen”) should be one of new, promoted,"),
        (
            "encounters[1].notes",
            {"text": "x"},
            "(encounter “Maya Chen”) should be a list, but it is a",
        ),
        (
            "encounters[1].notes[0]",
            "a note",
            "(encounter “Maya Chen”) should be a group of fields, but",
        ),
        (
            "encounters[1].notes[0].text",
            None,
            "(encounter “Maya Chen”) should be a text, but it is null",
        ),
        (
            "contacts[0].give_take[0].direction",
            "took",
            "(contact “Maya Chen”) should be one of gave,",
        ),
        (
            "contacts[0].channels",
            "maya@acme.example",
            "(contact “Maya Chen”) should be a group of fields",
        ),
        (
            "contacts[0].channels.email",
            5,
            "(contact “Maya Chen”) should be a text, but it is the number 5",
        ),
        ("events[0].name", "   ", "is empty"),
        ("encounters[0].name", 42, "should be a text, but it is the number 42"),
        ("database_id", 12, "should be a text, but it is the number 12"),
        ("events", {"1": {}}, None),
    ],
)
def test_wrong_types_are_refused_with_the_fields_path(
    document: Document, victim: Store, path: str, value: Any, why: str | None
) -> None:
    _set(path, value)(document)
    message = _refused(victim, document)
    if why is None:
        assert f'its "{path}" list is missing' in message
    else:
        assert f"{path} {why}" in message


def test_the_first_bad_field_is_the_one_named(document: Document, victim: Store) -> None:
    document["encounters"][1]["topics"] = "sourdough"
    document["contacts"][2]["cadence_days"] = 0
    message = _refused(victim, document)
    assert "encounters[1].topics" in message and "cadence_days" not in message


def test_a_missing_required_field_is_named(document: Document, victim: Store) -> None:
    del document["contacts"][2]["notes"][0]["at"]
    assert "contacts[2].notes[0].at (contact “王 小明”) is missing" in _refused(victim, document)


def test_null_where_the_export_writes_null_is_fine(document: Document, tmp_path: Path) -> None:
    """Optional fields may be null or absent, as Hallway itself writes them."""
    document["contacts"][0]["channels"] = None
    document["encounters"][0]["contact_id"] = None
    del document["encounters"][0]["topics"]
    del document["contacts"][0]["encounter_ids"]
    with Store.open(tmp_path / "fine.json") as fresh:
        import_json(fresh, orjson.dumps(document))
        assert fresh.contact(document["contacts"][0]["id"]).channels.email == ""
        assert fresh.encounter(document["encounters"][0]["id"]).topics == []


# -- lengths -------------------------------------------------------------------------------


def test_a_note_longer_than_hallway_keeps_is_refused(document: Document, victim: Store) -> None:
    document["encounters"][1]["notes"][0]["text"] = "x" * (MAX_NOTE + 1)
    assert (
        f"encounters[1].notes[0].text (encounter “Maya Chen”) is {MAX_NOTE + 1:,} characters long; "
        f"Hallway keeps at most {MAX_NOTE:,} there"
    ) in _refused(victim, document)


def test_a_note_of_the_largest_size_is_kept_whole(document: Document, tmp_path: Path) -> None:
    document["encounters"][1]["notes"][0]["text"] = "y" * MAX_NOTE
    with Store.open(tmp_path / "fine.json") as fresh:
        import_json(fresh, orjson.dumps(document))
        assert fresh.encounter(document["encounters"][1]["id"]).notes[0].text == "y" * MAX_NOTE


@pytest.mark.parametrize("path", ["events[0].name", "contacts[2].role", "encounters[0].topics[0]"])
def test_a_one_line_field_has_a_sane_length(document: Document, victim: Store, path: str) -> None:
    _set(path, "z" * 5_000)(document)
    assert f"{path} (" in _refused(victim, document)


# -- dates (adversarial finding 5) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        (
            "contacts[0].last_touch",
            "9999-12-31T00:00:00+00:00",
            "(contact “Maya Chen”) is 9999-12-31,",
        ),
        (
            "encounters[1].follow_ups[0].due",
            "9999-12-31",
            "(encounter “Maya Chen”) is 9999-12-31, outside",
        ),
        (
            "encounters[0].met_at",
            "0001-01-01T00:00:00+00:00",
            "(encounter “Maya Chen”) is 0001-01-01,",
        ),
        (
            "events[0].starts",
            "2201-01-01T09:00:00",
            "(event “PyCon Berlin”) is 2201-01-01, outside",
        ),
        (
            "contacts[0].snoozed_until",
            "2025-02-30",
            "(contact “Maya Chen”) should be a date like 2025",
        ),
        (
            "contacts[0].next_due",
            20250514,
            "(contact “Maya Chen”) should be a date like 2025-05-14, but",
        ),
        (
            "encounters[1].notes[0].at",
            "",
            "(encounter “Maya Chen”) should be a time like 2025-05-12",
        ),
        ("exported_at", "soon", "should be a time like 2025-05-12T10:20:00+02:00, but it is"),
    ],
)
def test_dates_must_parse_and_lie_within_the_years_hallway_keeps(
    document: Document, victim: Store, path: str, value: Any, why: str
) -> None:
    _set(path, value)(document)
    message = _refused(victim, document)
    assert f"{path} {why}" in message
    if "outside" in why:
        assert "1 January 1900 to 31 December 2200" in message


@pytest.fixture
def los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Los Angeles time (west of UTC) for this test."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_naive_far_future_time_west_of_utc_is_refused_not_a_crash(
    document: Document, victim: Store, los_angeles: None
) -> None:
    document["encounters"][1]["met_at"] = "9999-12-31T23:59:59"
    assert "encounters[1].met_at (encounter “Maya Chen”) is 9999-12-31, outside" in _refused(
        victim, document
    )


def test_the_edges_of_the_years_hallway_keeps_are_accepted(
    document: Document, tmp_path: Path, los_angeles: None
) -> None:
    document["contacts"][0]["last_touch"] = "2200-12-31T23:59:59"
    document["encounters"][1]["follow_ups"][0]["due"] = "2200-12-31"
    document["encounters"][0]["met_at"] = "1900-01-01T00:00:00+14:00"
    with Store.open(tmp_path / "edges.json") as fresh:
        import_json(fresh, orjson.dumps(document))
        touched = fresh.contact(document["contacts"][0]["id"]).last_touch
        assert touched is not None
        assert touched.year == 2200
        # The imported database exports again (nothing in it overflows).
        assert b"2200-12-31" in export_json(fresh)
