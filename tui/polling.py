"""Noticing other processes' saves (``hallway capture`` from a shell, a second window) and
telling what the store noticed (a restored backup, a journal it could not tidy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.text import visible


class StorePolling:
    """Checks the store for other processes' saves every ``interval`` seconds (from
    :meth:`start`) and calls ``changed`` when there were some."""

    def __init__(self, app: App[Any], store: Store, changed: Callable[[], None]) -> None:
        self.app = app
        self.store = store
        self.changed = changed
        self._loads_seen = store.outside_loads

    def start(self, interval: float) -> None:
        """Say what the store noticed while opening (and at once if nothing can be saved),
        then poll."""
        self.tell_cannot_save()
        self.tell_notices()
        self.app.set_interval(interval, self.poll)

    def tell_cannot_save(self) -> None:
        """Say at once when the database opened read-only: saving is impossible until the
        folder (or file) is writable, and nothing typed is lost meanwhile."""
        reason = self.store.cannot_save
        if reason is None:
            return
        self.app.notify(
            visible(
                _(
                    "Hallway can show everything but cannot save: {reason}. Nothing you type "
                    "is lost: a line that cannot be saved stays in the bar, and saving works "
                    "again as soon as the folder is writable."
                ).format(reason=reason)
            ),
            title=_("Saving is not possible yet"),
            severity="warning",
            timeout=30,
            markup=False,
        )

    def tell_notices(self) -> None:
        """Say what the store noticed, once."""
        for notice in self.store.take_notices():
            self.app.notify(visible(notice), title=_("Your data"), timeout=15, markup=False)

    def poll(self) -> None:
        """A cheap stat check; screens below the top one reload when they are shown again."""
        # Other processes' saves may also have been loaded by a save of ours (screens show
        # their own saves without re-reading everything), hence the load count.
        try:
            changed = self.store.refresh()
        except HallwayError as error:  # e.g. the file was damaged and nothing good is left
            self.app.notify(
                visible(str(error)), title=_("Your data"), severity="error", markup=False
            )
            return
        finally:
            self.tell_notices()
        if changed or self.store.outside_loads != self._loads_seen:
            self._loads_seen = self.store.outside_loads
            self.changed()
