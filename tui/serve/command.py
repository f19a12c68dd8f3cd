"""``hallway serve``: check the database, choose the token, start the server, say where.

Runs until Ctrl+C (or SIGTERM), then closes every tab and waits for each app process to
close its database.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shlex
import signal
import ssl
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

from hallway.store import i18n
from hallway.store.errors import HallwayError
from hallway.store.i18n import _, ngettext
from hallway.store.paths import resolve_db_path
from hallway.store.text import visible
from hallway.tui.serve.address import (
    Address,
    draw_qr,
    is_loopback,
    plain_http_warning,
    reachable_host,
)
from hallway.tui.serve.tokens import choose_token

if TYPE_CHECKING:
    from hallway.tui.serve.server import HallwayServer


def serve_command(args: argparse.Namespace) -> int:
    """Run ``hallway serve`` until stopped; returns the exit code."""
    _check_arguments(args)
    db = resolve_db_path(getattr(args, "db", None)).resolve()
    _check_database(db)
    context = _tls(args.certfile, args.keyfile)
    public = _public_origin(args.public_url)
    token = choose_token(keep=args.keep_token, replace=args.new_token)
    # Each tab's Hallway speaks the language this command chose (--lang, config, environment).
    language = f"--lang {i18n.current()}"
    database = f"--db {shlex.quote(str(db))}"
    command = f"exec {shlex.quote(sys.executable)} -m hallway {language} {database}"

    from hallway.tui.serve.gate import Gate
    from hallway.tui.serve.server import HallwayServer

    secure = context is not None or (public or "").startswith("https:")
    gate = Gate(token, secure=secure, kept=args.keep_token or args.new_token)
    server = HallwayServer(
        command,
        gate,
        max_sessions=args.max_sessions,
        allowed_origins=[public] if public else [],
    )
    logging.basicConfig(level=logging.INFO, format="hallway serve: %(message)s", stream=sys.stderr)

    def ready(port: int) -> None:
        gate.cookie_name = f"hallway-{port}"
        scheme = "https" if context is not None else "http"
        address = Address(scheme, reachable_host(args.host), port)
        announce(
            sys.stdout,
            host=args.host,
            address=address,
            link=address.with_token(token, base=public),
            db=db,
            tls=context is not None,
            public=public,
            max_sessions=args.max_sessions,
        )

    asyncio.run(_serve(server, args.host, args.port, context, ready))
    print(_("Hallway stopped serving; every tab's work is saved."))
    return 0


def _check_arguments(args: argparse.Namespace) -> None:
    if args.max_sessions < 1:
        raise HallwayError(_("--max-sessions must be at least 1."))
    if not 0 <= args.port <= 65535:
        raise HallwayError(_("--port must be between 0 and 65535."))
    if args.keyfile and not args.certfile:
        raise HallwayError(_("--keyfile goes with --certfile (the certificate it belongs to)."))


def _check_database(db: Path) -> None:
    """Open the database once, so a problem is told here rather than in a blank tab."""
    from hallway.store.db import Store

    with Store.open(db) as store:
        for notice in store.notices:
            print(f"hallway: {visible(notice, multiline=True)}", file=sys.stderr)


def _tls(certfile: str | None, keyfile: str | None) -> ssl.SSLContext | None:
    if not certfile:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(certfile, keyfile)
    except FileNotFoundError as error:
        raise HallwayError(
            _("No such file: {path}.").format(path=error.filename or certfile)
        ) from None
    except (ssl.SSLError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        if keyfile:
            problem = _(
                "Could not use the certificate {certfile} with the key {keyfile}: {reason}."
            )
        else:
            problem = _("Could not use the certificate {certfile}: {reason}.")
        raise HallwayError(
            problem.format(certfile=certfile, keyfile=keyfile, reason=reason)
        ) from None
    return context


def _public_origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise HallwayError(
            _(
                "--public-url takes the address the proxy publishes, "
                "e.g. https://laptop.example.ts.net"
            )
        )
    return f"{parts.scheme}://{parts.netloc}".lower()


def announce(
    out: TextIO,
    *,
    host: str,
    address: Address,
    link: str,
    db: Path,
    tls: bool,
    public: str | None,
    max_sessions: int,
) -> None:
    """Say where Hallway is served: a warning first if the network could read it, then the
    link (with its token) and its QR code, then how many tabs and how to stop."""
    if not is_loopback(host) and not tls:
        print(plain_http_warning(host, address.port) + "\n", file=out)
    served = _("Hallway is served at {address} (database: {db}).")
    print(visible(served.format(address=public or address.origin, db=db)), file=out)
    print(_("Open this address once; your browser then keeps its token as a cookie:"), file=out)
    print(f"\n  {link}\n", file=out)
    draw_qr(link, out)
    if is_loopback(host) and not public:
        print(
            _(
                "Only this machine can open it. For a phone, see `hallway serve --help` "
                "(--host with --certfile/--keyfile, or a reverse proxy with --public-url)."
            ),
            file=out,
        )
    if max_sessions == 1:
        many = _("Up to one tab at once. Ctrl+C stops the server.")
    else:
        many = ngettext(
            "Up to {n} tab at once. Ctrl+C stops the server.",
            "Up to {n} tabs at once. Ctrl+C stops the server.",
            max_sessions,
        ).format(n=max_sessions)
    print(many, file=out, flush=True)


async def _serve(
    server: HallwayServer,
    host: str,
    port: int,
    context: ssl.SSLContext | None,
    ready: Callable[[int], None],
) -> None:
    from aiohttp import web

    runner = web.AppRunner(
        server.make_app(), access_log=None, handle_signals=False, shutdown_timeout=30
    )
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        site = web.TCPSite(runner, host, port, ssl_context=context)
        try:
            await site.start()
        except OSError as error:
            reason = error.strerror or str(error)
            raise HallwayError(
                _("Could not listen on {host} port {port}: {reason}.").format(
                    host=host, port=port, reason=reason
                )
            ) from None
        ready(runner.addresses[0][1])
        await stop.wait()
    finally:
        await runner.cleanup()
