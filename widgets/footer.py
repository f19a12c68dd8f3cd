"""The footer every Hallway screen shows: Textual's, minus two costs paid on every focus move.

Textual 8's :class:`~textual.widgets.Footer` rebuilds all its keys whenever the screen's
bindings *may* have changed -- on every focus change, so twice per capture on the live screen
-- even when it would show exactly the same keys. And each rebuild leaves the old keys
alive: every key data-binds ``compact`` to the footer, and the footer keeps that watcher
(holding the removed key and its styles) until ``compact`` next changes, which it never does.
A day of capturing kept thousands of dead widgets, and the garbage collector rescanned them
all, which made each save slower than the last.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer

# Textual keeps "watch" callbacks on the watched object under this attribute name.
_WATCHERS = "__watchers"


class HallwayFooter(Footer):
    """A :class:`Footer` that rebuilds only when the keys it shows change, and lets go of
    the keys it removed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: object = None

    def _keys_signature(self) -> object:
        """Everything :meth:`Footer.compose` reads, in a comparable form."""
        if not self._bindings_ready:
            return None
        keys = tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        return (keys, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        """The keys, as Textual's footer shows them (remembering which)."""
        self._shown = self._keys_signature()
        yield from super().compose()

    async def recompose(self) -> None:
        """Rebuild the keys only if they changed; forget the removed ones."""
        if self.is_attached and self._keys_signature() == self._shown:
            return
        await super().recompose()
        watchers = getattr(self, _WATCHERS, {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
