"""The command line as a terminal user meets it: help with a description and examples for every
command and text for every option, shell completion, a quiet exit when the reader of standard
output goes away, a clear refusal without a terminal, and `hallway config`."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hallway.store import Store
from hallway.tui.cli import NEEDS_TERMINAL, build_parser, has_terminal

COMMANDS = (
    "capture",
    "demo",
    "export",
    "import",
    "check",
    "devices",
    "completion",
    "config",
    "serve",
)


def hallway(
    *args: str, env: dict[str, str] | None = None, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=stdin,
        env=env,
    )


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_has_a_description_examples_and_help_for_every_argument() -> None:
    parser = build_parser()
    commands = _commands(parser)
    assert tuple(commands) == COMMANDS
    for name, command in [("hallway", parser), *commands.items()]:
        assert command.description and len(command.description) > 60, name
        assert command.epilog and "examples:\n  " in command.epilog, name
        for action in command._actions:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)
    options = {a.dest: a.help for c in commands.values() for a in c._actions}
    for dest in ("people", "seed", "vcard_version", "format", "file", "line", "shell", "bom"):
        assert options[dest], dest


def test_help_reads_as_written() -> None:
    result = hallway("export", "--help")
    assert result.returncode == 0
    assert "\n  csv       contacts and encounters for a spreadsheet" in result.stdout
    assert "\nexamples:\n  hallway export json -o hallway-backup.json\n" in result.stdout
    top = hallway("--help").stdout
    assert "exit codes:\n  0  success" in top and "\n    completion" in top


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_know_every_command_and_format(shell: str) -> None:
    result = hallway("completion", shell)
    assert result.returncode == 0, result.stderr
    script = result.stdout
    for word in (*COMMANDS, "vcard-version", "markdown", "bom", "event", "people"):
        assert word in script, word
    if shell == "bash":
        assert "complete -o bashdefault -F _shtab_hallway hallway" in script
        if shutil.which("bash"):
            subprocess.run(["bash", "-n"], input=script, text=True, check=True)
    if shell == "fish":
        assert "complete -c hallway" in script


def test_bash_completion_completes_commands_and_export_formats(tmp_path: Path) -> None:
    if not shutil.which("bash"):
        pytest.skip("bash is not installed")
    script = tmp_path / "hallway.bash"
    script.write_text(hallway("completion", "bash").stdout)

    def complete(*words: str) -> list[str]:
        line = " ".join(["hallway", *words])
        probe = (
            f"source {script}; COMP_WORDS=(hallway {' '.join(words)}); "
            f"COMP_CWORD={len(words)}; COMP_LINE='{line}'; COMP_POINT={len(line)}; "
            "_shtab_hallway; printf '%s\\n' \"${COMPREPLY[@]}\""
        )
        out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
        return sorted(w.strip() for w in out.stdout.split())

    assert complete("co") == ["completion", "config"]
    assert complete("export", "m") == ["markdown"]
    assert complete("completion", "") == ["bash", "fish", "zsh"]


def test_the_command_line_imports_neither_textual_nor_shtab_until_asked() -> None:
    code = (
        "import sys\n"
        "from hallway.tui.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'shtab')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args", [("export", "json"), ("export", "markdown"), ("--help",), ("config",), ("--version",)]
)
def test_a_reader_that_goes_away_is_no_failure(db_path: Path, args: tuple[str, ...]) -> None:
    """`hallway export json | head -c 10`: the reader has gone when Hallway writes (its end
    of the pipe is closed), so the write fails with EPIPE; Hallway exits 0, saying nothing."""
    with Store.open(db_path) as store:
        store.capture("Maya Chen @Acme #sourdough")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        database = ["--db", str(db_path)] if args[0] == "export" else []
        result = subprocess.run(
            [sys.executable, "-m", "hallway", *args, *database],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, b"")


def test_the_app_refuses_to_start_without_a_terminal(db_path: Path) -> None:
    for args in ((), ("--demo",), ("--db", str(db_path))):
        result = hallway(*args)  # standard input from /dev/null, output to a pipe
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"hallway: {NEEDS_TERMINAL}\n"
        assert result.stdout == ""
    assert NEEDS_TERMINAL.startswith(
        "hallway needs a terminal; for scripts use hallway capture/export"
    )
    assert not db_path.exists()  # nothing was opened or created


def test_a_terminal_or_a_textual_driver_lets_the_app_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert has_terminal()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert not has_terminal()
    # The browser server runs the app through Textual's web driver, with pipes, not a terminal.
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert has_terminal()


# -- hallway config ------------------------------------------------------------------------


def test_config_without_a_file_shows_the_defaults(tmp_path: Path) -> None:
    env = {**os.environ, "HALLWAY_CONFIG": str(tmp_path / "config.toml")}
    result = hallway("config", env=env)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        f"# {tmp_path / 'config.toml'} (no such file: every setting has its default)"
    )
    assert 'rhythm = "every 2 months"  # default' in result.stdout


def test_a_bad_value_is_named_and_the_default_used_by_every_command(
    tmp_path: Path, db_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('promise_due_days = "soon"\nreminder_hour = 7\n')
    env = {**os.environ, "HALLWAY_CONFIG": str(config)}
    problem = (
        f'hallway: {config}: promise_due_days = "soon" is not a number of days (a whole '
        "number from 0 to 365); using the default (3).\n"
    )
    shown = hallway("config", env=env)
    assert shown.returncode == 1
    assert shown.stderr == problem
    assert "promise_due_days = 3       # default" in shown.stdout
    assert "reminder_hour = 7          # from the file" in shown.stdout

    captured = hallway("capture", "--db", str(db_path), "Maya Chen", env=env)
    assert captured.returncode == 0 and captured.stderr == problem
    exported = hallway("export", "ics", "--db", str(db_path), env=env)
    assert exported.returncode == 0
    with Store.open(db_path) as store:
        assert [e.name for e in store.encounters()] == ["Maya Chen"]
