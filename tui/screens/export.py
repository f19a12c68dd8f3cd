"""Exports from inside the app: pick where to write, then it is written in the background.

In a browser (``hallway serve``) the file is not written on the server's disk: the browser
downloads it (Textual's :meth:`~textual.app.App.deliver_binary`), so a vCard export on a
phone ends with the phone offering to add the contacts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import N_, _
from hallway.store.text import visible
from hallway.tui.screens.choice import AcceptingModal, dialog_buttons
from hallway.widgets import colours
from hallway.widgets.text import themed


@dataclass(frozen=True)
class ExportKind:
    """One export the palette offers (``title`` marked with ``N_``: shown through ``_``)."""

    key: str
    title: str
    file_name: str
    mime_type: str


EXPORTS: dict[str, ExportKind] = {
    kind.key: kind
    for kind in (
        ExportKind(
            "vcard",
            N_("Contacts for your phone (vCard 3.0)"),
            "hallway-contacts.vcf",
            "text/vcard; charset=utf-8",
        ),
        ExportKind(
            "ics",
            N_("Follow-ups and catch-ups for your calendar"),
            "hallway-reminders.ics",
            "text/calendar; charset=utf-8",
        ),
        ExportKind(
            "markdown",
            N_("A debrief of this event (Markdown)"),
            "hallway-debrief.md",
            "text/markdown; charset=utf-8",
        ),
        ExportKind(
            "json",
            N_("Everything, as a Hallway JSON backup"),
            "hallway-backup.json",
            "application/json",
        ),
        ExportKind(
            "csv",
            N_("Contacts and encounters for a spreadsheet (CSV)"),
            "hallway.csv",
            "text/csv; charset=utf-8",
        ),
    )
}


def ask_and_export(app: App[Any], store: Store, kind: str, event_id: int | None) -> None:
    """Ask where to write export ``kind`` (of ``event_id``, for a debrief), then write it in a
    worker from a frozen copy of the store, and say how it went. In a browser, offer it as
    a download instead."""
    if app.is_web:
        _offer_download(app, store, EXPORTS[kind], event_id)
        return

    def chosen(path: Path | None) -> None:
        if path is not None:
            frozen = store.frozen(bookkeeping=kind == "json")
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
            app.notify, visible(message), title=_("Not exported"), severity="error", markup=False
        )
        return
    app.call_from_thread(
        app.notify,
        visible(_("Written to {path} (only you can read it).").format(path=path)),
        title=_("Exported"),
        markup=False,
    )


def _offer_download(app: App[Any], store: Store, kind: ExportKind, event_id: int | None) -> None:
    def chosen(download: bool | None) -> None:
        if download:
            frozen = store.frozen(bookkeeping=kind.key == "json")
            app.run_worker(
                partial(_deliver_export, app, frozen, kind, event_id),
                name="export",
                group="export",
                thread=True,
            )

    app.push_screen(DownloadModal(kind), chosen)


def _deliver_export(app: App[Any], frozen: Store, kind: ExportKind, event_id: int | None) -> None:
    # In a worker thread: the bytes are made here, handed to the browser on the app's thread.
    from hallway.store.interop import export_bytes

    try:
        data = export_bytes(frozen, kind.key, event_id=event_id)
    except HallwayError as error:
        app.call_from_thread(
            app.notify,
            visible(str(error)),
            title=_("Not exported"),
            severity="error",
            markup=False,
        )
        return
    app.call_from_thread(_hand_to_browser, app, kind, data)


def _hand_to_browser(app: App[Any], kind: ExportKind, data: bytes) -> None:
    app.deliver_binary(
        io.BytesIO(data), save_filename=kind.file_name, mime_type=kind.mime_type, name="export"
    )
    app.notify(
        visible(_("{file} is on its way to your browser's downloads.").format(file=kind.file_name)),
        title=_("Exported"),
        markup=False,
    )


class DownloadModal(AcceptingModal[bool]):
    """In a browser: confirm an export, which the browser then downloads; dismisses with
    whether to go ahead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", N_("Download"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, kind: ExportKind) -> None:
        super().__init__()
        self._kind = kind

    def compose(self) -> ComposeResult:
        """What is exported, the file's name, and two buttons."""
        with Vertical(id="dialog") as dialog:
            dialog.border_title = _("Export")
            yield Static(Text(_(self._kind.title), "bold"))
            yield Static(Text(self._kind.file_name), id="download-name")
            yield Static(
                themed(
                    Text(_("Your browser downloads it; nothing is written here."), colours.QUIET)
                )
            )
            yield Static("", id="dialog-error", markup=False)
            yield dialog_buttons(_("Download"), confirm_id="download")

    def on_mount(self) -> None:
        """Start on the download button."""
        self.query_one("#download", Button).focus()

    def action_accept(self) -> None:
        """Go ahead with the download."""
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(False)


class ExportModal(AcceptingModal[Path | None]):
    """Ask where to write an export; dismisses with the path (``~`` expanded) or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", N_("Export"), priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, kind: ExportKind, folder: Path) -> None:
        super().__init__()
        self._kind = kind
        self._suggested = str(folder / kind.file_name)

    def compose(self) -> ComposeResult:
        """What is exported, and the file to write (owner-only, like everything Hallway keeps)."""
        with Vertical(id="dialog", classes="fields") as dialog:
            dialog.border_title = _("Export")
            yield Static(Text(_(self._kind.title), "bold"))
            yield Label(_("Write to"), classes="dialog-label")
            yield Input(self._suggested, id="export-path")
            yield Static("", id="dialog-error", markup=False)
            yield Static(
                themed(
                    Text(
                        _("enter exports · esc cancels · only you can read the file"), colours.QUIET
                    )
                ),
                classes="dialog-hint",
            )
            yield dialog_buttons(_("Export"))

    def on_mount(self) -> None:
        """Start in the path field."""
        self.query_one("#export-path", Input).focus()

    def action_accept(self) -> None:
        """Close with the path, or say what to fix."""
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.refuse(_("Say where to write it."))
            return
        self.dismiss(Path(typed).expanduser())
