"""Full screens installed once and kept: switching back to one is instant (no compose), and it
reloads what it shows from the store when it resumes.

They also remember the way you came: :meth:`KeptScreens.back` returns to the screen shown
before the current one (contacts opened from the debrief go back to the debrief), and going
to a screen already on that trail cuts the trail there, so back never goes round in circles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

from textual.app import App

from hallway.tui.screens.base import HallwayScreen

ScreenT = TypeVar("ScreenT", bound=HallwayScreen)


class KeptScreens:
    """The full screens the app installed, by name; one is shown at a time (dialogs on top)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._installed: dict[str, HallwayScreen] = {}
        self._current: str | None = None
        self._trail: list[str] = []  # the screens shown before the current one, oldest first

    def __iter__(self) -> Iterator[HallwayScreen]:
        """Every screen installed so far, in the order they were first shown."""
        return iter(list(self._installed.values()))

    def __contains__(self, name: object) -> bool:
        """Whether the screen ``name`` was installed."""
        return name in self._installed

    def show(self, name: str, make: Callable[[], ScreenT]) -> ScreenT:
        """Switch to the screen ``name``, made by ``make`` and installed the first time."""
        if name not in self._installed:
            self._installed[name] = make()
            self.app.install_screen(self._installed[name], name)
        if name in self._trail:  # going back to a screen on the way: the rest is behind us
            del self._trail[self._trail.index(name) :]
        elif self._current is not None and name != self._current:
            self._trail.append(self._current)
        self.switch(name)
        # A name always holds the kind of screen its first ``make`` made.
        return cast(ScreenT, self._installed[name])

    def back(self) -> bool:
        """Show the screen shown before the current one; False when there is none."""
        while self._trail:
            name = self._trail.pop()
            if name in self._installed and name != self._current:
                self.switch(name)
                return True
        return False

    def switch(self, name: str) -> None:
        """Show the installed screen ``name`` instead of the current full screen."""
        self._current = name
        app = self.app
        # One full screen at a time (plus modals on top): switching never piles screens up.
        while len(app.screen_stack) > 2 and not isinstance(app.screen, HallwayScreen):
            app.pop_screen()
        if len(app.screen_stack) > 1:
            app.switch_screen(name)
        else:
            app.push_screen(name)
