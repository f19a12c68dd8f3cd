"""Translated sentences with styled pieces (a name in bold, typed text shown literally)."""

from __future__ import annotations

import re

from rich.text import Text

_PLACEHOLDER = re.compile(r"(\{\w+\})")


def assemble(template: str, **parts: Text) -> Text:
    """A translated sentence with styled pieces: ``template``'s ``{name}`` placeholders are
    replaced by the Text given for them (typed text stays literal, in its style), in whatever
    order the translation puts them; the words around them are plain."""
    out = Text()
    for piece in _PLACEHOLDER.split(template):
        name = piece[1:-1]
        if piece.startswith("{") and piece.endswith("}") and name in parts:
            out.append_text(parts[name])
        elif piece:
            out.append(piece)
    return out
