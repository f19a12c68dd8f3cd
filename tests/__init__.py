"""Hallway's test suite, a package so every test module imports under its own dotted name
(``tests.store.test_search``), and helpers import as ``tests.<folder>.<module>``."""
