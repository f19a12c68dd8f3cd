"""The one way to show typed text: literally, never as markup or terminal commands.

Names and notes may contain Rich/Textual markup (``[bold]``, ``[@click=quit]``) or terminal
escape sequences (``\\x1b[31m``, ``\\x1b]0;title\\x07``). Building display text with
:func:`plain` keeps markup as characters (a :class:`rich.text.Text` is never parsed) and
replaces control characters with visible symbols (:func:`hallway.store.text.visible`), so nothing
styles, links, clicks or talks to the terminal.
"""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape

from hallway.store.text import visible


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """Typed text as a literal :class:`~rich.text.Text` (markup and escapes neutralised).

    With ``multiline`` newlines are kept (notes may hold several lines).
    """
    return Text(visible(text, multiline=multiline), style=style)


def markup_literal(text: str) -> str:
    """Typed text for the few Textual APIs that only take markup strings (escaped, visible)."""
    return escape(visible(text))
