"""Contacts: the list (who is due first, in gentle words) and one contact's whole story.

Never a count, a score or a rank: rows say "due this week", not "3 days overdue (#2)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from hallway.store.i18n import N_, _
from hallway.store.records import Contact, Encounter, Event, FollowUp, GiveTake, Note
from hallway.store.rhythm import cadence_words, due_label, is_due_this_week
from hallway.store.text import and_list, due_words, format_day, role_at_org
from hallway.widgets import colours
from hallway.widgets.rows import LazyRow, RowList
from hallway.widgets.text import plain, themed

PROMPT_LINES = 2  # every row of the list: name line and label line
EMPTY = N_("No lasting contacts yet. Debrief an event (d) and promote the people who mattered.")
# What an interaction was, in words (the stored kind stays English: see records).
INTERACTION_WORDS: dict[str, str] = {
    "coffee": N_("coffee"),
    "call": N_("call"),
    "message": N_("message"),
    "met again": N_("met again"),
}
# How to reach them: the labels shown.
REACH_WORDS: dict[str, str] = {"email": N_("email"), "phone": N_("phone"), "url": N_("url")}


def interaction_words(kind: str) -> str:
    """An interaction's kind in the language spoken now ("coffee", "Kaffee")."""
    return _(INTERACTION_WORDS[kind]) if kind in INTERACTION_WORDS else kind


@dataclass
class ContactStory:
    """Everything the detail pane shows about one contact (gathered by the screen).

    ``shared`` are the contact's topics that are yours too and ``theirs`` the rest (see
    :mod:`hallway.store.profile`); ``give_take`` is each give-and-take entry with its words
    ("they offered an intro to Sven", :func:`hallway.store.contacts.give_take_words`);
    ``circles`` names, per encounter id, the others who shared that conversation."""

    contact: Contact
    met: list[tuple[Event, Encounter]] = field(default_factory=list)
    notes: list[tuple[Note, Encounter | None]] = field(default_factory=list)
    follow_ups: list[tuple[Encounter, int, FollowUp]] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    theirs: list[str] = field(default_factory=list)
    give_take: list[tuple[GiveTake, str]] = field(default_factory=list)
    circles: dict[int, list[str]] = field(default_factory=dict)


def contact_prompt(contact: Contact, today: date, week_start: int | None = None) -> Text:
    """Two lines: name (and a quiet mark when due); then the gentle label and organisation.
    ``week_start`` is the config file's (None: "this week" is the next seven days)."""
    due = is_due_this_week(contact, today, week_start)
    first = Text.assemble(("● " if due else "  ", colours.FLAG), plain(contact.name, "bold"))
    second = Text.assemble("  ", (due_label(contact, today, week_start), "italic"))
    if contact.org:
        second.append_text(Text.assemble(" · ", plain(contact.org)))
    second.stylize(colours.QUIET)
    return Text("\n").join([first, second])


def _day(moment: date, today: date) -> str:
    return format_day(moment, today)


