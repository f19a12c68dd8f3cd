"""Text typed but not saved survives Hallway being closed from outside: on SIGHUP (the
terminal was closed) or SIGTERM the app writes every unsaved text to an owner-only file
beside the database (``store/drafts.py``) and exits normally, so the database is folded as
at any exit; the next start puts it back in the capture bar and says so.

Quitting with ``q`` keeps nothing: the app asks first, and "Quit" means the text may go.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, cast

from hallway.store.drafts import Draft, drafts_path, forget_drafts, read_drafts, save_drafts
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.text import visible
from hallway.tui.quitting import HoldsUnsavedText
from hallway.widgets.capture import CaptureBar, CaptureMode, DraftKey

if TYPE_CHECKING:
    from hallway.tui.app import HallwayApp

SIGNALS = (signal.SIGHUP, signal.SIGTERM)
QUOTED = 80  # characters of each text quoted in the notification


class DraftKeeper:
    """Keeps the app's unsaved text across a closed terminal (see the module)."""

    def __init__(self, app: HallwayApp) -> None:
        self.app = app
        self._listening: list[signal.Signals] = []
        self._before: dict[signal.Signals, object] = {}

    @property
    def _db(self) -> Path:
        return self.app.store.path

    def start(self) -> None:
        """Listen for SIGHUP and SIGTERM (main thread only: elsewhere nothing to do)."""
        loop = asyncio.get_running_loop()
        for sig in SIGNALS:
            before = signal.getsignal(sig)
            try:
                loop.add_signal_handler(sig, self.closed_from_outside, sig)
            except (RuntimeError, ValueError, NotImplementedError):
                continue  # not the main thread, or no signals here: the default stays
            self._listening.append(sig)
            self._before[sig] = before
        if self._listening and not self.app.is_headless:
            self._guard_continue()

    def _guard_continue(self) -> None:
        """Textual answers SIGCONT by starting application mode again (its resume after
        ctrl+z) with a new output thread. Closing the terminal sends SIGCONT too, with the
        hang-up: that thread died at its first write to the gone terminal, and the shutdown
        then waited forever on its full queue -- the app never exited, the database was
        never folded. So a SIGCONT reaches Textual only after a suspend (SIGTSTP) it saw."""
        textual_stop = signal.getsignal(signal.SIGTSTP)
        textual_continue = signal.getsignal(signal.SIGCONT)
        if not (callable(textual_stop) and callable(textual_continue)):
            return
        suspended = False

        def on_stop(signum: int, frame: FrameType | None) -> None:
            nonlocal suspended
            suspended = True
            textual_stop(signum, frame)

        def on_continue(signum: int, frame: FrameType | None) -> None:
            nonlocal suspended
            if suspended:
                suspended = False
                textual_continue(signum, frame)

        signal.signal(signal.SIGTSTP, on_stop)
        signal.signal(signal.SIGCONT, on_continue)
        self._before[signal.SIGTSTP] = textual_stop
        self._before[signal.SIGCONT] = textual_continue

    def stop(self) -> None:
        """Give the signals back the meaning they had before :meth:`start` (the command
        line ignores them around the app, so a second hang-up -- the kernel's, after the
        terminal's own -- cannot cut short the fold into hallway.json that follows)."""
        loop = asyncio.get_running_loop()
        for sig in self._listening:
            loop.remove_signal_handler(sig)  # this sets the default action: put back ours
            before = self._before.pop(sig, None)
            if before is not None:
                signal.signal(sig, before)  # type: ignore[arg-type]
        self._listening.clear()
        for sig in (signal.SIGTSTP, signal.SIGCONT):
            textual = self._before.pop(sig, None)
            if textual is not None:
                signal.signal(sig, cast(Callable[[int, FrameType | None], None], textual))

    def closed_from_outside(self, sig: signal.Signals = signal.SIGHUP) -> None:
        """Keep every unsaved text, then exit as after ``q`` (the database is folded)."""
        if sig == signal.SIGHUP and not self.app.is_headless:
            let_go_of_the_terminal()
        drafts = self.collect()
        if drafts:
            try:
                save_drafts(self._db, drafts)
            except OSError as error:
                # No terminal to tell, maybe; the exit code says the text was not kept.
                self.app.exit(
                    return_code=1,
                    message=_("Unsaved text was lost: {error}").format(error=error),
                )
                return
        self.app.exit(return_code=128 + int(sig))

    def collect(self) -> list[Draft]:
        """Every text typed and not saved: capture bars with what each was for, then other
        text (dialogs, fields) as it is."""
        drafts: list[Draft] = []
        seen: set[int] = set()
        for screen in [*self.app.screen_stack, *self.app.kept]:
            if id(screen) in seen or not screen.is_mounted:
                continue  # a screen never shown holds no typed text
            seen.add(id(screen))
            bars = list(screen.query(CaptureBar))
            for bar in bars:
                for (mode, person_id, name), person, text in bar.drafts():
                    drafts.append(Draft(mode, text, person_id, person or name))
            if not bars and isinstance(screen, HoldsUnsavedText):
                drafts.extend(Draft("other", text) for text in screen.unsaved())
        return drafts

    def offer_back(self) -> None:
        """At start: put kept drafts back in the capture bar on screen and say so; what has
        no place there is quoted in the notification. The file goes once all is back."""
        try:
            drafts = read_drafts(self._db)
        except HallwayError as error:
            self.app.notify(visible(str(error)), title=_("Unsaved text"), markup=False)
            return
        if not drafts:
            return
        bars = list(self.app.screen.query(CaptureBar))
        placed = [d for d in drafts if bars and d.mode != "other"]
        for draft in placed:
            bars[0].take_back(_key(draft), draft.text)
        unplaced = [d for d in drafts if d not in placed]
        lines = []
        if placed:
            lines.append(
                _(
                    "Text typed before Hallway was closed is back in the capture bar "
                    "(n to go on with it)."
                )
            )
            lines.extend(_described(d) for d in placed if d.mode in ("note", "promise", "circle"))
        if unplaced:
            lines.append(_("Text typed before Hallway was closed:"))
            lines.extend(_described(d) for d in unplaced)
        if unplaced and any(d.mode != "other" for d in unplaced):
            lines.append(
                _("It is kept in {path} until a capture bar takes it.").format(
                    path=drafts_path(self._db)
                )
            )
        else:
            forget_drafts(self._db)
        self.app.notify(
            visible("\n".join(lines), multiline=True),
            title=_("Unsaved text"),
            timeout=30,
            markup=False,
        )


