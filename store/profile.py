"""Your own interests, and which of someone's interests you really share.

A contact's topics are what *they* talked about. An interest is shared only when it is also
yours: the topics you mark as your own live in a small profile kept with the database
(:meth:`~hallway.store.db.Store.profile`), travel in the JSON export, and are compared the
way topics are stored (lower case, ``#`` and accents as typed). So a contact's detail can say
"Interests you share: sourdough" and "Their interests: bouldering, jazz" rather than call
everything shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hallway.store.capture_line import is_topic_char, normalise_topic
from hallway.store.db import Store
from hallway.store.errors import HallwayError
from hallway.store.i18n import _
from hallway.store.records import MAX_FIELD, Contact, Profile


@dataclass(frozen=True)
class Interests:
    """Someone's topics, split: those you share (they are yours too), and theirs alone;
    each in the order they were talked about."""

    shared: list[str]
    theirs: list[str]


def your_topics(store: Store) -> list[str]:
    """The topics you marked as your own, in the order you marked them."""
    return store.profile().topics


def is_yours(store: Store, topic: str) -> bool:
    """Whether you marked this topic as your own."""
    return _topic(topic) in your_topics(store)


def mark_yours(store: Store, topic: str) -> list[str]:
    """Mark a topic as your own (``#sea-swimming`` or ``sea-swimming``); your topics after.
    Text that is not a topic is refused with a plain message, saving nothing."""
    wanted = _topic(topic)

    def add(profile: Profile) -> None:
        if wanted not in profile.topics:
            profile.topics.append(wanted)

    return store.update_profile(add).topics


def unmark_yours(store: Store, topic: str) -> list[str]:
    """A topic is no longer one of yours; your topics after."""
    unwanted = _topic(topic)

    def remove(profile: Profile) -> None:
        profile.topics = [t for t in profile.topics if t != unwanted]

    return store.update_profile(remove).topics


def toggle_yours(store: Store, topic: str) -> bool:
    """Mark a topic as yours, or unmark it if it was; whether it is yours now."""
    if is_yours(store, topic):
        unmark_yours(store, topic)
        return False
    mark_yours(store, topic)
    return True


def split_interests(topics: Sequence[str], yours: Sequence[str]) -> Interests:
    """Split someone's topics into those you share and theirs alone."""
    mine = set(yours)
    return Interests(
        shared=[t for t in topics if t in mine],
        theirs=[t for t in topics if t not in mine],
    )


def interests(store: Store, contact: Contact) -> Interests:
    """A contact's interests: the ones you share, and theirs alone."""
    return split_interests(contact.topics, your_topics(store))


def _topic(text: str) -> str:
    topic = normalise_topic(text.strip())
    if not topic or not all(map(is_topic_char, topic)) or len(topic) > MAX_FIELD:
        raise HallwayError(
            _('"{text}" is not a topic; topics are single words like #sea-swimming.').format(
                text=text.strip()
            )
        )
    return topic
