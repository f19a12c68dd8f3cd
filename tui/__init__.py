"""Hallway's application layer: the Textual app, its screens, and the command line."""
