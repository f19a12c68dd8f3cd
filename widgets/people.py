"""The "People I met" list: one row per encounter, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList

from hallway.store.records import Encounter
from hallway.store.text import role_at_org
from hallway.widgets import colours
from hallway.widgets.rows import LazyOption, RowList
from hallway.widgets.text import plain

MEANINGFUL_MARK = "★"
FOLLOW_UP_MARK = "⚑"
PROMPT_LINES = 2  # every row of the list: name line and hook line


def hook(encounter: Encounter) -> str:
    """A one-line reminder of the conversation: topics, else role/org, else the first note."""
    if encounter.topics:
        return " ".join(f"#{topic}" for topic in encounter.topics)
    work = role_at_org(encounter.role, encounter.org, mark_lone_org=False)
    if work:
        return work
    if encounter.notes:
        return encounter.notes[0].text
    return "no topics yet"


def person_prompt(encounter: Encounter) -> Text:
    """Two lines for one person: marks, time met and name; then the hook, dimmed."""
    marks = Text.assemble(
        (MEANINGFUL_MARK if encounter.meaningful else " ", f"bold {colours.STAR}"),
        (FOLLOW_UP_MARK if encounter.open_follow_ups else " ", colours.FLAG),
    )
    first = Text.assemble(
        marks,
        " ",
        (f"{encounter.met_at:%H:%M}", "dim"),
        "  ",
        plain(encounter.name, "bold"),
    )
    second = Text.assemble("         ", plain(hook(encounter), "italic dim"))
    return Text("\n").join([first, second])


class PeopleList(RowList):
    """Encounters of one event; posts :class:`Highlighted` and :class:`Opened` with ids.

    Rows never wrap: long names end in an ellipsis so every row stays two lines high.
    """

    # Vim keys are alternatives to the arrows, never replacements.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next person", show=False),
        Binding("k", "cursor_up", "Previous person", show=False),
    ]

    @dataclass
    class Highlighted(Message):
        """The person under the cursor changed (``None``: the list is empty)."""

        encounter_id: int | None

    @dataclass
    class Opened(Message):
        """The person under the cursor was opened (enter or click)."""

        encounter_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self._ids: list[int] = []
        # Options keep their rendered visual: reusing them for unchanged people makes a
        # refresh after one capture cheap even with a thousand people listed.
        self._option_cache: dict[int, tuple[Encounter, LazyOption]] = {}

    @property
    def selected_id(self) -> int | None:
        """The id of the highlighted encounter, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._ids):
            return None
        return self._ids[index]

    def show_people(self, encounters: Sequence[Encounter], keep_id: int | None = None) -> None:
        """Replace the rows; keep the cursor on ``keep_id`` when that person is still listed."""
        self._ids = [encounter.id for encounter in encounters]
        options: dict[int, tuple[Encounter, LazyOption]] = {}
        for encounter in encounters:
            cached = self._option_cache.get(encounter.id)
            if cached is None or (cached[0] is not encounter and cached[0] != encounter):
                make = partial(person_prompt, encounter)
                cached = (encounter, LazyOption(make, PROMPT_LINES, id=str(encounter.id)))
            options[encounter.id] = cached
        self._option_cache = options
        self.set_options(option for _, option in options.values())
        index = self._ids.index(keep_id) if keep_id in self._ids else 0
        if self._ids:
            self.highlighted = index
            self.scroll_to_highlight()
        # clear_options resets the highlight silently, so say who is selected now.
        self.post_message(self.Highlighted(self.selected_id))

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if (selected := self.selected_id) is not None:
            self.post_message(self.Opened(selected))
