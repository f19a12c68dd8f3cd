"""What Hallway takes from textual-serve beyond its public names still holds. These fail
loudly when a textual-serve release moves them (see hallway/tui/serve/bridge.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect

from hallway.tui.serve.bridge import STATIC_FOLDER, AppService, DownloadManager, app_process


def test_the_static_files_the_page_loads_are_there() -> None:
    for name in ("js/textual.js", "css/xterm.css", "fonts/RobotoMono-VariableFont_wght.ttf"):
        assert (STATIC_FOLDER / name).is_file(), name


def test_textual_js_still_has_what_the_page_relies_on() -> None:
    """index.html sets the websocket address, turns file deliveries into in-page downloads
    and shows its notices on textual.js's body classes."""
    script = (STATIC_FOLDER / "js" / "textual.js").read_text(encoding="utf-8")
    for hook in (
        "dataset.sessionWebsocketUrl",
        '"deliver_file_start"',
        "/download/",
        "window.open(",
        "-first-byte",
        "-closed",
        '"resize"',
        '"stdin"',
    ):
        assert hook in script, hook


def test_app_service_takes_what_the_server_gives_it() -> None:
    parameters = inspect.signature(AppService).parameters
    for name in ("command", "write_bytes", "write_str", "close", "download_manager"):
        assert name in parameters, name
    for method in ("start", "stop", "send_bytes", "set_terminal_size", "blur", "focus"):
        assert inspect.iscoroutinefunction(getattr(AppService, method)), method
    for method in ("get_download_metadata", "download"):
        assert hasattr(DownloadManager, method), method


def test_a_download_describes_its_file() -> None:
    from textual_serve.download_manager import Download

    names = {field.name for field in dataclasses.fields(Download)}
    assert {"file_name", "mime_type", "encoding"} <= names


async def test_app_process_is_the_started_process() -> None:
    async def ignore(data: object = None) -> None:
        return None

    service = AppService(
        "exec sleep 30",
        write_bytes=ignore,
        write_str=ignore,
        close=ignore,
        download_manager=DownloadManager(),
    )
    assert app_process(service) is None
    await service.start(80, 24)
    process = app_process(service)
    assert isinstance(process, asyncio.subprocess.Process)
    assert process.returncode is None
    process.kill()
    await asyncio.wait_for(service.stop(), 10)
    assert await process.wait() != 0
