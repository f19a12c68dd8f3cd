"""Hallway's colours: the theme's own, made legible wherever Hallway draws text.

Every colour Hallway draws text in is one of the theme's (its foreground, primary, warning...),
fitted for reading: each is drawn on a few known grounds (the screen; the surface of bars and
dialogs; the panel of the top bar and fields; a field being typed in; a highlighted row). Where
the theme's colour reaches 4.5:1 (WCAG 2, normal text) on all of its grounds, it is used
exactly as it is; where it does not, it is moved towards black or white just far enough to
reach it. So nord keeps its own colours where they read (its yellow stars, its blue-grey roles)
and a light theme's yellow becomes a readable amber. Quiet text (times, hints, placeholders) is
held to the same 4.5:1: it is a colour of its own rather than "dim", whose look depends on the
theme and on Textual's dim factor.

The app adds these to its CSS variables (:func:`theme_variables` from ``get_css_variables``), so
they follow the theme the moment it changes. CSS names them (``color: $hallway-warning``), and so
do the styles of text built in code (the constants below, such as ``STAR``): such text is shown
as Textual Content (:func:`hallway.widgets.text.themed`), whose styles are looked up when drawn.
A Rich renderable that Rich draws itself (the help's table) gets them resolved (:func:`resolved`).
tests/tui/test_contrast.py measures every character of text on every screen in every theme.

Textual's ANSI themes take their colours from the terminal's palette, which is unknown here:
they get the theme's colours unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color

# WCAG 2 (1.4.3): the least contrast for normal text.
LEAST_CONTRAST = 4.5

# A highlighted row: the theme's primary over the background, stronger in the focused list.
CURSOR_ALPHA = 0.25
CURSOR_BLURRED_ALPHA = 0.18
# A field being typed in: Textual's Input (and Hallway's dialog fields) tint it this much.
FIELD_TINT = 0.05

# Each Hallway colour: the theme variable it starts from, and the grounds it is drawn on
# (see text_grounds). A colour is fitted only to its own grounds, so nord's blue-grey for
# roles and organisations, drawn on the screen only, stays exactly nord's.
ROWS = ("cursor", "cursor-blurred", "hover")
FIELDS = ("field", "panel", "panel-field")
COLOURS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Everything unstyled, and highlighted rows' text: everywhere.
    "hallway-text": ("foreground", ("screen", "surface", *FIELDS, *ROWS)),
    # Flags and marks in lists, pane titles, keys in the help.
    "hallway-primary": ("primary", ("screen", "surface", *ROWS)),
    # Roles and organisations in the panes.
    "hallway-secondary": ("secondary", ("screen",)),
    # "Hallway" in the top bar.
    "hallway-accent": ("accent", ("panel",)),
    # Stars, the note/promise prompt of the capture bar, the DEMO badge.
    "hallway-warning": ("warning", ("screen", "surface", "panel", *ROWS)),
    # Topics, "live".
    "hallway-success": ("success", ("screen", "panel", *ROWS)),
    # What was refused, and why.
    "hallway-error": ("error", ("screen", "surface")),
}
# Quiet text (times, hints, what is done): the foreground as Textual draws "dim" text (66 % of
# the way from the background), but a colour of its own, so it can be fitted like the rest; it
# is drawn everywhere text is.
QUIET_STRENGTH = 0.66
# The footer's keys and words, on the footer's own background (solarized's is blue).
FOOTER_SOURCES = {
    "hallway-footer-key": "footer-key-foreground",
    "hallway-footer-text": "footer-description-foreground",
}

# Styles for text built in code (Rich-style strings; shown through widgets.text.themed).
STAR = "$hallway-warning"
FLAG = "$hallway-primary"
TOPIC = "$hallway-success"
MUTED = "$hallway-secondary"
QUIET = "$hallway-quiet"
DONE = "$hallway-quiet"
ERROR = "$hallway-error"
KEY = "$hallway-primary"


def contrast_ratio(one: Color, other: Color) -> float:
    """The WCAG 2 contrast ratio of two opaque colours, from 1 (the same) to 21 (black on
    white): (L1 + 0.05) / (L2 + 0.05) of their relative luminances."""
    return _luminance_ratio(_luminance(one), _luminance(other))


def _luminance_ratio(one: float, other: float) -> float:
    light, dark = (one, other) if one >= other else (other, one)
    return (light + 0.05) / (dark + 0.05)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


# Each channel's linear value, worked out once (fitting a theme's colours asks thousands).
_LINEAR = tuple(_linear(channel) for channel in range(256))


def _luminance(color: Color) -> float:
    return 0.2126 * _LINEAR[color.r] + 0.7152 * _LINEAR[color.g] + 0.0722 * _LINEAR[color.b]


def fitted(color: Color, backgrounds: list[Color], least: float = LEAST_CONTRAST) -> Color:
    """``color`` itself if it reaches ``least`` against every background, else the nearest
    colour on the way to black or to white that does (whichever comes sooner; if neither
    does, the one of black and white that comes closest)."""

    grounds = [_luminance(back) for back in backgrounds]

    def worst(candidate: Color) -> float:
        own = _luminance(candidate)
        return min(_luminance_ratio(own, ground) for ground in grounds)

    if worst(color) >= least:
        return color
    ends = (Color(0, 0, 0), Color(255, 255, 255))
    for step in range(1, 101):
        for end in ends:
            candidate = color.blend(end, step / 100)
            if worst(candidate) >= least:
                return candidate
    return max(ends, key=worst)


def text_grounds(variables: Mapping[str, str]) -> dict[str, Color]:
    """Every background Hallway draws text on, by name, for a theme's CSS variables: the
    screen; the surface of bars and dialogs; a field on it being typed in (Textual tints it
    towards the foreground); the panel of the top bar and the dialogs' fields, and such a field
    being typed in; a highlighted row (in the focused list, elsewhere) and a row under the
    mouse."""
    screen = Color.parse(variables["background"])
    surface = screen + Color.parse(variables["surface"])
    panel = screen + Color.parse(variables["panel"])
    typing = Color.parse(variables["foreground"]).with_alpha(FIELD_TINT)
    return {
        "screen": screen,
        "surface": surface,
        "field": surface + typing,
        "panel": panel,
        "panel-field": panel + typing,
        "cursor": cursor(variables, CURSOR_ALPHA),
        "cursor-blurred": cursor(variables, CURSOR_BLURRED_ALPHA),
        "hover": screen + Color.parse(variables["block-hover-background"]),
    }


def cursor(variables: Mapping[str, str], alpha: float) -> Color:
    """A highlighted row's background: the theme's primary over the screen (the same colour
    in lists and in dialogs, so one colour is fitted for both)."""
    return Color.parse(variables["background"]) + Color.parse(variables["primary"]).with_alpha(
        alpha
    )


def theme_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """Hallway's colour variables for a theme, from the theme's own CSS variables."""
    if not variables["background"].startswith("#"):  # an ANSI theme: the terminal's palette
        primary = variables["primary"]
        sources = {name: source for name, (source, _) in COLOURS.items()} | FOOTER_SOURCES
        return {
            **{name: variables[source] for name, source in sources.items()},
            "hallway-quiet": variables["text-muted"],
            "hallway-cursor": f"{primary} {CURSOR_ALPHA:.0%}",
            "hallway-cursor-blurred": f"{primary} {CURSOR_BLURRED_ALPHA:.0%}",
            "hallway-border": variables["panel-lighten-2"],
        }
    grounds = text_grounds(variables)
    found: dict[str, str] = {}
    for name, (source, drawn_on) in COLOURS.items():
        color = Color.parse(variables[source])
        found[name] = fitted(color, [grounds[ground] for ground in drawn_on]).hex
    quiet = grounds["screen"].blend(Color.parse(found["hallway-text"]), QUIET_STRENGTH)
    found["hallway-quiet"] = fitted(quiet, list(grounds.values())).hex
    footer = [grounds["screen"] + Color.parse(variables["footer-background"])]
    for name, source in FOOTER_SOURCES.items():
        found[name] = fitted(Color.parse(variables[source]), footer).hex
    # Pane borders: a lighter panel on a dark screen, a darker one on a light screen (a
    # lighter one would be white on white).
    dark = grounds["screen"].brightness < 0.5
    found["hallway-border"] = variables["panel-lighten-2" if dark else "panel-darken-2"]
    found["hallway-cursor"] = grounds["cursor"].hex
    found["hallway-cursor-blurred"] = grounds["cursor-blurred"].hex
    return found


def resolved(style: str, variables: Mapping[str, str]) -> str:
    """A style naming Hallway's colours (``"bold $hallway-primary"``) with each ``$name``
    replaced by its value, for Rich renderables Rich draws itself."""
    return " ".join(
        variables.get(word[1:], word) if word.startswith("$") else word for word in style.split()
    )
