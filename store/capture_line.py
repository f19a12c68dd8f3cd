"""The capture line: ``NAME[, ROLE] [@ORGANISATION] [#topic ...] [-- NOTE]``.

Pure functions, no I/O. :func:`parse_capture` turns one typed line into a :class:`Capture`
or raises :class:`~hallway.store.errors.CaptureError` with a message meant for the person typing.
:func:`parse_circle` reads a *conversation circle* too: several people who shared one
conversation, `` + `` (a plus sign with a space on each side) between them, as in
``Ana Lima + Ben Ortiz, designer @Fable #surfing -- talked about Porto``.

Decisions where the brief is silent:

* ``@`` and ``#`` are markers only at the start of a word (after a space, a comma or the
  start of the line), so ``C# developer`` and ``maya@acme.io`` stay text; ``#`` must be
  followed by a topic character to start a topic.
* After ``@ORGANISATION`` a comma starts the role if there is none yet (``Ann @Acme, CTO``);
  further commas belong to the role (``Ann, CTO, platform``).
* Text left dangling after a topic (``#jazz and #chess``) is refused with a hint to put it
  after `` -- ``, rather than silently dropped.
* In a circle, a role or ``@organisation`` belongs to the person it follows; the topics after
  the last person and the note belong to everyone (topics written after an earlier person are
  that person's own: ``Ana #chess + Ben #surfing`` gives Ana chess and surfing, Ben surfing).
  Any space counts on each side of the ``+`` (a tab, two spaces); a ``+`` without space on
  both sides (``C++ dev``, ``+49 30 …``, ``Ann+Ben``) is text, and a ``+`` inside the note is
  text. A line without a spaced ``+`` means exactly what it meant before circles existed.
* Whitespace in name, role and organisation is collapsed; the note keeps its text as typed.
* A topic is word characters and ``-`` plus combining marks and zero-width joiners, so topics
  in Hindi, Thai or with decomposed accents work (Python's word class has no marks); topics are
  lower-cased, then NFC-normalised (in that order, so normalising is idempotent).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from hallway.store.errors import CaptureError
from hallway.store.i18n import N_, _
from hallway.store.text import number

MAX_NAME = 200
MAX_FIELD = 300
MAX_LINE = 20_000

NOTE_SEPARATOR = re.compile(r"(?:^|\s)--(?:\s|$)")
# Between the people of a circle: a plus sign with whitespace on each side.
CIRCLE_SEPARATOR = re.compile(r"(?<=\s)\+(?=\s)")
# A marker: a comma anywhere; @ or # at the start of a word (# only before a topic character).
MARKER = re.compile(r",|(?<![^\s,])@|(?<![^\s,])#(?=[\w-])")
TOPIC_START_IN_TEXT = re.compile(r"(?<![^\s,(])#(?=[\w-])")
_WORD_CHAR = re.compile(r"[\w-]")
_JOINERS = "\u200c\u200d"

EXAMPLE = N_('e.g. "Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe"')


@dataclass(frozen=True)
class Capture:
    """What a capture line says about the person just met."""

    name: str
    role: str = ""
    org: str = ""
    topics: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def normalise_topic(topic: str) -> str:
    """A topic as stored: lower-case, NFC, without a leading ``#`` (applying it twice
    changes nothing)."""
    return unicodedata.normalize("NFC", topic.lstrip("#").lower())


def is_topic_char(char: str) -> bool:
    """Whether a character can be part of a topic: a word character, ``-``, a combining
    mark or a zero-width joiner."""
    return (
        _WORD_CHAR.match(char) is not None
        or char in _JOINERS
        or unicodedata.category(char).startswith("M")
    )


def _topic_end(text: str, start: int) -> int:
    """Where the topic that begins at ``start`` ends."""
    end = start
    while end < len(text) and is_topic_char(text[end]):
        end += 1
    return end


def extract_topics(text: str) -> list[str]:
    """The ``#topics`` written in free text (a note), lower-case, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in TOPIC_START_IN_TEXT.finditer(text):
        seen.setdefault(normalise_topic(text[match.end() : _topic_end(text, match.end())]), None)
    return list(seen)


