"""The README's "Scripting with TinyDB" recipe, run exactly as printed there, against a
database written by Hallway's own Store (issue 9, §1)."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from tinydb import TinyDB

from hallway.store.db import Store

README = Path(__file__).resolve().parents[2] / "README.md"


def recipe() -> str:
    """The first Python block of the README's scripting section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Scripting with TinyDB", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found, "the scripting section has no Python block"
    return found.group(1)


@pytest.fixture
def written_by_hallway(db_path: Path) -> Path:
    today = date.today()
    with Store.open(db_path) as store:
        meetup = store.create_event("Bakers Meetup", "Lyon")
        store.end_event(meetup.id)
        ben = store.capture("Ben Baker @Crumb #sourdough #rye", meetup.id)
        done = store.add_follow_up(ben.id, "share my starter", due=today)
        store.set_follow_up_done(done.id, 0)
        store.create_event("PyCon Berlin 2026", "Berlin", live=True)
        maya = store.capture("Maya Chen, data engineer @Acme #sourdough -- focaccia")
        store.add_follow_up(maya.id, "send focaccia recipe", due=today)
        zoe = store.capture("Zoë Ångström @Spotify #bouldering")
        store.add_follow_up(zoe.id, "climbing gym intro", due=today + timedelta(days=8))
    return db_path


def run_recipe(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(folder)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(recipe(), "README.md", "exec"), {})
    return out.getvalue().splitlines()


def test_the_readme_recipe_finds_sourdough_people_and_promises_due_this_week(
    written_by_hallway: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = run_recipe(written_by_hallway.parent, monkeypatch)
    assert lines == [
        "Ben Baker (Crumb) at Bakers Meetup",
        "Maya Chen (Acme) at PyCon Berlin 2026",
        f"{date.today().isoformat()}  Maya Chen: send focaccia recipe",
    ]


def test_the_recipe_only_reads(written_by_hallway: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.read_bytes() for p in written_by_hallway.parent.iterdir() if p.is_file()}
    run_recipe(written_by_hallway.parent, monkeypatch)
    after = {p.name: p.read_bytes() for p in written_by_hallway.parent.iterdir() if p.is_file()}
    assert after == before


def test_what_a_script_sees_while_the_app_is_open(db_path: Path) -> None:
    """As the README says: the open session's newest saves are in the journal (the
    write-ahead log) until the app closes."""
    with Store.open(db_path) as store:
        store.capture("Folded First")
    store = Store.open(db_path)
    try:
        store.capture("Newest Nia")
        with TinyDB(db_path, access_mode="r") as tiny:
            seen = {doc["name"] for doc in tiny.table("encounters").all()}
        assert seen == {"Folded First"}
    finally:
        store.close()
    with TinyDB(db_path, access_mode="r") as tiny:
        assert {doc["name"] for doc in tiny.table("encounters").all()} == {
            "Folded First",
            "Newest Nia",
        }
