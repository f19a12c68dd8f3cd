"""The `hallway` command line: capture from a shell, export, the other commands."""
