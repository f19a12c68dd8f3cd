"""Markdown export: a readable debrief of one event.

Who you met (in the order you met them), for how long, who else was in the conversation, what
you talked about, what you promised, and whom you chose to keep. In keeping with Hallway's
values it never counts people or scores anything.

User text is escaped only where Markdown would otherwise change it: emphasis and code marks,
brackets, ``<`` ``>`` ``|`` ``~``, entity-looking ``&``, and line starts that would become a
heading, list, quote or rule (``# note`` stays a line of text). Control characters and bidi
controls are shown as the app shows them (:func:`~hallway.store.interop.common.readable`).
Leading spaces of note lines are dropped so a line can't turn into a code block.
"""

from __future__ import annotations

import re

from hallway.store import clock
from hallway.store.conversations import talked_words
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.interop.common import date_range, readable
from hallway.store.records import Encounter, Event, FollowUp
from hallway.store.text import and_list, role_at_org, short_date

# Marked for the catalog; translated where written (the export speaks the current language).
STATUS_WORDS = {
    "new": N_("not decided yet"),
    "promoted": N_("promoted to lasting contact"),
    "acquaintance": N_("kept as an acquaintance"),
    "let-go": N_("let go, kindly"),
}

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>=+-])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def export_markdown(store: Store, event_id: int | None = None) -> str:
    """A debrief of one event (default: the live event, else the most recent one)."""
    event = _chosen_event(store, event_id)
    encounters = sorted(store.encounters(event.id), key=lambda e: (e.met_at, e.id))
    by_id = {e.id: e for e in encounters}
    title = _("# Debrief: {event}").format(event=_inline(event.name))
    out = [title, "", _event_line(event), ""]
    out += [_("## Who you met"), ""]
    if not encounters:
        out += [_("Nobody was captured at this event."), ""]
    for encounter in encounters:
        circle = [by_id[i].name for i in encounter.circle if i in by_id]
        out += _person(encounter, circle)
    out += [_("## Promises"), ""]
    promises = [(e, f) for e in encounters for f in e.follow_ups if not f.done]
    if promises:
        out += [_task(f, f"**{_inline(e.name)}**: ") for e, f in promises]
    else:
        out.append(_("No open promises."))
    out += ["", _("## Kept as lasting contacts"), ""]
    promoted = [e for e in encounters if e.status == "promoted"]
    if promoted:
        out += [f"- {_inline(e.name)}" for e in promoted]
    else:
        out.append(_("Nobody promoted yet."))
    return "\n".join(out) + "\n"


def _chosen_event(store: Store, event_id: int | None) -> Event:
    if event_id is not None:
        return store.event(event_id)
    live = store.live_event()
    if live is not None:
        return live
    events = store.events()
    if not events:
        raise HallwayError(_("There are no events yet, so there is no debrief to write."))
    return events[0]


def _event_line(event: Event) -> str:
    parts = [_inline(event.place)] if event.place else []
    parts.append(date_range(event))
    if event.live:
        parts.append(_("live now"))
    return " · ".join(parts)


def _person(encounter: Encounter, circle: list[str]) -> list[str]:
    heading = f"### {_inline(encounter.name)}"
    if encounter.meaningful:
        heading += " ★"
    lines = [heading, ""]
    details = role_at_org(encounter.role, encounter.org)
    if details:
        lines.append(f"- {_inline(details)}")
    met = _("- Met {day} at {time} · {talked}").format(
        day=short_date(encounter.met_at),
        time=f"{encounter.met_at:%H:%M}",
        talked=talked_words(encounter, clock.now()),
    )
    lines.append(met)
    if circle:
        names = and_list([_inline(name) for name in circle])
        lines.append(_("- In a circle with {names}").format(names=names))
    if encounter.topics:
        topics = " ".join(f"#{_inline(t)}" for t in encounter.topics)
        lines.append(_("- Talked about: {topics}").format(topics=topics))
    if encounter.meaningful:
        lines.append(_("- Marked as meaningful"))
    lines.append(_("- Status: {status}").format(status=_(STATUS_WORDS[encounter.status])))
    lines.append("")
    if encounter.notes:
        lines += [_("Notes:"), ""]
        for note in encounter.notes:
            # A note written on a later day than the meeting says which day.
            day = "" if note.at.date() == encounter.met_at.date() else f"{short_date(note.at)} "
            lines.append(_item(f"{day}{note.at:%H:%M} ", note.text))
        lines.append("")
    if encounter.follow_ups:
        lines += [_("Follow-ups:"), ""]
        lines += [_task(f) for f in encounter.follow_ups]
        lines.append("")
    return lines


def _task(follow_up: FollowUp, prefix: str = "") -> str:
    box = "[x]" if follow_up.done else "[ ]"
    due = _(" (due {day})").format(day=short_date(follow_up.due))
    if not follow_up.done and follow_up.due < clock.today():
        due = _(" (was due {day})").format(day=short_date(follow_up.due))
    return _item(f"{box} {prefix}", follow_up.text, due)


def _item(lead: str, text: str, tail: str = "") -> str:
    """A list item whose user text may span lines (continuation lines indented under it)."""
    lines = _block(text).split("\n")
    lines[-1] += tail
    first = f"- {lead}{lines[0]}"
    return "\n".join([first, *(f"  {line}" if line else "" for line in lines[1:])])


def _inline(text: str) -> str:
    """User text on one line, escaped for Markdown."""
    return _escape_line(" ".join(readable(text).split()))


def _block(text: str) -> str:
    """User text that may span lines; each line escaped, blank lines kept as paragraph breaks."""
    lines = readable(text).strip().split("\n")
    return "\n".join(_escape_line(line.strip()) for line in lines)


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _NUMBERED.sub(r"\1\\\2", line)
    return _LINE_START.sub(r"\\\1", line)
