"""The optional config file: a few preferences in TOML, in the user's config folder.

Hallway never needs the file: without it (or with a value it can't use) every setting has its
default, and a bad value costs one line of explanation naming the key and the file, never a
refusal to start. The file lives at ``$HALLWAY_CONFIG`` if that is set, else in the platform's
config folder (``~/.config/hallway/config.toml`` on Linux, through platformdirs)::

    theme = "textual-light"       # a Textual theme name (not set: Textual's default)
    rhythm = "every 2 months"     # default keep-in-touch rhythm ("3 weeks", 45, "yearly")
    promise_due_days = 3          # a promise without a date is due this many days later
    reminder_hour = 9             # calendar export: reminders ring at this hour on the day
    address_form = "ask"          # German helper lines: "du", "sie", or "ask" once per event
    week_start = "monday"         # "this week" is the calendar week starting on this day
                                  # (not set: the next seven days, today included)
    language = "en"               # "en" or "de"

Loading is pure apart from reading the file: the values go to where they are used as
arguments (:class:`Settings` travels on the :class:`~hallway.store.db.Store`), so the rules
themselves (rhythm, due dates, the calendar export) stay functions of what they are given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hallway.store.due_dates import DEFAULT_DUE_DAYS
from hallway.store.rhythm import DEFAULT_CADENCE_DAYS, cadence_label, parse_cadence
from hallway.store.text import WEEKDAY_NAMES, visible

FILE_NAME = "config.toml"
DEFAULT_REMINDER_HOUR = 9
LANGUAGES = ("en", "de")
MAX_PROMISE_DUE_DAYS = 365
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Settings:
    """The preferences in force (every one has a default)."""

    theme: str = ""  # "" : not set (Textual's default, or $TEXTUAL_THEME)
    address_form: str = "ask"  # "du" / "sie" at every event, or "ask" once per event
    rhythm_days: int = DEFAULT_CADENCE_DAYS
    promise_due_days: int = DEFAULT_DUE_DAYS
    reminder_hour: int = DEFAULT_REMINDER_HOUR
    week_start: int | None = None  # 0 = Monday; None: "this week" is the next seven days
    language: str = "en"


# The key in the file for each field of Settings (they differ only for the rhythm).
KEYS = {
    "theme": "theme",
    "rhythm": "rhythm_days",
    "promise_due_days": "promise_due_days",
    "reminder_hour": "reminder_hour",
    "week_start": "week_start",
    "language": "language",
}


@dataclass(frozen=True)
class LoadedConfig:
    """What was read: where from, the settings in force, which keys the file set, and a
    one-line message for each problem (a bad value, an unknown key, an unreadable file)."""

    path: Path
    exists: bool
    settings: Settings = field(default_factory=Settings)
    from_file: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


def config_path() -> Path:
    """Where the config file is: ``$HALLWAY_CONFIG``, else ``config.toml`` in the platform's
    user config folder (``$XDG_CONFIG_HOME/hallway`` on Linux)."""
    env = os.environ.get("HALLWAY_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("hallway", appauthor=False)) / FILE_NAME


def load_config(path: Path | None = None) -> LoadedConfig:
    """Read the config file (default: :func:`config_path`). A missing file means every
    default; a file that can't be read or parsed means every default and one problem."""
    path = config_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LoadedConfig(path, exists=False)
    except OSError as error:
        reason = error.strerror or str(error)
        return LoadedConfig(path, True, problems=(f"{path}: can't be read ({reason}); {_ALL}",))
    return parse_config(data, path)


_ALL = "every setting has its default."


def parse_config(data: bytes, path: Path) -> LoadedConfig:
    """The settings a config file's bytes give (``path`` only names the file in messages)."""
    import tomllib

    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return LoadedConfig(path, True, problems=(f"{path}: is not UTF-8 text; {_ALL}",))
    except tomllib.TOMLDecodeError as error:
        return LoadedConfig(path, True, problems=(f"{path}: is not valid TOML ({error}); {_ALL}",))
    settings = Settings()
    problems: list[str] = []
    chosen: set[str] = set()
    for key, value in table.items():
        name = KEYS.get(key)
        if name is None:
            known = ", ".join(KEYS)
            problems.append(f"{path}: unknown key {_show(key)} (Hallway reads {known}); ignored.")
            continue
        try:
            settings = replace(settings, **{name: _CHECKS[key](value)})
        except ValueError as error:
            default = describe_value(key, Settings())
            problems.append(
                f"{path}: {key} = {_show(value)} {error}; using the default ({default})."
            )
            continue
        chosen.add(key)
    return LoadedConfig(path, True, settings, frozenset(chosen), tuple(problems))


