"""A phone-sized Chromium for the ``hallway serve`` tests, and what its terminal shows.

Debian's ``chromium`` is driven by Playwright (its own browser download is not available),
headless, at a phone's viewport with touch. xterm.js draws on a canvas, so the screen's text
is rebuilt from the very bytes the page's websocket received, with pyte (a VT100 emulator)
sized as the page sized its terminal; taps go to a cell's pixels on the page.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, WebSocket

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 412, "height": 915}
PIXEL_RATIO = 2  # a phone's screen has two or three device pixels per CSS pixel
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Emulating the pixel ratio alone leaves ResizeObserver's device-pixel box at 1x in
    # headless Chromium, and xterm.js then draws a 2x picture into a 1x canvas (cropped); a
    # real phone reports both alike, as this flag makes the headless browser do.
    f"--force-device-scale-factor={PIXEL_RATIO}",
    # Belt and braces for "no traffic but loopback": anything else goes to a closed port.
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1;localhost;[::1]",
]


def require_chromium() -> str:
    """The system Chromium, or skip loudly: these tests need a real browser."""
    path = os.environ.get("HALLWAY_CHROMIUM") or shutil.which("chromium") or CHROMIUM
    if not Path(path).exists():
        pytest.skip(
            "BROWSER TESTS SKIPPED: no chromium at /usr/bin/chromium. Install it "
            "(`apt-get install -y chromium`, as .ci/run does) to test `hallway serve` in a "
            "real browser."
        )
    return path


@contextmanager
def phone_browser(profile: Path, **options: Any) -> Iterator[BrowserContext]:
    """A fresh Chromium profile at a phone's size, with touch, downloads allowed, and the
    popup blocker on (as on a phone); ``options`` go to Playwright's context."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    executable = require_chromium()
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=LAUNCH_ARGS,
            ignore_default_args=["--disable-popup-blocking"],
            viewport=PHONE,
            screen=PHONE,
            is_mobile=True,
            has_touch=True,
            device_scale_factor=PIXEL_RATIO,
            accept_downloads=True,
            **options,
        )
        try:
            yield context
        finally:
            context.close()


class TerminalView:
    """What the page's terminal shows: the bytes its websocket received, through pyte."""

    def __init__(self, page: Page) -> None:
        import pyte

        self.page = page
        self.screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self.screen)
        self.sockets: list[WebSocket] = []
        page.on("websocket", self._attach)

    def _attach(self, websocket: WebSocket) -> None:
        self.sockets.append(websocket)
        query = parse_qs(urlsplit(websocket.url).query)
        if "width" in query and "height" in query:
            self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        websocket.on("framesent", self._sent)
        websocket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size: dict[str, Any] = json.loads(payload)[1]
            self.screen.resize(int(size["height"]), int(size["width"]))

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self._stream.feed(payload)

    @property
    def text(self) -> str:
        """The screen's lines."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, text: str, timeout: float = 20) -> None:
        """Wait until ``text`` is on screen (fails with the screen after ``timeout``)."""
        self.wait_until(lambda screen: text in screen, f"{text!r} on screen", timeout)

    def wait_until(self, condition: Callable[[str], bool], what: str, timeout: float = 20) -> None:
        """Wait until ``condition(screen text)`` holds (fails with the screen after
        ``timeout``)."""
        deadline = time.monotonic() + timeout
        while not condition(self.text):
            if time.monotonic() > deadline:
                raise AssertionError(f"not within {timeout} s: {what}. The screen:\n{self.text}")
            self.page.wait_for_timeout(50)  # lets Playwright deliver the next frames

    def find(self, text: str) -> tuple[int, int]:
        """The (column, row) where ``text`` starts on screen."""
        for row, line in enumerate(self.screen.display):
            if (column := line.find(text)) >= 0:
                return column, row
        raise AssertionError(f"{text!r} is not on screen:\n{self.text}")

    def tap(self, text: str) -> None:
        """Tap the middle of ``text`` on screen with a finger."""
        column, row = self.find(text)
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        cell_width = box["width"] / self.screen.columns
        cell_height = box["height"] / self.screen.lines
        x = box["x"] + (column + len(text) / 2) * cell_width
        y = box["y"] + (row + 0.5) * cell_height
        self.page.touchscreen.tap(x, y)

    def type(self, text: str) -> None:
        """Type ``text`` on the page's keyboard (into xterm's input field)."""
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        """Press one key (Playwright's names: ``Enter``, ``Escape``, ``Control+p``)."""
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.press(key)
