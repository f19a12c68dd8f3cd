"""The capture bar: one line for a new person, a note, or a promise."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from hallway.store.i18n import N_, _
from hallway.widgets import colours
from hallway.widgets.editor import LINE_MARK, edit_in_editor, from_line, to_line
from hallway.widgets.fitted import FittedInput
from hallway.widgets.text import plain, sentence, themed
from hallway.widgets.typeahead import KeysMayFlow

CaptureMode = Literal["person", "note", "promise", "circle"]

# Longest first: the field shows the longest that fits its width (see widgets/fitted.py).
PLACEHOLDERS: dict[CaptureMode, tuple[str, ...]] = {
    "person": (
        N_("Maya Chen, data engineer @Acme #sourdough -- promised my focaccia recipe"),
        N_("Maya Chen, data engineer @Acme #sourdough"),
        N_("Maya Chen @Acme #sourdough"),
        N_("Maya Chen #sourdough"),
        N_("a name"),
    ),
    "note": (
        N_("what you talked about; #tags become topics"),
        N_("what you talked about"),
        N_("a note"),
    ),
    "circle": (
        N_("a note for everyone in the circle; #tags become topics"),
        N_("a note for everyone in the circle"),
        N_("a note for everyone"),
    ),
    "promise": (
        N_("what you promised (due in 3 days unless you say: tomorrow, friday, in 2 weeks)"),
        N_("what you promised (due in 3 days unless you say when)"),
        N_("what you promised"),
        N_("a promise"),
    ),
}
HINTS: dict[CaptureMode, str] = {
    "person": N_("Enter saves · Esc keeps it · ctrl+u clears · NAME, ROLE @ORG #topic -- note"),
    "note": N_("Enter saves the note · Esc keeps it · ctrl+u clears · ctrl+e: your editor"),
    "circle": (
        N_("Enter saves the note for everyone · Esc keeps it · ctrl+u clears · ctrl+e: your editor")
    ),
    "promise": N_("Enter saves the promise · Esc keeps it · ctrl+u clears · ctrl+e: your editor"),
}
FROM_EDITOR = N_("From your editor: Enter saves it")
LINE_BREAKS = N_(" ({mark} marks each line break)")
# The key that opens the bar for each purpose (said when a draft is put away).
OPEN_KEYS: dict[CaptureMode, str] = {"person": "n", "note": "t", "promise": "f", "circle": "w"}
IDLE_HINT = N_("n: new person · t: note · f: promise")

DraftKey = tuple[CaptureMode, int, str]  # mode, person id, person name
PERSON_KEY: DraftKey = ("person", 0, "")


def placeholders(mode: CaptureMode) -> tuple[str, ...]:
    """The capture field's placeholders for ``mode`` in the current language, longest
    first."""
    return tuple(_(text) for text in PLACEHOLDERS[mode])


class CaptureSave(Static):
    """The bar's "Save": a tap saves the line, as Enter does."""

    ALLOW_SELECT = False

    class Tapped(Message):
        """The label was tapped."""

    def on_click(self, event: events.Click) -> None:
        """Say so to the bar."""
        event.stop()
        self.post_message(self.Tapped())


