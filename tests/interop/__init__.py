"""Import and export: vCard, iCalendar, Markdown and JSON."""
