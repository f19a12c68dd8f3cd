"""The ``hallway`` command line: open the app, or capture, export, import and check from a shell.

Heavy imports (Textual, Faker, the exporters) happen inside the commands that need them, so
``hallway capture`` starts fast. User errors and damaged files end with a plain message on
standard error and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from hallway.store import clock, i18n
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.interop import EXPORT_FORMATS
from hallway.store.paths import resolve_db_path
from hallway.store.text import format_day, visible
from hallway.tui import cli_help as words
from hallway.tui.heap import resume_from_start

if TYPE_CHECKING:
    from hallway.store.config import LoadedConfig
    from hallway.store.db import Store
    from hallway.store.devices import DeviceSeen
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


class _ManAction(argparse.Action):
    """``--man``: the manual page installed with Hallway (shown with ``man`` on a terminal,
    else printed as roff, e.g. to save it where ``man`` looks)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        show_manpage()
        parser.exit()


def show_manpage() -> None:
    """Show ``hallway.1``: through ``man -l`` when standard output is a terminal and ``man``
    is there, else as roff on standard output."""
    from importlib import resources

    page = resources.files("hallway.tui").joinpath(MANPAGE)
    if sys.stdout.isatty() and shutil.which("man"):
        import subprocess

        with resources.as_file(page) as path:
            subprocess.run(["man", "-l", str(path)], check=False)
        return
    sys.stdout.write(page.read_text(encoding="utf-8"))
    sys.stdout.flush()


MANPAGE = "hallway.1"


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; option help starts a little further right, so
    the command names (``completion``) fit on the line of their summary."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=28)


