"""The config file in the app: the promote dialog offers the configured rhythm, the contacts list
says "due this week" by the configured week, and problems in the file are said on screen."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, OptionList

from hallway.store import debrief
from hallway.store.config import Settings
from hallway.store.db import Store
from hallway.tui.screens.promote import PromoteModal
from hallway.widgets.contacts import ContactList
from tests.clock import START
from tests.tui.tui_helpers import run_hallway, wait_for


def tuned(store: Store, **settings: object) -> Store:
    """The same database, opened with these settings (as the command line does)."""
    return Store(store.path, store.storage, Settings(**settings))  # type: ignore[arg-type]


async def test_the_promote_dialog_offers_the_configured_rhythm(live_store: Store) -> None:
    store = tuned(live_store, rhythm_days=21)
    async with run_hallway(store) as (app, pilot):
        await pilot.press("d", "p")
        await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
        rhythm = app.screen.query_one("#promote-rhythm", OptionList)
        assert rhythm.highlighted == 0  # every 3 weeks
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, PromoteModal))
        [contact] = store.contacts()
        assert contact.cadence_days == 21


async def test_a_rhythm_not_on_the_list_is_typed_in_for_you(live_store: Store) -> None:
    store = tuned(live_store, rhythm_days=45)
    async with run_hallway(store) as (app, pilot):
        await pilot.press("d", "p")
        await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
        assert app.screen.query_one("#promote-days", Input).value == "45 days"


async def test_contacts_say_due_this_week_by_the_configured_week(live_store: Store) -> None:
    # Thursday 5 March 2026; Maya is due on Monday 9 March.
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    contact = debrief.promote(live_store, maya.id, cadence_days=4)
    assert contact.next_due == (START + timedelta(days=4)).date()
    for settings, label in (({}, "due this week"), ({"week_start": 0}, "in touch recently")):
        assert label in await _first_contact_row(tuned(live_store, **settings))


async def _first_contact_row(store: Store) -> str:
    async with run_hallway(store) as (app, pilot):
        await pilot.press("c")
        await wait_for(pilot, lambda: bool(app.screen.query(ContactList)))
        rows = app.screen.query_one(ContactList)
        await wait_for(pilot, lambda: rows.row_count == 1)
        return str(rows.rows[0].prompt)


async def test_problems_in_the_config_file_are_said_on_screen(live_store: Store) -> None:
    problem = "/home/ann/.config/hallway/config.toml: rhythm = 0 is not a number of days"
    async with run_hallway(live_store, notices=[problem]) as (app, pilot):
        # As the other app tests do: the notifications the app raised.
        await wait_for(pilot, lambda: bool(app._notifications))
        [shown] = list(app._notifications)
        assert (shown.title, shown.message, shown.severity) == ("Config file", problem, "warning")
