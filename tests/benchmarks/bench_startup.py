"""Startup and capture-save benchmark for the full-screen app (a script, not a test).

    /work/venv/bin/python tests/benchmarks/bench_startup.py [--people 10000] [--runs 7]

1. Launch to interactive live screen, in subprocesses, against a bare Textual app with a
   similar widget set (header, option list with as many rows, two statics, input, footer)
   measured in the same run. "Ready" is the live screen's first refresh after showing its
   people (``LiveScreen.Ready``); the bare app's is its first refresh after mount.
2. Enter in the capture bar to durable save, in a Pilot session on the same database: the
   time from pressing Enter to ``Store.capture`` returning (the save is fsynced by then),
   and the whole keypress round trip as Pilot sees it.
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
from store.db import Store
from tui.app import HallwayApp
from tui.screens.live import LiveScreen

class Bench(HallwayApp):
    def on_live_screen_ready(self, message: LiveScreen.Ready) -> None:
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
    from store import clock
    from store.db import Store
    from store.records import Encounter, Event, FollowUp, Note

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


async def capture_latencies(path: Path, count: int) -> tuple[list[float], list[float], list[float]]:
    """(Enter -> durable save, whole keypress, Store.capture alone) in ms, ``count`` times."""
    from textual.widgets import Input

    from store.db import Store
    from tui.app import HallwayApp

    store = Store.open(path)
    saves: list[float] = []
    rounds: list[float] = []
    stores: list[float] = []
    pressed = [0.0]
    original = store.capture

    def timed_capture(line: str, event_id: int | None = None):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        encounter = original(line, event_id)
        stores.append((time.perf_counter() - began) * 1000)
        saves.append((time.perf_counter() - pressed[0]) * 1000)
        return encounter

    store.capture = timed_capture  # type: ignore[method-assign]
    app = HallwayApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        for index in range(count):
            field = app.screen.query_one("#capture-input", Input)
            field.value = f"Bench Person {index} @Acme #bench -- note {index}"
            await pilot.press("n")
            pressed[0] = time.perf_counter()
            await pilot.press("enter")
            rounds.append((time.perf_counter() - pressed[0]) * 1000)
    store.close()
    return saves, rounds, stores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
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
        launch(CHILD_BARE, "-", str(live_people))  # warm the file cache for both
        for _ in range(args.runs):
            hallway.append(launch(CHILD_HALLWAY, str(path)))
            bare.append(launch(CHILD_BARE, "-", str(live_people)))

        saves, rounds, stores = asyncio.run(capture_latencies(path, args.captures))

    def ms(values: list[float], scale: float = 1.0) -> str:
        values = sorted(v * scale for v in values)
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        return f"{statistics.median(values):8.1f} {p95:8.1f} {values[-1]:8.1f}"

    print()
    print(f"{'measure':52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(f"{'launch -> live screen ready, Hallway':52} {ms(hallway, 1000)}")
    print(f"{'launch -> first screen ready, bare Textual app':52} {ms(bare, 1000)}")
    ratio = statistics.median(hallway) / statistics.median(bare)
    print(f"{'startup ratio (median Hallway / median bare)':52} {ratio:8.2f}  (target <= 1.3)")
    print(f"{'Enter -> durable save (Store.capture returned)':52} {ms(saves)}  (target p50 <= 10)")
    print(f"{'Store.capture alone (durable save, 10k people)':52} {ms(stores)}")
    print(f"{'Enter keypress round trip incl. screen refresh':52} {ms(rounds)}")


if __name__ == "__main__":
    main()
