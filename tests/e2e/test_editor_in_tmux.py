"""$EDITOR end to end in a real terminal: Hallway steps aside (App.suspend), the editor runs on
the same terminal, and Hallway comes back with what was saved (or unchanged, when the editor
fails). Once with a fake editor script, once with a real vi typed into like a person would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hallway.store import Store
from tests.e2e.tmux import Tmux, hallway_argv

pytestmark = pytest.mark.e2e


def live_db(tmp_path: Path, environment: dict[str, str]) -> Path:
    db = tmp_path / "hallway.json"
    done = subprocess.run(
        [*hallway_argv("capture", "--db", str(db), "--event", "Meetup"), "Tess Ng #jazz"],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return db


def test_a_note_written_in_an_editor_script_is_saved_with_its_lines(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = live_db(tmp_path, environment)
    editor = tmp_path / "editor"
    # Shows itself on the terminal (Hallway has stepped aside), then writes two lines.
    editor.write_text(
        '#!/bin/sh\necho "FAKE EDITOR on $1"; sleep 0.3\n'
        'printf "loves #vinyl\\nand Blue Note\\n" > "$1"\n'
    )
    editor.chmod(0o700)
    terminal.start(hallway_argv("--db", str(db)), {**environment, "EDITOR": str(editor)})
    terminal.wait_for("Tess Ng")
    terminal.send("t")
    terminal.wait_for("Note for Tess Ng")
    terminal.type("draft")
    terminal.send("C-e")
    shown = terminal.wait_for("FAKE EDITOR on")
    assert "People I met" not in shown  # the editor has the terminal
    temp_file = Path(shown.split("FAKE EDITOR on ")[1].split()[0])
    terminal.wait_for("From your editor")
    screen = terminal.wait_for("loves #vinyl⏎and Blue Note")
    assert "People I met" in screen  # Hallway is back
    assert not temp_file.parent.exists()
    terminal.send("Enter")
    terminal.wait_for("Note saved for Tess Ng.")
    terminal.send("q")
    terminal.wait_exit()
    with Store.open(db) as store:
        [tess] = store.encounters()
        assert [note.text for note in tess.notes] == ["loves #vinyl\nand Blue Note"]
        assert tess.topics == ["jazz", "vinyl"]


@pytest.mark.skipif(shutil.which("vi") is None, reason="vi is not installed")
def test_a_real_vi_edits_the_promise_and_quitting_with_an_error_changes_nothing(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = live_db(tmp_path, environment)
    env = {**environment, "EDITOR": "vi -u NONE -i NONE -n"}  # no vimrc, viminfo or swap file
    terminal.start(hallway_argv("--db", str(db)), env)
    terminal.wait_for("Tess Ng")
    terminal.send("f")
    terminal.wait_for("Promise to Tess Ng")
    terminal.type("send the playlist")
    terminal.send("C-e")
    terminal.wait_for(lambda screen: "~" in screen and "People I met" not in screen)
    terminal.send("A")
    terminal.type(" friday")
    terminal.send("Escape")
    terminal.type(":wq")
    terminal.send("Enter")
    terminal.wait_for("send the playlist friday")
    terminal.wait_for("From your editor")

    # Again, but leave vi with an error (:cq): the bar keeps what it had.
    terminal.send("C-e")
    terminal.wait_for(lambda screen: "~" in screen and "People I met" not in screen)
    terminal.send("d", "d")
    terminal.type(":cq")
    terminal.send("Enter")
    screen = terminal.wait_for("exited with an error")
    assert "send the playlist friday" in screen
    terminal.send("Enter")
    terminal.wait_for("Promise to Tess Ng saved.")
    terminal.send("q")
    terminal.wait_exit()
    with Store.open(db) as store:
        [tess] = store.encounters()
        # "friday" became the due date and left the text, as with a typed promise.
        assert [promise.text for promise in tess.follow_ups] == ["send the playlist"]
        assert tess.follow_ups[0].due.weekday() == 4
