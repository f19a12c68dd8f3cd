"""The man page: generated from the parser, committed, installed with the package, and shown by
`hallway --man`. This test fails when the committed page no longer matches the parser."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.cli.make_manpage import PAGE, render_manpage


def test_the_committed_man_page_matches_the_command_line() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_manpage(), (
        "tui/hallway.1 is stale: run `.venv/bin/python -m tests.cli.make_manpage` and commit it"
    )


def test_the_man_page_covers_every_command_with_examples() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page.startswith('.TH HALLWAY "1" ')
    assert ".SH NAME\nhallway \\- a terminal companion for live events\n" in page
    for command in ("capture", "demo", "export", "import", "check", "completion", "config"):
        assert f".SH COMMAND \\fI\\,'hallway {command}'\\/\\fR" in page
        assert f".SS hallway {command}\n.nf\n  " in page
    for section in ("EXAMPLES", "EXIT STATUS", "FILES", "CONFIGURATION", "ENVIRONMENT"):
        assert f"\n.SH {section}\n" in page
    # The editor and the theme, and where each is set.
    assert "\n.SH KEYS IN THE APP\n" in page
    for said in ("ctrl+e", "VISUAL, EDITOR", "TEXTUAL_THEME", "Theme"):
        assert said in page, said
    # Tables and examples stay laid out: every indented line is inside .nf ... .fi.
    inside = False
    for line in page.splitlines():
        if line in (".nf", ".fi"):
            inside = line == ".nf"
        elif line.startswith("  "):
            assert inside, line


def test_hallway_man_prints_the_installed_page_when_piped() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hallway", "--man"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == PAGE.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_renders_it_without_warnings() -> None:
    result = subprocess.run(
        ["man", "--warnings", "-l", str(PAGE)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin", "MAN_DISABLE_SECCOMP": "1"},
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "hallway import csv attendees.csv --event" in result.stdout
