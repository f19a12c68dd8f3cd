"""Names in any script never break the drawing: in a real terminal (tmux), every pane's
borders stay in their columns on every line, whoever is selected and whoever was before.

Textual measured Indic vowel signs as taking no cell while tmux gives each one (see
``hallway.widgets.cells``): a Devanagari name pushed the borders out, and the Notes pane's
right border stayed missing for everyone selected after.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hallway.store import Store
from tests.e2e.cells import misdrawn_rows, panes
from tests.e2e.tmux import Tmux, hallway_argv

pytestmark = pytest.mark.e2e

PEOPLE = [
    "Tess Ng, drummer #jazz -- plain ASCII, selected after the others",
    "इन्द्र बलासुब्रमानियम, वैज्ञानिक @इसरो #चाय -- नमस्ते दुनिया, कैसे हैं आप",
    "முத்துலட்சுமி ராமசாமி @சென்னை #இசை -- கொஞ்சம் தமிழ் பேசுவோம்",
    "สมชาย ใจดี @กรุงเทพ #มวยไทย -- น้ำ ข้าว ผู้ใหญ่",
    "রবীন্দ্রনাথ ঠাকুর, কবি @শান্তিনিকেতন #গান -- আমার সোনার বাংলা",
    "مُحَمَّد عَلِيّ @القاهرة #شِعْر -- السَّلَامُ عَلَيْكُمْ",
    "\u1112\u1161\u11ab\u1100\u1173\u11af Kim @Seoul #\u1112\u1161\u11ab -- 한글 and \u1100\u1161",
    "Ana Lima 👩🏽‍💻 @Fable #surfing -- family 👨‍👩‍👧 and ❤️ and 1️⃣",
    "Lukas Brandt 🇩🇪🇫🇷 @Berlin #flags -- 🇯🇵 🇧🇷 🇺🇦 and a lone 🇩",
]


def make_database(path: Path) -> None:
    with Store.open(path) as store:
        event = store.create_event("Scripts of the World", "Everywhere", live=True)
        for line in reversed(PEOPLE):  # the list shows the newest first: Tess on top
            store.capture(line, event.id)


def check(screen: str, where: str, panes_shown: int = 3) -> None:
    assert len(panes(screen)) >= panes_shown, f"{where}: panes not found\n{screen}"
    problems = misdrawn_rows(screen)
    assert not problems, f"{where}:\n" + "\n".join(problems) + f"\n{screen}"


def note_of(line: str) -> str:
    """The first words of the line's note: shown only when that person is selected."""
    return line.split(" -- ")[1][:8]


def drawn(text: str, *parts: str) -> bool:
    """The screen shows every part and its footer."""
    return "palette" in text and all(part in text for part in parts)


def settled(terminal: Tmux, *parts: str) -> str:
    """The screen once it shows ``parts`` and has stopped changing (a whole frame, not one
    still being drawn, such as the first after the terminal was sized)."""
    while True:
        screen = terminal.wait_for(lambda text: drawn(text, *parts))
        time.sleep(0.15)
        if terminal.screen() == screen:
            return screen


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_every_border_stays_in_its_column_whoever_is_selected(
    environment: dict[str, str], tmp_path: Path, size: tuple[int, int]
) -> None:
    db = tmp_path / "hallway.json"
    make_database(db)
    terminal = Tmux(*size)
    try:
        terminal.start(hallway_argv("--db", str(db)), environment)
        check(settled(terminal, "plain ASCII"), "opened")
        # Down through everyone, then back up to plain Tess: nothing may be left behind.
        for line in PEOPLE[1:]:
            terminal.send("j")
            check(settled(terminal, note_of(line)), f"{line} selected")
        for line in reversed(PEOPLE[:-1]):
            terminal.send("k")
            check(settled(terminal, note_of(line)), f"{line} selected again")
        # The events screen and the debrief cards show the same names and notes.
        terminal.send("v")
        check(settled(terminal, "People met there"), "events")
        terminal.send("d")
        for line in reversed(PEOPLE):  # oldest first
            check(settled(terminal, note_of(line)), f"debrief card for {line}", panes_shown=1)
            terminal.send("space")
        terminal.send("q")
        terminal.wait_exit()
    finally:
        terminal.kill()


def test_a_new_selection_repaints_every_cell(environment: dict[str, str], tmp_path: Path) -> None:
    # Should a terminal still draw some character wider than counted, the stray cells must
    # not outlive the selection: cells spoiled behind Textual's back come back on the next.
    db = tmp_path / "hallway.json"
    make_database(db)
    terminal = Tmux(120, 36)
    try:
        terminal.start(hallway_argv("--db", str(db)), environment)
        terminal.send("j")
        screen = settled(terminal, note_of(PEOPLE[1]))
        tty = terminal._run("display-message", "-p", "-t", "main", "#{pane_tty}").stdout.strip()
        with open(tty, "w", encoding="utf-8") as out:  # as a miscounted name would
            for pane in panes(screen):  # a stray cell on each border, top to bottom
                for row in range(pane.top + 1, pane.bottom):
                    out.write(f"\x1b[{row + 1};{pane.right + 1}H ")
        spoiled = terminal.wait_for(lambda text: bool(misdrawn_rows(text)))
        assert misdrawn_rows(spoiled)
        terminal.send("k")
        check(settled(terminal, note_of(PEOPLE[0])), "after the next selection")
        terminal.send("q")
        terminal.wait_exit()
    finally:
        terminal.kill()
