"""The footer every Hallway screen shows: its keys and what they do, each one clickable.

Built on Textual's public binding API only -- the screen's ``bindings_updated_signal`` and
``active_bindings`` -- and drawn like Textual's own :class:`~textual.widgets.Footer`, with two
differences that matter on a long day of capturing. Textual's footer rebuilds all its keys
whenever the bindings *may* have changed (every focus move, so twice per capture on the live
screen), and each rebuild left the old keys alive through a data binding the footer never
dropped, so the garbage collector rescanned thousands of dead widgets and every save got
slower. This one rebuilds only when the keys it shows change, and binds nothing, so a
removed key is simply gone.

A click (or a tap) on a key runs that key's action where the key is bound, as pressing it
would.

A key is never cut in two: the keys fill as many lines as the footer is high (app.tcss gives
a narrow, tall terminal two), in order, and those that do not fit are left out whole; the
command palette's key stays on the right of the first line, so every action is still a tap
away there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer
from textual.widget import Widget

from hallway.store.i18n import _

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class ShownKey:
    """One key as the footer shows it (comparable: the footer rebuilds only on a change)."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool = False  # the command palette's key, on the right

    @property
    def width(self) -> int:
        """The cells it takes in the footer (its padding and, for the palette's key, its
        edge, as :class:`FooterItem` draws them)."""
        if self.palette:
            return cell_len(self.display) + 1 + cell_len(self.description) + 2
        return cell_len(self.display) + 2 + cell_len(self.description) + 1


def fit_lines(keys: Sequence[ShownKey], widths: Sequence[int]) -> tuple[tuple[ShownKey, ...], ...]:
    """``keys`` in order, as many as fit whole in lines of ``widths`` cells (one width per
    line); a key that does not fit on the last line is left out, and so is every key after
    it."""
    rows: list[list[ShownKey]] = [[] for _width in widths]
    line, used = 0, 0
    for key in keys:
        while line < len(widths) and used + key.width > widths[line]:
            line, used = line + 1, 0
        if line == len(widths):
            break
        rows[line].append(key)
        used += key.width
    return tuple(tuple(row) for row in rows)


class FooterItem(Widget):
    """One key and what it does ("n New"); clicking it runs the key's action."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"footer-item--key", "footer-item--description"}

    # Textual's footer keys' look.
    DEFAULT_CSS = """
    FooterItem {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        .footer-item--key {
            color: $hallway-footer-key;
            background: $footer-key-background;
            text-style: bold;
            padding: 0 1;
        }
        .footer-item--description {
            padding: 0 1 0 0;
            color: $hallway-footer-text;
            background: $footer-description-background;
        }
        &:hover {
            pointer: pointer;
            color: $hallway-footer-key;
            background: $block-hover-background;
        }
        &.-disabled {
            text-style: dim;
        }
        /* The command palette's key is drawn compact, as in Textual's footer. */
        &.-command-palette {
            .footer-item--key {
                padding: 0;
            }
            .footer-item--description {
                padding: 0 0 0 1;
            }
        }
    }
    """

    def __init__(self, shown: ShownKey) -> None:
        super().__init__(classes="-command-palette" if shown.palette else "")
        self.shown = shown
        """The key, as shown."""
        self.set_class(not shown.enabled, "-disabled")
        self.set_reactive(Widget.shrink, False)
        if shown.tooltip:
            self.tooltip = shown.tooltip

    @property
    def key(self) -> str:
        """The key as bound (``"n"``, ``"ctrl+p"``)."""
        return self.shown.key

    @property
    def description(self) -> str:
        """What the key does, as shown."""
        return self.shown.description

    def render(self) -> Text:
        """The key, then its description, each with its padding (just the key when it has
        no description)."""
        key_style = self.get_component_rich_style("footer-item--key")
        if not self.description:
            label = Text(self.shown.display, key_style)
        else:
            key = self.get_component_styles("footer-item--key").padding
            what = self.get_component_styles("footer-item--description").padding
            label = Text.assemble(
                (" " * key.left + self.shown.display + " " * key.right, key_style),
                (
                    " " * what.left + self.description + " " * what.right,
                    self.get_component_rich_style("footer-item--description"),
                ),
            )
        label.stylize_before(self.rich_style)
        return label

    async def on_click(self, event: events.Click) -> None:
        """Run the key's action where it is bound now (a disabled key rings the bell)."""
        event.stop()
        active = self.screen.active_bindings.get(self.key)
        if active is None or not active.enabled:
            self.app.bell()
            return
        await self.app.run_action(active.binding.action, active.node)


