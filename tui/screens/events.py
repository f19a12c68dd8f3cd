"""The events screen: every event, the live one marked; start, end or open one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.records import Event
from tui.screens.base import HallwayScreen, OpenEvent
from widgets import palette
from widgets.safe import plain
from widgets.topbar import TopBar

EMPTY_EVENTS = "No events yet — press n to start one, then capture the people you meet."


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def event_dates(event: Event) -> str:
    """When an event ran, in words: "Tue 3 Mar 2026", "Tue 3 – Thu 5 Mar 2026", "since …"."""
    if event.starts is None:
        return "no date"
    if event.live:
        return f"since {_day(event.starts)}"
    if event.ends is None or event.ends.date() == event.starts.date():
        return _day(event.starts)
    return f"{_day(event.starts)} – {_day(event.ends)}"


def event_prompt(event: Event) -> Text:
    """Two lines: live mark and name; then place and dates, dimmed."""
    first = Text.assemble(
        ("● " if event.live else "  ", f"bold {palette.TOPIC}"),
        plain(event.name, "bold"),
    )
    if event.live:
        first.append("  live", palette.TOPIC)
    details = [plain(event.place)] if event.place else []
    details.append(Text(event_dates(event)))
    second = Text.assemble("  ", Text(" · ", "dim").join(details))
    second.stylize("dim")
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
        Binding("j", "cursor_down", "Next event", show=False),
        Binding("k", "cursor_up", "Previous event", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def show_events(self, events: Sequence[Event], keep_id: int | None) -> None:
        """Replace the rows; keep the cursor on ``keep_id`` if it is still there."""
        self.clear_options()
        self.add_options([Option(event_prompt(event), id=str(event.id)) for event in events])
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


class EventsScreen(HallwayScreen):
    """Past and live events. Hallway opens here when nothing is live."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Show this event's people"),
        Binding("n", "start_event", "New live event", tooltip="Start a new live event"),
        Binding("e", "end_live_event", "End live event", tooltip="End the live event"),
        Binding("escape", "back", "Back", tooltip="Back to the live event"),
    ]

    PALETTE: ClassVar[dict[str, str]] = {
        "open": "event: open the highlighted event",
        "start_event": "event: start a new live event",
        "end_live_event": "event: end live event",
        "back": "event: back to the live event",
    }

    def compose(self) -> ComposeResult:
        """The list of events, with an empty state."""
        yield TopBar(demo=self.demo)
        with Vertical(id="events-box") as box:
            box.border_title = "Events"
            yield EventList(id="events")
            yield Static(EMPTY_EVENTS, id="events-empty", markup=False)
        yield Footer()

    @property
    def event_list(self) -> EventList:
        """The list of events."""
        return self.query_one("#events", EventList)

    def on_mount(self) -> None:
        """Start in the list."""
        self.event_list.focus()

    def reload(self) -> None:
        """Re-read the events (keeping the cursor on the same one)."""
        events = self.store.events()
        self.query_one(TopBar).show_title("Events", "start, end or open one")
        self.query_one("#events-empty").display = not events
        self.event_list.display = bool(events)
        self.event_list.show_events(events, self.event_list.selected_id)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "open" with no events and "back" with nothing live to go back to."""
        if action == "open":
            return self.event_list.selected_id is not None
        if action == "back":
            return self.store.live_event() is not None
        return super().check_action(action, parameters)

    @on(OptionList.OptionSelected, "#events")
    def action_open(self) -> None:
        """Show the highlighted event's people."""
        if (event_id := self.event_list.selected_id) is not None:
            self.post_message(OpenEvent(event_id))

    def action_back(self) -> None:
        """Back to the live event, if one is live."""
        live = self.store.live_event()
        if live is not None:
            self.post_message(OpenEvent(live.id))
