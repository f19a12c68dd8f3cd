"""The events screen: every event, the live one marked; start, end or open one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import OptionList, Static

from hallway.store import clock
from hallway.store.briefs import CatchUp, catch_up_this_week, previous_edition, reencounter_brief
from hallway.store.db import Store
from hallway.store.errors import NotFound
from hallway.store.i18n import N_, _
from hallway.store.records import Contact, Encounter, Event
from hallway.store.rhythm import due_label
from hallway.store.text import due_words
from hallway.tui.messages import CatchUpReady, OpenEvent, ShowDebrief
from hallway.tui.screens.panes import PanedScreen
from hallway.widgets import colours
from hallway.widgets.events import EventList, event_dates
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.people import hook
from hallway.widgets.text import plain, sentence, themed
from hallway.widgets.topbar import TopBar

MAX_PEOPLE_SHOWN = 40
MAX_CATCH_UP = 5
STATUS_MARKS = {"new": " ", "promoted": "◆", "acquaintance": "·", "let-go": " "}
EMPTY_EVENTS = N_("No events yet — press n to start one, then capture the people you meet.")


def people_text(people: Sequence[Encounter]) -> Text:
    """The people met at an event, in the order met: a mark for the decision, name, hook."""
    out = Text()
    for index, person in enumerate(people[:MAX_PEOPLE_SHOWN]):
        if index:
            out.append("\n")
        out.append(f"{STATUS_MARKS[person.status]} ", colours.TOPIC)
        out.append_text(plain(person.name, "bold"))
        out.append_text(Text.assemble("  ", plain(hook(person), f"italic {colours.QUIET}")))
    if len(people) > MAX_PEOPLE_SHOWN:
        out.append("\n" + _("… and more: enter shows everyone"), f"italic {colours.QUIET}")
    if not people:
        out.append(_("No one captured at this event."), f"italic {colours.QUIET}")
    return out


def brief_text(previous: Event, brief: Sequence[tuple[Encounter, Contact | None]]) -> Text:
    """Who you met at the previous edition and what you talked about."""
    out = sentence(
        _("At {event} ({dates}) you met:"),
        event=plain(previous.name, "bold"),
        dates=Text(event_dates(previous)),
    )
    for person, contact in brief[:MAX_PEOPLE_SHOWN]:
        out.append("\n")
        out.append_text(plain(person.name, "bold"))
        if contact is not None:
            out.append("  " + _("lasting contact"), f"italic {colours.TOPIC}")
        elif person.meaningful:
            out.append("  ★", colours.STAR)
        if person.topics:
            out.append("\n  ")
            out.append_text(Text(" ").join(plain(f"#{t}", colours.TOPIC) for t in person.topics))
        for note in person.notes[:1]:
            out.append("\n  ")
            out.append_text(plain(note.text, "italic"))
        for promise in person.open_follow_ups[:1]:
            out.append("\n  ⚑ ", colours.FLAG)
            out.append_text(plain(promise.text))
    if len(brief) > MAX_PEOPLE_SHOWN:
        out.append("\n" + _("… and more: search (/) finds anyone"), f"italic {colours.QUIET}")
    return out


def catch_up_text(catch_up: CatchUp, today: date) -> Text:
    """The home list: contacts due (gentle words) and open promises, a few of each."""
    if catch_up.is_empty:
        return Text(_("Nothing waiting this week."), f"italic {colours.QUIET}")
    out = Text()
    for contact in catch_up.due[:MAX_CATCH_UP]:
        out.append("● ", colours.FLAG)
        out.append_text(plain(contact.name, "bold"))
        out.append(f"  {due_label(contact, today, catch_up.week_start)}\n", colours.QUIET)
    for encounter, _index, promise in catch_up.follow_ups[:MAX_CATCH_UP]:
        out.append("⚑ ", colours.FLAG)
        out.append_text(plain(promise.text))
        out.append_text(Text.assemble(" — ", plain(encounter.first_name)))
        out.append(f"  {due_words(promise.due, today)}\n", colours.QUIET)
    if len(catch_up.due) > MAX_CATCH_UP or len(catch_up.follow_ups) > MAX_CATCH_UP:
        out.append(_("… more in Contacts (c)"), f"italic {colours.QUIET}")
    out.rstrip()
    return out


class EventsScreen(PanedScreen):
    """Past and live events. Hallway opens here when nothing is live. On a narrow terminal
    the events and the highlighted event's people take turns."""

    PANES = (("events", N_("Events")), ("people", N_("People")))

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), tooltip=N_("Show this event's people")),
        Binding("n", "start_event", N_("New live event"), tooltip=N_("Start a new live event")),
        Binding("e", "end_live_event", N_("End live event"), tooltip=N_("End the live event")),
        # The app's d already debriefs the highlighted event; this one shows it in the footer
        # (a priority binding, like the app's, so it is the one the footer lists).
        Binding(
            "d",
            "debrief",
            N_("Debrief"),
            tooltip=N_("Debrief the highlighted event"),
            priority=True,
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to the live event")),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "open": N_("event: open the highlighted event"),
        "start_event": N_("event: start a new live event"),
        "end_live_event": N_("event: end live event"),
        "debrief": N_("event: debrief the highlighted event"),
        "back": N_("event: back to the live event"),
    }

    def compose(self) -> ComposeResult:
        """Events and "catch up this week" on the left; the highlighted event's people and
        re-encounter brief on the right."""
        yield TopBar(demo=self.demo)
        yield self.compose_switcher()
        with Horizontal(id="events-body"):
            with Vertical(id="events-left"):
                with Vertical(id="events-box") as box:
                    box.border_title = _("Events")
                    yield EventList(id="events")
                    yield Static(_(EMPTY_EVENTS), id="events-empty", markup=False)
                catch_up = Static(themed(Text("…", colours.QUIET)), id="catch-up")
                catch_up.border_title = _("Catch up this week")
                yield catch_up
            with VerticalScroll(id="event-detail") as detail:
                detail.border_title = _("People met there")
                yield Static("", id="event-people")
                yield Static("", id="event-brief")
        yield HallwayFooter()

    @property
    def event_list(self) -> EventList:
        """The list of events."""
        return self.query_one("#events", EventList)

    def pane_container(self, pane: str) -> Widget:
        """The events (with catch-up), or the highlighted event's people."""
        return self.query_one("#events-left" if pane == "events" else "#event-detail")

    def on_mount(self) -> None:
        """Start in the list."""
        self.event_list.focus()

    def reload(self) -> None:
        """Re-read the events (keeping the cursor on the same one); catch-up in a worker."""
        events = self.store.events()
        self.query_one(TopBar).show_title(_("Events"), _("start, end or open one"))
        self.query_one("#events-empty").display = not events
        self.event_list.display = bool(events)
        self.event_list.show_events(events, self.event_list.selected_id)
        self._show_detail()
        self.refresh_bindings()
        self._work_out_catch_up(self.store.frozen(), clock.today())

    @work(thread=True, exclusive=True, group="catch-up")
    def _work_out_catch_up(self, frozen: Store, today: date) -> None:
        # ~0.2 s at ten thousand people: off the UI thread, reported by message.
        self.post_message(CatchUpReady(catch_up_this_week(frozen, today), today))

    def on_catch_up_ready(self, message: CatchUpReady) -> None:
        """Show the catch-up list the worker worked out."""
        self.query_one("#catch-up", Static).update(
            themed(catch_up_text(message.catch_up, message.today))
        )

    @on(OptionList.OptionHighlighted, "#events")
    def _show_detail(self) -> None:
        event_id = self.event_list.selected_id
        people = self.query_one("#event-people", Static)
        brief = self.query_one("#event-brief", Static)
        detail = self.query_one("#event-detail")
        # A class, not an inline display: app.tcss also shows and hides it, one pane at a time.
        detail.set_class(event_id is None, "-empty")
        self.set_class(event_id is None, "-no-event")  # the list then takes the whole width
        if event_id is None:
            self.switcher.show_selected("")
            return
        try:
            event = self.store.event(event_id)
        except NotFound:
            return  # removed elsewhere; the next reload drops it from the list
        self.switcher.show_selected(event.name)
        met = sorted(self.store.encounters(event_id), key=lambda e: (e.met_at, e.id))
        people.update(themed(people_text(met)))
        previous = previous_edition(self.store, event)
        brief.display = previous is not None
        if previous is not None:
            brief.update(
                themed(
                    Text.assemble(
                        ("\n" + _("Re-encounter brief") + "\n", "bold"),
                        brief_text(previous, reencounter_brief(self.store, event)),
                    )
                )
            )
        detail.scroll_home(animate=False)

    def current_event_id(self) -> int | None:
        """The highlighted event (``d`` debriefs it)."""
        return self.event_list.selected_id

    def event_ended(self, event: Event) -> None:
        """Highlight the event just ended, so ``d`` debriefs it."""
        self.event_list.show_events(self.store.events(), event.id)
        self.reload()

    def action_debrief(self) -> None:
        """Debrief the highlighted event."""
        self.post_message(ShowDebrief(self.event_list.selected_id))

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
