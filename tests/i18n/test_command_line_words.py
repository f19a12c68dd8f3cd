"""Every word of the command line's help is in German when Hallway speaks German: each
command's summary, description and examples, and each option's help (a string left out of the
catalog would show in English), laid out no wider than the English."""

from __future__ import annotations

import argparse

from hallway.store import i18n
from hallway.tui.cli import build_parser


def _words(parser: argparse.ArgumentParser, where: str = "hallway") -> dict[str, str]:
    """Every help text of the parser and its commands, by where it is."""
    found = {f"{where} description": parser.description or "", f"{where} epilog": parser.epilog}
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            found[f"{where} {'/'.join(action.option_strings) or action.dest}"] = action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                found[f"{where} {choice.dest} summary"] = choice.help or ""
            for name, sub in action.choices.items():
                found |= _words(sub, f"{where} {name}")
    return {key: text or "" for key, text in found.items()}


def test_every_help_text_is_german() -> None:
    english = _words(build_parser())
    with i18n.speaking("de"):
        german = _words(build_parser())
    assert german.keys() == english.keys()
    untranslated = [key for key in english if english[key] and german[key] == english[key]]
    assert not untranslated, untranslated
    assert len(english) > 60  # every command, with its options


def _as_written(words: dict[str, str]) -> list[str]:
    """The lines of the descriptions and examples, which are shown as written (option help
    is filled by argparse)."""
    return [
        line
        for key, text in words.items()
        if key.endswith(("description", "epilog"))
        for line in text.splitlines()
    ]


def test_german_help_is_laid_out_like_the_english() -> None:
    widest = max(len(line) for line in _as_written(_words(build_parser())))
    with i18n.speaking("de"):
        german = _words(build_parser())
        help_text = build_parser().format_help()
    too_wide = [line for line in _as_written(german) if len(line) > widest]
    assert not too_wide, too_wide
    for heading in ("Aufruf:", "Optionen:", "Befehle:", "Beispiele:", "Exit-Codes:"):
        assert heading in help_text
