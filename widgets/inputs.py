"""An Input that keeps type-ahead in order.

Textual hands each key to the focused widget's queue the moment it arrives, and applies
bindings (Enter submits, Tab moves focus, Escape cancels) only once the key has bubbled back
up to the app. In a burst — fast typing, a paste, keys batched by a slow SSH link — the keys
after Enter or Tab are therefore already queued in this input before focus moves, and would be
typed into the wrong field or lost. :class:`OrderedInput` holds the keys that follow such a key
and re-sends them once focus has moved (or its owner says it has answered), so they go where
the person meant.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.timer import Timer
from textual.widgets import Input

# Keys whose binding may move focus or close the input's screen.
FOCUS_MOVING_KEYS = frozenset({"enter", "escape", "tab", "shift+tab"})
# If nothing answers (a key that turned out not to move focus), stop holding after this long.
HOLD_LIMIT_SECONDS = 0.5


class OrderedInput(Input):
    """An Input that holds the keys typed after Enter, Escape or Tab until focus has moved."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[events.Key] | None = None
        self._hold_timer: Timer | None = None

    @property
    def holding(self) -> bool:
        """Whether keys are being held."""
        return self._held is not None

    async def _on_key(self, event: events.Key) -> None:
        if self._held is not None:
            event.stop()
            event.prevent_default()
            self._held.append(event)
            return
        if event.key in FOCUS_MOVING_KEYS:
            self._held = []
            self._hold_timer = self.set_timer(HOLD_LIMIT_SECONDS, self.release_keys)
        await super()._on_key(event)

    def _on_blur(self, event: events.Blur) -> None:
        self.release_keys()

    def release_keys(self) -> None:
        """Re-send the held keys to the app, in order, to go wherever focus is now."""
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held = self._held or [], None
        for key in held:
            # As if fresh from the terminal: sent by the app, so it bubbles back up to the
            # app's bindings (a key "sent" by a screen would stop bubbling at that screen).
            self.app.post_message(events.Key(key.key, key.character).set_sender(self.app))
