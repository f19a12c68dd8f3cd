"""What a text field tells the app about type-ahead (see :mod:`hallway.tui.typeahead`)."""

from __future__ import annotations

from textual.message import Message


class KeysMayFlow(Message):
    """The screen answered Enter or Escape in a text field without moving focus (say, a
    refused line): keys typed after it may go on to that field at once."""
