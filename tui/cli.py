"""The ``hallway`` command line: open the app, or capture, export, import and check from a shell.

Heavy imports (Textual, Faker, the exporters) happen inside the commands that need them, so
``hallway capture`` starts fast. User errors and damaged files end with a plain message on
standard error and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from hallway.store.errors import HallwayError
from hallway.store.interop import EXPORT_FORMATS
from hallway.store.paths import resolve_db_path
from hallway.store.text import visible

if TYPE_CHECKING:
    from hallway.store.db import Store
    from hallway.store.records import Encounter, Event

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

DEFAULT_DEMO_PEOPLE = 120


def version_text() -> str:
    """Hallway's version and Textual's, without importing Textual."""
    return f"hallway {_version('hallway')} (textual {_version('textual')})"


def _version(package: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, reading package metadata only when asked (it costs ~20 ms at start-up)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(version_text())
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """argparse with Hallway's wording for usage errors (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"hallway: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, as documented in the README."""
    db_help = "database file (default: $HALLWAY_DB, else the user data folder)"
    # --db is accepted before or after the command; SUPPRESS keeps a later one from erasing it.
    db_parent = _Parser(add_help=False)
    db_parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)

    parser = _Parser(
        prog="hallway",
        description="A terminal companion for live events. Without a command, opens the app.",
    )
    parser.add_argument("--db", metavar="PATH", default=None, help=db_help)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on throwaway generated data (your data is untouched)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for --demo data (default 0)")
    parser.add_argument(
        "--version", action=_VersionAction, help="show Hallway's and Textual's versions"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    capture = commands.add_parser(
        "capture", parents=[db_parent], help="save one person into the live event"
    )
    capture.add_argument("--event", metavar="NAME", help="event to capture into (made live)")
    capture.add_argument(
        "line", metavar="LINE", help='e.g. "Maya Chen, data engineer @Acme #sourdough -- note"'
    )

    demo = commands.add_parser(
        "demo", parents=[db_parent], help="write generated data into a database"
    )
    demo.add_argument("--people", type=int, default=DEFAULT_DEMO_PEOPLE, metavar="N")
    demo.add_argument("--seed", type=int, default=0, metavar="N")

    export = commands.add_parser("export", parents=[db_parent], help="export to another format")
    export.add_argument("format", choices=EXPORT_FORMATS)
    export.add_argument(
        "-o", "--output", metavar="FILE", help="file to write (default or -: standard output)"
    )
    export.add_argument("--vcard-version", choices=["3.0", "4.0"], default="3.0")
    export.add_argument("--todo", action="store_true", help="ics: write VTODOs instead of VEVENTs")
    export.add_argument(
        "--event", metavar="NAME", help="markdown: which event (default: live/latest)"
    )

    import_ = commands.add_parser("import", parents=[db_parent], help="import a file")
    import_.add_argument("format", choices=["json", "vcard"])
    import_.add_argument("file", metavar="FILE")
    import_.add_argument(
        "--replace",
        action="store_true",
        help="json: replace a database that already holds records (a backup is kept first)",
    )

    check = commands.add_parser("check", parents=[db_parent], help="verify the database")
    check.add_argument("--repair", action="store_true", help="restore the newest good backup")

    serve = commands.add_parser(
        "serve",
        parents=[db_parent],
        help="open Hallway in a browser (a phone's), behind a secret token",
        description=(
            "Serve Hallway to web browsers: each tab runs its own Hallway on the database. "
            "Every request needs the token in the printed address (the browser then keeps "
            "it as a cookie). By default only this machine can connect; to reach it from a "
            "phone, listen on the network with --host and HTTPS (--certfile/--keyfile), or "
            "publish 127.0.0.1 through a reverse proxy with HTTPS (tailscale serve, Caddy) "
            "and pass its address as --public-url."
        ),
    )
    from hallway.tui.serve.options import add_arguments

    add_arguments(serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hallway`` console script."""
    args = build_parser().parse_args(argv)
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: run_app,
        "capture": run_capture,
        "demo": run_demo,
        "export": run_export,
        "import": run_import,
        "check": run_check,
        "serve": run_serve,
    }
    try:
        return handlers[args.command](args)
    except HallwayError as error:
        return fail(str(error))
    except OSError as error:
        return fail(describe_os_error(error))
    except KeyboardInterrupt:
        return 130


def fail(message: str) -> int:
    """Print a plain message on standard error and return the failure exit code."""
    print(f"hallway: {visible(message, multiline=True)}", file=sys.stderr)
    return EXIT_FAILED


def describe_os_error(error: OSError) -> str:
    """An operating-system error in plain words, naming the file involved."""
    where = f" ({error.filename})" if error.filename else ""
    reason = error.strerror or str(error)
    return f"{reason}{where}."


def open_store(args: argparse.Namespace) -> Store:
    """Open the database the arguments point at, printing any recovery notices."""
    from hallway.store.db import Store

    store = Store.open(resolve_db_path(getattr(args, "db", None)))
    for notice in store.notices:
        print(f"hallway: {visible(notice, multiline=True)}", file=sys.stderr)
    return store


# -- commands ------------------------------------------------------------------------------


def run_app(args: argparse.Namespace) -> int:
    """Open the full-screen app (on throwaway data with --demo)."""
    if args.demo:
        if args.db:
            return fail("--demo uses throwaway data; leave out --db (or use `hallway demo --db`).")
        return _run_demo_app(args.seed)
    from hallway.tui.app import HallwayApp

    with open_store(args) as store:
        app = HallwayApp(store)
        app.run()
    # Textual catches a crash, prints it and sets return_code; run() itself returns None.
    return app.return_code or EXIT_OK


def _run_demo_app(seed: int) -> int:
    from hallway.store.db import Store
    from hallway.store.demo import generate_demo
    from hallway.tui.app import HallwayApp

    folder = Path(tempfile.mkdtemp(prefix="hallway-demo-"))
    try:
        with Store.open(folder / "hallway.json") as store:
            generate_demo(store, people=DEFAULT_DEMO_PEOPLE, seed=seed)
            app = HallwayApp(store, demo=True)
            app.run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return app.return_code or EXIT_OK


def run_capture(args: argparse.Namespace) -> int:
    """Save one person into the live (or named) event; exit 0 only after a durable save."""
    with open_store(args) as store, store.transaction():
        event = store.event_for_capture(args.event)
        encounter = store.capture(args.line, event_id=event.id)
    print(describe_capture(encounter, event))
    return EXIT_OK


def describe_capture(encounter: Encounter, event: Event) -> str:
    """One line saying what was saved, safe to print on a terminal."""
    parts = [encounter.name]
    if encounter.role:
        parts.append(f", {encounter.role}")
    if encounter.org:
        parts.append(f" @{encounter.org}")
    parts.extend(f" #{topic}" for topic in encounter.topics)
    if encounter.notes:
        parts.append(f" -- {encounter.notes[0].text}")
    when = f"{encounter.met_at:%H:%M}"
    return visible(f"Saved {''.join(parts)}  ({event.name}, {when})")


def run_demo(args: argparse.Namespace) -> int:
    """Write generated data into a database (refuses one that already holds data)."""
    if not getattr(args, "db", None):
        return fail("`hallway demo` needs --db PATH, so your own database is never overwritten.")
    if args.people < 1:
        return fail("--people must be at least 1.")
    from hallway.store.demo import generate_demo

    with open_store(args) as store:
        if store.events() or store.contacts():
            return fail(f"{store.path} already holds data; demo data goes into a new database.")
        summary = generate_demo(store, people=args.people, seed=args.seed)
    # Where and which event, never how many people: Hallway shows no counts of people.
    print(visible(f"Wrote demo data to {store.path} (live event: {summary.live_event})."))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Export the database (json, vcard, ics or markdown) to a file or standard output."""
    with open_store(args) as store:
        data = _export(store, args)
    if args.output and args.output != "-":
        from hallway.store.interop.common import NotAPlainFile, write_private

        try:
            write_private(Path(args.output), data)
        except NotAPlainFile as error:
            return fail(f"{error} Leave out -o (or use -o -) to write to standard output.")
        print(visible(f"Exported {args.format} to {args.output}"), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


def _export(store: Store, args: argparse.Namespace) -> bytes:
    from hallway.store.interop import export_bytes

    event_id = None
    if args.format == "markdown" and args.event:
        event = store.find_event(args.event)
        if event is None:
            raise HallwayError(
                f"No event called {args.event!r}. `hallway export json` lists them all."
            )
        event_id = event.id
    return export_bytes(
        store,
        args.format,
        event_id=event_id,
        vcard_version=args.vcard_version,
        todo=args.todo,
    )


def run_import(args: argparse.Namespace) -> int:
    """Import a Hallway JSON export (restores it) or a vCard file (adds or merges contacts)."""
    data = Path(args.file).read_bytes()
    with open_store(args) as store:
        if args.format == "json":
            return _import_json(store, data, replace=args.replace)
        from hallway.store.interop.vcard import decode_vcard_bytes, import_vcard

        report = import_vcard(store, decode_vcard_bytes(data), source=args.file)
    print(
        visible(report.message, multiline=True), file=sys.stderr if report.skipped else sys.stdout
    )
    return EXIT_FAILED if report.skipped else EXIT_OK


def _import_json(store: Store, data: bytes, *, replace: bool) -> int:
    from hallway.store.interop.jsonio import WouldReplace, import_json

    try:
        summary = import_json(store, data, replace=replace)
    except WouldReplace as error:
        return fail(
            f"{error} To replace them, run the same command with --replace; what the "
            f"database holds now is then kept in its backups folder ({store.backups_folder})."
        )
    print(visible(summary.message))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Verify the database; with --repair restore the newest good backup."""
    from hallway.store.db import Store

    path = resolve_db_path(getattr(args, "db", None))
    if args.repair:
        print(visible(Store.repair(path), multiline=True))
        return EXIT_OK
    report = Store.check(path)
    for line in report.details:
        print(visible(line, multiline=True))
    if report.ok:
        print(f"{path} is sound.")
        return EXIT_OK
    for problem in report.problems:
        print(f"hallway: {visible(problem, multiline=True)}", file=sys.stderr)
    return EXIT_FAILED


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app to web browsers until stopped (see :mod:`hallway.tui.serve`)."""
    from hallway.tui.serve.command import serve_command

    return serve_command(args)


if __name__ == "__main__":  # pragma: no cover - exercised through tui.__main__
    sys.exit(main())
