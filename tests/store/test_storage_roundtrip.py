"""Property test: any JSON document survives save, close and reopen -- through the journal
and through checkpoints -- whatever script, emoji or control characters it holds."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.store.engine import DurableStorage

# Every Unicode character a Python str can be saved with (lone surrogates cannot be UTF-8).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text
    | st.sampled_from(["[bold]x[/]", "[@click=quit]", "\x1b[31mred\x1b[0m", "Zoë 李雷 محمد 🧗‍♀️"])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
documents = st.dictionaries(text, json_values, max_size=6)
operations = st.lists(
    st.tuples(
        st.sampled_from(["events", "encounters", "contacts"]),
        st.integers(min_value=1, max_value=8),
        documents | st.none(),  # None deletes
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations, limit=st.sampled_from([1, 300, 10**9]))
def test_any_documents_round_trip(ops: list[tuple[str, int, Any]], limit: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hallway.json"
        expected: dict[str, dict[str, Any]] = {}
        storage = DurableStorage(path, journal_limit=limit)
        for table, doc_id, doc in ops:
            with storage.transaction():
                tables = storage.read()
                if doc is None:
                    tables.get(table, {}).pop(str(doc_id), None)
                    expected.get(table, {}).pop(str(doc_id), None)
                else:
                    tables.setdefault(table, {})[str(doc_id)] = doc
                    expected.setdefault(table, {})[str(doc_id)] = doc
                storage.mark_dirty(table, str(doc_id))
        storage.close()
        reopened = DurableStorage(path)
        reopened.close()
        assert reopened.notices == []
        assert {t: rows for t, rows in reopened.read().items() if rows} == {
            t: rows for t, rows in expected.items() if rows
        }
