"""The one place that reaches past textual-serve's public surface.

Hallway builds on textual-serve's pieces: :class:`AppService` (one app process per
websocket, speaking Textual's web driver protocol), :class:`DownloadManager` (file
deliveries) and its static files (xterm.js and Textual's client, ``textual.js``). It does
not use textual-serve's ``Server``, which has no authentication, no process limit and no
TLS. Two things it needs have no public name, and both live here so that
``tests/serve/test_bridge.py`` fails loudly when a textual-serve release moves them:

- where the static files are (package data beside the module);
- the app's :class:`asyncio.subprocess.Process`, to wait until it has really exited
  (``AppService.stop`` returns once its output ends) and to end one that hangs.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import textual_serve
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

__all__ = ["STATIC_FOLDER", "AppService", "DownloadManager", "app_process"]

STATIC_FOLDER = Path(textual_serve.__file__).resolve().parent / "static"


def app_process(service: AppService) -> asyncio.subprocess.Process | None:
    """The process ``service`` started (None before :meth:`AppService.start`)."""
    process = getattr(service, "_process", None)
    if process is not None and not isinstance(process, asyncio.subprocess.Process):
        raise TypeError(f"textual-serve changed: AppService._process is {type(process)!r}")
    return process
