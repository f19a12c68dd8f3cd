"""The debrief card: one encounter, everything worth remembering before deciding."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from hallway.store import clock
from hallway.store.conversations import talked_words
from hallway.store.i18n import N_, _
from hallway.store.records import Encounter
from hallway.store.text import and_list, compact_day, role_at_org
from hallway.widgets import colours
from hallway.widgets.text import append_notes, append_promises, plain, themed

STATUS_WORDS = {
    "new": "",
    "promoted": N_("promoted to a lasting contact"),
    "acquaintance": N_("kept as an acquaintance"),
    "let-go": N_("let go"),
}


def talked(encounter: Encounter) -> str:
    """When you met and how long you talked: "met Thu 5 Mar 10:25 · talked 12 min" (by the
    store's rules for when a conversation ends; "talking now" while it goes on)."""
    met = encounter.met_at
    return _("met {day} {time} · {talked}").format(
        day=compact_day(met.date()),
        time=f"{met:%H:%M}",
        talked=talked_words(encounter, clock.now()),
    )


def card_text(encounter: Encounter, today: date, circle: Sequence[str] = ()) -> Text:
    """Name, work, time met (and who else was in the circle), topics, notes and follow-ups,
    as literal text."""
    out = Text()
    out.append_text(plain(encounter.name, "bold"))
    if encounter.meaningful:
        out.append("  ★", colours.STAR)
    work = role_at_org(encounter.role, encounter.org, mark_lone_org=False)
    if work:
        out.append("\n")
        out.append_text(plain(work, colours.MUTED))
    out.append(f"\n{talked(encounter)}", colours.QUIET)
    if circle:
        out.append("\n" + _("in a circle with") + " ", colours.QUIET)
        out.append_text(plain(and_list(list(circle)), colours.QUIET))
    if encounter.topics:
        out.append("\n\n")
        out.append_text(
            Text("  ").join(plain(f"#{topic}", colours.TOPIC) for topic in encounter.topics)
        )
    if encounter.notes:
        out.append("\n\n" + _("What you talked about") + "\n", "bold")
        append_notes(out, encounter.notes)
    if encounter.follow_ups:
        out.append("\n\n" + _("Promises") + "\n", "bold")
        append_promises(out, encounter.follow_ups, today)
    if not (encounter.topics or encounter.notes or encounter.follow_ups):
        out.append("\n\n" + _("No notes from this conversation."), f"italic {colours.QUIET}")
    return out


class EncounterCard(VerticalScroll, can_focus=True):
    """A scrollable card for one encounter; the screen sets it with :meth:`show`."""

    DEFAULT_CSS = """
    EncounterCard {
        height: auto;
        max-height: 1fr;
        padding: 0 2;
    }
    EncounterCard > #card-body {
        width: 1fr;
    }
    EncounterCard > #card-status {
        margin-top: 1;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        """The card's body and its decision line."""
        yield Static("", id="card-body")
        yield Static("", id="card-status")

    def show(
        self, encounter: Encounter, today: date, status: Text, circle: Sequence[str] = ()
    ) -> None:
        """Show ``encounter`` with ``status`` (its decision, in words) under it; ``circle``
        names the others who shared the conversation."""
        self.query_one("#card-body", Static).update(themed(card_text(encounter, today, circle)))
        self.query_one("#card-status", Static).update(themed(status))
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The plain text shown (for tests and screen readers)."""
        parts = []
        for static in self.query(Static):
            content = static.content
            parts.append(content.plain if isinstance(content, Text) else str(content))
        return "\n".join(parts)
