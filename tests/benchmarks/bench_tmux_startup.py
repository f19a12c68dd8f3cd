"""Start-up and memory in a real terminal (tmux): Hallway against a bare Textual app.

    .venv/bin/python tests/benchmarks/bench_tmux_startup.py [--people 10000] [--runs 15]
        [--data demo|plain] [--memory-runs 3] [--poll-ms 5]

A script, not a test (it takes a minute or two). Method:

* The database: ``--data demo`` (default) is what ``hallway demo --people N`` writes --
  a tenth of the people met at the live event, past events, lasting contacts with a
  history; ``--data plain`` is bench_startup.py's simpler one (no contacts). At 10,000
  people both have 1,000 at the live event.
* One private tmux server (120 x 36). Each launch opens a new tmux window whose command
  *is* the process (``exec``: the pane's pid is the app's). The clock starts just before
  the ``new-window`` call; the screen is then read with ``capture-pane`` every ``--poll-ms``
  until the person met last at the live event is on screen (Hallway: ``python -m hallway
  --db PATH``, as a person starts it) or, for the bare app, its list's first item is. The
  moment is estimated as the midpoint between the last capture without it and the first
  with it (each capture's own time is the middle of its call), so polling adds no bias
  in either direction; the resolution (half the mean gap between captures) is printed.
* The bare app: Textual's Header, a ListView of 30 items, two Statics, an Input and a
  Footer, started by the same interpreter in the same kind of window.
* The two are launched alternately (after one warm-up launch of each, not counted), so a
  busy neighbour slows both alike; each window is closed and its process gone before the
  next launch. The table gives medians, quartiles and extremes, and the ratio both of the
  medians and of each pair. It also gives the processor time each process had used when
  it was seen ready (all threads, from ``/proc/PID/task/*/schedstat``): on a shared
  machine the wall clock swings with the neighbours' load, the work done much less.
* Memory: ``--memory-runs`` more Hallway launches; once the people show, ``c`` (Contacts,
  wait for a contact's name), then ``/`` and a contact's name typed (wait until search
  answers with it), then half a second of rest. ``VmRSS`` (resident now) and ``VmHWM``
  (peak resident) are read from ``/proc/PID/status`` there and at first paint.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench_startup import build_database, spread  # noqa: E402

WIDTH, HEIGHT = 120, 36
MIB = 1024 * 1024

BARE_APP = '''
"""A bare Textual app with a widget set like Hallway's live screen."""
import sys
from textual.app import App
from textual.widgets import Footer, Header, Input, Label, ListItem, ListView, Static

FIRST = sys.argv[1]

class Bare(App[None]):
    def compose(self):
        yield Header()
        yield ListView(
            *[ListItem(Label(FIRST if i == 0 else f"Person {i} Example")) for i in range(30)]
        )
        yield Static("notes")
        yield Static("helper")
        yield Input(placeholder="capture")
        yield Footer()

