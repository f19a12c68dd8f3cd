"""Reusable Textual widgets for Hallway. They hold no database access of their own."""