class _Parser(argparse.ArgumentParser):
    """argparse with Hallway's wording for usage errors (exit code 2), and descriptions and
    examples shown as written (line breaks kept)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"hallway: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, as documented in the README and the man page, in the
    language :func:`hallway.store.i18n.use` chose."""
    _argparse_speaks_our_language()
    db_help = _("database file (default: $HALLWAY_DB, else the user data folder)")
    lang_help = _(
        "speak de (Deutsch) or en (English); default: the config file's language, else "
        "the environment's (LANG...)"
    )
    # --db and --lang are accepted before or after the command; SUPPRESS keeps a later one
    # from erasing an earlier one.
    db_parent = _Parser(add_help=False)
    db_parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    lang_parent = _Parser(add_help=False)
    lang_parent.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=lang_help
    )

    parser = _Parser(prog="hallway", description=_(words.PROGRAM), epilog=_(words.PROGRAM_EPILOG))
    parser.add_argument("--db", metavar="PATH", default=None, help=db_help)
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help=lang_help)
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("open on throwaway generated data (your data is untouched)"),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help=_("with --demo: which generated people (the same N, the same people; default 0)"),
    )
    parser.add_argument(
        "--version", action=_VersionAction, help=_("show Hallway's and Textual's versions")
    )
    parser.add_argument("--man", action=_ManAction, help=_("show the manual page"))
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        title=_("commands"),
        help=_("what to do (without one: open the app)"),
    )

    def command(name: str, summary: str, description: str, epilog: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            parents=[db_parent, lang_parent],
            help=_(summary),
            description=_(description),
            epilog=_(epilog),
        )

    capture = command(
        "capture",
        N_("save one person (or a circle: Ana + Ben) into the live event"),
        words.CAPTURE,
        words.CAPTURE_EPILOG,
    )
    capture.add_argument(
        "--event",
        metavar="NAME",
        help=_("the event to capture into (created if new, and made live)"),
    )
    capture.add_argument(
        "line",
        metavar="LINE",
        help=_('NAME[, ROLE] [@ORG] [#topic ...] [-- NOTE], e.g. "Maya Chen @Acme #sourdough"'),
    )

    demo = command(
        "demo", N_("write generated data into a new database"), words.DEMO, words.DEMO_EPILOG
    )
    demo.add_argument(
        "--people",
        type=int,
        default=DEFAULT_DEMO_PEOPLE,
        metavar="N",
        help=_("how many people to generate across the events (default {people})").format(
            people=DEFAULT_DEMO_PEOPLE
        ),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help=_("which generated people (the same N, the same data; default 0)"),
    )

    export = command("export", N_("export to another format"), words.EXPORT, words.EXPORT_EPILOG)
    export.add_argument(
        "format",
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help=_("one of {formats}").format(formats=", ".join(EXPORT_FORMATS)),
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("file to write (default or -: standard output)"),
    )
    export.add_argument(
        "--vcard-version",
        choices=["3.0", "4.0"],
        default="3.0",
        help=_("vcard: 3.0 (default; what phones import) or 4.0 (adds INTEREST per topic)"),
    )
    export.add_argument(
        "--todo", action="store_true", help=_("ics: write to-dos instead of events")
    )
    export.add_argument(
        "--event",
        metavar="NAME",
        help=_("markdown: which event (default: the live one, else the latest)"),
    )
    export.add_argument(
        "--bom",
        action="store_true",
        help=_("csv: start with a byte order mark, so Excel reads the file as UTF-8"),
    )

    import_ = command("import", N_("import a file"), words.IMPORT, words.IMPORT_EPILOG)
    import_.add_argument(
        "format",
        choices=IMPORT_FORMATS,
        metavar="FORMAT",
        help=_("one of {formats}").format(formats=", ".join(IMPORT_FORMATS)),
    )
    import_.add_argument("file", metavar="FILE", help=_("the file to read"))
    import_.add_argument(
        "--replace",
        action="store_true",
        help=_("json: replace a database that already holds records (a backup is kept first)"),
    )
    import_.add_argument(
        "--merge",
        action="store_true",
        help=_(
            "json: merge another database's export into this one, as two devices merge "
            "(a backup is kept first)"
        ),
    )
    import_.add_argument(
        "--event",
        metavar="NAME",
        help=_(
            "csv: everyone becomes someone you met at this event (created if new), not a "
            "lasting contact"
        ),
    )

    check = command("check", N_("verify the database"), words.CHECK, words.CHECK_EPILOG)
    check.add_argument(
        "--repair", action="store_true", help=_("restore the newest good backup if it is damaged")
    )

    devices = command(
        "devices",
        N_("list the devices that write to this database; forget a lost one"),
        words.DEVICES,
        words.DEVICES_EPILOG,
    )
    devices_action = devices.add_subparsers(
        dest="devices_action",
        metavar="ACTION",
        parser_class=_Parser,
        title=_("actions"),
        help=_("forget ID (without one: list the devices)"),
    )
    forget = devices_action.add_parser(
        "forget",
        parents=[db_parent, lang_parent],
        help=_("stop expecting a device (its data stays)"),
        description=_(
            "Stop expecting a device (a lost phone): it is no longer listed; everything it "
            "wrote stays."
        ),
    )
    forget.add_argument(
        "device", metavar="ID", help=_("the start of its id as listed, or its name")
    )

    completion = commands.add_parser(
        "completion",
        parents=[lang_parent],
        help=_("print a shell completion script"),
        description=_(words.COMPLETION),
        epilog=_(words.COMPLETION_EPILOG),
    )
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help=_("bash, zsh or fish"))
    commands.add_parser(
        "config",
        parents=[lang_parent],
        help=_("show where the config file is and the settings in force"),
        description=_(words.CONFIG),
        epilog=_(words.CONFIG_EPILOG),
    )

    serve = command(
        "serve",
        N_("open Hallway in a browser (a phone's), behind a secret token"),
        words.SERVE,
        words.SERVE_EPILOG,
    )
    from hallway.tui.serve.options import add_arguments

    add_arguments(serve)
    return parser


