"""Which theme the app shows, and remembering one chosen in the app.

The first of these that names a theme Textual knows wins:

1. the config file's ``theme``: written by hand, or by choosing a theme in the app (command
   palette, "Theme"), which is remembered there (:func:`~hallway.store.config.save_theme`
   changes only that line);
2. ``$TEXTUAL_THEME``: Textual's default for every Textual app, so Hallway's own setting comes
   first;
3. nord.

A name that is no theme is said in one line, and the next in line is used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.app import App

from hallway.store.text import visible

DEFAULT_THEME = "nord"


class ThemeKeeper:
    """Sets the starting theme and remembers the one chosen later (if told where)."""

    def __init__(self, app: App[Any], configured: str, config_path: Path | None) -> None:
        """``configured`` is the config file's theme ("" when not set); ``config_path`` is
        where a theme chosen in the app is remembered (None: it is not, as in the demo)."""
        self.app = app
        self.configured = configured
        self.config_path = config_path
        self._remembered: str | None = None  # None until the starting theme is set

    def start(self) -> list[str]:
        """Set the theme in force (call it from the app's ``__init__``); returns a one-line
        notice per name that is no theme."""
        unknown = []
        candidates = [
            (self.configured, f"{self.config_path or 'the config file'}: theme"),
            (os.environ.get("TEXTUAL_THEME", ""), "TEXTUAL_THEME"),
        ]
        chosen = DEFAULT_THEME
        for name, where in candidates:
            if not name:
                continue
            theme = self.app.get_theme(name)
            if theme is not None:
                chosen = theme.name
                break
            unknown.append(f'{where} = "{name}"')
        theme = self.app.get_theme(chosen)
        if theme is not None and theme.dark == self.app.current_theme.dark:
            # Called before Textual first reads the CSS (which it then does with this theme's
            # variables), and as dark or light as the theme the app started with: setting
            # the theme as usual would read all the CSS a second time (~8 ms of start-up).
            self.app.set_reactive(App.theme, chosen)
            self.app.stylesheet.set_variables(self.app.get_css_variables())
            self.app.add_class(f"-theme-{chosen}")  # as Textual marks the app's theme
        else:
            self.app.theme = chosen
        self._remembered = chosen
        said = [f'{what} is not a theme Textual knows; using "{chosen}".' for what in unknown]
        return [visible(line) for line in said]

    def chosen(self, name: str) -> None:
        """The app's theme became ``name``: remember it in the config file, if it is new
        (a failed write is said, and the theme stays for this session)."""
        if self._remembered is None or name == self._remembered or self.config_path is None:
            return
        from hallway.store.config import save_theme

        try:
            save_theme(self.config_path, name)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            self.app.notify(
                f"Theme {name} is used now but not remembered: {reason}",
                title="Theme",
                severity="warning",
                markup=False,
            )
            return
        self._remembered = name
