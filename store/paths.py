"""Where the database lives: ``--db``, then ``HALLWAY_DB``, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """The platform's user data folder, ``hallway/hallway.json`` inside it."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("hallway", appauthor=False)) / "hallway.json"


def resolve_db_path(cli_value: str | None) -> Path:
    """The database path to use: the command line wins, then ``HALLWAY_DB``, then the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("HALLWAY_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()
