"""Drive a real ``hallway serve`` process in the tests: start it on a free loopback port, read
the address it prints, count its app processes, stop it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

_LINK = re.compile(r"^\s+(https?://\S+/\?token=(\S+))$")
_READY = "Ctrl+C stops the server."
START_SECONDS = 30


def serve_argv(db: Path, *options: str) -> list[str]:
    """``hallway serve`` on ``db``, on 127.0.0.1 and a free port unless ``options`` say."""
    return [sys.executable, "-m", "hallway", "serve", "--db", str(db), "--port", "0", *options]


def private_environment(home: Path) -> dict[str, str]:
    """HOME and the XDG folders inside ``home``, so the real config and data stay untouched."""
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
    }


class ServedHallway:
    """A running ``hallway serve``: its process, the printed link, its output so far."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.output: list[str] = []
        self.link = self.token = ""
        self._ready = threading.Event()
        # Read what it prints from the start, so a full pipe never blocks the server.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            if match := _LINK.match(line.rstrip("\n")):
                self.link, self.token = match.group(1), match.group(2)
            if _READY in line and self.link:
                self._ready.set()
        self._ready.set()  # it ended: stop waiting

    def wait_until_ready(self, timeout: float) -> None:
        """Wait until it has printed its link (fails with its output if it never does)."""
        if not self._ready.wait(timeout) or not self.link or self.process.poll() is not None:
            self.process.kill()
            self._reader.join(timeout=5)
            raise AssertionError("hallway serve did not start:\n" + self.printed)

    @property
    def printed(self) -> str:
        """Everything it printed so far."""
        return "".join(self.output)

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT`` (the link without path and token)."""
        parts = urlsplit(self.link)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def port(self) -> int:
        """The port the server chose."""
        port = urlsplit(self.link).port
        assert port is not None
        return port

    @property
    def cookie_name(self) -> str:
        """The cookie the server gives for its token."""
        return f"hallway-{self.port}"

    def app_processes(self) -> list[int]:
        """The process ids of the server's children: one Hallway app per open tab."""
        children: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            text = (task / "children").read_text()
            children.extend(int(pid) for pid in text.split())
        return children

    def wait_for_apps(self, count: int, timeout: float = 20) -> None:
        """Wait until exactly ``count`` app processes run (fails after ``timeout``)."""
        wait_until(lambda: len(self.app_processes()) == count, timeout, f"{count} app processes")

    def stop(self, timeout: float = 40) -> str:
        """Stop it as Ctrl+C does; returns everything it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("hallway serve did not stop within its grace period") from None
        finally:
            self._reader.join(timeout=5)
        return self.printed


def start_serving(
    argv: list[str], env: Mapping[str, str], timeout: float = START_SECONDS
) -> ServedHallway:
    """Start ``argv`` (see :func:`serve_argv`) and wait until it prints its link."""
    process = subprocess.Popen(
        argv,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    served = ServedHallway(process)
    served.wait_until_ready(timeout)
    return served


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` (a process count or a screen has no event to await) until it holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s: {what}")
        time.sleep(0.05)
