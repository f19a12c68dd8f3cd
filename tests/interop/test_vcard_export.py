"""vCard export: golden files, an independent strict reader, vobject, and round trips."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.store import clock
from hallway.store.capture_line import is_topic_char, normalise_topic
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.interop.common import contact_uid
from hallway.store.interop.vcard import export_vcard, import_vcard, split_name
from hallway.store.records import Contact, Note
from tests.clock import Clock
from tests.interop.interop_checks import components, list_value, one, props_named, text_value
from tests.interop.interop_fixtures import FIXED_DATABASE_ID, assert_golden, contact_id, fill


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_matches_golden(filled: Store, version: str) -> None:
    assert_golden(f"contacts-{version}.vcf", export_vcard(filled, version))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_reads_back_strictly(filled: Store, version: str) -> None:
    cards = components(export_vcard(filled, version), "VCARD")
    by_name = {text_value(one(card, "FN").raw): card for card in cards}
    assert list(by_name) == ["Madonna", "Maya Chen", "王 小明"]

    maya = by_name["Maya Chen"]
    assert text_value(one(maya, "VERSION").raw) == version
    assert one(maya, "PRODID").raw == "-//Hallway//Hallway//EN"
    assert one(maya, "UID").raw == contact_uid(FIXED_DATABASE_ID, contact_id(filled, "Maya Chen"))
    assert one(maya, "UID").raw.startswith("urn:uuid:")
    assert one(maya, "REV").raw == "20250514T160000Z"
    assert list_value(one(maya, "N").raw, ";") == ["Chen", "Maya", "", "", ""]
    assert list_value(one(maya, "CATEGORIES").raw, ",") == ["sourdough", "baby-sitters-club"]
    assert text_value(one(maya, "TEL").raw) == "+49 170 1234567"
    assert text_value(one(maya, "URL").raw) == "https://maya.example"
    email = one(maya, "EMAIL")
    assert text_value(email.raw) == "maya@acme.example"
    assert email.params == ({"TYPE": "INTERNET"} if version == "3.0" else {})
    note = text_value(one(maya, "NOTE").raw)
    assert note.startswith("How we met:\n- Sourdough Meetup (Kreuzberg), 2 November 2024")
    assert "- PyCon Berlin (Berlin), 12 May 2025: talked about sourdough, baby-sitters-club" in note
    assert "Notes:\n- 12 May 2025: Has all 131 Baby-Sitters Club books; even the specials" in note
    assert "the \\ backslash ones 📚" in note
    hallway_note = one(maya, "X-HALLWAY-NOTE")
    assert hallway_note.params == {"X-AT": '"2025-05-12T10:45:00+02:00"'}
    assert text_value(hallway_note.raw).endswith("漢字 🍞\nSecond line")
    interests = [text_value(p.raw) for p in props_named(maya, "INTEREST")]
    assert interests == (["sourdough", "baby-sitters-club"] if version == "4.0" else [])

    madonna = by_name["Madonna"]
    assert list_value(one(madonna, "N").raw, ";") == ["", "Madonna", "", "", ""]
    assert list_value(one(madonna, "CATEGORIES").raw, ",") == ["tea, green; hot"]
    assert props_named(madonna, "NOTE") == []

    wang = by_name["王 小明"]
    assert list_value(one(wang, "N").raw, ";") == ["王", "小明", "", "", ""]
    assert list_value(one(wang, "ORG").raw, ";") == ["Tea; Co, Ltd"]
    assert text_value(one(wang, "X-HALLWAY-NOTE").raw) == "Likes oolong\\green"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vobject_reads_the_export(filled: Store, version: str) -> None:
    cards = list(vobject.readComponents(export_vcard(filled, version)))
    assert [c.fn.value for c in cards] == ["Madonna", "Maya Chen", "王 小明"]
    maya = cards[1]
    assert maya.version.value == version
    assert maya.n.value.family == "Chen" and maya.n.value.given == "Maya"
    assert maya.org.value == ["Acme"]
    assert maya.title.value == "data engineer"
    assert maya.categories.value == ["sourdough", "baby-sitters-club"]
    assert "Second line" in maya.note.value
    assert cards[2].org.value == ["Tea; Co, Ltd"]


def test_uids_are_stable_and_distinct(filled: Store) -> None:
    first = [one(c, "UID").raw for c in components(export_vcard(filled), "VCARD")]
    again = [one(c, "UID").raw for c in components(export_vcard(filled), "VCARD")]
    assert first == again
    assert len(set(first)) == 3


def test_control_characters_are_shown_not_sent(store: Store) -> None:
    store.save_contact(Contact(name="Eve \x1b[31mRed", notes=[Note("a\x07bell", clock.now())]))
    text = export_vcard(store)
    assert "\x1b" not in text and "\x07" not in text
    card = components(text, "VCARD")[0]
    assert text_value(one(card, "FN").raw) == "Eve ␛[31mRed"
    assert text_value(one(card, "X-HALLWAY-NOTE").raw) == "a␇bell"


def test_unknown_version_is_refused(store: Store) -> None:
    with pytest.raises(HallwayError, match=r"vCard 3\.0 or 4\.0"):
        export_vcard(store, "2.1")


def test_no_contacts_gives_an_empty_file(store: Store) -> None:
    assert export_vcard(store) == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maya Chen", ("Chen", "Maya", "")),
        ("Jean Luc Picard", ("Picard", "Jean", "Luc")),
        ("Madonna", ("", "Madonna", "")),
        ("李雷", ("李雷", "", "")),
        ("王 小明", ("王", "小明", "")),
        ("山田太郎", ("山田太郎", "", "")),
        ("محمد علي", ("علي", "محمد", "")),
    ],
)
def test_split_name(name: str, expected: tuple[str, str, str]) -> None:
    assert split_name(name) == expected


# -- round trips ---------------------------------------------------------------------------

_TEXT = st.characters(exclude_categories=("Cs", "Cc"))
_TRICKY = st.sampled_from([",", ";", "\\", ":", '"', "😀", "👩🏽‍🔬", "李", "ع", "ß", "\u200b"])
_WORDS = st.lists(st.one_of(_TEXT, _TRICKY), min_size=1, max_size=40).map("".join)


def _name(raw: str) -> str:
    return " ".join(raw.split())


def _topic(raw: str) -> str:
    text = normalise_topic(raw)
    return "".join(c for c in text if is_topic_char(c)).strip("-")


names = st.lists(_WORDS.map(_name).filter(bool), min_size=1, max_size=4, unique_by=str.casefold)
notes = st.lists(
    st.lists(st.one_of(_TEXT, _TRICKY, st.just("\n")), min_size=1, max_size=120)
    .map(lambda chars: "".join(chars).strip())
    .filter(bool),
    max_size=3,
)
topics = st.lists(
    _WORDS.map(_topic).filter(lambda t: t not in ("", "mycontacts", "starred")),
    max_size=4,
    unique=True,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=names, notes=notes, topics=topics, version=st.sampled_from(["3.0", "4.0"]))
def test_export_then_import_keeps_names_notes_and_topics(
    names: list[str], notes: list[str], topics: list[str], version: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "a.json") as source:
            for name in names:
                stamped = [Note(text, clock.now()) for text in notes]
                source.save_contact(Contact(name=name, notes=stamped, topics=list(topics)))
            exported = export_vcard(source, version)
        cards = components(exported, "VCARD")  # the strict reader accepts every export
        assert len(cards) == len(names)
        assert len(list(vobject.readComponents(exported))) == len(names)
        with Store.open(Path(folder) / "b.json") as target:
            report = import_vcard(target, exported)
            assert (report.imported, report.merged, report.skipped) == (len(names), 0, [])
            got = {c.name: c for c in target.contacts()}
    assert sorted(got) == sorted(names)
    for contact in got.values():
        assert [n.text for n in contact.notes] == notes
        assert contact.topics == topics


def test_reimporting_an_export_merges_into_the_same_contacts(store: Store, pinned_id: str) -> None:
    fill(store)
    before = {c.id: c for c in store.contacts()}
    report = import_vcard(store, export_vcard(store, "4.0"))
    assert (report.imported, report.merged, report.skipped) == (0, 3, [])
    assert {c.id: c for c in store.contacts()} == before


def test_import_into_another_database_keeps_how_we_met(store: Store, tmp_path: Path) -> None:
    fill(store)
    exported = export_vcard(store)
    with Store.open(tmp_path / "other.json") as other:
        import_vcard(other, exported)
        maya = next(c for c in other.contacts() if c.name == "Maya Chen")
    assert maya.notes[0].text.startswith("How we met:\n- Sourdough Meetup (Kreuzberg)")
    # Notes are kept in time order: how you met goes at the earliest note's time.
    assert maya.notes[0].at == maya.notes[1].at
    assert unicodedata.normalize("NFC", maya.notes[1].text).endswith("Second line")
    assert maya.notes[1].at == store.contacts()[0].notes[0].at
    assert maya.channels.email == "maya@acme.example"
    assert (maya.role, maya.org) == ("data engineer", "Acme")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_short_lines_of_wide_characters_fold_by_octets(store: Store, version: str) -> None:
    # 40 characters but 120 octets: vobject alone leaves this line unfolded.
    wide = "漢" * 40
    store.save_contact(Contact(name="Wide Note", org=wide, notes=[Note("🍞" * 30, clock.now())]))
    text = export_vcard(store, version)
    [card] = components(text, "VCARD")  # asserts every physical line is <= 75 octets
    assert list_value(one(card, "ORG").raw, ";") == [wide]
    assert text_value(one(card, "X-HALLWAY-NOTE").raw) == "🍞" * 30
    assert 70 <= max(len(line.encode()) for line in text.split("\r\n")) <= 75


def test_how_we_met_stays_first_beside_notes_with_and_without_times(
    db_path: Path, fixed_clock: Clock
) -> None:
    card = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ines Ortiz\r\n"
        "X-HALLWAY-MET:- PyCon (Berlin)\r\n"
        "X-HALLWAY-NOTE:undated\r\n"
        'X-HALLWAY-NOTE;X-AT="2025-01-02T09:00:00+01:00":dated\r\n'
        "END:VCARD\r\n"
    )
    with Store.open(db_path) as store:
        import_vcard(store, card)
    with Store.open(db_path) as again:
        ines = next(c for c in again.contacts() if c.name == "Ines Ortiz")
    assert [n.text for n in ines.notes] == ["How we met:\n- PyCon (Berlin)", "dated", "undated"]
    assert ines.notes[0].at == ines.notes[1].at < ines.notes[2].at
