"""The Notes pane: what you know about the selected person (long notes are drawn shortened,
as everywhere: see :func:`hallway.widgets.text.plain`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from hallway.store import clock
from hallway.store.conversations import conversation_end
from hallway.store.i18n import N_, _
from hallway.store.records import Encounter
from hallway.store.text import and_list, role_at_org
from hallway.widgets import colours
from hallway.widgets.text import append_notes, append_promises, plain, themed

EMPTY = N_("No one selected. Pick someone on the left, or press n to capture a new person.")


def describe(
    encounter: Encounter, today: date, *, known: str = "", circle: Sequence[str] = ()
) -> Text:
    """Everything worth a glance about one person, as literal text. ``known`` says, in one
    quiet line, where you met them before ("met at PyCon Berlin 2025 · #choir · you
    promised a book"); ``circle`` names the others who shared the conversation (the screen
    works both out)."""
    out = Text()
    out.append_text(plain(encounter.name, "bold"))
    work = role_at_org(encounter.role, encounter.org, mark_lone_org=False)
    if work:
        out.append("\n")
        out.append_text(plain(work, colours.MUTED))
    if known:
        out.append("\n↺ ", colours.QUIET)
        out.append_text(plain(known, f"italic {colours.QUIET}"))
    met = _("met {time}").format(time=f"{encounter.met_at:%H:%M}")
    # When it ended by the store's one rule (stamped, the next capture, or gone quiet), as
    # the timer and the debrief card say it: never a stale "talking".
    ended = conversation_end(encounter, clock.now())
    if ended is not None:
        met = _("met {time} · ended {end}").format(
            time=f"{encounter.met_at:%H:%M}", end=f"{ended:%H:%M}"
        )
    out.append(f"\n{met}", colours.QUIET)
    if encounter.meaningful:
        out.append("  ★ " + _("meaningful"), colours.STAR)
    if circle:
        out.append("\n" + _("in a circle with") + " ", colours.QUIET)
        out.append_text(plain(and_list(list(circle)), colours.QUIET))
        out.append(" · " + _("w: a note for everyone"), f"italic {colours.QUIET}")

    out.append("\n\n" + _("Topics") + "\n", "bold")
    if encounter.topics:
        for index, topic in enumerate(encounter.topics):
            if index:
                out.append("  ")
            out.append_text(plain(f"#{topic}", colours.TOPIC))
    else:
        out.append(_("none yet — #tags in a note (t) add topics"), f"italic {colours.QUIET}")

    out.append("\n\n" + _("Notes") + "\n", "bold")
    if encounter.notes:
        append_notes(out, encounter.notes)
    else:
        out.append(_("nothing yet — press t to add a note"), f"italic {colours.QUIET}")

    out.append("\n\n" + _("Promises") + "\n", "bold")
    if encounter.follow_ups:
        append_promises(out, encounter.follow_ups, today)
    else:
        out.append(_("none — press f to note a promise"), f"italic {colours.QUIET}")
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
        yield Static(themed(Text(_(EMPTY), f"italic {colours.QUIET}")), id="notes-body")

    def show_person(
        self,
        encounter: Encounter | None,
        today: date,
        *,
        known: str = "",
        circle: Sequence[str] = (),
        keep_scroll: bool = False,
    ) -> None:
        """Show ``encounter`` (or the empty state), with where you met them before
        (``known``) and who else was in the conversation (``circle``); back to its top
        unless ``keep_scroll``."""
        body = self.query_one("#notes-body", Static)
        if encounter is None:
            body.update(themed(Text(_(EMPTY), f"italic {colours.QUIET}")))
        else:
            body.update(themed(describe(encounter, today, known=known, circle=circle)))
        if not keep_scroll:
            self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The plain text currently shown (what a reader sees, for tests and screen readers)."""
        content = self.query_one("#notes-body", Static).content
        return content.plain if isinstance(content, Text) else str(content)
