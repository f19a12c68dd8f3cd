"""Hallway: a full-screen terminal companion for live events.

The code lives in three folders at the repository's top level, installed under this one
import name (the entries here are links to them):

* ``hallway.store`` (``store/``) -- the domain: records, the Store facade, the capture
  grammar, keep-in-touch rules, helper phrases, demo data, import/export; and, in
  ``store/engine/``, the durable storage engine that only the Store uses. Never imports
  Textual.
* ``hallway.widgets`` (``widgets/``) -- reusable Textual widgets; no database access.
* ``hallway.tui`` (``tui/``) -- the application: the App, screens, dialogs, the command line.
"""
