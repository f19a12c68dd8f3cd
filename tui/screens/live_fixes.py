"""Fixing captures on the live screen, and the question before adding to an ended event.

* ``enter`` opens the selected person to fix a typo (name, role, organisation, topics, notes:
  :mod:`hallway.tui.screens.person_edit`), saved through the Store.
* ``x`` removes a capture made by mistake, durably, through the Store; ``u`` brings the same
  record back (with its id) until the next capture. No question first: the undo is the safety.
* A new person for an event that is not live waits for a question ("Add Nadia to DevConf
  Brno, which ended yesterday?"): adding someone forgotten is useful, but never silent.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text

from hallway.store import clock
from hallway.store.errors import CaptureError, HallwayError
from hallway.store.i18n import _
from hallway.store.records import Encounter, Event
from hallway.store.text import format_day, visible
from hallway.tui.messages import RecordsSaved
from hallway.widgets.capture import CaptureBar
from hallway.widgets.text import plain, sentence

if TYPE_CHECKING:
    from hallway.tui.screens.live import LiveScreen


def not_live_words(event: Event, today: date) -> str:
    """Why new people do not normally go to ``event``: "ended yesterday", "ended on 3 March",
    "starts on 9 May", "is not live"."""
    if event.ends is not None:
        days = (today - event.ends.date()).days
        if days <= 0:
            return _("ended earlier today")
        if days == 1:
            return _("ended yesterday")
        return _("ended on {day}").format(day=format_day(event.ends.date(), today))
    if event.starts is not None and event.starts.date() > today:
        return _("starts on {day}").format(day=format_day(event.starts.date(), today))
    return _("is not live")


def conversation_length(elapsed: timedelta) -> str:
    """How long a conversation lasted, in words: "under a minute", "8 min", "1 h 5 min"."""
    minutes = int(elapsed.total_seconds() // 60)  # whole minutes, as the timer shows them
    if minutes < 1:
        return _("under a minute")
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    return _("{hours} h").format(hours=hours)


class CaptureFixes:
    """The live screen's fixes: edit, remove and undo, and the ended-event question."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen
        self.removed: Encounter | None = None  # the capture just removed, until u or the next
        self.adding_to_past = False  # said yes to adding to an event that is not live

    # -- edit ------------------------------------------------------------------------------

    def edit(self, person: Encounter) -> None:
        """Open ``person`` to fix the capture; saved through the Store on enter."""
        from hallway.tui.screens.person_edit import PersonEditModal, person_changes

        screen = self.screen

        def apply(values: dict[str, str]) -> str | None:
            store = screen.store
            try:
                change = person_changes(person, values)
                # A fix made while the conversation goes on is part of it: it keeps it (and
                # its circle) going, in the same durable save.
                with store.transaction():
                    store.update_encounter(person.id, change)
                    saved = store.mark_active(person.id)
            except HallwayError as error:
                return visible(str(error))
            screen.announce_saved(saved)
            screen.show_saved(saved)
            screen.capture_bar.say(_("Saved {names}.").format(names=saved.name))
            return None

        screen.app.push_screen(PersonEditModal(person, apply))

    # -- remove and undo -------------------------------------------------------------------

    def remove(self, person: Encounter) -> None:
        """Remove ``person``'s capture (durably); say how to undo it."""
        screen = self.screen
        if person.contact_id is not None:
            screen.capture_bar.say(
                _("{name} is a lasting contact now, so the capture stays; enter fixes it.").format(
                    name=person.name
                )
            )
            return
        try:
            screen.store.delete_encounter(person.id)
        except HallwayError as error:
            screen.report(error, title=_("Not removed"))
            return
        self.removed = person
        screen.post_message(RecordsSaved([], [("encounter", person.id)]))
        screen.forget(person.id)
        screen.capture_bar.say(_("Removed {name}. u undoes.").format(name=person.name))

    def undo(self) -> None:
        """Bring back the person just removed, as they were (the same record and id)."""
        removed, self.removed = self.removed, None
        if removed is None:
            return
        screen = self.screen
        try:
            back = screen.store.restore_encounter(removed)
        except HallwayError as error:
            self.removed = removed
            screen.report(error, title=_("Not brought back"))
            return
        screen.announce_saved(back)
        screen.show_saved(back)
        screen.capture_bar.say(_("{name} is back.").format(name=back.name))

    def captured(self) -> None:
        """Someone new was captured: the last removal is final now."""
        self.removed = None

    # -- an event that is not live ---------------------------------------------------------

    def ask_before_adding(self, event: Event | None, line: str) -> bool:
        """Whether the new person ``line`` names waits for a question first, because
        ``event`` is not live. Asked once per visit; the typed line stays in the bar whatever
        the answer."""
        if event is None or event.live or self.adding_to_past:
            return False
        from hallway.store.capture_line import parse_capture  # (not needed at start-up)

        try:
            name = parse_capture(line).name
        except CaptureError:
            return False  # refused as usual, with the reason
        from hallway.tui.screens.modals import ConfirmModal

        screen = self.screen
        when = not_live_words(event, clock.today())
        # Translators: {name} and {event} are shown in bold; {when} is e.g. "ended yesterday".
        question = sentence(
            _("Add {name} to {event}, which {when}?"),
            name=plain(name, "bold"),
            event=plain(event.name, "bold"),
            when=Text(when),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.adding_to_past = True
                screen.post_message(CaptureBar.Submitted("person", line))
            else:
                screen.capture_bar.refuse(
                    _("Not added: {event} {when}. Enter asks again.").format(
                        event=event.name, when=when
                    )
                )

        screen.app.push_screen(
            ConfirmModal(question, _("Add to {event}").format(event=event.name), _("Not now")),
            answered,
        )
        return True
