"""Packaging hygiene: an SPDX licence with its file, upper bounds on every runtime library's
major, a constraints file that pins everything the extras install (within those bounds), and
CI running the README's own test command with it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirements(*groups: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    for group in groups:
        found += [Requirement(r) for r in project["optional-dependencies"][group]]
    return [r for r in found if canonicalize_name(r.name) != "hallway"]


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_spdx_licence_with_its_file_and_a_setuptools_that_reads_it() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) ")
    assert "Hallway contributors" in licence.splitlines()[2]
    [backend] = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert backend.name == "setuptools" and "76" not in backend.specifier
    assert "77" in backend.specifier


def test_every_runtime_library_has_an_upper_bound() -> None:
    runtime = _requirements()
    assert {r.name for r in runtime} >= {"textual", "vobject", "icalendar", "shtab"}
    for requirement in runtime:
        assert any(spec.operator == "<" for spec in requirement.specifier), requirement
    vobject = next(r for r in runtime if r.name == "vobject")
    assert str(vobject.specifier) == "<0.10,>=0.9.8"


def test_constraints_pin_every_requirement_within_its_range() -> None:
    pins = _pins()
    for requirement in _requirements("test", "dev"):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            requirement,
            pins[name],
        )
    assert re.fullmatch(r"8\.\d+\.\d+", pins["textual"])


def test_ci_runs_the_readmes_test_command_with_the_constraints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"^python3 -m venv \.venv && .*$", readme, re.MULTILINE)
    test_command = next(c for c in commands if "pytest" in c)
    assert "-c constraints.txt" in test_command
    assert test_command in ci.splitlines()