def story_text(story: ContactStory, today: date, week_start: int | None = None) -> Text:
    """The contact's detail: how you met, interests, notes, interactions, give-and-take,
    ways to reach them and follow-ups; typed text shown literally."""
    contact = story.contact
    out = Text()
    out.append_text(plain(contact.name, "bold"))
    work = role_at_org(contact.role, contact.org, mark_lone_org=False)
    if work:
        out.append("\n")
        out.append_text(plain(work, colours.MUTED))
    out.append("\n")
    out.append(
        _("{due} · keep in touch {rhythm}").format(
            due=due_label(contact, today, week_start), rhythm=cadence_words(contact.cadence_days)
        )
    )
    if contact.last_touch is not None:
        last = _(" · last in touch {day}").format(day=_day(contact.last_touch.date(), today))
        out.append(last, colours.QUIET)

    out.append("\n\n" + _("How you met") + "\n", "bold")
    if story.met:
        for index, (event, encounter) in enumerate(story.met):
            if index:
                out.append("\n")
            out.append_text(plain(event.name, colours.MUTED))
            out.append(f" · {_day(encounter.met_at.date(), today)}", colours.QUIET)
            if story.circles.get(encounter.id):
                out.append(_(" · with "), colours.QUIET)
                out.append_text(plain(and_list(story.circles[encounter.id]), colours.QUIET))
            if encounter.topics:
                out.append("\n  ")
                out.append_text(_topics(encounter.topics))
            for note in encounter.notes[:2]:
                out.append("\n  ")
                out.append_text(plain(note.text, "italic"))
    else:
        out.append(_("not recorded"), f"italic {colours.QUIET}")

    # Shared only when it is yours too (y marks it): what they talked about is theirs.
    if story.shared:
        out.append("\n\n" + _("Interests you share") + "\n", "bold")
        out.append_text(_topics(story.shared))
    if story.theirs or not story.shared:
        out.append("\n\n" + _("Their interests") + "\n", "bold")
        if story.theirs:
            out.append_text(_topics(story.theirs))
            if not story.shared:
                out.append("\n" + _("y marks the ones you share"), f"italic {colours.QUIET}")
        else:
            out.append(_("none yet — a note with #tags (t) adds some"), f"italic {colours.QUIET}")

    own = [(note, source) for note, source in story.notes if source is None]
    if own:
        out.append("\n\n" + _("Notes") + "\n", "bold")
        for index, (note, _source) in enumerate(own):
            if index:
                out.append("\n")
            out.append(f"{_day(note.at.date(), today)}  ", colours.QUIET)
            out.append_text(plain(note.text, multiline=True))

    out.append("\n\n" + _("Interactions") + "\n", "bold")
    if contact.interactions:
        for index, interaction in enumerate(sorted(contact.interactions, key=lambda i: i.at)):
            if index:
                out.append("\n")
            out.append(f"{_day(interaction.at.date(), today)}  ", colours.QUIET)
            out.append_text(plain(interaction_words(interaction.kind)))
            if interaction.note:
                note_text = plain(interaction.note, multiline=True)
                out.append_text(Text.assemble(" — ", note_text))
    else:
        out.append(
            _("none yet — press i after a coffee, a call or a message"), f"italic {colours.QUIET}"
        )

    out.append("\n\n" + _("Give and take") + "\n", "bold")
    if story.give_take:
        for index, (entry, words) in enumerate(sorted(story.give_take, key=lambda g: g[0].at)):
            if index:
                out.append("\n")
            out.append(f"{_day(entry.at.date(), today)}  ", colours.QUIET)
            out.append_text(plain(words, multiline=True))
    else:
        out.append(_("nothing yet — press g to note what was offered"), f"italic {colours.QUIET}")

    reach = contact.channels
    ways = [
        (label, value)
        for label, value in (("email", reach.email), ("phone", reach.phone), ("url", reach.url))
        if value
    ]
    out.append("\n\n" + _("Reach them") + "\n", "bold")
    if ways:
        for index, (label, value) in enumerate(ways):
            if index:
                out.append("\n")
            out.append(f"{_(REACH_WORDS[label])}  ", colours.QUIET)
            out.append_text(plain(value))
    else:
        out.append(_("no e-mail, phone or url yet — enter edits"), f"italic {colours.QUIET}")

    out.append("\n\n" + _("Follow-ups") + "\n", "bold")
    if story.follow_ups:
        for index, (_encounter, _index, promise) in enumerate(story.follow_ups):
            if index:
                out.append("\n")
            if promise.done:
                out.append("✓ ", colours.DONE)
                out.append_text(plain(promise.text, f"strike {colours.DONE}"))
            else:
                out.append("⚑ ", colours.FLAG)
                out.append_text(plain(promise.text))
                out.append(f"  {due_words(promise.due, today)}", colours.QUIET)
    else:
        out.append(_("none"), f"italic {colours.QUIET}")
    return out


def _topics(topics: Sequence[str]) -> Text:
    return Text("  ").join(plain(f"#{topic}", colours.TOPIC) for topic in topics)