def _show(value: object) -> str:
    """A value from the file as TOML would write it, on one visible line, never too long."""
    text = f'"{value}"' if isinstance(value, str) else str(value).lower()
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
    text = visible(text)
    return text if len(text) <= 60 else text[:57] + "…"


def _theme(value: object) -> str:
    if not isinstance(value, str) or not _THEME_NAME.fullmatch(value):
        raise ValueError('is not a theme name (a word such as "nord" or "textual-light")')
    return value


def _whole(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"is not {what} (a whole number from {low} to {high})")
    return value


def _rhythm(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return _whole(value, 1, 3650, "a number of days")
    if isinstance(value, str):
        try:
            return parse_cadence(value)
        except ValueError:
            pass
    raise ValueError('is not a rhythm (a number of days, or words such as "3 weeks", "yearly")')


def _week_start(value: object) -> int:
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for index, name in enumerate(WEEKDAY_NAMES):
            if wanted in (name.casefold(), name[:3].casefold()):
                return index
    raise ValueError('is not a day of the week (such as "monday" or "sunday")')


def _language(value: object) -> str:
    if not isinstance(value, str) or value.strip().casefold() not in LANGUAGES:
        raise ValueError(f"is not a language Hallway speaks ({' or '.join(LANGUAGES)})")
    return value.strip().casefold()


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "theme": _theme,
    "rhythm": _rhythm,
    "promise_due_days": lambda v: _whole(v, 0, MAX_PROMISE_DUE_DAYS, "a number of days"),
    "reminder_hour": lambda v: _whole(v, 0, 23, "an hour of the day"),
    "week_start": _week_start,
    "language": _language,
}


def describe_value(key: str, settings: Settings) -> str:
    """A setting's value in force, as it would be written in the file."""
    value = getattr(settings, KEYS[key])
    if key == "rhythm":
        return f'"{cadence_label(value)}"'
    if key == "week_start":
        return f'"{WEEKDAY_NAMES[value].lower()}"' if value is not None else "(not set)"
    if key == "theme":
        return f'"{value}"' if value else "(not set)"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


# A setting not set by default: an example value to uncomment, and what "not set" means.
_UNSET = {
    "theme": ('"textual-light"', "not set: Textual's default theme, or $TEXTUAL_THEME"),
    "week_start": ('"monday"', 'not set: "this week" is the next seven days, today included'),
}


def describe(loaded: LoadedConfig) -> str:
    """What ``hallway config`` prints: where the file is, then each setting in force and
    where it came from, written as a config file (unset ones as comments), so the output
    can start one."""
    where = "" if loaded.exists else " (no such file: every setting has its default)"
    lines = [f"# {visible(str(loaded.path))}{where}"]
    rows = []
    for key in KEYS:
        source = "from the file" if key in loaded.from_file else "default"
        value = describe_value(key, loaded.settings)
        if value == "(not set)":
            example, meaning = _UNSET[key]
            rows.append((f"# {key} = {example}", f"# {meaning}"))
        else:
            rows.append((f"{key} = {value}", f"# {source}"))
    width = max(len(left) for left, _ in rows)
    lines += [f"{left.ljust(width)}  {right}" for left, right in rows]
    return "\n".join(lines)


# -- the German helper's address form (kept in one block of its own) ----------------------

ADDRESS_FORM_CHOICES = ("ask", "du", "sie")


def _address_form(value: object) -> str:
    if not isinstance(value, str) or value.strip().casefold() not in ADDRESS_FORM_CHOICES:
        raise ValueError('is not an address form ("du", "sie", or "ask" to ask once per event)')
    return value.strip().casefold()


KEYS["address_form"] = "address_form"
_CHECKS["address_form"] = _address_form
