"""The optional config file: a few preferences in TOML, in the user's config folder.

Hallway never needs the file: without it (or with a value it can't use) every setting has its
default, and a bad value costs one line of explanation naming the key and the file, never a
refusal to start. The file lives at ``$HALLWAY_CONFIG`` if that is set, else in the platform's
config folder (``~/.config/hallway/config.toml`` on Linux, through platformdirs)::

    theme = "textual-light"       # a Textual theme name (not set: $TEXTUAL_THEME, else nord);
                                  # choosing a theme in the app writes it here
    rhythm = "every 2 months"     # default keep-in-touch rhythm ("3 weeks", 45, "yearly")
    promise_due_days = 3          # a promise without a date is due this many days later
    reminder_hour = 9             # calendar export: reminders ring at this hour on the day
    address_form = "ask"          # German helper lines: "du", "sie", or "ask" once per event
    week_start = "monday"         # "this week" is the calendar week starting on this day
                                  # (not set: the next seven days, today included)
    language = "de"               # "de" or "en" (not set: the environment's language,
                                  # else English; ``hallway --lang`` overrides it)

Loading is pure apart from reading the file: the values go to where they are used as
arguments (:class:`Settings` travels on the :class:`~hallway.store.db.Store`), so the rules
themselves (rhythm, due dates, the calendar export) stay functions of what they are given.

One setting is also written: a theme chosen in the app is remembered here
(:func:`save_theme`), changing only the ``theme`` line and keeping everything else in the file
as it was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hallway.store.due_dates import DEFAULT_DUE_DAYS
from hallway.store.i18n import LANGUAGES, N_, _
from hallway.store.rhythm import DEFAULT_CADENCE_DAYS, cadence_label, parse_cadence
from hallway.store.text import WEEKDAY_NAMES, visible

FILE_NAME = "config.toml"
DEFAULT_REMINDER_HOUR = 9
MAX_PROMISE_DUE_DAYS = 365
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Settings:
    """The preferences in force (every one has a default)."""

    theme: str = ""  # "" : not set ($TEXTUAL_THEME, else nord)
    address_form: str = "ask"  # "du" / "sie" at every event, or "ask" once per event
    rhythm_days: int = DEFAULT_CADENCE_DAYS
    promise_due_days: int = DEFAULT_DUE_DAYS
    reminder_hour: int = DEFAULT_REMINDER_HOUR
    week_start: int | None = None  # 0 = Monday; None: "this week" is the next seven days
    language: str | None = None  # None: no preference, the environment decides


# The key in the file for each field of Settings (they differ only for the rhythm).
KEYS = {
    "theme": "theme",
    "rhythm": "rhythm_days",
    "promise_due_days": "promise_due_days",
    "reminder_hour": "reminder_hour",
    "week_start": "week_start",
    "language": "language",
    "address_form": "address_form",
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
        problem = _("{path}: can't be read ({reason}); {all}").format(
            path=path, reason=reason, all=_(_ALL)
        )
        return LoadedConfig(path, True, problems=(problem,))
    return parse_config(data, path)


_ALL = N_("every setting has its default.")


def parse_config(data: bytes, path: Path) -> LoadedConfig:
    """The settings a config file's bytes give (``path`` only names the file in messages)."""
    import tomllib

    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problem = _("{path}: is not UTF-8 text; {all}").format(path=path, all=_(_ALL))
        return LoadedConfig(path, True, problems=(problem,))
    except tomllib.TOMLDecodeError as error:
        problem = _("{path}: is not valid TOML ({error}); {all}").format(
            path=path, error=error, all=_(_ALL)
        )
        return LoadedConfig(path, True, problems=(problem,))
    settings = Settings()
    problems: list[str] = []
    chosen: set[str] = set()
    for key, value in table.items():
        name = KEYS.get(key)
        if name is None:
            known = ", ".join(KEYS)
            problems.append(
                _("{path}: unknown key {key} (Hallway reads {known}); ignored.").format(
                    path=path, key=_show(key), known=known
                )
            )
            continue
        try:
            settings = replace(settings, **{name: _CHECKS[key](value)})
        except ValueError as error:
            default = describe_value(key, Settings())
            problems.append(
                _("{path}: {key} = {value} {error}; using the default ({default}).").format(
                    path=path, key=key, value=_show(value), error=error, default=default
                )
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
        raise ValueError(_('is not a theme name (a word such as "nord" or "textual-light")'))
    return value


def _whole(value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(
            _("is not {what} (a whole number from {low} to {high})").format(
                what=_(what), low=low, high=high
            )
        )
    return value


def _rhythm(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return _whole(value, 1, 3650, _DAYS)
    if isinstance(value, str):
        try:
            return parse_cadence(value)
        except ValueError:
            pass
    raise ValueError(_('is not a rhythm (a number of days, or words such as "3 weeks", "yearly")'))


def _week_start(value: object) -> int:
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for index, name in enumerate(WEEKDAY_NAMES):
            if wanted in (name.casefold(), name[:3].casefold()):
                return index
    raise ValueError(_('is not a day of the week (such as "monday" or "sunday")'))


def _language(value: object) -> str:
    if not isinstance(value, str) or value.strip().casefold() not in LANGUAGES:
        raise ValueError(
            _("is not a language Hallway speaks ({first} or {second})").format(
                first=LANGUAGES[0], second=LANGUAGES[1]
            )
        )
    return value.strip().casefold()


ADDRESS_FORM_CHOICES = ("ask", "du", "sie")


def _address_form(value: object) -> str:
    if not isinstance(value, str) or value.strip().casefold() not in ADDRESS_FORM_CHOICES:
        raise ValueError(_('is not an address form ("du", "sie", or "ask" to ask once per event)'))
    return value.strip().casefold()


_DAYS = N_("a number of days")
_HOUR = N_("an hour of the day")

_CHECKS: dict[str, Callable[[Any], Any]] = {
    "theme": _theme,
    "rhythm": _rhythm,
    "promise_due_days": lambda v: _whole(v, 0, MAX_PROMISE_DUE_DAYS, _DAYS),
    "reminder_hour": lambda v: _whole(v, 0, 23, _HOUR),
    "week_start": _week_start,
    "language": _language,
    "address_form": _address_form,
}


def describe_value(key: str, settings: Settings) -> str:
    """A setting's value in force, as it would be written in the file."""
    value = getattr(settings, KEYS[key])
    if key == "rhythm":
        return f'"{cadence_label(value)}"'
    if key == "week_start":
        return f'"{WEEKDAY_NAMES[value].lower()}"' if value is not None else _(_NOT_SET)
    if key == "language":
        return f'"{value}"' if value is not None else _(_NOT_SET)
    if key == "theme":
        return f'"{value}"' if value else _(_NOT_SET)
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


_NOT_SET = N_("(not set)")

# A setting not set by default: an example value to uncomment, and what "not set" means.
_UNSET = {
    "theme": ('"textual-light"', N_("not set: $TEXTUAL_THEME, else nord")),
    "week_start": (
        '"monday"',
        N_('not set: "this week" is the next seven days, today included'),
    ),
    "language": ('"de"', N_("not set: the environment's language (LANG...), else English")),
}


def describe(loaded: LoadedConfig) -> str:
    """What ``hallway config`` prints: where the file is, then each setting in force and
    where it came from, written as a config file (unset ones as comments), so the output
    can start one."""
    where = "" if loaded.exists else _(" (no such file: every setting has its default)")
    lines = [f"# {visible(str(loaded.path))}{where}"]
    rows = []
    for key in KEYS:
        source = _("from the file") if key in loaded.from_file else _("default")
        value = describe_value(key, loaded.settings)
        if value == _(_NOT_SET):
            example, meaning = _UNSET[key]
            rows.append((f"# {key} = {example}", f"# {_(meaning)}"))
        else:
            rows.append((f"{key} = {value}", f"# {source}"))
    width = max(len(left) for left, _ in rows)
    lines += [f"{left.ljust(width)}  {right}" for left, right in rows]
    return "\n".join(lines)


# A top-level ``theme = ...`` line (a quoted key too), its value, and what follows it.
_THEME_LINE = re.compile(
    r"""^(?P<key>[ \t]*(?:theme|"theme"|'theme')[ \t]*=[ \t]*)"""
    r"""(?P<value>"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^#\n]*?)(?P<rest>[ \t]*(?:#.*)?)$"""
)
_TABLE_HEADER = re.compile(r"^[ \t]*\[")


def save_theme(path: Path, name: str) -> None:
    """Remember ``name`` as the file's ``theme``: its line is changed (or added above the
    first table, or at the end), every other line stays exactly as it was. No file yet: one
    is made holding just that line (owner-only, like every file Hallway writes). A link (a
    dotfiles manager's) is followed, so the file it points at is the one changed.

    Raises ``ValueError`` (a bad name, or a file that isn't valid TOML: it is left alone)
    or the ``OSError`` that stopped the write (the file is then untouched).
    """
    import tomllib

    from hallway.store.files import make_private_dir, write_atomic

    _theme(name)
    path = path.expanduser().resolve()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = data.decode("utf-8-sig")
        table = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path} is not valid TOML ({error}); the theme is not saved") from None
    changed = _with_theme(text, name)
    try:
        safe = tomllib.loads(changed) == {**table, "theme": name}  # nothing else changed
    except tomllib.TOMLDecodeError:
        safe = False
    if not safe:
        raise ValueError(f"{path}: its theme line could not be changed safely; not saved")
    make_private_dir(path.parent)
    write_atomic(path, bom + changed.encode("utf-8"))


def _with_theme(text: str, name: str) -> str:
    """``text`` with its top-level theme set to ``name``."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    first_table = next((i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)), None)
    top = lines if first_table is None else lines[:first_table]
    for index, line in enumerate(top):
        body = line.rstrip("\r\n")
        if match := _THEME_LINE.match(body):
            lines[index] = f'{match["key"]}"{name}"{match["rest"]}{line[len(body) :]}'
            return "".join(lines)
    entry = f'theme = "{name}"{newline}'
    if first_table is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        return "".join([*lines, entry])
    return "".join([*lines[:first_table], entry, *lines[first_table:]])
