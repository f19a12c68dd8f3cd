"""The debrief, driven by keys: cards oldest first, promote (new and merged), acquaintance,
let go, going back to change a decision; the store and the screen are both checked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, OptionList

from hallway.store import debrief
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.debrief import DebriefScreen
from hallway.tui.screens.promote import PromoteModal
from hallway.widgets.card import EncounterCard
from tests.clock import START, Clock
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def people(store: Store) -> dict[str, int]:
    live = store.live_event()
    assert live is not None
    return {e.name: e.id for e in store.encounters(live.id)}


@pytest.fixture
def known_store(live_store: Store, fixed_clock: Clock) -> Store:
    """Old Friend, a contact from last year, is met again at the live event (first card)."""
    old = next(e for e in live_store.encounters() if e.name == "Old Friend")
    debrief.promote(live_store, old.id, cadence_days=182)
    live = live_store.live_event()
    assert live is not None
    fixed_clock.at = START - timedelta(minutes=5)
    again = live_store.capture(
        "Old Friend @Oldco #chess #go -- promised to send the go club link", live.id
    )
    fixed_clock.at = START + timedelta(minutes=30)
    assert again.status == "new"
    return live_store


def card(app: HallwayApp) -> str:
    return app.screen.query_one(EncounterCard).text


async def test_cards_come_oldest_first_and_move_with_space_right_left(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        shown = card(app)
        for part in (
            "Maya Chen",
            "data engineer @ Acme",
            "#sourdough",
            "#baby-sitters-club",
            "promised my focaccia recipe",
            "send focaccia recipe",
            "met Thu 5 Mar 10:00",
        ):
            assert part in shown, part
        assert "up next: Zoë Ångström" in rendered(app.screen.query_one("#debrief-next"))
        assert app.screen.check_action("previous", ()) is False
        await pilot.press("space")
        assert "Zoë Ångström" in card(app)
        await pilot.press("right")
        assert "Tess Ng" in card(app)
        await pilot.press("left")
        assert "Zoë Ångström" in card(app)
        # Nothing was decided by looking.
        assert {e.status for e in live_store.encounters()} == {"new"}


async def test_promote_a_new_contact_with_rhythm_and_drafted_follow_up(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "p")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PromoteModal)
        assert modal.merge_into is None  # nobody like Maya yet: "a new contact"
        drafted = modal.query_one("#promote-follow-up", Input).value
        # Maya's promise is already open (her note made it one, "f" reworded it): the dialog
        # offers no near-copy of it (issue 10, point 1).
        assert drafted == ""
        # ... and says why the field is empty.
        label = rendered(modal.query_one("#promote-follow-up-label"))
        assert "Maya already has an open promise: send focaccia recipe" in label
        rhythm = modal.query_one("#promote-rhythm", OptionList)
        assert rhythm.highlighted == 1  # every 2 months by default
        rhythm.focus()
        await pilot.press("up")  # every 3 weeks
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        maya = live_store.encounter(people(live_store)["Maya Chen"])
        assert maya.status == "promoted" and maya.contact_id is not None
        contact = live_store.contact(maya.contact_id)
        assert (contact.name, contact.cadence_days, contact.org) == ("Maya Chen", 21, "Acme")
        [promise] = maya.follow_ups  # the one promise, not a second near-copy
        assert promise.text == "send focaccia recipe"
        assert promise.due == (START + timedelta(days=3)).date()
        assert "Zoë Ångström" in card(app)  # the next card shows


async def test_promote_merges_into_the_existing_contact_by_default(known_store: Store) -> None:
    [contact] = known_store.contacts()
    async with run_hallway(known_store) as (app, pilot):
        await pilot.press("d")
        await pilot.pause()
        assert "Old Friend" in card(app)
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PromoteModal)
        assert modal.merge_into == contact.id
        who = rendered(modal.query_one("#promote-who"))
        assert "merge into Old Friend, met at PyCon Berlin 2025" in who
        assert "a new contact" in who
        # The merged contact keeps their rhythm unless changed.
        assert modal.query_one("#promote-rhythm", OptionList).highlighted == 2
        # The note "promised to send the go club link" is already a promise: no draft repeats it.
        assert modal.query_one("#promote-follow-up", Input).value == ""
        await pilot.press("enter")
        await pilot.pause()
    [merged] = known_store.contacts()
    assert merged.id == contact.id and len(merged.encounter_ids) == 2
    assert merged.topics == ["chess", "go"] and merged.cadence_days == 182
    again = known_store.encounter(merged.encounter_ids[1])
    assert again.status == "promoted" and again.contact_id == contact.id
    assert [f.text for f in again.follow_ups] == ["Send Old the go club link"]


async def test_promote_into_a_contact_with_an_open_promise_proposes_no_other(
    live_store: Store, fixed_clock: Clock
) -> None:
    old = next(e for e in live_store.encounters() if e.name == "Old Friend")
    live_store.add_follow_up(old.id, "lend Old my chess book", (START + timedelta(days=2)).date())
    [contact] = [debrief.promote(live_store, old.id, cadence_days=182)]
    live = live_store.live_event()
    assert live is not None
    fixed_clock.at = START - timedelta(minutes=5)
    again = live_store.capture("Old Friend @Oldco #chess -- talked about openings", live.id)
    fixed_clock.at = START + timedelta(minutes=30)
    assert again.follow_ups == []  # nothing promised today
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "p")
        await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PromoteModal) and modal.merge_into == contact.id
        field = modal.query_one("#promote-follow-up", Input)
        label = modal.query_one("#promote-follow-up-label")
        # The contact's open promise is the first follow-up: no near-copy, and it says so.
        assert field.value == ""
        assert "Old already has an open promise: lend Old my chess book" in rendered(label)
        # A new contact instead: that promise is not theirs, so a draft is proposed.
        await pilot.press("down")
        await pilot.pause()
        assert modal.merge_into is None
        assert field.value == "Message Old about chess"
        assert "First follow-up, due Sun 8 Mar" in rendered(label)
        assert "open promise" not in rendered(label)
        await pilot.press("up")
        await pilot.pause()
        assert field.value == "" and "open promise" in rendered(label)
        # What the person typed is never replaced by a proposal.
        field.value = "bring the chess book to the next meetup"
        await pilot.press("down", "up")
        await pilot.pause()
        assert field.value == "bring the chess book to the next meetup"
        field.value = ""
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    [merged] = live_store.contacts()
    assert merged.id == contact.id and len(merged.encounter_ids) == 2
    promises = [f.text for i in merged.encounter_ids for f in live_store.encounter(i).follow_ups]
    assert promises == ["lend Old my chess book"]


async def test_promote_can_choose_a_new_contact_instead_of_merging(known_store: Store) -> None:
    async with run_hallway(known_store) as (app, pilot):
        await pilot.press("d", "p")
        await pilot.pause()
        await pilot.press("down")  # from the merge candidate to "a new contact"
        assert isinstance(app.screen, PromoteModal) and app.screen.merge_into is None
        await pilot.press("enter")
        await pilot.pause()
    assert sorted(len(c.encounter_ids) for c in known_store.contacts()) == [1, 1]


async def test_a_rhythm_typed_in_days_wins_and_a_bad_one_is_explained(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "p")
        await pilot.pause()
        app.screen.query_one("#promote-days", Input).focus()
        await pilot.press(*"soonish", "enter")
        modal = app.screen
        assert isinstance(modal, PromoteModal)  # refused: stays open, says why
        error = modal.query_one("#dialog-error")
        await wait_for(pilot, lambda: "not a rhythm I understand" in rendered(error))
        assert live_store.contacts() == []
        field = modal.query_one("#promote-days", Input)
        field.value = ""
        await pilot.press(*"45", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    [contact] = live_store.contacts()
    assert contact.cadence_days == 45


async def test_escape_in_the_dialog_promotes_nobody(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen) and "Maya Chen" in card(app)
    assert live_store.contacts() == []


async def test_acquaintance_let_go_then_back_to_change_a_decision(live_store: Store) -> None:
    ids = people(live_store)
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "a")  # Maya: acquaintance
        await pilot.pause()
        assert "Zoë Ångström" in card(app)
        await pilot.press("x")  # Zoë: let go
        await pilot.pause()
        assert live_store.encounter(ids["Maya Chen"]).status == "acquaintance"
        assert live_store.encounter(ids["Zoë Ångström"]).status == "let-go"
        assert "Tess Ng" in card(app)
        await pilot.press("left")
        assert "Zoë Ångström" in card(app) and "Decided: let go" in card(app)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        zoe = live_store.encounter(ids["Zoë Ångström"])
        assert zoe.status == "promoted" and zoe.contact_id is not None
        await pilot.press("left")  # change again: the new contact goes with the decision
        assert "Decided: promoted" in card(app)
        await pilot.press("x")
        await pilot.pause()
        assert live_store.encounter(ids["Zoë Ångström"]).status == "let-go"
        assert live_store.contacts() == []
        await pilot.press("left", "u")  # and back to undecided
        await pilot.pause()
        assert live_store.encounter(ids["Zoë Ångström"]).status == "new"


async def test_after_the_last_card_a_kind_end_and_no_decision_keys(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "a", "a", "x")
        await pilot.pause()
        screen = app.screen
        assert "That's everyone for now" in rendered(screen.query_one("#debrief-done"))
        for action in ("promote", "acquaintance", "let_go", "next"):
            assert screen.check_action(action, ()) is False
        shown = {active.binding.action for active in screen.active_bindings.values()}
        assert "promote" not in shown and "previous" in shown
        # Coming back later: the session's cards stay, so decisions can still be changed.
        await pilot.press("escape", "d")
        await pilot.pause()
        assert screen.check_action("previous", ()) is True


async def test_search_finds_a_promoted_person_as_a_contact_at_once(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        await pilot.press("d", "p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        index = app.search_index
        assert index is not None
        assert [hit.kind for hit in index.search("maya chen")] == ["contact"]
        await pilot.press("left", "x")
        await pilot.pause()
        assert [hit.kind for hit in index.search("maya chen")] == ["encounter"]


async def test_hostile_names_show_literally_on_the_card_and_in_the_dialog(store: Store) -> None:
    event = store.create_event("Evil Con", live=True)
    store.capture(
        "[bold]Mallory[/] [@click=app.quit]x[/] \x1b[31mred #chaos -- [i]hi[/i]", event.id
    )
    async with run_hallway(store) as (app, pilot):
        await pilot.press("d")
        await pilot.pause()
        shown = rendered(app.screen.query_one("#card-body"))
        assert "[bold]Mallory[/] [@click=app.quit]x[/] ␛[31mred" in shown
        assert "[i]hi[/i]" in shown and "\x1b" not in shown
        await pilot.click(EncounterCard, offset=(12, 1))
        await pilot.press("p")
        await pilot.pause()
        assert "[bold]Mallory[/]" in rendered(app.screen.query_one("#promote-name"))
        assert app.is_running


async def test_a_failed_promotion_keeps_the_dialog_and_what_was_typed(
    live_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hallway.store.errors import SaveError

    def disk_full(*args: object, **kwargs: object) -> None:
        raise SaveError("The disk is full; nothing was changed.")

    monkeypatch.setattr(debrief, "promote", disk_full)
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("d", "p")
        await wait_for(pilot, lambda: isinstance(app.screen, PromoteModal))
        modal = app.screen
        field = modal.query_one("#promote-follow-up", Input)
        field.value = "Send Maya the focaccia recipe tonight"
        modal.query_one("#promote-days", Input).value = "45"
        modal.query_one("#promote-days", Input).focus()
        await pilot.press("enter")
        error = modal.query_one("#dialog-error")
        await wait_for(pilot, lambda: "disk is full" in rendered(error))
        assert app.screen is modal
        assert field.value == "Send Maya the focaccia recipe tonight"
        assert modal.query_one("#promote-days", Input).value == "45"
    assert live_store.contacts() == []
