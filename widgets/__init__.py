"""Reusable Textual widgets for Hallway.

Widgets never touch the database: screens hand them records (attributes down) and they
report what the person did with small messages (messages up). Every piece of text a person
typed is displayed through :mod:`hallway.widgets.safe`, so it is always shown literally.
"""
