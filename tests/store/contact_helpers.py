"""A movable fixed clock shared by the debrief and contact tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

START = datetime(2025, 6, 10, 14, 0, tzinfo=timezone(timedelta(hours=2)))


class Clock:
    """A fixed clock the test can move forward."""

    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        """Move the clock forward (keyword arguments of ``timedelta``)."""
        self.at += timedelta(**delta)
