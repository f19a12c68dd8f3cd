"""The app, driven by real keys through Pilot, and a few snapshots."""
