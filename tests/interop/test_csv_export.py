"""CSV export: one spreadsheet of contacts and encounters, UTF-8 (with a BOM on request), formula
injection made inert, typed text shown by the app's rule; it imports back."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.interop import EXPORT_FORMATS, export_bytes
from hallway.store.interop.csvio import COLUMNS, import_csv, safe_cell
from hallway.store.records import Channels, Contact, Encounter, FollowUp, Note
from hallway.tui.app import HallwayApp
from hallway.tui.screens.export import EXPORTS
from tests.interop.interop_fixtures import at

RLO = "\u202e"


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def sheet_store(store: Store) -> Store:
    event = store.create_event("PyCon Berlin", starts=at(12, 9))
    store.save_contact(
        Contact(
            name="Maya Chen",
            role="data engineer",
            org="Acme",
            topics=["sourdough", "baby-sitters-club"],
            notes=[Note("bakes on Sundays", at(12, 10)), Note("=1+1 is two", at(12, 11))],
            cadence_days=21,
            last_touch=at(12, 10),
            channels=Channels("maya@acme.example", "+49 170 1234567", "https://maya.example"),
        )
    )
    store.save_encounter(
        Encounter(
            event_id=event.id,
            name=f"@Eve{RLO}gnp.exe",
            met_at=at(12, 10, 15),
            org="-Evil Corp",
            topics=["security"],
            notes=[Note("\tindented\r\nsecond line \x1b[31m", at(12, 10, 20))],
            follow_ups=[FollowUp("send the deck", date(2025, 5, 15))],
        )
    )
    return store


def test_contacts_and_encounters_in_one_sheet(sheet_store: Store) -> None:
    data = export_bytes(sheet_store, "csv")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0] == b",".join(c.encode() for c in COLUMNS)
    header, maya, eve = _rows(data)
    assert header[0] == "kind" and len(header) == 15
    assert maya == [
        "contact",
        "Maya Chen",
        "data engineer",
        "Acme",
        "maya@acme.example",
        "'+49 170 1234567",
        "https://maya.example",
        "sourdough, baby-sitters-club",
        "bakes on Sundays\n=1+1 is two",
        "",
        "",
        "",
        "every 3 weeks",
        "2025-06-02",
        "",
    ]
    assert eve == [
        "encounter",
        "'@Eve⟨202E⟩gnp.exe",
        "",
        "'-Evil Corp",
        "",
        "",
        "",
        "security",
        "'    indented\nsecond line ␛[31m",
        "PyCon Berlin",
        "2025-05-12 10:15",
        "new",
        "",
        "",
        "send the deck (due 2025-05-15)",
    ]


def test_bom_on_request_and_the_palette_offers_csv(sheet_store: Store) -> None:
    assert "csv" in EXPORT_FORMATS and "csv" in EXPORTS
    assert "export('csv')" in HallwayApp.COMMAND_TITLES
    data = export_bytes(sheet_store, "csv", bom=True)
    assert data.startswith(b"\xef\xbb\xbfkind,name,")
    assert _rows(data) == _rows(export_bytes(sheet_store, "csv"))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_is_made_inert(start: str) -> None:
    cell = safe_cell(f"{start}HYPERLINK(1)")
    assert cell.startswith("'")
    assert safe_cell("plain text") == "plain text"
    assert safe_cell("a=b") == "a=b"


def test_the_export_imports_back(sheet_store: Store, tmp_path: Path) -> None:
    data = export_bytes(sheet_store, "csv", bom=True)
    with Store.open(tmp_path / "other" / "hallway.json") as other:
        report = import_csv(other, data.decode("utf-8-sig"))
        assert report.skipped == []
        [maya] = other.contacts()
        assert (maya.name, maya.role, maya.org, maya.topics) == (
            "Maya Chen",
            "data engineer",
            "Acme",
            ["sourdough", "baby-sitters-club"],
        )
        assert maya.channels.phone == "+49 170 1234567"  # the apostrophe came off
        [event] = other.events()
        [eve] = other.encounters(event.id)
        assert (event.name, eve.name, eve.org) == (
            "PyCon Berlin",
            "@Eve⟨202E⟩gnp.exe",
            "-Evil Corp",
        )
        assert eve.met_at == at(12, 10, 15).replace(tzinfo=clock.now().tzinfo)
