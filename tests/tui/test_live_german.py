"""The live screen in German: its words, and the helper's du or Sie (asked once per event,
saved, switched with a; never asked in English, nor when the config file chose a form)."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from hallway.store import i18n
from hallway.store.db import Store
from hallway.store.phrases import PhraseDeck
from hallway.tui.screens.help import HelpScreen
from hallway.tui.screens.live import LiveScreen
from hallway.tui.screens.live_helper import spoken_topic
from hallway.widgets.capture import CaptureBar
from hallway.widgets.helper import HelperPane
from hallway.widgets.notes import NotesPane
from tests.tui.screen_words import screen_text
from tests.tui.tui_helpers import palette_text, rendered, run_hallway, wait_for


def live_event_id(store: Store) -> int:
    """The live event of the ``live_store`` fixture."""
    return next(event.id for event in store.events() if event.live)


def shown(app: object) -> str:
    """Everything on screen, as one text."""
    return "\n".join(screen_text(app))  # type: ignore[arg-type]


def first_line(form: str, mode: str, first: str, topics: list[str]) -> str:
    """The first line a fresh German deck deals to ``first`` (decks are seeded)."""
    make = PhraseDeck.starters if mode == "starter" else PhraseDeck.exits
    deck = make(language="de", form=form)
    return deck.next(first, [spoken_topic(t, "de") for t in topics]).text


async def test_the_live_screen_speaks_german(live_store: Store) -> None:
    i18n.use("de")
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.pause()
        text = shown(app)
        assert "Wen ich getroffen habe" in text
        assert "Themen" in text and "Notizen" in text and "Versprechen" in text
        assert "n: neue Person · t: Notiz · f: Versprechen" in text
        await pilot.press("n")
        bar = app.screen.query_one(CaptureBar)
        assert bar.input.placeholder.startswith("Maya Chen, Data Engineer @Acme #sauerteig")
        assert "Focaccia-Rezept versprochen" in bar.input.placeholder
        await pilot.press(*"Lea Wolf @Zeiss #chorsingen", "enter")
        await wait_for(pilot, lambda: "Lea Wolf gespeichert." in bar.hint)
        assert "n für die nächste Person" in bar.hint
        await pilot.press("t", *"mag #bouldern", "enter")
        await wait_for(pilot, lambda: "Notiz für Lea Wolf gespeichert." in bar.hint)
        notes = app.screen.query_one(NotesPane).text
        assert "#bouldern" in notes and "getroffen" in notes


async def test_german_helper_asks_du_or_sie_once_and_remembers(live_store: Store) -> None:
    i18n.use("de")
    event_id = live_event_id(live_store)
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        pane = screen.query_one(HelperPane)
        await pilot.press("s")
        await pilot.pause()
        assert "Du oder Sie?" in shown(app)
        assert pane.line == ""  # no German line before the answer
        assert live_store.event(event_id).address_form is None
        await pilot.press("1")
        await wait_for(pilot, lambda: pane.line != "")
        assert live_store.event(event_id).address_form == "du"
        person = screen.selected
        assert person is not None
        assert pane.line == first_line("du", "starter", person.first_name, person.topics)
        assert pane.border_title == "Helfer · Einstieg · du"
        # Asked once: the next line comes at once, in the same form.
        await pilot.press("l")
        await pilot.pause()
        assert "Du oder Sie?" not in shown(app)
        assert pane.border_title == "Helfer · Abschied · du"
        assert pane.line == first_line("du", "exit", person.first_name, person.topics)
        # a switches to Sie for this event: the line shown is replaced by a Sie line.
        await pilot.press("a")
        await wait_for(pilot, lambda: live_store.event(event_id).address_form == "sie")
        assert pane.border_title == "Helfer · Abschied · Sie"
        assert pane.line == first_line("sie", "exit", person.first_name, person.topics)
        assert "siezt" in screen.capture_bar.hint
    # Remembered for the event: a new session asks nothing.
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.press("s")
        pane = app.screen.query_one(HelperPane)
        await wait_for(pilot, lambda: pane.line != "")
        assert pane.border_title == "Helfer · Einstieg · Sie"


async def test_the_answer_can_be_tapped(live_store: Store) -> None:
    i18n.use("de")
    event_id = live_event_id(live_store)
    async with run_hallway(live_store, size=(45, 30)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.press("l")
        await pilot.pause()
        assert "Du oder Sie?" in shown(app)  # one pane at a time: the helper is shown
        await pilot.click("HelperAsk.-answer", offset=(2, 0))  # the first answer: du
        pane = app.screen.query_one(HelperPane)
        await wait_for(pilot, lambda: pane.line != "")
        assert live_store.event(event_id).address_form == "du"
        assert pane.mode == "exit"


async def test_a_form_in_the_config_file_means_never_ask(live_store: Store) -> None:
    i18n.use("de")
    live_store.settings = replace(live_store.settings, address_form="sie")
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.press("s")
        pane = app.screen.query_one(HelperPane)
        await wait_for(pilot, lambda: pane.line != "")
        assert "Du oder Sie?" not in shown(app)
        assert pane.border_title == "Helfer · Einstieg · Sie"
    assert live_store.event(live_event_id(live_store)).address_form is None  # nothing saved


async def test_english_never_asks_and_a_is_no_key(live_store: Store) -> None:
    event_id = live_event_id(live_store)
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.press("s")
        pane = app.screen.query_one(HelperPane)
        await wait_for(pilot, lambda: pane.line != "")
        assert pane.border_title == "Helper · Keep it going"
        await pilot.press("a", "1")
        await pilot.pause()
        assert pane.border_title == "Helper · Keep it going"
        assert "Du oder Sie" not in shown(app) and "du/Sie" not in shown(app)
    assert live_store.event(event_id).address_form is None


def test_german_topics_are_spoken_with_a_capital() -> None:
    assert spoken_topic("sauerteig", "de") == "Sauerteig"
    assert spoken_topic("sourdough", "en") == "sourdough"
    assert spoken_topic("", "de") == ""


async def help_rows(app: App[object], pilot: Pilot[object]) -> dict[str, str]:
    """Open the help from the live screen: its own section's rows (keys -> what they do), and
    check the rendered table shows the du/Sie rows; back to the live screen."""
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
    help_screen = app.screen
    own = dict(help_screen.sections[0][1])
    text = rendered(help_screen.query_one("#help-box Static"))
    for keys in ("a", "1 / 2"):
        if keys in own:
            assert own[keys] in text  # short enough never to wrap
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
    return own


async def test_german_help_lists_the_du_sie_keys(live_store: Store) -> None:
    i18n.use("de")
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        own = await help_rows(app, pilot)
        assert own["a"] == "du/Sie wechseln"
        assert "1 / 2" not in own  # nothing asked yet
        await pilot.press("s")
        await wait_for(pilot, lambda: "Du oder Sie?" in shown(app))
        own = await help_rows(app, pilot)
        assert own["a"] == "du/Sie wechseln"
        assert own["1 / 2"] == "dem Helfer antworten: du oder Sie"
        await pilot.press("2")
        pane = app.screen.query_one(HelperPane)
        await wait_for(pilot, lambda: pane.line != "")
        assert "1 / 2" not in await help_rows(app, pilot)


async def test_english_help_never_lists_them(live_store: Store) -> None:
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        own = await help_rows(app, pilot)
        assert "a" not in own and "1 / 2" not in own
        assert not any("du" in what.split() or "Sie" in what for what in own.values())


async def palette_pick(app: App[object], pilot: Pilot[object], typed: str, title: str) -> None:
    """Open the palette, type, wait for ``title`` to be the highlighted hit and run it."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*typed)

    def highlighted() -> str:
        option = app.screen.query_one(CommandList).highlighted_option
        return "" if option is None else str(option.prompt)

    # Hits arrive as the providers find them: enter only once ours is the one highlighted.
    await wait_for(pilot, lambda: title in palette_text(app) and title in highlighted())
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))


