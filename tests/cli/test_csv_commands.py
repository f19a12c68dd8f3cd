"""`hallway import csv` and `hallway export csv` as a user runs them: messages, exit codes,
--event and --bom."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.tui.cli import main
from tests.interop.interop_fixtures import SAMPLES

RLO = "\u202e"


def test_import_csv_from_the_command_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(SAMPLES / "google-contacts.csv")
    assert main(["import", "csv", sample, "--db", str(db_path)]) == 1  # a row was skipped
    assert capsys.readouterr().err == (
        "Added the contacts from the file.\n"
        "Skipped the row at line 6: This row has no name, so it was left out.\n"
    )
    outlook = str(SAMPLES / "outlook.csv")
    assert main(["import", "csv", outlook, "--db", str(db_path), "--event", "Salon"]) == 0
    assert capsys.readouterr().out == "Added the people you met at Salon from the file.\n"
    vcard = str(SAMPLES / "iphone.vcf")
    assert main(["import", "vcard", vcard, "--db", str(db_path), "--event", "Salon"]) == 1
    assert "--event goes with `hallway import csv`" in capsys.readouterr().err
    with Store.open(db_path) as store:
        assert len(store.contacts()) == 3 and len(store.encounters()) == 2


def test_export_csv_from_the_command_line(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.capture(f"Maya Chen @Acme #sourdough -- met {RLO}here")
    out = tmp_path / "hallway.csv"
    assert main(["export", "csv", "--bom", "--db", str(db_path), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfkind,") and b"Maya Chen" in data
    assert RLO.encode() not in data
    assert out.stat().st_mode & 0o777 == 0o600
