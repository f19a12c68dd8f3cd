"""Opening Contacts at 10,000 people, and search per keystroke through the UI (a script).

    /work/venv/bin/python tests/benchmarks/bench_contacts.py [--people 10000] [--runs 5]

Builds a demo database (``generate_demo``), starts the app headless on it, waits until the
search index is built (as it is a moment after start), and times with Pilot: ``c`` to the
contacts list shown (first open composes the screen; later opens switch to the installed
screen and reload), the same for a bare Textual screen with an OptionList of as many two-line
rows (the baseline, measured in the same run), and one keystroke in search to its results.

Two clocks: "painted" ends with the last screen refresh before the app went idle (the result
complete on screen), "Pilot" when Pilot finds the app idle (it waits for 20 ms without work,
so it is coarse and includes that wait). Prints medians and 95th percentiles; not an
assertion.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from hallway.store.db import Store
from hallway.store.demo import generate_demo
from hallway.tui.app import HallwayApp
from hallway.tui.screens.contacts import ContactsScreen
from hallway.tui.screens.search import SearchScreen

if TYPE_CHECKING:
    from hallway.store.search import SearchHit


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


class Paints:
    """Times screen refreshes after :meth:`start` (benchmark-only hook on Textual's
    compositor refresh): :meth:`take` gives the last one, when the screen was complete."""

    def __init__(self) -> None:
        self.began = 0.0
        self.painted: float | None = None
        self._refresh = Screen._compositor_refresh

    def start(self) -> None:
        """Start timing now."""
        self.began, self.painted = time.perf_counter(), None

    def __enter__(self) -> Paints:
        refresh = self._refresh

        def timed(screen: Screen[object]) -> None:
            refresh(screen)
            if self.began:
                self.painted = time.perf_counter() - self.began

        Screen._compositor_refresh = timed  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        Screen._compositor_refresh = self._refresh  # type: ignore[method-assign]

    def take(self) -> float:
        """Seconds from :meth:`start` to the last refresh (call once Pilot found it idle)."""
        assert self.painted is not None, "no screen refresh after the action"
        return self.painted


async def time_bare(rows: int, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"pilot": [], "painted": []}
    app = BareApp()
    with Paints() as paints:
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(runs):
                paints.start()
                await app.push_screen(BareList(rows))
                await pilot.pause()
                found["pilot"].append(time.perf_counter() - paints.began)
                found["painted"].append(paints.take())
                await app.pop_screen()
                await pilot.pause()
    return found


async def time_hallway(path: Path, runs: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {
        f"{what} {clock}": []
        for what in ("first", "again", "key")
        for clock in ("pilot", "painted")
    }
    found["key handled"] = []
    store = Store.open(path)
    app = HallwayApp(store)
    with Paints() as paints:
        async with app.run_test(size=(120, 36)) as pilot:
            while app.search_index is None:  # as a moment after start
                await pilot.pause(0.05)
            await pilot.pause()
            for run in range(runs):
                what = "first" if run == 0 else "again"
                paints.start()
                await pilot.press("c")
                await pilot.pause()
                found[f"{what} pilot"].append(time.perf_counter() - paints.began)
                found[f"{what} painted"].append(paints.take())
                assert isinstance(app.screen, ContactsScreen)
                assert app.screen.contact_list.row_count > 0
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            # The search handler ends by listing the hits: the work per key.
            listed: list[float] = []
            show_hits = screen.show_hits

            def timed_show_hits(hits: list[SearchHit]) -> None:
                show_hits(hits)
                listed.append(time.perf_counter())

            screen.show_hits = timed_show_hits  # type: ignore[method-assign]
            for word in ("sourdough", "anna", "climbing", "berlin"):
                screen.set_query("")
                await pilot.pause()
                for letter in word:
                    typed = screen.field.value + letter
                    paints.start()
                    await pilot.press(letter)
                    await pilot.pause()
                    assert screen.shown_query == typed
                    found["key handled"].append(listed[-1] - paints.began)
                    found["key pilot"].append(time.perf_counter() - paints.began)
                    found["key painted"].append(paints.take())
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
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return f"{statistics.median(ordered) * 1000:8.1f} {p95 * 1000:8.1f}"

    print(f"{args.people} people, {summary.contacts} contacts; ms, painted and as Pilot sees it")
    print(
        f"{'what':44} {'painted':>8} {'p95':>8} {'x bare':>6} {'Pilot':>8} {'p95':>8} {'x bare':>6}"
    )
    rows = [
        ("bare screen, OptionList of as many rows", bare["painted"], bare["pilot"]),
        (
            "c: Contacts, first open (compose + load)",
            timings["first painted"],
            timings["first pilot"],
        ),
        (
            "c: Contacts, again (installed, reload)",
            timings["again painted"],
            timings["again pilot"],
        ),
        ("search: one keystroke to results", timings["key painted"], timings["key pilot"]),
    ]
    for label, painted, pilot in rows:
        ratios = [
            statistics.median(values) / statistics.median(base)
            for values, base in ((painted, bare["painted"]), (pilot, bare["pilot"]))
        ]
        print(f"{label:44} {ms(painted)} {ratios[0]:6.2f} {ms(pilot)} {ratios[1]:6.2f}")
    print(f"{'search: keystroke to results listed (handler)':44} {ms(timings['key handled'])}")
    print("targets: first open <= 1.3 x bare; search keystroke p95 <= 16 ms")


if __name__ == "__main__":
    main()
