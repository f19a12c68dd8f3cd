"""Two processes at once: concurrent writers lose nothing; an open app sees others' saves."""

from __future__ import annotations

from pathlib import Path

from hallway.store.db import Store
from hallway.store.engine import check_database
from tests.store.storage_helpers import run_worker, start_worker

PER_WRITER = 100


def test_two_writers_at_once_lose_nothing(db_path: Path) -> None:
    # A small journal limit makes the writers checkpoint under each other's feet too.
    env = {"HALLWAY_JOURNAL_LIMIT": "4000"}
    with Store.open(db_path) as store:
        store.create_event("Shared", live=True)
    writers = [
        start_worker("capture", str(db_path), prefix, str(PER_WRITER), "--wait-go", env=env)
        for prefix in ("left", "right")
    ]
    for writer in writers:  # both are open before either saves
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    acked: dict[str, int] = {}
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        for line in out.splitlines():
            _kind, record_id, name = line.split(" ", 2)
            acked[name] = int(record_id)
    assert len(acked) == 2 * PER_WRITER
    assert len(set(acked.values())) == 2 * PER_WRITER  # ids unique across processes
    with Store.open(db_path) as store:
        assert store.notices == []
        stored = {e.name: e.id for e in store.encounters()}
    assert stored == acked
    report = check_database(db_path)
    assert report.ok, report.problems


def test_an_open_app_sees_another_process_save(db_path: Path) -> None:
    with Store.open(db_path) as app:
        app.capture("Already Here")
        assert not app.storage.changed_on_disk()
        assert app.refresh() is False
        run_worker("capture", str(db_path), "from-shell", "1")
        assert app.storage.changed_on_disk()
        assert app.refresh() is True
        assert {e.name for e in app.encounters()} == {"Already Here", "from-shell-0"}
        # and the app's next save gets a fresh id, not one the other process used
        before = {e.id for e in app.encounters()}
        mine = app.capture("After Refresh")
        assert len({e.id for e in app.encounters()}) == 3 and mine.id > max(before)


def test_an_open_app_catches_up_after_the_other_checkpointed(db_path: Path) -> None:
    with Store.open(db_path) as app:
        app.capture("Here First")
        run_worker("capture", str(db_path), "many", "30", env={"HALLWAY_JOURNAL_LIMIT": "1500"})
        assert app.storage.changed_on_disk()
        app.capture("Saved Without Refresh")  # the save itself catches up before writing
        names = {e.name for e in app.encounters()}
    assert len(names) == 32 and {"Here First", "Saved Without Refresh"} <= names
