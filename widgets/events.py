"""The events list: every event, most recent first, the live one marked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hallway.store.i18n import N_, _
from hallway.store.records import Event
from hallway.store.text import compact_day
from hallway.widgets import colours
from hallway.widgets.text import plain, themed


def _day(moment: datetime) -> str:
    # "Tue 3 Mar 2026", "Di., 3. März 2026": in the language Hallway speaks.
    return f"{compact_day(moment.date())} {moment.year}"


def event_dates(event: Event) -> str:
    """When an event ran, in words: "Tue 3 Mar 2026", "Tue 3 – Thu 5 Mar 2026", "since …"."""
    if event.starts is None:
        return _("no date")
    if event.live:
        return _("since {day}").format(day=_day(event.starts))
    if event.ends is None or event.ends.date() == event.starts.date():
        return _day(event.starts)
    return f"{_day(event.starts)} – {_day(event.ends)}"


def event_prompt(event: Event) -> Text:
    """Two lines: live mark and name; then place and dates, dimmed."""
    first = Text.assemble(
        ("● " if event.live else "  ", f"bold {colours.TOPIC}"),
        plain(event.name, "bold"),
    )
    if event.live:
        first.append("  " + _("live"), colours.TOPIC)
    details = [plain(event.place)] if event.place else []
    details.append(Text(event_dates(event)))
    second = Text.assemble("  ", Text(" · ", colours.QUIET).join(details))
    second.stylize(colours.QUIET)
    return Text("\n").join([first, second])


class EventList(OptionList):
    """Events, most recent first (j/k work too)."""

    DEFAULT_CSS = """
    EventList {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", N_("Next event"), show=False),
        Binding("k", "cursor_up", N_("Previous event"), show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def show_events(self, events: Sequence[Event], keep_id: int | None) -> None:
        """Replace the rows; keep the cursor on ``keep_id`` if it is still there."""
        self.clear_options()
        self.add_options(
            [Option(themed(event_prompt(event)), id=str(event.id)) for event in events]
        )
        ids = [event.id for event in events]
        if ids:
            self.highlighted = ids.index(keep_id) if keep_id in ids else 0

    @property
    def selected_id(self) -> int | None:
        """The highlighted event's id."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return int(option_id) if option_id is not None else None
