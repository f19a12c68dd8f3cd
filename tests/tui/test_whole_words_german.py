"""No word is cut in two in German (longer words: "Gesprächseinstieg", "Nachbesprechung") on
the live screen, the helper's du-or-Sie question and lines, the capture bar, the debrief and
its promote dialog, at every supported size (see tests/tui/test_whole_words.py)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from hallway.store import i18n
from hallway.store.db import Store
from tests.tui.screen_words import cut_words, screen_text
from tests.tui.test_whole_words import SIZES, clipped_keys, settle
from tests.tui.tui_helpers import run_hallway, wait_for

STATES: list[tuple[str, Sequence[str], str]] = [
    ("the live screen", (), "Wen ich getroffen habe"),
    ("the du or Sie question", ("s",), "Du oder Sie?"),
    ("a starter, in du", ("1",), "Helfer"),
    ("a way to leave", ("l",), "Abschied"),
    ("switched to Sie", ("a",), "Sie"),
    ("a note being typed", ("t", *"liebt die #carnatic-music Saison in Chennai"), "Notiz"),
    ("the note saved", ("enter",), "Notizen"),
    ("a promise saved", ("f", *"Zitronenreis-Rezept bis Freitag schicken", "enter"), "Versprechen"),
    ("a person being typed", ("escape", "n", *"Ana Lima, Designerin @Fable #surfen"), "Neue"),
    ("the line kept for later", ("escape",), "behalten"),
    ("the debrief", ("d",), "Nachbesprechung"),
    ("the promote dialog", ("p",), "Wer ist das?"),
]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_no_german_word_is_cut_in_two(pocket_store: Store, size: tuple[int, int]) -> None:
    i18n.use("de")
    async with run_hallway(pocket_store, size=size, poll_interval=60) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        found: list[str] = []
        for state, keys, german in STATES:
            await pilot.press(*keys)
            await settle(app, pilot)
            screen = "\n".join(screen_text(app))
            cuts = cut_words(app) + [f"the footer key {key!r}" for key in clipped_keys(app)]
            if german not in screen:
                cuts.append(f"no {german!r} on screen")
            if cuts:
                found.append(f"{state}:\n  " + "\n  ".join(cuts) + f"\n{screen}")
        assert not found, "\n\n".join(found)
