"""Typed text is text: make user-entered strings safe to show on a terminal.

People's names and notes may contain anything, including terminal escape sequences
(``ESC [ 31 m``, ``ESC ] 0 ; title BEL``) pasted by accident or malice. Shown raw, those would
restyle or retitle the terminal. :func:`visible` maps every control character (C0, DEL and
C1, except tab and newline where allowed) to a visible stand-in, so the text reads as typed
and never acts. Bidirectional embeddings, overrides and isolates (U+202A..U+202E,
U+2066..U+2069) are shown as stand-ins too: on a terminal that does bidi they could reorder
the text around them ("Trojan source"). The joiners (ZWJ, ZWNJ) that emoji sequences and
Indic or Persian spelling need, and the plain direction marks LRM and RLM, are kept.

:func:`amount` words a count of things (never of people: Hallway shows no such counts).
"""

from __future__ import annotations

# Unicode "Control Pictures" for C0 (U+2400..U+241F) and DEL (U+2421); C1 as ⟨9B⟩-style codes.
_C0 = {code: chr(0x2400 + code) for code in range(0x20)}
_C0[0x1B] = "␛"
_TABLE: dict[int, str] = {**_C0, 0x7F: "␡"}
_TABLE.update({code: f"⟨{code:02X}⟩" for code in range(0x80, 0xA0)})
_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE.update({code: f"⟨{code:04X}⟩" for code in _BIDI_CONTROLS})
_TABLE_MULTILINE = {k: v for k, v in _TABLE.items() if k not in (0x09, 0x0A)}
_TABLE_MULTILINE[0x09] = "    "


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character replaced by a visible symbol.

    With ``multiline`` newlines are kept (and tabs become spaces); otherwise they are shown
    as symbols too, so a one-line field stays one line.
    """
    return text.translate(_TABLE_MULTILINE if multiline else _TABLE)


def amount(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the right number: "1 backup", "3 backups", "0 backups"."""
    if count == 1:
        return f"1 {singular}"
    return f"{count} {plural or singular + 's'}"
