"""Hallway's own screens in German: contacts and their dialogs, events, search, help, the
command palette, the footer, quitting, ending an event, starting one and exporting -- read
off the screen with German switched on in the test (the autouse fixture speaks English
again afterwards), and no word cut in two at a phone's and a laptop's size."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from hallway.store import i18n
from hallway.store.contacts import give_take_words
from hallway.store.db import Store
from hallway.store.drafts import Draft, save_drafts
from hallway.store.records import GiveTake
from hallway.store.rhythm import cadence_field, parse_cadence
from hallway.tui.app import HallwayApp
from hallway.tui.commands import HallwayCommands, noun_kind
from hallway.tui.screens.choice import ChoiceModal, FieldsModal
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.events import EventsScreen
from hallway.tui.screens.export import ExportModal
from hallway.tui.screens.help import HelpScreen
from hallway.tui.screens.modals import ConfirmModal, NewEventModal
from hallway.tui.screens.person_edit import PersonEditModal
from hallway.tui.screens.search import SearchScreen
from hallway.widgets.contacts import ContactDetail
from hallway.widgets.editor import EditorProblem, editor_command
from hallway.widgets.footer import FooterItem
from tests.clock import START
from tests.tui.screen_words import cut_words, screen_text
from tests.tui.test_drafts import notified
from tests.tui.test_whole_words import SIZES, clipped_keys, settle
from tests.tui.tui_helpers import palette_text, run_hallway, wait_for


@pytest.fixture(autouse=True)
def german() -> None:
    """Every test here speaks German (tests/conftest.py's fixture returns to English)."""
    i18n.use("de")


def shown(app: HallwayApp) -> str:
    """The whole screen as the terminal shows it (dialogs over what they cover)."""
    return "\n".join(screen_text(app))


def footer_words(app: HallwayApp) -> list[str]:
    """The descriptions the footer shows now."""
    return [item.description for item in app.screen.query(FooterItem)]


async def open_contacts(app: HallwayApp, pilot: Pilot[None]) -> ContactsScreen:
    await pilot.press("c")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


async def test_contacts_speak_german_in_the_list_the_story_and_the_footer(
    pocket_store: Store,
) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        screen = await open_contacts(app, pilot)
        whole = shown(app)
        assert "In Kontakt bleiben" in whole and "Fällige zuerst" in whole
        story = screen.query_one(ContactDetail).text
        for part in (
            "Kennengelernt",
            "PyCon Berlin 2025",
            "Rhythmus: alle 2 Monate",
            "zuletzt in Kontakt: 5. März",
            "Ihre Interessen",
            "y markiert die gemeinsamen",
            "Interaktionen",
            "Kaffee — talked about his chess club",
            "Geben und Nehmen",
            "von mir: an introduction to a chess coach",
            "Erreichbar über",
            "Versprechen",
        ):
            assert part in story, part
        for english in ("How you met", "keep in touch", "Their interests", "coffee —"):
            assert english not in story, english
        assert {"Interaktion", "Geben & Nehmen", "Pausieren", "Palette"} <= set(footer_words(app))


async def test_contact_dialogs_ask_in_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        screen = await open_contacts(app, pilot)
        contact = screen.selected
        assert contact is not None

        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceModal)
        dialog = shown(app)
        assert "Interaktion festhalten" in dialog and "Was war es?" in dialog
        assert "Kaffee" in dialog and "Anruf" in dialog and "Speichern" in dialog
        await pilot.press("escape")

        await pilot.press("z")
        await settle(app, pilot)
        dialog = shown(app)
        assert "Pausieren" in dialog and "eine Woche (bis" in dialog
        assert "nächster Kontakt" in dialog
        await pilot.press("escape")

        await pilot.press("g")
        await settle(app, pilot)
        dialog = shown(app)
        assert "von mir angeboten" in dialog and "mir angeboten" in dialog
        await pilot.press("escape")

        # The rhythm is offered in German and read back unchanged.
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FieldsModal)
        assert "Kontakt bearbeiten" in shown(app)
        assert app.screen.query_one("#field-cadence_days", Input).value == "2 Monate"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        saved = pocket_store.contact(contact.id)
        assert saved.cadence_days == 60