Bare().run()
'''


@dataclass
class Sample:
    """When a launch was seen ready, and how finely: seconds; and the processor time the
    process had used by then (less sensitive to a busy machine than the wall clock)."""

    seconds: float
    resolution: float
    cpu: float = 0.0


class Terminal:
    """One private tmux server; each launch is a new window whose command is the process."""

    def __init__(self, env: dict[str, str]) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            raise SystemExit("tmux is not installed")
        self.tmux = tmux
        self.socket = f"hallway-bench-{os.getpid()}"
        self.env = env
        self._run("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), "-s", "bench")
        self._run("set-option", "-g", "remain-on-exit", "off")

    def _run(self, *args: str) -> str:
        return subprocess.run(
            [self.tmux, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout

    def launch(self, argv: list[str]) -> tuple[str, int]:
        """Open a window running ``argv`` (exec'd: the pane's pid is the program's)."""
        assignments = [f"{key}={value}" for key, value in self.env.items()]
        command = "exec " + shlex.join(["env", "-i", *assignments, *argv])
        out = self._run(
            "new-window", "-d", "-t", "bench", "-P", "-F", "#{pane_id} #{pane_pid}", command
        )
        pane, pid = out.split()
        return pane, int(pid)

    def screen(self, pane: str) -> str:
        """The pane's visible text."""
        return self._run("capture-pane", "-p", "-t", pane)

    def send(self, pane: str, *keys: str, literal: bool = False) -> None:
        """Keys by tmux name, or literal text."""
        self._run("send-keys", "-t", pane, *(["-l"] if literal else []), *keys)

    def close(self, pane: str, pid: int) -> None:
        """Close the window and wait until its process is gone."""
        self._run("kill-pane", "-t", pane)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists():
            if time.monotonic() > deadline:
                os.kill(pid, 9)
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop the tmux server (and anything still in it)."""
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], capture_output=True)


def wait_for(
    terminal: Terminal, pane: str, seen: Callable[[str], bool], poll: float, timeout: float = 60
) -> Sample:
    """Poll the pane until ``seen(screen)``: the estimated moment (monotonic seconds) it
    first held, and the resolution of that estimate."""
    before = None  # the middle of the last capture that did not show it
    gaps: list[float] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        began = time.monotonic()
        screen = terminal.screen(pane)
        middle = (began + time.monotonic()) / 2
        if before is not None:
            gaps.append(middle - before)
        if seen(screen):
            if before is None:
                return Sample(middle, 0.0)
            return Sample((before + middle) / 2, statistics.fmean(gaps) / 2)
        before = middle
        time.sleep(poll)
    raise RuntimeError(f"not seen in {timeout} s; the screen was:\n{screen}")


def launch_until(
    terminal: Terminal, argv: list[str], marker: str, poll: float
) -> tuple[Sample, str, int]:
    """Seconds from just before the launch until ``marker`` is on screen."""
    start = time.monotonic()
    pane, pid = terminal.launch(argv)
    sample = wait_for(terminal, pane, lambda screen: marker in screen, poll)
    return Sample(sample.seconds - start, sample.resolution, cpu_seconds(pid)), pane, pid


def cpu_seconds(pid: int) -> float:
    """Processor time used so far by all threads of a process (schedstat: nanoseconds)."""
    tasks = Path(f"/proc/{pid}/task")
    return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks.iterdir()) / 1e9


def memory(pid: int) -> tuple[float, float]:
    """(resident now, peak resident) of a process, MiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


@dataclass
class Database:
    """The database under test and what to look for on screen."""

    path: Path
    live_people: int
    newest_live: str  # the name on top of the live screen's people
    contacts: list[str]  # lasting contacts' names


def make_database(folder: Path, people: int, data: str) -> Database:
    """Write the database (demo data or bench_startup's plain data) and read back what the
    screens will show."""
    from hallway.store.db import Store

    path = folder / "hallway.json"
    if data == "plain":
        build_database(path, people)
    else:
        from hallway.store.demo import generate_demo

        with Store.open(path) as store:
            generate_demo(store, people=people, seed=1)
    with Store.open(path) as store:
        live = store.live_event()
        assert live is not None
        at_live = store.encounters(live.id)
        newest = max(at_live, key=lambda e: (e.met_at, e.id))
        contacts = [c.name for c in store.contacts()]
    return Database(path, len(at_live), newest.name, contacts)


def measure_memory(
    terminal: Terminal, argv: list[str], db: Database, poll: float
) -> dict[str, tuple[float, float]]:
    """RSS and peak at first paint, and after opening Contacts and Search (MiB)."""
    found: dict[str, tuple[float, float]] = {}
    _, pane, pid = launch_until(terminal, argv, db.newest_live, poll)
    found["live screen shown"] = memory(pid)
    if db.contacts:
        names = db.contacts
        terminal.send(pane, "c")

        def shown(screen: str) -> bool:
            return "Keep in touch" in screen and any(name in screen for name in names)

        wait_for(terminal, pane, shown, poll)
        query = db.contacts[len(db.contacts) // 2]
    else:  # plain data: no contacts; search for someone at the live event
        terminal.send(pane, "c")
        wait_for(terminal, pane, lambda s: "Keep in touch" in s, poll)
        query = db.newest_live
    found["contacts opened"] = memory(pid)
    terminal.send(pane, "/")
    wait_for(terminal, pane, lambda s: "people, organisations, topics" in s, poll)
    terminal.send(pane, query, literal=True)
    # The query echoes in the input; the answer shows it again as a hit title.
    wait_for(terminal, pane, lambda s: s.count(query) >= 2, poll)
    time.sleep(0.5)
    found["search answered"] = memory(pid)
    terminal.close(pane, pid)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--memory-runs", type=int, default=3)
    parser.add_argument("--data", choices=["demo", "plain"], default="demo")
    parser.add_argument("--poll-ms", type=float, default=5.0)
    args = parser.parse_args()
    poll = args.poll_ms / 1000

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        began = time.perf_counter()
        db = make_database(folder, args.people, args.data)
        print(
            f"database ({args.data}): {args.people:,} people, {db.live_people:,} at the live "
            f"event, {len(db.contacts):,} contacts, {db.path.stat().st_size / 1e6:.1f} MB, "
            f"made in {time.perf_counter() - began:.1f} s"
        )
        home = folder / "home"
        home.mkdir()
        env = {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
        bare_script = folder / "bare_app.py"
        bare_script.write_text(BARE_APP)
        hallway_argv = [sys.executable, "-m", "hallway", "--db", str(db.path)]
        bare_argv = [sys.executable, str(bare_script), db.newest_live]

        terminal = Terminal(env)
        try:
            times: dict[str, list[Sample]] = {"hallway": [], "bare": []}

            def run(name: str, count: bool = True) -> None:
                argv = hallway_argv if name == "hallway" else bare_argv
                sample, pane, pid = launch_until(terminal, argv, db.newest_live, poll)
                terminal.close(pane, pid)
                if count:
                    times[name].append(sample)

            run("bare", count=False)  # warm-up: file cache, bytecode
            run("hallway", count=False)
            for index in range(args.runs):
                order = ("hallway", "bare") if index % 2 == 0 else ("bare", "hallway")
                for name in order:
                    run(name)
            memories = [
                measure_memory(terminal, hallway_argv, db, poll) for _ in range(args.memory_runs)
            ]
            _, pane, pid = launch_until(terminal, bare_argv, db.newest_live, poll)
            time.sleep(0.5)
            bare_memory = memory(pid)
            terminal.close(pane, pid)
        finally:
            terminal.stop()

    hallway = [s.seconds for s in times["hallway"]]
    bare = [s.seconds for s in times["bare"]]
    resolution = statistics.fmean(s.resolution for s in times["hallway"] + times["bare"])
    ratios = [h / b for h, b in zip(hallway, bare, strict=True)]
    head = f"{'measure':52} {'p50':>8} {'q1':>8} {'q3':>8} {'min':>8} {'max':>8}"
    print()
    print(
        f"{args.runs} alternating launches each in tmux {WIDTH}x{HEIGHT}; milliseconds "
        f"(capture every ~{args.poll_ms:g} ms: resolution +-{resolution * 1000:.1f} ms)"
    )
    print(head)
    print(f"{'launch -> people on the live screen, Hallway':52} {spread(hallway, 1000)}")
    print(f"{'launch -> list on screen, bare Textual app':52} {spread(bare, 1000)}")
    print(f"{'ratio of each pair (Hallway / bare)':52} {spread(ratios, digits=2)}")
    ratio = statistics.median(hallway) / statistics.median(bare)
    print(f"startup ratio, median Hallway / median bare: {ratio:.2f} (target <= 1.3)")
    hallway_cpu = [s.cpu for s in times["hallway"]]
    bare_cpu = [s.cpu for s in times["bare"]]
    print(f"{'processor time used by then, Hallway':52} {spread(hallway_cpu, 1000)}")
    print(f"{'processor time used by then, bare Textual app':52} {spread(bare_cpu, 1000)}")
    cpu_ratio = statistics.median(hallway_cpu) / statistics.median(bare_cpu)
    print(f"processor time ratio, median Hallway / median bare: {cpu_ratio:.2f}")
    print()
    print(f"resident memory, MiB (median of {args.memory_runs} launches; /proc/PID/status)")
    print(f"{'moment':52} {'VmRSS':>8} {'VmHWM':>8}")
    for moment in memories[0]:
        now = statistics.median(m[moment][0] for m in memories)
        peak = statistics.median(m[moment][1] for m in memories)
        print(f"{'Hallway, ' + moment:52} {now:8.1f} {peak:8.1f}")
    print(f"{'bare Textual app, list shown':52} {bare_memory[0]:8.1f} {bare_memory[1]:8.1f}")
    print("target: Hallway after contacts and search <= 100 MiB")


if __name__ == "__main__":
    main()