class HallwayFooter(ScrollableContainer, can_focus=False, can_focus_children=False):
    """The keys of the focused widget and its screen that are marked ``show``, then the
    command palette's key on the right; rebuilt only when those change."""

    ALLOW_SELECT = False

    # Textual's footer's look (not compact).
    DEFAULT_CSS = """
    HallwayFooter {
        layout: vertical;
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        scrollbar-size: 0 0;
        FooterItem.-command-palette {
            dock: right;
            padding-right: 1;
            border-left: vkey $foreground 20%;
        }
        .footer-line {
            height: 1;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # None until the screen first says its bindings are ready: until then, no keys.
        self._shown: tuple[ShownKey, ...] | None = None
        self._lines: tuple[tuple[ShownKey, ...], ...] = ()  # the keys shown, line by line
        self._palette: tuple[ShownKey, ...] = ()

    def on_mount(self) -> None:
        """Listen to the screen's "bindings changed" signal."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop listening."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # While the terminal has lost focus nothing is focused: keep the keys shown then.
        if not screen.app.app_focus or screen is not self.screen:
            return
        if self._keys() != self._shown:
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()  # again: the bindings may have moved on since the signal
        if keys != self._shown:
            self._shown = keys
            await self._arrange()

    async def _arrange(self) -> None:
        """Lay the keys out in the footer's lines; recompose only when that changed."""
        keys = self._shown or ()
        palette = tuple(key for key in keys if key.palette)
        width, height = self.size
        widths = [width - sum(key.width for key in palette)] + [width] * (height - 1)
        lines = fit_lines([key for key in keys if not key.palette], widths)
        if (lines, palette) != (self._lines, self._palette):
            self._lines, self._palette = lines, palette
            await self.recompose()

    async def on_resize(self, event: events.Resize) -> None:
        """Another width or height: the keys may fit otherwise."""
        if self._shown is not None:
            await self._arrange()

    def _keys(self) -> tuple[ShownKey, ...]:
        """The keys to show, then the command palette's key (if the app has a palette)."""
        app = self.app
        keys: list[ShownKey] = []
        actions: set[str] = set()
        palette: list[ShownKey] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.show and binding.action not in actions:
                # One key per action, the first bound (as Textual's footer shows them).
                actions.add(binding.action)
                tooltip, where = active.tooltip, keys
            elif key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                tooltip, where = binding.tooltip or binding.description, palette
            else:
                continue
            where.append(
                ShownKey(
                    key,
                    app.get_key_display(binding),
                    # Descriptions and tooltips are marked where they are bound (N_) and
                    # translated here, when shown: they follow the language chosen now.
                    _(binding.description) if binding.description else "",
                    binding.action,
                    active.enabled,
                    _(tooltip) if tooltip else "",
                    palette=where is palette,
                )
            )
        return (*keys, *palette)

    def compose(self) -> ComposeResult:
        """A line of :class:`FooterItem` per line of keys, the palette's key docked on the
        right of the first (nothing before the screen's bindings are ready)."""
        for index, line in enumerate(self._lines or ((),)):
            items = [FooterItem(shown) for shown in (*line, *(() if index else self._palette))]
            yield Horizontal(*items, classes="footer-line")

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel scrolls a footer too narrow for its keys sideways."""
        if self.allow_horizontal_scroll:
            event.stop()
            event.prevent_default()
            self.scroll_right()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel scrolls a footer too narrow for its keys sideways."""
        if self.allow_horizontal_scroll:
            event.stop()
            event.prevent_default()
            self.scroll_left()
