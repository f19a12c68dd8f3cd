"""The options of ``hallway serve``, apart from the server so the command line that lists
them (every ``hallway`` run) imports nothing heavy."""

from __future__ import annotations

import argparse

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 4


def add_arguments(serve: argparse.ArgumentParser) -> None:
    """The options of ``hallway serve`` (``--db`` comes from the shared parent parser)."""
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)"
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"at most N tabs (app processes) at once (default {DEFAULT_MAX_SESSIONS})",
    )
    serve.add_argument(
        "--keep-token",
        action="store_true",
        help="keep the token between runs (owner-only file in Hallway's config folder)",
    )
    serve.add_argument(
        "--new-token", action="store_true", help="replace the kept token with a new one"
    )
    serve.add_argument("--certfile", metavar="FILE", help="serve HTTPS with this certificate")
    serve.add_argument("--keyfile", metavar="FILE", help="the certificate's private key")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address a reverse proxy publishes (e.g. https://laptop.example.ts.net)",
    )
