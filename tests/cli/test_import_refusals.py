"""`hallway import json` refuses a damaged export with one plain line, writes nothing, and
leaves a database that exports and saves as before (adversarial findings 2, 5 and 8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hallway.store import Store
from hallway.tui.cli import main


def hallway(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process (exit codes and streams as a shell sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def _export_of_two(tmp_path: Path) -> dict[str, object]:
    source = tmp_path / "source" / "hallway.json"
    with Store.open(source) as store:
        store.capture("Maya Chen @Acme #sourdough -- focaccia")
        store.capture("Tess Ng #jazz")
    export = tmp_path / "export.json"
    assert main(["export", "json", "--db", str(source), "-o", str(export)]) == 0
    document: dict[str, object] = json.loads(export.read_text(encoding="utf-8"))
    return document


def test_an_out_of_range_id_is_refused_in_one_line_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    document = _export_of_two(tmp_path)
    encounters = document["encounters"]
    assert isinstance(encounters, list)
    encounters[1]["id"] = 18446744073709551615
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "target" / "hallway.json"

    result = hallway("import", "json", str(bad), "--db", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (
        "hallway: This Hallway export can't be imported: encounters[1].id is "
        "18446744073709551615, but ids run from 1 to 9,007,199,254,740,991. "
        "Nothing was changed.\n"
    )
    # Nothing was written: the database exports empty, and saves and reopens as usual.
    exported = hallway("export", "json", "--db", str(target))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["encounters"] == []
    assert hallway("capture", "--db", str(target), "Later Person").returncode == 0
    with Store.open(target) as store:
        assert [e.name for e in store.encounters()] == ["Later Person"]


def test_wrong_types_are_named_by_path(tmp_path: Path) -> None:
    document = _export_of_two(tmp_path)
    encounters = document["encounters"]
    assert isinstance(encounters, list)
    encounters[0]["topics"] = "sourdough"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "target" / "hallway.json"
    with Store.open(target) as store:
        store.capture("Keep Me")

    result = hallway("import", "json", str(bad), "--db", str(target), "--replace")
    assert result.returncode == 1
    assert "encounters[0].topics (encounter “Maya Chen”) should be a list, but it is the text" in (
        result.stderr
    )
    with Store.open(target) as store:
        assert [(e.name, e.topics) for e in store.encounters()] == [("Keep Me", [])]


def test_a_naive_far_future_time_in_los_angeles_is_refused(tmp_path: Path) -> None:
    document = _export_of_two(tmp_path)
    encounters = document["encounters"]
    assert isinstance(encounters, list)
    encounters[0]["met_at"] = "9999-12-31T23:59:59"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "target" / "hallway.json"

    result = hallway(
        "import", "json", str(bad), "--db", str(target), env={"TZ": "America/Los_Angeles"}
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "encounters[0].met_at (encounter “Maya Chen”) is 9999-12-31, outside the dates"
        in result.stderr
    )
