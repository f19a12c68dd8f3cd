"""The live screen's helper lines, and in German the form they address people in (du or Sie).

English has one form. In German the helper never assumes one: when no form is stored for the
live event and the config file's ``address_form`` is "ask" (the default), the Helper pane asks
once, "Du oder Sie?", with two choices (tap, or the keys 1 and 2), before it shows a German
line; the answer is saved for that event (:meth:`Store.set_address_form`) and used from then
on. ``a`` (Anrede) switches between du and Sie for the event at any time; a line already shown
is replaced by one in the new form, so no line on screen mixes the two. "du" or "sie" in the
config file means never ask (``a`` still switches, for the event).

The keys are read in the screen's ``on_key`` rather than declared as bindings: they exist in
German only, and English help, footer and palette stay exactly as they are. So that they can be
found all the same, the help screen lists :meth:`HelperLines.help_rows` and the command palette
offers :meth:`HelperLines.commands` -- both empty in English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from hallway.store import i18n
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.records import ADDRESS_FORMS as FORMS
from hallway.widgets.helper import HelperActions, HelperMode, HelperPane

if TYPE_CHECKING:
    from hallway.store.phrases import PhraseDeck
    from hallway.tui.screens.live import LiveScreen

# Keys of the German helper: a switches the form; 1 and 2 answer the question.
FORM_KEYS = {"a": "switch", "1": "du", "2": "sie"}
# What the keys do, for the help screen and the palette (German only; marked for the catalog).
SWITCH_HELP = N_("switch du/Sie")
ANSWER_HELP = N_("answer the helper: du or Sie")
SWITCH_TITLE = N_("helper: switch du/Sie (a)")
ANSWER_TITLES = {"du": N_("helper: say du (1)"), "sie": N_("helper: say Sie (2)")}


def spoken_topic(topic: str, language: str) -> str:
    """A topic as the helper says it: German nouns start with a capital ("sauerteig" ->
    "Sauerteig"); English topics stay as typed."""
    if language != "de" or not topic:
        return topic
    return topic[:1].upper() + topic[1:]


class HelperLines:
    """Deals the live screen's helper lines in the app's language and, in German, the event's
    address form (asking for it once)."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen
        self._decks: dict[tuple[HelperMode, str, str | None], PhraseDeck] = {}
        self.asking_for: HelperMode | None = None  # the line waiting for the answer
        self.asking = False

    @property
    def pane(self) -> HelperPane:
        """The Helper pane."""
        return self.screen.query_one(HelperPane)

    @property
    def actions(self) -> HelperActions:
        """The helper's tappable asks."""
        return self.screen.query_one(HelperActions)

    def form(self) -> str | None:
        """The address form for German lines at this event: the event's own choice, else
        the config file's, else None (ask)."""
        event = self.screen.current_event()
        if event is not None and event.address_form is not None:
            return event.address_form
        configured = self.screen.store.settings.address_form
        return configured if configured in FORMS else None

    def next_line(self, mode: HelperMode) -> None:
        """Show the next line of ``mode`` for the selected person; in German with no form
        chosen yet, ask first (the line follows the answer)."""
        language = i18n.current()
        form = self.form() if language == "de" else None
        if language == "de" and form is None:
            self.ask(mode)
            return
        key = (mode, language, form)
        deck = self._decks.get(key)
        if deck is None:
            from hallway.store.phrases import PhraseDeck

            make = PhraseDeck.starters if mode == "starter" else PhraseDeck.exits
            deck = self._decks[key] = make(language=language, form=form)
        person = self.screen.selected
        topics = [spoken_topic(t, language) for t in person.topics] if person else []
        phrase = deck.next(person.first_name if person else None, topics)
        self.pane.show_line(mode, phrase.text, phrase.category, language=language, form=form)

    def ask(self, mode: HelperMode | None) -> None:
        """Ask "Du oder Sie?" in the Helper pane; ``mode``'s line follows the answer."""
        self.asking_for, self.asking = mode, True
        self.pane.ask_form()
        self.actions.asking(True)

    def choose(self, form: str) -> None:
        """Use ``form`` ("du" or "sie") at this event from now on (saved), and show the line
        that waited for it, or a new line in place of one in the other form."""
        screen = self.screen
        try:
            screen.set_event(screen.store.set_address_form(screen.event_id, form))
        except HallwayError as error:
            screen.report(error, title=_("Not saved"))
            return
        waiting, shown = self.asking_for, self.pane.mode
        self.asking_for, self.asking = None, False
        self.actions.asking(False)
        if waiting is not None or shown is not None:
            self.next_line(waiting or shown or "starter")
        else:
            self.pane.clear()
        screen.capture_bar.say(
            _("The helper says du at this event; a switches to Sie.")
            if form == "du"
            else _("The helper says Sie at this event; a switches to du.")
        )

    def switch(self) -> None:
        """Switch du <-> Sie at this event (``a``); with no form yet, ask."""
        form = self.form()
        if form is None:
            self.ask(self.pane.mode)
            return
        self.choose("sie" if form == "du" else "du")

    def key(self, key: str) -> bool:
        """Act on a German helper key (``a``, and ``1``/``2`` while asking); whether it was
        one."""
        if i18n.current() != "de" or key not in FORM_KEYS:
            return False
        what = FORM_KEYS[key]
        if what == "switch":
            self.switch()
            return True
        if not self.asking:
            return False
        self.choose(what)
        return True

    def help_rows(self) -> list[tuple[str, str]]:
        """The German helper's keys as help rows (keys, what they do): ``a`` always, ``1 / 2``
        while the question is shown; none in English, where the keys do nothing."""
        if i18n.current() != "de":
            return []
        found = [("a", _(SWITCH_HELP))]
        if self.asking:
            found.append(("1 / 2", _(ANSWER_HELP)))
        return found

    def commands(self) -> list[tuple[str, Callable[[], object]]]:
        """(palette title, run it) for the German helper's keys, as :meth:`help_rows` lists
        them; none in English."""
        if i18n.current() != "de":
            return []
        found: list[tuple[str, Callable[[], object]]] = [(_(SWITCH_TITLE), self.switch)]
        if self.asking:
            found += [(_(ANSWER_TITLES[form]), partial(self.choose, form)) for form in FORMS]
        return found

    def tapped(self, what: str) -> None:
        """A helper action was tapped: a line, the switch, or an answer."""
        if what in ("starter", "exit"):
            self.screen.action_helper("starter" if what == "starter" else "exit")
        elif what == "switch":
            self.switch()
        elif what in FORMS:
            self.choose(what)

    def cleared(self) -> None:
        """Another person was selected: a pending question stays asked (it is about the
        event, not the person); otherwise the pane shows its hint."""
        if self.asking:
            self.pane.ask_form()
        else:
            self.pane.clear()
