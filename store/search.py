"""Search as you type over people, organisations, topics and notes, and the topic index.

How it stays fast at ten thousand people: every name, organisation, role, topic and note is
cut into folded words (case, accents and a few special letters folded, so "zoe" finds
"Zoë"), and an inverted index maps each distinct word to the records holding it. A query is
cut the same way; each query word is matched against the (much smaller) vocabulary -- by
prefix, so results appear while typing, and by rapidfuzz's ``fuzz.ratio`` for typos --
and a record must match every query word (the rarest word walks the index, the others check
the records it found). Words of one or two letters match by prefix only, in names,
organisations and topics, never notes; they use precomputed prefix buckets
(:mod:`hallway.store.search_index`) so the first keystrokes, which match the most, stay cheap.
Scores only rank results; they are never shown.

The index is built once from a :class:`~hallway.store.db.Store` and kept current with
:meth:`SearchIndex.update` / :meth:`SearchIndex.remove` after each change, or
:meth:`SearchIndex.rebuild` after another process's saves (``store.refresh()`` returned True).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left, insort
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz, process

from hallway.store.db import Store
from hallway.store.i18n import _
from hallway.store.records import Contact, Encounter, Event
from hallway.store.search_index import (
    FIELD_WEIGHTS,
    KIND_ORDER,
    NAME,
    ORG,
    SHORT_MAX,
    TOPIC,
    Copies,
    Doc,
    Kind,
    Match,
    Postings,
    PrefixBuckets,
    RankKey,
    doc_for,
    prefix_score,
)
from hallway.store.text import fold, words

__all__ = ["Kind", "SearchHit", "SearchIndex"]

WORDS_PER_RECORD = 20  # rough cost of checking one record for a query word
FUZZY_CUTOFF = 75.0
FUZZY_LIMIT = 40
FUZZY_DISCOUNT = 0.9
SNIPPET_WIDTH = 60
MAX_TOPIC_HITS = 3


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
class _Term:
    """One query word: a short word's prefix bucket, or the vocabulary words it may mean."""

    token: str
    volume: int  # postings a walk would touch
    bucket: dict[int, Match] | None = None
    scores: dict[str, float] | None = None


