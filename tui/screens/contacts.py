"""Contacts: lasting relationships, who is due for a catch-up first, and each one's story.

``i`` logs an interaction (it resets the rhythm), ``g`` notes give-and-take, ``z`` snoozes,
``t`` adds a note, ``f`` marks a follow-up done (or open again), ``y`` ticks which of their
interests are yours too (only those read as shared), ``enter`` edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from hallway.store import clock, contacts, profile
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.records import INTERACTION_KINDS, Contact, Encounter
from hallway.store.rhythm import cadence_field, due_order, is_snoozed, next_due, snooze_until
from hallway.store.text import format_day, visible
from hallway.tui.messages import GoBack
from hallway.tui.screens.choice import ChecklistModal, ChoiceModal, FieldsModal
from hallway.tui.screens.panes import PanedScreen
from hallway.widgets.contacts import (
    EMPTY,
    ContactDetail,
    ContactList,
    ContactStory,
    interaction_words,
)
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.text import plain, sentence
from hallway.widgets.topbar import TopBar

CONTACT_ACTIONS = frozenset(
    {"log_interaction", "give_take", "snooze", "edit", "add_note", "follow_up_done", "yours_too"}
)
SNOOZES = [
    ("7", N_("a week")),
    ("14", N_("two weeks")),
    ("30", N_("a month")),
    ("91", N_("three months")),
]
WAKE = "wake"


class ContactsScreen(PanedScreen):
    """Lasting contacts ordered by who is due; the highlighted one's story beside them (on a
    narrow terminal, one at a time: a tap on a contact shows their story)."""

    PANES = (("list", N_("List")), ("story", N_("Story")))

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "i", "log_interaction", N_("Interaction"), tooltip=N_("Log a coffee, call, message…")
        ),
        Binding("g", "give_take", N_("Give & take"), tooltip=N_("Note what you or they offered")),
        Binding("z", "snooze", N_("Snooze"), tooltip=N_("Hold off the catch-up for a while")),
        Binding("t", "add_note", N_("Note"), show=False, tooltip=N_("Add a note about them")),
        Binding(
            "f", "follow_up_done", N_("Follow-ups"), tooltip=N_("Mark a follow-up done (or open)")
        ),
        Binding(
            "y",
            "yours_too",
            N_("Yours too"),
            show=False,
            tooltip=N_("Tick which of their interests are yours too (shared)"),
        ),
        Binding(
            "enter", "edit", N_("Edit"), tooltip=N_("Edit name, work, topics, rhythm, e-mail…")
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to where you were")),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "log_interaction": N_("contact: log an interaction"),
        "give_take": N_("contact: note give-and-take"),
        "snooze": N_("contact: snooze"),
        "add_note": N_("contact: add a note"),
        "follow_up_done": N_("contact: mark a follow-up done"),
        "yours_too": N_("contact: mark their interests that are yours too"),
        "edit": N_("contact: edit"),
        "back": N_("contacts: back"),
    }

    def __init__(self, store: Store, *, demo: bool = False) -> None:
        super().__init__(store, demo=demo)
        self.selected: Contact | None = None
        self._contacts: dict[int, Contact] = {}
        self._select_next: int | None = None

    def compose(self) -> ComposeResult:
        """The list on the left, the story on the right."""
        yield TopBar(demo=self.demo)
        yield self.compose_switcher()
        with Horizontal(id="contacts-body"):
            with Vertical(id="contacts-box") as box:
                box.border_title = _("Keep in touch")
                box.border_subtitle = _("due first")
                week_start = self.store.settings.week_start
                yield ContactList(week_start=week_start, id="contacts")
                yield Static(_(EMPTY), id="contacts-empty", markup=False)
            detail = ContactDetail(week_start=self.store.settings.week_start, id="contact-detail")
            detail.border_title = _("Story")
            yield detail
        yield HallwayFooter()

    @property
    def contact_list(self) -> ContactList:
        """The list of contacts."""
        return self.query_one("#contacts", ContactList)

    def pane_container(self, pane: str) -> Widget:
        """The list in its box, or the story."""
        return self.query_one("#contacts-box" if pane == "list" else "#contact-detail")

    def on_mount(self) -> None:
        """Start in the list."""
        self.contact_list.focus()

    def select(self, contact_id: int) -> None:
        """Put the cursor on one contact (works before the screen is first shown)."""
        self._select_next = contact_id
        if self.is_mounted:
            self.reload()
            self.contact_list.focus()

    def reload(self) -> None:
        """Re-read the contacts in due order, keeping the cursor on the same one."""
        today = clock.today()
        contacts = due_order(self.store.contacts(), today)
        self._contacts = {contact.id: contact for contact in contacts}
        keep = self._select_next or self.contact_list.selected_id
        self._select_next = None
        self.query_one(TopBar).show_title(_("Contacts"), _("who is due for a catch-up first"))
        self.query_one("#contacts-empty").display = not contacts
        self.contact_list.display = bool(contacts)
        self.contact_list.show_contacts(contacts, today, keep)

    @on(ContactList.Highlighted)
    def _highlighted(self, message: ContactList.Highlighted) -> None:
        same = self.selected is not None and self.selected.id == message.contact_id
        contact = self._contacts.get(message.contact_id) if message.contact_id else None
        self.selected = contact
        self.switcher.show_selected(contact.name if contact is not None else "")
        story = self._story(contact) if contact is not None else None
        self.query_one(ContactDetail).show_story(story, clock.today(), keep_scroll=same)
        if not same:
            self.refresh()  # every cell: no stray cells from a name drawn another width
        self.refresh_bindings()

    def _story(self, contact: Contact) -> ContactStory:
        interests = profile.interests(self.store, contact)
        met = contacts.contact_encounters(self.store, contact)
        circles = {
            encounter.id: [other.name for other in contacts.circle_of(self.store, encounter)]
            for _, encounter in met
            if encounter.circle
        }
        return ContactStory(
            contact,
            met,
            contacts.contact_notes(self.store, contact),
            contacts.contact_follow_ups(self.store, contact),
            shared=interests.shared,
            theirs=interests.theirs,
            give_take=[(g, contacts.give_take_words(g)) for g in contact.give_take],
            circles=circles,
        )

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Contact actions need a highlighted contact; follow-ups need one to mark."""
        if action in CONTACT_ACTIONS and self.selected is None:
            return False
        if action == "follow_up_done" and self.selected is not None:
            return bool(self.selected.encounter_ids)
        if action == "yours_too" and self.selected is not None:
            return bool(self.selected.topics)
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Back to where you were."""
        self.post_message(GoBack())

    def _about(self, contact: Contact, line: str = "{name}") -> Text:
        """A dialog's question: ``line`` (translated) with the contact's name in it."""
        return sentence(line, name=plain(contact.name, "bold"))

    def _save(
        self, change: Callable[[int], Contact | None], done: str
    ) -> Callable[..., str | None]:
        """A dialog's ``apply``: run ``change`` on the selected contact, refresh, say so."""

        def apply(*_answer: object) -> str | None:
            contact = self.selected
            if contact is None:
                return _("That contact is no longer here.")
            try:
                changed = change(contact.id)
            except HallwayError as error:
                return visible(str(error))
            if changed is not None:
                self.announce_saved(changed)
            self.reload()
            self.notify(done.format(name=visible(contact.name)), markup=False)
            return None

        return apply

    def action_log_interaction(self) -> None:
        """Log a coffee, call, message or meeting again (with a note); resets the rhythm."""
        contact = self.selected
        if contact is None:
            return
        chosen: dict[str, str] = {}

        def log(person_id: int) -> Contact:
            return contacts.log_interaction(self.store, person_id, chosen["kind"], chosen["note"])

        save = self._save(log, _("Logged. The rhythm with {name} starts again from today."))

        def apply(kind: str, note: str) -> str | None:
            chosen.update(kind=kind, note=note)
            return save()

        self.app.push_screen(
            ChoiceModal(
                _("Log an interaction"),
                self._about(contact, _("{name}: what was it?")),
                [(kind, interaction_words(kind)) for kind in INTERACTION_KINDS],
                apply,
                note_label=_("A note (optional)"),
                placeholder=_("talked about her new band"),
            )
        )

    def action_give_take(self) -> None:
        """Note what you offered them, or what they offered you (a timeline, no balance)."""
        contact = self.selected
        if contact is None:
            return

        def apply(direction: str, text: str) -> str | None:
            def add(person_id: int) -> Contact:
                return contacts.add_give_take(self.store, person_id, direction, text)

            return self._save(add, _("Noted in the give-and-take with {name}."))()

        self.app.push_screen(
            ChoiceModal(
                _("Give and take"),
                self._about(contact),
                [("gave", _("you offered")), ("received", _("they offered"))],
                apply,
                note_label=_("What was offered"),
                placeholder=_("an intro to a climbing partner"),
            )
        )

    def action_snooze(self) -> None:
        """Hold off the catch-up for a while (or wake a snoozed contact)."""
        contact = self.selected
        if contact is None:
            return
        today = clock.today()
        choices: list[tuple[str, str]] = []
        if is_snoozed(contact, today) and contact.snoozed_until is not None:
            choices.append(
                (
                    WAKE,
                    _("wake now (snoozed until {day})").format(
                        day=format_day(contact.snoozed_until, today)
                    ),
                )
            )
        # A snooze counts from the day the catch-up is due, so it always holds it off.
        until = {days: snooze_until(contact, today, int(days)) for days, _label in SNOOZES}
        choices += [
            (
                days,
                _("{length} (until {day})").format(
                    length=_(label), day=format_day(until[days], today)
                ),
            )
            for days, label in SNOOZES
        ]
        due = next_due(contact)
        if due is not None and due > today:
            question = _("{name}: next catch-up {day}; hold it off by…").replace(
                "{day}", format_day(due, today)
            )
        else:
            question = _("{name}: hold off the catch-up by…")

        def apply(choice: str, _note: str) -> str | None:
            def hold(person_id: int) -> Contact:
                if choice == WAKE:
                    return contacts.unsnooze(self.store, person_id)
                return contacts.snooze(self.store, person_id, until=until[choice])

            if choice == WAKE:
                return self._save(hold, _("{name} is awake again."))()
            snoozed = _("Snoozed {name} until {day}.").replace(
                "{day}", format_day(until[choice], today)
            )
            return self._save(hold, snoozed)()

        self.app.push_screen(
            ChoiceModal(_("Snooze"), self._about(contact, question), choices, apply)
        )

    def action_add_note(self) -> None:
        """Add a note about the contact (#tags join their interests)."""
        contact = self.selected
        if contact is None:
            return

        def apply(values: dict[str, str]) -> str | None:
            def add(person_id: int) -> Contact:
                return contacts.add_contact_note(self.store, person_id, values["note"])

            return self._save(add, _("Note saved for {name}."))()

        self.app.push_screen(
            FieldsModal(
                _("Note about {name}").format(name=visible(contact.first_name)),
                [("note", _("Note (ctrl+e: your editor)"), "")],
                apply,
                in_editor={"note"},
            )
        )

    def action_follow_up_done(self) -> None:
        """Tick the follow-ups that are done (untick one to open it again); several at once."""
        contact = self.selected
        if contact is None:
            return
        follow_ups = contacts.contact_follow_ups(self.store, contact)
        if not follow_ups:
            self.notify(
                _("No follow-ups with {name}.").format(name=visible(contact.name)), markup=False
            )
            return
        items = [
            (f"{encounter.id}:{index}", plain(promise.text), promise.done)
            for encounter, index, promise in follow_ups
        ]

        def apply(changes: dict[str, bool]) -> str | None:
            saved: list[Encounter] = []
            try:
                for key, done in changes.items():
                    encounter_id, index = (int(part) for part in key.split(":"))
                    saved.append(self.store.set_follow_up_done(encounter_id, index, done))
            except HallwayError as error:
                return visible(str(error))
            except IndexError:
                return _("A follow-up changed meanwhile; open the list again.")
            finally:
                if saved:  # what was marked before a failure stays marked: say so to search
                    self.announce_saved(*saved)
                    self.reload()
            return None

        self.app.push_screen(
            ChecklistModal(
                _("Follow-ups"),
                self._about(contact, _("{name}: tick what is done")),
                items,
                apply,
                hint=_("space marks done or open · enter saves · esc cancels"),
            )
        )

    def action_yours_too(self) -> None:
        """Tick which of the contact's interests are yours too: only those read as shared
        (your interests are kept once, for every contact)."""
        contact = self.selected
        if contact is None or not contact.topics:
            return
        yours = set(profile.your_topics(self.store))
        items = [(t, plain(f"#{t}"), t in yours) for t in contact.topics]

        def apply(changes: dict[str, bool]) -> str | None:
            try:
                with self.store.transaction():  # one durable save for every tick
                    for topic, mine in changes.items():
                        if mine:
                            profile.mark_yours(self.store, topic)
                        else:
                            profile.unmark_yours(self.store, topic)
            except HallwayError as error:
                return visible(str(error))
            self.reload()
            return None

        self.app.push_screen(
            ChecklistModal(
                _("Yours too?"),
                self._about(contact, _("{name}: tick the interests you share")),
                items,
                apply,
                hint=_("space ticks or unticks · enter saves · esc cancels"),
            )
        )

    @on(ContactList.Opened)
    def _opened(self) -> None:
        # Side by side the story is in view: opening edits. One pane at a time, a tap (or
        # enter) on a contact shows their story first; enter there edits.
        if self.narrow:
            self.show_pane("story")
        else:
            self.action_edit()

    def action_edit(self) -> None:
        """Edit the contact's name, work, topics, rhythm and ways to reach them."""
        contact = self.selected
        if contact is None:
            return
        reach = contact.channels
        fields = [
            ("name", _("Name"), contact.name),
            ("role", _("Role"), contact.role),
            ("org", _("Organisation"), contact.org),
            ("topics", _("Topics (space-separated)"), " ".join(f"#{t}" for t in contact.topics)),
            (
                "cadence_days",
                _("Keep in touch (3 weeks, 2 months, yearly, 45…)"),
                cadence_field(contact.cadence_days),
            ),
            ("email", _("E-mail"), reach.email),
            ("phone", _("Phone"), reach.phone),
            ("url", _("Web"), reach.url),
        ]

        def apply(values: dict[str, str]) -> str | None:
            changes: dict[str, object] = dict(values)
            changes["topics"] = values["topics"].replace(",", " ").split()

            def edit(person_id: int) -> Contact:
                return contacts.edit_contact(self.store, person_id, **changes)

            return self._save(edit, _("Saved {name}."))()

        self.app.push_screen(FieldsModal(_("Edit contact"), fields, apply))
