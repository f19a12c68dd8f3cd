"""The catalogs are complete and current: every message marked in the sources has a German
translation (not empty, not fuzzy), with the same placeholders; the committed template is what
extraction gives today; the committed .mo is what compiling the .po gives; and argparse's own
words that Hallway translates are still argparse's words."""

from __future__ import annotations

import argparse
import inspect
import io
import re
from collections.abc import Iterator

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo

from hallway.tui.cli import ARGPARSE_WORDS
from tests.i18n.catalogs import (
    TEMPLATE,
    extract,
    mo_bytes,
    mo_path,
    po_bytes,
    po_path,
    read_catalog,
)

FIX = "run `.venv/bin/python -m tests.i18n.catalogs --update`, then translate in hallway.po"


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return extract()


@pytest.fixture(scope="module")
def german() -> Catalog:
    return read_catalog(po_path("de"), "de")


def messages(catalog: Catalog) -> Iterator[Message]:
    """The catalog's messages without its header."""
    return (message for message in catalog if message.id)


def key(message: Message) -> tuple[str | None, str]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


def test_the_committed_template_is_what_extraction_gives(extracted: Catalog) -> None:
    assert TEMPLATE.read_bytes() == po_bytes(extracted), f"hallway.pot is stale: {FIX}"


def test_every_message_has_a_german_translation(extracted: Catalog, german: Catalog) -> None:
    translated = {key(message): message for message in messages(german)}
    missing = [key(m) for m in messages(extracted) if key(m) not in translated]
    assert not missing, f"not in the German catalog ({FIX}): {missing}"
    for message in messages(extracted):
        found = translated[key(message)]
        forms = found.string if isinstance(found.string, tuple) else (found.string,)
        assert all(form.strip() for form in forms), f"untranslated: {key(message)}"
        assert not found.fuzzy, f"fuzzy (check and clear the flag): {key(message)}"


def test_the_german_catalog_holds_no_message_the_sources_dropped(
    extracted: Catalog, german: Catalog
) -> None:
    wanted = {key(message) for message in messages(extracted)}
    stale = [key(m) for m in messages(german) if key(m) not in wanted]
    assert not stale, f"no longer in the sources ({FIX}): {stale}"


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_]+\)[sdr]|%[sdr]")


def test_translations_keep_every_placeholder(german: Catalog) -> None:
    for message in messages(german):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # German has two forms, as English: the one for 1 (its msgid's placeholders; "jeden
        # Tag" for "every day") and the other (msgid_plural's: "alle {n} Tage").
        for index, string in enumerate(strings):
            wanted = sorted(_PLACEHOLDER.findall(ids[min(index, len(ids) - 1)]))
            assert sorted(_PLACEHOLDER.findall(string)) == wanted, (ids[0], string)


def test_the_committed_mo_is_the_compiled_po(german: Catalog) -> None:
    """Compared message by message (not by modification time, which git does not keep)."""
    with mo_path("de").open("rb") as file:
        committed = read_mo(file)
    compiled = read_mo(io.BytesIO(mo_bytes(german)))

    def table(catalog: Catalog) -> dict[tuple[str | None, str], object]:
        return {key(message): message.string for message in messages(catalog)}

    assert table(committed) == table(compiled), f"hallway.mo is stale: {FIX}"
    assert table(committed), "the compiled catalog is empty"
    assert committed.plural_forms == "nplurals=2; plural=(n != 1);"


def test_the_argparse_words_hallway_translates_are_argparse_s() -> None:
    """If a Python release rewords one, its German would silently stop showing."""
    source = inspect.getsource(argparse)
    for word in ARGPARSE_WORDS:
        assert f"'{word}'" in source or f'"{word}"' in source, word
