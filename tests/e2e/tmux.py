"""A small driver for running Hallway in a real terminal: tmux, send-keys, capture-pane."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence

import pytest

POLL_SECONDS = 0.05


def require_tmux() -> str:
    """The tmux executable, or skip the test with a clear reason when it is missing."""
    path = shutil.which("tmux")
    if path is None:
        pytest.skip("tmux is not installed")
    return path


class Tmux:
    """One private tmux server with one window running one command."""

    def __init__(self, width: int = 120, height: int = 36) -> None:
        self.tmux = require_tmux()
        self.socket = f"hallway-test-{uuid.uuid4().hex[:12]}"
        self.width, self.height = width, height

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.tmux, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )

    def start(self, argv: Sequence[str], env: Mapping[str, str]) -> None:
        """Start ``argv`` in a detached session of the configured size."""
        assignments = [f"{key}={value}" for key, value in env.items()]
        # COLUMNS and LINES would win over the terminal's real size (Textual reads them
        # first), and the test process may hold stale ones in its C environment (GNU
        # readline sets them to 80x24 once loaded, out of sight of os.environ), which the
        # tmux server passes on: without this the app drew at 80x24 in a 120x36 terminal.
        command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", *assignments, *argv])
        self._run(
            "new-session",
            "-d",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "-s",
            "main",
            command,
        )
        # Keep the pane after the program exits, so its last screen and exit can be read.
        self._run("set-option", "-t", "main", "remain-on-exit", "on")

    def send(self, *keys: str) -> None:
        """Send tmux key names (``Enter``, ``Escape``, ``C-q``) or single characters."""
        self._run("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        """Type literal text, as a person would."""
        self._run("send-keys", "-t", "main", "-l", text)

    def screen(self) -> str:
        """The visible screen as plain text."""
        return self._run("capture-pane", "-p", "-t", "main").stdout

    def wait_for(self, expected: str | Callable[[str], bool], timeout: float = 20.0) -> str:
        """Poll the screen until ``expected`` appears (or the predicate holds); return it."""
        check = expected if callable(expected) else (lambda screen: expected in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"timed out waiting for {expected!r}; screen was:\n{screen}")

    def dead(self) -> bool:
        """Whether the program in the pane has exited."""
        out = self._run("display-message", "-p", "-t", "main", "#{pane_dead}").stdout
        return out.strip() == "1"

    def wait_exit(self, timeout: float = 20.0) -> None:
        """Wait until the program has exited."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.dead():
                return
            time.sleep(POLL_SECONDS)
        raise AssertionError(f"program did not exit; screen was:\n{self.screen()}")

    def kill(self) -> None:
        """Stop the tmux server and everything in it."""
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True)


def hallway_argv(*args: str) -> list[str]:
    """The command that runs Hallway with this interpreter (works without the console script)."""
    return [sys.executable, "-m", "hallway", *args]
