"""Writing a note in one's editor: which editor, the temp file, what comes back, and the capture
bar's ctrl+e. Fake editors are tiny shell scripts; Pilot's headless driver can't suspend, so
the app tests stand in for App.suspend (the real suspend is in tests/e2e/test_editor_in_tmux.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from hallway.store import debrief
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.screens.choice import FieldsModal
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.live import LiveScreen
from hallway.widgets.editor import (
    NO_EDITOR,
    EditorProblem,
    editor_command,
    from_line,
    run_editor,
    to_line,
)
from hallway.widgets.footer import FooterItem, HallwayFooter
from tests.tui.tui_helpers import palette_text, run_hallway, wait_for


def script(folder: Path, name: str, body: str) -> Path:
    """An executable shell script (a fake editor: ``$1`` is the file to edit)."""
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o700)
    return path


# -- which editor ------------------------------------------------------------------------------


def test_visual_comes_before_editor_and_may_carry_options(tmp_path: Path) -> None:
    script(tmp_path, "myvisual", "true")
    script(tmp_path, "myeditor", "true")
    path = str(tmp_path)
    env = {"PATH": path, "VISUAL": "myvisual --wait 'two words'", "EDITOR": "myeditor"}
    assert editor_command(env) == ["myvisual", "--wait", "two words"]
    assert editor_command({"PATH": path, "VISUAL": "  ", "EDITOR": "myeditor"}) == ["myeditor"]


def test_without_either_nano_then_vi(tmp_path: Path) -> None:
    script(tmp_path, "vi", "true")
    assert editor_command({"PATH": str(tmp_path)}) == ["vi"]
    script(tmp_path, "nano", "true")
    assert editor_command({"PATH": str(tmp_path)}) == ["nano"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, NO_EDITOR),
        ({"EDITOR": "emacs -nw"}, "$EDITOR is emacs, which isn't installed here."),
        ({"VISUAL": "code 'unclosed"}, "$VISUAL can't be read as a command: code 'unclosed"),
    ],
)
def test_no_usable_editor_is_said_plainly(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    with pytest.raises(EditorProblem) as raised:
        editor_command({"PATH": str(tmp_path), **env})
    assert str(raised.value) == message


# -- running it --------------------------------------------------------------------------------


def test_the_saved_text_comes_back_and_the_temp_file_is_gone(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    editor = script(
        tmp_path,
        "editor",
        f'stat -c "%a" "$1" "$(dirname "$1")" > {seen}; cat "$1" >> {seen}; echo "$1" >> {seen}\n'
        'touch "$1.swp"; printf "line one\\r\\nline two\\n\\n" > "$1"',
    )
    edited = run_editor([str(editor)], "what I had")
    assert (edited.text, edited.problem) == ("line one\nline two", "")
    file_mode, folder_mode, before, file_path = seen.read_text().splitlines()
    assert (file_mode, folder_mode) == ("600", "700")  # only its owner can read the note
    assert before == "what I had"
    assert not Path(file_path).parent.exists()  # the file, its folder, the editor's swap file


def test_an_editor_that_fails_changes_nothing(tmp_path: Path) -> None:
    editor = script(tmp_path, "editor", 'echo "half-written" > "$1"; exit 1')
    edited = run_editor([str(editor)], "keep me")
    assert edited.text is None
    assert edited.problem == "editor exited with an error (1); nothing changed."


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('rm "$1"', "editor left no file behind; nothing changed."),
        ('printf "caf\\351" > "$1"', "editor saved text that isn't UTF-8; nothing changed."),
    ],
)
def test_what_cannot_be_read_back_changes_nothing(tmp_path: Path, body: str, problem: str) -> None:
    edited = run_editor([str(script(tmp_path, "editor", body))], "keep me")
    assert (edited.text, edited.problem) == (None, problem)


def test_an_editor_that_cannot_start_is_said(tmp_path: Path) -> None:
    not_a_program = tmp_path / "editor"
    not_a_program.write_text("plain text, not executable")
    edited = run_editor([str(not_a_program)], "keep me")
    assert edited.text is None
    assert edited.problem.startswith("editor could not start: Permission denied")


def test_lines_travel_in_a_one_line_field_as_marks() -> None:
    assert to_line("one\ntwo\r\nthree") == "one⏎two⏎three"
    assert from_line("one⏎two⏎three") == "one\ntwo\nthree"
    assert from_line(to_line("no breaks")) == "no breaks"


# -- in the capture bar ------------------------------------------------------------------------


def footer_keys(screen: LiveScreen) -> list[str]:
    """What the footer's keys say."""
    return [key.description for key in screen.query_one(HallwayFooter).query(FooterItem)]


@contextmanager
def no_suspend() -> Iterator[None]:
    """Stands in for App.suspend, which Pilot's headless driver can't do."""
    yield


def fake_editor(monkeypatch: pytest.MonkeyPatch, app: HallwayApp, folder: Path, body: str) -> None:
    monkeypatch.setenv("EDITOR", str(script(folder, "editor", body)))
    monkeypatch.setattr(app, "suspend", no_suspend)


