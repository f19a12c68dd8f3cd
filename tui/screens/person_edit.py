"""Fix a capture while the event is live: name, role, organisation, topics and notes.

One field per note, labelled with the time it was written, so each keeps its time; emptying a
note's field removes that note. Topics are typed as "#sourdough #baby-sitters-club" (the ``#``
is optional). A note that spans several lines (from an import) cannot be edited in a one-line
field, so it is shown and kept as it is. Enter saves the whole dialog through the Store.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from hallway.store.capture_line import MAX_FIELD, MAX_NAME, is_topic_char, normalise_topic
from hallway.store.db import check_note_length
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.records import Encounter, Note
from hallway.store.text import number
from hallway.tui.screens.choice import AcceptingModal, dialog_buttons
from hallway.widgets import colours
from hallway.widgets.text import markup_literal, plain, themed

_TOPIC_SEPARATORS = re.compile(r"[\s,]+")


def parse_topics(text: str) -> list[str]:
    """Topics typed as "#a #b" (or "a, b"): stored form, in order, without repeats; a word
    that cannot be a topic is refused with the reason."""
    topics: list[str] = []
    for raw in _TOPIC_SEPARATORS.split(text.strip()):
        if not raw:
            continue
        topic = normalise_topic(raw)
        if not topic or not all(map(is_topic_char, topic)):
            raise HallwayError(
                _('"{raw}" is not a topic: topics are single words like #rock-climbing.').format(
                    raw=raw
                )
            )
        if topic not in topics:
            topics.append(topic)
    return topics


def person_changes(encounter: Encounter, values: dict[str, str]) -> Callable[[Encounter], None]:
    """The change the dialog's ``values`` make to ``encounter``, checked first: a refusal
    raises :class:`HallwayError` with what to fix, and nothing is changed."""
    name = " ".join(values["name"].split())
    if not name:
        raise HallwayError(_("A person needs a name."))
    if len(name) > MAX_NAME:
        raise HallwayError(
            _("That name is {length} characters long (at most {most}).").format(
                length=len(name), most=MAX_NAME
            )
        )
    role, org = " ".join(values["role"].split()), " ".join(values["org"].split())
    too_long = (
        # Separate sentences: German's article follows the word ("Diese Rolle", "Dieser...").
        (
            role,
            N_(
                "That role is {length} characters long (at most {most}); put longer text in a note."
            ),
        ),
        (
            org,
            N_(
                "That organisation is {length} characters long (at most {most}); "
                "put longer text in a note."
            ),
        ),
    )
    for value, refusal in too_long:
        if len(value) > MAX_FIELD:
            raise HallwayError(_(refusal).format(length=number(len(value)), most=MAX_FIELD))
    topics = parse_topics(values["topics"])
    texts: dict[int, str] = {}
    for index in range(len(encounter.notes)):
        key = f"note-{index}"
        if key in values:
            text = values[key].strip()
            check_note_length(text, "note")
            texts[index] = text
    shown = list(encounter.notes)

    def change(fresh: Encounter) -> None:
        fresh.name, fresh.role, fresh.org, fresh.topics = name, role, org, topics
        kept: list[Note] = []
        for position, note in enumerate(fresh.notes):
            # Only a note still as the dialog showed it is changed; one another process
            # added or changed meanwhile is kept as it is.
            if position in texts and position < len(shown) and note == shown[position]:
                if texts[position]:
                    kept.append(Note(texts[position], note.at))
            else:
                kept.append(note)
        fresh.notes = kept

    return change


class PersonEditModal(AcceptingModal[bool]):
    """Edit one encounter's name, work, topics and notes; enter saves through ``apply``
    (which returns why it failed, or None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, encounter: Encounter, apply: Callable[[dict[str, str]], str | None]):
        super().__init__()
        self._encounter = encounter
        self._apply = apply

    def compose(self) -> ComposeResult:
        """The fields in a scrolling box (a person may have many notes), then the hint."""
        person = self._encounter
        with Vertical(id="dialog", classes="fields") as dialog:
            dialog.border_title = _("Fix {name}").format(name=markup_literal(person.name))
            with VerticalScroll(id="person-fields"):
                for key, label, value in (
                    ("name", _("Name"), person.name),
                    ("role", _("Role"), person.role),
                    ("org", _("Organisation"), person.org),
                    ("topics", _("Topics (#sourdough #baby-sitters-club)"), _topics_text(person)),
                ):
                    yield Label(label, classes="dialog-label")
                    yield Input(value, id=f"field-{key}")
                for index, note in enumerate(person.notes):
                    yield Label(
                        _("Note written {time} (empty: removed)").format(time=f"{note.at:%H:%M}"),
                        classes="dialog-label",
                    )
                    if "\n" in note.text:
                        shown = plain(note.text, colours.QUIET, multiline=True)
                        shown.append(
                            "\n" + _("(several lines: kept as it is)"), f"italic {colours.QUIET}"
                        )
                        yield Static(themed(shown), classes="kept-note")
                    else:
                        yield Input(note.text, id=f"field-note-{index}")
            yield Static("", id="dialog-error", markup=False)
            yield Static(
                themed(Text(_("enter saves · tab next field · esc cancels"), colours.QUIET)),
                classes="dialog-hint",
            )
            yield dialog_buttons(_("Save"))

    def on_mount(self) -> None:
        """Start in the name field, the likeliest typo."""
        self.query_one("#field-name", Input).focus()

    def values(self) -> dict[str, str]:
        """What the fields hold now, by key (``note-0``, ``note-1`` … for the notes)."""
        return {(field.id or "").removeprefix("field-"): field.value for field in self.query(Input)}

    def action_accept(self) -> None:
        """Save through ``apply``; stay open with the reason if it refused."""
        problem = self._apply(self.values())
        if problem is None:
            self.dismiss(True)
        else:
            self.refuse(problem)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(False)


def _topics_text(person: Encounter) -> str:
    return " ".join(f"#{topic}" for topic in person.topics)