class CaptureBar(Vertical):
    """A prompt label, an input and a hint line. Posts :class:`Submitted` / :class:`Cancelled`.

    The bar keeps its text until the screen calls :meth:`reset` (after a successful save),
    so a refused line or a failed save never loses what was typed.
    """

    DEFAULT_CSS = """
    CaptureBar {
        height: auto;
        padding: 0 1;
    }
    CaptureBar > Horizontal {
        height: 1;
    }
    CaptureBar #capture-prompt {
        width: auto;
        max-width: 50%;
        padding-right: 1;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CaptureBar.-about-person #capture-prompt {
        color: $hallway-warning;
    }
    CaptureBar Input {
        width: 1fr;
    }
    /* A tap saves, as Enter does: shown while the bar is in use. */
    CaptureBar #capture-save {
        width: auto;
        display: none;
        padding: 0 1;
        background: $hallway-cursor;
        color: $hallway-text;
        text-style: bold;
    }
    CaptureBar:focus-within #capture-save {
        display: block;
    }
    CaptureBar #capture-hint {
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CaptureBar #capture-hint.-error {
        color: $hallway-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", N_("Later"), tooltip=N_("Leave the bar; what is typed is kept")
        ),
        # Priority: the field's own ctrl+e (go to the end; End still does) gives way to it
        # while a note or a promise is written.
        Binding(
            "ctrl+e",
            "editor",
            N_("Editor"),
            tooltip=N_("Note or promise in your editor ($VISUAL, else $EDITOR)"),
            priority=True,
        ),
        # Priority, so it clears the whole line (the field's own ctrl+u stops at the cursor).
        Binding("ctrl+u", "clear", N_("Clear"), tooltip=N_("Clear the line"), priority=True),
    ]

    class Submitted(Message):
        """Enter was pressed with ``text`` in ``mode``."""

        def __init__(self, mode: CaptureMode, text: str) -> None:
            super().__init__()
            self.mode = mode
            self.text = text

    class Cancelled(Message):
        """Escape was pressed; nothing was saved (what was typed is kept: :meth:`put_away`)."""

        def __init__(self, mode: CaptureMode) -> None:
            super().__init__()
            self.mode = mode

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode: CaptureMode = "person"
        self.target_name = ""
        self._key: DraftKey = PERSON_KEY
        self._drafts: dict[DraftKey, str] = {}

    def compose(self) -> ComposeResult:
        """Prompt and input on one line, the hint (or the refusal) below."""
        with Horizontal():
            yield Static(self._prompt(), id="capture-prompt", markup=False)
            # No select-on-focus: typing after n must add to a kept draft, not replace it.
            yield FittedInput(
                placeholders=placeholders("person"),
                compact=True,
                select_on_focus=False,
                id="capture-input",
            )
            yield CaptureSave(_("⏎ Save"), id="capture-save", markup=False)
        yield Static(_(IDLE_HINT), id="capture-hint", markup=False)

    @property
    def input(self) -> FittedInput:
        """The bar's input field."""
        return self.query_one("#capture-input", FittedInput)

    @property
    def value(self) -> str:
        """What is typed right now."""
        return self.input.value

    @property
    def hint(self) -> str:
        """The hint or refusal currently shown under the input."""
        content = self.query_one("#capture-hint", Static).content
        return content.plain if isinstance(content, Text) else str(content)

    def _prompt(self) -> Text:
        name = plain(self.target_name)
        if self.mode in ("note", "circle"):  # a circle's target names everyone in it
            return sentence(_("Note for {name} ›"), name=name)
        if self.mode == "promise":
            return sentence(_("Promise to {name} ›"), name=name)
        return Text(_("New person ›"))

    def begin(self, mode: CaptureMode, target_name: str = "", target_id: int = 0) -> None:
        """Switch to ``mode`` (for a note or promise about ``target_name``, or a note for a
        whole circle: ``target_name`` then names everyone) and focus.

        Text typed for one purpose never lands on another: unsaved text is kept as a draft
        for its mode and person, and comes back when the bar is opened for them again.
        """
        key = (mode, target_id, "" if target_id else target_name)  # a rename keeps the draft
        if key != self._key:
            self._stash()
            self._show_text(self._drafts.pop(key, ""))
        self._key = key
        self.mode, self.target_name = mode, target_name
        self.set_class(mode != "person", "-about-person")
        self.query_one("#capture-prompt", Static).update(self._prompt())
        self.input.set_placeholders(placeholders(mode))
        self._set_hint(_(HINTS[mode]))
        self._focus_now()

    def refuse(self, reason: str) -> None:
        """Show why the line was not saved; the typed text stays for fixing."""
        self._set_hint(reason, error=True)
        self._focus_now()
        self.post_message(KeysMayFlow())  # what was typed after Enter goes on into the bar

    def _focus_now(self) -> None:
        # Widget.focus() waits for the app's queue to drain; keys typed right after n would
        # then reach the list as commands. Screen.set_focus takes effect at once.
        self.screen.set_focus(self.input)

    def reset(self, hint: str = "") -> None:
        """The current text is done with (saved or cancelled): back to capturing people, with
        any person line kept from before, and ``hint`` under the input (the idle hint
        when empty)."""
        self._drafts.pop(self._key, None)
        self._key = PERSON_KEY
        self.mode, self.target_name = "person", ""
        self.remove_class("-about-person")
        self._show_text(self._drafts.pop(PERSON_KEY, ""))
        self.input.set_placeholders(placeholders("person"))
        self.query_one("#capture-prompt", Static).update(self._prompt())
        self._set_hint(hint or _(IDLE_HINT))

    def put_away(self) -> None:
        """Leave the text for later (escape): a person line stays in the bar, a note or a
        promise is kept as that person's draft; the bar says how to go on, or to clear it."""
        mode, name, typed = self.mode, self.target_name, self.input.value.strip()
        if mode != "person":
            self._stash()
            self._key = PERSON_KEY
            self.mode, self.target_name = "person", ""
            self.remove_class("-about-person")
            self._show_text(self._drafts.pop(PERSON_KEY, ""))
            self.input.set_placeholders(placeholders("person"))
            self.query_one("#capture-prompt", Static).update(self._prompt())
        if not typed:
            self._set_hint(_(IDLE_HINT))
            return
        first = name.split()[0] if name.split() else name  # short: the hint is one line
        kept = {
            "person": _(
                "Kept this line for later: {key} goes on with it · ctrl+u there clears it."
            ),
            "note": _(
                "Kept your note for {first}: {key} goes on with it · ctrl+u there clears it."
            ),
            "promise": _(
                "Kept your promise to {first}: {key} goes on with it · ctrl+u there clears it."
            ),
            "circle": _(
                "Kept your note for the circle: {key} goes on with it · ctrl+u there clears it."
            ),
        }[mode]
        self._set_hint(kept.format(first=first, key=OPEN_KEYS[mode]))

    def say(self, hint: str) -> None:
        """Show ``hint`` under the input, leaving what is typed as it is."""
        self._set_hint(hint)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The editor is for notes and promises, in a terminal (not in a browser)."""
        if action == "editor":
            return self.mode != "person" and not self.app.is_web
        return super().check_action(action, parameters)

    def action_editor(self) -> None:
        """Open the note or promise in the user's editor; what is saved there comes back into
        the bar (Enter then saves it), several lines with a mark for each line break. An
        editor that fails changes nothing, and says so."""
        # A priority key acts before the keys typed just ahead of it have reached the field
        # (they wait in its queue): the editor opens after them, from that same queue.
        self.input.call_later(self._edit)

    def _edit(self) -> None:
        if self.mode == "person":
            return
        edited = edit_in_editor(self.app, from_line(self.input.value))
        if edited.text is not None:
            self._show_text(to_line(edited.text))
            breaks = _(LINE_BREAKS).format(mark=LINE_MARK) if "\n" in edited.text else ""
            hint = f"{_(FROM_EDITOR)}{breaks}. {edited.problem}".strip()
            self._set_hint(hint, error=bool(edited.problem))
        else:
            self._set_hint(edited.problem, error=True)
        self._focus_now()

    def action_clear(self) -> None:
        """Clear the line (and so its draft): the explicit way to throw typed text away."""
        self._show_text("")
        self._drafts.pop(self._key, None)
        self._set_hint(_("Cleared. {hint}").format(hint=_(HINTS[self.mode])))

    def _show_text(self, text: str) -> None:
        self.input.value = text
        self.input.cursor_position = len(text)  # typing goes on at the end

    def _stash(self) -> None:
        if self.input.value.strip():
            self._drafts[self._key] = self.input.value
        else:
            self._drafts.pop(self._key, None)

    def unsaved(self) -> list[str]:
        """Everything typed here and not saved yet: the line shown and any drafts."""
        shown = [self.input.value] if self.input.value.strip() else []
        return shown + [text for key, text in self._drafts.items() if key != self._key]

    def drafts(self) -> list[tuple[DraftKey, str, str]]:
        """Every unsaved text with its key and, for the line shown, its person's name: what
        is kept when Hallway is closed from outside (see ``tui/drafts.py``)."""
        shown = [(self._key, self.target_name, self.input.value)] if self.value.strip() else []
        kept = [(key, "", text) for key, text in self._drafts.items() if key != self._key]
        return shown + kept

    def take_back(self, key: DraftKey, text: str) -> None:
        """Take back a draft kept when Hallway was closed: a person line is shown if nothing
        is typed; anything else waits as that person's draft (it comes back with t or f)."""
        if key == self._key and not self.value.strip():
            self._show_text(text)
        elif key not in self._drafts:
            self._drafts[key] = text
        else:
            self._drafts[key] += " " + text

    def _set_hint(self, text: str, *, error: bool = False) -> None:
        hint = self.query_one("#capture-hint", Static)
        # A refusal may quote what was typed, so it is shown literally too.
        hint.update(themed(plain(text, colours.ERROR if error else "")))
        hint.set_class(error, "-error")

    @on(Input.Submitted, "#capture-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    @on(CaptureSave.Tapped)
    def _save_tapped(self, message: CaptureSave.Tapped) -> None:
        # As Enter does; focus stays in the field (the label cannot take it).
        message.stop()
        self._submit(self.input.value)

    def _submit(self, value: str) -> None:
        # A note or promise from the editor may span lines: the marks are line breaks again.
        text = value if self.mode == "person" else from_line(value)
        self.post_message(self.Submitted(self.mode, text))

    def action_cancel(self) -> None:
        """Leave without saving (the screen answers with :meth:`put_away`)."""
        self.post_message(self.Cancelled(self.mode))
