"""Curated content for demo data: interests, roles, event series and short sentences.

Faker supplies names and organisations; everything that should read like a real hallway
conversation lives here. Text templates use ``{topic}`` (a readable topic) and are filled by
plain replacement in :mod:`hallway.store.demo` -- they never see user text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hallway.store.text import MONTH_NAMES, readable_topic

# Non-work interests, stored the way the capture grammar stores topics.
TOPICS: tuple[str, ...] = (
    "sourdough",
    "bouldering",
    "baby-sitters-club",
    "jazz",
    "jazz-nights",
    "birding",
    "knitting",
    "trail-running",
    "board-games",
    "vinyl",
    "film-photography",
    "gardening",
    "beekeeping",
    "chess",
    "sea-swimming",
    "cycling",
    "pottery",
    "watercolour",
    "houseplants",
    "fermentation",
    "coffee-roasting",
    "tea",
    "ramen",
    "baking",
    "hiking",
    "camping",
    "kayaking",
    "sailing",
    "surfing",
    "skateboarding",
    "yoga",
    "marathons",
    "football",
    "basketball",
    "cricket",
    "tabletop-rpg",
    "crosswords",
    "sci-fi",
    "fantasy-novels",
    "poetry",
    "podcasts",
    "choir",
    "piano",
    "guitar",
    "ukulele",
    "salsa-dancing",
    "tango",
    "karaoke",
    "stand-up-comedy",
    "improv",
    "theatre",
    "museums",
    "architecture",
    "urban-sketching",
    "astronomy",
    "mushroom-foraging",
    "wild-swimming",
    "allotment",
    "cats",
    "dogs",
    "interrailing",
    "language-learning",
    "origami",
    "lego",
    "video-games",
    "retro-computing",
    "woodworking",
    "cocktails",
    "natural-wine",
    "cheese",
    "vegan-cooking",
    "hot-sauce",
    "dim-sum",
    "calligraphy",
    "embroidery",
    "rock-climbing",
    "bird-photography",
    "opera",
    "k-pop",
    "anime",
    "comics",
    "volunteering",
    "parkrun",
)

# The demo's "you": the interests you marked as your own, so some are shared.
YOUR_TOPICS: tuple[str, ...] = ("sourdough", "bouldering", "jazz", "sea-swimming", "board-games")

# A few work topics: they appear, but less often than interests.
WORK_TOPICS: tuple[str, ...] = (
    "python",
    "rust",
    "data-engineering",
    "machine-learning",
    "open-source",
    "accessibility",
    "devops",
    "ux-research",
    "typescript",
    "security",
)

# Faker locales and their share of people, by how a full name is written.
NAME_LOCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "given family": (
        ("en_US", 10),
        ("en_GB", 6),
        ("de_DE", 8),
        ("fr_FR", 6),
        ("sv_SE", 3),
        ("es_ES", 4),
        ("pt_BR", 4),
        ("it_IT", 3),
        ("nl_NL", 3),
        ("pl_PL", 3),
        ("tr_TR", 2),
        ("uk_UA", 2),
        ("el_GR", 1),
        ("hi_IN", 3),
        ("ar_AA", 2),
        ("fa_IR", 1),
        ("he_IL", 2),
    ),
    "family given": (("ja_JP", 3),),
    "familygiven": (("zh_CN", 4), ("ko_KR", 2)),
}

ROLES: tuple[str, ...] = (
    "data engineer",
    "PhD student",
    "engineering manager",
    "designer",
    "developer advocate",
    "backend developer",
    "frontend developer",
    "site reliability engineer",
    "product manager",
    "freelance consultant",
    "open-source maintainer",
    "CTO",
    "researcher",
    "teacher",
    "journalist",
    "founder",
    "student",
    "community organiser",
    "technical writer",
    "QA engineer",
    "security engineer",
    "ML engineer",
    "librarian",
    "recruiter",
)

ORGS: tuple[str, ...] = (
    "Acme Robotics",
    "Northwind Data",
    "Blue Heron Labs",
    "Open Knowledge Lab",
    "City Library",
    "University of Leipzig",
    "Tiny Garden Studio",
    "Kraken Analytics",
)


@dataclass(frozen=True)
class Conference:
    """A yearly event series; one edition per year."""

    name: str
    place: str
    month: int
    day: int
    days: int
    weight: float


@dataclass(frozen=True)
class Gathering:
    """A one-evening series (meetup or reception) held every ``every_days`` days."""

    name: str
    place: str
    every_days: int
    offset_days: int
    weight: float


# The live event is this series' edition for the current year; earlier editions are past.
LIVE_SERIES = "PyCon Berlin"
LIVE_PLACE = "bcc Berlin Congress Center"

CONFERENCES: tuple[Conference, ...] = (
    Conference(LIVE_SERIES, LIVE_PLACE, 4, 17, 3, 4.0),
    Conference("EuroPython", "Prague Congress Centre", 7, 14, 5, 4.0),
    Conference("FOSDEM", "ULB Solbosch, Brussels", 2, 1, 2, 3.0),
    Conference("DjangoCon Europe", "Dublin", 6, 5, 3, 2.5),
    Conference("PyData London", "Tower Hotel, London", 6, 14, 3, 2.5),
    Conference("Open Source Summit", "Vienna", 9, 16, 3, 3.0),
)

# Every gap is over 31 days, so no two editions share a month (their names stay unique).
GATHERINGS: tuple[Gathering, ...] = (
    Gathering("Berlin Python Meetup", "Betahaus, Berlin", 42, 5, 1.0),
    Gathering("Data Drinks", "Café Linnea, Lisbon", 63, 19, 0.8),
    Gathering("Women in Tech reception", "Rotes Rathaus, Berlin", 182, 40, 1.5),
    Gathering("Rust & Tea", "De Hallen, Amsterdam", 91, 12, 0.8),
)

NOTES: tuple[str, ...] = (
    "Loves {topic}; has been at it for years.",
    "Told me a great story about {topic}.",
    "Recommended a book about {topic}.",
    "Wants to start a club for {topic} at work.",
    "Runs a small {topic} meetup on Sundays.",
    "Asked what got me into {topic}.",
    "Knows everyone in the local {topic} scene.",
    "Just back from a weekend of {topic}.",
    "Writes a tiny newsletter about {topic}.",
    "We swapped {topic} tips for ten minutes.",
    "Very kind; made time for everyone who came over.",
    "Moving to Lisbon in the spring.",
    "Loved the keynote as much as I did.",
    "We laughed about the queue for coffee.",
)

FOLLOW_UPS: tuple[str, ...] = (
    "send my focaccia recipe",
    "share the {topic} podcast I mentioned",
    "introduce them to Sam, who also loves {topic}",
    "send the link to my talk slides",
    "lend them my book about {topic}",
    "invite them to the next meetup",
    "send the {topic} playlist",
    "share the photos from the evening",
)

GAVE: tuple[str, ...] = (
    "Sent my focaccia recipe",
    "Introduced them to friends who love {topic}",
    "Reviewed their conference talk",
    "Lent a book about {topic}",
    "Shared my notes from the keynote",
    "Recommended them for a speaker slot",
)

RECEIVED: tuple[str, ...] = (
    "Recommended a great book about {topic}",
    "Introduced me to their team lead",
    "Gave feedback on my CV",
    "Sent photos from the meetup",
    "Invited me to an evening of {topic}",
    "Helped me debug a packaging problem",
)

INTERACTION_NOTES: dict[str, tuple[str, ...]] = {
    "coffee": ("Coffee near their office.", "Long coffee; mostly talked about {topic}.", ""),
    "call": ("Quick call to catch up.", "Called about the {topic} trip.", ""),
    "message": ("Sent a link about {topic}.", "Congratulated them on the new job.", ""),
    "met again": ("Bumped into each other at a meetup.", "Met again at an evening of {topic}.", ""),
}

CONTACT_NOTES: tuple[str, ...] = (
    "Prefers messages to calls.",
    "Has two kids and a very old cat.",
    "Always up for a walk instead of a meeting.",
    "Knows a lot about {topic}; ask about the best places.",
)


@dataclass(frozen=True)
class DemoContent:
    """Everything a demo in one language is made of (:data:`ENGLISH`, and the German demo's
    in :mod:`hallway.store.demo_data_de`)."""

    topics: tuple[str, ...]
    your_topics: tuple[str, ...]
    work_topics: tuple[str, ...]
    name_locales: Mapping[str, tuple[tuple[str, int], ...]]
    roles: tuple[str, ...]
    orgs: tuple[str, ...]
    live_series: str
    live_place: str
    conferences: tuple[Conference, ...]
    gatherings: tuple[Gathering, ...]
    notes: tuple[str, ...]
    follow_ups: tuple[str, ...]
    gave: tuple[str, ...]
    received: tuple[str, ...]
    interaction_notes: Mapping[str, tuple[str, ...]]
    contact_notes: tuple[str, ...]
    known_promise: str
    month_names: tuple[str, ...]
    # How a sentence writes a topic: these exceptions, else its words (capitalised, in German).
    topic_words: Mapping[str, str] = field(default_factory=dict)
    capitalise_topics: bool = False
    # Promises that say their due date: ``{when}`` in a follow-up becomes one of these phrases,
    # with the days it means (or "fri": the next Friday). Empty: the date is not in the text.
    live_due_phrases: tuple[tuple[str, int | str], ...] = ()
    past_due_phrases: tuple[tuple[str, int | str], ...] = ()

    def words(self, topic: str) -> str:
        """A topic as this language writes it in a sentence."""
        if topic in self.topic_words:
            return self.topic_words[topic]
        words = readable_topic(topic)
        return words[:1].upper() + words[1:] if self.capitalise_topics else words


ENGLISH = DemoContent(
    topics=TOPICS,
    your_topics=YOUR_TOPICS,
    work_topics=WORK_TOPICS,
    name_locales=NAME_LOCALES,
    roles=ROLES,
    orgs=ORGS,
    live_series=LIVE_SERIES,
    live_place=LIVE_PLACE,
    conferences=CONFERENCES,
    gatherings=GATHERINGS,
    notes=NOTES,
    follow_ups=FOLLOW_UPS,
    gave=GAVE,
    received=RECEIVED,
    interaction_notes=INTERACTION_NOTES,
    contact_notes=CONTACT_NOTES,
    known_promise="lend them my book about {topic}",
    month_names=MONTH_NAMES,
)
