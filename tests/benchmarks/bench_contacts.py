"""Opening Contacts at 10,000 people, and search per keystroke through the UI (a script).

    /work/venv/bin/python tests/benchmarks/bench_contacts.py [--people 10000] [--runs 5]

Builds a demo database (``generate_demo``), starts the app headless on it, and times with
Pilot: ``c`` to the contacts list shown (first open composes the screen; later opens switch
to the installed screen and reload), the same for a bare Textual screen with an OptionList of
as many two-line rows (the baseline, measured in the same run), and one keystroke in search
to the results shown. Prints a table of medians; not a timed assertion.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rich.text import Text  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Footer, OptionList, Static  # noqa: E402

from store.db import Store  # noqa: E402
from store.demo import generate_demo  # noqa: E402
from tui.app import HallwayApp  # noqa: E402
from tui.screens.contacts import ContactsScreen  # noqa: E402
from tui.screens.search import SearchScreen  # noqa: E402


class BareList(Screen[None]):
    """Baseline: an OptionList of ``rows`` two-line rows and a static."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[Text(f"Person {i}\ndue this week · Org {i % 97}") for i in range(self.rows)]
        )
        yield Static("detail")
        yield Footer()


class BareApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Screen())


async def time_bare(rows: int, runs: int) -> list[float]:
    times = []
    app = BareApp()
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(runs):
            start = time.perf_counter()
            await app.push_screen(BareList(rows))
            await pilot.pause()
            times.append(time.perf_counter() - start)
            await app.pop_screen()
            await pilot.pause()
    return times


async def time_hallway(path: Path, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"first": [], "again": [], "key": []}
    store = Store.open(path)
    app = HallwayApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        for run in range(runs):
            start = time.perf_counter()
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ContactsScreen)
            found["first" if run == 0 else "again"].append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for word in ("sourdough", "anna", "climbing", "berlin"):
            screen.set_query("")
            for letter in word:
                start = time.perf_counter()
                await pilot.press(letter)
                await pilot.pause()
                found["key"].append(time.perf_counter() - start)
    store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.json"
    with Store.open(path) as store:
        summary = generate_demo(store, people=args.people)
    timings = asyncio.run(time_hallway(path, args.runs))
    bare = asyncio.run(time_bare(summary.contacts, args.runs))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:8.1f}" if values else "     n/a"

    print(f"{args.people} people, {summary.contacts} contacts (median ms, Pilot round trips)")
    print(f"{'what':48} {'ms':>8} {'vs bare':>8}")
    base = statistics.median(bare)
    rows = [
        ("bare screen, OptionList of as many rows", bare),
        ("c: Contacts, first open (compose + load)", timings["first"]),
        ("c: Contacts, again (installed screen, reload)", timings["again"]),
        ("search: one keystroke to results", timings["key"]),
    ]
    for label, values in rows:
        ratio = statistics.median(values) / base if values else 0.0
        print(f"{label:48} {ms(values)} {ratio:8.2f}")


if __name__ == "__main__":
    main()
