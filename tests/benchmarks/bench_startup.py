"""Startup and capture benchmark for the full-screen app (a script, not a test).

    /work/venv/bin/python tests/benchmarks/bench_startup.py [--people 10000] [--runs 21]

1. Launch to interactive live screen, in subprocesses, against a bare Textual app with a
   similar widget set (header, option list with as many rows, two statics, input, footer)
   measured in the same run. "Ready" is the live screen's first refresh after showing its
   people (``LiveScreenReady``); the bare app's is its first refresh after mount. The two
   are launched alternately (after one warm-up launch of each, not counted), so a busy
   neighbour on the machine slows both alike; the table gives medians and the spread
   (quartiles, extremes), and the ratio both of the medians and of each pair's launches.
2. Enter in the capture bar, in a Pilot session on the same database (after the search index
   is built, as it is a moment after start): Enter to durable save (``Store.capture``
   returned: fsynced), Enter to screen updated (the end of the first screen refresh after the
   save, which draws the new person), and the whole keypress as Pilot sees it (it waits
   until the app has been idle for 20 ms, so it is coarse and includes that wait).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIVE_SHARE = 0.10  # like the demo data: about a tenth of the people were met at the live event

CHILD_HALLWAY = """
import sys, time
start = float(sys.argv[2])
from hallway.store.db import Store
from hallway.tui.app import HallwayApp
from hallway.tui.messages import LiveScreenReady

class Bench(HallwayApp):
    def on_live_screen_ready(self, message: LiveScreenReady) -> None:
        print(f"{time.monotonic() - start:.6f}")
        self.exit()

Bench(Store.open(sys.argv[1])).run(headless=True, size=(120, 36))
"""

CHILD_BARE = """
import sys, time
start = float(sys.argv[2])
rows = int(sys.argv[3])
from rich.text import Text
from textual.app import App
from textual.widgets import Footer, Header, Input, OptionList, Static

class Bare(App[None]):
    def compose(self):
        yield Header()
        rows_text = [f"10:{i % 60:02d}  Person {i}\\n   #topic-{i % 97}" for i in range(rows)]
        yield OptionList(*[Text(row) for row in rows_text])
        yield Static("notes")
        yield Static("helper")
        yield Input()
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.ready)

    def ready(self) -> None:
        print(f"{time.monotonic() - start:.6f}")
        self.exit()

Bare().run(headless=True, size=(120, 36))
"""


def build_database(path: Path, people: int) -> int:
    """A database of ``people`` encounters over 20 past events and one live one."""
    from hallway.store import clock
    from hallway.store.db import Store
    from hallway.store.records import Encounter, Event, FollowUp, Note

    now = clock.now()
    events = [
        Event(
            id=index + 1,
            name=f"Meetup #{index + 1}",
            place="Berlin",
            starts=now - timedelta(days=30 * (20 - index)),
            ends=now - timedelta(days=30 * (20 - index) - 1),
        )
        for index in range(20)
    ]
    live = Event(id=21, name="PyCon Live", place="Berlin", starts=now, live=True)
    events.append(live)
    live_people = int(people * LIVE_SHARE)
    encounters = []
    for index in range(people):
        at_live = index < live_people
        met = now - timedelta(minutes=index) if at_live else now - timedelta(days=30 + index % 500)
        encounters.append(
            Encounter(
                id=index + 1,
                event_id=live.id if at_live else 1 + index % 20,
                name=f"Person {index} Example",
                role="engineer",
                org=f"Org {index % 300}",
                topics=[f"topic-{index % 97}", f"hobby-{index % 61}"],
                notes=[Note(f"talked about topic {index % 97} and more", met)],
                follow_ups=[FollowUp("send the link", met.date() + timedelta(days=3))],
                met_at=met,
            )
        )
    with Store.open(path) as store:
        store.replace_all(events, encounters, [])
    return live_people


def launch(code: str, first: str, *rest: str) -> float:
    """Seconds from just before the process starts to the moment it reports ready."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, first, f"{start}", *rest],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    return float(result.stdout.strip().splitlines()[-1])


