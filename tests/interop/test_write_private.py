"""write_private: owner-only, atomic export files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hallway.store.interop.common import NotAPlainFile, write_private


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


def test_a_symlink_is_refused_and_neither_it_nor_its_target_changes(tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced" / "notes.md"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"someone else's file")
    elsewhere.chmod(0o644)
    link = tmp_path / "debrief.md"
    link.symlink_to(elsewhere)
    with pytest.raises(NotAPlainFile, match=r"debrief\.md is a symbolic link, not a regular"):
        write_private(link, "new debrief")
    assert link.is_symlink() and link.readlink() == elsewhere
    assert elsewhere.read_bytes() == b"someone else's file"
    assert _mode(elsewhere) == 0o644  # chmod did not follow the link
    assert sorted(p.name for p in tmp_path.iterdir()) == ["debrief.md", "synced"]


def test_a_pipe_is_refused_and_stays_a_pipe(tmp_path: Path) -> None:
    # Stands in for a device such as /dev/full, which a test must never touch.
    fifo = tmp_path / "export.fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotAPlainFile, match="is a pipe"):
        write_private(fifo, b"data")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["export.fifo"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAPlainFile, match="is a folder"):
        write_private(tmp_path, b"data")


def test_errors_name_the_chosen_path_never_the_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "export.json"
    with pytest.raises(FileNotFoundError) as caught:
        write_private(target, b"{}")
    assert caught.value.filename == str(target)
    assert ".tmp" not in str(caught.value)