def _key(draft: Draft) -> DraftKey:
    """The capture bar's key for a draft (a person id, when known, keys it alone)."""
    mode = cast(CaptureMode, draft.mode)
    return (mode, draft.person_id, "" if draft.person_id else draft.person)


def _described(draft: Draft) -> str:
    text = draft.text if len(draft.text) <= QUOTED else draft.text[: QUOTED - 1] + "…"
    person = draft.person
    if draft.mode == "note":
        if person:
            line = _("A note about {person} (press t on them): “{text}”")
        else:
            line = _("A note about someone (press t on them): “{text}”")
    elif draft.mode == "promise":
        if person:
            line = _("A promise to {person} (press f on them): “{text}”")
        else:
            line = _("A promise to someone (press f on them): “{text}”")
    elif draft.mode == "circle":
        if person:
            line = _("A note for {person} (press w on one of them): “{text}”")
        else:
            line = _("A note for a circle (press w on one of them): “{text}”")
    else:
        line = _("“{text}”")
    return line.format(person=person, text=text)


def let_go_of_the_terminal() -> None:
    """Point standard output and error at the null device: the terminal has hung up. A write
    to a hung-up terminal fails (EIO), which ends Textual's output thread; the shutdown's
    last writes (the screen put back, the cursor shown) then waited forever on its full
    queue, so the app never exited and the database was never folded (seen under load)."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in (1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)
