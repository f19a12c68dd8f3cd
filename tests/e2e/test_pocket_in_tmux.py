"""End to end on a phone's screen: the real `hallway` in a 45x30 tmux window (a phone held
upright), read with capture-pane. Two people captured, a note added, a way to leave shown
whole in the Helper pane, the debrief done -- one pane at a time, every word whole."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.store import Store
from hallway.store.phrases import PhraseDeck
from tests.e2e.tmux import Tmux, hallway_argv

pytestmark = pytest.mark.e2e

RAGHU = "Raghunathan Venkataraman @Mensah Analytics #carnatic-music"
NOTE = "loves the Madras music season in December"


def leave_lines(first_name: str, topics: list[str]) -> set[str]:
    """Every way to leave the Helper can show this person (the whole deck, dealt once)."""
    deck = PhraseDeck.exits()
    return {" ".join(deck.next(first_name, topics).text.split()) for _ in range(len(deck))}


def boxed_text(screen: str, title: str) -> str:
    """The words inside the box titled ``title`` on a capture-pane screen, lines joined."""
    lines = screen.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"╭─ {title}"))
    inside = []
    for line in lines[start + 1 :]:
        if line.lstrip().startswith("╰"):
            break
        inside.append(line.strip().strip("│").strip())
    return " ".join(" ".join(inside).split())


@pytest.fixture
def phone() -> Iterator[Tmux]:
    """A terminal the size of a phone held upright."""
    tmux = Tmux(width=45, height=30)
    yield tmux
    tmux.kill()


def test_an_evening_on_a_phone_screen(
    phone: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "hallway.json"
    with Store.open(db) as store:
        store.create_event("Pocket Meetup", "Lisbon", live=True)
    phone.start(hallway_argv("--db", str(db)), environment)
    # One pane at a time, named on one line (tmux may draw a first frame at its default
    # size before the window takes the phone's).
    phone.wait_for(lambda text: "People  Notes  Helper" in text and "People I met" in text)

    phone.send("n")
    phone.type("Ana Lima, designer @Fable #surfing")
    phone.send("Enter")
    phone.wait_for("Saved Ana Lima.")
    phone.send("n")
    phone.type(RAGHU)
    phone.send("Enter")
    screen = phone.wait_for("Saved Raghunathan Venkataraman.")
    # The new person, selected in People; the name also on the switcher's line.
    switcher = next(line for line in screen.splitlines() if "People  Notes  Helper" in line)
    assert "Raghunathan" in switcher

    phone.send("t")
    phone.type(NOTE)
    screen = phone.wait_for("Note for")
    assert "╭─ Notes" in screen and "╭─ People I met" not in screen  # the Notes as it is typed
    phone.send("Enter")
    screen = phone.wait_for("Note saved for Raghunathan Venkataraman.")
    assert NOTE in boxed_text(screen, "Notes")
    assert "Mensah Analytics" in boxed_text(screen, "Notes")  # whole, not "Mens / ah"

    phone.send("l")
    screen = phone.wait_for("Leave gracefully")
    assert "╭─ Notes" not in screen  # the Helper pane alone
    shown = boxed_text(screen, "Helper")
    lines = leave_lines("Raghunathan", ["carnatic-music"])
    assert any(line in shown for line in lines), f"no whole leave line in: {shown!r}"
    assert re.search(r"talking \d+:\d\d", screen)  # the timer, whole

    phone.send("d")
    phone.wait_for(lambda text: "Debrief" in text and "Ana Lima" in text)  # oldest first
    phone.send("p")
    phone.wait_for("Promote to a lasting contact")
    phone.send("Enter")
    phone.wait_for(lambda text: "Promote to" not in text and "Raghunathan" in text)
    phone.send("a")
    phone.wait_for("everyone for now")
    phone.send("q")
    phone.wait_exit()

    with Store.open(db) as store:
        (contact,) = store.contacts()
        assert contact.name == "Ana Lima"
        status = {e.name: e.status for e in store.encounters()}
        assert status == {"Ana Lima": "promoted", "Raghunathan Venkataraman": "acquaintance"}
        (raghu,) = [e for e in store.encounters() if e.name.startswith("Raghunathan")]
        assert [note.text for note in raghu.notes] == [NOTE]
        assert raghu.org == "Mensah Analytics" and raghu.topics == ["carnatic-music"]
