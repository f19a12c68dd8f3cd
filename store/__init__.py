"""Hallway's domain: records, the durable TinyDB store, the capture grammar and friends.

Nothing in this package imports Textual; it runs (and is tested and benchmarked) without a
terminal.
"""

from hallway.store.db import Store
from hallway.store.errors import (
    CaptureError,
    DatabaseDamaged,
    HallwayError,
    NewerSchema,
    NotFound,
    SaveError,
)
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

__all__ = [
    "CaptureError",
    "Channels",
    "Contact",
    "DatabaseDamaged",
    "Encounter",
    "Event",
    "FollowUp",
    "GiveTake",
    "HallwayError",
    "Interaction",
    "NewerSchema",
    "NotFound",
    "Note",
    "SaveError",
    "Store",
]
