"""A discreet timer: how long the current conversation has run."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from hallway.store import clock
from hallway.store.conversations import conversation_end
from hallway.store.i18n import _
from hallway.store.records import Encounter


def format_duration(elapsed: timedelta) -> str:
    """``m:ss`` under an hour, ``h:mm:ss`` beyond; never negative."""
    seconds = max(0, int(elapsed.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


class ConversationTimer(Static):
    """Time since ``started`` (to ``ended`` once set, then frozen); ticks once a second.

    Following an encounter (:meth:`follow`), it stops when the conversation ends by the
    store's rules (:func:`hallway.store.conversations.conversation_end`: ended, the next
    conversation began, or it went quiet). Time comes from :func:`hallway.store.clock.now`,
    so a fixed clock gives a stable screen.
    """

    DEFAULT_CSS = """
    ConversationTimer {
        width: auto;
        height: 1;
        color: $text-muted;
    }
    """

    class Stopped(Message):
        """The conversation followed ended by itself while shown (it went quiet): whatever
        else shows it should say so too."""

    started: reactive[datetime | None] = reactive(None)
    ended: reactive[datetime | None] = reactive(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._ticker: Timer | None = None
        self._encounter: Encounter | None = None

    def on_mount(self) -> None:
        """Tick once a second; paused while nothing is running."""
        self._ticker = self.set_interval(1.0, self._second, pause=True)
        self._tick()

    def track(self, started: datetime | None, ended: datetime | None) -> None:
        """Follow a conversation (``started`` None hides the timer)."""
        self._encounter = None
        self.started, self.ended = started, ended

    def follow(self, encounter: Encounter | None) -> None:
        """Follow one person's conversation (None hides the timer)."""
        self._encounter = encounter
        if encounter is None:
            self.started, self.ended = None, None
        else:
            self.started = encounter.met_at
            self.ended = conversation_end(encounter, clock.now())

    def watch_started(self) -> None:
        self._tick()

    def watch_ended(self) -> None:
        self._tick()

    @property
    def running(self) -> bool:
        """Whether the timer is counting (a conversation that has not ended)."""
        return self.started is not None and self.ended is None

    def _second(self) -> None:
        running = self.running
        self._tick()
        if running and not self.running:
            self.post_message(self.Stopped())  # it went quiet while shown

    def _tick(self) -> None:
        if self._encounter is not None and self.ended is None:
            # A quiet conversation ends on its own; the next tick shows it stopped.
            self.ended = conversation_end(self._encounter, clock.now())
        if self._ticker is not None:
            if self.running:
                self._ticker.resume()
            else:
                self._ticker.pause()
        self.update(self.describe())

    def describe(self) -> Text:
        """The timer's text: "talking 4:12" while running, "ended after 12:03" once over."""
        if self.started is None:
            return Text("")
        if self.ended is None:
            elapsed = format_duration(clock.now() - self.started)
            return Text(_("talking {elapsed}").format(elapsed=elapsed))
        return Text(
            _("ended after {elapsed}").format(elapsed=format_duration(self.ended - self.started))
        )
