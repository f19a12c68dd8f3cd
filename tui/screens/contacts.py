"""Contacts: lasting relationships, who is due for a catch-up first, and each one's story.

``i`` logs an interaction (it resets the rhythm), ``g`` notes give-and-take, ``z`` snoozes,
``t`` adds a note, ``f`` marks a follow-up done (or open again), ``enter`` edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from hallway.store import clock, contacts
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.records import INTERACTION_KINDS, Contact, Encounter
from hallway.store.rhythm import cadence_label, due_order, is_snoozed, next_due, snooze_until
from hallway.store.text import format_day, visible
from hallway.tui.messages import GoBack
from hallway.tui.screens.base import HallwayScreen
from hallway.tui.screens.choice import ChecklistModal, ChoiceModal, FieldsModal
from hallway.widgets.contacts import EMPTY, ContactDetail, ContactList, ContactStory
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.text import plain
from hallway.widgets.topbar import TopBar

CONTACT_ACTIONS = frozenset(
    {"log_interaction", "give_take", "snooze", "edit", "add_note", "follow_up_done"}
)
SNOOZES = [("7", "a week"), ("14", "two weeks"), ("30", "a month"), ("91", "three months")]
WAKE = "wake"


class ContactsScreen(HallwayScreen):
    """Lasting contacts ordered by who is due; the highlighted one's story beside them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "log_interaction", "Interaction", tooltip="Log a coffee, call, message…"),
        Binding("g", "give_take", "Give & take", tooltip="Note what you or they offered"),
        Binding("z", "snooze", "Snooze", tooltip="Hold off the catch-up for a while"),
        Binding("t", "add_note", "Note", show=False, tooltip="Add a note about them"),
        Binding("f", "follow_up_done", "Follow-ups", tooltip="Mark a follow-up done (or open)"),
        Binding("enter", "edit", "Edit", tooltip="Edit name, work, topics, rhythm, e-mail…"),
        Binding("escape", "back", "Back", tooltip="Back to where you were"),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {
        "log_interaction": "contact: log an interaction",
        "give_take": "contact: note give-and-take",
        "snooze": "contact: snooze",
        "add_note": "contact: add a note",
        "follow_up_done": "contact: mark a follow-up done",
        "edit": "contact: edit",
        "back": "contacts: back",
    }

    def __init__(self, store: Store, *, demo: bool = False) -> None:
        super().__init__(store, demo=demo)
        self.selected: Contact | None = None
        self._contacts: dict[int, Contact] = {}
        self._select_next: int | None = None

    def compose(self) -> ComposeResult:
        """The list on the left, the story on the right."""
        yield TopBar(demo=self.demo)
        with Horizontal(id="contacts-body"):
            with Vertical(id="contacts-box") as box:
                box.border_title = "Keep in touch"
                box.border_subtitle = "due first"
                week_start = self.store.settings.week_start
                yield ContactList(week_start=week_start, id="contacts")
                yield Static(EMPTY, id="contacts-empty", markup=False)
            detail = ContactDetail(week_start=self.store.settings.week_start, id="contact-detail")
            detail.border_title = "Story"
            yield detail
        yield HallwayFooter()

    @property
    def contact_list(self) -> ContactList:
        """The list of contacts."""
        return self.query_one("#contacts", ContactList)

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
        self.query_one(TopBar).show_title("Contacts", "who is due for a catch-up first")
        self.query_one("#contacts-empty").display = not contacts
        self.contact_list.display = bool(contacts)
        self.contact_list.show_contacts(contacts, today, keep)

    @on(ContactList.Highlighted)
    def _highlighted(self, message: ContactList.Highlighted) -> None:
        same = self.selected is not None and self.selected.id == message.contact_id
        contact = self._contacts.get(message.contact_id) if message.contact_id else None
        self.selected = contact
        story = self._story(contact) if contact is not None else None
        self.query_one(ContactDetail).show_story(story, clock.today(), keep_scroll=same)
        if not same:
            self.refresh()  # every cell: no stray cells from a name drawn another width
        self.refresh_bindings()

    def _story(self, contact: Contact) -> ContactStory:
        return ContactStory(
            contact,
            contacts.contact_encounters(self.store, contact),
            contacts.contact_notes(self.store, contact),
            contacts.contact_follow_ups(self.store, contact),
        )

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Contact actions need a highlighted contact; follow-ups need one to mark."""
        if action in CONTACT_ACTIONS and self.selected is None:
            return False
        if action == "follow_up_done" and self.selected is not None:
            return bool(self.selected.encounter_ids)
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Back to where you were."""
        self.post_message(GoBack())

    def _about(self, contact: Contact, line: str = "") -> Text:
        return Text.assemble(plain(contact.name, "bold"), line)

    def _save(
        self, change: Callable[[int], Contact | None], done: str
    ) -> Callable[..., str | None]:
        """A dialog's ``apply``: run ``change`` on the selected contact, refresh, say so."""

        def apply(*_: object) -> str | None:
            contact = self.selected
            if contact is None:
                return "That contact is no longer here."
            try:
                changed = change(contact.id)
            except HallwayError as error:
                return visible(str(error))
            if changed is not None:
                self.announce_saved(changed)
            self.reload()
            self.notify(done.format(visible(contact.name)), markup=False)
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

        save = self._save(log, "Logged. The rhythm with {} starts again from today.")

        def apply(kind: str, note: str) -> str | None:
            chosen.update(kind=kind, note=note)
            return save()

        self.app.push_screen(
            ChoiceModal(
                "Log an interaction",
                self._about(contact, ": what was it?"),
                [(kind, kind) for kind in INTERACTION_KINDS],
                apply,
                note_label="A note (optional)",
                placeholder="talked about her new band",
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

            return self._save(add, "Noted in the give-and-take with {}.")()

        self.app.push_screen(
            ChoiceModal(
                "Give and take",
                self._about(contact),
                [("gave", "you offered"), ("received", "they offered")],
                apply,
                note_label="What was offered",
                placeholder="an intro to a climbing partner",
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
                (WAKE, f"wake now (snoozed until {format_day(contact.snoozed_until, today)})")
            )
        # A snooze counts from the day the catch-up is due, so it always holds it off.
        until = {days: snooze_until(contact, today, int(days)) for days, _ in SNOOZES}
        choices += [
            (days, f"{label} (until {format_day(until[days], today)})") for days, label in SNOOZES
        ]
        due = next_due(contact)
        if due is not None and due > today:
            question = f": next catch-up {format_day(due, today)}; hold it off by…"
        else:
            question = ": hold off the catch-up by…"

        def apply(choice: str, _: str) -> str | None:
            def hold(person_id: int) -> Contact:
                if choice == WAKE:
                    return contacts.unsnooze(self.store, person_id)
                return contacts.snooze(self.store, person_id, until=until[choice])

            if choice == WAKE:
                return self._save(hold, "{} is awake again.")()
            return self._save(hold, f"Snoozed {{}} until {format_day(until[choice], today)}.")()

        self.app.push_screen(ChoiceModal("Snooze", self._about(contact, question), choices, apply))

    def action_add_note(self) -> None:
        """Add a note about the contact (#tags become shared interests)."""
        contact = self.selected
        if contact is None:
            return

        def apply(values: dict[str, str]) -> str | None:
            def add(person_id: int) -> Contact:
                return contacts.add_contact_note(self.store, person_id, values["note"])

            return self._save(add, "Note saved for {}.")()

        self.app.push_screen(
            FieldsModal(
                f"Note about {visible(contact.first_name)}",
                [("note", "Note (ctrl+e: your editor)", "")],
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
            self.notify(f"No follow-ups with {visible(contact.name)}.", markup=False)
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
                return "A follow-up changed meanwhile; open the list again."
            finally:
                if saved:  # what was marked before a failure stays marked: say so to search
                    self.announce_saved(*saved)
                    self.reload()
            return None

        self.app.push_screen(
            ChecklistModal(
                "Follow-ups",
                self._about(contact, ": tick what is done"),
                items,
                apply,
                hint="space marks done or open · enter saves · esc cancels",
            )
        )

    @on(ContactList.Opened)
    def action_edit(self) -> None:
        """Edit the contact's name, work, topics, rhythm and ways to reach them."""
        contact = self.selected
        if contact is None:
            return
        reach = contact.channels
        fields = [
            ("name", "Name", contact.name),
            ("role", "Role", contact.role),
            ("org", "Organisation", contact.org),
            ("topics", "Topics (space-separated)", " ".join(f"#{t}" for t in contact.topics)),
            (
                "cadence_days",
                "Keep in touch (3 weeks, 2 months, yearly, 45…)",
                cadence_label(contact.cadence_days).removeprefix("every "),
            ),
            ("email", "E-mail", reach.email),
            ("phone", "Phone", reach.phone),
            ("url", "Web", reach.url),
        ]

        def apply(values: dict[str, str]) -> str | None:
            changes: dict[str, object] = dict(values)
            changes["topics"] = values["topics"].replace(",", " ").split()

            def edit(person_id: int) -> Contact:
                return contacts.edit_contact(self.store, person_id, **changes)

            return self._save(edit, "Saved {}.")()

        self.app.push_screen(FieldsModal("Edit contact", fields, apply))
