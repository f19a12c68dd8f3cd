"""Small dialogs: start a new live event, confirm a consequential step."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from hallway.store.i18n import N_, _, pgettext
from hallway.tui.screens.choice import AcceptingModal, dialog_buttons


class NewEventModal(AcceptingModal[tuple[str, str] | None]):
    """Ask for a new event's name and place; dismisses with ``(name, place)`` or ``None``.

    Enter in either field starts the event; an empty name is refused and the text kept.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", N_("Start"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, name: str = "", place: str = "") -> None:
        super().__init__()
        self._given = (name, place)

    def compose(self) -> ComposeResult:
        """Two fields and two buttons in a small box."""
        name, place = self._given
        with Vertical(id="dialog") as dialog:
            dialog.border_title = _("Start a live event")
            yield Label(_("Name"))
            yield Input(name, placeholder="PyCon Berlin 2026", id="event-name")
            yield Label(_("Place (optional)"))
            yield Input(place, placeholder="Berlin", id="event-place")
            yield Static("", id="dialog-error", markup=False)
            yield dialog_buttons(_("Start"), confirm_id="start")

    def action_accept(self) -> None:
        """Start the event, or say that it needs a name (keeping what was typed)."""
        name = " ".join(self.query_one("#event-name", Input).value.split())
        place = self.query_one("#event-place", Input).value.strip()
        if not name:
            self.query_one("#event-name", Input).focus()
            self.refuse(_("An event needs a name, e.g. “PyCon Berlin 2026”."))
            return
        self.dismiss((name, place))

    def action_cancel(self) -> None:
        """Close without starting anything."""
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question; ``y`` or enter confirms, ``n`` or escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: Text, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self._question = question
        self._yes = _("Yes") if yes is None else yes
        # A context of its own: the live screen's s ("Keep going", a starter) means another thing.
        self._no = pgettext("dialog button", "Keep going") if no is None else no

    def compose(self) -> ComposeResult:
        """The question (typed text inside it stays literal) and two buttons."""
        with Vertical(id="dialog"):
            yield Static(self._question, markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self._yes, variant="warning", id="yes", compact=True)
                yield Button(self._no, id="no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)
