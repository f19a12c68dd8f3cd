"""Extract Hallway's messages and keep the catalogs in step (Babel, a dev/test tool only).

``store/locale/hallway.pot`` holds every message marked in the sources (``_``, ``N_``,
``ngettext``, ``pgettext``, ``npgettext``); ``store/locale/de/LC_MESSAGES/hallway.po`` the
German translations, and ``hallway.mo`` beside it the compiled catalog Hallway reads at run
time (committed and shipped, so installing runs no tool). After changing a message::

    .venv/bin/python -m tests.i18n.catalogs --update

extracts, merges the new messages into the German catalog (new ones empty, for a translator;
``tests/i18n`` fails until each is translated) and compiles it.
"""

from __future__ import annotations

import argparse
import io
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "store" / "locale"
TEMPLATE = LOCALE / "hallway.pot"
LANGUAGES = ("de",)
SOURCES = ("store", "tui", "widgets")
KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators:",)
# A fixed date, so extracting twice gives the same file (git shows real changes only).
_DATE = datetime(2026, 1, 1, tzinfo=UTC)
_WIDTH = 100


def po_path(language: str) -> Path:
    """The translations' source for ``language``."""
    return LOCALE / language / "LC_MESSAGES" / "hallway.po"


def mo_path(language: str) -> Path:
    """The compiled catalog for ``language`` (what gettext reads)."""
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """Every message marked in Hallway's sources, as a template."""
    catalog = Catalog(
        project="Hallway",
        version="0.1.0",
        copyright_holder="Hallway's authors",
        creation_date=_DATE,
        revision_date=_DATE,
        fuzzy=False,
    )
    for folder in SOURCES:
        found = extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            location = (f"{folder}/{Path(filename).as_posix()}", lineno)
            catalog.add(
                message, None, [location], auto_comments=comments, context=context, flags=()
            )
    return catalog


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    """A .po or .pot file, parsed."""
    with path.open("rb") as file:
        return read_po(file, locale=language)


def po_bytes(catalog: Catalog) -> bytes:
    """A catalog as a .po file (no line numbers, so moving code leaves it alone)."""
    out = io.BytesIO()
    write_po(
        out, catalog, width=_WIDTH, include_lineno=False, ignore_obsolete=True, sort_output=False
    )
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """A catalog compiled as gettext reads it (fuzzy translations left out)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    """Extract, merge into each language's catalog, and compile."""
    template = extract()
    TEMPLATE.write_bytes(po_bytes(template))
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = read_catalog(path, language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, project="Hallway", creation_date=_DATE)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.revision_date = _DATE
        path.write_bytes(po_bytes(catalog))
        mo_path(language).write_bytes(mo_bytes(read_catalog(path, language)))


def main() -> None:
    """``python -m tests.i18n.catalogs --update`` (or ``--compile`` after editing a .po)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="extract, merge and compile")
    parser.add_argument("--compile", action="store_true", help="only compile the .po files")
    args = parser.parse_args()
    if args.update:
        update()
    elif args.compile:
        for language in LANGUAGES:
            mo_path(language).write_bytes(mo_bytes(read_catalog(po_path(language), language)))
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
