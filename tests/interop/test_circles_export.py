"""Conversation circles and conversation ends in the exports (issue 10, points 2 and 18): the
JSON export carries ``circle`` and ``active_at`` (optional, schema 1) and imports them back;
the Markdown debrief says who else was there and how long you talked."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.interop.markdown import export_markdown
from tests.clock import Clock


def _circle_db(store: Store, clock: Clock) -> dict[str, int]:
    event = store.create_event("Surf Meetup", "Porto", live=True)
    maya = store.capture("Maya Chen #sourdough", event.id)
    clock.advance(minutes=9)
    ana, ben = store.capture_people(
        "Ana Lima + Ben Ortiz, designer @Fable #surfing -- talked about Porto", event.id
    )
    clock.advance(minutes=5)
    store.add_note(ben.id, "Ben shapes his own boards")
    clock.advance(minutes=1)
    return {"maya": maya.id, "ana": ana.id, "ben": ben.id}


def test_the_json_export_carries_the_circle_and_imports_it_back(
    store: Store, fixed_clock: Clock, tmp_path: Path
) -> None:
    ids = _circle_db(store, fixed_clock)
    exported = export_json(store)
    document = json.loads(exported)
    assert document["schema"] == 2
    by_id = {e["id"]: e for e in document["encounters"]}
    assert by_id[ids["ana"]]["circle"] == [ids["ben"]]
    assert by_id[ids["ben"]]["circle"] == [ids["ana"]]
    assert "circle" not in by_id[ids["maya"]]  # only where there is one
    assert by_id[ids["ben"]]["active_at"] == by_id[ids["ana"]]["active_at"]
    with Store.open(tmp_path / "copy.json") as copy:
        import_json(copy, exported)
        again = json.loads(export_json(copy))
        del again["exported_at"], document["exported_at"]
        assert again == document
        assert copy.encounter(ids["ana"]).circle == [ids["ben"]]
        # The conversation ends work out the same from the imported records.
        now = fixed_clock.at
        ends = {e.id: e.next_met for e in store.encounters()}
        assert {e.id: e.next_met for e in copy.encounters()} == ends
        assert ends[ids["maya"]] == now - timedelta(minutes=6)


@pytest.mark.parametrize(
    ("circle", "why"),
    [
        ([99], "lists encounter 99, which is not in the file in its circle"),
        ("self", "lists itself in its circle"),
        (["2"], "should be a whole number (an id)"),
        (7, "should be a list"),
    ],
)
def test_a_circle_that_does_not_add_up_is_refused(
    store: Store, fixed_clock: Clock, tmp_path: Path, circle: Any, why: str
) -> None:
    ids = _circle_db(store, fixed_clock)
    document = json.loads(export_json(store))
    index = next(i for i, e in enumerate(document["encounters"]) if e["id"] == ids["ana"])
    document["encounters"][index]["circle"] = [ids["ana"]] if circle == "self" else circle
    with Store.open(tmp_path / "victim.json") as victim:
        with pytest.raises(HallwayError) as refused:
            import_json(victim, orjson.dumps(document))
        assert f"encounters[{index}].circle" in str(refused.value)
        assert why in str(refused.value)
        assert victim.encounters() == []


def test_an_export_from_before_circles_still_imports(
    store: Store, fixed_clock: Clock, tmp_path: Path
) -> None:
    _circle_db(store, fixed_clock)
    document = json.loads(export_json(store))
    for encounter in document["encounters"]:
        encounter.pop("circle", None)
        encounter.pop("active_at", None)
    with Store.open(tmp_path / "old.json") as copy:
        import_json(copy, orjson.dumps(document))
        assert all(e.circle == [] for e in copy.encounters())


def test_the_markdown_debrief_names_the_circle_and_the_time_talked(
    store: Store, fixed_clock: Clock
) -> None:
    ids = _circle_db(store, fixed_clock)
    text = export_markdown(store, store.encounter(ids["ana"]).event_id)
    maya, ana, ben = text.split("### ")[1:4]
    assert re.search(r"^- Met .* at \d\d:\d\d · talked 9 min$", maya, re.MULTILINE)
    assert "circle" not in maya
    assert "- In a circle with Ben Ortiz\n" in ana and "talking now" in ana
    assert "- designer @ Fable\n" in ben and "- In a circle with Ana Lima\n" in ben