async def test_german_palette_switches_and_answers_du_or_sie(live_store: Store) -> None:
    i18n.use("de")
    event_id = live_event_id(live_store)
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        # No form yet: switching asks first.
        await palette_pick(app, pilot, "Helfer: du/Sie wechseln", "Helfer: du/Sie wechseln (a)")
        await wait_for(pilot, lambda: "Du oder Sie?" in shown(app))
        assert live_store.event(event_id).address_form is None
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Helfer")
        await wait_for(pilot, lambda: "Helfer: siezen (2)" in palette_text(app))
        assert "Helfer: duzen (1)" in palette_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await palette_pick(app, pilot, "Helfer: siezen", "Helfer: siezen (2)")
        await wait_for(pilot, lambda: live_store.event(event_id).address_form == "sie")
        await palette_pick(app, pilot, "Helfer: du/Sie wechseln", "Helfer: du/Sie wechseln (a)")
        await wait_for(pilot, lambda: live_store.event(event_id).address_form == "du")
        # Answered: the palette no longer offers the answers.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Helfer")
        await wait_for(pilot, lambda: "Helfer: du/Sie wechseln (a)" in palette_text(app))
        assert "siezen" not in palette_text(app) and "duzen" not in palette_text(app)


async def test_english_palette_never_offers_them(live_store: Store) -> None:
    async with run_hallway(live_store, size=(120, 36)) as (app, pilot):
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"helper")
        await wait_for(pilot, lambda: "helper: leave gracefully" in palette_text(app))
        assert "du/Sie" not in palette_text(app) and "say Sie" not in palette_text(app)
