"""Closing the terminal (SIGHUP) or a SIGTERM keeps text typed and not saved: it is written
owner-only beside the database, and the next start puts it back and says so (issue 9,
§3.12). The real signal in a real terminal is in tests/e2e/test_storage_in_tmux.py."""

from __future__ import annotations

import errno
import os
import pty
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest

from hallway.store.db import Store
from hallway.store.drafts import Draft, drafts_path, read_drafts, save_drafts
from hallway.tui.app import HallwayApp
from hallway.tui.drafts import DraftKeeper
from hallway.widgets.capture import CaptureBar
from tests.tui.tui_helpers import run_hallway, wait_for


def notified(app: object, words: str) -> list[str]:
    return [n.message for n in app._notifications if words in n.message]  # type: ignore[attr-defined]


async def test_text_typed_when_the_terminal_closes_comes_back_at_the_next_start(
    live_store: Store, db_path: Path
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("t", *"a note in progress", "escape")  # t: a note about Tess
        await pilot.press("n", *"Half Typed Hana @Acme")
        await pilot.pause()
        app.drafts.closed_from_outside(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    kept = drafts_path(db_path)
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    # Escape kept the note as Tess's draft, and the bar held a new person's line.
    assert {(d.mode, d.text) for d in read_drafts(db_path)} == {
        ("person", "Half Typed Hana @Acme"),
        ("note", "a note in progress"),
    }

    async with run_hallway(live_store) as (app, pilot):
        bar = app.screen.query_one(CaptureBar)
        await wait_for(pilot, lambda: bar.value == "Half Typed Hana @Acme")
        await wait_for(pilot, lambda: bool(notified(app, "back in the capture bar")))
        assert not kept.exists()  # back on screen: the file has done its job
        await pilot.press("n", *" #sourdough", "enter")  # n: back into the bar, text kept
        await wait_for(pilot, lambda: bar.value == "")
    (hana,) = [e for e in live_store.encounters() if e.name == "Half Typed Hana"]
    assert hana.org == "Acme" and hana.topics == ["sourdough"]


async def test_a_note_draft_waits_for_its_person(live_store: Store, db_path: Path) -> None:
    tess = next(e for e in live_store.encounters() if e.name == "Tess Ng")
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("t", *"promised the setlist")
        await pilot.pause()
        app.drafts.closed_from_outside(signal.SIGTERM)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    assert read_drafts(db_path) == [Draft("note", "promised the setlist", tess.id, "Tess Ng")]

    async with run_hallway(live_store) as (app, pilot):
        bar = app.screen.query_one(CaptureBar)
        await wait_for(pilot, lambda: bool(notified(app, "A note about Tess Ng")))
        assert bar.value == ""  # a note is not a person line
        await pilot.press("t")  # Tess is selected first (the newest)
        await wait_for(pilot, lambda: bar.value == "promised the setlist")
        assert bar.mode == "note"


async def test_a_note_for_a_circle_waits_for_its_circle(live_store: Store, db_path: Path) -> None:
    live = live_store.live_event()
    assert live is not None
    ana, ben = live_store.capture_people("Ana Lima + Ben Ortiz #surfing", live.id)
    async with run_hallway(live_store) as (app, pilot):
        app.screen.select(ana.id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("w", *"all surf at Nazaré")
        await pilot.pause()
        app.drafts.closed_from_outside(signal.SIGHUP)
        await pilot.pause()
    assert read_drafts(db_path) == [Draft("circle", "all surf at Nazaré", ana.id, "Ana and Ben")]

    async with run_hallway(live_store) as (app, pilot):
        bar = app.screen.query_one(CaptureBar)
        await wait_for(pilot, lambda: bool(notified(app, "A note for Ana and Ben (press w")))
        app.screen.select(ana.id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("t")  # a note for Ana alone is another text
        await pilot.pause()
        assert bar.value == ""
        await pilot.press("escape", "w")
        await wait_for(pilot, lambda: bar.value == "all surf at Nazaré")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bar.value == "")
    for person in (ana, ben):
        assert live_store.encounter(person.id).notes[-1].text == "all surf at Nazaré"


async def test_text_in_a_dialog_is_kept_and_quoted(live_store: Store, db_path: Path) -> None:
    save_drafts(db_path, [Draft("other", "Meetup at the Lighthouse")])
    async with run_hallway(live_store) as (app, pilot):
        await wait_for(pilot, lambda: bool(notified(app, "Meetup at the Lighthouse")))
    assert not drafts_path(db_path).exists()


async def test_nothing_typed_keeps_no_file(live_store: Store, db_path: Path) -> None:
    async with run_hallway(live_store) as (app, pilot):
        app.drafts.closed_from_outside(signal.SIGHUP)
        await pilot.pause()
    assert not drafts_path(db_path).exists()


async def test_the_signals_are_listened_to_while_the_app_runs(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, _pilot):
        assert app.drafts._listening == [signal.SIGHUP, signal.SIGTERM]
    assert app.drafts._listening == []


HUNG_UP_WRITER = """
import sys
from pathlib import Path
from hallway.tui.drafts import let_go_of_the_terminal
sys.stdin.readline()  # the terminal has hung up by now
if sys.argv[1] == "let-go":
    let_go_of_the_terminal()
outcome = "written"
try:
    for stream in (sys.stdout, sys.stderr):
        stream.write("a frame nobody will see\\n" * 100)
        stream.flush()
except OSError as error:
    outcome = f"errno {error.errno}"
Path(sys.argv[2]).write_text(outcome)
"""


@pytest.mark.parametrize("let_go", [False, True])
def test_after_a_hang_up_writes_go_nowhere_instead_of_failing(let_go: bool, tmp_path: Path) -> None:
    # Textual's output thread ends at the first failed write (EIO from a hung-up terminal),
    # and the app's last writes then wait forever for it: the app never exits.
    outcome = tmp_path / "outcome"
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", HUNG_UP_WRITER, "let-go" if let_go else "keep", str(outcome)],
        stdin=subprocess.PIPE,
        stdout=slave,
        stderr=slave,
        start_new_session=True,  # no controlling terminal: the hang-up sends no signal
    )
    os.close(slave)
    os.close(master)  # the terminal goes away
    child.communicate(b"go\n", timeout=30)
    assert outcome.read_text() == ("written" if let_go else f"errno {errno.EIO}")


def test_a_continue_without_a_suspend_never_restarts_the_terminal() -> None:
    # Closing the terminal sends SIGCONT with the hang-up; Textual's SIGCONT handler would
    # start application mode again (a new output thread that dies on the gone terminal).
    calls: list[str] = []
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    signal.signal(signal.SIGTSTP, lambda *_: calls.append("suspend"))
    signal.signal(signal.SIGCONT, lambda *_: calls.append("resume"))
    try:
        DraftKeeper(cast(HallwayApp, None))._guard_continue()
        signal.raise_signal(signal.SIGCONT)  # the hang-up's
        assert calls == []
        signal.raise_signal(signal.SIGTSTP)  # ctrl+z, then fg: as before
        signal.raise_signal(signal.SIGCONT)
        signal.raise_signal(signal.SIGCONT)  # once only
        assert calls == ["suspend", "resume"]
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
