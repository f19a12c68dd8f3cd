"""Typed text is text: make user-entered strings safe to show on a terminal.

People's names and notes may contain anything, including terminal escape sequences
(``ESC [ 31 m``, ``ESC ] 0 ; title BEL``) pasted by accident or malice. Shown raw, those would
restyle or retitle the terminal. :func:`visible` maps every control character (C0, DEL and
C1, except tab and newline where allowed) to a visible stand-in, so the text reads as typed
and never acts.
"""

from __future__ import annotations

# Unicode "Control Pictures" for C0 (U+2400..U+241F) and DEL (U+2421); C1 as ⟨9B⟩-style codes.
_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
_C0[0x1B] = "␛"
_TABLE: dict[int, str] = {**_C0, 0x7F: "␡"}
_TABLE.update({code: f"⟨{code:02X}⟩" for code in range(0x80, 0xA0)})
_TABLE_MULTILINE = {k: v for k, v in _TABLE.items() if k not in (0x09, 0x0A)}
_TABLE_MULTILINE[0x09] = "    "


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character replaced by a visible symbol.

    With ``multiline`` newlines are kept (and tabs become spaces); otherwise they are shown
    as symbols too, so a one-line field stays one line.
    """
    return text.translate(_TABLE_MULTILINE if multiline else _TABLE)
