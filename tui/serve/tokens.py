"""The secret that lets a browser into ``hallway serve``: made, kept, replaced, compared.

The token is 32 random bytes from :mod:`secrets` (256 bits, URL-safe text). By default each
run makes a new one. ``--keep-token`` keeps it in an owner-only file in Hallway's config
folder, so a phone's bookmark (its cookie) keeps working between runs; ``--new-token``
replaces the kept one. Comparisons are constant-time (:func:`hmac.compare_digest`).
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import stat
from pathlib import Path

from hallway.store.errors import HallwayError
from hallway.store.files import make_private_dir, write_atomic
from hallway.store.i18n import _

TOKEN_BYTES = 32
# 22 URL-safe characters carry 132 bits: the least a kept token may hold.
_KEPT_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,128}")
TOKEN_FILE_NAME = "serve-token"


def new_token() -> str:
    """A fresh secret token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_secret(offered: str | None, token: str) -> bool:
    """Whether ``offered`` is the token, in constant time (no early exit on the first
    differing character, so timing tells an attacker nothing)."""
    if offered is None:
        return False
    return hmac.compare_digest(offered.encode("utf-8"), token.encode("utf-8"))


def token_file() -> Path:
    """Where ``--keep-token`` keeps the token: Hallway's user config folder."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("hallway", appauthor=False)) / TOKEN_FILE_NAME


def choose_token(*, keep: bool, replace: bool, path: Path | None = None) -> str:
    """The token for this run: a fresh one, the kept one (``keep``), or a fresh one that
    replaces the kept one (``replace``, which implies keeping it)."""
    if not (keep or replace):
        return new_token()
    path = path or token_file()
    if not replace and path.exists():
        return read_kept_token(path)
    token = new_token()
    make_private_dir(path.parent)
    write_atomic(path, (token + "\n").encode("ascii"))
    return token


def read_kept_token(path: Path) -> str:
    """The kept token, refusing a file that others can read or that is not a token."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise HallwayError(
            _("{path} is not a plain file. Run with --new-token to replace it.").format(path=path)
        )
    if info.st_mode & 0o077:
        raise HallwayError(
            _(
                "{path} can be read by other users, so the token in it may be known. "
                "Run with --new-token to replace it."
            ).format(path=path)
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise HallwayError(
            _("{path} belongs to another user. Run with --new-token to replace it.").format(
                path=path
            )
        )
    text = path.read_text(encoding="ascii", errors="replace").strip()
    if not _KEPT_TOKEN.fullmatch(text):
        raise HallwayError(
            _("{path} does not hold a usable token. Run with --new-token to replace it.").format(
                path=path
            )
        )
    return text
