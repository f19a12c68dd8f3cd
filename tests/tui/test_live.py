"""The live screen, driven by real keys; assertions on the store and on what is shown."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from hallway.store.db import Store
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.capture import CaptureBar
from hallway.widgets.helper import HelperPane
from hallway.widgets.notes import NotesPane
from hallway.widgets.people import PeopleList
from hallway.widgets.timer import ConversationTimer
from tests.clock import START, Clock
from tests.tui.tui_helpers import rendered, run_hallway, wait_for


def live_event_id(store: Store) -> int:
    live = store.live_event()
    assert live is not None
    return live.id


async def test_opens_on_the_live_event_newest_first(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        people = rendered(app.screen.query_one(PeopleList))
        assert people.index("Tess Ng") < people.index("Zoë Ångström") < people.index("Maya")
        assert "#jazz" in people and "10:25" in people
        # Maya is meaningful and has an open promise: both marks on her row.
        maya_row = next(line for line in people.splitlines() if "Maya Chen" in line)
        assert "★" in maya_row and "⚑" in maya_row
        assert "Tess Ng" in app.screen.query_one(NotesPane).text


async def test_j_k_and_arrows_move_the_selection(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("j")
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name == "Zoë Ångström"
        await pilot.press("down")
        await pilot.pause()
        assert screen.selected.name == "Maya Chen"
        notes = screen.query_one(NotesPane).text
        assert "data engineer @ Acme" in notes and "promised my focaccia recipe" in notes
        assert "send focaccia recipe" in notes
        await pilot.press("k", "up")
        await pilot.pause()
        assert screen.selected.name == "Tess Ng"


async def test_mouse_click_selects_a_person(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        people = screen.query_one(PeopleList)
        # Rows are two lines high: the third person starts on line 4 of the list.
        await pilot.click(people, offset=(12, 4))
        await pilot.pause()
        assert screen.selected is not None and screen.selected.name == "Maya Chen"


async def test_n_captures_a_person_who_becomes_selected(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("n")
        assert isinstance(app.focused, Input)
        await pilot.press(*"Ann Lee @Beta #chess -- plays q-side", "enter")
        await pilot.pause()
        saved = live_store.encounters(live_event_id(live_store))[0]
        assert (saved.name, saved.org, saved.topics) == ("Ann Lee", "Beta", ["chess"])
        assert saved.notes[0].text == "plays q-side"
        assert screen.selected is not None and screen.selected.id == saved.id
        assert app.focused is screen.query_one(PeopleList)
        assert "Ann Lee" in screen.query_one(NotesPane).text
        assert screen.query_one(CaptureBar).value == ""
        assert "Saved Ann Lee" in screen.query_one(CaptureBar).hint


async def test_refused_capture_keeps_the_text_and_says_why(live_store: Store) -> None:
    before = len(live_store.encounters())
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("n", *"#jazz only", "enter")
        await pilot.pause()
        bar = app.screen.query_one(CaptureBar)
        assert bar.value == "#jazz only"
        assert "Start with the person's name" in bar.hint
        assert "Start with the person" in rendered(bar.query_one("#capture-hint"))
        assert isinstance(app.focused, Input)
    assert len(live_store.encounters()) == before


async def test_t_adds_a_note_and_its_tags_become_topics(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("t")
        bar = app.screen.query_one(CaptureBar)
        assert "Note for Tess Ng ›" in rendered(bar.query_one("#capture-prompt"))
        await pilot.press(*"loves #vinyl records", "enter")
        await pilot.pause()
        tess = live_store.encounters(live_event_id(live_store))[0]
        assert tess.notes[-1].text == "loves #vinyl records"
        assert tess.topics == ["jazz", "vinyl"]
        notes = app.screen.query_one(NotesPane).text
        assert "#vinyl" in notes and "loves #vinyl records" in notes
        assert "New person ›" in rendered(bar.query_one("#capture-prompt"))


async def test_f_adds_a_promise_due_in_three_days(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("f")
        assert "Promise to Tess Ng ›" in rendered(app.screen.query_one("#capture-prompt"))
        await pilot.press(*"send the drum video", "enter")
        await pilot.pause()
        tess = live_store.encounters(live_event_id(live_store))[0]
        assert [(p.text, p.due) for p in tess.follow_ups] == [
            ("send the drum video", (START + timedelta(days=3)).date())
        ]
        assert "send the drum video" in app.screen.query_one(NotesPane).text
        people = rendered(app.screen.query_one(PeopleList))
        assert "⚑" in next(line for line in people.splitlines() if "Tess Ng" in line)


async def test_escape_leaves_the_bar_without_saving(live_store: Store) -> None:
    before = live_store.encounters()
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("t", *"half a thought", "escape")
        await pilot.pause()
        assert app.focused is app.screen.query_one(PeopleList)
        assert app.screen.query_one(CaptureBar).mode == "person"
    assert live_store.encounters() == before


async def test_m_toggles_meaningful(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        assert live_store.encounters(live_event_id(live_store))[0].meaningful
        tess_row = rendered(app.screen.query_one(PeopleList)).splitlines()[0]
        assert "★" in tess_row
        await pilot.press("m")
        await pilot.pause()
        assert not live_store.encounters(live_event_id(live_store))[0].meaningful
        assert "★" not in rendered(app.screen.query_one(PeopleList)).splitlines()[0]


async def test_timer_runs_each_second_and_freezes_when_ended(
    live_store: Store, fixed_clock: Clock
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        timer = app.screen.query_one(ConversationTimer)
        await pilot.pause()
        # Tess was met at 10:25; it is 10:30.
        assert str(timer.describe()) == "talking 5:00"
        fixed_clock.advance(seconds=42)
        await pilot.pause(1.1)  # the timer's own one-second tick must show the new time
        assert "5:42" in rendered(timer)
        await pilot.press("e")
        await pilot.pause()
        tess = live_store.encounters(live_event_id(live_store))[0]
        assert tess.ended_at == START + timedelta(minutes=30, seconds=42)
        fixed_clock.advance(minutes=10)
        await pilot.pause(1.1)
        assert "ended after 5:42" in rendered(timer)
        # Once ended, "e" no longer applies and is hidden.
        assert app.screen.check_action("end_conversation", ()) is False


async def test_helper_modes_give_the_next_line_each_press(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        helper = app.screen.query_one(HelperPane)
        await pilot.press("s")
        first = helper.line
        assert helper.mode == "starter" and first
        assert "Keep it going" in str(helper.border_title)
        await pilot.press("s")
        assert helper.line and helper.line != first
        await pilot.press("l")
        assert helper.mode == "exit" and "Leave gracefully" in str(helper.border_title)
        exit_line = helper.line
        await pilot.press("l")
        assert helper.line != exit_line
        assert helper.line.split()[0].strip(",") in rendered(helper)


async def test_helper_lines_use_the_first_name_or_a_topic(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        helper = app.screen.query_one(HelperPane)
        lines = []
        for _ in range(12):
            await pilot.press("l")
            lines.append(helper.line)
        assert any("Tess" in line or "jazz" in line for line in lines)
        assert not any("{" in line for line in lines)


async def test_person_keys_are_hidden_when_nobody_is_there(store: Store) -> None:
    event = store.create_event("Empty meetup", live=True)
    async with run_hallway(store) as (app, pilot):
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen) and screen.event_id == event.id
        assert "No one yet — press n and type a name" in rendered(screen.query_one("#people-empty"))
        for action in ("add_note", "add_follow_up", "toggle_meaningful", "end_conversation"):
            assert screen.check_action(action, ()) is False
        shown = {active.binding.action for active in screen.active_bindings.values()}
        assert "add_note" not in shown and "new_person" in shown
        await pilot.press("t", "f", "m", "e")
        assert store.encounters() == []
        await pilot.press("n", *"First Person", "enter")
        await pilot.pause()
        assert screen.check_action("add_note", ()) is True


async def test_q_quits_but_types_q_in_the_bar(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("n", "q")
        assert app.screen.query_one(CaptureBar).value == "q"
        assert app.is_running
        # Escape keeps the "q" for later; ctrl+u clears it, then q quits at once.
        await pilot.press("escape", "n", "ctrl+u", "escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_escape_keeps_a_long_line_for_later_and_ctrl_u_clears_it(
    live_store: Store,
) -> None:
    from hallway.tui.screens.modals import ConfirmModal

    before = live_store.encounters()
    long_line = "Ravi Shankar @Sitar -- " + "ragas and late trains, " * 90  # ~2,000 characters
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        bar = screen.query_one(CaptureBar)
        await pilot.press("n")
        bar.input.insert_text_at_cursor(long_line)  # as a paste lands
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is screen.query_one(PeopleList)
        assert bar.value == long_line  # still there, as after tab
        assert "Kept this line for later: n goes on with it" in rendered(
            bar.query_one("#capture-hint")
        )
        # A note typed for Tess and put away comes back for her, not for someone else.
        await pilot.press("t", *"loves Blue Note", "escape")
        await pilot.pause()
        assert bar.mode == "person" and bar.value == long_line
        assert "Kept your note for Tess: t goes on with it" in bar.hint
        await pilot.press("t")
        assert bar.value == "loves Blue Note" and bar.mode == "note"
        await pilot.press("escape", "n")
        assert bar.value == long_line and app.focused is bar.input
        await pilot.press("end", *" ok")
        assert bar.value == long_line + " ok"
        await pilot.press("escape")
        # Quitting now asks: the line and the note are typed and not saved.
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        # ctrl+u in the bar is the way to throw a line away.
        await pilot.press("n", "ctrl+u")
        assert bar.value == "" and "Cleared" in bar.hint
        await pilot.press("escape")
        assert bar.value == "" and bar.unsaved() == ["loves Blue Note"]
    assert live_store.encounters() == before


async def test_ctrl_q_quits_from_inside_the_bar(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("n", "ctrl+q")  # nothing typed: quits at once
        await wait_for(pilot, lambda: not app.is_running)


async def test_ctrl_q_with_text_in_the_bar_asks_then_quits(live_store: Store) -> None:
    from hallway.tui.screens.modals import ConfirmModal

    async with run_hallway(live_store) as (app, pilot):
        await pilot.press("n", "a", "ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)


async def test_d_c_slash_open_the_real_screens_and_escape_comes_back(live_store: Store) -> None:
    from hallway.tui.screens.contacts import ContactsScreen
    from hallway.tui.screens.debrief import DebriefScreen
    from hallway.tui.screens.search import SearchScreen

    async with run_hallway(live_store) as (app, pilot):
        live = app.screen
        for key, kind in (("d", DebriefScreen), ("c", ContactsScreen), ("slash", SearchScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind)
            await pilot.press("escape")
            await pilot.pause()
            # The same live screen instance: kept installed, so switching back is instant.
            assert app.screen is live
        assert not app._notifications


async def test_failed_save_notifies_and_keeps_the_text(live_store: Store, monkeypatch) -> None:
    from hallway.store.errors import SaveError

    def full_disk(*args: object, **kwargs: object) -> None:
        raise SaveError("The disk is full, so the note was not saved. Free some space.")

    async with run_hallway(live_store) as (app, pilot):
        monkeypatch.setattr(live_store, "add_note", full_disk)
        await pilot.press("t", *"keep me", "enter")
        await pilot.pause()
        bar = app.screen.query_one(CaptureBar)
        assert bar.value == "keep me" and bar.mode == "note"
        assert "disk is full" in bar.hint
        assert any("disk is full" in n.message for n in app._notifications)
