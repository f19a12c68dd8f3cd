"""Hallway's screens: live event, events, help and the small modal dialogs.

Screens coordinate: they read and change the store and hand records down to widgets.
"""
