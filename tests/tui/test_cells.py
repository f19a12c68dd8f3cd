"""Terminal cells: Hallway measures typed text as terminals draw it, so no name in any script
moves a border (the tmux end of this is tests/e2e/test_scripts_in_tmux.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from hallway.widgets.cells import align_rich_widths, aligned_widths, cells, terminal_text
from hallway.widgets.text import plain
from tests.e2e.cells import columns, wcwidth

SAMPLES = {
    "Devanagari": "इन्द्र बलासुब्रमानियम",
    "Tamil": "முத்துலட்சுமி ராமசாமி",
    "Thai": "สมชาย ใจดี น้ำ ผู้ใหญ่",
    "Bengali": "রবীন্দ্রনাথ ঠাকুর",
    "Arabic with harakat": "مُحَمَّد عَلِيّ السَّلَامُ",
    "Hangul jamo": "\u1112\u1161\u11ab\u1100\u1173\u11af \u1100\u1161",
    "Hangul": "한글 김민준",
    "emoji ZWJ": "👩🏽‍💻 👨‍👩‍👧 🏳️‍🌈",
    "flags": "🇩🇪🇫🇷 🇯🇵 and a lone 🇩",
    "variation selectors": "❤️ ☺︎ 1️⃣",
    "skin tones": "👍🏽 👋🏿",
    "Latin, CJK, Cyrillic": "Zoë Ångström 李雷 Влади́мир",
}


@pytest.fixture(autouse=True, scope="module")
def _aligned() -> None:
    assert align_rich_widths(), "Rich keeps its width tables elsewhere now: see widgets/cells"


def tmux_width(text: str) -> int:
    """Cells tmux gives ``text``: the C library's wcwidth, width-0 characters joining the cell
    before (as tests/e2e/cells.py reads a captured screen)."""
    laid_out = columns(text)
    if not laid_out:
        return 0
    last_column, last = laid_out[-1]
    return last_column + max(wcwidth(last[0]), 1)


@pytest.mark.parametrize("script", list(SAMPLES))
def test_hallway_and_the_terminal_count_the_same_cells(script: str) -> None:
    shown = terminal_text(SAMPLES[script])
    assert cells(SAMPLES[script]) == cell_len(shown) == tmux_width(shown), script
    # plain(), the one way typed text is shown, draws exactly that.
    assert plain(SAMPLES[script]).cell_len == tmux_width(shown)


def test_indic_vowel_signs_take_a_cell() -> None:
    # The reported name: Rich counted 14 cells, tmux draws 17.
    assert cells("इन्द्र बलासुब्रमानियम") == 17
    assert cell_len("बा") == 2 and cell_len("ब") == 1  # loud if Rich's tables move
    assert cells("முத்து") == 5 and cells("রবী") == 3


def test_emoji_sequences_are_shown_as_their_plain_parts() -> None:
    assert terminal_text("👩🏽‍💻") == "👩💻"
    assert terminal_text("👨‍👩‍👧") == "👨👩👧"
    assert terminal_text("❤️ and 1️⃣") == "❤ and 1⃣"
    assert terminal_text("👍🏽") == "👍"
    assert terminal_text("🏽 alone") == "🏽 alone"  # a lone modifier is an emoji of its own
    assert terminal_text("🇩🇪") == "🇩🇪"  # flags: every terminal draws a pair in two cells
    assert cells("👩🏽‍💻") == 4 and cells("❤️") == 1 and cells("🇩🇪") == 2


@given(st.text())
def test_text_without_emoji_sequences_is_shown_unchanged(text: str) -> None:
    if not any(c in "\ufe0e\ufe0f\u200d" or 0x1F3FB <= ord(c) <= 0x1F3FF for c in text):
        assert terminal_text(text) == text


@given(st.text())
def test_showing_is_idempotent(text: str) -> None:
    assert terminal_text(terminal_text(text)) == terminal_text(text)


def test_only_newer_symbols_are_still_counted_differently_from_the_c_library() -> None:
    # Every character Rich and the C library (tmux's wcwidth) still disagree on is a symbol
    # added to Unicode after this C library's tables, or a control character (never shown:
    # visible() replaces them). No letter or mark of any script is among them.
    differ: dict[str, list[str]] = {}
    for code in range(0x20, 0x30000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Cn", "Co", "Cs"):
            continue
        if cell_len(char) != max(wcwidth(char), 0):
            differ.setdefault(category, []).append(f"{code:04X}")
    assert set(differ) <= {"So", "No", "Cc", "Zl", "Zp"}, {k: v[:8] for k, v in differ.items()}


def test_aligned_ranges_stay_sorted_and_apart() -> None:
    table = aligned_widths([(0x0900, 0x0903, 0), (0x1100, 0x115F, 2), (0x3164, 0x3164, 0)])
    assert table == [(0x0900, 0x0902, 0), (0x1100, 0x115F, 2), (0x3164, 0x3164, 2)]
    assert align_rich_widths()  # a second call changes nothing
    assert cells("बा") == 2
