"""A theme chosen in the app is remembered in the config file: only its line changes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from hallway.store.config import load_config, save_theme

HAND_WRITTEN = """\
# My Hallway settings
rhythm = "3 weeks"   # friends first
theme = "nord"  # calm
promise_due_days = 7

[unknown-table]
theme = "not this one"
"""


def test_only_the_theme_line_changes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_WRITTEN)
    save_theme(path, "textual-light")
    assert path.read_text() == HAND_WRITTEN.replace(
        'theme = "nord"  # calm', 'theme = "textual-light"  # calm'
    )
    assert load_config(path).settings.theme == "textual-light"


def test_a_file_without_a_theme_gets_one_above_its_first_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("rhythm = 30\r\n\r\n[later]\r\nx = 1\r\n")
    save_theme(path, "gruvbox")
    assert path.read_bytes() == b'rhythm = 30\r\n\r\ntheme = "gruvbox"\r\n[later]\r\nx = 1\r\n'


def test_a_file_without_tables_gets_the_theme_at_its_end(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf# settings\nrhythm = 30")  # BOM, no final newline
    save_theme(path, "dracula")
    assert path.read_bytes() == b'\xef\xbb\xbf# settings\nrhythm = 30\ntheme = "dracula"\n'


def test_no_file_yet_makes_an_owner_only_one(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    save_theme(path, "textual-light")
    assert path.read_text() == 'theme = "textual-light"\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_linked_file_is_changed_where_it_lives(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "hallway.toml"
    real.parent.mkdir()
    real.write_text("rhythm = 30\n")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_theme(link, "nord")
    assert link.is_symlink()
    assert real.read_text() == 'rhythm = 30\ntheme = "nord"\n'


@pytest.mark.parametrize(
    "text",
    [
        'rhythm = "3 weeks\n',  # not valid TOML
        "theme.dark = 'x'\n",  # a theme table: no line to change safely
        'notes = """\ntheme = "inside a string"\n"""\n',  # a theme line inside a string
    ],
)
def test_a_file_that_cannot_be_changed_safely_is_left_alone(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match="not saved"):
        save_theme(path, "nord")
    assert path.read_text() == text


def test_a_name_that_is_not_a_theme_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a theme name"):
        save_theme(tmp_path / "config.toml", 'x" \n[evil]')
    assert not (tmp_path / "config.toml").exists()
