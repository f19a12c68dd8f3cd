"""The "People I met" list: one row per encounter, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from hallway.store.i18n import N_, _
from hallway.store.records import Encounter
from hallway.store.text import role_at_org
from hallway.widgets import colours
from hallway.widgets.rows import LazyRow, RowList
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
    return _("no topics yet")


def person_prompt(encounter: Encounter) -> Text:
    """Two lines for one person: marks, time met and name; then the hook, dimmed."""
    marks = Text.assemble(
        (MEANINGFUL_MARK if encounter.meaningful else " ", f"bold {colours.STAR}"),
        (FOLLOW_UP_MARK if encounter.open_follow_ups else " ", colours.FLAG),
    )
    first = Text.assemble(
        marks,
        " ",
        (f"{encounter.met_at:%H:%M}", colours.QUIET),
        "  ",
        plain(encounter.name, "bold"),
    )
    second = Text.assemble("         ", plain(hook(encounter), f"italic {colours.QUIET}"))
    return Text("\n").join([first, second])


class PeopleList(RowList):
    """Encounters of one event; posts :class:`Highlighted` and :class:`Opened` with ids.

    Rows never wrap: long names end in an ellipsis so every row stays two lines high.
    """

    # Vim keys are alternatives to the arrows, never replacements.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", N_("Next person"), show=False),
        Binding("k", "cursor_up", N_("Previous person"), show=False),
    ]

    class Highlighted(Message):
        """The person under the cursor changed (``None``: the list is empty)."""

        def __init__(self, encounter_id: int | None) -> None:
            super().__init__()
            self.encounter_id = encounter_id

    class Opened(Message):
        """The person under the cursor was opened (enter or click)."""

        def __init__(self, encounter_id: int) -> None:
            super().__init__()
            self.encounter_id = encounter_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(lines=PROMPT_LINES, id=id)
        self._ids: list[int] = []
        # Rows keep their drawn lines: reusing them for unchanged people makes a refresh
        # after one capture cheap even with a thousand people listed.
        self._row_cache: dict[int, tuple[Encounter, LazyRow]] = {}

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
        rows: dict[int, tuple[Encounter, LazyRow]] = {}
        for encounter in encounters:
            cached = self._row_cache.get(encounter.id)
            if cached is None or (cached[0] is not encounter and cached[0] != encounter):
                cached = (encounter, LazyRow(partial(person_prompt, encounter)))
            rows[encounter.id] = cached
        self._row_cache = rows
        self.set_rows(row for _, row in rows.values())
        index = self._ids.index(keep_id) if keep_id in self._ids else 0
        if self._ids:
            self.highlighted = index
            self.scroll_to_highlight()
        # set_rows clears the highlight silently (and an empty list has none), so say who is
        # selected now.
        self.post_message(self.Highlighted(self.selected_id))

    def on_row_list_row_highlighted(self, event: RowList.RowHighlighted) -> None:
        """The cursor moved: say to whom."""
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))

    def on_row_list_row_selected(self, event: RowList.RowSelected) -> None:
        """Enter or a click: open the person."""
        event.stop()
        if (selected := self.selected_id) is not None:
            self.post_message(self.Opened(selected))
