"""Small file systems for tests that need a read-only folder or a full disk as root (chmod
does not stop root): a tmpfs mounted in the test's folder, skipped where mounting is not
allowed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def mount(*args: str) -> None:
    """Run ``mount`` with ``args`` (raises if it fails)."""
    subprocess.run(["mount", *args], check=True, capture_output=True)


@contextmanager
def tmpfs(point: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``point`` (created); the test is skipped where
    mounting is not allowed. Unmounted afterwards."""
    point.mkdir(parents=True, exist_ok=True)
    try:
        mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point))
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=True)


def read_only(point: Path, on: bool = True) -> None:
    """Remount the tmpfs at ``point`` read-only (or writable again)."""
    mount("-o", f"remount,{'ro' if on else 'rw'}", str(point))
