"""Writing a note in one's own editor: ``$VISUAL``, else ``$EDITOR``, else nano or vi.

The text goes into a temp file readable by its owner only, in a private folder of its own
(editors write swap and backup files beside the file, and those hold the note too: the whole
folder is removed afterwards, whatever happens). The app steps aside while the editor runs
(Textual's :meth:`App.suspend`), and what was saved there comes back. An editor that exits
with an error, or can't start, changes nothing.

A one-line field holds a note of several lines with a visible mark for each line break
(:data:`LINE_MARK`, "⏎"): :func:`to_line` and :func:`from_line` go between the two.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from hallway.store.i18n import N_, _

FALLBACKS = ("nano", "vi")
LINE_MARK = "⏎"
FILE_NAME = "hallway-note.txt"
NO_EDITOR = N_("No editor found: set $EDITOR (for example: export EDITOR=nano) and try again.")


class EditorProblem(Exception):
    """Why the editor could not be used, in words (nothing was changed)."""


@dataclass(frozen=True)
class Edited:
    """What came back from the editor: ``text`` (None: nothing changes) and a ``problem`` to
    say, if any (a temp file left behind can come with text that did come back)."""

    text: str | None
    problem: str = ""


def to_line(text: str) -> str:
    """Text of several lines on one line, each line break shown as :data:`LINE_MARK`."""
    return text.replace("\r\n", "\n").replace("\n", LINE_MARK)


def from_line(text: str) -> str:
    """A field's text with each :data:`LINE_MARK` a line break again."""
    return text.replace(LINE_MARK, "\n")


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run, as a command: ``$VISUAL``, else ``$EDITOR`` (words and options such
    as ``code --wait`` allowed), else nano, else vi. Raises :class:`EditorProblem` when the
    variable can't be read as a command, names a program that isn't installed, or there is
    no editor at all."""
    environ = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError:
            raise EditorProblem(
                _("${variable} can't be read as a command: {value}").format(
                    variable=variable, value=value
                )
            ) from None
        if not words:
            continue
        if shutil.which(words[0], path=environ.get("PATH")) is None:
            raise EditorProblem(
                _("${variable} is {program}, which isn't installed here.").format(
                    variable=variable, program=words[0]
                )
            )
        return words
    for name in FALLBACKS:
        if shutil.which(name, path=environ.get("PATH")) is not None:
            return [name]
    raise EditorProblem(_(NO_EDITOR))


def run_editor(command: list[str], text: str) -> Edited:
    """Run ``command`` on a temp file holding ``text`` and wait for it; the saved text comes
    back (trailing blank lines and spaces dropped, as editors add a final newline). Never
    raises: the app is suspended around this call, and must always be resumed."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="hallway-"))  # mode 0700
    except OSError as error:
        return Edited(None, _no_temp_file(error))
    path = folder / FILE_NAME
    try:
        edited = _edit(command, path, text)
    finally:
        try:
            shutil.rmtree(folder)
        except OSError as error:
            leftover = _("The temp copy could not be removed ({reason}): delete {folder}.").format(
                reason=error.strerror, folder=folder
            )
            edited = Edited(edited.text, f"{edited.problem} {leftover}".strip())
    return edited


def _edit(command: list[str], path: Path, text: str) -> Edited:
    name = Path(command[0]).name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(f"{text}\n" if text else "")
    except OSError as error:
        return Edited(None, _no_temp_file(error))
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except OSError as error:
        return Edited(
            None,
            _("{editor} could not start: {reason}.").format(
                editor=name, reason=error.strerror or error
            ),
        )
    if finished.returncode != 0:
        code = finished.returncode
        return Edited(
            None,
            _("{editor} exited with an error ({code}); nothing changed.").format(
                editor=name, code=code
            ),
        )
    try:
        saved = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return Edited(None, _("{editor} left no file behind; nothing changed.").format(editor=name))
    except OSError as error:
        return Edited(
            None,
            _("The text from {editor} can't be read: {reason}.").format(
                editor=name, reason=error.strerror
            ),
        )
    except UnicodeDecodeError:
        return Edited(
            None, _("{editor} saved text that isn't UTF-8; nothing changed.").format(editor=name)
        )
    return Edited(saved.replace("\r\n", "\n").rstrip())


def _no_temp_file(error: OSError) -> str:
    return _("No temp file for the editor: {reason}.").format(reason=error.strerror or error)


def edit_in_editor(app: App[Any], text: str, environ: Mapping[str, str] | None = None) -> Edited:
    """Open the user's editor on ``text`` with the app stepped aside (suspended), and give
    back what was saved. In a browser (``hallway serve``) or without a terminal there is no
    editor to step aside for: that is said, and nothing changes."""
    try:
        command = editor_command(environ)
    except EditorProblem as problem:
        return Edited(None, str(problem))
    try:
        with app.suspend():
            return run_editor(command, text)
    except SuspendNotSupported:
        return Edited(None, _("The editor opens only when Hallway runs in a terminal."))
