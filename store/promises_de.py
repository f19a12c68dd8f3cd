"""German promises in what was typed, worded as German reminders (see :mod:`hallway.store.promises`
for the English ones and the rules both follow).

Recognised, whatever language the app speaks (notes are written in whichever the conversation
was in):

* **versprochen**, with you (or nobody) as the one who promised: "Focaccia-Rezept versprochen",
  "hab ihr mein Rezept versprochen", "habe versprochen, ihr die Folien zu schicken". Someone
  else's promise ("sie hat versprochen", "er hat mir versprochen") is not yours to keep.
* **the present or future of a giving verb**, which German uses for a promise: "ich schicke ihr
  das Rezept", "schick ich ihm morgen den Link", "ich werde ihr die Folien schicken", "muss ihm
  noch das Buch leihen"; calls and writing too ("ich rufe sie an", "schreibe ihm").
* Negatives ("nicht", "kein …", "nie") are no promise.

**A reminder** says what and to whom, in the infinitive, as a German to-do list does: "Das
Rezept an Maya schicken" (giving), "Maya das Buch leihen", "Maya anrufen", "Maya
schreiben"; a thing alone stays as typed ("Focaccia-Rezept an Maya schicken"). A due phrase in
it ("bis Freitag") becomes the due date and leaves the text, as in English.
"""

from __future__ import annotations

import re
from functools import cache

# Conjugated forms (ich ..., and the short spoken ones) -> the infinitive of the reminder.
_GIVING = {
    "schicke": "schicken",
    "schick": "schicken",
    "schicken": "schicken",
    "sende": "senden",
    "senden": "senden",
    "maile": "mailen",
    "mailen": "mailen",
    "leihe": "leihen",
    "leih": "leihen",
    "leihen": "leihen",
    "weiterleiten": "weiterleiten",
}
_WRITING = {"schreibe": "schreiben", "schreib": "schreiben", "schreiben": "schreiben"}
_CALLING = {"rufe": "anrufen", "ruf": "anrufen", "anrufen": "anrufen"}
_VERBS = {**_GIVING, **_WRITING, **_CALLING}
_VERB_GROUP = "|".join(sorted((re.escape(v) for v in _VERBS), key=len, reverse=True))

# The person the promise is for, as a pronoun (dative or accusative).
_PERSON = r"(?:ihr|ihm|ihnen|sie|ihn|dir|dich|euch)"
# Where a clause may start inside a sentence: after a comma or dash, "und", "dann", "also".
_CLAUSE = r"(?:^|[,:;–—-]\s*|\b(?:und|dann|also|aber)\s+)"
# "ich werde / muss / soll / will / möchte", or nothing (a note often drops the "ich").
_MODAL = r"(?:(?:ich|wir)\s+)?(?:werde|werden|muss|müssen|soll|sollte|will|möchte|wollte)\s+"
_NEGATIVE = re.compile(r"\b(?:nicht|nie|niemals|kein\w*)\b", re.IGNORECASE)
# Someone else as the one promising, or you as the one promised to.
_NOT_MINE = re.compile(
    r"\b(?:hat|haben\s+(?:sie|die)|hatte|mir|uns)\s+(?:\S+\s+)*?versprochen\b"
    r"|\b(?:sie|er|es)\s+(?:hat|will|wird|schickt|sendet)\b",
    re.IGNORECASE,
)


