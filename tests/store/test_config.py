"""The optional config file: where it is, what it sets, one plain line per bad value (the default
is used), and each setting reaching the rule that uses it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hallway.store import clock, debrief
from hallway.store.briefs import catch_up_this_week
from hallway.store.config import (
    KEYS,
    LoadedConfig,
    Settings,
    config_path,
    describe,
    load_config,
    parse_config,
)
from hallway.store.db import Store
from hallway.store.due_dates import parse_due
from hallway.store.interop import export_bytes
from hallway.store.records import Contact, Encounter, FollowUp
from hallway.store.rhythm import due_label, is_due_this_week, week_end
from tests.clock import Clock

FILE = Path("/home/ann/.config/hallway/config.toml")
FULL = b"""
theme = "textual-light"
rhythm = "3 weeks"
promise_due_days = 7
reminder_hour = 18
week_start = "Sunday"
language = "de"
address_form = "Sie"
"""


def parse(text: str) -> LoadedConfig:
    return parse_config(text.encode(), FILE)


def test_the_file_lives_in_the_xdg_config_folder_unless_hallway_config_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "hallway" / "config.toml"
    monkeypatch.setenv("HALLWAY_CONFIG", str(tmp_path / "mine.toml"))
    assert config_path() == tmp_path / "mine.toml"


def test_no_file_means_every_default(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "none.toml")
    assert loaded == LoadedConfig(tmp_path / "none.toml", exists=False)
    assert loaded.settings == Settings(
        theme="", rhythm_days=60, promise_due_days=3, reminder_hour=9, week_start=None
    )
    # No preference: the environment chooses the language (hallway.store.i18n).
    assert loaded.settings.language is None
    assert loaded.settings.address_form == "ask"  # German: ask once per event, assume nothing


def test_every_setting_is_read_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FULL)  # a BOM from a Windows editor is fine
    loaded = load_config(path)
    assert loaded.problems == ()
    assert loaded.settings == Settings(
        theme="textual-light",
        rhythm_days=21,
        promise_due_days=7,
        reminder_hour=18,
        week_start=6,
        language="de",
        address_form="sie",
    )
    assert loaded.from_file == set(KEYS)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "rhythm = 0",
            "rhythm = 0 is not a number of days (a whole number from 1 to 3650); "
            'using the default ("every 2 months").',
        ),
        (
            'rhythm = "sometimes"',
            'rhythm = "sometimes" is not a rhythm (a number of days, or words such as '
            '"3 weeks", "yearly"); using the default ("every 2 months").',
        ),
        (
            "promise_due_days = -1",
            "promise_due_days = -1 is not a number of days (a whole number from 0 to 365); "
            "using the default (3).",
        ),
        (
            "reminder_hour = 24",
            "reminder_hour = 24 is not an hour of the day (a whole number from 0 to 23); "
            "using the default (9).",
        ),
        (
            "reminder_hour = true",
            "reminder_hour = true is not an hour of the day (a whole number from 0 to 23); "
            "using the default (9).",
        ),
        (
            'reminder_hour = "9"',
            'reminder_hour = "9" is not an hour of the day (a whole number from 0 to 23); '
            "using the default (9).",
        ),
        (
            'week_start = "Someday"',
            'week_start = "Someday" is not a day of the week (such as "monday" or "sunday"); '
            "using the default ((not set)).",
        ),
        (
            'language = "fr"',
            'language = "fr" is not a language Hallway speaks (en or de); '
            "using the default ((not set)).",
        ),
        (
            'address_form = "ihr"',
            'address_form = "ihr" is not an address form ("du", "sie", or "ask" to ask once '
            'per event); using the default ("ask").',
        ),
        (
            'theme = "a theme; rm -rf"',
            'theme = "a theme; rm -rf" is not a theme name (a word such as "nord" or '
            '"textual-light"); using the default ((not set)).',
        ),
    ],
)
def test_a_bad_value_is_named_in_one_line_and_its_default_used(line: str, message: str) -> None:
    key = line.split(" =")[0]
    neighbour = ("reminder_hour", 7) if key != "reminder_hour" else ("promise_due_days", 5)
    loaded = parse(f"{line}\n{neighbour[0]} = {neighbour[1]}\n")
    assert loaded.problems == (f"{FILE}: {message}",)
    assert getattr(loaded.settings, KEYS[key]) == getattr(Settings(), KEYS[key])
    assert loaded.from_file == {neighbour[0]}
    # The good value beside it still counts.
    assert getattr(loaded.settings, neighbour[0]) == neighbour[1]


def test_a_bad_value_with_control_characters_is_shown_visibly() -> None:
    loaded = parse('theme = "\\u001b[31mred"\n')
    assert loaded.problems == (
        f'{FILE}: theme = "␛[31mred" is not a theme name (a word such as "nord" or '
        '"textual-light"); using the default ((not set)).',
    )


def test_unknown_keys_broken_toml_and_unreadable_files(tmp_path: Path) -> None:
    unknown = parse("rythm = 30\n")
    assert unknown.problems == (
        f'{FILE}: unknown key "rythm" (Hallway reads theme, rhythm, promise_due_days, '
        "reminder_hour, week_start, language, address_form); ignored.",
    )
    broken = parse("rhythm = \n")
    assert broken.settings == Settings()
    [problem] = broken.problems
    assert problem.startswith(f"{FILE}: is not valid TOML (") and "line 1" in problem
    assert problem.endswith("); every setting has its default.")
    latin = parse_config('theme = "caf\xe9"'.encode("latin-1"), FILE)
    assert latin.problems == (f"{FILE}: is not UTF-8 text; every setting has its default.",)
    folder = tmp_path / "config.toml"
    folder.mkdir()
    [problem] = load_config(folder).problems
    assert problem.startswith(f"{folder}: can't be read (") and "default" in problem


def test_describe_prints_the_settings_in_force_and_where_each_came_from() -> None:
    loaded = parse('rhythm = 45\nweek_start = "mon"\n')
    assert describe(loaded) == "\n".join(
        [
            f"# {FILE}",
            '# theme = "textual-light"  # not set: $TEXTUAL_THEME, else nord',
            'rhythm = "every 45 days"   # from the file',
            "promise_due_days = 3       # default",
            "reminder_hour = 9          # default",
            'week_start = "monday"      # from the file',
            '# language = "de"          # not set: the environment\'s language (LANG...), '
            "else English",
            'address_form = "ask"       # default',
        ]
    )
    # What it prints reads back as the same settings.
    assert parse(describe(loaded)).settings == loaded.settings


# -- each setting where it is used ---------------------------------------------------------


def test_promise_due_days_is_the_default_due_date(store: Store, fixed_clock: Clock) -> None:
    today = clock.today()
    assert parse_due("send the slides", today, 7) == today + timedelta(days=7)
    assert parse_due("send the slides by friday", today, 7) != today + timedelta(days=7)
    tuned = Store(store.path, store.storage, Settings(promise_due_days=10))
    person = tuned.capture("Maya Chen")
    saved = tuned.add_follow_up(person.id, "send the recipe")
    assert saved.follow_ups[0].due == today + timedelta(days=10)
    assert store.add_follow_up(person.id, "call").follow_ups[1].due == today + timedelta(days=3)


def test_rhythm_is_a_new_contacts_default(store: Store) -> None:
    tuned = Store(store.path, store.storage, Settings(rhythm_days=21))
    contact = debrief.promote(tuned, tuned.capture("Ann Lee").id)
    assert contact.cadence_days == 21
    assert debrief.promote(store, store.capture("Bo Ek").id).cadence_days == 60


def test_week_start_makes_this_week_the_calendar_week() -> None:
    thursday = date(2026, 3, 5)
    assert week_end(thursday) == date(2026, 3, 12)  # not set: seven days on
    assert week_end(thursday, 0) == date(2026, 3, 8)  # Monday weeks end on Sunday
    assert week_end(thursday, 6) == date(2026, 3, 7)  # Sunday weeks end on Saturday
    assert week_end(date(2026, 3, 8), 0) == date(2026, 3, 8)  # Sunday: the week's last day
    touched = datetime(2026, 1, 9, 12, tzinfo=clock.now().tzinfo)
    monday_due = Contact(name="Ann", cadence_days=59, last_touch=touched)  # due Mon 9 March
    assert is_due_this_week(monday_due, thursday)
    assert due_label(monday_due, thursday) == "due this week"
    assert not is_due_this_week(monday_due, thursday, week_start=0)
    assert due_label(monday_due, thursday, week_start=0) == "next catch-up around 9 March"


def test_catch_up_follows_the_week_start(store: Store, fixed_clock: Clock) -> None:
    today = clock.today()  # Thursday 5 March 2026
    event = store.create_event("Meetup")
    store.save_encounter(
        Encounter(
            event_id=event.id,
            name="Tess",
            met_at=clock.now(),
            follow_ups=[FollowUp("send the map", date(2026, 3, 9))],
        )
    )
    assert [f.text for _, _, f in catch_up_this_week(store, today).follow_ups] == ["send the map"]
    tuned = Store(store.path, store.storage, Settings(week_start=0))
    catch_up = catch_up_this_week(tuned, today)
    assert catch_up.is_empty and catch_up.week_start == 0


def test_reminder_hour_moves_the_calendar_alarm(store: Store) -> None:
    event = store.create_event("Meetup")
    store.save_encounter(
        Encounter(
            event_id=event.id,
            name="Tess",
            met_at=clock.now(),
            follow_ups=[FollowUp("send the map", clock.today() + timedelta(days=2))],
        )
    )
    assert b"TRIGGER:PT9H\r\n" in export_bytes(store, "ics")
    tuned = Store(store.path, store.storage, Settings(reminder_hour=18))
    assert b"TRIGGER:PT18H\r\n" in export_bytes(tuned, "ics")
    assert b"TRIGGER;RELATED=END:PT18H\r\n" in export_bytes(tuned, "ics", todo=True)