async def test_a_note_written_in_the_editor_comes_back_and_saves_with_its_lines(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        fake_editor(monkeypatch, app, tmp_path, 'printf "loves #vinyl\\nand Blue Note\\n" > "$1"')
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("t", *"draft")  # Tess, the newest, is selected
        bar = screen.capture_bar
        await wait_for(pilot, lambda: "Editor" in footer_keys(screen))  # a tap opens it too
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: bar.value == "loves #vinyl⏎and Blue Note")
        assert bar.hint == "From your editor: Enter saves it (⏎ marks each line break)."
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Note saved" in bar.hint)
    tess = next(e for e in live_store.encounters() if e.name == "Tess Ng")
    assert tess.notes[-1].text == "loves #vinyl\nand Blue Note"
    assert "vinyl" in tess.topics


async def test_an_editor_that_fails_leaves_the_bar_as_it_was(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        fake_editor(monkeypatch, app, tmp_path, 'echo nonsense > "$1"; exit 3')
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("f", *"send the playlist")
        bar = screen.capture_bar
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "exited with an error" in bar.hint)
        assert bar.value == "send the playlist"
        assert bar.mode == "promise"
    assert all(len(e.follow_ups) <= 1 for e in live_store.encounters())


async def test_without_a_terminal_to_step_aside_from_it_says_so(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EDITOR", str(script(tmp_path, "editor", 'echo changed > "$1"')))
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("t", *"keep me")
        await pilot.press("ctrl+e")  # Pilot's headless driver, like a browser, can't suspend
        bar = screen.capture_bar
        await wait_for(pilot, lambda: "only when Hallway runs in a terminal" in bar.hint)
        assert bar.value == "keep me"


async def test_ctrl_e_still_goes_to_the_end_of_a_person_line(live_store: Store) -> None:
    async with run_hallway(live_store) as (app, pilot):
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("n", *"Ann Lee", "home")
        bar = screen.capture_bar
        assert bar.input.cursor_position == 0
        await pilot.press("ctrl+e")
        assert bar.input.cursor_position == len("Ann Lee")
        await pilot.pause()
        assert "Later" in footer_keys(screen)
        assert "Editor" not in footer_keys(screen)


async def test_the_palette_opens_the_editor_too(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with run_hallway(live_store) as (app, pilot):
        fake_editor(monkeypatch, app, tmp_path, 'printf "from the palette\\n" > "$1"')
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"person")
        await wait_for(pilot, lambda: "person: new" in palette_text(app))
        assert "your editor" not in palette_text(app)  # only while a note or promise is written
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("t")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"editor")
        await wait_for(pilot, lambda: "in your editor" in palette_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.capture_bar.value == "from the palette")


async def test_keys_typed_just_before_ctrl_e_reach_the_editor(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = tmp_path / "seen"
    async with run_hallway(live_store, poll_interval=60) as (app, pilot):
        fake_editor(monkeypatch, app, tmp_path, f'cp "$1" {seen}; printf "edited\\n" > "$1"')
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await pilot.press("t")
        # One burst (fast typing, an SSH link): ctrl+e acts at once, the letters are queued.
        for char in "draft":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+e", None))
        await wait_for(pilot, lambda: screen.capture_bar.value == "edited")
        await pilot.pause()
        assert screen.capture_bar.value == "edited"  # nothing typed earlier comes after it
    assert seen.read_text() == "draft\n"


async def test_a_contact_note_may_be_written_in_the_editor(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    contact = debrief.promote(live_store, maya.id)
    async with run_hallway(live_store) as (app, pilot):
        fake_editor(monkeypatch, app, tmp_path, 'printf "coffee in May\\n#running too\\n" > "$1"')
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, FieldsModal))
        dialog = app.screen
        await pilot.press(*"first", "ctrl+e")
        field = dialog.query_one("#field-note", Input)
        await wait_for(pilot, lambda: field.value == "coffee in May⏎#running too")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
    saved = live_store.contact(contact.id)
    assert saved.notes[-1].text == "coffee in May\n#running too"
    assert "running" in saved.topics


async def test_other_dialog_fields_keep_ctrl_e_for_the_end_of_the_line(
    live_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    maya = next(e for e in live_store.encounters() if e.name == "Maya Chen")
    debrief.promote(live_store, maya.id)
    async with run_hallway(live_store) as (app, pilot):
        fake_editor(monkeypatch, app, tmp_path, 'printf "never\\n" > "$1"')
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await pilot.press("enter")  # edit: name, role, organisation... one line each
        await wait_for(pilot, lambda: isinstance(app.screen, FieldsModal))
        field = app.screen.focused
        assert isinstance(field, Input) and field.value
        await pilot.press("home", "ctrl+e")
        await pilot.pause()
        assert field.cursor_position == len(field.value)
        assert "never" not in field.value
