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

from hallway.widgets.typeahead import KeysMayFlow


class NewEventModal(ModalScreen[tuple[str, str] | None]):
    """Ask for a new event's name and place; dismisses with ``(name, place)`` or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, name: str = "", place: str = "") -> None:
        super().__init__()
        self._event_name, self._place = name, place

    def compose(self) -> ComposeResult:
        """Two fields and two buttons in a small box."""
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Start a live event"
            yield Label("Name")
            yield Input(self._event_name, placeholder="PyCon Berlin 2026", id="event-name")
            yield Label("Place (optional)")
            yield Input(self._place, placeholder="Berlin", id="event-place")
            yield Static("", id="dialog-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        name = " ".join(self.query_one("#event-name", Input).value.split())
        place = self.query_one("#event-place", Input).value.strip()
        if not name:
            self.query_one("#dialog-error", Static).update(
                Text("An event needs a name, e.g. “PyCon Berlin 2026”.", "bold")
            )
            self.query_one("#event-name", Input).focus()
            self.post_message(KeysMayFlow())  # what was typed after Enter goes on into the field
            return
        self.dismiss((name, place))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without starting anything."""
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question; ``y`` or enter confirms, ``n`` or escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Text, yes: str = "Yes") -> None:
        super().__init__()
        self._question, self._yes = question, yes

    def compose(self) -> ComposeResult:
        """The question (typed text inside it stays literal) and two buttons."""
        with Vertical(id="dialog"):
            yield Static(self._question, markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self._yes, variant="warning", id="yes")
                yield Button("Keep going", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)
