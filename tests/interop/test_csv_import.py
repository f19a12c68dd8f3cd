"""CSV import from the files people have after an event: LinkedIn, Google Contacts, Outlook, an
attendee list, a plain CSV; exact results, skipped rows with line numbers, merging as vCard
import does, encounters of a named event."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from hallway.store import i18n
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.interop.csv_read import CsvProblem, read_moment
from hallway.store.interop.csvio import import_csv
from hallway.store.interop.people import ImportReport
from hallway.store.interop.vcard import decode_vcard_bytes, import_vcard
from hallway.store.interop.vcard_parse import Skipped
from hallway.store.records import Channels, Contact
from tests.interop.interop_fixtures import BERLIN, SAMPLES


def _sample(name: str) -> str:
    return decode_vcard_bytes((SAMPLES / name).read_bytes())


def _people(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts()}


def _summary(contact: Contact) -> tuple[str, str, Channels, list[str], list[str]]:
    notes = [n.text for n in contact.notes]
    return contact.role, contact.org, contact.channels, contact.topics, notes


def test_linkedin_connections_with_its_notes_preamble(store: Store) -> None:
    report = import_csv(store, _sample("linkedin-connections.csv"), source="Connections.csv")
    slashes = (
        "Its date '31/02/2026' can't be read (a date with slashes means different days in "
        "different countries); write it as 2026-03-05 or 5 Mar 2026. The row was left out."
    )
    assert report == ImportReport(
        imported=5,
        merged=0,
        skipped=[
            Skipped(10, "This row has no name, so it was left out."),
            Skipped(11, slashes, "Tess Ng"),
        ],
        unit="row",
        people="contacts",
    )
    assert report.message.splitlines()[1:] == [
        "Skipped the row at line 10: This row has no name, so it was left out.",
        f"Skipped the row at line 11 (Tess Ng): {slashes}",
    ]
    people = _people(store)
    assert sorted(people) == ["Maya Chen", "Zoë Ångström", "Дмитрий Иванов", "سارة حداد", "李雷"]
    assert _summary(people["Zoë Ångström"]) == (
        "Product Manager",
        "Fable AB",
        Channels("zoe@fable.example", "", "https://www.linkedin.com/in/zoe-angstrom"),
        [],
        ["Connected on 5 March 2026"],
    )
    # Family name first, no space, for Chinese; a quoted comma stays in the organisation.
    assert _summary(people["李雷"]) == (
        "嵌入式工程师",
        "Acme Robotics, Shenzhen",
        Channels("", "", "https://www.linkedin.com/in/lilei"),
        [],
        ["Connected on 4 March 2026"],
    )
    assert _summary(people["سارة حداد"])[:2] == ("مهندسة بيانات", "مؤسسة الخبز")
    assert people["Maya Chen"].role == "Chief 🍞 Officer"
    assert people["Дмитрий Иванов"].org == "Яндекс"
    # Nobody was met by importing a file: no rhythm is running yet.
    assert all(c.last_touch is None and c.next_due is None for c in people.values())


def test_google_contacts_with_bom_labels_and_a_note_over_two_lines(store: Store) -> None:
    report = import_csv(store, _sample("google-contacts.csv"))
    assert report == ImportReport(
        3, 0, [Skipped(6, "This row has no name, so it was left out.")], unit="row"
    )
    people = _people(store)
    assert sorted(people) == ["Dr. José María García López", "Maya Chen", "Ольга Петрова"]
    assert _summary(people["Maya Chen"]) == (
        "Data Engineer",
        "Acme",
        Channels("maya@acme.example", "+49 170 1234567", ""),
        ["sourdough", "book-club"],  # Google's own "* myContacts" is not a topic
        ["Bakes sourdough every Sunday.\nAsk about the starter 🍞"],
    )
    # The second e-mail column is used when the first is empty.
    assert _summary(people["Dr. José María García López"]) == (
        "Profesor",
        "Universidad de Sevilla",
        Channels("jose@example.es", "+34 600 123 456", "https://jose.example"),
        ["climbing"],
        [],
    )
    assert _summary(people["Ольга Петрова"]) == ("", "", Channels("olga@example.ru"), [], [])


def test_outlook_in_windows_1252_where_title_is_a_courtesy_title(store: Store) -> None:
    data = (SAMPLES / "outlook.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert import_csv(store, decode_vcard_bytes(data)).skipped == []
    rene = _people(store)["René Dupré"]
    assert _summary(rene) == (
        "Chef pâtissier",
        "Café Crème SARL",
        Channels("rene@cafe.example", "+33 1 23 45 67 89", ""),
        ["pâtisserie", "chocolate"],
        ["Met at the Salon du Chocolat"],
    )
    assert _people(store)["Ana Lima"].channels.phone == "+351 912 345 678"


def test_an_attendee_list_in_utf16_with_tabs(store: Store) -> None:
    import_csv(store, _sample("attendees-utf16.tsv"))
    people = _people(store)
    assert _summary(people["Léa Moreau"]) == (
        "Researcher",
        "Mistral",
        Channels("lea@example.fr"),
        ["climbing", "jazz"],
        [],
    )
    assert "Omar Farouk" in people


def test_a_plain_csv_with_events_makes_encounters_there(store: Store) -> None:
    report = import_csv(store, _sample("plain.csv"))
    assert (report.imported, report.merged, report.skipped) == (3, 0, [])
    [event] = store.events()
    assert (event.name, event.live) == ("PyCon Berlin 2026", False)
    assert event.starts == datetime(2026, 3, 5, 0, 0, tzinfo=event.starts.tzinfo)
    met = {e.name: e for e in store.encounters(event.id)}
    ravi = met["Ravi Kumar"]
    assert (ravi.role, ravi.org, ravi.topics, ravi.status) == (
        "SRE",
        "Infosys",
        ["yoga", "chess"],
        "new",
    )
    assert [n.text for n in ravi.notes] == [
        "e-mail: ravi@example.in",
        "Talked about किताबें; wants the reading list",
    ]
    assert (ravi.met_at.hour, ravi.met_at.minute) == (10, 30)
    assert [n.text for n in met["Nadia"].notes] == [
        "phone: +44 20 7946 0000",
        '=HYPERLINK("http://evil.example","x")',  # text, as typed
    ]
    assert [c.name for c in store.contacts()] == ["Kenji Sato"]  # no event: a contact


def test_event_option_makes_everyone_someone_met_there_and_reimporting_merges(
    store: Store,
) -> None:
    text = _sample("linkedin-connections.csv")
    first = import_csv(store, text, event="Bread Meetup")
    assert first.message.startswith("Added the people you met at Bread Meetup from the file.")
    [event] = store.events()
    assert event.starts == datetime(2024, 1, 1, tzinfo=event.starts.tzinfo)  # earliest row
    again = import_csv(store, text, event="bread  meetup")  # the same event, any case
    assert (again.imported, again.merged) == (0, 5)
    assert len(store.encounters(event.id)) == 5
    zoe = next(e for e in store.encounters() if e.name == "Zoë Ångström")
    assert [n.text for n in zoe.notes] == [
        "e-mail: zoe@fable.example\nweb: https://www.linkedin.com/in/zoe-angstrom"
    ]
    assert zoe.met_at.date().isoformat() == "2026-03-05"
    assert store.contacts() == []


def test_merging_follows_the_vcard_rules(store: Store) -> None:
    # Known from a vCard: the same e-mail in another case, and the same name and organisation.
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya C.\r\nORG:Acme\r\nEMAIL:maya@acme.example\r\n"
        "NOTE:Met at the bakery\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nORG:Fable AB\r\nTEL:+46 70 1\r\n"
        "END:VCARD\r\n"
    )
    import_vcard(store, card)
    report = import_csv(store, _sample("linkedin-connections.csv"))
    assert (report.imported, report.merged) == (3, 2)
    assert report.message.startswith(
        "Added the new contacts from the file and updated those already in Hallway."
    )
    people = _people(store)
    maya = people["Maya C."]  # kept its name; the file filled the gaps only
    assert (maya.role, maya.channels.email) == ("Chief 🍞 Officer", "maya@acme.example")
    assert [n.text for n in maya.notes] == ["Met at the bakery", "Connected on 28 February 2026"]
    zoe = people["Zoë Ångström"]
    assert zoe.channels == Channels(
        "zoe@fable.example", "+46 70 1", "https://www.linkedin.com/in/zoe-angstrom"
    )
    assert "Maya Chen" not in people


def test_a_file_without_a_header_is_refused_whole(store: Store) -> None:
    with pytest.raises(HallwayError) as refused:
        import_csv(store, "Maya,Chen\nZoë,Ångström\n", source="people.csv")
    assert str(refused.value).startswith("No header row found in people.csv: a CSV for Hallway")
    assert store.contacts() == []


def test_headers_in_any_case_order_and_spelling(store: Store) -> None:
    text = "E-MAIL ADDRESS;job_title;FULL NAME;Company\nana@x.example;Designer;Ana Lima;Fable\n"
    import_csv(store, text)
    [ana] = store.contacts()
    assert (ana.name, ana.role, ana.org, ana.channels.email) == (
        "Ana Lima",
        "Designer",
        "Fable",
        "ana@x.example",
    )


def test_too_long_text_and_unreadable_rows_are_skipped_with_their_lines(store: Store) -> None:
    long_note = "x" * 100_001
    text = f'name,notes\nAna,short\nBo,"{long_note}"\n"Cy,"broken\nDee,fine\n'
    report = import_csv(store, text)
    assert [s.line for s in report.skipped] == [3]
    assert "Hallway keeps at most 100,000 in one note, so the row was left out" in (
        report.skipped[0].reason
    )
    assert sorted(_people(store)) == ["Ana", "Cy,broken", "Dee"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05", datetime(2026, 3, 5, tzinfo=BERLIN)),
        ("2026-03-05 10:30", datetime(2026, 3, 5, 10, 30, tzinfo=BERLIN)),
        ("2026-03-05T10:30:00+09:00", datetime(2026, 3, 5, 3, 30, tzinfo=BERLIN)),
        ("05 Mar 2026", datetime(2026, 3, 5, tzinfo=BERLIN)),
        ("March 5, 2026", datetime(2026, 3, 5, tzinfo=BERLIN)),
        ("05.03.2026", datetime(2026, 3, 5, tzinfo=BERLIN)),
    ],
)
def test_dates_people_write(text: str, expected: datetime, fixed_clock: object) -> None:
    assert read_moment(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5. März 2026", date(2026, 3, 5)),
        ("5. Mär. 2026", date(2026, 3, 5)),
        ("5. MÄRZ 2026", date(2026, 3, 5)),
        ("5. Maerz 2026", date(2026, 3, 5)),
        ("5. Mrz. 2026", date(2026, 3, 5)),
        ("5.3.2026", date(2026, 3, 5)),
        ("05.03.2026", date(2026, 3, 5)),
        ("1. Mai 2026", date(2026, 5, 1)),
        ("3. Okt. 2026", date(2026, 10, 3)),
        ("24. Dezember 2026", date(2026, 12, 24)),
        ("24. Dez. 2026", date(2026, 12, 24)),
        ("15. Sept. 2026", date(2026, 9, 15)),
        ("7. Jänner 2026", date(2026, 1, 7)),
        ("2. Juni 2026", date(2026, 6, 2)),
    ],
)
def test_german_dates_are_read_in_either_language(
    text: str, expected: date, fixed_clock: object
) -> None:
    for language in ("en", "de"):
        with i18n.speaking(language):
            assert read_moment(text) == datetime.combine(expected, time(0), tzinfo=BERLIN)


def test_a_german_month_that_is_not_one_is_refused(fixed_clock: object) -> None:
    for text in ("5. Mürz 2026", "30. Februar 2026"):
        with pytest.raises(CsvProblem, match="can't be read"):
            read_moment(text)
    with i18n.speaking("de"), pytest.raises(CsvProblem, match=r"nicht lesbar.*5\. März 2026"):
        read_moment("5. Mürz 2026")


def test_a_csv_with_german_dates_imports_them(store: Store) -> None:
    text = "Name,Met on\nJana Wolf,5. März 2026\nOla Berg,24. Dez. 2025\nMo Li,5. Mürz 2026\n"
    report = import_csv(store, text, event="Brotzeit")
    assert [s.line for s in report.skipped] == [4]  # the one date that is no date
    met = {e.name: e.met_at.date() for e in store.encounters()}
    assert met == {"Jana Wolf": date(2026, 3, 5), "Ola Berg": date(2025, 12, 24)}
