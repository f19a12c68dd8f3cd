"""Promises in what was typed: a note that reads like a promise, its wording as a reminder,
and whether two promises are the same one said twice.

Pure functions, no I/O. The store uses them when a note is saved (a promise in a note also
becomes a follow-up) and when a promise is added (a near-copy of an open one updates it
rather than repeating it); the debrief uses them to draft a first follow-up.

Decisions where the brief is silent:

* **Only your own promises.** A clause counts when it has no subject or "I"/"we" as its
  subject, and starts with a promise: "promised …", "offered to …", "will / I'll / I'm going
  to / should / must / need to <verb> …", "I owe …", or an order to yourself with a verb that
  only makes sense as one ("send …", "email …", "lend …", "introduce …"). Weaker verbs ("call",
  "text", "share") count as an order only with a person or a thing of yours after them ("call
  her", "share my notes"), so "share prices fell" is no promise. Someone else's promise ("she
  promised herself a holiday", "Maya will send me her slides") and negatives ("promised not to
  tell", "won't send") are not yours to keep.
* **A reminder says whom and what**: "Send Maya my focaccia recipe", "Share the deck with Bo",
  "Introduce Cy to Dana", "Call Maya", "I owe Maya a coffee"; a date phrase in it becomes the
  due date and leaves the text ("intro to Sven by friday" -> "Introduce Maya to Sven", due
  Friday).
* **Two promises are the same** when their words about *what* was promised (not the verbs,
  pronouns, little words or the person's name) mostly overlap: "send her the focaccia recipe"
  and "Send Maya my focaccia recipe" are one promise; "send the slides" and "send the photos"
  are two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from hallway.store import promises_de
from hallway.store.due_dates import DEFAULT_DUE_DAYS, find_due, without_due
from hallway.store.records import FollowUp
from hallway.store.text import words

MAX_REMINDER = 120

# Verbs whose object is a thing given to the person: "send Maya the link".
_GIVING = {"send", "email", "e-mail", "mail", "forward", "lend", "text", "post", "give"}
# Verbs whose object is the person: "call Maya", "introduce Maya to Sven".
_REACHING = {"call", "ring", "phone", "message", "ping", "dm", "introduce", "intro", "invite"}
# Verbs that say what is done with something: "share the deck with Bo".
_SHARING = {"share", "show", "recommend", "bring", "return"}
# Other things a promise can be about; the reminder starts with the verb.
_DOING = {
    "buy",
    "book",
    "check",
    "connect",
    "find",
    "follow",
    "get",
    "look",
    "read",
    "reply",
    "review",
    "write",
    "make",
    "organise",
    "organize",
    "set",
    "try",
}
_VERBS = _GIVING | _REACHING | _SHARING | _DOING
_SPELLING = {"e-mail": "email", "mail": "email", "intro": "introduce", "organize": "organise"}
# An order to yourself that is one whatever follows ("send slides", "lend her my book").
_ALWAYS_ORDERS = {"send", "email", "e-mail", "forward", "lend", "introduce", "intro"}
# Weaker verbs are an order only before a person or something of yours ("call her").
_ORDER_OBJECTS = re.compile(r"^(?:her|him|them|you|my|our)\b", re.IGNORECASE)

_VERB_GROUP = "|".join(sorted((re.escape(v) for v in _VERBS), key=len, reverse=True))
# Where a clause may start inside a sentence: after a comma, a dash, "and", "so", "but".
_CLAUSE = r"(?:^|[,:–—-]\s*|\b(?:and|so|but|then)\s+)"
_SUBJECT = r"(?:(?:i|we)\s+)?"
_FUTURE = (
    r"(?:will|shall|should|must|(?:need|have|got|want)\s+to"
    r"|(?:am|are)\s+going\s+to|gonna|going\s+to)"
)


@dataclass(frozen=True)
class _Patterns:
    promised: re.Pattern[str]
    will: re.Pattern[str]
    owe: re.Pattern[str]
    order: re.Pattern[str]
    to_verb: re.Pattern[str]


def compile_patterns() -> None:
    """Compile the promise grammars (English and German) now: they compile on first use
    otherwise, a few milliseconds -- tens on a busy machine -- the first promise would wait."""
    _patterns()
    promises_de.compile_patterns()


@cache
def _patterns() -> _Patterns:
    """The promise patterns, compiled when first needed (a few milliseconds that a shell
    capture without a note, or the app's start, need not spend)."""
    will = (
        _CLAUSE
        + r"(?:(?:i|we)\s+"
        + _FUTURE
        + r"|(?:i|we)['’](?:ll|m\s+going\s+to|re\s+going\s+to)|"
        + _FUTURE
        + r")\s+(?P<verb>"
        + _VERB_GROUP
        + r")\b\s*(?P<rest>.*)"
    )
    return _Patterns(
        promised=re.compile(
            _CLAUSE + _SUBJECT + r"(?:promised|offered)\s+(?P<rest>\S.*)", re.IGNORECASE
        ),
        will=re.compile(will, re.IGNORECASE),
        owe=re.compile(_CLAUSE + _SUBJECT + r"owe\s+(?P<rest>\S.*)", re.IGNORECASE),
        order=re.compile(r"^\s*(?P<verb>" + _VERB_GROUP + r")\s+(?P<rest>\S.*)", re.IGNORECASE),
        to_verb=re.compile(r"^to\s+(?P<verb>" + _VERB_GROUP + r")\s+(?P<rest>\S.*)", re.IGNORECASE),
    )


_NOT_OURS = re.compile(
    r"^(?:not\b|never\b|herself\b|himself\b|themselves\b|myself\b|ourselves\b|me\b|us\b)",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:a|an|the|some|one|two|three|few|couple|more|back|to)\b", re.IGNORECASE)
_AN_INTRO = re.compile(r"^(?:an?\s+)?intro(?:duction)?\s+(?P<to>to\s+\S.*)", re.IGNORECASE)
_E_MAIL = re.compile(r"\be-mail", re.IGNORECASE)
_WITH_THEM = re.compile(r"\bwith (?:her|him|them)\b", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")

# Words that say nothing about *what* was promised.
_FILLER_WORDS = (
    "a an the my our your her his their him them she he they you me i we it to of for with "
    "about and or on at in by from into some that this these those over back again up so as "
    "just also"
)
_FILLER = frozenset(_FILLER_WORDS.split())
# Words that may lead into the verb ("I will send", "promised to lend", "need to email").
_LEAD_WORDS = "i we will ll shall should must need have got want to promised offered owe"
_LEAD = frozenset(_LEAD_WORDS.split())
# Words only a German promise has (its verbs and "versprochen"): then German little words
# are skipped too.
_GERMAN_WORDS = promises_de.VERBS | {"versprochen"}
SAME_PROMISE = 0.75  # share of the shorter promise's words found in the other
SAME_PROMISE_BOTH = 0.5  # and of the longer one's


@dataclass(frozen=True)
class Promise:
    """A promise read from a note: the reminder's words and when it is due (``dated`` when
    the note named the day)."""

    text: str
    due: date
    dated: bool

    def follow_up(self) -> FollowUp:
        """The promise as an open follow-up."""
        return FollowUp(self.text, self.due)


def promise_in(
    note: str, first_name: str, today: date, default_days: int = DEFAULT_DUE_DAYS
) -> Promise | None:
    """The first promise of yours in a note, worded as a reminder for ``first_name``
    ("promised my focaccia recipe" -> "Send Maya my focaccia recipe"), or None; without a
    date it is due ``default_days`` later (the config file's ``promise_due_days``)."""
    for sentence in _SENTENCES.split(note):
        reminder = reminder_from(sentence, first_name)
        if reminder:
            return dated(reminder, today, default_days)
        german = promises_de.reminder_from(sentence, first_name)
        if german:
            found = dated(german, today, default_days)
            # The infinitive ends a German reminder: a due phrase taken from its start
            # ("Bis Freitag das Rezept …") leaves a small letter to lift.
            text = found.text[:1].upper() + found.text[1:]
            return Promise(text, found.due, found.dated)
    return None


def dated(text: str, today: date, default_days: int = DEFAULT_DUE_DAYS) -> Promise:
    """A promise's text with its date phrase made into the due date (and taken out of the
    text); without one, due in ``default_days`` days."""
    match = find_due(text, today)
    if match is None:
        return Promise(text, today + timedelta(days=default_days), dated=False)
    return Promise(without_due(text, match), match.due, dated=True)


def reminder_from(sentence: str, first_name: str) -> str | None:
    """A sentence's promise of yours worded as a reminder, or None if it holds none."""
    match = _patterns().promised.search(sentence)
    if match:
        rest = match.group("rest")
        if _NOT_OURS.match(rest):
            return None
        to_verb = _patterns().to_verb.match(rest)
        if to_verb:
            return _worded(to_verb.group("verb"), to_verb.group("rest"), first_name)
        if rest.lower().startswith("to "):
            return None  # "promised to be there": kind, but nothing to remind
        thing = _object(rest, first_name)[1]
        intro = _AN_INTRO.match(thing)
        if intro:
            return _short(f"Introduce {first_name} {intro.group('to')}")
        return _short(f"Send {first_name} {thing}") if thing else None
    match = _patterns().will.search(sentence)
    if match and not _NOT_OURS.match(match.group("rest")):
        return _worded(match.group("verb"), match.group("rest"), first_name)
    match = _patterns().owe.search(sentence)
    if match and not _NOT_OURS.match(match.group("rest")):
        thing = _object(match.group("rest"), first_name)[1]
        return _short(f"I owe {first_name} {thing}") if thing else None
    match = _patterns().order.match(sentence)
    if match:
        verb, rest = match.group("verb"), match.group("rest")
        if verb.casefold() in _ALWAYS_ORDERS or _ORDER_OBJECTS.match(rest):
            return _worded(verb, rest, first_name)
    return None


def reminder_verb(text: str) -> bool:
    """Whether a promise's text starts with what to do ("Send Maya…", "call her…")."""
    return _patterns().order.match(text) is not None


def _worded(verb: str, rest: str, first_name: str) -> str | None:
    """ "send" + "her the link" -> "Send Maya the link", and so on for each kind of verb."""
    verb = verb.casefold()
    verb = _SPELLING.get(verb, verb)
    if _NOT_OURS.match(rest):
        return None
    person, thing = _object(rest, first_name)
    title = verb[:1].upper() + verb[1:]
    if verb in _GIVING or verb in _REACHING:
        if verb == "introduce" and thing and not thing.lower().startswith("to "):
            thing = f"to {thing}"
        return _short(" ".join(part for part in (title, first_name, thing) if part))
    if not thing:
        return None
    if person == "possessive":
        return _short(f"{title} {first_name}'s {thing}")
    if person == "object":
        return _short(f"{title} {first_name} {thing}")
    if verb in _SHARING:
        with_them = _WITH_THEM.sub(f"with {first_name}", thing, count=1)
        if with_them != thing:
            return _short(f"{title} {with_them}")
        return _short(f"{title} {thing} with {first_name}")
    return _short(f"{title} {thing}")


def _object(rest: str, first_name: str) -> tuple[str, str]:
    """Whether the words after the verb start with the person ("her the link": "object"; "her
    talk": "possessive"; else "") and what follows them, tidied."""
    lead = re.match(r"(?P<who>her|him|them|you|" + re.escape(first_name) + r")\b\s*", rest, re.I)
    if not lead or not first_name.strip():
        return "", _tidy(rest)
    after = _tidy(rest[lead.end() :])
    if lead.group("who").casefold() == "her" and after and not _ARTICLE.match(after):
        return "possessive", after
    return "object", after


def _tidy(text: str) -> str:
    return " ".join(text.split()).rstrip(".,;:!?")


def _short(text: str) -> str:
    if len(text) <= MAX_REMINDER:
        return text
    cut = text[:MAX_REMINDER].rsplit(" ", 1)[0]
    return cut.rstrip(".,;:") + "…"


# -- the same promise, said twice ------------------------------------------------------------


def _gist(text: str, names: Iterable[str]) -> set[str]:
    """The words of a promise that say what was promised: without the verb it starts with,
    little words and the person's name (plurals folded: "slides" ~ "slide")."""
    said = words(_E_MAIL.sub("email", text))
    start = 0
    while start < len(said) and said[start] in _LEAD:
        start += 1
    if start < len(said) and said[start] in _VERBS | set(_SPELLING.values()):
        start += 1
    skip = _FILLER | {w for name in names for w in words(name)}
    if _GERMAN_WORDS.intersection(said):  # German: the verb may stand anywhere (at the end)
        skip = skip | promises_de.FILLER | promises_de.VERBS
    return {w.removesuffix("s") if len(w) > 3 else w for w in said[start:] if w not in skip}


def same_promise(a: str, b: str, names: Sequence[str] = ()) -> bool:
    """Whether two promises are one said twice ("send her the focaccia recipe" and "Send Maya
    my focaccia recipe"), ignoring verbs, pronouns, little words and ``names``."""
    left, right = _gist(a, names), _gist(b, names)
    if not left or not right:
        named = {w for name in names for w in words(name)}
        return [w for w in words(a) if w not in named] == [w for w in words(b) if w not in named]
    shared = len(left & right)
    return (
        shared / min(len(left), len(right)) >= SAME_PROMISE
        and shared / max(len(left), len(right)) >= SAME_PROMISE_BOTH
    )


def matching_promise(
    follow_ups: Sequence[FollowUp], text: str, names: Sequence[str] = ()
) -> int | None:
    """The position of the open follow-up that ``text`` repeats, if any."""
    for index, follow_up in enumerate(follow_ups):
        if not follow_up.done and same_promise(follow_up.text, text, names):
            return index
    return None
