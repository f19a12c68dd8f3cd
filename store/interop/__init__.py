"""Import and export: JSON (the whole database), vCard, iCalendar and a Markdown debrief.

Pure store-side functions; the CLI and the app call them. The format modules are imported on
first use (vobject and icalendar are slow to import and most runs never export), so
``from hallway.store.interop import export_vcard`` costs nothing until it is called for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hallway.store.interop.common import write_private
    from hallway.store.interop.ics import export_ics
    from hallway.store.interop.jsonio import ImportSummary, export_json, import_json
    from hallway.store.interop.markdown import export_markdown
    from hallway.store.interop.vcard import (
        Skipped,
        VCardImportReport,
        decode_vcard_bytes,
        export_vcard,
        import_vcard,
    )

_WHERE = {
    "write_private": "common",
    "export_ics": "ics",
    "ImportSummary": "jsonio",
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
    "ImportSummary",
    "Skipped",
    "VCardImportReport",
    "decode_vcard_bytes",
    "export_ics",
    "export_json",
    "export_markdown",
    "export_vcard",
    "import_json",
    "import_vcard",
    "write_private",
]


def __getattr__(name: str) -> Any:
    """Load the module that defines ``name`` when it is first asked for."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'hallway.store.interop' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hallway.store.interop.{module}"), name)
