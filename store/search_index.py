"""The records search looks at, cut into folded words, and the prefix buckets that make
one- and two-letter query words cheap.

A query word of one or two letters matches by prefix only (no typo matching) and only in
names, organisations and topics. Walking the index for it would touch thousands of
postings on every keystroke ("s" starts hundreds of words), so :class:`PrefixBuckets` keeps,
for every such prefix once typed, each record's best match and the records in result order,
current after each change; a keystroke then builds only the hits shown.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, insort
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from sys import intern
from typing import Any, Literal

from hallway.store.records import Contact, Encounter, Event
from hallway.store.text import words

Kind = Literal["encounter", "contact", "topic", "event"]

# Field codes, best first; a word keeps the best field it appears in for a record.
NAME, TOPIC, ORG, NOTE = 0, 1, 2, 3
FIELD_WEIGHTS = (1.0, 0.9, 0.85, 0.7)
KIND_ORDER = {"contact": 0, "encounter": 1, "event": 2}
SHORT_MAX = 2  # query words this short use the prefix buckets

Match = tuple[float, int, str]  # (score, field code, vocabulary word)
RankKey = tuple[float, int, float, int]  # (-score, kind order, -when, slot): result order


@dataclass(slots=True)
class Doc:
    """One searchable record: its texts and each folded word's best field.

    ``words`` and ``codes`` are parallel: ``codes[i]`` is the field code of ``words[i]``
    (a tuple and bytes take a third of the memory of a dict per record, and a record has
    few enough words that looking one up in the tuple is as quick).
    """

    kind: Kind
    id: int
    name: str
    org: str = ""
    role: str = ""
    topics: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    event_id: int | None = None
    contact_id: int | None = None
    when: float = 0.0
    words: tuple[str, ...] = ()
    codes: bytes = b""

    def fields(self) -> Iterator[tuple[str, int]]:
        """Each folded word with its best field code."""
        return zip(self.words, self.codes, strict=True)


class Postings:
    """The records holding one word: their slots (ascending) and, in parallel, the field
    code the word has in each. Two flat arrays take 5 bytes a posting where a dict of
    slot -> code took ~40 (8.5 of 10 MB of the index at ten thousand people). Slots only
    grow (a changed record gets a new one), so adding keeps the order."""

    __slots__ = ("codes", "slots")

    def __init__(self) -> None:
        self.slots = array("i")  # 4 bytes: a session never makes 2**31 slots
        self.codes = bytearray()

    def add(self, slot: int, code: int) -> None:
        """Note that record ``slot`` holds the word (with field ``code``); ``slot`` is above
        every slot already here."""
        self.slots.append(slot)
        self.codes.append(code)

    def remove(self, slot: int) -> None:
        """Forget record ``slot`` (it must be here)."""
        at = bisect_left(self.slots, slot)
        del self.slots[at]
        del self.codes[at]

    def items(self) -> Iterator[tuple[int, int]]:
        """(slot, field code) of every record holding the word, in slot order."""
        return zip(self.slots, self.codes, strict=True)

    def __len__(self) -> int:
        return len(self.slots)


class Copies(dict[Any, Any]):
    """One copy of each repeated text, field-code string and tuple of texts seen while an
    index is built (each kept as its own key and value), shared by every record holding it.

    Parsed JSON gives every record its own copy of its organisation, role, topics and notes;
    people share them (colleagues, a topic, a promoted encounter and its contact), so sharing
    a single copy saves megabytes at ten thousand people. Kept only for one build: once the
    index is built the records keep the copies alive, and an index-long table would cost an
    entry for every text that is never seen again. Equal texts, bytes and tuples of texts
    are interchangeable, so any copy will do.

    ``words_of`` keeps the interned words of each organisation, role and topic seen: these
    repeat from record to record, and cutting one into words again costs more than
    sharing it saves.
    """

    __slots__ = ("words_of",)

    def __init__(self) -> None:
        super().__init__()
        self.words_of: dict[str, tuple[str, ...]] = {}


def doc_for(record: Encounter | Contact | Event, copies: Copies | None = None) -> Doc:
    """The searchable form of an encounter, contact or event (sharing repeated texts through
    ``copies``: results are the same, only memory differs)."""
    # one(text, text): the copy kept first. dict.setdefault itself, not a method wrapping
    # it: a build calls it ~100,000 times.
    shared = Copies() if copies is None else copies
    one = shared.setdefault
    topics = tuple(map(one, record.topics, record.topics)) if not isinstance(record, Event) else ()
    if isinstance(record, Encounter):
        notes = (*(n.text for n in record.notes), *(f.text for f in record.follow_ups))
        notes = tuple(map(one, notes, notes))
        doc = Doc(
            "encounter",
            record.id,
            one(record.name, record.name),
            one(record.org, record.org),
            one(record.role, record.role),
            one(topics, topics),
            one(notes, notes),
            event_id=record.event_id,
            contact_id=record.contact_id,
            when=record.met_at.timestamp(),
        )
    elif isinstance(record, Contact):
        notes = (
            *(n.text for n in record.notes),
            *(i.note for i in record.interactions if i.note),
            *(g.text for g in record.give_take),
        )
        notes = tuple(map(one, notes, notes))
        doc = Doc(
            "contact",
            record.id,
            one(record.name, record.name),
            one(record.org, record.org),
            one(record.role, record.role),
            one(topics, topics),
            one(notes, notes),
            when=record.last_touch.timestamp() if record.last_touch else 0.0,
        )
    else:
        doc = Doc(
            "event",
            record.id,
            one(record.name, record.name),
            one(record.place, record.place),
            when=record.starts.timestamp() if record.starts else 0.0,
        )
    # Later (weaker) fields first so a stronger field overwrites the same word. Words are
    # interned: ten thousand records repeat a few thousand distinct words ~200,000 times,
    # and one shared copy of each saves ~10 MB (the postings' keys are the same objects).
    fields: dict[str, int] = {}
    for text in doc.notes:
        for word in words(text):
            fields[intern(word)] = NOTE
    words_of = shared.words_of
    for code, texts in ((ORG, (doc.org, doc.role)), (TOPIC, doc.topics)):
        for text in texts:
            found = words_of.get(text)
            if found is None:
                found = words_of[text] = tuple(map(intern, words(text)))
            for word in found:
                fields[word] = code
    for word in words(doc.name):
        fields[intern(word)] = NAME
    codes = bytes(fields.values())
    doc.words, doc.codes = tuple(fields), one(codes, codes)
    return doc


def prefix_score(token: str, word: str) -> float:
    """How well a word the token starts matches it: an exact word beats a longer word it
    starts (typing "ann" prefers Ann to Anna)."""
    return 100.0 if word == token else 90.0 + 10.0 * len(token) / len(word)


def rank_key(match: Match, doc: Doc, slot: int) -> RankKey:
    """Result order: best score, then contacts, encounters, events, then newest."""
    return (-match[0], KIND_ORDER[doc.kind], -doc.when, slot)


def _better(match: Match, current: Match | None) -> bool:
    # On a score tie the stronger field, then the first word alphabetically: what walking
    # the sorted vocabulary finds first.
    return current is None or (-match[0], match[1], match[2]) < (-current[0], *current[1:])


def short_prefix_matches(doc: Doc) -> dict[str, Match]:
    """The record's best match for every prefix of up to SHORT_MAX letters of its name,
    organisation and topic words."""
    best: dict[str, Match] = {}
    for word, code in doc.fields():
        if code == NOTE:
            continue
        for length in range(1, min(SHORT_MAX, len(word)) + 1):
            prefix = word[:length]
            match = (prefix_score(prefix, word) * FIELD_WEIGHTS[code], code, word)
            if _better(match, best.get(prefix)):
                best[prefix] = match
    return best


class PrefixBuckets:
    """Records by short prefix, each with its best match, in result order.

    A prefix's bucket is filled from the index the first time it is typed (costing one walk
    of its words) and from then on kept current by :meth:`add` and :meth:`remove`, so
    building the index costs nothing extra and a prefix nobody types costs no memory.
    """

    def __init__(self) -> None:
        self._matches: dict[str, dict[int, Match]] = {}
        self._ranked: dict[str, list[RankKey]] = {}

    def add(self, slot: int, doc: Doc) -> None:
        """Put a new record in the filled buckets of its short prefixes."""
        if not self._matches:
            return  # nothing typed yet (as while the index is built)
        for prefix, match in short_prefix_matches(doc).items():
            bucket = self._matches.get(prefix)
            if bucket is not None:
                bucket[slot] = match
                insort(self._ranked[prefix], rank_key(match, doc, slot))

    def remove(self, slot: int, doc: Doc) -> None:
        """Take a record (as it was added) out of the filled buckets."""
        if not self._matches:
            return
        for prefix, match in short_prefix_matches(doc).items():
            bucket = self._matches.get(prefix)
            if bucket is not None:
                del bucket[slot]
                ranked = self._ranked[prefix]
                del ranked[bisect_left(ranked, rank_key(match, doc, slot))]

    def bucket(
        self,
        prefix: str,
        vocab: list[str],
        postings: Mapping[str, Postings],
        docs: list[Doc | None],
    ) -> tuple[dict[int, Match], list[RankKey]]:
        """Slot -> best match of every record with a name, organisation or topic word
        starting with ``prefix`` (words of at most SHORT_MAX letters), and those records
        in result order. ``vocab`` is the sorted vocabulary, ``postings`` word -> the
        records holding it."""
        bucket = self._matches.get(prefix)
        if bucket is None:
            bucket = {}
            at = bisect_left(vocab, prefix)
            while at < len(vocab) and vocab[at].startswith(prefix):
                word = vocab[at]
                score = prefix_score(prefix, word)
                for slot, code in postings[word].items():
                    match = (score * FIELD_WEIGHTS[code], code, word)
                    if code != NOTE and _better(match, bucket.get(slot)):
                        bucket[slot] = match
                at += 1
            ranked = []
            for slot, match in bucket.items():
                doc = docs[slot]
                assert doc is not None  # a removed record has left the postings
                ranked.append(rank_key(match, doc, slot))
            ranked.sort()
            self._matches[prefix], self._ranked[prefix] = bucket, ranked
        return bucket, self._ranked[prefix]
