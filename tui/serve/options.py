"""The options of ``hallway serve``, apart from the server so the command line that lists
them (every ``hallway`` run) imports nothing heavy."""

from __future__ import annotations

import argparse

from hallway.store.i18n import _

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 4


def add_arguments(serve: argparse.ArgumentParser) -> None:
    """The options of ``hallway serve`` (``--db`` comes from the shared parent parser)."""
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=_("address to listen on (default {host}: this machine only)").format(
            host=DEFAULT_HOST
        ),
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=_("port (default {port}; 0: any free)").format(port=DEFAULT_PORT),
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=_("at most N tabs (app processes) at once (default {most})").format(
            most=DEFAULT_MAX_SESSIONS
        ),
    )
    serve.add_argument(
        "--keep-token",
        action="store_true",
        help=_("keep the token between runs (owner-only file in Hallway's config folder)"),
    )
    serve.add_argument(
        "--new-token", action="store_true", help=_("replace the kept token with a new one")
    )
    serve.add_argument("--certfile", metavar="FILE", help=_("serve HTTPS with this certificate"))
    serve.add_argument("--keyfile", metavar="FILE", help=_("the certificate's private key"))
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help=_("the address a reverse proxy publishes (e.g. https://laptop.example.ts.net)"),
    )
