"""End to end in a real terminal (issue 10): a short event as it happens -- a circle of three,
someone met last year, a typo fixed, a capture removed and brought back, a promise written as
a note -- then the debrief, where the person met again merges into their contact. The screen
is read at each step; the database is checked at the end."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from hallway.store import Store, clock
from hallway.store.conversations import conversation_end
from hallway.store.debrief import promote
from tests.e2e.tmux import Tmux, hallway_argv

pytestmark = pytest.mark.e2e

CIRCLE = "Ana Lima + Ben Ortiz, designer @Fable + Cy Moss #surfing -- talked about Porto"


def make_database(path: Path) -> int:
    """Last year: Maya, a lasting contact since PyCon Berlin 2025. Today: a live meetup."""
    now = clock.now()
    with Store.open(path) as store:
        last_year = store.create_event(
            "PyCon Berlin 2025", "Berlin", starts=now - timedelta(days=365)
        )
        maya = store.capture("Maya Chen, data engineer @Acme #sourdough #choir", last_year.id)
        contact = promote(store, maya.id, cadence_days=60)
        store.end_event(last_year.id)
        store.create_event("Friday Meetup", "Kraków", live=True)
        return contact.id


def notes_pane(screen: str) -> str:
    """The Notes pane's lines (the right-hand box of the live screen)."""
    return "\n".join(line.split("││", 1)[1] for line in screen.splitlines() if "││" in line)


def card_name(screen: str) -> str:
    """The name on the debrief card: the first line written in the Debrief box."""
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if "╭─ Debrief" in line), None)
    if top is None:
        return ""
    for line in lines[top + 1 :]:
        inside = line.strip().strip("│").strip()
        if inside:
            return inside
    return ""


