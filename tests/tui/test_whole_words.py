"""No word is cut in two, at any supported size, on any screen or dialog.

Phone upright (40x20, 45x30), phone on its side (100x20), and the laptop sizes (80x24,
120x36): every state a person passes through in an evening -- the live screen's panes, a note
being typed, the helper's lines, fixing a capture, the debrief and its promote dialog,
Contacts and its dialogs, Events, search, help and the palette -- is read off the screen and
each word on it looked up among the words of the text it shows (tests/tui/screen_words.py).
The data holds the words that broke on a phone: "Raghunathan", "Mensah Analytics",
"#carnatic-music".
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from textual.pilot import Pilot

from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.widgets.footer import FooterItem, HallwayFooter
from tests.tui.screen_words import cut_words, screen_text
from tests.tui.tui_helpers import run_hallway, wait_for

SIZES = [(40, 20), (45, 30), (100, 20), (80, 24), (120, 36)]

# (what is on screen, keys that lead there from the state before)
STATES: list[tuple[str, Sequence[str]]] = [
    ("the live screen", ()),
    ("a starter", ("s",)),
    ("a way to leave", ("l", "l")),
    ("a note being typed", ("t", *"loves the #carnatic-music season in Chennai")),
    ("the note saved", ("enter",)),
    ("a promise saved", ("f", *"send the lemon rice recipe by friday", "enter")),
    ("a person being typed", ("escape", "n", *"Ana Lima, designer @Fable #surfing")),
    ("the line kept for later", ("escape",)),
    ("fixing a capture", ("escape", "enter")),
    ("the debrief", ("escape", "d")),
    ("the promote dialog", ("p",)),
    ("contacts", ("escape", "c")),
    ("a contact's story", ("o",)),
    ("logging an interaction", ("i",)),
    ("snoozing", ("escape", "z")),
    ("follow-ups", ("escape", "f")),
    ("events", ("escape", "escape", "v")),
    ("an event's people", ("o",)),
    ("search", ("/", *"sour")),
    ("help", ("escape", "h")),
    ("the command palette", ("escape", "ctrl+p")),
]


def clipped_keys(app: HallwayApp) -> list[str]:
    """The footer's keys drawn only in part ("s Keep" of "s Keep going")."""
    clipped = []
    for footer in app.screen.query(HallwayFooter):
        for item in footer.query(FooterItem):
            if not footer.region.contains_region(item.region):
                clipped.append(f"{item.shown.display} {item.description}")
    return clipped


async def settle(app: HallwayApp, pilot: Pilot[None]) -> None:
    """Let workers (catch-up, search) finish and the screen be drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_no_word_is_cut_in_two(pocket_store: Store, size: tuple[int, int]) -> None:
    async with run_hallway(pocket_store, size=size, poll_interval=60) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        found: list[str] = []
        seen = 0
        for state, keys in STATES:
            await pilot.press(*keys)
            await settle(app, pilot)
            cuts = cut_words(app) + [f"the footer key {key!r}" for key in clipped_keys(app)]
            if cuts:
                screen = "\n".join(screen_text(app))
                found.append(f"{state}:\n  " + "\n  ".join(cuts) + f"\n{screen}")
            seen += 1
        assert seen == len(STATES)
        assert not found, "\n\n".join(found)
