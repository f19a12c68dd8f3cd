"""The help screen: every key of the screen you came from, read from its bindings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.widgets import Button, Static

from hallway.store.i18n import N_, _
from hallway.tui.screens.live_helper import HelperLines
from hallway.widgets import colours
from hallway.widgets.capture import CaptureBar
from hallway.widgets.colours import resolved

HelpRow = tuple[str, str]


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The bindings a node's class declares (inherited ones too, subclasses winning)."""
    by_key: dict[str, Binding] = {}
    for cls in reversed(type(node).__mro__):
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    return [binding for binding in by_key.values() if not binding.system and binding.description]


def rows(app: App[object], bindings: Iterable[Binding]) -> list[HelpRow]:
    """(keys, what they do) rows; keys bound to the same action share a row ("j / down")."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        # Marked where bound (N_), translated here: the help follows the language now.
        what = _(binding.tooltip or binding.description)
        grouped.setdefault((binding.action, what), []).append(app.get_key_display(binding))
    return [(" / ".join(keys), what) for (_action, what), keys in grouped.items()]


def help_sections(screen: Screen[object]) -> list[tuple[str, list[HelpRow]]]:
    """The keys that work on ``screen``: its own, its lists', its capture bar's (ctrl+e, the
    editor, is one), and the app-wide ones."""
    app = screen.app
    own = rows(app, declared_bindings(screen))
    # Keys read in on_key, not bound (the German helper's du/Sie): listed all the same.
    helper = getattr(screen, "helper", None)
    if isinstance(helper, HelperLines):
        own += helper.help_rows()
    sections = [(_("This screen"), own)]
    lists = list(screen.query("OptionList, RowList"))
    if lists:
        sections.append((_("In lists"), rows(app, declared_bindings(lists[0]))))
    bars = list(screen.query(CaptureBar))
    if bars:
        sections.append((_("In the capture bar"), rows(app, declared_bindings(bars[0]))))
    everywhere = [*declared_bindings(app)]
    if app.ENABLE_COMMAND_PALETTE:
        # Textual's own commands are there too: the theme is chosen there.
        everywhere.append(
            Binding(
                app.COMMAND_PALETTE_BINDING,
                "command_palette",
                N_("Command palette"),
                tooltip=N_("Commands: Hallway's, and theme, keys, screenshot"),
            )
        )
    sections.append((_("Everywhere"), rows(app, everywhere)))
    return sections


def help_table(sections: list[tuple[str, list[HelpRow]]], variables: Mapping[str, str]) -> Table:
    """One two-column table with a heading per section (all text is ours: no user input),
    keys in the theme's colour (``variables``: the app's CSS variables)."""
    table = Table.grid(padding=(0, 2))
    # Rich draws the table itself, so the theme's colour is looked up here (and again when
    # the theme changes: see HelpScreen).
    table.add_column(
        justify="right", style=resolved(f"bold {colours.KEY}", variables), no_wrap=True
    )
    table.add_column()
    for index, (title, section_rows) in enumerate(sections):
        if index:
            table.add_row("", "")
        table.add_row("", Text(title, "bold underline"))
        for keys, what in section_rows:
            table.add_row(keys, what)
    return table


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below; escape, q, h, ? or a tap on Close closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,h,f1", "close", N_("Close help")),
    ]

    def __init__(self, described: Screen[object]) -> None:
        super().__init__()
        self._sections = help_sections(described)

    @property
    def sections(self) -> list[tuple[str, list[HelpRow]]]:
        """What the help lists, section by section."""
        return self._sections

    def compose(self) -> ComposeResult:
        """A scrollable box with the keys table, and a button (docked, so never scrolled
        away) to close it."""
        with VerticalScroll(id="help-box") as box:
            box.border_title = _("Keys")
            box.border_subtitle = _("escape closes")
            yield Static(help_table(self._sections, self.app.theme_variables), id="help-keys")
            with Horizontal(id="dialog-buttons"):
                yield Button(_("Close"), variant="primary", id="close", compact=True)

    def on_mount(self) -> None:
        """Follow a theme chosen while the help is open."""
        self.app.theme_changed_signal.subscribe(self, self._retheme)

    def _retheme(self, _theme: Theme) -> None:
        keys = help_table(self._sections, self.app.theme_variables)
        self.query_one("#help-keys", Static).update(keys)

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