async def test_the_events_screen_speaks_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        await pilot.press("v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EventsScreen)
        whole = shown(app)
        for part in ("Veranstaltungen", "Diese Woche dran", "live", "seit Do., 5. März 2026"):
            assert part in whole, part
        assert "since" not in whole and "Catch up" not in whole
        assert {"Neue Veranstaltung", "Veranstaltung beenden"} <= set(footer_words(app))

        # Ending the live event asks in German.
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmModal)
        question = shown(app)
        assert "PyCon Berlin 2026 jetzt beenden?" in question
        assert "Beenden" in question and "Weitermachen" in question
        await pilot.press("n")

        # So does starting one, and refusing one without a name.
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, NewEventModal)
        dialog = shown(app)
        assert "Veranstaltung live beginnen" in dialog and "Ort (optional)" in dialog
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#dialog-error", Static)
        assert "Eine Veranstaltung braucht einen Namen" in str(error.render())


async def test_search_speaks_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        await pilot.press("slash")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "Tippen, um Personen" in shown(app)
        assert "Suche" in shown(app)
        await pilot.press(*"#chess")
        await settle(app, pilot)
        whole = shown(app)
        assert "wer sich noch für #chess interessiert" in whole
        assert "dauerhafter Kontakt" in whole and "lasting contact" not in whole
        await pilot.press("ctrl+a", "ctrl+k", *"zzqx")
        await settle(app, pilot)
        assert "Noch kein Treffer" in shown(app)


