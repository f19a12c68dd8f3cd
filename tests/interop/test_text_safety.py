"""Typed text in every export: the files people read (Markdown, CSV) follow the app's visible-text
rule, bidi controls included; vCard and iCalendar keep bidi characters as typed (each value
is shown in a field of its own there) and never carry control characters."""

from __future__ import annotations

from datetime import date

from hallway.store import clock
from hallway.store.db import Store
from hallway.store.interop.ics import export_ics
from hallway.store.interop.markdown import export_markdown
from hallway.store.interop.vcard import export_vcard, import_vcard
from hallway.store.records import Contact, Encounter, FollowUp, Note

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"
TROJAN = f"Eve{RLO}gnp.exe{LRI}x{PDI}"


def _event_with_trojans(store: Store) -> int:
    event = store.create_event(f"Meetup {RLO}ffo")
    store.save_encounter(
        Encounter(
            event_id=event.id,
            name=TROJAN,
            org=f"Acme{RLO}",
            met_at=clock.now(),
            topics=["bidi"],
            notes=[Note(f"line one {RLO}reversed\nline two \x1b[31m", clock.now())],
            follow_ups=[FollowUp(f"send {LRI}the deck{PDI}", date(2025, 5, 20))],
        )
    )
    return event.id


def test_markdown_shows_bidi_controls_as_the_app_does(store: Store) -> None:
    text = export_markdown(store, _event_with_trojans(store))
    for control in (RLO, LRI, PDI, "\x1b"):
        assert control not in text
    assert "# Debrief: Meetup ⟨202E⟩ffo\n" in text
    assert "### Eve⟨202E⟩gnp.exe⟨2066⟩x⟨2069⟩\n" in text
    assert "line one ⟨202E⟩reversed\n  line two ␛\\[31m" in text
    assert "send ⟨2066⟩the deck⟨2069⟩" in text


def test_vcard_keeps_bidi_text_as_typed_and_it_reimports_unchanged(store: Store) -> None:
    name = f"{LRI}سارة{PDI} Haddad"
    store.save_contact(Contact(name=name, notes=[Note(f"met {RLO}here\x1b", clock.now())]))
    text = export_vcard(store)
    assert f"FN:{name}\r\n" in text
    assert "\x1b" not in text and "met \u202ehere␛" in text
    other = Store.open(store.path.with_name("other.json"))
    with other:
        import_vcard(other, text)
        [contact] = other.contacts()
        assert contact.name == name


def test_calendar_keeps_bidi_text_and_never_control_characters(store: Store) -> None:
    _event_with_trojans(store)
    text = export_ics(store)
    assert "\x1b" not in text
    assert f"send {LRI}the deck{PDI}" in text.replace("\r\n ", "")
