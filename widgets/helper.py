"""The Helper pane: a line to keep a conversation going, or to leave it kindly."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from hallway.store import i18n
from hallway.store.i18n import N_, _
from hallway.widgets import colours
from hallway.widgets.text import plain, themed

HelperMode = Literal["starter", "exit"]
MODE_TITLES: dict[HelperMode, str] = {
    "starter": N_("Keep it going"),
    "exit": N_("Leave gracefully"),
}
EMPTY = N_("s: something to keep it going · l: a kind way to leave")
# German only: how the helper's lines address people (see tui/screens/live_helper.py).
FORM_NAMES = {"du": N_("du"), "sie": N_("Sie")}
FORM_QUESTION = N_("Du or Sie?")
FORM_WHY = N_(
    "How should the helper's lines address people here? Asked once for this event; "
    "a switches later."
)


class HelperPane(Static):
    """Shows one helper line; the screen picks the line (attributes down)."""

    DEFAULT_CSS = """
    HelperPane {
        height: auto;
        min-height: 3;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(themed(Text(_(EMPTY), f"italic {colours.QUIET}")), id=id, markup=False)
        self.mode: HelperMode | None = None
        self.line = ""

    def on_mount(self) -> None:
        """Start with the plain title."""
        self.border_title = _("Helper")

    def show_line(
        self,
        mode: HelperMode,
        line: str,
        category: str = "",
        *,
        language: str = "en",
        form: str | None = None,
    ) -> None:
        """Show ``line`` (it may quote the person's name, so it is shown literally); a German
        line's title names its address form ("du" or "Sie")."""
        self.mode, self.line = mode, line
        if form in FORM_NAMES:
            self.border_title = _("Helper · {what} · {form}").format(
                what=_(MODE_TITLES[mode]), form=_(FORM_NAMES[form])
            )
        else:
            self.border_title = _("Helper · {what}").format(what=_(MODE_TITLES[mode]))
        body = plain(line)
        if category:
            from hallway.store.phrases import category_label  # the lines load when first used

            body.append(f"\n{category_label(category, language)}", f"italic {colours.QUIET}")
        self.update(themed(body))

    def ask_form(self) -> None:
        """Ask how German lines address people: du or Sie (the screen saves the answer)."""
        self.mode, self.line = None, ""
        self.border_title = _("Helper")
        body = Text(_(FORM_QUESTION), "bold")
        body.append(f"\n{_(FORM_WHY)}", f"italic {colours.QUIET}")
        # The keys too: a wide screen shows no taps (the footer's keys stand for them).
        body.append("\n" + _("1: du · 2: Sie"))
        self.update(themed(body))

    def clear(self) -> None:
        """Back to the hint (the last line was for someone else)."""
        self.mode, self.line = None, ""
        self.border_title = _("Helper")
        self.update(themed(Text(_(EMPTY), f"italic {colours.QUIET}")))


class HelperAsk(Static):
    """One tappable helper action ("s another starter"); a tap asks for a line of its mode
    (or, in German, switches the address form or answers the question about it)."""

    ALLOW_SELECT = False

    def __init__(self, mode: str, key: str, label: str) -> None:
        super().__init__(Text.assemble((f" {key} ", "bold"), f" {label} "), markup=False)
        self.mode = mode
        """What a tap asks for: "starter", "exit"; in German "switch", "du" or "sie"."""

    def on_click(self, event: events.Click) -> None:
        """Ask for the next line of this mode."""
        event.stop()
        self.post_message(HelperActions.Asked(self.mode))


class HelperActions(Horizontal):
    """The helper's two asks as taps: another starter, a way to leave (the keys ``s`` and
    ``l`` do the same); in German also du or Sie (``a``), and while the helper asks which,
    the two answers (``1``, ``2``) instead; posts :class:`Asked`."""

    DEFAULT_CSS = """
    HelperActions {
        height: 1;
        HelperAsk {
            width: auto;
            margin-right: 1;
            background: $panel;
            text-wrap: nowrap;
        }
        .-answer { display: none; }
        &.-asking {
            .-answer { display: block; }
            .-line { display: none; }
        }
    }
    """

    class Asked(Message):
        """A helper action was tapped: "starter", "exit", "switch", "du" or "sie"."""

        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def compose(self) -> ComposeResult:
        """The two asks (and in German the address form's)."""
        yield HelperAsk("starter", "s", _("another starter")).add_class("-line")
        yield HelperAsk("exit", "l", _("a way to leave")).add_class("-line")
        if i18n.current() == "de":
            yield HelperAsk("switch", "a", _("du/Sie")).add_class("-line")
            for key, form in (("1", "du"), ("2", "sie")):
                yield HelperAsk(form, key, _(FORM_NAMES[form])).add_class("-answer")

    def asking(self, asking: bool) -> None:
        """Show the answers to "Du oder Sie?" (``asking``), else the usual asks."""
        self.set_class(asking, "-asking")
