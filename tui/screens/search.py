"""Search as you type over names, organisations, topics and notes; a topic shows who else is
into it. Enter opens a result: a person at their event, a contact in Contacts, a topic's
people."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from hallway.store.db import Store
from hallway.store.i18n import N_, _
from hallway.tui.messages import GoBack
from hallway.tui.screens.base import HallwayScreen, open_hit
from hallway.widgets import colours
from hallway.widgets.fitted import FittedInput
from hallway.widgets.footer import HallwayFooter
from hallway.widgets.rows import LazyRow, RowList
from hallway.widgets.text import plain, sentence
from hallway.widgets.topbar import TopBar
from hallway.widgets.typeahead import KeysMayFlow

if TYPE_CHECKING:
    from hallway.store.search import SearchHit, SearchIndex

PLACEHOLDER = N_("a name, an organisation, #topic or words from a note")
# Shorter wordings for a narrow field, longest first (see widgets/fitted.py).
PLACEHOLDERS = (PLACEHOLDER, N_("a name, an organisation or #topic"), N_("a name or #topic"))
HINT = N_(
    "Type to search people, organisations, topics and notes. #bouldering shows who is into it."
)
NOT_READY = N_("Getting search ready…")
NOTHING = N_("Nothing matches yet. Fewer letters, or another word?")
KIND_MARKS = {"contact": "◆", "encounter": "·", "event": "▣", "topic": "#"}


def hit_prompt(hit: SearchHit) -> Text:
    """Two lines: a mark, the title and where; then what matched, dimmed (all literal)."""
    first = Text.assemble((f"{KIND_MARKS[hit.kind]} ", colours.FLAG), plain(hit.title, "bold"))
    if hit.detail:
        first.append_text(Text.assemble("  ", plain(hit.detail, colours.QUIET)))
    matched = hit.matched if hit.kind != "topic" else ""
    second = plain(
        f"   {matched}" if matched and matched != hit.title else "", f"italic {colours.QUIET}"
    )
    return Text("\n").join([first, second])


class SearchScreen(HallwayScreen):
    """One input, results below it as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down", "to_results", N_("Results"), show=False, tooltip=N_("Move into the results")
        ),
        Binding("escape", "back", N_("Back"), tooltip=N_("Back to where you were")),
    ]

    COMMAND_TITLES: ClassVar[dict[str, str]] = {"back": N_("search: back")}

    def __init__(
        self,
        store: Store,
        index: Callable[[], SearchIndex | None],
        *,
        demo: bool = False,
    ) -> None:
        super().__init__(store, demo=demo)
        self._index = index
        self.hits: list[SearchHit] = []
        self.shown_query = ""  # the query whose results are shown
        self._query_next: str | None = None
        self._topic_shown: str | None = "\0"  # nothing shown yet: the first search sets it
        self._texts_shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """Input, heading, results."""
        yield TopBar(demo=self.demo)
        with Vertical(id="search-box") as box:
            box.border_title = _("Search")
            yield FittedInput(placeholders=[_(words) for words in PLACEHOLDERS], id="search-input")
            yield Static("", id="search-heading", markup=False)
            yield RowList(id="search-results")
            yield Static(_(HINT), id="search-empty", markup=False)
        yield HallwayFooter()

    @property
    def field(self) -> Input:
        """The search input."""
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> RowList:
        """The results list."""
        return self.query_one("#search-results", RowList)

    def on_mount(self) -> None:
        """Ready to type."""
        self.query_one(TopBar).show_title(_("Search"), _("people, organisations, topics, notes"))
        self.field.focus()

    def set_query(self, query: str) -> None:
        """Type ``query`` into the field (works before the screen is first shown)."""
        if not self.is_mounted:
            self._query_next = query
            return
        self.field.value = query
        self.field.cursor_position = len(query)
        self.field.focus()
        self.run_search()

    def reload(self) -> None:
        """Search again (the data may have changed while away)."""
        if self._query_next is not None:
            query, self._query_next = self._query_next, None
            self.set_query(query)
        else:
            self.run_search()

    def on_index_ready(self) -> None:
        """The index (re)built: answer what is typed."""
        self.run_search()

    @on(Input.Changed, "#search-input")
    def run_search(self) -> None:
        """Show the results for what is typed now (touching only what changed: each update
        costs a layout pass, and this runs on every keystroke)."""
        query = self.field.value
        self.shown_query = query
        index = self._index()
        if index is None or not query.strip():
            hits: list[SearchHit] = []
            self._show_text("#search-empty", _(NOT_READY if index is None else HINT))
        else:
            hits = index.search(query)
            self._show_text("#search-empty", _(NOTHING))
        topic = index.known_topic(query) if index and query.strip().startswith("#") else None
        if topic is not None:
            # The heading already says "who else is into #topic": the topic's own row would
            # say it a second time. Its people come first (enter opens the first); other
            # topics that start the same way follow them.
            people = [hit for hit in hits if hit.kind != "topic"]
            hits = people + [hit for hit in hits if hit.kind == "topic" and hit.matched != topic]
        if topic != self._topic_shown:
            self._topic_shown = topic
            heading = self.query_one("#search-heading", Static)
            heading.update(
                sentence(_("who else is into {topic}"), topic=plain(f"#{topic}", "bold"))
                if topic
                else ""
            )
            heading.display = topic is not None
        self.show_hits(hits)

    def show_hits(self, hits: list[SearchHit]) -> None:
        """List ``hits`` (rebuilt only when they differ from what is listed)."""
        if hits != self.hits or (hits and not self.results.row_count):
            self.hits = hits
            # Built when drawn: only the dozen hits on screen are ever rendered.
            self.results.set_rows(LazyRow(partial(hit_prompt, hit)) for hit in hits)
            if hits:
                self.results.highlighted = 0
        self.results.display = bool(hits)
        self.query_one("#search-empty", Static).display = not hits

    def _show_text(self, selector: str, text: str) -> None:
        if self._texts_shown.get(selector) != text:
            self._texts_shown[selector] = text
            self.query_one(selector, Static).update(text)

    def action_to_results(self) -> None:
        """From the field into the results."""
        if self.hits:
            self.results.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "down" moves into the results only from the field, when there are some."""
        if action == "to_results":
            return self.focused is self.field and bool(self.hits)
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Back to where you were."""
        self.post_message(GoBack())

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._open(self.results.highlighted or 0)

    @on(RowList.RowSelected, "#search-results")
    def _selected(self, message: RowList.RowSelected) -> None:
        self._open(message.index)

    def _open(self, index: int) -> None:
        if not 0 <= index < len(self.hits):
            return
        hit = self.hits[index]
        if hit.kind == "topic":
            self.set_query(f"#{hit.matched}")
            self.post_message(KeysMayFlow())  # answered in place: what was typed goes on
        elif (message := open_hit(self, hit)) is not None:
            self.post_message(message)
