"""End to end in a real terminal: after the event, debrief, promote (one merging with an existing
contact), keep one as an acquaintance, let one go, log a coffee, find people by topic."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from hallway.store import Store, clock
from hallway.store.debrief import promote
from tests.e2e.tmux import Tmux, hallway_argv

pytestmark = pytest.mark.e2e


def make_database(path: Path) -> None:
    """Last year's edition with Ann (a lasting contact now), and today's event with three people."""
    now = clock.now()
    with Store.open(path) as store:
        last_year = store.create_event(
            "RustConf 2025", "Portland", starts=now - timedelta(days=365)
        )
        ann_then = store.capture("Ann Lee, PM @Globex #chess -- runs a chess club", last_year.id)
        promote(store, ann_then.id, cadence_days=60)
        store.end_event(last_year.id)
        today = store.create_event("RustConf 2026", "Montréal", live=True)
        for line in (
            "Ann Lee @Globex #chess #go -- now plays go too",
            "Bo Diaz #surfing",
            "Cy Moss #knitting",
        ):
            store.capture(line, today.id)


def test_debrief_promote_merge_decide_and_log_a_coffee(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "hallway.json"
    make_database(db)
    terminal.start(hallway_argv("--db", str(db)), environment)
    terminal.wait_for("Cy Moss")

    terminal.send("d")
    terminal.wait_for("Debrief")
    terminal.wait_for("Ann Lee")  # oldest first
    terminal.send("p")
    screen = terminal.wait_for("Promote to a lasting contact")
    assert "merge into Ann Lee" in screen and "RustConf 2025" in screen
    terminal.send("Enter")
    # Each card names who is up next: wait for the card itself, not that line.
    terminal.wait_for(lambda text: "up next: Cy Moss" in text and "Promote to" not in text)
    terminal.send("a")
    terminal.wait_for(lambda text: "Cy Moss" in text and "up next: Cy Moss" not in text)
    terminal.send("x")
    terminal.wait_for(lambda text: "Cy Moss" not in text or "let go" in text.lower())

    terminal.send("c")
    screen = terminal.wait_for("Keep in touch")
    assert "Ann Lee" in screen
    terminal.send("i")
    terminal.wait_for("Log an interaction")
    terminal.send("Tab")  # coffee is the first choice; on to the note
    terminal.type("oat flat whites and a go problem")
    terminal.send("Enter")
    terminal.wait_for(lambda text: "Log an interaction" not in text and "oat flat whites" in text)

    terminal.send("/")
    terminal.type("#go")
    screen = terminal.wait_for("who else is into #go")
    assert "Ann Lee" in screen
    terminal.send("Escape")
    terminal.send("C-q")
    terminal.wait_exit()

    with Store.open(db) as store:
        (ann,) = [c for c in store.contacts() if c.name == "Ann Lee"]
        assert len(ann.encounter_ids) == 2  # both meetings, one contact
        assert set(ann.topics) >= {"chess", "go"}
        assert [(i.kind, i.note) for i in ann.interactions] == [
            ("coffee", "oat flat whites and a go problem")
        ]
        live = store.live_event()
        assert live is not None
        status = {e.name: e.status for e in store.encounters(live.id)}
        assert status == {"Ann Lee": "promoted", "Bo Diaz": "acquaintance", "Cy Moss": "let-go"}
        assert len(store.contacts()) == 1
