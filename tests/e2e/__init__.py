"""End-to-end tests: `hallway` in a real terminal (tmux)."""