def compile_patterns() -> None:
    """Compile the German promise grammar now (it compiles on first use otherwise)."""
    _patterns()


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compiled when first needed."""
    return {
        # "[hab(e) / ich habe / hab ich] [ihr] X versprochen"
        "promised": re.compile(
            _CLAUSE
            + r"(?:(?:ich\s+)?hab(?:e)?\s+(?:ich\s+)?|wir\s+haben\s+)?"
            + r"(?P<rest>[^,;:.]*?)\s*\bversprochen\b(?P<after>.*)",
            re.IGNORECASE,
        ),
        # "versprochen, ihr X zu schicken"
        "to_verb": re.compile(
            r"^\s*,?\s*(?P<rest>[^,;.]*?)\s*\bzu\s+(?P<verb>" + _VERB_GROUP + r")\b",
            re.IGNORECASE,
        ),
        # "ich schicke ihr X" / "schicke ihr X" / "schick ich ihr X"
        "present": re.compile(
            _CLAUSE
            + r"(?:(?:ich|wir)\s+)?(?P<verb>"
            + _VERB_GROUP
            + r")\b(?:\s+(?:ich|wir))?\s+(?P<rest>\S.*)",
            re.IGNORECASE,
        ),
        # "ich werde ihr X schicken", "muss ihm noch X leihen"
        "modal": re.compile(
            _CLAUSE + _MODAL + r"(?P<rest>[^,;.]*?)\s*\b(?P<verb>" + _VERB_GROUP + r")\b",
            re.IGNORECASE,
        ),
    }


def reminder_from(sentence: str, first_name: str) -> str | None:
    """A German sentence's promise of yours worded as a reminder, or None if it holds none."""
    if _NEGATIVE.search(sentence) or _NOT_MINE.search(sentence):
        return None
    patterns = _patterns()
    match = patterns["promised"].search(sentence)
    if match:
        to_verb = patterns["to_verb"].match(match.group("after"))
        if to_verb:
            return _worded(to_verb.group("verb"), to_verb.group("rest"), first_name)
        return _worded("schicken", match.group("rest"), first_name) if match.group("rest") else None
    match = patterns["modal"].search(sentence)
    if match and match.group("rest").strip():
        return _worded(match.group("verb"), match.group("rest"), first_name)
    match = patterns["present"].search(sentence)
    if match:
        rest = match.group("rest")
        verb = match.group("verb").casefold()
        if verb not in _GIVING and not re.match(_PERSON + r"\b", rest, re.IGNORECASE):
            return None  # "ich schreibe Bücher": writing or calling needs the person
        if verb in _CALLING:
            rest = re.sub(r"\s*\ban\b[.!]?\s*$", "", rest)  # "rufe sie an": the particle
        return _worded(match.group("verb"), rest, first_name)
    return None


def _worded(verb: str, rest: str, first_name: str) -> str | None:
    """ "schicke" + "ihr das Rezept" -> "Das Rezept an Maya schicken"; "rufe" + "sie" ->
    "Maya anrufen"; "schreibe" + "ihm" -> "Maya schreiben"."""
    infinitive = _VERBS.get(verb.casefold(), verb.casefold())
    thing = _tidy(re.sub(r"^(?:" + _PERSON + r"|noch|mal|gleich)\b\s*", "", rest, flags=re.I))
    thing = _tidy(re.sub(r"^(?:" + _PERSON + r"|noch|mal|gleich)\b\s*", "", thing, flags=re.I))
    if first_name.strip():
        thing = _tidy(re.sub(r"^" + re.escape(first_name) + r"\b\s*", "", thing))
    name = first_name.strip()
    if infinitive in ("anrufen", "schreiben") and not thing:
        return _capital(f"{name} {infinitive}") if name else None
    if not thing:
        return None
    if not name:
        return _capital(f"{thing} {infinitive}")
    if infinitive in ("schreiben", "leihen"):  # the person in the dative: "Maya das Buch leihen"
        return _capital(f"{name} {thing} {infinitive}")
    return _capital(f"{thing} an {name} {infinitive}")


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(".,;:!? ")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# Words that say nothing about *what* was promised (for telling two promises apart).
FILLER = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "mein",
        "meine",
        "meinen",
        "meinem",
        "dein",
        "deine",
        "ihr",
        "ihre",
        "ihren",
        "ihrem",
        "ihm",
        "ihn",
        "ihnen",
        "sie",
        "er",
        "es",
        "ich",
        "wir",
        "an",
        "für",
        "mit",
        "zu",
        "von",
        "und",
        "noch",
        "mal",
        "auch",
        "gleich",
        "bis",
        "hab",
        "habe",
        "haben",
        "werde",
        "muss",
        "soll",
        "will",
        "versprochen",
    ]
)
VERBS = frozenset(_VERBS) | frozenset(_VERBS.values())
