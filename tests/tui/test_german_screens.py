"""Every screen and dialog in German, on the German demo: no word cut in two, no English word
in the chrome, and German snapshots of the live screen and Contacts.

The walk is the whole-word test's (tests/tui/test_whole_words.py: the same states and keys;
keys stay the same letters in German), with German typed text, on the German demo's data
(Berlin, Vienna, Zürich; long German words in notes and topics), at the phone's upright size
(45x30) and the laptop's (120x36). The English-word check looks only at the chrome: words
of the data (names, notes, topics, places...) and of the typed text are left out, as is
the text in a field being typed and a screen under a dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from hallway.store import i18n
from hallway.store.db import Store
from hallway.store.demo import generate_demo
from hallway.tui.app import HallwayApp
from tests.clock import Clock
from tests.tui.screen_words import WORD, _blank, covered, cut_words, screen_text, typed_fields
from tests.tui.test_whole_words import STATES, clipped_keys, settle
from tests.tui.tui_helpers import run_hallway, wait_for

SIZES = [(45, 30), (120, 36)]
DEMO_PEOPLE = 40

# The whole-word walk's typed text, in German (the keys before and after stay as they are).
GERMAN_TYPING: dict[str, Sequence[str]] = {
    "a note being typed": ("t", *"liebt die Saison der #karnatischen-musik in Chennai"),
    "a promise saved": ("f", *"schicke ihr bis Freitag das Rezept für Zitronenreis", "enter"),
    "a person being typed": ("escape", "n", *"Ana Lima, Designerin @Fable #surfen"),
    "search": ("/", *"sauer"),
}
GERMAN_STATES = [(state, GERMAN_TYPING.get(state, keys)) for state, keys in STATES]

# Common English words of the app's chrome; none of them is a German word.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "with",
        "from",
        "for",
        "this",
        "that",
        "what",
        "who",
        "when",
        "nobody",
        "press",
        "save",
        "cancel",
        "close",
        "back",
        "keep",
        "open",
        "edit",
        "delete",
        "done",
        "undo",
        "yes",
        "notes",
        "note",
        "people",
        "helper",
        "contacts",
        "contact",
        "events",
        "promise",
        "promises",
        "met",
        "due",
        "today",
        "yesterday",
        "tomorrow",
        "ago",
        "since",
        "talked",
        "about",
        "search",
        "help",
        "keys",
        "starter",
        "starters",
        "leave",
        "debrief",
        "promote",
        "snooze",
        "interaction",
        "follow-ups",
        "settings",
    ]
)

_walks: dict[tuple[int, int], dict[str, tuple[list[str], list[str]]]] = {}


@pytest.fixture
def german_demo(store: Store, fixed_clock: Clock) -> Store:
    """The German demo (events in Berlin, Vienna and Zürich, German notes and topics)."""
    generate_demo(store, people=DEMO_PEOPLE, seed=0, language="de")
    return store


def _data_words(store: Store) -> set[str]:
    """Every word of the data and of the typed text: shown as typed, never chrome."""
    texts: list[str] = [text for keys in GERMAN_TYPING.values() for text in keys]
    for event in store.events():
        texts += [event.name, event.place]
    for encounter in store.encounters():
        texts += [encounter.name, encounter.role, encounter.org, *encounter.topics]
        texts += [note.text for note in encounter.notes]
        texts += [follow_up.text for follow_up in encounter.follow_ups]
    for contact in store.contacts():
        texts += [contact.name, contact.role, contact.org, *contact.topics]
        texts += [note.text for note in contact.notes]
        texts += [item.note for item in contact.interactions]
        texts += [item.kind for item in contact.interactions]
        texts += [item.text for item in contact.give_take]
    return {word.casefold() for text in texts for word in WORD.findall(text)}


def english_words(app: HallwayApp, data: set[str]) -> list[str]:
    """The English words in the chrome on screen (sorted), the data's words left out."""
    lines = screen_text(app)
    for row, start, end in (*typed_fields(app), *covered(app)):
        if row < len(lines):
            lines[row] = _blank(lines[row], start, end)
    found = set()
    for line in lines:
        for match in WORD.finditer(line):
            if line[match.end() : match.end() + 1] == "…":
                continue  # the start of a longer word, shortened ("fürs The…" of "Thema")
            word = match.group()
            folded = word.casefold()
            if folded in ENGLISH and folded not in data:
                found.add(word)
    return sorted(found)


async def _walk(store: Store, size: tuple[int, int]) -> dict[str, tuple[list[str], list[str]]]:
    """Walk every state once per size (in German): its cut words and its English words."""
    if size in _walks:
        return _walks[size]
    i18n.use("de")
    data = _data_words(store)
    results: dict[str, tuple[list[str], list[str]]] = {}
    async with run_hallway(store, size=size, poll_interval=60) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        for state, keys in GERMAN_STATES:
            await pilot.press(*keys)
            await settle(app, pilot)
            cuts = cut_words(app) + [f"the footer key {key!r}" for key in clipped_keys(app)]
            if cuts:
                cuts.append("\n".join(screen_text(app)))
            results[state] = (cuts, english_words(app, data))
    _walks[size] = results
    return results


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_no_word_is_cut_in_two_in_german(german_demo: Store, size: tuple[int, int]) -> None:
    results = await _walk(german_demo, size)
    assert [state for state, _keys in GERMAN_STATES] == list(results)
    found = [f"{state}:\n  " + "\n  ".join(cuts) for state, (cuts, _) in results.items() if cuts]
    assert not found, "\n\n".join(found)


@pytest.mark.parametrize("state", [state for state, _keys in GERMAN_STATES])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_no_english_word_in_the_chrome(
    german_demo: Store, size: tuple[int, int], state: str
) -> None:
    results = await _walk(german_demo, size)
    assert not results[state][1], f"{state} at {size[0]}x{size[1]} shows {results[state][1]}"


async def test_the_english_check_finds_english(live_store: Store) -> None:
    """The check itself: in English it finds the chrome's words, and never the data's."""
    async with run_hallway(live_store, size=(120, 36), poll_interval=60) as (app, pilot):
        await settle(app, pilot)
        everything = english_words(app, set())
        assert everything, "the English live screen shows no word of the stoplist"
        assert not set(english_words(app, {w.casefold() for w in everything})), everything


# -- German snapshots ----------------------------------------------------------------------


async def _still(pilot: Pilot[Any]) -> None:
    # Workers (catch-up, search) done and no blinking cursor: the same picture every run.
    await pilot.app.workers.wait_for_complete()
    for field in pilot.app.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def _contacts(pilot: Pilot[Any]) -> None:
    await _still(pilot)
    await pilot.press("c")
    await _still(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_german_live_screen(snap_compare: Any, german_demo: Store, size: tuple[int, int]) -> None:
    i18n.use("de")
    app = HallwayApp(german_demo, poll_interval=60)
    assert snap_compare(app, terminal_size=size, run_before=_still)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_german_contacts(snap_compare: Any, german_demo: Store, size: tuple[int, int]) -> None:
    i18n.use("de")
    app = HallwayApp(german_demo, poll_interval=60)
    assert snap_compare(app, terminal_size=size, run_before=_contacts)
