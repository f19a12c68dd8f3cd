"""Where the database lives: ``--db``, then ``HALLWAY_DB``, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from hallway.store.errors import HallwayError
from hallway.store.i18n import _

DB_ENV = "HALLWAY_DB"


def default_db_path() -> Path:
    """The platform's user data folder, ``hallway/hallway.json`` inside it."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("hallway", appauthor=False)) / "hallway.json"


def resolve_db_path(cli_value: str | None) -> Path:
    """The database path to use: the command line wins, then ``HALLWAY_DB``, then the default.

    An empty ``--db ""`` or ``HALLWAY_DB=""`` is refused with :class:`HallwayError` rather
    than read as "not given": a script whose variable happens to be unset must not write
    into the person's real database.
    """
    if cli_value is not None:
        if not cli_value.strip():
            raise HallwayError(
                _(
                    "--db was given an empty path (an unset variable in a script?). Give the "
                    "database file's path, or leave out --db to use your own database."
                )
            )
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env is not None:
        if not env.strip():
            raise HallwayError(
                _(
                    "{variable} is set but empty. Set it to the database file's path, or unset "
                    "it (`unset {variable}`) to use your own database."
                ).format(variable=DB_ENV)
            )
        return Path(env).expanduser()
    return default_db_path()
