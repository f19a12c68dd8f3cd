"""The wheel installs one import name, ``hallway``, with everything the app needs at run time.

store/, tui/ and widgets/ sit at the repository's top level; hallway/ links to them. A wheel
that installed them as top-level ``store``, ``tui`` or ``widgets`` would overwrite (or be
overwritten by) other distributions with those names in a shared site-packages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("hallway", "store", "tui", "widgets")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built offline from a copy of the sources (so the build's
    egg-info and build/ folders never land in the working tree)."""
    pytest.importorskip("setuptools", reason="setuptools (the build backend) is not installed")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source)
    for name in SOURCES:  # hallway/'s links stay links, pointing at the copies beside it
        shutil.copytree(
            ROOT / name,
            source / name,
            symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
    out = tmp_path_factory.mktemp("wheel")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    result = subprocess.run(
        [*build, "--no-index", "--quiet", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("hallway-*.whl")
    return built


def test_the_wheels_only_top_level_package_is_hallway(wheel: Path) -> None:
    """Every file but the metadata lives under hallway/, top_level.txt names only it, the
    metadata carries the SPDX licence and its file, and the wheel carries the stylesheet and
    the whole storage engine."""
    names = zipfile.ZipFile(wheel).namelist()
    info = {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
    assert len(info) == 1
    (dist_info,) = info
    assert {n.split("/")[0] for n in names} - info == {"hallway"}
    top_level = zipfile.ZipFile(wheel).read(f"{dist_info}/top_level.txt").decode()
    assert top_level.split() == ["hallway"]

    metadata = zipfile.ZipFile(wheel).read(f"{dist_info}/METADATA").decode()
    assert "License-Expression: MIT" in metadata.splitlines()
    assert f"{dist_info}/licenses/LICENSE" in names
    assert "hallway/tui/app.tcss" in names
    assert "hallway/tui/hallway.1" in names  # the man page, for `hallway --man`
    assert "hallway/tui/serve/index.html" in names  # the page `hallway serve` draws Hallway in
    assert "hallway/__main__.py" in names
    # The German catalog gettext reads at run time, and its source for translators.
    assert "hallway/store/locale/de/LC_MESSAGES/hallway.mo" in names
    assert "hallway/store/locale/de/LC_MESSAGES/hallway.po" in names
    assert "hallway/store/locale/hallway.pot" in names
    engine = {Path(p).name for p in (ROOT / "store" / "engine").glob("*.py")}
    assert {"storage.py", "tables.py", "__init__.py"} <= engine
    assert {f"hallway/store/engine/{name}" for name in engine} <= set(names)
    for folder in ("store", "tui", "widgets"):  # every module of the three folders
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            assert f"hallway/{relative}" in names, relative


def test_the_installed_wheel_runs(wheel: Path, tmp_path: Path) -> None:
    """Installed into a throwaway virtualenv (its dependencies borrowed from this one),
    ``python -m hallway --version`` and the ``hallway`` command run from the installed copy."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # A path line only: this environment's own .pth files (the editable install) stay out.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    result = subprocess.run(
        [*install, "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import hallway.tui.app as a; print(a.__file__, a.HallwayApp.CSS_PATH)",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.split()
    assert all(Path(p).is_relative_to(Path(site) / "hallway") for p in where), where
    assert Path(where[1]).is_file()

    for command in ([str(python), "-m", "hallway"], [str(env_dir / "bin" / "hallway")]):
        result = subprocess.run(
            [*command, "--version"], capture_output=True, text=True, cwd=tmp_path, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("hallway 0.1.0 (textual 8."), result.stdout

    # The installed copy speaks German from its own compiled catalog.
    result = subprocess.run(
        [str(env_dir / "bin" / "hallway"), "--lang", "de", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Aufruf: hallway"), result.stdout[:200]
    assert "Befehle:" in result.stdout
