"""The pieces that keep the UI fast at ten thousand people: lazy fixed-height rows, a footer
that neither rebuilds for nothing nor keeps removed keys alive, incremental saves on the live
screen (other processes' saves still arrive), and the start-up pause of the cyclic GC."""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from hallway.store.db import Store
from hallway.tui import heap as heap_module
from hallway.tui.app import HallwayApp
from hallway.tui.heap import SETTLE_FROM_RECORDS, StartupHeap
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.footer import FooterItem, HallwayFooter
from hallway.widgets.helper import HelperPane
from hallway.widgets.people import PeopleList
from hallway.widgets.rows import LazyRow, RowList
from tests.tui.tui_helpers import rendered, wait_for

ROWS = 1_000


def shown(footer: HallwayFooter) -> list[str]:
    """The descriptions of the keys the footer shows."""
    return [key.description for key in footer.query(FooterItem)]


def row(index: int) -> Text:
    """Two lines, as the people and contacts lists have."""
    return Text(f"Person {index}\n   #topic-{index % 7}")


class Rows(App[None]):
    """A RowList of lazy rows beside an OptionList of the same rows, built eagerly."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[int] = []

    def make(self, index: int) -> Text:
        self.made.append(index)
        return row(index)

    def compose(self) -> ComposeResult:
        lazy = [LazyRow(partial(self.make, i)) for i in range(ROWS)]
        yield RowList(*lazy, id="lazy")
        yield OptionList(*[Option(row(i), id=str(i)) for i in range(ROWS)], id="eager")

    CSS = "RowList, OptionList { height: 10; text-wrap: nowrap; }"


async def test_a_row_list_builds_only_the_rows_it_draws_and_draws_them_like_an_option_list() -> (
    None
):
    app = Rows()
    async with app.run_test(size=(60, 24)) as pilot:
        lazy = app.query_one("#lazy", RowList)
        eager = app.query_one("#eager", OptionList)
        await pilot.pause()
        assert lazy.virtual_size.height == eager.virtual_size.height == 2 * ROWS
        assert 0 < len(app.made) <= 10  # five two-line rows fit; none of the other 995
        assert rendered(lazy) == rendered(eager)
        for widget in (lazy, eager):
            widget.highlighted = ROWS - 1
        await pilot.pause()
        assert "Person 999" in rendered(lazy)
        assert rendered(lazy) == rendered(eager)
        assert len(app.made) <= 20


def live_widgets() -> int:
    """How many widgets are alive (after a full collection)."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Widget))


async def test_the_footer_rebuilds_only_when_its_keys_change_and_frees_removed_keys(
    live_store: Store,
) -> None:
    app = HallwayApp(live_store, poll_interval=60)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        footer = screen.query_one(HallwayFooter)
        await pilot.pause()
        keys = list(footer.query(FooterItem))
        assert shown(footer)[:3] == ["New", "Note", "Promise"]
        screen.refresh_bindings()  # nothing changed: the same key widgets stay
        await pilot.pause()
        assert list(footer.query(FooterItem)) == keys
        widgets: list[int] = []
        for rounds in range(20):  # n hides n/t/f while typing; escape shows them again
            await pilot.press("n")
            await pilot.pause()
            assert "Note" not in shown(footer)
            await pilot.press("escape")
            await pilot.pause()
            assert "Note" in shown(footer)
            if rounds in (9, 19):
                widgets.append(live_widgets())
        alive = [key for key in gc.get_objects() if isinstance(key, FooterItem)]
        # Every installed screen's footer, nothing from the forty rebuilds.
        assert len(alive) <= 3 * len(keys), len(alive)
        # Ten more rounds of rebuilds kept nothing alive: no widget, and so no watcher or
        # signal subscription holding one.
        assert widgets[1] <= widgets[0], widgets


