"""Tolerant vCard import: real-world-shaped files, exact results, merging, one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.store.db import Store
from hallway.store.errors import HallwayError, SaveError
from hallway.store.interop.vcard import (
    Skipped,
    VCardImportReport,
    decode_vcard_bytes,
    import_vcard,
)
from hallway.store.records import Channels, Contact
from tests.interop.interop_fixtures import SAMPLES


def _sample(name: str) -> str:
    return decode_vcard_bytes((SAMPLES / name).read_bytes())


def _people(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts()}


def test_iphone_card_with_grouped_url_photo_and_several_emails(store: Store) -> None:
    report = import_vcard(store, _sample("iphone.vcf"))
    assert report == VCardImportReport(imported=2, merged=0, skipped=[])
    people = _people(store)
    maya = people["Maya Chen"]
    assert (maya.role, maya.org) == ("Data Engineer", "Acme Inc.")
    # The preferred email and phone win over the first ones; item1.URL is found in its group.
    assert maya.channels == Channels(
        email="maya@acme.example", phone="+49 170 1234567", url="https://maya.example"
    )
    assert maya.topics == ["sourdough", "book-club"]
    assert [n.text for n in maya.notes] == [
        "Bakes sourdough every Sunday, knows every Baby-Sitters Club book.\nAsk about the starter."
    ]
    kai = people["Kai"]
    assert kai.channels == Channels(email="kai@example.net")
    assert (kai.role, kai.org, kai.topics, kai.notes) == ("", "", [], [])


def test_android_21_quoted_printable_with_soft_breaks(store: Store) -> None:
    report = import_vcard(store, _sample("android21.vcf"))
    assert report == VCardImportReport(imported=2, merged=0, skipped=[])
    people = _people(store)
    zoe = people["Zoë Ångström"]
    assert [n.text for n in zoe.notes] == [
        "Met at the climbing gym, loves bouldering and 🧗\nSecond line: prefers tea, not coffee"
    ]
    assert zoe.channels == Channels(email="zoe@example.se", phone="+46 70 123 45 67")
    assert (zoe.role, zoe.org) == ("PM", "Acme Robotics")
    # No FN: the name comes from N, family name first for Chinese.
    assert people["李雷"].channels.phone == "+86 138 0000 0000"


def test_outlook_21_in_a_windows_code_page(store: Store) -> None:
    raw = (SAMPLES / "outlook.vcf").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    report = import_vcard(store, decode_vcard_bytes(raw))
    assert (report.imported, report.merged, report.skipped) == (1, 0, [])
    hans = _people(store)["Hans Müller"]
    assert (hans.role, hans.org) == ("Leiter Vertrieb", "Contoso GmbH")
    assert hans.channels == Channels(
        email="hans.mueller@contoso.example",
        phone="+49 89 1234",
        url="http://www.contoso.example",
    )
    assert [n.text for n in hans.notes] == [
        "Spielt Cello im Orchester, mag Jazz.\nTreffen auf der Messe."
    ]


def test_google_contacts_export(store: Store) -> None:
    report = import_vcard(store, _sample("google.vcf"))
    assert (report.imported, report.skipped) == (1, [])
    chidi = _people(store)["Chidi Okafor"]
    # Google's own groups (myContacts, starred) are not topics; "Philosophy Club" becomes one.
    assert chidi.topics == ["philosophy-club"]
    # A comma in NOTE that the exporter did not escape is kept, not cut off.
    assert [n.text for n in chidi.notes] == ["Loves ethics, and chili; teaches moral philosophy"]
    assert chidi.channels == Channels(
        email="chidi@example.edu", phone="+1 555 0100", url="https://chidi.example/blog"
    )
    assert chidi.org == "University of Arizona"


def test_vcard_40_with_interests_hobbies_and_tel_uri(store: Store) -> None:
    report = import_vcard(store, _sample("thunderbird40.vcf"))
    assert (report.imported, report.skipped) == (1, [])
    ada = _people(store)["Ada Lovelace"]
    assert ada.topics == ["poetry", "horse-riding", "maths"]
    assert ada.channels == Channels(
        email="ada@analytical.example", phone="+44-20-7946-0018", url="https://ada.example"
    )
    assert [n.text for n in ada.notes] == ["Writes notes longer than the paper, \\o/"]


def test_messy_file_imports_the_good_cards_and_names_each_skipped_one(store: Store) -> None:
    report = import_vcard(store, _sample("messy.vcf"))
    assert report.imported == 3
    assert report.merged == 0
    unreadable = "can't be read as a vCard line, so the card was left out."
    no_name = "This card has no name (neither FN nor N), so it was left out."
    no_end = "This card has no END:VCARD line, so it may be cut short."
    assert report.skipped == [
        Skipped(8, f"Line 11 {unreadable}", "Broken Line"),
        Skipped(17, no_name),
        Skipped(22, no_end, "Never Ended"),
        Skipped(29, f"Line 32 {unreadable}", "Bad Quote"),
        Skipped(34, no_name),
        Skipped(39, no_end, "Last Cut"),
    ]
    assert sorted(_people(store)) == ["After The Cut", "Good One", "Nora Only"]
    assert "Skipped the card at line 22 (Never Ended)" in report.message


@pytest.mark.parametrize(
    "sample",
    ["iphone.vcf", "android21.vcf", "outlook.vcf", "google.vcf", "thunderbird40.vcf", "messy.vcf"],
)
def test_importing_the_same_file_again_merges(store: Store, sample: str) -> None:
    first = import_vcard(store, _sample(sample))
    snapshot = {c.id: c for c in store.contacts()}
    second = import_vcard(store, _sample(sample))
    assert (second.imported, second.merged) == (0, first.imported)
    assert second.skipped == first.skipped
    assert {c.id: c for c in store.contacts()} == snapshot


def test_merge_fills_gaps_and_never_overwrites(store: Store) -> None:
    kept = store.save_contact(
        Contact(
            name="Maya Chen",
            role="baker",
            topics=["sourdough"],
            channels=Channels(email="MAYA@acme.example"),
        )
    )
    report = import_vcard(store, _sample("iphone.vcf"))
    assert (report.imported, report.merged) == (1, 1)
    maya = store.contact(kept.id)
    assert maya.role == "baker"  # what you typed stays
    assert maya.org == "Acme Inc."  # what was missing is filled in
    assert maya.channels.email == "MAYA@acme.example"
    assert maya.channels.phone == "+49 170 1234567"
    assert maya.topics == ["sourdough", "book-club"]
    assert len(maya.notes) == 1


def test_match_by_name_and_org_when_there_is_no_email(store: Store) -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam  Lee\r\nORG:Climb Co\r\nNOTE:{}\r\nEND:VCARD\r\n"
    import_vcard(store, text.format("first"))
    report = import_vcard(store, text.format("second").replace("Sam  Lee", "sam lee"))
    assert (report.imported, report.merged) == (0, 1)
    [sam] = store.contacts()
    assert [n.text for n in sam.notes] == ["first", "second"]
    other_org = import_vcard(store, text.format("x").replace("Climb Co", "Other"))
    assert other_org.imported == 1


def test_a_person_twice_in_one_file_becomes_one_contact(store: Store) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:ann@x.org\r\nNOTE:{}\r\nEND:VCARD\r\n"
    report = import_vcard(store, card.format("one") + card.format("two"))
    assert (report.imported, report.merged) == (1, 1)
    [ann] = store.contacts()
    assert [n.text for n in ann.notes] == ["one", "two"]


def test_a_failed_save_imports_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_contact(Contact(name="Already Here"))
    calls = 0
    original = Store.save_contact

    def fail_on_second(self: Store, contact: Contact) -> Contact:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise SaveError("The disk is full.")
        return original(self, contact)

    monkeypatch.setattr(Store, "save_contact", fail_on_second)
    with pytest.raises(SaveError):
        import_vcard(store, _sample("iphone.vcf"))
    monkeypatch.undo()
    assert [c.name for c in store.contacts()] == ["Already Here"]
    with Store.open(store.path) as reopened:
        assert [c.name for c in reopened.contacts()] == ["Already Here"]


def test_empty_and_cardless_text_is_refused_naming_the_file(store: Store) -> None:
    with pytest.raises(HallwayError, match=r"^No vCard found in this file "):
        import_vcard(store, "")
    with pytest.raises(HallwayError, match=r"^No vCard found in notes\.txt "):
        import_vcard(store, "hello\nworld\n", source="notes.txt")
    assert store.contacts() == []


def test_only_broken_cards_imports_nothing_and_lists_them(store: Store) -> None:
    report = import_vcard(store, "BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@b.org\nEND:VCARD\n")
    assert (report.imported, report.merged, len(report.skipped)) == (0, 0, 1)
    assert report.message.startswith("Nothing was imported.\nSkipped the card at line 1")


def test_decode_handles_bom_and_utf16(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n"
    assert decode_vcard_bytes(b"\xef\xbb\xbf" + text.encode()) == text
    assert decode_vcard_bytes(text.encode("utf-16")) == text
    assert decode_vcard_bytes(text.encode("cp1252")) == text
