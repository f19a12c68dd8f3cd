"""iCalendar export: open follow-ups and catch-ups as all-day events (or to-dos) with a reminder.

Written with the ``icalendar`` library (folding, escaping, CRLF). Decisions:

* Each entry is an all-day ``VEVENT`` (``DTSTART;VALUE=DATE``, ``DTEND`` the next day),
  ``TRANSP:TRANSPARENT`` so a reminder never makes the day look busy.
* The reminder is ``TRIGGER:PT9H`` relative to the start of the day: 9:00 on the day in
  whatever zone the calendar is in (the config file's ``reminder_hour`` moves it). It is
  what Apple Calendar itself writes for all-day alerts, Thunderbird and Outlook read it, and
  unlike an absolute UTC time it does not move when you travel. To-dos have no start, so
  their trigger is ``RELATED=END`` (the due day).
* A follow-up or catch-up already past due is put on today as an event (a reminder in the
  past would never ring); its description says since when it is due. To-dos keep their real
  due date, since task lists show overdue items themselves.
* UIDs derive from the database id, the kind, the record id (and the follow-up's position),
  so importing a newer export updates entries instead of duplicating them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Todo
from icalendar import Event as CalendarEvent

from hallway.store import clock
from hallway.store.config import DEFAULT_REMINDER_HOUR
from hallway.store.db import Store
from hallway.store.i18n import _, pgettext
from hallway.store.interop.common import (
    PRODID,
    MeetingIndex,
    meeting_line,
    stable_uuid,
    visible_controls,
)
from hallway.store.profile import split_interests, your_topics
from hallway.store.records import Contact, Encounter, Event, FollowUp
from hallway.store.text import role_at_org, short_date


@dataclass(frozen=True)
class _Entry:
    uid: str
    due: date
    summary: str
    description: str


def export_ics(
    store: Store, *, todo: bool = False, reminder_hour: int = DEFAULT_REMINDER_HOUR
) -> str:
    """Open follow-ups and upcoming catch-ups as an iCalendar file (VEVENTs, or VTODOs),
    each with a reminder at ``reminder_hour`` o'clock on its day."""
    reminder = timedelta(hours=reminder_hour)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Hallway")
    stamp = clock.now().astimezone(UTC).replace(microsecond=0)
    today = clock.today()
    entries = [*_follow_ups(store), *_catch_ups(store)]
    entries.sort(key=lambda e: (e.due, e.summary, e.uid))
    for entry in entries:
        if todo:
            calendar.add_component(_todo(entry, stamp, reminder))
        else:
            calendar.add_component(_event(entry, stamp, today, reminder))
    return calendar.to_ical().decode("utf-8")


def _event(entry: _Entry, stamp: datetime, today: date, reminder: timedelta) -> CalendarEvent:
    day = max(entry.due, today)
    description = entry.description
    if day != entry.due:
        since = _("Due since {day}.").format(day=short_date(entry.due))
        description = f"{since}\n{description}"
    event = CalendarEvent()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    if day < date.max:
        event.add("dtend", day + timedelta(days=1))
    else:
        # A promise stored as due on 9999-12-31 (typed before dates were bounded): the day
        # after it can't be written, so its one day is given as a duration instead.
        event.add("duration", timedelta(days=1))
    event.add("summary", entry.summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(entry.summary, reminder, related_end=False))
    return event


def _todo(entry: _Entry, stamp: datetime, reminder: timedelta) -> Todo:
    task = Todo()
    task.add("uid", entry.uid)
    task.add("dtstamp", stamp)
    task.add("due", entry.due)
    task.add("summary", entry.summary)
    task.add("description", entry.description)
    task.add("status", "NEEDS-ACTION")
    task.add_component(_alarm(entry.summary, reminder, related_end=True))
    return task


def _alarm(summary: str, reminder: timedelta, *, related_end: bool) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    if related_end:
        alarm.add("trigger", reminder, parameters={"RELATED": "END"})
    else:
        alarm.add("trigger", reminder)
    return alarm


