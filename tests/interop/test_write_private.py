"""write_private: owner-only, atomic export files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from store.interop.common import write_private


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "contacts.vcf"
    old_umask = os.umask(0)  # even with a permissive umask
    try:
        write_private(target, "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n")
    finally:
        os.umask(old_umask)
    assert _mode(target) == 0o600
    assert target.read_bytes() == "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode()


def test_existing_loose_file_is_tightened_and_replaced(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_private(target, b'{"format": "hallway"}')
    assert _mode(target) == 0o600
    assert target.read_bytes() == b'{"format": "hallway"}'
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]  # no temp files left


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "debrief.md"
    target.write_bytes(b"previous debrief")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_private(target, "new debrief")
    assert target.read_bytes() == b"previous debrief"
    assert [p.name for p in tmp_path.iterdir()] == ["debrief.md"]
