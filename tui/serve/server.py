"""The web server of ``hallway serve``: one Hallway process per browser tab, behind the gate.

Built from textual-serve's pieces (see :mod:`hallway.tui.serve.bridge`): each websocket
gets an :class:`AppService`, which runs ``hallway --db PATH`` with Textual's web driver and
relays its screen to xterm.js in the page; files the app delivers (exports) are streamed
through the :class:`DownloadManager`. Around them, this module adds what a private notebook
needs: the token gate on every request, a same-origin websocket, at most ``max_sessions``
app processes at once, and every process ended (and waited for) when its tab closes or the
server stops.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import mimetypes
import secrets
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import quote

from aiohttp import WSCloseCode, WSMsgType, web

from hallway.store import i18n
from hallway.store.i18n import _, ngettext
from hallway.tui.serve.bridge import STATIC_FOLDER, AppService, DownloadManager, app_process
from hallway.tui.serve.gate import Gate, harden, page, refused, same_origin

log = logging.getLogger("hallway.serve")

HEARTBEAT_SECONDS = 15  # a tab that vanished (phone asleep, network gone) is noticed by then
STOP_SECONDS = 10  # how long an app may take to close its database once its tab has closed
DEFAULT_FONT_SIZE = 16


@cache
def _index_page() -> string.Template:
    return string.Template(Path(__file__).with_name("index.html").read_text(encoding="utf-8"))


def content_security_policy(nonce: str, host: str) -> str:
    """The page may load only this server's files, run only its own scripts, and talk only
    to this server."""
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            # xterm.js sets inline styles as it draws.
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' ws://{host} wss://{host}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


def _number(text: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(text or "")))
    except ValueError:
        return default


async def _close_when_ended(
    process: asyncio.subprocess.Process, websocket: web.WebSocketResponse
) -> None:
    """An app that ended by itself (quit, or crashed) closes its tab's websocket, so the page
    says so and offers to open Hallway again instead of showing a frozen screen."""
    await process.wait()
    await websocket.close()


class HallwayServer:
    """Serves Hallway to browser tabs: ``command`` runs one app (``hallway --db PATH``)."""

    def __init__(
        self,
        command: str,
        gate: Gate,
        *,
        max_sessions: int = 4,
        allowed_origins: Iterable[str] = (),
    ) -> None:
        self.command = command
        self.gate = gate
        self.max_sessions = max_sessions
        self.allowed_origins = frozenset(allowed_origins)
        self.downloads = DownloadManager()
        self._sessions: set[object] = set()
        self._sockets: set[web.WebSocketResponse] = set()
        self._processes: set[asyncio.subprocess.Process] = set()

    @property
    def sessions(self) -> int:
        """How many tabs have an app process now (starting, running or closing)."""
        return len(self._sessions)

    @property
    def full(self) -> bool:
        """Whether another tab would pass the limit on app processes."""
        return len(self._sessions) >= self.max_sessions

    def make_app(self) -> web.Application:
        """The aiohttp application: the gate in front of every route."""
        app = web.Application(middlewares=[self.gate.middleware])
        app.on_response_prepare.append(harden)
        app.router.add_get("/", self.handle_index)
        app.router.add_get("/ws", self.handle_websocket)
        app.router.add_get("/download/{key}", self.handle_download)
        app.router.add_static("/static", STATIC_FOLDER)
        app.on_shutdown.append(self._close_tabs)
        app.on_cleanup.append(self._end_leftovers)
        return app

    # -- pages -----------------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page that draws Hallway (or a polite refusal when enough tabs are open)."""
        if self.full:
            return self.busy()
        nonce = secrets.token_urlsafe(16)
        font_size = _number(request.query.get("fontsize"), DEFAULT_FONT_SIZE, 8, 40)
        body = _index_page().substitute(
            nonce=nonce,
            font_size=font_size,
            lang=i18n.current(),
            starting=html.escape(_("Starting Hallway…")),
            closed=html.escape(_("Hallway has closed in this tab. Everything you saved is kept.")),
            again=html.escape(_("Open again")),
        )
        response = web.Response(text=body, content_type="text/html")
        response.headers["Content-Security-Policy"] = content_security_policy(nonce, request.host)
        return response

    def busy(self) -> web.Response:
        """503: as many tabs as allowed already run Hallway."""
        if self.max_sessions == 1:
            text = _(
                "Hallway is already open in another tab, and this server runs one at a time. "
                "Close it, then reload this page."
            )
        else:
            text = ngettext(
                "Hallway is already open in {n} tab, as many as this server runs at once. "
                "Close one of them, then reload this page.",
                "Hallway is already open in {n} tabs, as many as this server runs at once. "
                "Close one of them, then reload this page.",
                self.max_sessions,
            ).format(n=self.max_sessions)
        return web.Response(
            status=503,
            text=page(f"<p>{html.escape(text)}</p>"),
            content_type="text/html",
            headers={"Retry-After": "5"},
        )

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """Stream a file the app delivered (an export) to the browser as an attachment."""
        key = request.match_info["key"]
        try:
            download = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(
                text=_("This file was already downloaded, or its tab has closed.")
            ) from None
        name = download.file_name
        kind = download.mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        if download.encoding:
            kind += f"; charset={download.encoding}"
        fallback = "".join(
            c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name
        )
        response = web.StreamResponse(
            headers={
                "Content-Type": kind,
                "Content-Disposition": (
                    f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
                ),
            }
        )
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- one tab, one app process -----------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Run one Hallway process for this tab while its websocket lives."""
        if not same_origin(request, secure=self.gate.secure, also=self.allowed_origins):
            log.warning(
                "Refused a websocket from another site (Origin %r).", request.headers.get("Origin")
            )
            return refused()
        if self.full:
            return self.busy()
        # Reserved before the first await, so two tabs racing cannot both pass the limit.
        slot = object()
        self._sessions.add(slot)
        try:
            return await self._run_tab(request)
        finally:
            self._sessions.discard(slot)

    async def _run_tab(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        await websocket.prepare(request)
        self._sockets.add(websocket)

        async def close() -> None:
            await websocket.close()

        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.downloads,
        )
        watch: asyncio.Task[None] | None = None
        try:
            width = _number(request.query.get("width"), 80, 1, 1000)
            height = _number(request.query.get("height"), 24, 1, 1000)
            await service.start(width, height)
            process = app_process(service)
            if process is not None:
                self._processes.add(process)
                watch = asyncio.create_task(_close_when_ended(process, websocket))
            log.info("A tab opened Hallway (%d of at most %d).", self.sessions, self.max_sessions)
            await self._relay(websocket, service)
        finally:
            if watch is not None:
                watch.cancel()
            self._sockets.discard(websocket)
            await self._end(service)
            await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """Hand the page's keys, taps and size to the app until the tab goes away."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = _number(str(data.get("width")), 80, 1, 1000)
                height = _number(str(data.get("height")), 24, 1, 1000)
                await service.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _end(self, service: AppService) -> None:
        """Ask the app to quit, wait until its process has exited, end it if it hangs."""
        process = app_process(service)
        try:
            await asyncio.wait_for(service.stop(), STOP_SECONDS)
        except TimeoutError:
            log.warning("A Hallway app did not quit when its tab closed.")
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            log.warning("Ending a Hallway app that did not quit (pid %d).", process.pid)
            process.kill()
            await process.wait()
        self._processes.discard(process)
        log.info("A tab closed; %d still open.", self.sessions - 1)

    async def _close_tabs(self, app: web.Application) -> None:
        """Server stopping: close every tab, which ends its app."""
        for websocket in list(self._sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"Hallway stopped")

    async def _end_leftovers(self, app: web.Application) -> None:
        """Last resort at exit: no app process outlives the server."""
        for process in list(self._processes):
            if process.returncode is None:
                process.kill()
                await process.wait()
