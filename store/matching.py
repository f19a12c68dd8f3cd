"""Comparing people: text folding (shared with search) and the promote dialog's merge offer.

Names are compared folded (case and accents ignored: "Zoë Ångström" is "Zoe Angstrom") with
rapidfuzz's ``token_sort_ratio``, plus two rules rapidfuzz cannot know:

* first names must be compatible -- equal, one starting the other ("Tess"/"Tessa",
  "Alex"/"Alexander") or a likely typo -- so "Ann Lee" and "Ann Smith" (or "Dan Lee") are
  not the same person just because half the name matches;
* a name that is all of the other's words ("Ann" and "Ann Lee") is possible, never certain.

Other evidence: the same organisation, the same e-mail address (a contact's e-mail written
in the encounter's notes), shared topics. An organisation that differs counts against.
:func:`judge` is the rule; :func:`assess` applies it to a contact (the debrief's merge offer),
:mod:`hallway.store.remet` to contacts and earlier encounters (the live screen's "met before").

A candidate is *preselected* (offered as "merge into ...") only when it is likely:
the same e-mail; or the same full name with no conflicting organisation; or a similar name
with the same organisation or a shared topic. Otherwise it is listed but "new contact" stays
the default. The score only orders candidates; it is never shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hallway.store.db import Store
from hallway.store.errors import NotFound
from hallway.store.i18n import _
from hallway.store.records import Contact, Encounter, Event
from hallway.store.text import fold, words

SAME_NAME = 100.0
SIMILAR_NAME = 85.0
POSSIBLE_NAME = 70.0
SUBSET_NAME = 75.0
NICKNAME = 92.0
INCOMPATIBLE_CAP = 50.0
FIRST_NAME_TYPO = 75.0
SAME_ORG = 90.0
MAX_TOPIC_REASONS = 3

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class MergeCandidate:
    """An existing contact the encounter may be. ``reasons`` are shown ("similar name",
    "same organisation (Acme)"); ``score`` only ranks candidates and is never shown."""

    contact: Contact
    reasons: list[str]
    score: float
    preselect: bool = False
    first_met: Event | None = None
    shared_topics: list[str] = field(default_factory=list)


def name_similarity(a: str, b: str) -> float:
    """How alike two person names are, 0-100 (folded; first names must be compatible)."""
    left, right = words(a), words(b)
    if not left or not right:
        return 0.0
    if sorted(left) == sorted(right):
        return SAME_NAME
    # Imported at first use: rapidfuzz takes ~20 ms to load, and the live screen imports
    # this module (through remet) before it is first drawn, when nothing is compared yet.
    from rapidfuzz import fuzz

    score = fuzz.token_sort_ratio(" ".join(left), " ".join(right))
    if len(left) > 1 and len(right) > 1:
        first_a, first_b = left[0], right[0]
        prefix = first_a.startswith(first_b) or first_b.startswith(first_a)
        if prefix and min(len(first_a), len(first_b)) >= 2 and left[1:] == right[1:]:
            score = max(score, NICKNAME)
        elif not prefix and fuzz.ratio(first_a, first_b) < FIRST_NAME_TYPO:
            score = min(score, INCOMPATIBLE_CAP)
    elif set(left) <= set(right) or set(right) <= set(left):
        score = max(score, SUBSET_NAME)
    return float(score)


def same_org(a: str, b: str) -> bool:
    """Whether two organisation names mean the same place ("Acme" and "ACME Robotics")."""
    from rapidfuzz import fuzz  # (at first use: see name_similarity)

    left, right = " ".join(words(a)), " ".join(words(b))
    return bool(left and right) and fuzz.token_set_ratio(left, right) >= SAME_ORG


def emails_in(encounter: Encounter) -> set[str]:
    """The e-mail addresses written in an encounter's notes and promises (folded)."""
    texts = [n.text for n in encounter.notes] + [f.text for f in encounter.follow_ups]
    return {m.group().casefold() for text in texts for m in EMAIL.finditer(text)}


