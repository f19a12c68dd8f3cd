"""Markdown debrief: golden file, event choice, escaping, and Hallway's no-counting rule."""

from __future__ import annotations

import re
from datetime import date

import pytest

from hallway.store.db import Store
from hallway.store.errors import HallwayError, NotFound
from hallway.store.interop.markdown import export_markdown
from hallway.store.records import Encounter, FollowUp, Note
from tests.interop.interop_fixtures import assert_golden, at, event_id


def test_debrief_matches_golden(filled: Store) -> None:
    assert_golden("debrief.md", export_markdown(filled, event_id(filled, "PyCon Berlin")))


def test_debrief_content(filled: Store) -> None:
    text = export_markdown(filled, event_id(filled, "PyCon Berlin"))
    assert text.startswith("# Debrief: PyCon Berlin\n\nBerlin · 12 May 2025 – 14 May 2025\n")
    people = re.findall(r"^### (.+)$", text, re.MULTILINE)
    assert people == ["Maya Chen ★", "李雷", "Zoë Ångström"]  # in the order you met them
    assert "- data engineer @ Acme\n" in text
    assert "- Talked about: #sourdough #baby-sitters-club\n" in text
    assert "- Status: promoted to lasting contact\n" in text
    assert "- [ ] Send Maya the focaccia recipe (due 15 May 2025)\n" in text
    assert "- [x] send the Go club link (due 13 May 2025)\n" in text
    promises = text.split("## Promises\n\n")[1].split("\n\n")[0]
    assert promises.splitlines() == [
        "- [ ] **Maya Chen**: Send Maya the focaccia recipe (due 15 May 2025)",
        "- [ ] **Zoë Ångström**: intro to Sam, the climbing gym guy (was due 10 May 2025)",
    ]
    assert text.endswith("## Kept as lasting contacts\n\n- Maya Chen\n")


def test_user_text_cannot_break_the_document(filled: Store) -> None:
    text = export_markdown(filled, event_id(filled, "PyCon Berlin"))
    assert "\x1b" not in text
    assert (
        "- 15:02 \\# not a heading \\| pipe \\*stars\\* \\[link\\](x) ␛\\[31mred␛\\[0m\n"
        "  1\\. not a list\n"
        "  \\---\n"
    ) in text
    # Only Hallway's own headings start a line with '#'.
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(re.match(r"#{1,3} ", line) for line in headings)
    assert len(headings) == 7


def test_no_counts_or_scores(filled: Store) -> None:
    text = export_markdown(filled, event_id(filled, "PyCon Berlin"))
    assert not re.search(r"\b(you met|people|contacts?:|score|total)\b \d", text, re.IGNORECASE)
    assert not re.search(r"\b\d+ (people|persons|contacts|encounters)\b", text)


def test_default_is_the_live_event_else_the_latest(store: Store) -> None:
    old = store.create_event("Old Meetup", starts=at(1, 18, month=3))
    newest = store.create_event("Newest Conf", starts=at(10, 9))
    assert export_markdown(store).startswith("# Debrief: Newest Conf\n")
    store.start_event(old.id)
    assert export_markdown(store).startswith("# Debrief: Old Meetup\n")
    assert "live now" in export_markdown(store).splitlines()[2]
    assert export_markdown(store, newest.id).startswith("# Debrief: Newest Conf\n")


def test_no_events_and_unknown_event(store: Store) -> None:
    with pytest.raises(HallwayError, match="There are no events yet"):
        export_markdown(store)
    with pytest.raises(NotFound):
        export_markdown(store, 42)


def test_empty_event_and_multiline_notes(store: Store) -> None:
    event = store.create_event("Quiet Night", "# Hall 1", starts=at(3, 20))
    assert "Nobody was captured at this event." in export_markdown(store, event.id)
    store.save_encounter(
        Encounter(
            event.id,
            "[bold]Rich[/bold] Markup",
            at(3, 20, 5),
            notes=[Note("first line\n\n    indented code?\n> quote", at(3, 20, 6))],
            follow_ups=[FollowUp("call back\nabout *it*", date(2025, 5, 20))],
        )
    )
    text = export_markdown(store, event.id)
    assert "### \\[bold\\]Rich\\[/bold\\] Markup\n" in text
    assert "\n\\# Hall 1 · 3 May 2025\n" in text
    assert "- 20:06 first line\n\n  indented code?\n  \\> quote\n" in text
    assert "- [ ] call back\n  about \\*it\\* (due 20 May 2025)\n" in text
    assert "Nobody promoted yet." in text


def test_a_note_from_a_later_day_says_which_day(store: Store) -> None:
    event = store.create_event("Two Days", starts=at(5, 9))
    store.save_encounter(
        Encounter(
            event.id,
            "Ann",
            at(5, 10),
            notes=[Note("same day", at(5, 11)), Note("next day", at(6, 9, 30))],
        )
    )
    text = export_markdown(store, event.id)
    assert "- 11:00 same day\n- 6 May 2025 09:30 next day\n" in text
