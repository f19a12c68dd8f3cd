"""`hallway import json FILE --merge`: another database's export merged in, as a shell sees it
(the real command in a child process): a plain summary without counts, a backup first, the
same file twice changes nothing, a bad file or a bad mix of options changes nothing."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from hallway.store import Store
from hallway.store.devices import Device
from tests.cli.test_import_refusals import hallway

PHONE = Device("2b" * 16, 22, "phone")
PEOPLE_COUNT = re.compile(r"\b\d+\s+(people|person|contacts?|encounters?|events?)\b")


def _databases(tmp_path: Path) -> tuple[Path, Path]:
    """A laptop database and a phone database (another device, another database)."""
    laptop = tmp_path / "laptop" / "hallway.json"
    phone = tmp_path / "phone" / "hallway.json"
    with Store.open(laptop) as store:
        store.capture("Maya Chen @Acme #sourdough -- focaccia")
    with Store.open(phone, device=PHONE) as store:
        store.capture("Ana Souza #climbing -- met on the train")
    return laptop, phone


def _export(db: Path, target: Path) -> Path:
    done = hallway("export", "json", "--db", str(db), "-o", str(target))
    assert done.returncode == 0, done.stderr
    return target


def _names(db: Path) -> list[str]:
    with Store.open(db) as store:
        return sorted(e.name for e in store.encounters())


def _said(result: subprocess.CompletedProcess[str]) -> str:
    assert not PEOPLE_COUNT.search(result.stdout + result.stderr), result
    return result.stdout


def test_merge_adds_the_other_database_and_keeps_a_backup(tmp_path: Path) -> None:
    laptop, phone = _databases(tmp_path)
    exported = _export(phone, tmp_path / "phone.json")
    first = hallway("import", "json", str(exported), "--merge", "--db", str(laptop))
    assert first.returncode == 0, first.stderr
    said = _said(first)
    assert said.startswith("The export made on ") and " is merged into the database." in said
    kept = re.search(r"kept in (\S+)\.$", said.strip())
    assert kept is not None and Path(kept[1]).parent == laptop.parent / "backups"
    assert _names(laptop) == ["Ana Souza", "Maya Chen"]
    # The backup is the laptop as it was.
    (tmp_path / "restore").mkdir()
    (tmp_path / "restore" / "hallway.json").write_bytes(Path(kept[1]).read_bytes())
    assert _names(tmp_path / "restore" / "hallway.json") == ["Maya Chen"]

    again = hallway("import", "json", str(exported), "--merge", "--db", str(laptop))
    assert again.returncode == 0, again.stderr
    assert "already holds everything" in _said(again) and "kept in" not in again.stdout
    assert _names(laptop) == ["Ana Souza", "Maya Chen"]


def test_merge_both_ways_ends_with_the_same_people_on_both(tmp_path: Path) -> None:
    laptop, phone = _databases(tmp_path)
    to_laptop = _export(phone, tmp_path / "phone.json")
    assert hallway("import", "json", str(to_laptop), "--merge", "--db", str(laptop)).returncode == 0
    to_phone = _export(laptop, tmp_path / "laptop.json")
    assert hallway("import", "json", str(to_phone), "--merge", "--db", str(phone)).returncode == 0
    assert _names(laptop) == _names(phone) == ["Ana Souza", "Maya Chen"]
    document = json.loads(_export(phone, tmp_path / "again.json").read_text(encoding="utf-8"))
    assert sorted(d["name"] for d in document["devices"]) == sorted([PHONE.name, "test laptop"])


def test_a_bad_file_is_refused_in_one_line_and_nothing_changes(tmp_path: Path) -> None:
    laptop, phone = _databases(tmp_path)
    document = json.loads(_export(phone, tmp_path / "phone.json").read_text(encoding="utf-8"))
    document["encounters"][0]["sync"]["c"] = "yesterday"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    before = laptop.read_bytes()
    backups = sorted((laptop.parent / "backups").iterdir())
    result = hallway("import", "json", str(bad), "--merge", "--db", str(laptop))
    assert result.returncode == 1
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr == (
        "hallway: This Hallway export can't be imported: encounters[0].sync.c (encounter "
        "“Ana Souza”) should be a change stamp (20 hex digits), but it is the text "
        '"yesterday". Nothing was changed.\n'
    )
    assert laptop.read_bytes() == before
    assert sorted((laptop.parent / "backups").iterdir()) == backups  # none for a refusal
    assert _names(laptop) == ["Maya Chen"]


def test_merge_goes_with_json_and_not_with_replace(tmp_path: Path) -> None:
    laptop, phone = _databases(tmp_path)
    exported = _export(phone, tmp_path / "phone.json")
    both = hallway("import", "json", str(exported), "--merge", "--replace", "--db", str(laptop))
    assert both.returncode == 1
    assert both.stderr == (
        "hallway: --merge keeps everything the database holds and adds the export to it; "
        "--replace puts the export in its place. Choose one.\n"
    )
    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Li Lei\r\nEND:VCARD\r\n", encoding="utf-8")
    vcard = hallway("import", "vcard", str(card), "--merge", "--db", str(laptop))
    assert vcard.returncode == 1
    assert "--merge goes with `hallway import json`" in vcard.stderr
    assert _names(laptop) == ["Maya Chen"]
    with Store.open(laptop) as store:
        assert store.contacts() == []


def test_without_merge_or_replace_the_refusal_offers_both(tmp_path: Path) -> None:
    laptop, phone = _databases(tmp_path)
    exported = _export(phone, tmp_path / "phone.json")
    refused = hallway("import", "json", str(exported), "--db", str(laptop))
    assert refused.returncode == 1
    assert "--merge" in refused.stderr and "--replace" in refused.stderr
    assert "Nothing was changed" in refused.stderr
    assert _names(laptop) == ["Maya Chen"]
