"""Small dialogs for contacts: pick one thing (and maybe write a line), tick several, or edit
fields.

Each takes an ``apply`` callback that saves and returns an error message (or None): the dialog
closes only once the save worked, and otherwise shows why and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from hallway.store.i18n import N_, _
from hallway.widgets import colours
from hallway.widgets.editor import edit_in_editor, from_line, to_line
from hallway.widgets.text import markup_literal, plain, themed
from hallway.widgets.typeahead import KeysMayFlow

ChoiceApply = Callable[[str, str], str | None]
ChecklistApply = Callable[[dict[str, bool]], str | None]
FieldsApply = Callable[[dict[str, str]], str | None]
ResultT = TypeVar("ResultT")


def dialog_buttons(confirm: str, *, confirm_id: str = "confirm") -> Horizontal:
    """A dialog's row of two tappable buttons: ``confirm`` (what Enter does) and ``cancel``
    (what Escape does). An :class:`AcceptingModal` answers them; one line high, so a dialog
    still fits a phone held on its side."""
    return Horizontal(
        Button(
            confirm,
            variant="primary",
            id=confirm_id,
            classes="dialog-confirm",
            compact=True,
        ),
        Button(
            _("Cancel"),
            id="cancel",
            classes="dialog-cancel",
            compact=True,
        ),
        id="dialog-buttons",
    )


class AcceptingModal(ModalScreen[ResultT]):
    """A dialog that Enter accepts as a whole, from any field or list.

    Enter is a priority binding so a list's own Enter does not swallow it — except in a text
    field: there the field submits itself, after every key typed before Enter has reached it
    (a priority binding would run first and read a half-typed value in a fast burst); and on
    a button, which presses itself ("Cancel" means cancel).

    What was typed and not saved is :meth:`unsaved` (the app's
    :class:`~hallway.tui.quitting.HoldsUnsavedText`, asked before quitting).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    @on(Button.Pressed, ".dialog-confirm")
    def _confirm_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_accept()

    @on(Button.Pressed, ".dialog-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Let a focused text field or button handle Enter itself."""
        if action == "accept" and isinstance(self.focused, Input | Button):
            return False
        return super().check_action(action, parameters)

    @on(Input.Submitted)
    def _field_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()

    def action_accept(self) -> None:
        """Accept the dialog (each dialog says what that means)."""
        raise NotImplementedError

    @on(events.Mount)
    def _remember_initial(self) -> None:
        # Its own handler, so dialogs' on_mount methods don't replace it.
        self._initial = {id(field): field.value for field in self.query(Input)}

    def unsaved(self) -> list[str]:
        """What was typed into the fields and not saved yet (pre-filled values don't count)."""
        initial = getattr(self, "_initial", {})
        return [
            field.value
            for field in self.query(Input)
            if field.value.strip() and field.value != initial.get(id(field))
        ]

    def refuse(self, problem: str) -> None:
        """Stay open and say what to fix; keys typed after Enter go on into the field."""
        self.query_one("#dialog-error", Static).update(plain(problem, "bold"))
        self.post_message(KeysMayFlow())

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class ChoiceModal(AcceptingModal[bool]):
    """Choose one of ``choices`` (key, label) and, with ``note_label``, write a line.

    Enter accepts from anywhere; dismisses True once ``apply(key, text)`` succeeded.
    """

    def __init__(
        self,
        title: str,
        about: Text,
        choices: Sequence[tuple[str, Text | str]],
        apply: ChoiceApply,
        *,
        note_label: str | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self._title, self._about = title, about
        self._choices = list(choices)
        self._apply = apply
        self._note_label, self._placeholder = note_label, placeholder

    def compose(self) -> ComposeResult:
        """The question, the choices, maybe a line to write, and room for an error."""
        with Vertical(id="dialog", classes="choice") as dialog:
            dialog.border_title = markup_literal(self._title)  # titles are markup; names are not
            yield Static(self._about, id="choice-about")
            options = [Option(label, id=key) for key, label in self._choices]
            yield OptionList(*options, id="choice-list", markup=False)
            if self._note_label is not None:
                yield Label(self._note_label, classes="dialog-label")
                yield Input(placeholder=self._placeholder, id="choice-note")
            yield Static("", id="dialog-error", markup=False)
            yield Static(
                themed(Text(_("enter saves · ↑↓ choose · tab next · esc cancels"), colours.QUIET)),
                classes="dialog-hint",
            )
            yield dialog_buttons(_("Save"))

    def on_mount(self) -> None:
        """Start on the first choice."""
        choices = self.query_one("#choice-list", OptionList)
        choices.highlighted = 0
        choices.focus()

    @property
    def choice(self) -> str:
        """The highlighted choice's key."""
        choices = self.query_one("#choice-list", OptionList)
        return self._choices[choices.highlighted or 0][0]

    def action_accept(self) -> None:
        """Save through ``apply``; stay open with the reason if it refused."""
        notes = self.query(Input)
        text = notes.first().value if notes else ""
        problem = self._apply(self.choice, text)
        if problem is None:
            self.dismiss(True)
        else:
            self.refuse(problem)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(False)


class ChecklistModal(AcceptingModal[bool]):
    """Tick any number of ``items`` (key, label, ticked): space ticks or unticks the highlighted
    one, enter saves them all at once through ``apply`` (given only the ticks that changed).

    One way to do it, said once in the hint: follow-ups are marked done (or open again)
    several at a time, not one per opening.
    """

    def __init__(
        self,
        title: str,
        about: Text,
        items: Sequence[tuple[str, Text | str, bool]],
        apply: ChecklistApply,
        *,
        hint: str | None = None,
    ) -> None:
        super().__init__()
        self._title, self._about = title, about
        self._items = list(items)
        self._apply = apply
        self._hint = (
            _("space ticks or unticks · enter saves · esc cancels") if hint is None else hint
        )

    def compose(self) -> ComposeResult:
        """The question, the items with their ticks, room for an error, the hint."""
        with Vertical(id="dialog", classes="choice") as dialog:
            dialog.border_title = markup_literal(self._title)  # titles are markup; names are not
            yield Static(self._about, id="choice-about")
            yield SelectionList[str](
                *(Selection(label, key, ticked) for key, label, ticked in self._items),
                id="checklist",
            )
            yield Static("", id="dialog-error", markup=False)
            yield Static(
                themed(Text(self._hint, colours.QUIET)), id="checklist-hint", classes="dialog-hint"
            )
            yield dialog_buttons(_("Save"))

    def on_mount(self) -> None:
        """Start on the first item."""
        items = self.query_one("#checklist", SelectionList)
        items.highlighted = 0
        items.focus()

    def changes(self) -> dict[str, bool]:
        """The items whose tick differs from when the dialog opened: key -> ticked now."""
        ticked = set(self.query_one("#checklist", SelectionList).selected)
        return {
            key: key in ticked for key, _label, before in self._items if (key in ticked) != before
        }

    def action_accept(self) -> None:
        """Save every changed tick through ``apply``; stay open with the reason if refused."""
        changes = self.changes()
        problem = self._apply(changes) if changes else None
        if problem is None:
            self.dismiss(bool(changes))
        else:
            self.refuse(problem)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(False)


class FieldsModal(AcceptingModal[bool]):
    """Edit a few labelled one-line fields; enter saves through ``apply``. A field whose key
    is in ``in_editor`` (a note) may be written in the user's editor (ctrl+e), lines and all."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the field's own ctrl+e (go to the end; End still does) gives way to it.
        Binding(
            "ctrl+e", "editor", N_("Editor"), tooltip=N_("Write it in your editor"), priority=True
        ),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str, str]],
        apply: FieldsApply,
        *,
        in_editor: Collection[str] = (),
    ) -> None:
        """``fields`` are (key, label, current value)."""
        super().__init__()
        self._title = title
        self._fields = list(fields)
        self._apply = apply
        self._in_editor = {f"field-{key}" for key in in_editor}

    def compose(self) -> ComposeResult:
        """One label and input per field."""
        with Vertical(id="dialog", classes="fields") as dialog:
            dialog.border_title = markup_literal(self._title)  # titles are markup; names are not
            for key, label, value in self._fields:
                yield Label(label, classes="dialog-label")
                yield Input(value, id=f"field-{key}")
            yield Static("", id="dialog-error", markup=False)
            yield Static(
                themed(Text(_("enter saves · tab next field · esc cancels"), colours.QUIET)),
                classes="dialog-hint",
            )
            yield dialog_buttons(_("Save"))

    def on_mount(self) -> None:
        """Start in the first field."""
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        """What the fields hold now (in a field written in the editor, its line breaks)."""
        found = {}
        for key, _label, _value in self._fields:
            field = self.query_one(f"#field-{key}", Input)
            found[key] = from_line(field.value) if field.id in self._in_editor else field.value
        return found

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+e writes in the editor only from a field that may hold several lines."""
        if action == "editor":
            field = self.focused
            return isinstance(field, Input) and field.id in self._in_editor and not self.app.is_web
        return super().check_action(action, parameters)

    def action_editor(self) -> None:
        """Open the focused field in the user's editor (after the keys typed before it)."""
        field = self.focused
        if isinstance(field, Input) and field.id in self._in_editor:
            field.call_later(self._edit, field)

    def _edit(self, field: Input) -> None:
        edited = edit_in_editor(self.app, from_line(field.value))
        if edited.text is not None:
            field.value = to_line(edited.text)
            field.cursor_position = len(field.value)
        if edited.problem:
            self.refuse(edited.problem)
        field.focus()

    def action_accept(self) -> None:
        """Save through ``apply``; stay open with the reason if it refused."""
        problem = self._apply(self.values())
        if problem is None:
            self.dismiss(True)
        else:
            self.refuse(problem)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(False)
