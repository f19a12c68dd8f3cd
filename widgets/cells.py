"""Terminal cells: how wide typed text is drawn, so a name in any script never breaks a pane.

**Why Textual and the terminal disagreed.** Textual lays a screen out with Rich's cell widths
(``rich.cells.cell_len``), from tables generated out of the ``wcwidth`` project as it was before
2026. Those give a *spacing* combining mark (Unicode category Mc: the vowel signs of Devanagari,
Bengali, Tamil and every other Indic script, such as U+093E "ा") no width at all. Terminals give
it a cell: glibc's ``wcwidth`` (so tmux, xterm, VTE/GNOME Terminal), Windows Terminal since
2024, and ``wcwidth`` itself since 2026. ``इन्द्र बलासुब्रमानियम`` is 14 cells for Rich and 17 for
tmux, so its line ran three cells long and pushed the pane's right border out of line; the
terminal kept those stray cells, and since Textual redraws only what it thinks changed, the
Notes pane's border stayed broken for everyone shown after.

Emoji sequences are the other source: terminals disagree among themselves there (tmux 3.3
draws ``❤️`` in one cell where Rich counts two, and a skin tone ``👍🏽`` in four where Rich counts
two and most newer terminals draw two; a ZWJ family is two cells or six depending on the
terminal). No single count can be right for all of them.

**What Hallway does.**

* :func:`align_rich_widths` gives spacing marks (and the few other spacing characters Rich
  counts as empty) the width terminals give them, in Rich's own table, so Textual lays out
  Indic names as they are drawn. It is the one place Hallway reaches into Rich's internals;
  ``tests/tui/test_cells.py`` fails loudly if that stops working.
* :func:`terminal_text` shows emoji sequences in a form every terminal draws alike: without
  variation selectors (text presentation), skin tone modifiers or zero-width joiners (a ZWJ
  family is shown as its members). :func:`hallway.widgets.text.plain`, the one way typed
  text is shown, applies it; the stored text keeps every character.
* Screens repaint fully when the selection changes, so a terminal that still counts some
  character differently cannot leave stray cells behind for the next person.

:func:`cells` is the width of typed text as Hallway draws it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

# Shown without: emoji/text presentation selectors, skin tone modifiers after a character,
# and zero-width joiners. What is left has one width in every terminal.
_DISPUTED = re.compile("[\ufe0e\ufe0f\u200d]|(?<=\\S)[\U0001f3fb-\U0001f3ff]")


def terminal_text(text: str) -> str:
    """``text`` as Hallway draws it: emoji sequences whose width terminals disagree on are
    shown as their plain parts ("👩🏽‍💻" as "👩💻", "❤️" as "❤"); everything else unchanged."""
    if text.isascii():
        return text
    return _DISPUTED.sub("", text)


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes as Hallway draws it (after
    :func:`align_rich_widths`: a spacing mark takes one, a wide character two)."""
    from rich.cells import cell_len

    return cell_len(terminal_text(text))


def _spacing_width(code: int) -> int:
    """The width terminals give a character Rich counts as empty, or 0 to leave it so."""
    char = chr(code)
    category = unicodedata.category(char)
    if category == "Mc" or code in (0x3164, 0xFFA0):
        # Spacing marks, and the Hangul fillers U+3164 / U+FFA0 (letters, not marks).
        return 2 if unicodedata.east_asian_width(char) in "WF" else 1
    if 0x1F3FB <= code <= 0x1F3FF:
        return 2  # a skin tone modifier on its own is an emoji like any other
    return 0


def aligned_widths(widths: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Rich's ranges of (first, last, width) with the zero-width characters that terminals
    draw in a cell given that cell (ranges split where needed, still sorted)."""
    out: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width != 0:
            out.append((start, end, width))
            continue
        run_start, run_width = start, _spacing_width(start)
        for code in range(start + 1, end + 1):
            code_width = _spacing_width(code)
            if code_width != run_width:
                out.append((run_start, code - 1, run_width))
                run_start, run_width = code, code_width
        out.append((run_start, end, run_width))
    # Ranges of width 1 are the default: leaving them out keeps the table as Rich expects.
    return [entry for entry in out if entry[2] != 1]


_installed: list[Callable[..., Any]] = []


def align_rich_widths() -> bool:
    """Make Rich (and so Textual) count cells as terminals draw them (see the module text).
    Idempotent; returns whether Rich's table is aligned (False: this Rich keeps its tables
    elsewhere, and ``tests/tui/test_cells.py`` says so)."""
    import rich.cells as rich_cells
    from rich.segment import Segment

    original = getattr(rich_cells, "load_cell_table", None)
    table_type = getattr(rich_cells, "CellTable", None)
    if original is None or table_type is None:
        return False
    if _installed and rich_cells.load_cell_table is _installed[0]:
        return True

    @cache
    def load_aligned(unicode_version: str = "auto") -> Any:
        table = original(unicode_version)
        return table_type(table.unicode_version, aligned_widths(table.widths), table.narrow_to_wide)

    rich_cells.load_cell_table = load_aligned
    _installed[:] = [load_aligned]
    # Widths measured before are cached: measure again with the aligned table.
    for cached in (
        rich_cells.get_character_cell_size,
        rich_cells.cached_cell_len,
        Segment._split_cells,
    ):
        clear = getattr(cached, "cache_clear", None)
        if clear is not None:
            clear()
    return True
