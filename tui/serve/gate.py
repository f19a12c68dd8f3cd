"""The door of ``hallway serve``: nobody without the token gets anything, not even a page.

Every HTTP request and every websocket needs the token, on every host, localhost included.
The printed address carries it once; the gate swaps it for an ``HttpOnly``,
``SameSite=Strict`` cookie (``Secure`` over HTTPS) and sends the browser on to ``/`` so the
token does not stay in the address bar or the history. A wrong or missing token gets a
one-line 403 page, before any route runs, so no app process is ever started for it.

The hop to ``/`` is made by the page itself (a script; a meta refresh without scripts),
not by a 30x redirect: a ``SameSite=Strict`` cookie is withheld from every request of a
navigation that a link on another site started, redirects included, so a link tapped in a
chat or notes app would otherwise land on the 403 page. The page's own navigation is
same-site, so it carries the cookie, and ``location.replace`` takes the token's address out
of the tab's history.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web

from hallway.store import i18n
from hallway.store.i18n import N_, _
from hallway.tui.serve.tokens import same_secret

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TOKEN_PARAM = "token"
# How long a kept token's cookie lasts (Chrome caps cookies at 400 days).
KEPT_COOKIE_SECONDS = 400 * 24 * 3600

_PAGE = (
    '<!doctype html><html lang="{lang}"><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Hallway</title><style>body{{margin:2em 1.2em;font:17px/1.5 system-ui,sans-serif;"
    "background:#2e3440;color:#eceff4}}a{{color:#88c0d0}}</style>{head}<body>{body}</body></html>\n"
)
REFUSED_TEXT = N_("Not here: open the address that hallway serve printed, with its token.")


def page(body: str, head: str = "") -> str:
    """A minimal HTML page around ``body`` (already escaped), in the language served."""
    return _PAGE.format(lang=i18n.current(), head=head, body=body)


def refused() -> web.Response:
    """403 with one line of text, and never a hint of the app."""
    return web.Response(
        status=403, text=page(f"<p>{html.escape(_(REFUSED_TEXT))}</p>"), content_type="text/html"
    )


@dataclass
class Gate:
    """Token and cookie checks for every request (an aiohttp middleware)."""

    token: str
    secure: bool = False
    kept: bool = False
    cookie_name: str = "hallway"

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Let a request through only with the token's cookie; swap a token for the cookie."""
        if TOKEN_PARAM in request.query:
            if not same_secret(request.query.get(TOKEN_PARAM), self.token):
                return refused()
            return self._exchange()
        if not same_secret(request.cookies.get(self.cookie_name), self.token):
            return refused()
        return await handler(request)

    def _exchange(self) -> web.Response:
        """The cookie, and a page that moves on to ``/`` in place of the token's address."""
        opening = _("Open Hallway")  # outside the f-string, where extraction finds it
        head = (
            '<script>location.replace("/")</script>'  # replace: the token leaves the history
            '<noscript><meta http-equiv="refresh" content="0; url=/"></noscript>'
        )
        response = web.Response(
            text=page(f'<p><a href="/">{html.escape(opening)}</a></p>', head),
            content_type="text/html",
        )
        response.set_cookie(
            self.cookie_name,
            self.token,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.secure,
            max_age=KEPT_COOKIE_SECONDS if self.kept else None,
        )
        return response


def same_origin(request: web.Request, *, secure: bool, also: frozenset[str] = frozenset()) -> bool:
    """Whether a websocket comes from a page of this server: its ``Origin`` names the host
    the browser asked for (or one of ``also``, the public address behind a reverse proxy).
    A page on another site cannot open Hallway's websocket even if the browser would send
    the cookie (cross-site websocket hijacking)."""
    origin = request.headers.get("Origin")
    if not origin:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    if f"{parts.scheme}://{parts.netloc}".lower() in also:
        return True
    if secure and parts.scheme != "https":
        return False
    return parts.netloc.lower() == request.host.lower()


async def harden(request: web.Request, response: web.StreamResponse) -> None:
    """Headers on every response: never framed, never cached, never leaking the address."""
    headers = response.headers
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
    if not request.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")
