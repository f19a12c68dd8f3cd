"""The German helper's address form, du or Sie, remembered per event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.errors import NotFound
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.records import ADDRESS_FORMS, Event, address_form
from tests.clock import Clock


def test_an_event_has_no_form_until_one_is_chosen(store: Store) -> None:
    event = store.create_event("Python-Meetup Berlin")
    assert event.address_form is None
    # Its document is as before the field existed, so older readers see nothing new.
    assert "address_form" not in event.to_doc()


@pytest.mark.parametrize("form", ADDRESS_FORMS)
def test_the_choice_is_saved_and_survives_reopening(
    db_path: Path, fixed_clock: Clock, form: str
) -> None:
    with Store.open(db_path) as store:
        meetup = store.create_event("Python-Meetup Berlin")
        other = store.create_event("Barcamp Zürich")
        chosen = store.set_address_form(meetup.id, form)
        assert chosen.address_form == form and chosen.name == "Python-Meetup Berlin"
    with Store.open(db_path) as store:
        assert store.event(meetup.id).address_form == form
        assert store.event(other.id).address_form is None  # per event, not for all
    # At rest the database file holds it too (closing folds the journal in).
    stored = json.loads(db_path.read_text(encoding="utf-8"))
    assert stored["events"][str(meetup.id)]["address_form"] == form


def test_the_choice_can_change_and_be_forgotten(store: Store) -> None:
    event = store.create_event("Wien Tech Summit")
    store.set_address_form(event.id, "sie")
    assert store.set_address_form(event.id, "du").address_form == "du"
    forgotten = store.set_address_form(event.id, None)
    assert forgotten.address_form is None and "address_form" not in forgotten.to_doc()


@pytest.mark.parametrize("form", ["Sie", "ihr", "", "formal"])
def test_only_du_or_sie_is_accepted_and_nothing_changes_otherwise(store: Store, form: str) -> None:
    event = store.create_event("Barcamp Zürich")
    store.set_address_form(event.id, "du")
    with pytest.raises(ValueError, match='"du" or "sie"'):
        store.set_address_form(event.id, form)
    assert store.event(event.id).address_form == "du"


def test_an_unknown_event_is_named(store: Store) -> None:
    with pytest.raises(NotFound):
        store.set_address_form(404, "du")


def test_a_stored_value_is_read_tolerantly() -> None:
    # A hand edit may write "Sie"; anything that is not a form means "ask again".
    assert Event.from_doc({"name": "x", "address_form": "Sie"}, 1).address_form == "sie"
    assert Event.from_doc({"name": "x", "address_form": " du "}, 1).address_form == "du"
    for odd in ("ihr", 3, None, ["du"]):
        assert Event.from_doc({"name": "x", "address_form": odd}, 1).address_form is None
    assert address_form("SIE") == "sie"


def test_the_json_export_carries_it_and_import_restores_it(
    tmp_path: Path, fixed_clock: Clock
) -> None:
    with Store.open(tmp_path / "a" / "hallway.json") as store:
        chosen = store.create_event("Python-Meetup Berlin")
        store.create_event("Barcamp Zürich")
        store.set_address_form(chosen.id, "du")
        data = export_json(store)
    events = {e["name"]: e for e in json.loads(data)["events"]}
    assert events["Python-Meetup Berlin"]["address_form"] == "du"
    assert "address_form" not in events["Barcamp Zürich"]
    with Store.open(tmp_path / "b" / "hallway.json") as other:
        import_json(other, data)
        forms = {e.name: e.address_form for e in other.events()}
    assert forms == {"Python-Meetup Berlin": "du", "Barcamp Zürich": None}