async def test_help_lists_every_key_in_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        await open_contacts(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        titles = [title for title, _rows in app.screen.sections]
        assert titles == ["Diese Ansicht", "In Listen", "Überall"]
        what = {row[1] for _title, rows in app.screen.sections for row in rows}
        assert "Den nächsten Kontakt eine Weile aufschieben" in what
        assert "Alle Tasten" in what and "Befehlspalette" not in what
        # Textual's own keys (every screen's tab and copy) are in German too.
        assert {"Nächstes Feld", "Markierten Text kopieren"} <= what
        assert "Focus Next" not in what
        assert "Befehle: die von Hallway, dazu Farbschema, Tasten, Bildschirmfoto" in what
        box = shown(app)
        assert "Tasten" in box and "Schließen" in box


async def test_the_palette_speaks_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        await open_contacts(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Farbschema", "Tasten", "Bildschirmfoto"} <= titles
        assert "Theme" not in titles
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await wait_for(pilot, lambda: "Kontakt: pausieren" in palette_text(app))
        listed = palette_text(app)
        assert "App: Hilfe (alle Tasten)" in listed and "Farbschema" in listed
        search = app.screen.query_one(Input)
        assert search.placeholder == "Befehle suchen …"
        await pilot.press(*"Kontakt: old")
        await wait_for(pilot, lambda: "Kontakt: Old Friend" in palette_text(app))


def test_palette_nouns_work_in_both_languages() -> None:
    assert noun_kind("Kontakt") == "contact" and noun_kind("contact") == "contact"
    assert noun_kind("Veranstaltung") == "event" and noun_kind("person") == "encounter"
    assert noun_kind("Rezept") is None
    assert HallwayCommands  # the provider these nouns serve


async def test_quitting_over_typed_text_asks_in_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        await pilot.press("n", *"Ana Lima")
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmModal)
        question = shown(app)
        assert "„Ana Lima“ ist getippt, aber nicht gespeichert." in question
        assert "Trotzdem beenden?" in question and "Weitermachen" in question


async def test_the_export_dialog_speaks_german(pocket_store: Store) -> None:
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        app.action_export("vcard")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportModal)
        dialog = shown(app)
        for part in ("Kontakte fürs Telefon (vCard 3.0)", "Schreiben nach", "Exportieren"):
            assert part in dialog, part
        app.screen.query_one("#export-path", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#dialog-error", Static)
        assert "Bitte angeben, wohin es geschrieben wird." in str(error.render())


async def test_the_same_app_code_speaks_english_when_english_is_chosen(
    pocket_store: Store,
) -> None:
    """The language is read when drawing: English again, nothing German left over."""
    i18n.use("en")
    async with run_hallway(pocket_store, poll_interval=60) as (app, pilot):
        screen = await open_contacts(app, pilot)
        story = screen.query_one(ContactDetail).text
        assert "How you met" in story and "you offered: an introduction" in story
        assert "Kennengelernt" not in story
        assert "Interaction" in footer_words(app)


def test_give_and_take_and_rhythms_in_german() -> None:
    gave = GiveTake(at=START, direction="gave", text="Focaccia-Rezept geschickt")
    got = GiveTake(at=START, direction="received", text="Intro zu Sven")
    assert give_take_words(gave) == "von mir: Focaccia-Rezept geschickt"
    assert give_take_words(got) == "für mich: Intro zu Sven"
    for days, words in ((60, "2 Monate"), (21, "3 Wochen"), (7, "Woche"), (365, "jährlich")):
        assert cadence_field(days) == words
        assert parse_cadence(words) == days
    for days in (1, 10, 45, 91):
        assert parse_cadence(cadence_field(days)) == days
    i18n.use("en")
    assert [cadence_field(d) for d in (60, 21, 7, 1, 365, 45)] == [
        "2 months",
        "3 weeks",
        "week",
        "day",
        "yearly",
        "45 days",
    ]


# (what is on screen, keys that lead there from the state before): Hallway's own screens
GERMAN_STATES: list[tuple[str, Sequence[str]]] = [
    ("contacts", ("c",)),
    ("a contact's story", ("o",)),
    ("logging an interaction", ("i",)),
    ("snoozing", ("escape", "z")),
    ("give and take", ("escape", "g")),
    ("editing a contact", ("escape", "enter")),
    ("events", ("escape", "escape", "v")),
    ("an event's people", ("o",)),
    ("starting an event", ("escape", "n")),
    ("search", ("escape", "/", *"sour")),
    ("help", ("escape", "h")),
    ("the command palette", ("escape", "ctrl+p")),
]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_no_german_word_is_cut_in_two(pocket_store: Store, size: tuple[int, int]) -> None:
    async with run_hallway(pocket_store, size=size, poll_interval=60) as (app, pilot):
        await wait_for(pilot, lambda: app.search_index is not None)
        found: list[str] = []
        for state, keys in GERMAN_STATES:
            await pilot.press(*keys)
            await settle(app, pilot)
            cuts = cut_words(app) + [f"the footer key {key!r}" for key in clipped_keys(app)]
            if cuts:
                screen = "\n".join(screen_text(app))
                found.append(f"{state}:\n  " + "\n  ".join(cuts) + f"\n{screen}")
        assert not found, "\n\n".join(found)


async def test_kept_drafts_are_offered_back_in_german(live_store: Store, db_path: Path) -> None:
    save_drafts(
        db_path,
        [Draft("other", "Treffen am Leuchtturm"), Draft("note", "mag Sauerteig", 0, "Tess Ng")],
    )
    async with run_hallway(live_store) as (app, pilot):
        await wait_for(pilot, lambda: bool(notified(app, "„Treffen am Leuchtturm“")))
        (toast,) = notified(app, "Treffen am Leuchtturm")
        assert "steht wieder in der Erfassungszeile (mit n weiterschreiben)." in toast
        assert "Eine Notiz zu Tess Ng (t bei der Person drücken): „mag Sauerteig“" in toast
        assert "Vor dem Schließen von Hallway getippt:" in toast


async def test_fixing_a_capture_asks_in_german(live_store: Store) -> None:
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonEditModal))
        dialog = shown(app)
        assert "korrigieren" in dialog and "Rolle" in dialog and "Themen (#sauerteig" in dialog
        app.screen.query_one("#field-name", Input).value = " "
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#dialog-error", Static)
        assert "Eine Person braucht einen Namen." in str(error.render())


def test_editor_problems_are_said_in_german(tmp_path: Path) -> None:
    with pytest.raises(EditorProblem, match="Kein Editor gefunden"):
        editor_command({"PATH": str(tmp_path)})
    with pytest.raises(EditorProblem, match=r"\$EDITOR ist nirgendwo, das hier nicht installiert"):
        editor_command({"EDITOR": "nirgendwo", "PATH": str(tmp_path)})
