"""The real app in a real terminal and its files (issue 9): after quitting, stock TinyDB
reads everything from hallway.json alone; closing the terminal keeps what was typed and
the next start offers it back; opening while another Hallway holds the database says so on
the terminal at once instead of showing nothing."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from hallway.store import Store
from hallway.store.drafts import drafts_path, read_drafts
from hallway.store.engine.journal import scan
from tests.e2e.tmux import Tmux, hallway_argv
from tests.store.storage_helpers import start_worker


def toast(screen: str) -> str:
    """The notifications' text on one line, however the toast wrapped it (the panes' box
    and block characters drawn beside it left out)."""
    parts = [line.split("▌", 1)[1] for line in screen.splitlines() if "▌" in line]
    return " ".join(re.sub("[\u2500-\u259f]", " ", " ".join(parts)).split())


pytestmark = pytest.mark.e2e


def live_db(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "hallway.json"
    with Store.open(db) as store:
        store.create_event("Friday Meetup", live=True)
    return db


def stock_names(db: Path) -> set[str]:
    """Names in hallway.json as stock TinyDB reads them; the journal must hold no saves."""
    journal = Path(f"{db}.journal")
    assert not journal.exists() or scan(journal.read_bytes()).entries == []
    with TinyDB(db, access_mode="r") as tiny:
        return {doc["name"] for doc in tiny.table("encounters").all()}


def wait_until(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_after_quitting_the_app_stock_tinydb_reads_everything(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = live_db(tmp_path)
    terminal.start(hallway_argv("--db", str(db)), environment)
    terminal.wait_for("Friday Meetup")
    for name in ("Tmux Tina", "Tmux Theo"):
        terminal.send("n")
        terminal.type(f"{name} #terminal")
        terminal.send("Enter")
        terminal.wait_for(f"Saved {name}.")
    terminal.send("q")
    terminal.wait_exit()
    assert stock_names(db) == {"Tmux Tina", "Tmux Theo"}


def test_closing_the_terminal_keeps_the_typed_text_for_the_next_start(
    environment: dict[str, str], tmp_path: Path
) -> None:
    db = live_db(tmp_path)
    first = Tmux()
    try:
        first.start(hallway_argv("--db", str(db)), environment)
        first.wait_for("Friday Meetup")
        first.send("n")
        first.type("Saved Sara")
        first.send("Enter")
        first.wait_for("Saved Sara.")
        first.send("n")
        first.type("Closing Carl @Acme")
        first.wait_for("Closing Carl @Acme")
    finally:
        first.kill()  # the terminal goes away: SIGHUP
    wait_until(lambda: drafts_path(db).exists())
    # The app exited as after q: the database was folded and its lock let go.
    wait_until(lambda: stock_names_or_none(db) == {"Saved Sara"})
    assert [d.text for d in read_drafts(db)] == ["Closing Carl @Acme"]

    # 80x24: the size this ran at while tmux handed the app COLUMNS and LINES (its notice's
    # wording, wrapped at that width, keeps "back in the capture bar" on one line).
    second = Tmux(width=80, height=24)
    try:
        second.start(hallway_argv("--db", str(db)), environment)
        second.wait_for(lambda text: "back in the capture bar" in toast(text))
        second.wait_for("Closing Carl @Acme")
        second.send("n")
        second.send("Enter")
        second.wait_for("Saved Closing Carl.")
        second.send("q")
        second.wait_exit()
    finally:
        second.kill()
    assert stock_names(db) == {"Saved Sara", "Closing Carl"}
    assert not drafts_path(db).exists()


def stock_names_or_none(db: Path) -> set[str] | None:
    try:
        return stock_names(db)
    except AssertionError:
        return None  # the fold is not done yet


def test_opening_while_another_hallway_holds_the_database_says_so_at_once(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = live_db(tmp_path)
    holder = start_worker("hold", str(db))
    assert holder.stdin is not None and holder.stdout is not None
    pid = int(holder.stdout.readline().split()[1])
    try:
        terminal.start(hallway_argv("--db", str(db)), environment)
        terminal.wait_for(f"Waiting for another Hallway (process {pid})", timeout=10)
    finally:
        holder.stdin.write("go\n")
        holder.stdin.flush()
        holder.communicate(timeout=30)
    terminal.wait_for("Friday Meetup")  # then the app starts
    terminal.send("q")
    terminal.wait_exit()
