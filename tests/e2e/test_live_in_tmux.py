"""End to end in a real terminal: the real `hallway` command in tmux, real keys, real files.

These are the flows a person goes through at an event: start an event, capture people with
topics and notes, use the helper, end a conversation, quit, reopen — and a second terminal
capturing into the same database while the app is open.
"""

from __future__ import annotations

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from hallway.store import Store
from tests.e2e.tmux import Tmux, hallway_argv

pytestmark = pytest.mark.e2e

MAYA = "Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe"


def test_start_event_capture_people_quit_and_reopen(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "data" / "hallway.json"
    terminal.start(hallway_argv("--db", str(db)), environment)

    # No live event yet: Hallway opens on Events. Start one.
    terminal.wait_for("Events")
    terminal.send("n")
    terminal.wait_for("PyCon Berlin 2026")  # the name field's placeholder
    terminal.type("Friday Meetup")
    terminal.send("Tab")
    terminal.type("Kraków")
    terminal.send("Enter")
    terminal.wait_for("Friday Meetup")
    terminal.wait_for("press n")

    people = [
        MAYA,
        "Zoë Ångström, illustrator #birding #baby-sitters-club",
        "李雷 @Tencent #go -- plays on Sundays",
        "محمد #football",
        "Tess Ng, SRE @Fastly #jazz",
    ]
    for line in people:
        terminal.send("n")
        terminal.type(line)
        terminal.send("Enter")
        name = line.split(",")[0].split(" #")[0].split(" @")[0].split(" -- ")[0]
        terminal.wait_for(f"Saved {name}.")

    # Tess, the newest, is selected: add a note with a tag, a promise, mark her meaningful.
    terminal.send("t")
    terminal.type("loves late-night #vinyl shops")
    terminal.send("Enter")
    terminal.wait_for("Note saved for Tess Ng.")
    terminal.send("f")
    terminal.type("send the Blue Note playlist tomorrow")
    terminal.send("Enter")
    terminal.wait_for("Promise to Tess Ng saved.")
    terminal.send("m")
    terminal.send("s")
    terminal.wait_for("Keep it going")
    terminal.send("l")
    terminal.wait_for("Leave gracefully")
    terminal.send("e")
    terminal.wait_for("ended after")

    # A refused line keeps the text and says why.
    terminal.send("n")
    terminal.type(", no name here")
    terminal.send("Enter")
    screen = terminal.wait_for("Start with the person's name")
    assert ", no name here" in screen
    terminal.send("Escape")
    # Escape keeps the line for later; ctrl+u in the bar throws it away.
    # A terminal reads Escape followed at once by a letter as Alt+letter: wait, as a person does.
    terminal.wait_for("Kept this line for later")
    terminal.send("n")
    terminal.send("C-u")
    terminal.wait_for(lambda text: ", no name here" not in text)
    terminal.send("Escape")
    terminal.wait_for(lambda text: "n: new person" in text)
    terminal.send("q")
    terminal.wait_exit()

    with Store.open(db) as store:
        live = store.live_event()
        assert live is not None and (live.name, live.place) == ("Friday Meetup", "Kraków")
        by_name = {e.name: e for e in store.encounters(live.id)}
        assert set(by_name) == {"Maya Chen", "Zoë Ångström", "李雷", "محمد", "Tess Ng"}
        tess = by_name["Tess Ng"]
        assert tess.topics == ["jazz", "vinyl"]
        assert [n.text for n in tess.notes] == ["loves late-night #vinyl shops"]
        # "tomorrow" became the due date and left the text (issue 10, point 9).
        assert [f.text for f in tess.follow_ups] == ["send the Blue Note playlist"]
        assert tess.follow_ups[0].due == tess.met_at.date() + timedelta(days=1)
        assert tess.meaningful and tess.ended_at is not None
        assert by_name["Maya Chen"].notes[0].text == "promised my focaccia recipe"
        assert by_name["李雷"].org == "Tencent"

    # Reopen: straight onto the live event, everyone still there.
    terminal.kill()
    again = Tmux(width=80, height=24)
    try:
        again.start(hallway_argv("--db", str(db)), environment)
        screen = again.wait_for("Tess Ng")
        assert "Friday Meetup" in screen and "Maya Chen" in screen
        again.send("q")
        again.wait_exit()
    finally:
        again.kill()
    assert db.stat().st_mode & 0o777 == 0o600


def test_capture_from_a_second_terminal_appears_in_the_open_app(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "hallway.json"
    first = subprocess.run(
        [*hallway_argv("capture", "--db", str(db), "--event", "Reception"), "Ann Example"],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )
    assert first.returncode == 0, first.stderr
    terminal.start(hallway_argv("--db", str(db)), environment)
    terminal.wait_for("Ann Example")

    second = subprocess.run(
        [*hallway_argv("capture", "--db", str(db)), "Bo Second-Terminal #chess"],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )
    assert second.returncode == 0, second.stderr
    terminal.wait_for("Bo Second-Terminal", timeout=5)

    # And the app's own save right after lands next to it, nothing lost.
    terminal.send("n")
    terminal.type("Cy Third")
    terminal.send("Enter")
    terminal.wait_for("Cy Third")
    terminal.send("q")
    terminal.wait_exit()
    with Store.open(db) as store:
        names = {e.name for e in store.encounters()}
    assert names == {"Ann Example", "Bo Second-Terminal", "Cy Third"}


def test_demo_mode_never_touches_the_users_data(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    terminal.start(hallway_argv("--demo", "--seed", "7"), environment)
    screen = terminal.wait_for(lambda text: "DEMO" in text and "People I met" in text)
    assert "PyCon Berlin" in screen
    terminal.send("q")
    terminal.wait_exit()
    home = Path(environment["HOME"])
    assert not (home / ".local" / "share" / "hallway").exists()
    assert [p for p in home.rglob("*")] == []
