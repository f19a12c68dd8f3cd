"""Exports made in German read German: golden files from the same fixed database as the
English ones, the import reports and refusals in German, and the address form checked on
import."""

from __future__ import annotations

import json

import orjson
import pytest

from hallway.store import i18n
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.interop.csvio import import_csv
from hallway.store.interop.ics import export_ics
from hallway.store.interop.jsonio import export_json, import_json
from hallway.store.interop.markdown import export_markdown
from hallway.store.interop.vcard import export_vcard, import_vcard
from tests.interop.interop_fixtures import assert_golden, event_id


def test_german_debrief_matches_golden(filled: Store) -> None:
    with i18n.speaking("de"):
        text = export_markdown(filled, event_id(filled, "PyCon Berlin"))
    assert_golden("debrief.de.md", text)
    assert text.startswith("# Nachbesprechung: PyCon Berlin\n")
    for heading in ("## Begegnungen", "## Versprechen", "## Als dauerhafte Kontakte behalten"):
        assert f"\n{heading}\n" in text
    assert "- Status: als dauerhafter Kontakt übernommen\n" in text
    assert "(fällig am 15. Mai 2025)" in text
    assert "(war fällig am 10. Mai 2025)" in text
    assert "## Who you met" not in text and "Status: promoted" not in text


@pytest.mark.parametrize(("todo", "golden"), [(False, "reminders.de.ics"), (True, "todo.de.ics")])
def test_german_calendar_matches_golden(filled: Store, todo: bool, golden: str) -> None:
    with i18n.speaking("de"):
        text = export_ics(filled, todo=todo)
    assert_golden(golden, text)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Bei " in unfolded and " melden" in unfolded
    assert "Versprechen an Maya Chen" in unfolded
    assert "Catch up with" not in unfolded and "Promised to" not in unfolded


def test_german_calendar_says_since_when_a_promise_is_due(filled: Store) -> None:
    with i18n.speaking("de"):
        text = export_ics(filled).replace("\r\n ", "")
    assert "DESCRIPTION:Fällig seit 10. Mai 2025.\\n" in text
    # Interests: "other" ones only after shared ones.
    assert "DESCRIPTION:Interessen: tea\\, green\\; hot" in text


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_german_vcard_matches_golden(filled: Store, version: str) -> None:
    with i18n.speaking("de"):
        text = export_vcard(filled, version)
    assert_golden(f"contacts-{version}.de.vcf", text)
    unfolded = text.replace("\r\n ", "")
    assert "NOTE:Kennengelernt:\\n- Sourdough Meetup (Kreuzberg)\\, 2. November 2024" in unfolded
    assert "Gespräch über" in unfolded
    assert "How we met" not in unfolded


def test_german_export_imports_back_with_the_same_notes(filled: Store, tmp_path) -> None:
    """A vCard written in German still restores the notes exactly in another database
    (the NOTE summary is not read back; Hallway's own fields are)."""
    with i18n.speaking("de"):
        text = export_vcard(filled)
    with Store.open(tmp_path / "other" / "hallway.json") as other:
        with i18n.speaking("de"):
            report = import_vcard(other, text)
            assert report.message == "Kontakte aus der Datei hinzugefügt."
        maya = next(c for c in other.contacts() if c.name == "Maya Chen")
        assert maya.notes[0].text.startswith("Kennengelernt:\n- Sourdough Meetup (Kreuzberg), ")
        original = next(c for c in filled.contacts() if c.name == "Maya Chen")
        assert [n.text for n in maya.notes[1:]] == [n.text for n in original.notes]


def test_import_reports_and_refusals_in_german(store: Store) -> None:
    with i18n.speaking("de"):
        with pytest.raises(HallwayError) as no_card:
            import_vcard(store, "hello\n")
        assert str(no_card.value).startswith("Keine vCard in dieser Datei gefunden")
        rows = "name,email\n,nobody@example.org\nAda Lovelace,ada@example.org\n"
        report = import_csv(store, rows)
        assert report.message == (
            "Kontakte aus der Datei hinzugefügt.\n"
            "Zeile 2 übersprungen: Diese Zeile hat keinen Namen und wurde ausgelassen."
        )
        with pytest.raises(HallwayError) as not_json:
            import_json(store, b"not json")
        assert str(not_json.value) == (
            "Diese Datei ist kein Hallway-Export (sie ist kein JSON). Nichts wurde geändert; "
            'bitte eine mit "hallway export json" erstellte Datei wählen.'
        )


def test_a_bad_address_form_in_an_import_is_refused(filled: Store, tmp_path) -> None:
    document = json.loads(export_json(filled))
    document["events"][0]["address_form"] = "Du"
    with Store.open(tmp_path / "other" / "hallway.json") as other:
        with pytest.raises(HallwayError) as refused:
            import_json(other, orjson.dumps(document))
        assert "events[0].address_form" in str(refused.value)
        assert 'should be one of du, sie, but it is the text "Du"' in str(refused.value)
        assert other.events() == []


@pytest.mark.parametrize("form", ["du", "sie", None])
def test_a_good_address_form_imports(filled: Store, tmp_path, form: str | None) -> None:
    document = json.loads(export_json(filled))
    document["events"][0]["address_form"] = form
    with Store.open(tmp_path / "other" / "hallway.json") as other:
        import_json(other, orjson.dumps(document))
        imported = next(e for e in other.events() if e.id == document["events"][0]["id"])
        assert imported.address_form == form


def test_a_bad_address_form_is_refused_in_german(filled: Store, tmp_path) -> None:
    document = json.loads(export_json(filled))
    document["events"][0]["address_form"] = "Du"
    name = document["events"][0]["name"]
    with Store.open(tmp_path / "other" / "hallway.json") as other, i18n.speaking("de"):
        with pytest.raises(HallwayError) as refused:
            import_json(other, orjson.dumps(document))
        assert str(refused.value) == (
            "Dieser Hallway-Export kann nicht importiert werden: events[0].address_form "
            f'(Veranstaltung „{name}“) sollte eines von du, sie sein, ist aber der Text "Du". '
            "Nichts wurde geändert."
        )
