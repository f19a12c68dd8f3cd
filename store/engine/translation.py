"""Another database's records, with ids that mean the same records here.

Ids a device made are unique everywhere and stay as they are. Counter ids (and ids derived
from them) mean something only inside their own database, so another database's records with
such ids take ids of their own here (:func:`~.ids.imported_id`, the same on every device and at
every merge); an id this database's own counter record took in another database comes back as
that counter id. Every reference to another record (a field naming its table, given by the
domain as ``references``) follows, in the document, in its sync entry (set elements, values
written over) and in a removed record's kept content, so a translated version merges exactly
as the original would have.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson

from hallway.store.engine.ids import (
    LEGACY_LIMIT,
    derived_id,
    imported_id,
    is_database_local,
    is_imported,
)

Doc = dict[str, Any]
References = Mapping[str, Mapping[str, str]]  # table -> field -> the table it names


class IdTranslation:
    """How the ids of a file from the database ``source`` become ids here (in ``own``).

    ``ids`` are the ids of every record of the file by table (removed ones included);
    ``local_ids(table)`` gives every id this database has used in a table (removed ones
    included); ``fixed`` tables keep their ids everywhere (one profile per database);
    ``derived_from`` names, per table, the table its derived ids come from (a contact's id
    from the encounter promoted).
    """

    def __init__(
        self,
        own: str,
        source: str,
        ids: Mapping[str, Iterable[int]],
        local_ids: Callable[[str], Iterable[int]],
        *,
        fixed: Iterable[str] = (),
        derived_from: Mapping[str, str] | None = None,
    ) -> None:
        self.same = own == source
        self.own = own
        self.source = source
        self.fixed = frozenset(fixed)
        self.derived_from = dict(derived_from or {})
        self._local_ids = local_ids
        self._ids = {table: sorted(set(found)) for table, found in ids.items()}
        self._map: dict[str, dict[int, int]] = {}
        self._apart: dict[str, dict[int, str]] = {}
        self._returning: dict[str, dict[int, int]] | None = None

    def set_apart(self, table: str, record_id: int, variant: str) -> None:
        """The file's record ``record_id`` is not this database's record with that id (two
        copies of a database that went separate ways): it takes an id of its own, told apart
        by ``variant``. Call before any id is asked for."""
        self._apart.setdefault(table, {})[record_id] = variant
        self._map.clear()

    def id(self, table: str, record_id: int) -> int:
        """The id here of the file's record ``record_id`` of ``table``."""
        if table in self.fixed:
            return record_id
        if table not in self._map:
            self._map[table] = self._table_map(table)
        found = self._map[table].get(record_id)
        return self._one(table, record_id) if found is None else found

    def _table_map(self, table: str) -> dict[int, int]:
        """Every id of the table in the file, translated; two records never meet on one id
        (a later one, by id, takes the next variant)."""
        mapped: dict[int, int] = {}
        kept = {i for i in self._ids.get(table, ()) if not self._moves(table, i)}
        taken = {self._one(table, i) for i in kept}
        for record_id in self._ids.get(table, ()):
            if record_id in kept:
                mapped[record_id] = self._one(table, record_id)
                continue
            new_id, attempt = self._one(table, record_id), 1
            while new_id in taken:
                attempt += 1
                new_id = self._one(table, record_id, f"#{attempt}")
            taken.add(new_id)
            mapped[record_id] = new_id
        return mapped

    def _moves(self, table: str, record_id: int) -> bool:
        apart = record_id in self._apart.get(table, {})
        return apart or (not self.same and is_database_local(record_id))

    def _one(self, table: str, record_id: int, attempt: str = "") -> int:
        variant = self._apart.get(table, {}).get(record_id)
        if variant is not None:
            return imported_id(self.source, table, record_id, variant + attempt)
        if self.same:
            return record_id
        if record_id < LEGACY_LIMIT:
            return imported_id(self.source, table, record_id, attempt)
        if is_database_local(record_id):
            origin = self.derived_from.get(table)
            if origin is not None and not attempt:
                return derived_id(self.id(origin, record_id - LEGACY_LIMIT))
            return imported_id(self.source, table, record_id, attempt)
        if is_imported(record_id):
            return self._returning_ids(table).get(record_id, record_id)
        return record_id

    def _returning_ids(self, table: str) -> dict[int, int]:
        """The ids this database's own counter records took elsewhere, back to their own."""
        if self._returning is None:
            self._returning = {}
            origins = set(self.derived_from.values())
            for name in (set(self._ids) | origins) - self.fixed:
                back = self._returning.setdefault(name, {})
                for record_id in self._local_ids(name):
                    if record_id < LEGACY_LIMIT:
                        back[imported_id(self.own, name, record_id)] = record_id
            for name, origin in self.derived_from.items():
                back = self._returning.setdefault(name, {})
                for record_id in self._local_ids(origin):
                    if record_id < LEGACY_LIMIT:
                        back[imported_id(self.own, origin, record_id)] = derived_id(record_id)
                for record_id in self._local_ids(name):
                    if LEGACY_LIMIT <= record_id < 2 * LEGACY_LIMIT:
                        origin_id = imported_id(self.own, origin, record_id - LEGACY_LIMIT)
                        back[origin_id] = record_id
        return self._returning.get(table, {})

    # -- whole versions ------------------------------------------------------------------

    def version(
        self, references: References, table: str, record_id: int, doc: Doc | None, sync: Doc | None
    ) -> tuple[int, Doc | None, Doc | None]:
        """A version of a record of the file (its document or ``None``, its sync entry), with
        every id translated (copies; the arguments are left as they are)."""
        fields = references.get(table, {})
        new_id = self.id(table, record_id)
        if not fields or self._identity():
            return new_id, doc, sync
        doc = self._doc(fields, doc) if doc is not None else None
        if sync is not None:
            sync = copy.deepcopy(sync)
            if isinstance(sync.get("g"), dict):
                sync["g"] = self._doc(fields, sync["g"])
            for field, states in (sync.get("s") or {}).items():
                target = fields.get(field)
                if target is not None and isinstance(states, dict):
                    sync["s"][field] = {
                        self._element(target, element): state for element, state in states.items()
                    }
            for field, pairs in (sync.get("w") or {}).items():
                target = fields.get(field)
                if target is not None and isinstance(pairs, list):
                    sync["w"][field] = [[stamp, self._value(target, v)] for stamp, v in pairs]
        return new_id, doc, sync

    def _identity(self) -> bool:
        return self.same and not any(self._apart.values())

    def _doc(self, fields: Mapping[str, str], doc: Doc) -> Doc:
        out = dict(doc)
        for field, target in fields.items():
            if field in out:
                out[field] = self._value(target, out[field])
        return out

    def _value(self, target: str, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return self.id(target, value)
        if isinstance(value, list):
            return [self._value(target, item) for item in value]
        return value

    def _element(self, target: str, element: str) -> str:
        """A set element as the sync entry keeps it (its JSON text), translated."""
        value = orjson.loads(element)
        return orjson.dumps(self._value(target, value)).decode()