IMPORT_FORMATS = ("json", "vcard", "csv")
SHELLS = ("bash", "zsh", "fish")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``hallway`` console script."""
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: run_app,
        "capture": run_capture,
        "demo": run_demo,
        "export": run_export,
        "import": run_import,
        "check": run_check,
        "devices": run_devices,
        "completion": run_completion,
        "config": run_config,
        "serve": run_serve,
    }
    i18n.use(choose_language(sys.argv[1:] if argv is None else argv))
    try:
        args = build_parser().parse_args(argv)
        if args.command is not None:  # only the app keeps the collector resting
            resume_from_start()
        return handlers[args.command](args)
    except BrokenPipeError:
        return _reader_went_away()
    except HallwayError as error:
        return fail(str(error))
    except OSError as error:
        return fail(describe_os_error(error))
    except KeyboardInterrupt:
        return 130


def choose_language(argv: Sequence[str]) -> str:
    """The language to speak (see :func:`hallway.store.i18n.choose_language`): ``--lang``
    (read before the parser is built, as the parser's help is already in the language),
    else the config file's ``language``, else the environment's, else English. A --lang
    Hallway doesn't speak is left to the parser to refuse; a bad config value is named when
    the command reads the config."""
    flag = _lang_flag(argv)
    if flag is not None:
        return flag
    from hallway.store.config import load_config

    return i18n.choose_language(None, load_config().settings.language, os.environ)


def _lang_flag(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang X`` or ``--lang=X`` before ``--``, if Hallway speaks it."""
    found = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found if found in i18n.LANGUAGES else None


# argparse's own words, through Hallway's catalog (argparse reads them with gettext as it
# formats help and errors; these are the ones Hallway's command line can show).
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _argparse_speaks_our_language() -> None:
    """Point argparse's gettext at Hallway's catalog (argparse imports ``gettext`` and
    ``ngettext`` as module globals and calls them when it formats help or an error, so the
    words follow :func:`hallway.store.i18n.use`)."""
    setattr(argparse, "_", _)  # noqa: B010 - argparse's module global, not an attribute
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


def _reader_went_away() -> int:
    """Whoever read standard output stopped (``hallway export json | head``): nothing more
    can be said there, and that is not a failure. As the Python documentation advises (the
    signal module's note on SIGPIPE), standard output is pointed at /dev/null so the flush
    at exit doesn't fail again and print a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_OK


def fail(message: str) -> int:
    """Print a plain message on standard error and return the failure exit code."""
    print(f"hallway: {visible(message, multiline=True)}", file=sys.stderr)
    return EXIT_FAILED


def describe_os_error(error: OSError) -> str:
    """An operating-system error in plain words, naming the file involved."""
    where = f" ({error.filename})" if error.filename else ""
    reason = error.strerror or str(error)
    return f"{reason}{where}."


def open_store(args: argparse.Namespace, loaded: LoadedConfig | None = None) -> Store:
    """Open the database the arguments point at, with the config file's settings (read now
    unless ``loaded``), printing any recovery notices and config problems (and, at once,
    that it waits if another Hallway is using the database)."""
    from hallway.store.db import Store

    loaded = loaded or load_settings()
    path = resolve_db_path(getattr(args, "db", None))
    store = Store.open(path, settings=loaded.settings, waiting=tell_waiting)
    for notice in store.notices:
        print(f"hallway: {visible(notice, multiline=True)}", file=sys.stderr)
    return store


def load_settings() -> LoadedConfig:
    """The config file's settings (every default without one), each problem said once on
    standard error."""
    from hallway.store.config import load_config

    loaded = load_config()
    for problem in loaded.problems:
        print(f"hallway: {visible(problem)}", file=sys.stderr)
    return loaded


def tell_waiting(message: str) -> None:
    """Say on standard error that Hallway waits for another one (before the app starts,
    so the terminal is never just blank)."""
    print(f"hallway: {visible(message)}", file=sys.stderr, flush=True)


# -- commands ------------------------------------------------------------------------------


def run_app(args: argparse.Namespace) -> int:
    """Open the full-screen app (on throwaway data with --demo)."""
    if not has_terminal():
        print(f"hallway: {_(NEEDS_TERMINAL)}", file=sys.stderr)
        return EXIT_USAGE
    if args.demo:
        if args.db is not None:
            return fail(
                _("--demo uses throwaway data; leave out --db (or use `hallway demo --db`).")
            )
        return _run_demo_app(args.seed)
    from hallway.tui.app import HallwayApp

    loaded = load_settings()
    with open_store(args, loaded) as store:
        app = HallwayApp(
            store,
            notices=[visible(problem) for problem in loaded.problems],
            config_path=loaded.path,
        )
        # While the app runs it answers SIGHUP and SIGTERM itself (tui/drafts.py: keep the
        # typed text, then close as after q). Before and after, they are ignored: closing
        # ends in the fold into hallway.json, and a terminal that goes away sends a second
        # hang-up (the kernel's, after the terminal's own) that must not cut it short.
        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        app.run()
    # Textual catches a crash, prints it and sets return_code; run() itself returns None.
    return app.return_code or EXIT_OK


NEEDS_TERMINAL = N_(
    "hallway needs a terminal; for scripts use hallway capture/export "
    "(`hallway --help` lists every command)."
)


def has_terminal() -> bool:
    """Whether the app can run here: standard input and output are a terminal, or Textual
    was told to use another driver (``TEXTUAL_DRIVER``, as the browser server does). Without
    one the app would draw to standard error and wait forever for keys."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_demo_app(seed: int) -> int:
    from hallway.store.db import Store
    from hallway.store.demo import generate_demo
    from hallway.tui.app import HallwayApp

    loaded = load_settings()
    folder = Path(tempfile.mkdtemp(prefix="hallway-demo-"))
    try:
        with Store.open(folder / "hallway.json", settings=loaded.settings) as store:
            generate_demo(store, people=DEFAULT_DEMO_PEOPLE, seed=seed, language=i18n.current())
            app = HallwayApp(store, demo=True, notices=[visible(p) for p in loaded.problems])
            app.run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return app.return_code or EXIT_OK


