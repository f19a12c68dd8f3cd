"""Benchmark: search per keystroke at 10,000 people (not collected by pytest).

Builds a real database with N encounters (default 10,000) over 40 events, a sixth of them
promoted to contacts, with simple generated text (names in several scripts, organisations,
topics, 1-3 notes each). Then:

* index build time, from the store and from records already loaded;
* per-keystroke latency of :meth:`SearchIndex.search`, typing several queries letter by
  letter (p50 / p95 / max), against a baseline measured in the same run: the obvious
  approach of scoring every name, organisation and note string with ``process.extract``
  (``fuzz.WRatio``) on each keystroke;
* for reference, ``merge_candidates`` and ``catch_up_this_week`` at that size.

Run: ``/work/venv/bin/python tests/benchmarks/bench_search.py [--people N] [--seed S]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from hallway.store import clock
from hallway.store.briefs import catch_up_this_week
from hallway.store.db import Store
from hallway.store.matching import merge_candidates
from hallway.store.records import Contact, Encounter, Event, FollowUp, Note
from hallway.store.rhythm import refresh_due
from hallway.store.search import SearchIndex


def split_words(text: str) -> list[str]:
    """The words of a text (keeps long name lists readable)."""
    return text.split()


NOW = datetime(2025, 6, 10, 14, 0, tzinfo=UTC)
FIRST = split_words(
    "Maya Ann Bo Tessa Zoë Marek Sam Lena Omar Priya Kenji Ines Noah Chloé Björn Ada "
    "Luca Mia Jonas Aiko Rahul Sofia Tomás Eva Yusuf Hana Igor Nina Pablo Leila "
    "محمد فاطمة Олег Анна"
)
LAST = split_words(
    "Chen Lee Ng Ångström Nowak Rivera Schmidt García Okafor Tanaka Silva Novak "
    "Müller Kowalski Haddad Rossi Dubois Jensen Patel Kim Smith Ivanova Costa "
    "Nakamura علي حسن Петров"
)
# Chinese names are written without a space: family name, then given name.
CJK_FAMILY = split_words("李 王 张 刘 陈")
CJK_GIVEN = split_words("雷 伟 明 芳 静")
QUERIES = [
    "maya chen",
    "zoe angstrom",
    "tessa",
    "acme robotics",
    "#bouldering",
    "sourdough",
    "focaccia recipe",
    "kowalsky",  # a typo
    "李雷",
    "محمد",
]


def syllable_words(rng: random.Random, count: int) -> list[str]:
    parts = split_words("ka lo mi ne ru sa te vo di pa ge ho ju ba ce fi zo lu re an el in or us")
    return ["".join(rng.choices(parts, k=rng.randint(2, 4))) for _ in range(count)]


def generate(
    people: int, seed: int, words: int
) -> tuple[list[Event], list[Encounter], list[Contact]]:
    rng = random.Random(seed)
    vocab = [*syllable_words(rng, words), "focaccia", "recipe", "chess", "club", "link", "book"]
    orgs = ["Acme Robotics", "Globex", "Initech", "Société Générale", "清华大学", "Aramco"]
    orgs += [f"{w.title()} {rng.choice(['Labs', 'GmbH', 'Inc', 'Studio'])}" for w in vocab[:300]]
    topics = ["bouldering", "sourdough", "chess", "jazz", "go", *vocab[300:500]]
    events = [
        Event(name=f"Conf {n % 10} {2020 + n // 10}", starts=NOW - timedelta(days=40 * n), id=n)
        for n in range(1, 41)
    ]
    encounters: list[Encounter] = []
    contacts: list[Contact] = []
    for number in range(1, people + 1):
        event = rng.choice(events)
        assert event.starts is not None
        met = event.starts + timedelta(minutes=number % 600)
        notes = [
            Note(" ".join(rng.choices(vocab, k=rng.randint(6, 14))), met)
            for _ in range(rng.randint(1, 3))
        ]
        encounter = Encounter(
            event_id=event.id,
            name=rng.choice(CJK_FAMILY) + rng.choice(CJK_GIVEN)
            if rng.random() < 0.05
            else f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            met_at=met,
            org=rng.choice(orgs) if rng.random() < 0.8 else "",
            topics=rng.sample(topics, rng.randint(0, 3)),
            notes=notes,
            follow_ups=[FollowUp("send the link", met.date() + timedelta(days=3))]
            if rng.random() < 0.2
            else [],
            id=number,
        )
        if number % 6 == 0:
            contact = Contact(
                name=encounter.name,
                org=encounter.org,
                topics=list(encounter.topics),
                encounter_ids=[number],
                last_touch=met,
                id=len(contacts) + 1,
            )
            refresh_due(contact)
            contacts.append(contact)
            encounter.status, encounter.contact_id = "promoted", contact.id
        encounters.append(encounter)
    return events, encounters, contacts


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def keystrokes(
    search: Callable[[str], object], rounds: int, longest: int | None = None
) -> list[float]:
    """Milliseconds per keystroke, typing every query letter by letter (up to ``longest``
    letters), ``rounds`` times."""
    typed = [query[:n] for query in QUERIES for n in range(1, len(query[:longest]) + 1)]
    return [timed(partial(search, text)) for _ in range(rounds) for text in typed]


def baseline(events: list[Event], encounters: list[Encounter]) -> Callable[[str], object]:
    """The obvious approach: WRatio over every name, organisation and note, every keystroke."""
    strings = [utils.default_process(e.name) for e in events]
    for encounter in encounters:
        strings.append(utils.default_process(encounter.name))
        strings.append(utils.default_process(encounter.org))
        strings.extend(utils.default_process(n.text) for n in encounter.notes)

    def search(query: str) -> object:
        return process.extract(
            utils.default_process(query), strings, scorer=fuzz.WRatio, processor=None, limit=50
        )

    return search


def row(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{label:<34} {len(samples):>5} {statistics.median(samples):>8.2f} {p95:>8.2f} "
        f"{max(samples):>8.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=3000, help="distinct words in notes")
    args = parser.parse_args()
    clock.set_clock(lambda: NOW)
    events, encounters, contacts = generate(args.people, args.seed, args.words)

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "hallway.json")
        store.replace_all(events, encounters, contacts)
        build_store = [timed(lambda: SearchIndex(store)) for _ in range(3)]
        build_records = [
            timed(lambda: SearchIndex.from_records(events, encounters, contacts)) for _ in range(3)
        ]
        index = SearchIndex(store)
        index.search("warm up")
        ours = keystrokes(index.search, rounds=5)
        short = keystrokes(index.search, rounds=5, longest=2)
        naive = keystrokes(baseline(events, encounters), rounds=1)
        probe = encounters[len(encounters) // 2]
        merge = [timed(lambda: merge_candidates(store, probe)) for _ in range(5)]
        catch_up = [timed(lambda: catch_up_this_week(store, NOW.date())) for _ in range(5)]
        update = [timed(lambda: index.update(probe)) for _ in range(20)]
        store.close()

    print(
        f"{args.people:,} encounters, {len(contacts):,} contacts, {len(events)} events, "
        f"notes drawn from {args.words:,} words"
    )
    print(f"{'':<34} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(row("search per keystroke (SearchIndex)", ours))
    print(row("  of which 1-2 letter queries", short))
    print(row("baseline: WRatio over all strings", naive))
    print(row("index build from Store", build_store))
    print(row("index build from records", build_records))
    print(row("index update (one encounter)", update))
    print(row("merge_candidates", merge))
    print(row("catch_up_this_week", catch_up))
    found = ", ".join(f"{q} {len(index.search(q))}" for q in QUERIES)
    print(f"results for the full queries (limit 50): {found}")
    ratio = statistics.median(naive) / statistics.median(ours)
    print(f"search p50 is {ratio:.0f}x faster than the baseline")


if __name__ == "__main__":
    main()
