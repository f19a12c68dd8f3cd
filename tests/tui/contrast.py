"""Contrast of what the app draws: every character of text with the colour it is drawn in and
the colour behind it, as the terminal gets them, and the WCAG 2 contrast ratio of the two
(:func:`hallway.widgets.colours.contrast_ratio`: Textual's Color has no contrast ratio, only
``get_contrast_text``)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from rich.color import Color as RichColor
from textual.app import App
from textual.color import Color
from textual.geometry import Region

from hallway.widgets.colours import LEAST_CONTRAST, contrast_ratio

NEEDED = LEAST_CONTRAST  # WCAG 2 (1.4.3): normal text needs 4.5:1


@dataclass(frozen=True)
class Drawn:
    """A run of text drawn in one style: where, what, in which colours."""

    x: int
    y: int
    text: str
    fg: Color
    bg: Color

    @property
    def ratio(self) -> float:
        """Its contrast ratio."""
        return contrast_ratio(self.fg, self.bg)

    def __str__(self) -> str:
        return (
            f"{self.text.strip()!r} at ({self.x},{self.y}): {self.fg.hex} on {self.bg.hex}"
            f" = {self.ratio:.2f}:1"
        )


def _is_text(character: str) -> bool:
    """Letters, digits, punctuation and symbols; not blanks, nor the box and block characters
    that draw borders, rules and scroll bars (not text: WCAG asks 3:1 of those, and they are
    Textual's)."""
    if character.isspace() or "\u2500" <= character <= "\u259f" or character == "\u2581":
        return False
    return unicodedata.category(character)[0] in "LNPS"


def drawn_text(app: App[Any], region: Region | None = None) -> list[Drawn]:
    """Every run of text on screen (within ``region``), with its colours, as a full redraw
    would send it to the terminal.

    Reads the screen's compositor as :meth:`App.export_screenshot` does (Textual offers
    screenshots only as SVG): a test helper, so it may reach a private attribute; a Textual
    that renames it fails here loudly.
    """
    theme = app.ansi_theme
    default_fg = Color.parse(app.theme_variables["foreground"])
    default_bg = Color.parse(app.theme_variables["background"])
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    found: list[Drawn] = []
    for y, line in enumerate(update.strips):
        x = 0
        for segment in (segment for strip in line for segment in strip):
            text, style = segment.text, segment.style
            width = segment.cell_length
            inside = region is None or region.contains(x, y)
            if style is not None and inside and any(_is_text(c) for c in text):
                fg = _colour(style.color, theme, default_fg)
                bg = _colour(style.bgcolor, theme, default_bg)
                if style.reverse:
                    fg, bg = bg, fg
                found.append(Drawn(x, y, text, fg, bg))
            x += width
    return found


def _colour(color: RichColor | None, theme: Any, default: Color) -> Color:
    if color is None or color.is_default:
        return default
    return Color.from_rich_color(color, theme, ansi=False)
