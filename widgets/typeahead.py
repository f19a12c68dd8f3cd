"""Type-ahead in order: keys typed after Enter or Escape in a text field wait for the answer.

Textual hands each key to the focused widget's queue the moment it arrives, and a text
field's Enter or Escape is answered later, through messages (the screen saves, then moves
focus). In a burst — fast typing, a paste, keys batched by a slow SSH link — the keys after
Enter would reach the field before focus moved: "Ann⏎nBo" would type "nBo" into the bar
instead of starting a new person called Bo. So after the app hands Enter or Escape to a text
field, it keeps the following keys back, in arrival order, until focus has moved, a widget
says :class:`KeysMayFlow`, or a short limit passes; then it hands them on,
oldest first, before anything typed later.

The same holds after a key that opened another screen or a dialog ("/" then "#go", "i" then
a note): until the new screen is mounted and has put focus somewhere, keys would reach a
screen with nothing focused and be lost, so they wait for it too.
"""

from __future__ import annotations

import time
from typing import Generic, TypeVar

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

ReturnType = TypeVar("ReturnType")

ANSWERED_KEYS = frozenset({"enter", "escape"})
CHECK_SECONDS = 0.01
# An Enter nobody answers (a field that keeps focus and says nothing) holds keys this long.
# Every field of Hallway's answers sooner (focus moves, or KeysMayFlow): this is a safety net,
# generous so that a slow, busy machine never lets keys overtake a save still being made.
HOLD_LIMIT_SECONDS = 2.0


class KeysMayFlow(Message):
    """The screen answered Enter or Escape in a text field without moving focus (say, a
    refused line): keys typed after it may go on to that field at once."""


class OrderedKeysApp(App[ReturnType], Generic[ReturnType]):
    """An App that never lets type-ahead overtake the answer to Enter or Escape."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._waiting: list[events.Key | events.Paste] | None = None
        self._answering: Widget | None = None
        self._held_since = 0.0
        self._check: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        """Hold keys (and pastes) while a text field's Enter or Escape is being answered,
        and while a screen a key just opened is getting ready."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            await super().on_event(event)
            return
        if self._waiting is not None:
            self._waiting.append(event)
            return
        if isinstance(event, events.Paste):
            await super().on_event(event)
            return
        field = self.focused if isinstance(self.focused, Input) else None
        screen = self.screen if self.screen_stack else None
        await super().on_event(event)
        if field is not None and event.key in ANSWERED_KEYS and self.focused is field:
            self._hold(field)
        elif self.screen_stack and self.screen is not screen and not self._screen_ready():
            self._hold(None)

    def _hold(self, answering: Widget | None) -> None:
        self._waiting, self._answering = [], answering
        self._held_since = time.monotonic()
        self._check = self.set_interval(CHECK_SECONDS, self._check_answer)

    def _screen_ready(self) -> bool:
        """Whether the active screen can take keys: mounted, with focus placed (or nothing
        on it to focus)."""
        screen = self.screen
        return screen.is_mounted and (screen.focused is not None or not screen.focus_chain)

    def _check_answer(self) -> None:
        if not self.screen_stack:  # the app is closing: no focus to ask about
            return
        if self._answering is None:
            answered = self._screen_ready()
        else:
            # Focus on nothing is a screen in between (a closing palette): not an answer yet.
            answered = self.focused is not None and self.focused is not self._answering
        if answered or time.monotonic() - self._held_since > HOLD_LIMIT_SECONDS:
            self._schedule_hand_on()

    def on_keys_may_flow(self, message: KeysMayFlow) -> None:
        """A widget answered without moving focus: go on now."""
        message.stop()
        self._schedule_hand_on()

    def _schedule_hand_on(self) -> None:
        # Through the app's queue: behind whatever the answer scheduled (the command palette
        # runs its chosen command a moment after closing), and in the app's own loop.
        if self._check is not None:
            self._check.stop()
            self._check = None
            self.call_later(self._hand_on)

    async def _hand_on(self) -> None:
        waiting, self._waiting, self._answering = self._waiting or [], None, None
        for key in waiting:
            # Each may close the gate again (another Enter): the rest then wait behind it.
            await self.on_event(key)
