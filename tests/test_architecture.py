"""The architecture's one-way imports hold: import-linter's contracts (pyproject.toml), and
the run-time guarantees a static check cannot give."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import textual

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


def _textual_privates(classes: Iterable[type]) -> set[str]:
    """Every ``_name`` that Textual's own classes among ``classes`` define or use."""
    names: set[str] = set()
    for cls in classes:
        names |= _class_privates(cls)
    return names


@functools.cache
def _class_privates(cls: type) -> frozenset[str]:
    if cls.__module__.split(".")[0] != "textual":
        return frozenset()
    names = {name for name in vars(cls) if _is_private(name)}
    names.update(_PRIVATE_NAME.findall(inspect.getsource(cls)))
    return frozenset(names)


# A private name in Python source: `_name` or `__name`, never a `__dunder__`.
_PRIVATE_NAME = re.compile(r"(?<!\w)(_{1,2}[a-z]\w*)(?<!__)\b")


def _is_private(name: str) -> bool:
    return _PRIVATE_NAME.fullmatch(name) is not None


def _every_textual_private() -> set[str]:
    """Every private name anywhere in Textual's source: attributes, functions, strings."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"\.(_{1,2}[a-z]\w*)", text))
        names.update(re.findall(r"def (_{1,2}[a-z]\w*)", text))
        names.update(re.findall(r"^\s*(_{1,2}[a-z]\w*)\s*[:=]", text, re.MULTILINE))
        names.update(re.findall(r"[\"'](_{1,2}[a-z]\w*)[\"']", text))
    return {name for name in names if _is_private(name)}


PrivateUse = tuple[ast.AST, ast.expr, str, list[str]]


def _private_uses(tree: ast.Module) -> Iterator[PrivateUse]:
    """(node, owner, private name, enclosing classes) for every ``owner._name``, every
    ``getattr(owner, "_name")`` (setattr, hasattr, delattr) and every other string holding a
    private name (``_WATCHERS = "__watchers"``: its owner is unknown, so the string itself)."""
    # Strings handed to getattr and friends (checked with their owner) or naming __slots__.
    given: set[int] = set()

    def visit(node: ast.AST, classes: list[str]) -> Iterator[PrivateUse]:
        if isinstance(node, ast.ClassDef):
            classes = [*classes, node.name]
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__slots__" for target in node.targets
        ):
            given.update(id(child) for child in ast.walk(node.value))  # the class's own
        if isinstance(node, ast.Attribute) and _is_private(node.attr):
            yield node, node.value, node.attr, classes
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(name := node.args[1], ast.Constant)
            and isinstance(name.value, str)
            and _is_private(name.value)
        ):
            given.add(id(name))
            yield node, node.args[0], name.value, classes
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _is_private(node.value)
            and id(node) not in given
        ):
            yield node, node, node.value, []
        for child in ast.iter_child_nodes(node):
            yield from visit(child, classes)

    yield from visit(tree, [])


# Known exceptions, (file, name): why. Delete an entry once its use is gone.
PRIVATE_TEXTUAL_EXCEPTIONS: dict[tuple[str, str], str] = {}


def test_widgets_and_screens_use_no_private_textual_attribute() -> None:
    """Only Textual's public API in widgets/ and tui/: no import from a private Textual
    module or name, no ``obj._name`` (or ``getattr(obj, "_name")``) that Textual defines,
    and no ``self._name`` in a Textual subclass that one of its Textual bases defines or uses
    (reading it, or shadowing it by accident). The project's own privates are fine."""
    every_textual_private = _every_textual_private()
    # What the footer and the row list used to read.
    assert {"_bindings_ready", "__watchers", "_line_cache", "_divider"} <= every_textual_private
    found: list[str] = []
    checked = 0
    for folder in ("widgets", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            module_name = ".".join(("hallway", *path.relative_to(ROOT).with_suffix("").parts))
            module = importlib.import_module(module_name.removesuffix(".__init__"))
            tree = ast.parse(path.read_text(encoding="utf-8"))
            file = path.relative_to(ROOT).as_posix()
            for node in ast.walk(tree):
                imported: list[list[str]] = []
                if isinstance(node, ast.ImportFrom) and node.module:
                    parts = node.module.split(".")
                    imported = [[*parts, alias.name] for alias in node.names]
                elif isinstance(node, ast.Import):
                    imported = [alias.name.split(".") for alias in node.names]
                for parts in imported:
                    if parts[0] == "textual" and any(_is_private(part) for part in parts):
                        found.append(f"{file}:{node.lineno} imports {'.'.join(parts)}")
            for node, owner, name, classes in _private_uses(tree):
                checked += 1
                if (file, name) in PRIVATE_TEXTUAL_EXCEPTIONS:
                    continue
                where = f"{file}:{getattr(node, 'lineno', '?')} {name}"
                if isinstance(owner, ast.Name) and owner.id in ("self", "cls") and classes:
                    cls: object = module
                    for part in classes:
                        cls = getattr(cls, part)
                    assert isinstance(cls, type)
                    if name in _textual_privates(cls.__mro__):
                        found.append(f"{where}: a private of a Textual base of {cls.__name__}")
                elif name in every_textual_private:
                    found.append(f"{where}: a name Textual keeps private")
    assert checked > 100  # the project's own privates were seen (and allowed)
    assert found == [], "\n".join(found)
