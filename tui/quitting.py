"""Quitting never loses typed text silently: screens and dialogs say what they hold unsaved
(:class:`HoldsUnsavedText`), and the app asks once before quitting over it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from textual.app import App

from hallway.store.i18n import _
from hallway.widgets.text import plain, sentence

QUOTED_CHARACTERS = 60  # the question quotes the first unsaved text, cut to this length


@runtime_checkable
class HoldsUnsavedText(Protocol):
    """A screen or dialog that may hold text typed and not saved yet (every full screen does,
    through ``HallwayScreen``, and every dialog with fields, through ``AcceptingModal``)."""

    def unsaved(self) -> list[str]:
        """The texts typed and not saved yet (empty when there are none)."""
        ...


def unsaved_text(screens: Iterable[object]) -> list[str]:
    """What ``screens`` hold unsaved, each screen asked once, in the order given."""
    asked: set[int] = set()
    found: list[str] = []
    for screen in screens:
        if id(screen) in asked or not isinstance(screen, HoldsUnsavedText):
            continue
        asked.add(id(screen))
        found.extend(screen.unsaved())
    return found


class QuitCheck:
    """Asks before quitting over unsaved text, once: quitting again while it asks means yes."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.asking = False

    def may_quit(self, screens: Iterable[object]) -> bool:
        """True when nothing in ``screens`` is unsaved (or the question is already showing);
        otherwise ask, and exit the app if the answer is yes."""
        unsaved = unsaved_text(screens)
        if not unsaved or self.asking:
            return True
        from hallway.tui.screens.modals import ConfirmModal

        first = unsaved[0]
        if len(first) > QUOTED_CHARACTERS:
            first = first[: QUOTED_CHARACTERS - 1] + "…"
        question = sentence(
            _("You typed “{text}” and have not saved it.\nQuit anyway?"), text=plain(first)
        )

        def answer(quit_anyway: bool | None) -> None:
            self.asking = False
            if quit_anyway:
                self.app.exit()

        self.asking = True
        self.app.push_screen(ConfirmModal(question, _("Quit")), answer)
        return False
