"""The architecture's one-way imports hold: import-linter's contracts (pyproject.toml), and
the run-time guarantees a static check cannot give."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


CONTRACTS = (
    "The domain (hallway.store) never imports Textual or Rich",
    "Only the Store (hallway.store.db) imports the storage engine",
    "Widgets never touch the database (Store, engine, TinyDB)",
    "Imports point one way: tui -> widgets -> store",
)


def _lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run import-linter (the CI's `lint-imports`) on the contracts in pyproject.toml."""
    pytest.importorskip(
        "importlinter", reason="import-linter is not installed (pip install -e '.[test]')"
    )
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-logo", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_import_contracts_hold() -> None:
    """Every import-linter contract in pyproject.toml is kept, and all four are there: the
    domain never imports Textual or Rich, only the Store imports the engine, widgets never
    touch the database, and imports point one way (tui -> widgets -> store)."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS:
        assert f"{name} KEPT" in result.stdout, result.stdout
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


def test_import_contracts_catch_a_forbidden_import(tmp_path: Path) -> None:
    """On a copy of the code with forbidden imports added, the same contracts break and name
    the offending lines (so the check above cannot pass vacuously)."""
    package = tmp_path / "hallway"
    shutil.copytree(
        ROOT / "hallway", package, ignore=shutil.ignore_patterns("__pycache__")
    )  # follows hallway/'s links: a plain package
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    search = package / "store" / "search.py"
    search.write_text("import textual\n" + search.read_text(encoding="utf-8"), encoding="utf-8")
    card = package / "widgets" / "card.py"
    card.write_text(
        "from hallway.store.engine.storage import DurableStorage\n"
        + card.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    events = package / "widgets" / "events.py"  # the Store through the package's re-export
    events.write_text(
        "from hallway.store import Store\n" + events.read_text(encoding="utf-8"), encoding="utf-8"
    )
    rhythm = package / "store" / "rhythm.py"
    rhythm.write_text(
        "from hallway.widgets import colours\n" + rhythm.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    # The copy comes first on the path, ahead of the installed (editable) package.
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = _lint_imports(tmp_path, env)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    for name in CONTRACTS:
        assert f"{name} BROKEN" in out, out
    assert "hallway.store.search -> textual (l.1)" in out
    assert "hallway.widgets.card -> hallway.store.engine.storage (l.1)" in out
    assert "hallway.store.rhythm -> hallway.widgets.colours (l.1)" in out
    assert "hallway.widgets.events -> hallway.store (l.1)" in out


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
