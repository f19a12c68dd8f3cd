"""The fixed database of the import/export tests, and golden-file comparison.

The clock is fixed and the database id pinned, so every export is byte-for-byte stable.
Regenerate the golden files with ``HALLWAY_UPDATE_GOLDEN=1 pytest tests/interop``.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hallway.store.db import Store
from hallway.store.records import (
    Channels,
    Contact,
    Encounter,
    Event,
    FollowUp,
    GiveTake,
    Interaction,
    Note,
)

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = Path(__file__).parent / "samples"
BERLIN = timezone(timedelta(hours=2))
NOW = datetime(2025, 5, 14, 18, 0, tzinfo=BERLIN)
FIXED_DATABASE_ID = "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"


def at(day: int, hour: int, minute: int = 0, month: int = 5, year: int = 2025) -> datetime:
    """A Berlin-time moment in May 2025 (by default)."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def assert_golden(name: str, produced: str | bytes) -> None:
    """Compare an export with its golden file byte for byte (or rewrite it on request)."""
    data = produced.encode("utf-8") if isinstance(produced, str) else produced
    path = GOLDEN / name
    if os.environ.get("HALLWAY_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs from its golden file"


def event_id(store: Store, name: str) -> int:
    """The id of the fixed database's event called ``name``."""
    return next(event.id for event in store.events() if event.name == name)


def contact_id(store: Store, name: str) -> int:
    """The id of the fixed database's contact called ``name``."""
    return next(contact.id for contact in store.contacts() if contact.name == name)


def fill(store: Store) -> None:
    """Two events, four encounters and three contacts covering the awkward cases."""
    pycon = store.create_event("PyCon Berlin", "Berlin", starts=at(12, 9))
    store.save_event(_ended(pycon, at(14, 17)))
    meetup_starts = at(2, 19, month=11, year=2024)
    meetup = store.create_event("Sourdough Meetup", "Kreuzberg", starts=meetup_starts)
    store.save_event(_ended(meetup, at(2, 22, month=11, year=2024)))

    maya_then = store.save_encounter(
        Encounter(
            event_id=meetup.id,
            name="Maya Chen",
            met_at=at(2, 19, 30, month=11, year=2024),
            topics=["sourdough"],
            status="promoted",
        )
    )
    maya = store.save_encounter(
        Encounter(
            event_id=pycon.id,
            name="Maya Chen",
            role="data engineer",
            org="Acme",
            met_at=at(12, 10, 15),
            ended_at=at(12, 10, 40),
            topics=["sourdough", "baby-sitters-club"],
            notes=[Note("promised my focaccia recipe", at(12, 10, 20))],
            follow_ups=[FollowUp("Send Maya the focaccia recipe", date(2025, 5, 15))],
            meaningful=True,
            status="promoted",
        )
    )
    store.save_encounter(
        Encounter(
            event_id=pycon.id,
            name="李雷",
            org="腾讯",
            met_at=at(12, 11, 5),
            topics=["围棋"],
            notes=[Note("talked about Go (the game); 下周 coffee ☕", at(12, 11, 6))],
            follow_ups=[FollowUp("send the Go club link", date(2025, 5, 13), done=True)],
            status="acquaintance",
        )
    )
    store.save_encounter(
        Encounter(
            event_id=pycon.id,
            name="Zoë Ångström",
            role="PM, platform",
            org="Acme Robotics",
            met_at=at(13, 15, 0),
            topics=["bouldering"],
            notes=[
                Note(
                    "# not a heading | pipe *stars* [link](x) \x1b[31mred\x1b[0m\n"
                    "1. not a list\n---",
                    at(13, 15, 2),
                )
            ],
            follow_ups=[FollowUp("intro to Sam, the climbing gym guy", date(2025, 5, 10))],
            status="let-go",
        )
    )
    maya_contact = store.save_contact(
        Contact(
            name="Maya Chen",
            role="data engineer",
            org="Acme",
            topics=["sourdough", "baby-sitters-club"],
            notes=[
                Note(
                    "Has all 131 Baby-Sitters Club books; even the specials, "
                    "the \\ backslash ones 📚 and a very long sentence that will need folding "
                    "in every vCard because it goes past seventy-five octets é 漢字 🍞\n"
                    "Second line",
                    at(12, 10, 45),
                )
            ],
            encounter_ids=[maya_then.id, maya.id],
            cadence_days=30,
            last_touch=at(12, 10, 40),
            next_due=date(2025, 6, 11),
            interactions=[Interaction(at(12, 10, 40), "met again", "at PyCon")],
            give_take=[GiveTake(at(12, 10, 20), "gave", "focaccia recipe")],
            channels=Channels("maya@acme.example", "+49 170 1234567", "https://maya.example"),
        )
    )
    for encounter in (maya_then, maya):
        store.update_encounter(encounter.id, lambda e: setattr(e, "contact_id", maya_contact.id))
    store.save_contact(
        Contact(
            name="Madonna",
            topics=["tea, green; hot"],
            next_due=date(2025, 5, 1),
            snoozed_until=date(2025, 5, 20),
        )
    )
    store.save_contact(
        Contact(
            name="王 小明",
            org="Tea; Co, Ltd",
            next_due=date(2025, 4, 30),
            notes=[Note("Likes oolong\\green", at(13, 9))],
        )
    )


def _ended(event: Event, ends: datetime) -> Event:
    event.ends = ends
    return event
