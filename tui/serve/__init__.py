"""``hallway serve``: Hallway in a browser (a phone's), one app process per tab, behind a
secret token. Imported only by that command, so the rest of the command line stays fast."""
