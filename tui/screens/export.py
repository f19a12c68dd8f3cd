"""Exports from inside the app: pick where to write, then it is written in the background."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from hallway.store.db import Store
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
    )
}


def export_bytes(store: Store, kind: str, event_id: int | None) -> bytes:
    """The export's content (the format modules load only when asked for)."""
    if kind == "vcard":
        from hallway.store.interop.vcard import export_vcard

        return export_vcard(store).encode()
    if kind == "ics":
        from hallway.store.interop.ics import export_ics

        return export_ics(store).encode()
    if kind == "markdown":
        from hallway.store.interop.markdown import export_markdown

        return export_markdown(store, event_id).encode()
    from hallway.store.interop.jsonio import export_json

    return export_json(store)


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
            yield Input(self._suggested, compact=True, id="export-path")
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
