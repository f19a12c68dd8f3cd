"""Display text for the widgets: typed text shown literally, and the pieces several panes share.

The one way to show typed text: literally, never as markup or terminal commands.

Names and notes may contain Rich/Textual markup (``[bold]``, ``[@click=quit]``) or terminal
escape sequences (``\\x1b[31m``, ``\\x1b]0;title\\x07``). Building display text with
:func:`plain` keeps markup as characters (a :class:`rich.text.Text` is never parsed) and
replaces control characters with visible symbols (:func:`hallway.store.text.visible`), so nothing
styles, links, clicks or talks to the terminal. Emoji sequences whose width terminals disagree
on are drawn as their plain parts (:func:`hallway.widgets.cells.terminal_text`), so no name
can push a pane's border out of line. Notes and promises are drawn the same way
in every pane that lists them (:func:`append_notes`, :func:`append_promises`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content, Span
from textual.markup import escape
from textual.style import Style

from hallway.store.i18n import N_, _
from hallway.store.records import FollowUp, Note
from hallway.store.text import due_words, visible
from hallway.widgets import colours
from hallway.widgets.cells import terminal_text

# About a screenful of a wide pane: every note typed in a conversation fits whole.
LONG_TEXT_SHOWN = 2_000
SHORTENED = N_(
    "… (long note shortened here; the full text is kept, and `hallway export json` shows all of it)"
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def shortened(text: str, limit: int = LONG_TEXT_SHOWN) -> str:
    """Typed text as the panes draw it: whole up to ``limit`` characters, else its start and
    a line saying it was shortened (the stored text keeps every character). Drawing a pasted
    10 MB note whole took minutes per selection and hundreds of megabytes."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()} {_(SHORTENED)}"


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """Typed text as a literal :class:`~rich.text.Text` (markup and escapes neutralised,
    very long text shortened: see :func:`shortened`).

    With ``multiline`` newlines are kept (notes may hold several lines).
    """
    return Text(terminal_text(visible(shortened(text), multiline=multiline)), style=style)


def sentence(template: str, style: str = "", **parts: Text) -> Text:
    """A translated sentence (``template``, from ``_``) with typed text in it: each
    ``{name}`` is replaced by ``parts[name]`` (built with :func:`plain`, so it stays literal),
    wherever the translation puts it. The sentence stays one message in the catalog."""
    out = Text(style=style)
    position = 0
    for found in _PLACEHOLDER.finditer(template):
        out.append(template[position : found.start()])
        out.append_text(parts[found.group(1)])
        position = found.end()
    out.append(template[position:])
    return out


def themed(text: Text) -> Content:
    """Text built in code, as Textual Content whose styles are looked up when it is drawn, so
    theme variables in them (``colours.STAR`` is ``"$hallway-warning"``) take the colours of
    the theme in force, and follow it when it changes (Textual's own conversion of Rich text
    would fix colours once, through Rich, which knows no theme variables). Style strings are
    Textual's, which read Rich's words too ("bold", "italic", "strike", "#a3be8c")."""
    spans = [
        Span(span.start, span.end, _style(span.style))
        for span in text.spans
        if span.end > span.start
    ]
    content = Content(text.plain, spans)
    return content.stylize_before(_style(text.style)) if text.style else content


def _style(style: str | RichStyle) -> str | Style:
    return style if isinstance(style, str) else Style.from_rich_style(style)


def markup_literal(text: str) -> str:
    """Typed text for the few Textual APIs that only take markup strings (escaped, visible)."""
    return escape(terminal_text(visible(text)))


def append_notes(out: Text, notes: Sequence[Note]) -> None:
    """Timestamped notes, one per line (typed text shown literally)."""
    for index, note in enumerate(notes):
        if index:
            out.append("\n")
        out.append(f"{note.at:%H:%M}  ", colours.QUIET)
        out.append_text(plain(note.text, multiline=True))


def append_promises(out: Text, promises: Sequence[FollowUp], today: date) -> None:
    """Follow-up promises, one per line: done ones struck through, open ones with when due."""
    for index, promise in enumerate(promises):
        if index:
            out.append("\n")
        if promise.done:
            out.append("✓ ", colours.DONE)
            out.append_text(plain(promise.text, f"strike {colours.DONE}", multiline=True))
        else:
            out.append("⚑ ", colours.FLAG)
            out.append_text(plain(promise.text, multiline=True))
            out.append(f"  {due_words(promise.due, today)}", colours.QUIET)
