"""Exports from inside the app: pick where to write, then it is written in the background."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.text import visible
from hallway.tui.screens.choice import AcceptingModal


@dataclass(frozen=True)
class ExportKind:
    """One export the palette offers."""

    key: str
    title: str
    file_name: str


EXPORTS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind("vcard", "Contacts for your phone (vCard 3.0)", "hallway-contacts.vcf"),
        ExportKind("ics", "Follow-ups and catch-ups for your calendar", "hallway-reminders.ics"),
        ExportKind("markdown", "A debrief of this event (Markdown)", "hallway-debrief.md"),
        ExportKind("json", "Everything, as a Hallway JSON backup", "hallway-backup.json"),
        ExportKind("csv", "Contacts and encounters for a spreadsheet (CSV)", "hallway.csv"),
    )
}


def ask_and_export(app: App[Any], store: Store, kind: str, event_id: int | None) -> None:
    """Ask where to write export ``kind`` (of ``event_id``, for a debrief), then write it in a
    worker from a frozen copy of the store, and say how it went."""

    def chosen(path: Path | None) -> None:
        if path is not None:
            frozen = store.frozen()
            app.run_worker(
                partial(_write_export, app, frozen, kind, event_id, path),
                name="export",
                group="export",
                thread=True,
            )

    app.push_screen(ExportModal(EXPORTS[kind], Path.home()), chosen)


def _write_export(
    app: App[Any], frozen: Store, kind: str, event_id: int | None, path: Path
) -> None:
    # In a worker thread: the app is told through call_from_thread.
    from hallway.store.interop import export_bytes, write_private

    try:
        write_private(path, export_bytes(frozen, kind, event_id=event_id))
    except (HallwayError, OSError) as error:
        message = str(error) if isinstance(error, HallwayError) else f"{error.strerror}."
        app.call_from_thread(
            app.notify, visible(message), title="Not exported", severity="error", markup=False
        )
        return
    app.call_from_thread(
        app.notify,
        visible(f"Written to {path} (only you can read it)."),
        title="Exported",
        markup=False,
    )


class ExportModal(AcceptingModal[Path | None]):
    """Ask where to write an export; dismisses with the path (``~`` expanded) or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Export", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, kind: ExportKind, folder: Path) -> None:
        super().__init__()
        self._kind = kind
        self._suggested = str(folder / kind.file_name)

    def compose(self) -> ComposeResult:
        """What is exported, and the file to write (owner-only, like everything Hallway keeps)."""
        with Vertical(id="dialog", classes="fields") as dialog:
            dialog.border_title = "Export"
            yield Static(Text(self._kind.title, "bold"))
            yield Label("Write to", classes="dialog-label")
            yield Input(self._suggested, id="export-path")
            yield Static("", id="dialog-error", markup=False)
            yield Static(Text("enter exports · esc cancels · only you can read the file", "dim"))

    def on_mount(self) -> None:
        """Start in the path field."""
        self.query_one("#export-path", Input).focus()

    def action_accept(self) -> None:
        """Close with the path, or say what to fix."""
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.refuse("Say where to write it.")
            return
        self.dismiss(Path(typed).expanduser())