def _uid(store: Store, *parts: object) -> str:
    return f"{stable_uuid(store.database_id, *parts)}@hallway"


def _one_line(text: str) -> str:
    return " ".join(visible_controls(text).split())


def _follow_ups(store: Store) -> list[_Entry]:
    events = {event.id: event for event in store.events()}
    entries = []
    for encounter in sorted(store.encounters(), key=lambda e: e.id):
        for index, follow_up in enumerate(encounter.follow_ups):
            if follow_up.done:
                continue
            entries.append(
                _Entry(
                    uid=_uid(store, "follow-up", encounter.id, index),
                    due=follow_up.due,
                    summary=_follow_up_summary(encounter, follow_up),
                    description=_follow_up_context(encounter, events.get(encounter.event_id)),
                )
            )
    return entries


def _follow_up_summary(encounter: Encounter, follow_up: FollowUp) -> str:
    """The promise as typed; the person's name is added when the text doesn't say who."""
    text = _one_line(follow_up.text)
    first = re.escape(_one_line(encounter.first_name))
    if re.search(rf"(?<!\w){first}(?!\w)", text, re.IGNORECASE):
        return text
    return _("{name}: {promise}").format(name=_one_line(encounter.name), promise=text)


def _follow_up_context(encounter: Encounter, event: Event | None) -> str:
    who = _one_line(encounter.name)
    details = role_at_org(encounter.role, encounter.org)
    if details:
        who = _("{name} ({details})").format(name=who, details=visible_controls(details))
    day = short_date(encounter.met_at)
    if event:
        promised = _("Promised to {who} at {event}, {day}.").format(
            who=who, event=visible_controls(event.name), day=day
        )
    else:
        promised = _("Promised to {who}, {day}.").format(who=who, day=day)
    lines = [promised]
    if encounter.topics:
        topics = visible_controls(", ".join(encounter.topics))
        lines.append(_("You talked about: {topics}").format(topics=topics))
    if encounter.notes:
        lines.append(_("Notes:"))
        lines.extend("- " + visible_controls(n.text) for n in encounter.notes)
    return "\n".join(lines)


def catch_up_day(contact: Contact) -> date | None:
    """When to catch up with a contact: the due day, or the snooze end when that is later."""
    days = [d for d in (contact.next_due, contact.snoozed_until) if d is not None]
    return max(days) if days else None


def _catch_ups(store: Store) -> list[_Entry]:
    index = MeetingIndex(store, store.encounters())
    yours = your_topics(store)
    entries = []
    for contact in sorted(store.contacts(), key=lambda c: c.id):
        day = catch_up_day(contact)
        if day is None:
            continue
        lines = []
        details = role_at_org(contact.role, contact.org)
        if details:
            name, details = _one_line(contact.name), visible_controls(details)
            lines.append(_("{name} ({details})").format(name=name, details=details))
        meetings = index.of(contact)
        if meetings:
            lines.append(_("How you met:"))
            lines.extend("- " + visible_controls(meeting_line(m)) for m in meetings)
        split = split_interests(contact.topics, yours)
        if split.shared:
            shared = visible_controls(", ".join(split.shared))
            lines.append(_("Interests you share: {topics}").format(topics=shared))
        if split.theirs:
            theirs = visible_controls(", ".join(split.theirs))
            if split.shared:
                line = _("Their interests: {topics}")
            else:
                # German says "other interests" only after shared ones; English is the same.
                line = pgettext("none shared", "Their interests: {topics}")
            lines.append(line.format(topics=theirs))
        if contact.last_touch:
            last = short_date(contact.last_touch)
            lines.append(_("Last in touch: {day}").format(day=last))
        channels = contact.channels
        if channels.email:
            lines.append(_("Email: {address}").format(address=visible_controls(channels.email)))
        if channels.phone:
            lines.append(_("Phone: {number}").format(number=visible_controls(channels.phone)))
        entries.append(
            _Entry(
                uid=_uid(store, "catch-up", contact.id),
                due=day,
                summary=_("Catch up with {name}").format(name=_one_line(contact.name)),
                description="\n".join(lines),
            )
        )
    return entries
