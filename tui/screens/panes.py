"""Screens made of side-by-side panes, which a narrow terminal shows one at a time.

The app's breakpoints (``HallwayApp.HORIZONTAL_BREAKPOINTS``) give every screen ``-narrow``
below ~70 columns, live as the terminal is resized: app.tcss then shows only the pane named by
the screen's ``-pane-…`` class, and a one-line :class:`~hallway.widgets.switcher.PaneSwitcher`
names the panes. Which pane is shown follows focus (a tap in a pane, tab, a screen's own
``focus()``), so a resize never changes what is selected or typed: it only changes how much
of the screen is drawn. ``o`` ("other pane"; the arrows too, outside text fields) or a tap
on the switcher shows another pane.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input

from hallway.store.db import Store
from hallway.store.i18n import N_, _
from hallway.tui.screens.base import HallwayScreen
from hallway.widgets.switcher import PaneSwitcher

NARROW = "-narrow"
"""The screen class of a narrow terminal (see ``HallwayApp.HORIZONTAL_BREAKPOINTS``)."""
PANE_ACTIONS = frozenset({"next_pane", "previous_pane"})


class PanedScreen(HallwayScreen):
    """A screen whose panes (``PANES``: name, label) sit side by side, or one at a time on a
    narrow terminal. Subclasses say where each pane is (:meth:`pane_container`) and compose a
    :class:`PaneSwitcher` with ``id="panes"``."""

    PANES: ClassVar[tuple[tuple[str, str], ...]] = ()

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so that a focused pane's own arrow keys (a scrolling pane's left/right)
        # do not keep it; check_action leaves them to a text field, and to wide screens.
        Binding(
            "o,right",
            "next_pane",
            N_("Next pane"),
            show=False,
            priority=True,
            tooltip=N_("Next pane (a narrow screen shows one at a time)"),
        ),
        Binding(
            "left",
            "previous_pane",
            N_("Previous pane"),
            show=False,
            priority=True,
            tooltip=N_("Previous pane (a narrow screen shows one at a time)"),
        ),
    ]

    def __init__(self, store: Store, *, demo: bool = False) -> None:
        super().__init__(store, demo=demo)
        self.pane = self.PANES[0][0]
        """The pane shown on a narrow terminal (the one holding focus, or asked for)."""
        self.add_class(f"-pane-{self.pane}")

    @property
    def narrow(self) -> bool:
        """Whether the terminal is narrow: one pane at a time."""
        return self.has_class(NARROW)

    @property
    def switcher(self) -> PaneSwitcher:
        """The line that names the panes."""
        return self.query_one("#panes", PaneSwitcher)

    def compose_switcher(self) -> PaneSwitcher:
        """A new line naming the panes (in the language spoken now), for ``compose``."""
        return PaneSwitcher([(pane, _(label)) for pane, label in self.PANES], id="panes")

    def pane_container(self, pane: str) -> Widget:
        """The widget that holds ``pane`` (hidden while another pane is shown)."""
        raise NotImplementedError

    def pane_focus(self, pane: str) -> Widget:
        """The widget that takes focus when ``pane`` is shown."""
        container = self.pane_container(pane)
        if container.focusable:
            return container
        for widget in container.query("*"):
            if widget.focusable:
                return widget
        return container

    def show_pane(self, pane: str, *, focus: bool = True) -> None:
        """Show ``pane`` on a narrow terminal and, with ``focus``, focus it (at once, so keys
        typed next act there)."""
        self._mark(pane)
        target = self.pane_focus(pane)
        if focus and target.focusable:  # an empty list cannot hold focus
            self.set_focus(target)

    def _mark(self, pane: str) -> None:
        if pane != self.pane:
            self.remove_class(f"-pane-{self.pane}")
            self.pane = pane
            self.add_class(f"-pane-{pane}")
        if self.is_mounted:
            self.switcher.show(pane)

    def on_mount(self) -> None:
        """Mark the first pane in the switcher."""
        self.switcher.show(self.pane)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The pane that holds focus is the one shown."""
        pane = self.pane_of(event.widget)
        if pane is not None:
            self._mark(pane)

    def pane_of(self, widget: Widget) -> str | None:
        """The pane ``widget`` is in (None: outside every pane, e.g. the capture bar)."""
        containers = {self.pane_container(pane): pane for pane, _ in self.PANES}
        node: Widget | None = widget
        while node is not None and node is not self:
            if node in containers:
                return containers[node]
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    @on(PaneSwitcher.Chosen)
    def _chosen(self, message: PaneSwitcher.Chosen) -> None:
        self.show_pane(message.pane)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pane keys work on a narrow terminal, outside text fields."""
        if action in PANE_ACTIONS:
            return self.narrow and not isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def action_next_pane(self) -> None:
        """Show the next pane (after the last, the first)."""
        self._step(1)

    def action_previous_pane(self) -> None:
        """Show the previous pane (before the first, the last)."""
        self._step(-1)

    def _step(self, direction: int) -> None:
        names = [pane for pane, _ in self.PANES]
        self.show_pane(names[(names.index(self.pane) + direction) % len(names)])
