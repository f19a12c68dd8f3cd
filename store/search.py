"""Search as you type over people, organisations, topics and notes, and the topic index.

How it stays fast at ten thousand people: every name, organisation, role, topic and note is
cut into folded words (case, accents and a few special letters folded, so "zoe" finds
"Zoë"), and an inverted index maps each distinct word to the records holding it. A query is
cut the same way; each query word is matched against the (much smaller) vocabulary -- by
prefix, so results appear while typing, and by rapidfuzz's ``fuzz.ratio`` for typos --
and a record must match every query word (the rarest word walks the index, the others check
the records it found). Words of one or two letters look at names, organisations and topics
only, not notes. Scores only rank results; they are never shown.

The index is built once from a :class:`~store.db.Store` and kept current with
:meth:`SearchIndex.update` / :meth:`SearchIndex.remove` after each change, or
:meth:`SearchIndex.rebuild` after another process's saves (``store.refresh()`` returned True).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from store.db import Store
from store.matching import fold, words
from store.records import Contact, Encounter, Event

Kind = Literal["encounter", "contact", "topic", "event"]

# Field codes, best first; a word keeps the best field it appears in for a record.
NAME, TOPIC, ORG, NOTE = 0, 1, 2, 3
FIELD_WEIGHTS = (1.0, 0.9, 0.85, 0.7)
KIND_ORDER = {"contact": 0, "encounter": 1, "event": 2}

FUZZY_MIN_LENGTH = 3
NOTE_MIN_LENGTH = 3  # a shorter word would pull in half the notes
WORDS_PER_RECORD = 20  # rough cost of checking one record for a query word
FUZZY_CUTOFF = 75.0
FUZZY_LIMIT = 40
FUZZY_DISCOUNT = 0.9
SNIPPET_WIDTH = 60
MAX_TOPIC_HITS = 3

_Match = tuple[float, int, str]  # (score, field code, vocabulary word)


@dataclass(frozen=True)
class SearchHit:
    """One search result. For a ``topic`` hit, ``id`` is 0 and ``matched`` is the bare topic;
    otherwise ``matched`` is the text that matched (a name, an organisation, ``#topic`` or a
    note excerpt), to be shown literally."""

    kind: Kind
    id: int
    title: str
    detail: str
    matched: str


@dataclass
class _Doc:
    kind: Kind
    id: int
    name: str
    org: str = ""
    role: str = ""
    topics: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    event_id: int | None = None
    contact_id: int | None = None
    when: float = 0.0
    fields: dict[str, int] = field(default_factory=dict)


def _doc_for(record: Encounter | Contact | Event) -> _Doc:
    if isinstance(record, Encounter):
        doc = _Doc(
            "encounter",
            record.id,
            record.name,
            record.org,
            record.role,
            list(record.topics),
            [n.text for n in record.notes] + [f.text for f in record.follow_ups],
            event_id=record.event_id,
            contact_id=record.contact_id,
            when=record.met_at.timestamp(),
        )
    elif isinstance(record, Contact):
        doc = _Doc(
            "contact",
            record.id,
            record.name,
            record.org,
            record.role,
            list(record.topics),
            [n.text for n in record.notes]
            + [i.note for i in record.interactions if i.note]
            + [g.text for g in record.give_take],
            when=record.last_touch.timestamp() if record.last_touch else 0.0,
        )
    else:
        doc = _Doc(
            "event",
            record.id,
            record.name,
            record.place,
            when=record.starts.timestamp() if record.starts else 0.0,
        )
    # Later (weaker) fields first so a stronger field overwrites the same word.
    for code, texts in (
        (NOTE, doc.notes),
        (ORG, (doc.org, doc.role)),
        (TOPIC, doc.topics),
        (NAME, (doc.name,)),
    ):
        for text in texts:
            for word in words(text):
                doc.fields[word] = code
    return doc


class SearchIndex:
    """Fuzzy search over encounters, contacts, events and topics, fast enough per keystroke."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._docs: list[_Doc | None] = []
        self._slots: dict[tuple[str, int], int] = {}
        self._postings: dict[str, dict[int, int]] = {}
        # The same without note words: what a short query word looks at.
        self._key_postings: dict[str, dict[int, int]] = {}
        self._vocab: list[str] = []
        self._topics: dict[str, dict[int, None]] = {}
        self._topic_names: dict[str, str] = {}
        self._event_names: dict[int, str] = {}
        if store is not None:
            self.rebuild()

    @classmethod
    def from_records(
        cls,
        events: Iterable[Event],
        encounters: Iterable[Encounter],
        contacts: Iterable[Contact],
    ) -> SearchIndex:
        """An index over these records, without a store (for tools and benchmarks)."""
        index = cls(None)
        index._load(events, encounters, contacts)
        return index

    def rebuild(self) -> None:
        """Rebuild everything from the store (cheap enough to run after another process saves)."""
        if self._store is None:
            raise RuntimeError("this index was built from records; build a new one instead")
        self._load(self._store.events(), self._store.encounters(), self._store.contacts())

    def _load(
        self, events: Iterable[Event], encounters: Iterable[Encounter], contacts: Iterable[Contact]
    ) -> None:
        self._docs, self._slots, self._postings, self._key_postings = [], {}, {}, {}
        self._topics, self._topic_names, self._event_names = {}, {}, {}
        records: list[Encounter | Contact | Event] = [*events, *encounters, *contacts]
        for record in records:
            self._add(record)
        self._vocab = sorted(self._postings)

    # -- keeping current -------------------------------------------------------------------

    def update(self, record: Encounter | Contact | Event) -> None:
        """Add or refresh one record after it was saved."""
        doc = _doc_for(record)
        self.remove(doc.kind, record.id)
        for word in self._add(record, doc):
            if len(self._postings[word]) == 1:
                insort(self._vocab, word)

    def remove(self, kind: Kind, record_id: int) -> None:
        """Forget one record (after it was deleted, or before it is re-added)."""
        slot = self._slots.pop((kind, record_id), None)
        if slot is None:
            return
        doc = self._docs[slot]
        assert doc is not None
        self._docs[slot] = None
        if kind == "event":
            self._event_names.pop(record_id, None)
        for word, code in doc.fields.items():
            holders = self._postings[word]
            del holders[slot]
            if not holders:
                del self._postings[word]
                del self._vocab[bisect_left(self._vocab, word)]
            if code != NOTE:
                key_holders = self._key_postings[word]
                del key_holders[slot]
                if not key_holders:
                    del self._key_postings[word]
        for topic in doc.topics:
            key = fold(topic)
            self._topics[key].pop(slot, None)
            if not self._topics[key]:
                del self._topics[key]
                del self._topic_names[key]

    def _add(self, record: Encounter | Contact | Event, doc: _Doc | None = None) -> list[str]:
        doc = doc or _doc_for(record)
        slot = len(self._docs)
        self._docs.append(doc)
        self._slots[(doc.kind, doc.id)] = slot
        if isinstance(record, Event):
            self._event_names[record.id] = record.name
        for word, code in doc.fields.items():
            self._postings.setdefault(word, {})[slot] = code
            if code != NOTE:
                self._key_postings.setdefault(word, {})[slot] = code
        for topic in doc.topics:
            key = fold(topic)
            self._topics.setdefault(key, {})[slot] = None
            self._topic_names.setdefault(key, topic)
        return list(doc.fields)

    # -- queries ---------------------------------------------------------------------------

    def known_topic(self, term: str) -> str | None:
        """The stored topic this term names (``#Bouldering``, ``bouldering``), if any."""
        key = fold(term.strip().lstrip("#"))
        return self._topic_names.get(key)

    def who_is_into(self, topic: str) -> list[SearchHit]:
        """Contacts (by name) then encounters (newest first) with this topic; an encounter
        promoted into a listed contact is shown once, as the contact."""
        key = fold(topic.strip().lstrip("#"))
        slots = self._topics.get(key, {})
        docs = [d for d in (self._docs[s] for s in slots) if d is not None]
        contacts = sorted((d for d in docs if d.kind == "contact"), key=lambda d: fold(d.name))
        listed = {d.id for d in contacts}
        encounters = sorted(
            (d for d in docs if d.kind == "encounter" and d.contact_id not in listed),
            key=lambda d: -d.when,
        )
        shown = self._topic_names.get(key, key)
        return [self._hit(d, f"#{shown}") for d in (*contacts, *encounters)]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Results for what is typed so far: matching topics first, then people and events.

        ``#topic`` lists the topics starting with what follows the ``#`` and who is into the
        closest one.
        """
        text = query.strip()
        if text.startswith("#"):
            return self._topic_query(text[1:], limit)
        tokens = words(text)
        if not tokens:
            return []
        topic_hits = self._topic_hits("-".join(tokens))
        return (topic_hits + self._rank(tokens, limit))[:limit]

    def _topic_hits(self, typed: str) -> list[SearchHit]:
        """Topics equal to or starting with the typed text (the exact one first)."""
        if len(typed) < 2:
            return []
        found = [key for key in self._topics if key.startswith(typed)]
        found.sort(key=lambda key: (key != typed, len(key), key))
        return [self._topic_hit(key) for key in found[:MAX_TOPIC_HITS]]

    def _topic_hit(self, key: str) -> SearchHit:
        name = self._topic_names[key]
        return SearchHit("topic", 0, f"#{name}", f"who else is into #{name}", name)

    def _topic_query(self, typed: str, limit: int) -> list[SearchHit]:
        key = "-".join(fold(typed).split())
        if not key:
            return []
        topics = [key] if key in self._topics else []
        topics += sorted(
            (k for k in self._topics if k.startswith(key) and k != key), key=lambda k: (len(k), k)
        )
        if not topics:
            topics = [
                k
                for k, _, _ in process.extract(
                    key,
                    list(self._topics),
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    limit=MAX_TOPIC_HITS,
                )
            ]
        if not topics:
            return []
        hits = [self._topic_hit(k) for k in topics[:MAX_TOPIC_HITS]]
        return (hits + self.who_is_into(topics[0]))[:limit]

    def _word_scores(self, token: str) -> dict[str, float]:
        """Vocabulary words this query word may mean: prefix matches, then typo matches."""
        vocab = self._vocab
        scores: dict[str, float] = {}
        at = bisect_left(vocab, token)
        while at < len(vocab) and vocab[at].startswith(token):
            word = vocab[at]
            # An exact word beats a longer word it starts (typing "ann" prefers Ann to Anna).
            scores[word] = 100.0 if word == token else 90.0 + 10.0 * len(token) / len(word)
            at += 1
        if len(token) >= FUZZY_MIN_LENGTH:
            for word, score, _ in process.extract(
                token, vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT
            ):
                scores.setdefault(word, score * FUZZY_DISCOUNT)
        return scores

    def _postings_for(self, token: str) -> dict[str, dict[int, int]]:
        return self._postings if len(token) >= NOTE_MIN_LENGTH else self._key_postings

    def _walk(self, token: str, token_words: dict[str, float]) -> dict[int, _Match]:
        """Every record holding one of the words, with its best match."""
        postings = self._postings_for(token)
        best: dict[int, _Match] = {}
        for word, word_score in token_words.items():
            for slot, code in postings.get(word, {}).items():
                score = word_score * FIELD_WEIGHTS[code]
                if slot not in best or score > best[slot][0]:
                    best[slot] = (score, code, word)
        return best

    def _check(self, slot: int, token: str, token_words: dict[str, float]) -> _Match | None:
        """The best match of one record for a query word, looking at the record itself."""
        doc = self._docs[slot]
        assert doc is not None
        fields, with_notes = doc.fields, len(token) >= NOTE_MIN_LENGTH
        shared = token_words if len(token_words) < len(fields) else fields
        matches = [
            (token_words[w] * FIELD_WEIGHTS[fields[w]], fields[w], w)
            for w in shared
            if w in fields and w in token_words and (with_notes or fields[w] != NOTE)
        ]
        return max(matches, default=None)

    def _rank(self, tokens: list[str], limit: int) -> list[SearchHit]:
        # The rarest query word walks the index; each further word either walks its own
        # postings or checks the records found so far, whichever touches fewer entries.
        scored = []
        for token in tokens:
            token_words = self._word_scores(token)
            postings = self._postings_for(token)
            volume = sum(len(postings.get(w, ())) for w in token_words)
            scored.append((volume, token, token_words))
        scored.sort(key=lambda item: item[0])
        _, first_token, first_words = scored[0]
        # slot -> (total score, strongest single match)
        totals = {slot: (m[0], m) for slot, m in self._walk(first_token, first_words).items()}
        for volume, token, token_words in scored[1:]:
            walked = (
                self._walk(token, token_words) if volume < len(totals) * WORDS_PER_RECORD else None
            )
            for slot, (total, strongest) in list(totals.items()):
                found = (
                    walked.get(slot)
                    if walked is not None
                    else self._check(slot, token, token_words)
                )
                if found is None:
                    del totals[slot]
                else:
                    totals[slot] = (total + found[0], max(strongest, found))
        contacts = {d.id for d in (self._docs[s] for s in totals) if d and d.kind == "contact"}
        ranked: list[tuple[float, int, float, int, _Doc]] = []
        for slot, (total, _) in totals.items():
            doc = self._docs[slot]
            assert doc is not None
            if doc.kind == "encounter" and doc.contact_id in contacts:
                continue  # the person shows once, as the contact
            ranked.append((-total, KIND_ORDER[doc.kind], -doc.when, slot, doc))
        hits = []
        for *_, slot, doc in heapq.nsmallest(limit, ranked, key=lambda r: r[:4]):
            _, code, word = totals[slot][1]
            hits.append(self._hit(doc, self._matched(doc, code, word)))
        return hits

    def _matched(self, doc: _Doc, code: int, word: str) -> str:
        if code == NAME:
            return doc.name
        if code == TOPIC:
            return next((f"#{t}" for t in doc.topics if word in words(t)), doc.name)
        candidates = (doc.org, doc.role) if code == ORG else doc.notes
        for text in candidates:
            if word in words(text):
                return text if code == ORG else _snippet(text, word)
        return doc.name

    def _hit(self, doc: _Doc, matched: str) -> SearchHit:
        if doc.kind == "event":
            return SearchHit("event", doc.id, doc.name, doc.org, matched)
        place = (doc.org, self._event_names.get(doc.event_id or 0, ""))
        if doc.kind == "contact":
            place = (doc.org, "contact")
        detail = " · ".join(p for p in place if p)
        return SearchHit(doc.kind, doc.id, doc.name, detail, matched)


def _snippet(text: str, word: str) -> str:
    """The part of a note around a matched word, on one line."""
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_WIDTH:
        return flat
    at = fold(flat).find(word)
    # Folding can change lengths (ß -> ss); the position is only a hint for where to cut.
    start = max(0, min(at, len(flat) - SNIPPET_WIDTH) - SNIPPET_WIDTH // 3) if at >= 0 else 0
    piece = flat[start : start + SNIPPET_WIDTH].strip()
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_WIDTH < len(flat) else "")
