"""The command palette: every action as "noun: verb", and fuzzy jumps to people, contacts,
events and topics.

Action titles come from each screen's ``PALETTE`` and the app's; an action is offered only
when it applies right now (the screen's ``check_action``), like the keys in the footer.
People are matched with rapidfuzz (fast at ten thousand people); titles and names are shown
literally, because names are typed text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rapidfuzz import fuzz, process, utils
from rich.text import Text
from textual.actions import parse
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.message import Message
from textual.screen import Screen

from store.records import Event
from store.text import visible
from tui.screens.base import HallwayScreen, OpenEvent, ShowContacts, ShowSearch
from widgets.safe import markup_literal, plain

MAX_PEOPLE_HITS = 25
MIN_PERSON_SCORE = 60


@dataclass(frozen=True)
class Jump:
    """A person, contact, event or topic the palette can jump to (``go`` asks the app)."""

    title: str
    detail: str
    go: Message


def highlighted(matcher: Matcher, title: str) -> Text:
    """``title`` shown literally, with the letters the query matched underlined."""
    text = plain(title)
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    if score:
        for offset in offsets:
            text.stylize("bold underline", offset, offset + 1)
    return text


class HallwayCommands(Provider):
    """Actions of the current screen and the app, plus people and events to jump to."""

    async def startup(self) -> None:
        """Read people and events once per palette opening (the store is in memory)."""
        self._jumps: list[Jump] = []
        screen = self.screen
        if not isinstance(screen, HallwayScreen):
            return
        events = {event.id: event for event in screen.store.events()}
        self._jumps.extend(
            Jump(f"event: {event.name}", _event_detail(event), OpenEvent(event.id))
            for event in events.values()
        )
        topics: dict[str, None] = {}
        for contact in screen.store.contacts():
            self._jumps.append(
                Jump(f"contact: {contact.name}", "lasting contact", ShowContacts(contact.id))
            )
            topics.update(dict.fromkeys(contact.topics))
        for person in screen.store.encounters():
            event = events.get(person.event_id)
            where = event.name if event else "an unknown event"
            self._jumps.append(
                Jump(
                    f"person: {person.name}",
                    f"met at {where}",
                    OpenEvent(person.event_id, person.id),
                )
            )
            topics.update(dict.fromkeys(person.topics))
        self._jumps.extend(
            Jump(f"topic: #{topic}", f"who else is into #{topic}", ShowSearch(f"#{topic}"))
            for topic in topics
        )

    def _actions(self) -> list[tuple[str, Callable[[], object]]]:
        """(title, run it) for every action that applies right now."""
        found: list[tuple[str, Callable[[], object]]] = []
        screen = self.screen
        app = self.app
        sources: list[tuple[Screen[Any] | App[Any], dict[str, str]]] = []
        if isinstance(screen, HallwayScreen):
            sources.append((screen, screen.PALETTE))
        sources.append((app, getattr(app, "PALETTE", {})))
        for node, titles in sources:
            for action, title in titles.items():
                _, name, parameters = parse(action)
                if node.check_action(name, parameters) is False:
                    continue
                found.append((title, partial(node.run_action, action)))
        return found

    def _jump(self, jump: Jump) -> None:
        self.screen.post_message(jump.go)

    async def discover(self) -> Hits:
        """With nothing typed: the actions that apply here."""
        for title, run in self._actions():
            yield DiscoveryHit(Text(title), run, text=title)

    async def search(self, query: str) -> Hits:
        """Actions matched by Textual's fuzzy matcher; people and events by rapidfuzz."""
        matcher = self.matcher(query)
        for title, run in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlighted(matcher, title), run, text=title)
        titles = [jump.title for jump in self._jumps]
        matches = process.extract(
            query,
            titles,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=MAX_PEOPLE_HITS,
            score_cutoff=MIN_PERSON_SCORE,
        )
        for title, score, index in matches:
            jump = self._jumps[index]
            yield Hit(
                # Below a perfect action match, so typing "person: new" still finds the action.
                score / 100 * 0.9,
                highlighted(matcher, visible(title)),
                partial(self._jump, jump),
                text=visible(title),
                help=markup_literal(jump.detail),
            )


def _event_detail(event: Event) -> str:
    parts = [part for part in (event.place, "live now" if event.live else "") if part]
    return " · ".join(parts) or "event"
