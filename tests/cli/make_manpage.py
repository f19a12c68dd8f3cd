"""Generate ``tui/hallway.1``, the man page, from the command-line parser (argparse-manpage).

The page is committed and installed with the package (``hallway --man`` shows it) rather than
built at install time: the build then needs no extra tool and runs none of Hallway's code, the
page can be read in review, and ``tests/cli/test_manpage.py`` fails when the committed page no
longer matches the parser. After changing the command line, regenerate it with::

    .venv/bin/python -m tests.cli.make_manpage
"""

from __future__ import annotations

import argparse
from pathlib import Path

from argparse_manpage.manpage import Manpage

from hallway.tui.cli import MANPAGE, build_parser, version_text

# The program's epilog, block by block, as man page sections.
SECTIONS = {
    "examples:": "EXAMPLES",
    "exit codes:": "EXIT STATUS",
    "files:": "FILES",
    "environment:": "ENVIRONMENT",
    "in the app:": "KEYS IN THE APP",
}

PAGE = Path(__file__).resolve().parents[2] / "tui" / MANPAGE


def render_manpage() -> str:
    """The man page as roff, the same on every day and machine (no build date in it).

    argparse-manpage writes the options and each command's description; the program's
    epilog becomes EXAMPLES (with each command's examples after it), EXIT STATUS and FILES,
    and text laid out in columns is kept as laid out (``.nf``) instead of being refilled.
    """
    parser = build_parser()
    version = version_text().split()[1]
    page = Manpage(
        parser,
        _data={
            "project_name": "hallway",
            "version": version,
            "date": f"version {version}",
            "manual_title": "Hallway manual",
            "manual_section": 1,
        },
    )
    body = str(page).split("\n.SH COMMENTS\n")[0].rstrip("\n").split("\n")
    assert body[1:3] == [".SH NAME", "hallway"], body[:3]
    body[1:3] = [".SH NAME", "hallway \\- a terminal companion for live events"]
    return "\n".join(_keep_columns([*body, *_epilog_sections(parser)])) + "\n"


def _roff(text: str) -> str:
    """Text escaped as argparse-manpage escapes it (backslashes, hyphens), and a line that
    would start with a roff control character made safe."""
    text = text.replace("\\", "\\\\").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text


def _blocks(epilog: str | None) -> dict[str, list[str]]:
    """An epilog's blocks by heading: {"examples:": [lines...], ...}."""
    found: dict[str, list[str]] = {}
    for block in (epilog or "").split("\n\n"):
        heading, *lines = block.split("\n")
        found[heading] = lines
    return found


def _epilog_sections(parser: argparse.ArgumentParser) -> list[str]:
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    out: list[str] = []
    for heading, lines in _blocks(parser.epilog).items():
        out += ["", f".SH {SECTIONS[heading]}", *map(_roff, lines)]
        if heading == "examples:":
            for name, sub in commands.choices.items():
                examples = _blocks(sub.epilog).get("examples:", [])
                out += ["", f".SS hallway {name}", *map(_roff, examples)]
        if heading == "files:":
            settings = _blocks(commands.choices["config"].epilog)["settings:"]
            out += ["", ".SH CONFIGURATION", "Settings of the config file:", *map(_roff, settings)]
    return out


def _keep_columns(lines: list[str]) -> list[str]:
    """Runs of indented lines (tables, examples) between .nf and .fi, so man keeps them."""
    out: list[str] = []
    inside = False
    for line in lines:
        indented = line.startswith("  ")
        if indented and not inside:
            out.append(".nf")
        elif not indented and inside:
            out.append(".fi")
        inside = indented
        out.append(line)
    if inside:
        out.append(".fi")
    return out


if __name__ == "__main__":
    PAGE.write_text(render_manpage(), encoding="utf-8")
    print(f"wrote {PAGE}")
