"""``python -m hallway``: the same as the ``hallway`` command."""

import sys

from hallway.tui.cli import main

sys.exit(main())