async def test_a_click_on_a_footer_key_runs_its_action_where_it_is_bound(
    live_store: Store,
) -> None:
    app = HallwayApp(live_store, poll_interval=60)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        footer = screen.query_one(HallwayFooter)
        await pilot.pause()
        helper = screen.query_one(HelperPane)
        assert helper.mode != "starter"
        keys = {key.description: key for key in footer.query(FooterItem)}
        await pilot.click(keys["Keep going"])  # an action with a parameter
        await pilot.pause()
        assert helper.mode == "starter" and helper.line
        await pilot.click(keys["New"])
        await pilot.pause()
        assert app.focused is screen.query_one("#capture-input")
        assert "Note" not in shown(footer)  # typing: the person keys are hidden
        # The click ran the action and typed nothing.
        assert isinstance(app.focused, Input) and app.focused.value == ""


async def test_a_save_shows_at_once_and_another_process_save_loaded_by_it_still_arrives(
    live_store: Store, db_path: Path
) -> None:
    app = HallwayApp(live_store, poll_interval=0.05)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        with Store.open(db_path) as other:
            other.capture("Remote Rita @Elsewhere")
        # Saved before the poll noticed Rita: this save loads her first.
        live_store.capture("Quick Quinn")  # as if another screen had saved
        await pilot.press("n", *"Local Lou #tea", "enter")
        await wait_for(pilot, lambda: screen.selected is not None)
        people = screen.query_one(PeopleList)
        assert screen.selected is not None and screen.selected.name == "Local Lou"
        await wait_for(pilot, lambda: "Remote Rita" in rendered(people))
        assert "Quick Quinn" in rendered(people)


def test_the_startup_heap_pauses_the_collector_and_freezes_only_big_stores(
    store: Store,
) -> None:
    assert gc.isenabled()
    heap = StartupHeap()
    heap.pause()
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    heap.settle(store.size())  # a small store: nothing to set aside
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    heap.pause()  # settled: start-up is over, no second pause
    assert gc.isenabled()

    with store.transaction():
        for number in range(1, SETTLE_FROM_RECORDS + 1):
            store.storage.put_doc("events", str(number), {"name": f"E{number}"})
    big = StartupHeap()
    big.pause()
    try:
        big.settle(store.size())
        assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()


async def test_closing_before_the_index_is_built_leaves_the_collector_on(
    live_store: Store,
) -> None:
    app = HallwayApp(live_store, poll_interval=60)
    async with app.run_test(size=(120, 36)):
        assert not gc.isenabled() or app.search_index is not None
    assert gc.isenabled()


def test_a_pause_from_the_start_is_taken_over_by_the_app_or_ended_by_a_command() -> None:
    assert gc.isenabled()
    try:
        heap_module.pause_from_start()  # as the entry points do, before their imports
        assert not gc.isenabled()
        heap = StartupHeap()
        heap.pause()  # the app mounts: the start's pause is its own now
        heap_module.resume_from_start()  # (nothing left to end)
        assert not gc.isenabled()
        heap.settle(0)
        assert gc.isenabled()

        heap_module.pause_from_start()
        heap_module.resume_from_start()  # any other command, once its arguments are read
        assert gc.isenabled()
    finally:
        gc.enable()


async def test_once_settled_the_app_packs_what_nothing_has_read(db_path: Path) -> None:
    with Store.open(db_path) as setup:  # a past event, big enough to be worth packing
        past = setup.create_event("Past Conference")
        for number in range(60):
            setup.capture(f"Person {number} @Acme #bread -- talked about rye and choirs", past.id)
        setup.create_event("Live Meetup")
    with Store.open(db_path) as store:
        app = HallwayApp(store, poll_interval=60)
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: app.search_index is not None)
            await app.workers.wait_for_complete()
            assert store.pack_unread() == 0  # the app packed it already
            assert store.storage.held_parts("encounters") == [str(past.id)]
            assert len(store.encounters(past.id)) == 60  # and it reads back


async def test_once_the_first_screen_is_drawn_the_grammars_saves_read_are_compiled(
    live_store: Store,
) -> None:
    from hallway.store import due_dates, promises

    promises._patterns.cache_clear()  # as in a fresh process: compiled on first use
    due_dates._due_patterns.cache_clear()
    app = HallwayApp(live_store, poll_interval=60)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(
            pilot,
            lambda: (
                promises._patterns.cache_info().currsize == 1
                and due_dates._due_patterns.cache_info().currsize == 1
            ),
        )
