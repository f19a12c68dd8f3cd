"""The architecture's one-way imports hold: ``store`` never imports Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import hallway.store

ROOT = Path(__file__).resolve().parents[1]


def _store_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(hallway.store.__path__, prefix="hallway.store.")
        if not info.name.rsplit(".", 1)[-1].startswith("_")
    )


def test_store_never_imports_textual() -> None:
    """Import every store module in a fresh interpreter; no textual (or rich) module loads."""
    modules = _store_modules()
    assert "hallway.store.db" in modules and "hallway.store.capture_line" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "", f"store pulled in: {result.stdout.strip()}"


def test_widgets_never_touch_the_database() -> None:
    """Widgets get data from screens; none of them imports the Store or storage."""
    for path in (ROOT / "widgets").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in (
            "hallway.store.db",
            "hallway.store.engine.storage",
            "import Store",
            "tinydb",
        ):
            assert forbidden not in text, f"{path.name} reaches into the database ({forbidden})"


def test_capture_command_does_not_import_textual() -> None:
    """`hallway capture` stays fast: the command line imports Textual only to open the app."""
    code = (
        "import sys\n"
        "import hallway.tui.cli\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