class SearchIndex:
    """Fuzzy search over encounters, contacts, events and topics, fast enough per keystroke."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._docs: list[Doc | None] = []
        # kind -> record id -> slot (one dict per kind: no (kind, id) key per record)
        self._slots: dict[str, dict[int, int]] = {}
        self._postings: dict[str, Postings] = {}
        self._vocab: list[str] = []
        # topic key -> slots of the records with it, ascending (4 bytes a record where a
        # dict of slots took ~45)
        self._topics: dict[str, array[int]] = {}
        self._topic_names: dict[str, str] = {}
        self._event_names: dict[int, str] = {}
        self._prefixes = PrefixBuckets()
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
        records: Iterable[Encounter | Contact | Event] = chain(events, encounters, contacts)
        copies = Copies()
        index._load(doc_for(record, copies) for record in records)
        return index

    @classmethod
    def snapshot_of(cls, store: Store) -> SearchIndex:
        """An index of everything ``store`` holds now, not keeping the store (build it from
        a :meth:`~hallway.store.db.Store.frozen` copy, which it then lets go, with every
        table the copy parsed; it cannot :meth:`rebuild`: build a new one instead)."""
        index = cls(None)
        index._load(_one_by_one(store, Copies()))
        return index

    def rebuild(self) -> None:
        """Rebuild everything from the store (cheap enough to run after another process saves)."""
        if self._store is None:
            raise RuntimeError("this index was built from records; build a new one instead")
        self._load(_one_by_one(self._store, Copies()))

    def _load(self, docs: Iterable[Doc]) -> None:
        self._docs, self._slots, self._postings = [], {}, {}
        self._topics, self._topic_names, self._event_names = {}, {}, {}
        self._prefixes = PrefixBuckets()
        for doc in docs:
            self._add(doc)
        self._vocab = sorted(self._postings)

    def __len__(self) -> int:
        """How many records the index holds (for tuning memory; never shown)."""
        return sum(len(slots) for slots in self._slots.values())

    # -- keeping current -------------------------------------------------------------------

    def update(self, record: Encounter | Contact | Event) -> None:
        """Add or refresh one record after it was saved."""
        doc = doc_for(record)
        self.remove(doc.kind, record.id)
        for word in self._add(doc):
            if len(self._postings[word]) == 1:
                insort(self._vocab, word)

    def remove(self, kind: Kind, record_id: int) -> None:
        """Forget one record (after it was deleted, or before it is re-added)."""
        slot = self._slots.get(kind, {}).pop(record_id, None)
        if slot is None:
            return
        doc = self._docs[slot]
        assert doc is not None
        self._docs[slot] = None
        self._prefixes.remove(slot, doc)
        if kind == "event":
            self._event_names.pop(record_id, None)
        for word in doc.words:
            holders = self._postings[word]
            holders.remove(slot)
            if not holders:
                del self._postings[word]
                del self._vocab[bisect_left(self._vocab, word)]
        for key in dict.fromkeys(map(fold, doc.topics)):
            tagged = self._topics[key]
            del tagged[bisect_left(tagged, slot)]
            if not tagged:
                del self._topics[key]
                del self._topic_names[key]

    def _add(self, doc: Doc) -> list[str]:
        slot = len(self._docs)
        self._docs.append(doc)
        self._slots.setdefault(doc.kind, {})[doc.id] = slot
        if doc.kind == "event":
            self._event_names[doc.id] = doc.name
        self._prefixes.add(slot, doc)
        for word, code in doc.fields():
            holders = self._postings.get(word)
            if holders is None:
                holders = self._postings[word] = Postings()
            holders.add(slot, code)
        for topic in doc.topics:
            key = fold(topic)
            tagged = self._topics.get(key)
            if tagged is None:
                tagged = self._topics[key] = array("i")
            # Slots only grow, so appending keeps the order; "Choir" and "choir" are one.
            if not tagged or tagged[-1] != slot:
                tagged.append(slot)
            self._topic_names.setdefault(key, topic)
        return list(doc.words)

    # -- queries ---------------------------------------------------------------------------

    def known_topic(self, term: str) -> str | None:
        """The stored topic this term names (``#Bouldering``, ``bouldering``), if any."""
        key = fold(term.strip().lstrip("#"))
        return self._topic_names.get(key)

    def who_is_into(self, topic: str) -> list[SearchHit]:
        """Contacts (by name) then encounters (newest first) with this topic; an encounter
        promoted into a listed contact is shown once, as the contact."""
        key = fold(topic.strip().lstrip("#"))
        slots = self._topics.get(key, ())
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
        who = _("who else is into #{topic}").format(topic=name)
        return SearchHit("topic", 0, f"#{name}", who, name)

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
                for k, _score, _index in process.extract(
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
            scores[vocab[at]] = prefix_score(token, vocab[at])
            at += 1
        # Only words longer than SHORT_MAX get here: shorter ones match no typos.
        for word, score, _index in process.extract(
            token, vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT
        ):
            scores.setdefault(word, score * FUZZY_DISCOUNT)
        return scores

    def _short(self, token: str) -> tuple[dict[int, Match], list[RankKey]]:
        return self._prefixes.bucket(token, self._vocab, self._postings, self._docs)

    def _term(self, token: str) -> _Term:
        if len(token) <= SHORT_MAX:
            bucket, _ranked = self._short(token)
            return _Term(token, len(bucket), bucket=bucket)
        scores = self._word_scores(token)
        volume = sum(len(self._postings.get(w, ())) for w in scores)
        return _Term(token, volume, scores=scores)

    def _walk(self, term: _Term) -> dict[int, Match]:
        """Every record holding one of the term's words, with its best match."""
        if term.bucket is not None:
            return term.bucket
        assert term.scores is not None
        best: dict[int, Match] = {}
        for word, word_score in term.scores.items():
            holders = self._postings.get(word)
            if holders is None:
                continue
            for slot, code in holders.items():
                score = word_score * FIELD_WEIGHTS[code]
                if slot not in best or score > best[slot][0]:
                    best[slot] = (score, code, word)
        return best

    def _check(self, slot: int, term: _Term) -> Match | None:
        """The best match of one record for a query word, looking at the record itself."""
        if term.bucket is not None:
            return term.bucket.get(slot)
        assert term.scores is not None
        doc = self._docs[slot]
        assert doc is not None
        words, codes, scores = doc.words, doc.codes, term.scores
        if len(scores) < len(words):  # walk the shorter of the two
            found = [(w, codes[words.index(w)]) for w in scores if w in words]
        else:
            found = [(w, c) for w, c in zip(words, codes, strict=True) if w in scores]
        return max(((scores[w] * FIELD_WEIGHTS[c], c, w) for w, c in found), default=None)

    def _shown_once(self, doc: Doc, found: Container[int]) -> bool:
        """False for an encounter whose contact is among the results: the person shows once."""
        if doc.kind != "encounter" or doc.contact_id is None:
            return True
        return self._slots.get("contact", {}).get(doc.contact_id) not in found

    def _rank_prefix(self, token: str, limit: int) -> list[SearchHit]:
        # One short word: its bucket is already in result order; build only the hits shown.
        bucket, ranked = self._short(token)
        hits: list[SearchHit] = []
        for *_rest, slot in ranked:
            if len(hits) >= limit:
                break
            doc = self._docs[slot]
            assert doc is not None
            if self._shown_once(doc, bucket):
                _total, code, word = bucket[slot]
                hits.append(self._hit(doc, self._matched(doc, code, word)))
        return hits

    def _rank(self, tokens: list[str], limit: int) -> list[SearchHit]:
        if len(tokens) == 1 and len(tokens[0]) <= SHORT_MAX:
            return self._rank_prefix(tokens[0], limit)
        # The rarest query word walks the index; each further word either walks its own
        # postings or checks the records found so far, whichever touches fewer entries.
        terms = sorted((self._term(token) for token in tokens), key=lambda t: t.volume)
        # slot -> (total score, strongest single match)
        totals = {slot: (m[0], m) for slot, m in self._walk(terms[0]).items()}
        for term in terms[1:]:
            walked = self._walk(term) if term.volume < len(totals) * WORDS_PER_RECORD else None
            for slot, (total, strongest) in list(totals.items()):
                found = walked.get(slot) if walked is not None else self._check(slot, term)
                if found is None:
                    del totals[slot]
                else:
                    totals[slot] = (total + found[0], max(strongest, found))
        ranked: list[tuple[float, int, float, int, Doc]] = []
        for slot, (total, _strongest) in totals.items():
            doc = self._docs[slot]
            assert doc is not None
            if self._shown_once(doc, totals):
                ranked.append((-total, KIND_ORDER[doc.kind], -doc.when, slot, doc))
        hits = []
        for *_rest, slot, doc in heapq.nsmallest(limit, ranked, key=lambda r: r[:4]):
            _total, code, word = totals[slot][1]
            hits.append(self._hit(doc, self._matched(doc, code, word)))
        return hits

    def _matched(self, doc: Doc, code: int, word: str) -> str:
        if code == NAME:
            return doc.name
        if code == TOPIC:
            return next((f"#{t}" for t in doc.topics if word in words(t)), doc.name)
        candidates = (doc.org, doc.role) if code == ORG else doc.notes
        for text in candidates:
            if word in words(text):
                return text if code == ORG else _snippet(text, word)
        return doc.name

    def _hit(self, doc: Doc, matched: str) -> SearchHit:
        if doc.kind == "event":
            return SearchHit("event", doc.id, doc.name, doc.org, matched)
        place = (doc.org, self._event_names.get(doc.event_id or 0, ""))
        if doc.kind == "contact":
            place = (doc.org, _("lasting contact"))
        detail = " · ".join(p for p in place if p)
        return SearchHit(doc.kind, doc.id, doc.name, detail, matched)


def _one_by_one(store: Store, copies: Copies) -> Iterator[Doc]:
    """The searchable form of every event, encounter and contact, in the order the index
    keeps them (events, encounters newest first, contacts), each record let go once its
    small form is made: ten thousand full records (with their notes and dates) are never
    all alive during the build, and the encounters are read a part of the file at a time
    (a frozen copy of the store does not keep the parts it read); repeated texts share one
    copy (``copies``)."""
    for event in store.events():
        yield doc_for(event, copies)
    found = [
        (encounter.met_at, encounter.id, doc_for(encounter, copies))
        for batch in store.encounter_batches()
        for encounter in batch
    ]
    found.sort(reverse=True)  # as store.encounters() orders them; ids never tie
    for _met_at, _id, doc in found:
        yield doc
    del found
    records = store.contacts()
    records.reverse()
    while records:
        yield doc_for(records.pop(), copies)


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
