"""The command palette: every action as "noun: verb", and fuzzy jumps to people, contacts,
events and topics.

Action titles come from each screen's ``COMMAND_TITLES`` and the app's; an action is offered only
when it applies right now (the screen's ``check_action``), like the keys in the footer.
People, contacts, events and topics come from the app's search index (the same one `/`
uses; nothing is re-read from the store when the palette opens); titles and names are shown
literally, because names are typed text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.actions import parse
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.fuzzy import Matcher
from textual.screen import Screen

from hallway.store.i18n import N_, _
from hallway.store.search import Kind, SearchHit, SearchIndex
from hallway.store.text import visible
from hallway.tui.messages import ShowSearch
from hallway.tui.screens.base import HallwayScreen, open_hit
from hallway.tui.screens.live_helper import HelperLines
from hallway.widgets.text import markup_literal, plain

MAX_HITS = 25
KIND_NOUNS: dict[Kind, str] = {
    "encounter": N_("person"),
    "contact": N_("contact"),
    "event": N_("event"),
    "topic": N_("topic"),
}


def noun_kind(noun: str) -> Kind | None:
    """The kind a typed noun names ("contact: maya" keeps to contacts), in English or in the
    language spoken now ("Kontakt: maya")."""
    wanted = noun.strip().casefold()
    for kind, word in KIND_NOUNS.items():
        if wanted in (word.casefold(), _(word).casefold()):
            return kind
    return None


INDEX_WAIT_STEPS, INDEX_WAIT_SECONDS = 40, 0.05


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

    def _actions(self) -> list[tuple[str, Callable[[], object]]]:
        """(title, run it) for every action that applies right now."""
        found: list[tuple[str, Callable[[], object]]] = []
        screen = self.screen
        app = self.app
        sources: list[tuple[Screen[Any] | App[Any], dict[str, str]]] = []
        if isinstance(screen, HallwayScreen):
            sources.append((screen, screen.COMMAND_TITLES))
        sources.append((app, getattr(app, "COMMAND_TITLES", {})))
        for node, titles in sources:
            # The app says itself what the palette may offer (see HallwayApp.offered).
            offered = getattr(node, "offered", None)
            for action, title in titles.items():
                _namespace, name, parameters = parse(action)
                if offered is not None and not offered(name, parameters):
                    continue
                if offered is None and node.check_action(name, parameters) is False:
                    continue
                # Marked where defined (N_), translated now: the palette speaks the language.
                found.append((_(title), partial(node.run_action, action)))
        # Keys read in on_key, not bound (the German helper's du/Sie): offered all the same.
        helper = getattr(screen, "helper", None)
        if isinstance(helper, HelperLines):
            found += helper.commands()
        return found

    def _open(self, hit: SearchHit) -> None:
        screen = self.screen
        if hit.kind == "topic":
            screen.post_message(ShowSearch(hit.title))
        elif isinstance(screen, HallwayScreen) and (message := open_hit(screen, hit)):
            screen.post_message(message)

    async def discover(self) -> Hits:
        """With nothing typed: the actions that apply here."""
        for title, run in self._actions():
            yield DiscoveryHit(Text(title), run, text=title)

    async def search(self, query: str) -> Hits:
        """Actions by Textual's fuzzy matcher; people, contacts, events and topics from the
        app's search index ("contact: maya" keeps to contacts)."""
        matcher = self.matcher(query)
        for title, run in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlighted(matcher, title), run, text=title)
        index = await self._search_index()
        if index is None:
            return
        noun, _colon, rest = query.partition(":")
        kind = noun_kind(noun) if rest else None
        hits = [
            hit
            for hit in index.search(rest if kind else query, limit=MAX_HITS)
            if kind is None or hit.kind == kind
        ]
        for rank, hit in enumerate(hits):
            title = visible(
                _("{kind}: {title}").format(kind=_(KIND_NOUNS[hit.kind]), title=hit.title)
            )
            yield Hit(
                # Below a perfect action match, so typing "person: new" still finds the action.
                0.9 * (1 - rank / (len(hits) + 1)),
                highlighted(matcher, title),
                partial(self._open, hit),
                text=title,
                help=markup_literal(hit.detail),
            )

    async def _search_index(self) -> SearchIndex | None:
        """The app's index; right after start it may still be building (well under a second)."""
        for _step in range(INDEX_WAIT_STEPS):
            index: SearchIndex | None = getattr(self.app, "search_index", None)
            if index is not None:
                return index
            await asyncio.sleep(INDEX_WAIT_SECONDS)
        return None
