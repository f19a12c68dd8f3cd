"""Nobody without the token gets in: every HTTP request and websocket of a real
``hallway serve`` on loopback, and no app process is started for a refused one."""

from __future__ import annotations

import os
import signal

import aiohttp
import pytest

from hallway.tui.serve.gate import REFUSED_TEXT
from tests.serve.served import ServedHallway

PATHS = ("/", "/static/js/textual.js", "/static/css/xterm.css", "/download/abc", "/nowhere")


async def _get(
    served: ServedHallway, path: str, cookies: dict[str, str] | None = None
) -> tuple[int, str, aiohttp.ClientResponse]:
    async with (
        aiohttp.ClientSession(cookies=cookies) as session,
        session.get(served.origin + path, allow_redirects=False) as response,
    ):
        return response.status, await response.text(), response


async def _websocket_status(
    served: ServedHallway, cookies: dict[str, str] | None, origin: str | None
) -> int:
    """The HTTP status the websocket handshake got (101 when it opened; closed at once)."""
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            websocket = await session.ws_connect(served.origin + "/ws", headers=headers)
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        await websocket.close()
        return 101


def _assert_refused(status: int, body: str) -> None:
    assert status == 403
    assert REFUSED_TEXT in body
    assert "textual" not in body.lower() and "terminal" not in body.lower()


async def test_no_token_gets_a_one_line_403_everywhere(served: ServedHallway) -> None:
    for path in PATHS:
        status, body, response = await _get(served, path)
        _assert_refused(status, body)
        assert "Set-Cookie" not in response.headers
    assert await _websocket_status(served, None, served.origin) == 403
    assert served.app_processes() == []
    assert "A tab opened" not in served.printed


async def test_a_wrong_token_or_cookie_is_refused(served: ServedHallway) -> None:
    wrong = [served.token[:-1], served.token + "x", served.token.upper(), "", "Ω" * 43]
    for token in wrong:
        status, body, response = await _get(served, f"/?token={token}")
        _assert_refused(status, body)
        assert "Set-Cookie" not in response.headers
        status, body, _ = await _get(served, "/", cookies={served.cookie_name: token or "x"})
        _assert_refused(status, body)
        assert await _websocket_status(served, {served.cookie_name: token}, served.origin) == 403
    # The right token under another server's cookie name does not count either.
    status, body, _ = await _get(served, "/", cookies={"hallway-1": served.token})
    _assert_refused(status, body)
    assert served.app_processes() == []


async def test_the_token_is_swapped_for_a_strict_http_only_cookie(served: ServedHallway) -> None:
    status, body, response = await _get(served, f"/?token={served.token}")
    assert status == 200
    cookie = response.cookies[served.cookie_name]
    assert cookie.value == served.token
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"
    assert not cookie["secure"]  # plain HTTP on loopback; see test_https for Secure
    assert not cookie["max-age"]  # a fresh token each run: the cookie ends with the browser
    # The page moves on to "/" by itself, and never shows the token.
    assert 'location.replace("/")' in body and served.token not in body
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"

    status, body, response = await _get(served, "/", cookies={served.cookie_name: served.token})
    assert status == 200
    assert 'class="textual-terminal"' in body and served.token not in body
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    status, _, _ = await _get(
        served, "/static/js/textual.js", cookies={served.cookie_name: served.token}
    )
    assert status == 200
    assert served.app_processes() == []  # pages alone start nothing: only a websocket does


@pytest.mark.parametrize(
    "origin",
    [None, "http://evil.example", "null", "http://127.0.0.1:1", "https://127.0.0.1", "file://"],
)
async def test_the_websocket_refuses_another_origin(served: ServedHallway, origin: str) -> None:
    cookies = {served.cookie_name: served.token}
    assert await _websocket_status(served, cookies, origin) == 403
    assert served.app_processes() == []
    assert "A tab opened" not in served.printed


async def test_the_websocket_with_cookie_and_own_origin_runs_one_app(
    served: ServedHallway,
) -> None:
    cookies = {served.cookie_name: served.token}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        websocket = await session.ws_connect(
            served.origin + "/ws?width=50&height=30", headers={"Origin": served.origin}
        )
        await websocket.receive(timeout=20)  # the app's first bytes
        assert len(served.app_processes()) == 1
        await websocket.close()
    served.wait_for_apps(0)


async def test_an_app_that_dies_closes_its_tab_and_frees_its_place(
    served: ServedHallway,
) -> None:
    cookies = {served.cookie_name: served.token}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        websocket = await session.ws_connect(
            served.origin + "/ws", headers={"Origin": served.origin}
        )
        await websocket.receive(timeout=20)
        (app,) = served.app_processes()
        os.kill(app, signal.SIGKILL)
        while (message := await websocket.receive(timeout=20)).type == aiohttp.WSMsgType.BINARY:
            continue
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    served.wait_for_apps(0)