async def capture_latencies(path: Path, count: int) -> dict[str, list[float]]:
    """Milliseconds per capture, ``count`` times: ``save`` (Enter to durable save),
    ``paint`` (Enter to screen updated), ``pilot`` (whole keypress), ``store`` (the save)."""
    from textual.screen import Screen
    from textual.widgets import Input

    from hallway.store.db import Store
    from hallway.tui.app import HallwayApp
    from hallway.widgets.rows import RowList

    store = Store.open(path)
    found: dict[str, list[float]] = {"save": [], "paint": [], "pilot": [], "store": []}
    pressed = [0.0]
    saved_at: list[float] = []
    # The live screen saves through capture_people (a line may name a circle of people).
    original = store.capture_people

    def timed_capture(line: str, event_id: int | None = None):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        encounters = original(line, event_id)
        done = time.perf_counter()
        found["store"].append((done - began) * 1000)
        found["save"].append((done - pressed[0]) * 1000)
        saved_at.append(done)
        return encounters

    # The screen refresh that follows the save is the one that shows the new person
    # (benchmark-only hook on Textual's compositor refresh).
    refresh = Screen._compositor_refresh

    def timed_refresh(screen: Screen[object]) -> None:
        refresh(screen)
        if saved_at and len(found["paint"]) < len(saved_at):
            found["paint"].append((time.perf_counter() - pressed[0]) * 1000)

    store.capture_people = timed_capture  # type: ignore[method-assign]
    Screen._compositor_refresh = timed_refresh  # type: ignore[method-assign,assignment]
    app = HallwayApp(store)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            while app.search_index is None:  # as a moment after start
                await pilot.pause(0.05)
            await pilot.press("n")
            for index in range(count):
                field = app.screen.query_one("#capture-input", Input)
                field.value = f"Bench Person {index} @Acme #bench -- note {index}"
                await pilot.press("n")
                pressed[0] = time.perf_counter()
                await pilot.press("enter")
                found["pilot"].append((time.perf_counter() - pressed[0]) * 1000)
            shown = app.screen.query_one("#people", RowList).highlighted_row
            assert shown is not None and f"Bench Person {count - 1}" in str(shown.prompt)
    finally:
        Screen._compositor_refresh = refresh  # type: ignore[method-assign]
        store.close()
    return found


def spread(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    """Median, quartiles and extremes of ``values`` (times ``scale``) as table columns."""
    ordered = sorted(v * scale for v in values)
    q1, median, q3 = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else ordered * 3
    return " ".join(f"{v:8.{digits}f}" for v in (median, q1, q3, ordered[0], ordered[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--captures", type=int, default=40)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hallway.json"
        began = time.perf_counter()
        live_people = build_database(path, args.people)
        built = time.perf_counter() - began
        size_mb = path.stat().st_size / 1e6
        print(
            f"database: {args.people:,} people ({live_people:,} at the live event), "
            f"{size_mb:.1f} MB, built in {built:.1f} s"
        )

        hallway: list[float] = []
        bare: list[float] = []
        # Warm-up (file cache, bytecode), not counted.
        launch(CHILD_BARE, "-", str(live_people))
        launch(CHILD_HALLWAY, str(path))
        for run in range(args.runs):
            # Alternate which goes first, so neither always follows the other.
            pair = [
                lambda: hallway.append(launch(CHILD_HALLWAY, str(path))),
                lambda: bare.append(launch(CHILD_BARE, "-", str(live_people))),
            ]
            for measure in pair if run % 2 == 0 else reversed(pair):
                measure()

        captures = asyncio.run(capture_latencies(path, args.captures))

    ratios = [h / b for h, b in zip(hallway, bare, strict=True)]
    head = f"{'measure':50} {'p50':>8} {'q1':>8} {'q3':>8} {'min':>8} {'max':>8}"
    print()
    print(f"{args.runs} alternating launches each; milliseconds unless said")
    print(head)
    print(f"{'launch -> live screen ready, Hallway':50} {spread(hallway, 1000)}")
    print(f"{'launch -> first screen ready, bare Textual app':50} {spread(bare, 1000)}")
    print(f"{'ratio of each pair (Hallway / bare)':50} {spread(ratios, digits=2)}")
    ratio = statistics.median(hallway) / statistics.median(bare)
    print(f"startup ratio, median Hallway / median bare: {ratio:.2f} (target <= 1.3)")
    print()
    print(f"{args.captures} captures at {args.people:,} people, index built; milliseconds")
    print(head)
    print(f"{'Enter -> durable save (Store.capture returned)':50} {spread(captures['save'])}")
    print(f"{'Enter -> screen updated (refresh showing them)':50} {spread(captures['paint'])}")
    print(f"{'Store.capture alone (durable save)':50} {spread(captures['store'])}")
    print(f"{'Enter keypress as Pilot sees it (until idle)':50} {spread(captures['pilot'])}")
    print("target: Enter -> durable save p50 <= 10 ms")


if __name__ == "__main__":
    main()
