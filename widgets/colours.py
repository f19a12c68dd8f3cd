"""Colours for Rich text built in code (Rich styles cannot use Textual theme variables).

They match the calm nord theme the app uses, so marks read the same everywhere.
"""

STAR = "#ebcb8b"
FLAG = "#88c0d0"
TOPIC = "#a3be8c"
MUTED = "#81a1c1"
DONE = "#4c566a"
ERROR = "#bf616a"
