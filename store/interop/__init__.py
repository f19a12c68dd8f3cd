"""Import and export: JSON (the whole database), vCard, iCalendar, a Markdown debrief and CSV.

Pure store-side functions; the CLI and the app call them, and both export through
:func:`export_bytes`. The format modules are imported on first use (vobject and icalendar are
slow to import and most runs never export), so ``from hallway.store.interop import
export_vcard`` costs nothing until it is called for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hallway.store.db import Store
    from hallway.store.interop.common import write_private
    from hallway.store.interop.csvio import export_csv, import_csv
    from hallway.store.interop.ics import export_ics
    from hallway.store.interop.json_merge import MergeSummary, merge_json
    from hallway.store.interop.jsonio import ImportSummary, export_json, import_json
    from hallway.store.interop.markdown import export_markdown
    from hallway.store.interop.vcard import (
        Skipped,
        VCardImportReport,
        decode_vcard_bytes,
        export_vcard,
        import_vcard,
    )

EXPORT_FORMATS = ("json", "vcard", "ics", "markdown", "csv")

_WHERE = {
    "write_private": "common",
    "export_csv": "csvio",
    "import_csv": "csvio",
    "export_ics": "ics",
    "ImportSummary": "jsonio",
    "MergeSummary": "json_merge",
    "merge_json": "json_merge",
    "export_json": "jsonio",
    "import_json": "jsonio",
    "export_markdown": "markdown",
    "Skipped": "vcard",
    "VCardImportReport": "vcard",
    "decode_vcard_bytes": "vcard",
    "export_vcard": "vcard",
    "import_vcard": "vcard",
}

__all__ = [
    "EXPORT_FORMATS",
    "ImportSummary",
    "MergeSummary",
    "Skipped",
    "VCardImportReport",
    "decode_vcard_bytes",
    "export_bytes",
    "export_csv",
    "export_ics",
    "export_json",
    "export_markdown",
    "export_vcard",
    "import_csv",
    "import_json",
    "import_vcard",
    "merge_json",
    "write_private",
]


def __getattr__(name: str) -> Any:
    """Load the module that defines ``name`` when it is first asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'hallway.store.interop' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hallway.store.interop.{module}"), name)


def export_bytes(
    store: Store,
    kind: str,
    *,
    event_id: int | None = None,
    vcard_version: str = "3.0",
    todo: bool = False,
    bom: bool = False,
) -> bytes:
    """One export's content, ready to write: ``kind`` is one of :data:`EXPORT_FORMATS`.

    ``event_id`` picks the Markdown debrief's event (None: the live one, else the latest);
    ``vcard_version`` is "3.0" or "4.0"; ``todo`` writes calendar to-dos instead of events;
    ``bom`` starts a CSV with a byte order mark (for Excel). The calendar's reminder hour is
    the store's settings' (the config file's ``reminder_hour``).
    """
    if kind == "json":
        from hallway.store.interop.jsonio import export_json

        return export_json(store)
    if kind == "vcard":
        from hallway.store.interop.vcard import export_vcard

        return export_vcard(store, version=vcard_version).encode()
    if kind == "ics":
        from hallway.store.interop.ics import export_ics

        return export_ics(store, todo=todo, reminder_hour=store.settings.reminder_hour).encode()
    if kind == "markdown":
        from hallway.store.interop.markdown import export_markdown

        return export_markdown(store, event_id).encode()
    if kind == "csv":
        from hallway.store.interop.csvio import export_csv

        return export_csv(store, bom=bom)
    raise ValueError(f"unknown export format {kind!r} (one of {', '.join(EXPORT_FORMATS)})")