class ContactList(RowList):
    """Contacts, due first; posts :class:`Highlighted` and :class:`Opened` with the contact id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", N_("Next contact"), show=False),
        Binding("k", "cursor_up", N_("Previous contact"), show=False),
    ]

    @dataclass
    class Highlighted(Message):
        """The contact under the cursor changed (``None``: the list is empty)."""

        contact_id: int | None

    @dataclass
    class Opened(Message):
        """The contact under the cursor was opened (enter or click)."""

        contact_id: int

    def __init__(self, *, week_start: int | None = None, id: str | None = None) -> None:
        """``week_start`` says when "this week" ends (the config file's; None: in seven days)."""
        super().__init__(lines=PROMPT_LINES, id=id)
        self.week_start = week_start
        self._ids: list[int] = []
        # Rows for unchanged contacts are reused: re-showing a thousand contacts stays cheap.
        self._cache: dict[int, tuple[Contact, str, LazyRow]] = {}

    @property
    def selected_id(self) -> int | None:
        """The highlighted contact's id."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._ids):
            return None
        return self._ids[index]

    def show_contacts(self, contacts: Sequence[Contact], today: date, keep_id: int | None) -> None:
        """Replace the rows (in the given order); keep the cursor on ``keep_id``."""
        self._ids = [contact.id for contact in contacts]
        cache: dict[int, tuple[Contact, str, LazyRow]] = {}
        stamp = today.isoformat()
        for contact in contacts:
            cached = self._cache.get(contact.id)
            if cached is None or cached[1] != stamp or cached[0] != contact:
                make = partial(contact_prompt, contact, today, self.week_start)
                cached = (contact, stamp, LazyRow(make))
            cache[contact.id] = cached
        unchanged = (
            len(cache) == len(self._cache)
            and all(cache[key] is self._cache.get(key) for key in cache)
            and list(cache) == list(self._cache)
        )
        self._cache = cache
        if not unchanged:  # nothing to redraw when coming back to an unchanged list
            self.set_rows(row for _, _, row in cache.values())
        if self._ids:
            self.highlighted = self._ids.index(keep_id) if keep_id in self._ids else 0
            self.scroll_to_highlight()
        self.post_message(self.Highlighted(self.selected_id))

    def on_row_list_row_highlighted(self, event: RowList.RowHighlighted) -> None:
        """The cursor moved: say to whom."""
        event.stop()
        self.post_message(self.Highlighted(self.selected_id))

    def on_row_list_row_selected(self, event: RowList.RowSelected) -> None:
        """Enter or a click: open the contact."""
        event.stop()
        if (selected := self.selected_id) is not None:
            self.post_message(self.Opened(selected))


class ContactDetail(VerticalScroll, can_focus=True):
    """Scrollable story of one contact; set with :meth:`show_story`."""

    DEFAULT_CSS = """
    ContactDetail {
        height: 1fr;
        padding: 0 1;
    }
    ContactDetail > #contact-body {
        width: 1fr;
    }
    """

    def __init__(self, *, week_start: int | None = None, id: str | None = None) -> None:
        """``week_start`` says when "this week" ends (the config file's; None: in seven days)."""
        super().__init__(id=id)
        self.week_start = week_start

    def compose(self) -> ComposeResult:
        """One static body."""
        yield Static(themed(Text(_(EMPTY), f"italic {colours.QUIET}")), id="contact-body")

    def show_story(self, story: ContactStory | None, today: date, *, keep_scroll: bool) -> None:
        """Show a contact (or the empty state); back to the top unless ``keep_scroll``."""
        body = self.query_one("#contact-body", Static)
        if story is None:
            body.update(themed(Text(_(EMPTY), f"italic {colours.QUIET}")))
        else:
            body.update(themed(story_text(story, today, self.week_start)))
        if not keep_scroll:
            self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The plain text shown (for tests and screen readers)."""
        content = self.query_one("#contact-body", Static).content
        return content.plain if isinstance(content, Text) else str(content)
