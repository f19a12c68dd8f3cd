"""Fixtures for the end-to-end tests: a private environment and a tmux terminal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """A private HOME and data folder for the child process, so the real ones stay untouched."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def terminal() -> Iterator[Tmux]:
    tmux = Tmux(width=120, height=36)
    yield tmux
    tmux.kill()
