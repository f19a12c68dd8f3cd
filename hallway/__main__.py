"""``python -m hallway`` and the ``hallway`` command."""

import sys

from hallway.tui.heap import pause_from_start


def run() -> int:
    """Start the command line with the collector resting (see :mod:`hallway.tui.heap`)."""
    pause_from_start()  # before the imports: they make tens of thousands of objects
    from hallway.tui.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
