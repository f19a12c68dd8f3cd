"""Text typed but not saved when Hallway was closed from outside (the terminal closed, a
SIGTERM): kept in an owner-only file beside the database, ``hallway.json.drafts``, and
offered back by the next start.

The file is JSON: ``{"drafts": [{"mode": "person"|"note"|"promise"|"circle"|"other",
"person_id": n, "person": "name", "text": "..."}], "saved_at": "ISO time"}``. ``circle`` is a
note for everyone in a person's conversation circle; ``other`` is text from a dialog (a new
event's name, an edit), given back in words rather than in a field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from hallway.store import clock
from hallway.store.errors import HallwayError
from hallway.store.files import write_atomic
from hallway.store.i18n import _

MODES = ("person", "note", "promise", "circle", "other")


@dataclass(frozen=True)
class Draft:
    """One unsaved text: what it was for (a new person, a note or a promise about a person,
    a note for their whole circle, or other text from a dialog) and the text itself."""

    mode: str
    text: str
    person_id: int = 0
    person: str = ""


def drafts_path(db: Path) -> Path:
    """The drafts file of the database at ``db``."""
    return db.with_name(db.name + ".drafts")


def save_drafts(db: Path, drafts: list[Draft]) -> Path:
    """Write ``drafts`` durably (owner-only) beside the database, adding to any already kept
    there; returns the file's path. Raises ``OSError`` if it cannot be written."""
    path = drafts_path(db)
    try:
        earlier = read_drafts(db)
    except HallwayError:
        earlier = []  # an unreadable file is replaced: the new text matters more
    kept = earlier + [d for d in drafts if d not in earlier]
    document = {"drafts": [asdict(d) for d in kept], "saved_at": clock.now().isoformat()}
    write_atomic(path, orjson.dumps(document, option=orjson.OPT_INDENT_2))
    return path


def read_drafts(db: Path) -> list[Draft]:
    """The drafts kept beside the database (none when there is no file). Raises
    :class:`HallwayError` for a file that is not a drafts file (it is left as it is)."""
    path = drafts_path(db)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    try:
        document = orjson.loads(raw)
        items = document["drafts"]
        drafts = [_draft(item) for item in items]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        raise HallwayError(
            _("The file of unsaved text {path} cannot be read; it is left as it is.").format(
                path=path
            )
        ) from None
    return drafts


def _draft(item: object) -> Draft:
    if not isinstance(item, dict):
        raise ValueError("not a draft")
    draft = Draft(
        mode=item["mode"],
        text=item["text"],
        person_id=item.get("person_id", 0),
        person=item.get("person", ""),
    )
    if (
        draft.mode not in MODES
        or not isinstance(draft.text, str)
        or not isinstance(draft.person, str)
        or not isinstance(draft.person_id, int)
        or isinstance(draft.person_id, bool)
    ):
        raise ValueError("not a draft")
    return draft


def forget_drafts(db: Path) -> None:
    """Remove the drafts file (its text is back on screen)."""
    drafts_path(db).unlink(missing_ok=True)
