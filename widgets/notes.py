"""The Notes pane: what you know about the selected person (long notes are drawn shortened,
as everywhere: see :func:`hallway.widgets.text.plain`)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from hallway.store.records import Encounter
from hallway.store.text import role_at_org
from hallway.widgets import colours
from hallway.widgets.text import append_notes, append_promises, plain, themed

EMPTY = "No one selected. Pick someone on the left, or press n to capture a new person."


def describe(encounter: Encounter, today: date) -> Text:
    """Everything worth a glance about one person, as literal text."""
    out = Text()
    out.append_text(plain(encounter.name, "bold"))
    work = role_at_org(encounter.role, encounter.org, mark_lone_org=False)
    if work:
        out.append("\n")
        out.append_text(plain(work, colours.MUTED))
    met = f"met {encounter.met_at:%H:%M}"
    if encounter.ended_at is not None:
        met += f" · ended {encounter.ended_at:%H:%M}"
    out.append(f"\n{met}", colours.QUIET)
    if encounter.meaningful:
        out.append("  ★ meaningful", colours.STAR)

    out.append("\n\nTopics\n", "bold")
    if encounter.topics:
        for index, topic in enumerate(encounter.topics):
            if index:
                out.append("  ")
            out.append_text(plain(f"#{topic}", colours.TOPIC))
    else:
        out.append("none yet — #tags in a note (t) add topics", f"italic {colours.QUIET}")

    out.append("\n\nNotes\n", "bold")
    if encounter.notes:
        append_notes(out, encounter.notes)
    else:
        out.append("nothing yet — press t to add a note", f"italic {colours.QUIET}")

    out.append("\n\nPromises\n", "bold")
    if encounter.follow_ups:
        append_promises(out, encounter.follow_ups, today)
    else:
        out.append("none — press f to note a promise", f"italic {colours.QUIET}")
    return out


class NotesPane(VerticalScroll, can_focus=True):
    """Scrollable details of one encounter; set with :meth:`show_person`."""

    DEFAULT_CSS = """
    NotesPane {
        height: 1fr;
        padding: 0 1;
    }
    NotesPane > #notes-body {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        """One static body, rewritten whenever the person changes."""
        yield Static(themed(Text(EMPTY, f"italic {colours.QUIET}")), id="notes-body")

    def show_person(self, encounter: Encounter | None, today: date) -> None:
        """Show ``encounter`` (or the empty state) and scroll back to its top."""
        body = self.query_one("#notes-body", Static)
        if encounter is None:
            body.update(themed(Text(EMPTY, f"italic {colours.QUIET}")))
        else:
            body.update(themed(describe(encounter, today)))
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The plain text currently shown (what a reader sees, for tests and screen readers)."""
        content = self.query_one("#notes-body", Static).content
        return content.plain if isinstance(content, Text) else str(content)