@dataclass(frozen=True)
class Judgement:
    """How likely two people are one: why (shown), whether to preselect, and a score (only
    to rank; never shown)."""

    reasons: list[str]
    score: float
    likely: bool
    shared_topics: list[str]


def judge(
    encounter: Encounter, name: str, org: str, topics: list[str], same_email: bool
) -> Judgement | None:
    """Whether the person of ``encounter`` may be someone known by these details (a contact,
    or someone met at an earlier event), and why; None if unlikely. The one rule behind the
    debrief's merge offer and the live screen's "met before"."""
    score_name = name_similarity(encounter.name, name)
    if score_name < POSSIBLE_NAME and not same_email:
        return None
    org_match = same_org(encounter.org, org)
    org_conflict = bool(encounter.org.strip() and org.strip()) and not org_match
    theirs = {fold(t) for t in topics}
    shared = [t for t in encounter.topics if fold(t) in theirs]
    evidence = org_match or bool(shared)
    if score_name < SIMILAR_NAME and not (evidence or same_email):
        return None

    reasons: list[str] = []
    if score_name >= SAME_NAME:
        reasons.append(_("same name"))
    elif score_name >= SIMILAR_NAME:
        reasons.append(_("similar name"))
    if same_email:
        reasons.append(_("same e-mail"))
    if org_match:
        reasons.append(_("same organisation ({org})").format(org=org))
    if shared:
        listed = ", ".join(f"#{t}" for t in shared[:MAX_TOPIC_REASONS])
        reasons.append(_("both talked about {topics}").format(topics=listed))

    likely = (
        same_email
        or (score_name >= SAME_NAME and (not org_conflict or evidence))
        or (score_name >= SIMILAR_NAME and evidence)
    )
    score = (
        score_name / 100
        + (1.0 if same_email else 0.0)
        + (0.3 if org_match else 0.0)
        + 0.1 * min(len(shared), MAX_TOPIC_REASONS)
        - (0.2 if org_conflict else 0.0)
    )
    return Judgement(reasons, score, likely, shared)


def assess(encounter: Encounter, contact: Contact) -> MergeCandidate | None:
    """Whether this contact may be the person in the encounter, and why (None if unlikely)."""
    email = contact.channels.email.strip().casefold()
    same_email = bool(email) and email in emails_in(encounter)
    found = judge(encounter, contact.name, contact.org, contact.topics, same_email)
    if found is None:
        return None
    return MergeCandidate(
        contact, found.reasons, found.score, found.likely, shared_topics=found.shared_topics
    )


def merge_candidates(store: Store, encounter: Encounter, limit: int = 3) -> list[MergeCandidate]:
    """Contacts the encounter may be, most likely first. Only the first can be preselected
    (see :func:`preselected`); each carries the event where you first met them."""
    found: list[MergeCandidate] = []
    for contact in store.contacts():
        if contact.id == encounter.contact_id:
            continue  # already this person's contact; nothing to merge
        candidate = assess(encounter, contact)
        if candidate is not None:
            found.append(candidate)
    found.sort(key=lambda c: (-c.score, c.contact.name.casefold(), c.contact.id))
    found = found[:limit]
    for index, candidate in enumerate(found):
        candidate.preselect = candidate.preselect and index == 0
        candidate.first_met = _first_event(store, candidate.contact)
    return found


def preselected(candidates: list[MergeCandidate]) -> MergeCandidate | None:
    """The candidate to offer as the default "merge into ...", if any."""
    return candidates[0] if candidates and candidates[0].preselect else None


def _first_event(store: Store, contact: Contact) -> Event | None:
    met: list[tuple[Encounter, Event]] = []
    for encounter_id in contact.encounter_ids:
        try:
            encounter = store.encounter(encounter_id)
            met.append((encounter, store.event(encounter.event_id)))
        except NotFound:
            continue  # removed by another process since; the rest still tells the story
    if not met:
        return None
    return min(met, key=lambda pair: (pair[0].met_at, pair[0].id))[1]