def parse_capture(line: str) -> Capture:
    """Parse one capture line; raise :class:`CaptureError` with a clear reason if refused."""
    head, note = _split_note(line)
    name, role, org, topics = _parse_person(head)
    return Capture(name=name, role=role, org=org, topics=topics, note=note)


def parse_circle(line: str) -> list[Capture]:
    """Parse a capture line that may name a conversation circle (``Ana + Ben, designer``):
    one :class:`Capture` per person, in the order typed, each with the shared topics and
    note. A line without `` + `` gives exactly ``[parse_capture(line)]``."""
    head, note = _split_note(line)
    parts = CIRCLE_SEPARATOR.split(head)
    if len(parts) == 1:
        return [parse_capture(line)]
    if any(not part.strip() for part in parts):
        raise CaptureError(
            _(
                "Each person in a circle needs a name: write one on each side of every ' + ', "
                'e.g. "Ana Lima + Ben Ortiz, designer @Fable #surfing".'
            )
        )
    people = [_parse_person(part) for part in parts]
    shared = people[-1][3]
    return [
        Capture(
            name=name,
            role=role,
            org=org,
            topics=tuple(dict.fromkeys((*own, *shared))),
            note=note,
        )
        for name, role, org, own in people
    ]


def _split_note(line: str) -> tuple[str, str]:
    """The line before the note, and the note (refusing a line too long to be one)."""
    if len(line) > MAX_LINE:
        raise CaptureError(
            _(
                "That line is {length} characters long; a capture line holds at most "
                "{most}. Put the long part in a note."
            ).format(length=number(len(line)), most=number(MAX_LINE))
        )
    separator = NOTE_SEPARATOR.search(line)
    if separator:
        return line[: separator.start()], line[separator.end() :].strip()
    return line, ""


def _parse_person(head: str) -> tuple[str, str, str, tuple[str, ...]]:
    """One person's name, role, organisation and topics from the text before the note."""
    markers = list(MARKER.finditer(head))
    name_end = markers[0].start() if markers else len(head)
    name = _collapse(head[:name_end])
    if not name:
        raise CaptureError(_("Start with the person's name, {example}.").format(example=_(EXAMPLE)))
    if len(name) > MAX_NAME:
        raise CaptureError(
            _(
                "That name is {length} characters long (at most {most}). "
                "Did a note go before the first comma? Notes go after ' -- '."
            ).format(length=len(name), most=MAX_NAME)
        )

    role: str | None = None
    org: str | None = None
    topics: dict[str, None] = {}
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(head)
        text = head[marker.end() : end]
        kind = marker.group()
        if kind == ",":
            part = _collapse(text)
            if role is None:
                role = part
            elif part:
                role = f"{role}, {part}" if role else part
        elif kind == "@":
            part = _collapse(text)
            if not part:
                raise CaptureError(_("An @ needs an organisation after it, like @Acme."))
            if org is not None:
                twice = _("One @organisation per person, please (found @{first} and @{second}).")
                raise CaptureError(twice.format(first=org, second=part))
            org = part
        else:
            # The MARKER lookahead guarantees at least one topic character.
            topic = text[: _topic_end(text, 0)]
            topics.setdefault(normalise_topic(topic), None)
            rest = _collapse(text[len(topic) :])
            if rest:
                raise CaptureError(
                    _(
                        '"{rest}" after #{topic} is not a topic. '
                        "Topics are single words like #rock-climbing; put notes after ' -- '."
                    ).format(rest=rest, topic=topic)
                )

    role, org = role or "", org or ""
    too_long = (
        (
            role,
            N_("That role is {length} characters long (at most {most}). Notes go after ' -- '."),
        ),
        (
            org,
            N_(
                "That organisation is {length} characters long (at most {most}). "
                "Notes go after ' -- '."
            ),
        ),
    )
    for value, message in too_long:
        if len(value) > MAX_FIELD:
            raise CaptureError(_(message).format(length=len(value), most=MAX_FIELD))
    return name, role, org, tuple(topics)