def run_capture(args: argparse.Namespace) -> int:
    """Save one person, or a conversation circle (``Ana + Ben``), into the live (or named)
    event; one line per person saved; exit 0 only after a durable save."""
    with open_store(args) as store, store.transaction():
        event = store.event_for_capture(args.event)
        people = store.capture_people(args.line, event_id=event.id)
    for encounter in people:
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
    saved = _("Saved {person}  ({event}, {time})")
    return visible(saved.format(person="".join(parts), event=event.name, time=when))


def run_demo(args: argparse.Namespace) -> int:
    """Write generated data into a database (refuses one that already holds data)."""
    if not getattr(args, "db", None):
        return fail(_("`hallway demo` needs --db PATH, so your own database is never overwritten."))
    if args.people < 1:
        return fail(_("--people must be at least 1."))
    from hallway.store.demo import generate_demo

    with open_store(args) as store:
        if store.events() or store.contacts():
            return fail(
                _("{path} already holds data; demo data goes into a new database.").format(
                    path=store.path
                )
            )
        summary = generate_demo(store, people=args.people, seed=args.seed, language=i18n.current())
    # Where and which event, never how many people: Hallway shows no counts of people.
    wrote = _("Wrote demo data to {path} (live event: {event}).")
    print(visible(wrote.format(path=store.path, event=summary.live_event)))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Export the database (json, vcard, ics, markdown or csv) to a file or standard output."""
    with open_store(args) as store:
        data = _export(store, args)
    if args.output and args.output != "-":
        from hallway.store.interop.common import NotAPlainFile, write_private

        try:
            write_private(Path(args.output), data)
        except NotAPlainFile as error:
            hint = _("Leave out -o (or use -o -) to write to standard output.")
            return fail(f"{error} {hint}")
        exported = _("Exported {format} to {file}").format(format=args.format, file=args.output)
        print(visible(exported), file=sys.stderr)
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
                _("No event called {name}. `hallway export json` lists them all.").format(
                    name=repr(args.event)
                )
            )
        event_id = event.id
    return export_bytes(
        store,
        args.format,
        event_id=event_id,
        vcard_version=args.vcard_version,
        todo=args.todo,
        bom=args.bom,
    )


def run_import(args: argparse.Namespace) -> int:
    """Import a Hallway JSON export (restores it), a vCard file or a CSV file (adds or merges
    people); exit 1 if any card or row was skipped."""
    if args.event and args.format != "csv":
        return fail(_("--event goes with `hallway import csv` (vCards become lasting contacts)."))
    if args.merge and args.format != "json":
        return fail(
            _("--merge goes with `hallway import json` (vCard and CSV imports always merge).")
        )
    if args.merge and args.replace:
        return fail(
            _(
                "--merge keeps everything the database holds and adds the export to it; "
                "--replace puts the export in its place. Choose one."
            )
        )
    data = Path(args.file).read_bytes()
    with open_store(args) as store:
        if args.format == "json" and args.merge:
            from hallway.store.interop.json_merge import merge_json

            print(visible(merge_json(store, data).message))
            return EXIT_OK
        if args.format == "json":
            return _import_json(store, data, replace=args.replace)
        from hallway.store.interop.vcard import decode_vcard_bytes, import_vcard

        text = decode_vcard_bytes(data)
        if args.format == "csv":
            from hallway.store.interop.csvio import import_csv

            report = import_csv(store, text, source=args.file, event=args.event)
        else:
            report = import_vcard(store, text, source=args.file)
    print(
        visible(report.message, multiline=True), file=sys.stderr if report.skipped else sys.stdout
    )
    return EXIT_FAILED if report.skipped else EXIT_OK


def _import_json(store: Store, data: bytes, *, replace: bool) -> int:
    from hallway.store.interop.jsonio import WouldReplace, import_json

    try:
        summary = import_json(store, data, replace=replace)
    except WouldReplace as error:
        hint = _(
            "To merge the export into them, run the same command with --merge; to replace "
            "them, with --replace. Either way what the database holds now is kept in its "
            "backups folder first ({folder})."
        ).format(folder=store.backups_folder)
        return fail(f"{error} {hint}")
    print(visible(summary.message))
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    """Verify the database; with --repair restore the newest good backup."""
    from hallway.store.db import Store

    path = resolve_db_path(getattr(args, "db", None))
    if args.repair:
        print(visible(Store.repair(path), multiline=True))
        return EXIT_OK
    report = Store.check(path, waiting=tell_waiting)
    for line in report.details:
        print(visible(line, multiline=True))
    if report.ok:
        print(_("{path} is sound.").format(path=visible(str(report.path))))
        return EXIT_OK
    for problem in report.problems:
        print(f"hallway: {visible(problem, multiline=True)}", file=sys.stderr)
    return EXIT_FAILED


def run_devices(args: argparse.Namespace) -> int:
    """List the devices that write to the database, or forget one."""
    with open_store(args) as store:
        if getattr(args, "devices_action", None) == "forget":
            gone = store.forget_device(args.device)
            name = gone.name or _("the device")
            forgot = _("Forgot {name} ({id}); everything it wrote stays.")
            print(visible(forgot.format(name=name, id=gone.id[:8])))
            return EXIT_OK
        seen = store.devices()
    print(visible(_("Devices that write to {folder}:").format(folder=store.home)))
    for line in device_lines(seen, clock.today()):
        print(visible(line))
    return EXIT_OK


def device_lines(seen: Sequence[DeviceSeen], today: date) -> list[str]:
    """One line per device for ``hallway devices`` (times in local time; no counts)."""
    rows = []
    for index, device in enumerate(seen):
        if device.forgotten:
            continue
        name = device.name or _("a device")
        who = _("{name} (this device)").format(name=name) if index == 0 else name
        ident = device.id[:8] if device.id else "?"
        if index == 0:
            when = _("last saved {when}").format(when=_when(device.last_change, today))
        elif not device.id:
            when = _("its files are not complete yet (a transfer under way?)")
        else:
            when = _("latest change {when}, merged {merged}").format(
                when=_when(device.last_change, today), merged=_when(device.merged_at, today)
            )
        rows.append((who, ident, device.file or _("(its files are gone)"), when))
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else []
    return [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[3]
        for row in rows
    ]


def _when(moment: datetime | None, today: date) -> str:
    if moment is None:
        return _("not yet")
    local = moment.astimezone()
    days = (today - local.date()).days
    day = {0: _("today"), 1: _("yesterday")}.get(days) or format_day(local.date(), today)
    return f"{day} {local:%H:%M}"


def run_completion(args: argparse.Namespace) -> int:
    """Print the completion script for a shell (shtab, imported only here)."""
    import shtab

    parser = build_parser()
    for action in _all_actions(parser):
        if action.metavar in ("FILE", "PATH"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    print(shtab.complete(parser, shell=args.shell), end="")
    return EXIT_OK


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    found: list[argparse.Action] = []
    for action in parser._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _all_actions(sub)
    return found


def run_config(args: argparse.Namespace) -> int:
    """Print where the config file is and the settings in force; exit 1 if a value in it
    was refused (each named on standard error)."""
    loaded = load_settings()
    from hallway.store.config import describe

    print(describe(loaded))
    return EXIT_FAILED if loaded.problems else EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    """Serve the app to web browsers until stopped (see :mod:`hallway.tui.serve`)."""
    from hallway.tui.serve.command import serve_command

    return serve_command(args)


if __name__ == "__main__":  # pragma: no cover - exercised through tui.__main__
    sys.exit(main())
