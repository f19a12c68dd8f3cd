"""A narrow terminal (a phone, a split pane) stacks the panes: side by side, the right-hand pane
was a dozen columns wide, a word per line. Every screen follows the width it is shown at, also
one opened, or come back to, after the terminal was resized."""

from __future__ import annotations

from textual.widget import Widget

from hallway.store.db import Store
from hallway.tui.app import NARROW_BELOW
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.live import LiveScreen
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def stacked(upper: Widget, lower: Widget) -> bool:
    """``lower`` is drawn below ``upper``, both the full width of the screen."""
    width = upper.screen.size.width
    return (
        lower.region.y >= upper.region.bottom
        and upper.region.width == width
        and lower.region.width == width
    )


def side_by_side(left: Widget, right: Widget) -> bool:
    """``right`` is drawn to the right of ``left``, on the same rows."""
    return right.region.x >= left.region.right and right.region.y == left.region.y


async def test_a_narrow_terminal_stacks_the_live_and_events_panes(live_store: Store) -> None:
    assert 45 < NARROW_BELOW <= 80  # 80 columns keeps the panes side by side
    async with run_hallway(live_store, size=(45, 30)) as (app, pilot):
        live = app.screen
        assert isinstance(live, LiveScreen)
        people, notes = live.query_one("#people-box"), live.query_one("#notes")
        await wait_for(pilot, lambda: stacked(people, notes))
        # The Notes pane is wide enough to read: Tess's name and role on one row each.
        await wait_for(pilot, lambda: "Tess Ng" in rendered(live.query_one("#notes-body")))
        lines = rendered(live.query_one("#notes-body")).splitlines()
        assert any(line.strip() == "Tess Ng" for line in lines)
        assert any(line.strip() == "drummer" for line in lines)

        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, EventsScreen))
        events = app.screen
        left, detail = events.query_one("#events-left"), events.query_one("#event-detail")
        await wait_for(pilot, lambda: stacked(left, detail))
        assert "PyCon Berlin 2026" in rendered(events.query_one("#events"))

        # Wider again while the events screen is shown, then back to the live screen,
        # which was not shown during the resize: both side by side.
        await pilot.resize_terminal(120, 36)
        await wait_for(pilot, lambda: side_by_side(left, detail))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is live)
        await wait_for(pilot, lambda: side_by_side(people, notes))
        assert not live.has_class("-narrow")


async def test_eighty_columns_keep_the_panes_side_by_side(live_store: Store) -> None:
    async with run_hallway(live_store, size=(80, 24)) as (app, pilot):
        live = app.screen
        people, notes = live.query_one("#people-box"), live.query_one("#notes")
        await wait_for(pilot, lambda: side_by_side(people, notes))
        assert live.has_class("-wide") and not live.has_class("-narrow")
