"""Hallway's colours: the theme's own where they read well, fitted where they don't, and
following the theme in the app."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES

from hallway.store.db import Store
from hallway.widgets.colours import (
    COLOURS,
    LEAST_CONTRAST,
    contrast_ratio,
    fitted,
    resolved,
    text_grounds,
    theme_variables,
)
from hallway.widgets.notes import NotesPane
from tests.tui.tui_helpers import run_hallway, wait_for

BLACK, WHITE = Color(0, 0, 0), Color(255, 255, 255)


def variables(theme: str) -> dict[str, str]:
    return BUILTIN_THEMES[theme].to_color_system().generate()


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21)
    assert contrast_ratio(WHITE, BLACK) == pytest.approx(21)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1)
    # Known answers from WebAIM's contrast checker.
    assert contrast_ratio(Color.parse("#777777"), WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(Color.parse("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)


def test_a_colour_that_reads_well_is_kept_exactly() -> None:
    nord = Color.parse("#2E3440")
    assert fitted(Color.parse("#EBCB8B"), [nord]) == Color.parse("#EBCB8B")


def test_a_colour_that_does_not_is_moved_just_far_enough() -> None:
    yellow, light = Color.parse("#ffa62b"), Color.parse("#E0E0E0")  # textual-light's warning
    assert contrast_ratio(yellow, light) < 2
    amber = fitted(yellow, [light])
    assert LEAST_CONTRAST <= contrast_ratio(amber, light) < LEAST_CONTRAST + 0.15
    assert amber.brightness < yellow.brightness  # darker, on a light screen
    # On a mid blue (solarized's footer) black reads better than white ever could.
    blue = Color.parse("#268BD2")
    assert contrast_ratio(WHITE, blue) < LEAST_CONTRAST
    assert contrast_ratio(fitted(WHITE, [blue]), blue) >= LEAST_CONTRAST


@pytest.mark.parametrize("theme", sorted(n for n, t in BUILTIN_THEMES.items() if not t.ansi))
def test_every_colour_reads_on_its_grounds_in_every_theme(theme: str) -> None:
    found = theme_variables(variables(theme))
    grounds = text_grounds(variables(theme))
    for name, (_, drawn_on) in COLOURS.items():
        for ground in drawn_on:
            ratio = contrast_ratio(Color.parse(found[name]), grounds[ground])
            assert ratio >= LEAST_CONTRAST, (name, ground, ratio)
    for ground, colour in grounds.items():
        ratio = contrast_ratio(Color.parse(found["hallway-quiet"]), colour)
        assert ratio >= LEAST_CONTRAST, ("hallway-quiet", ground, ratio)


def test_nord_keeps_its_own_colours_where_they_read() -> None:
    nord = variables("nord")
    found = theme_variables(nord)
    assert found["hallway-text"] == nord["foreground"]
    assert found["hallway-warning"] == nord["warning"]  # stars
    assert found["hallway-secondary"] == nord["secondary"]  # roles and organisations
    # The theme's red reads at 3:1 on nord's background: it is lightened for what was refused.
    assert contrast_ratio(Color.parse(nord["error"]), Color.parse(nord["background"])) < 3.1
    assert found["hallway-error"] != nord["error"]


def test_ansi_themes_keep_the_terminals_colours() -> None:
    ansi = variables("ansi-dark")
    found = theme_variables(ansi)
    assert found["hallway-warning"] == ansi["warning"] == "ansi_yellow"
    assert found["hallway-cursor"] == "ansi_blue 25%"


def test_styles_for_rich_name_their_colours_resolved() -> None:
    assert resolved("bold $hallway-primary", {"hallway-primary": "#A6D0DC"}) == "bold #A6D0DC"
    assert resolved("italic", {}) == "italic"


async def test_text_built_in_code_follows_a_theme_change(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("j", "j")  # Maya: starred
        notes = app.screen.query_one(NotesPane)
        await wait_for(pilot, lambda: "meaningful" in notes.text)

        def star_colour() -> str:
            body = notes.query_one("#notes-body")
            for strip in body.render_lines(Region(0, 0, *body.region.size)):
                for segment in strip:
                    if "meaningful" in segment.text and segment.style and segment.style.color:
                        return Color.from_rich_color(segment.style.color).hex
            raise AssertionError("no star drawn")

        assert star_colour() == app.theme_variables["hallway-warning"] == "#EACB8B"
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert star_colour() == app.theme_variables["hallway-warning"] != "#EACB8B"
