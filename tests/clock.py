"""The suite's one test clock: Hallway's time stands still until a test moves it.

Install it through the ``fixed_clock`` or ``clock_at`` fixtures (tests/conftest.py). A module
that needs another moment, time zone or a ticking clock marks itself
(``pytestmark = pytest.mark.clock(moment, tick=...)``); a folder may override ``fixed_clock``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

START = datetime(2026, 3, 5, 10, 0, tzinfo=timezone(timedelta(hours=1)))
"""Where ``fixed_clock`` starts unless a module says otherwise: 10:00 on 5 March 2026, +01:00."""


class Clock:
    """A settable clock for ``hallway.store.clock.set_clock``: ``at`` is the time it shows.

    With a ``tick``, every reading first moves time on by that much, so things saved one after
    another get distinct times in saving order.
    """

    def __init__(self, at: datetime = START, *, tick: timedelta = timedelta(0)) -> None:
        self.at = at
        self.tick = tick

    def __call__(self) -> datetime:
        self.at += self.tick
        return self.at

    def advance(self, **delta: float) -> None:
        """Move time forward (keyword arguments of ``timedelta``)."""
        self.at += timedelta(**delta)


ClockAt = Callable[..., Clock]
"""The ``clock_at`` fixture's type: ``clock_at(moment, tick=timedelta(...))`` gives the Clock."""