def test_a_short_event_then_the_debrief(
    terminal: Tmux, environment: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "hallway.json"
    maya_contact = make_database(db)
    terminal.start(hallway_argv("--db", str(db)), environment)
    terminal.wait_for(lambda text: "Friday Meetup" in text and "press n" in text)

    # A circle of three, in one line: everyone saved, the first selected, the others named.
    terminal.send("n")
    terminal.type(CIRCLE)
    terminal.send("Enter")
    screen = terminal.wait_for("Saved Ana Lima, Ben Ortiz and Cy Moss. n for the next person.")
    notes = notes_pane(screen)
    assert "Ana Lima" in notes and "in a circle with Ben Ortiz and Cy Moss" in notes
    # One note for the whole circle.
    terminal.send("w")
    terminal.wait_for("Note for Ana, Ben and Cy ›")
    terminal.type("all three surf at #nazare")
    terminal.send("Enter")
    screen = terminal.wait_for("Note saved for Ana, Ben and Cy.")
    assert "all three surf at #nazare" in notes_pane(screen)

    # Someone met last year, with a promise written as a note: known at once, and the
    # promise becomes a follow-up while the note keeps its words.
    terminal.send("n")
    terminal.type("Maya Chen @Acme #sourdough -- promised my focaccia recipe")
    terminal.send("Enter")
    screen = terminal.wait_for("Saved Maya Chen.")
    assert "You know Maya: met at PyCon Berlin 2025." in screen
    notes = notes_pane(screen)
    assert "↺ met at PyCon Berlin 2025 · #sourdough" in notes
    assert "promised my focaccia recipe" in notes
    assert "⚑ Send Maya my focaccia recipe" in notes
    # Her conversation began, so the circle's ended: back on Ana the timer has stopped.
    terminal.send("j")
    screen = terminal.wait_for(lambda text: "ended after" in text)
    assert "Cy Moss" in notes_pane(screen) and "talking" not in screen
    terminal.send("k")
    terminal.wait_for(lambda text: "Maya Chen" in notes_pane(text))

    # A typo, fixed: enter opens the person, the name is typed again.
    terminal.send("n")
    terminal.type("Tmoas Berg, SRE @Fastly #jazz")
    terminal.send("Enter")
    terminal.wait_for("Saved Tmoas Berg.")
    terminal.send("Enter")
    terminal.wait_for("Fix Tmoas Berg")
    terminal.send("C-u")  # the name field has the cursor at the end
    # As a person does: see the field empty, then type (a field's own ctrl+u runs as a key
    # binding, after letters already on their way to the field).
    terminal.wait_for(lambda text: "Fix Tmoas Berg" in text and "▌ Tmoas Berg" not in text)
    terminal.type("Tomas Berg")
    terminal.send("Enter")
    screen = terminal.wait_for("Saved Tomas Berg.")
    assert "Tmoas" not in screen and "Tomas Berg" in notes_pane(screen)

    # A capture made by mistake: x removes it, u brings it back.
    terminal.send("n")
    terminal.type("Wrong Person #oops")
    terminal.send("Enter")
    terminal.wait_for("Saved Wrong Person.")
    terminal.send("x")
    screen = terminal.wait_for("Removed Wrong Person. u undoes.")
    assert "#oops" not in screen
    terminal.send("u")
    screen = terminal.wait_for("Wrong Person is back.")
    assert "#oops" in screen

    # The debrief, oldest first: on to Maya, whose promotion merges into her contact.
    terminal.send("d")
    terminal.wait_for(lambda text: "Debrief" in text and "Ana Lima" in text)
    for name in ("Ben Ortiz", "Cy Moss", "Maya Chen"):
        terminal.send("space")
        screen = terminal.wait_for(lambda text, name=name: card_name(text) == name)
    assert "↺" not in screen  # the card is about today's conversation
    assert "in a circle with" not in screen  # Maya talked with you alone
    terminal.send("p")
    # The dialog fills in the open promise once it is mounted: wait for both.
    screen = terminal.wait_for(
        lambda text: "Promote to a lasting contact" in text and "open promise" in text
    )
    assert "merge into Maya Chen, met at PyCon Berlin 2025" in screen
    assert "Maya already has an open promise: Send Maya my focaccia recipe" in screen
    terminal.send("Enter")
    terminal.wait_for(lambda text: "Promote to" not in text and "up next: Wrong Person" in text)
    terminal.send("C-q")
    terminal.wait_exit()

    with Store.open(db) as store:
        live = store.live_event()
        assert live is not None and live.name == "Friday Meetup"
        today = {e.name: e for e in store.encounters(live.id)}
        assert set(today) == {
            "Ana Lima",
            "Ben Ortiz",
            "Cy Moss",
            "Maya Chen",
            "Tomas Berg",
            "Wrong Person",
        }
        ana, ben, cy = today["Ana Lima"], today["Ben Ortiz"], today["Cy Moss"]
        assert ana.circle == [ben.id, cy.id] and ben.circle == [ana.id, cy.id]
        assert (ben.role, ben.org) == ("designer", "Fable")
        for person in (ana, ben, cy):
            assert [n.text for n in person.notes] == [
                "talked about Porto",
                "all three surf at #nazare",
            ]
            assert person.topics == ["surfing", "nazare"]
        maya = today["Maya Chen"]
        # The circle's conversation ended when Maya's began.
        assert conversation_end(ana, maya.met_at) == maya.met_at
        assert [n.text for n in maya.notes] == ["promised my focaccia recipe"]
        assert [f.text for f in maya.follow_ups] == ["Send Maya my focaccia recipe"]
        assert maya.status == "promoted" and maya.contact_id == maya_contact
        [contact] = store.contacts()
        assert contact.id == maya_contact and len(contact.encounter_ids) == 2
        promises = [f for i in contact.encounter_ids for f in store.encounter(i).follow_ups]
        assert [f.text for f in promises] == ["Send Maya my focaccia recipe"]  # no near-copy
        tomas = today["Tomas Berg"]
        assert (tomas.role, tomas.org, tomas.topics) == ("SRE", "Fastly", ["jazz"])
        assert today["Wrong Person"].topics == ["oops"]
        assert all(e.status == "new" for name, e in today.items() if name != "Maya Chen")
