"""Where tmux puts each character of a captured screen, and the panes drawn on it.

tmux measures characters with the C library's ``wcwidth`` (glibc here): a character takes the
cells ``wcwidth`` says, and one of width 0 joins the cell before it. :func:`columns` does the
same, so a captured line can be read cell by cell as the terminal laid it out.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import pytest


@contextmanager
def _utf8_ctype() -> Iterator[None]:
    previous = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        pytest.skip("no C.UTF-8 locale to measure characters with")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)


@cache
def _libc() -> ctypes.CDLL:
    name = ctypes.util.find_library("c")
    if name is None:
        pytest.skip("no C library to measure characters with")
    libc = ctypes.CDLL(name)
    libc.wcwidth.restype = ctypes.c_int
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    return libc


def wcwidth(char: str) -> int:
    """The C library's width of one character (-1 for a control character)."""
    with _utf8_ctype():
        return int(_libc().wcwidth(char))


def columns(line: str) -> list[tuple[int, str]]:
    """Each cell's column and text in a captured line, as tmux laid it out."""
    cells: list[tuple[int, str]] = []
    column = 0
    with _utf8_ctype():
        libc = _libc()
        for char in line:
            width = libc.wcwidth(char)
            if width <= 0 and cells:
                cells[-1] = (cells[-1][0], cells[-1][1] + char)
                continue
            cells.append((column, char))
            column += max(width, 1)
    return cells


@dataclass(frozen=True)
class Pane:
    """A bordered pane found on screen: its top and bottom rows, left and right columns."""

    top: int
    bottom: int
    left: int
    right: int


def panes(screen: str) -> list[Pane]:
    """The rounded panes on a captured screen, found by their top corners."""
    rows = [dict((col, text[0]) for col, text in columns(line)) for line in screen.splitlines()]
    found: list[Pane] = []
    for top, row in enumerate(rows):
        for left in sorted(col for col, char in row.items() if char == "╭"):
            right = next((col for col in sorted(row) if col > left and row[col] == "╮"), None)
            bottom = next((y for y in range(top + 1, len(rows)) if rows[y].get(left) == "╰"), None)
            if right is not None and bottom is not None:
                found.append(Pane(top, bottom, left, right))
    return found


def misdrawn_rows(screen: str) -> list[str]:
    """Every row where a pane's left or right border is not in its column (empty: none)."""
    lines = screen.splitlines()
    rows = [dict((col, text[0]) for col, text in columns(line)) for line in lines]
    problems = []
    for pane in panes(screen):
        if rows[pane.bottom].get(pane.right) != "╯":
            problems.append(f"row {pane.bottom}: bottom-right corner of {pane} moved")
        for y in range(pane.top + 1, pane.bottom):
            left, right = rows[y].get(pane.left), rows[y].get(pane.right)
            if left != "│" or right != "│":
                problems.append(f"row {y}: {left!r} … {right!r} for {pane}: {lines[y]}")
    return problems
