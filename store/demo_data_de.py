"""The German demo's content: events in Berlin, Vienna and Zürich, German notes and topics.

Like :mod:`hallway.store.demo_data`, written for the demo (not translated): the names come
mostly from German, Austrian and Swiss Faker locales, mixed with international ones; roles are
fields of work ("Softwareentwicklung", "UX-Design"), so they fit anyone without a gendered job
title. A sentence mentions a topic only where German keeps it in its bare form ("zum Thema
{topic}", "in Sachen {topic}"), as the helper's lines do; the topic is written as a German
writes it in a note (:data:`TOPIC_WORDS`, else the words with a capital first letter).

Promises say their due date the way people write them ("Playlist zum Thema Jazz bis Freitag
schicken"): the demo fills ``{when}`` with a phrase, and the date follows from that phrase
(:mod:`hallway.store.demo`), so a promise reads right whether or not the due-date reader takes
the phrase out of the text as it does for typed promises.
"""

from __future__ import annotations

from hallway.store.demo_data import Conference, DemoContent, Gathering
from hallway.store.text import GERMAN_MONTH_NAMES

TOPICS: tuple[str, ...] = (
    "sauerteig",
    "bouldern",
    "die-drei-fragezeichen",
    "jazz",
    "chorsingen",
    "vogelbeobachtung",
    "stricken",
    "trailrunning",
    "brettspiele",
    "vinyl",
    "analogfotografie",
    "gärtnern",
    "imkerei",
    "schach",
    "eisbaden",
    "radfahren",
    "töpfern",
    "aquarell",
    "zimmerpflanzen",
    "fermentieren",
    "kaffeerösten",
    "tee",
    "ramen",
    "backen",
    "wandern",
    "zelten",
    "kajakfahren",
    "segeln",
    "skifahren",
    "skateboarden",
    "yoga",
    "marathon",
    "fußball",
    "handball",
    "eishockey",
    "pen-and-paper",
    "kreuzworträtsel",
    "science-fiction",
    "fantasyromane",
    "poetry-slam",
    "podcasts",
    "klavier",
    "gitarre",
    "ukulele",
    "salsa",
    "tango",
    "karaoke",
    "kabarett",
    "improtheater",
    "theater",
    "museen",
    "architektur",
    "urban-sketching",
    "astronomie",
    "pilzesammeln",
    "seeschwimmen",
    "schrebergarten",
    "katzen",
    "hunde",
    "interrail",
    "sprachenlernen",
    "origami",
    "lego",
    "videospiele",
    "retro-computer",
    "tischlern",
    "cocktails",
    "naturwein",
    "käse",
    "vegan-kochen",
    "scharfe-soßen",
    "kalligrafie",
    "sticken",
    "klettern",
    "oper",
    "k-pop",
    "anime",
    "comics",
    "ehrenamt",
    "parkrun",
    "wiener-kaffeehäuser",
    "schwingen",
)

# How a note writes a topic whose words are not simply capitalised.
TOPIC_WORDS: dict[str, str] = {
    "die-drei-fragezeichen": "Die drei ???",
    "pen-and-paper": "Pen-and-Paper",
    "science-fiction": "Science-Fiction",
    "poetry-slam": "Poetry-Slam",
    "urban-sketching": "Urban Sketching",
    "retro-computer": "Retro-Computer",
    "vegan-kochen": "veganes Kochen",
    "scharfe-soßen": "scharfe Soßen",
    "k-pop": "K-Pop",
    "wiener-kaffeehäuser": "Wiener Kaffeehäuser",
    "open-source": "Open Source",
    "ux-research": "UX-Research",
    "it-sicherheit": "IT-Sicherheit",
    "maschinelles-lernen": "maschinelles Lernen",
}

YOUR_TOPICS: tuple[str, ...] = ("sauerteig", "bouldern", "jazz", "eisbaden", "brettspiele")

WORK_TOPICS: tuple[str, ...] = (
    "python",
    "rust",
    "datenschutz",
    "barrierefreiheit",
    "open-source",
    "devops",
    "ux-research",
    "typescript",
    "it-sicherheit",
    "maschinelles-lernen",
)

NAME_LOCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "given family": (
        ("de_DE", 30),
        ("de_AT", 14),
        ("de_CH", 12),
        ("fr_CH", 2),
        ("en_GB", 3),
        ("en_US", 3),
        ("fr_FR", 2),
        ("it_IT", 3),
        ("tr_TR", 5),
        ("pl_PL", 4),
        ("nl_NL", 2),
        ("es_ES", 2),
        ("uk_UA", 2),
        ("hi_IN", 2),
        ("ar_AA", 2),
        ("fa_IR", 1),
        ("he_IL", 1),
    ),
    "family given": (("ja_JP", 1),),
    "familygiven": (("zh_CN", 2), ("ko_KR", 1)),
}

ROLES: tuple[str, ...] = (
    "Data Engineering",
    "Promotion in Informatik",
    "Teamleitung Entwicklung",
    "UX-Design",
    "Developer Relations",
    "Backend-Entwicklung",
    "Frontend-Entwicklung",
    "Site Reliability Engineering",
    "Produktmanagement",
    "freiberufliche Beratung",
    "Open-Source-Maintainer",
    "CTO",
    "Forschung",
    "Lehramt",
    "Journalismus",
    "Gründung",
    "Informatikstudium",
    "Community-Management",
    "Technische Redaktion",
    "Qualitätssicherung",
    "IT-Sicherheit",
    "Machine Learning",
    "Bibliothekswesen",
    "Recruiting",
)

ORGS: tuple[str, ...] = (
    "Nordlicht Daten GmbH",
    "Blaureiher Labs",
    "Offenes Wissen e. V.",
    "Stadtbibliothek Leipzig",
    "Universität Wien",
    "Kleiner Garten Studio",
    "Krake Analytics AG",
    "Alpenblick Software",
)

LIVE_SERIES = "DevDays Wien"
LIVE_PLACE = "Austria Center Wien"

CONFERENCES: tuple[Conference, ...] = (
    Conference(LIVE_SERIES, LIVE_PLACE, 4, 17, 3, 4.0),
    Conference("Barcamp Zürich", "Kraftwerk, Zürich", 10, 3, 2, 3.5),
    Conference("Datenfest Hamburg", "Kampnagel, Hamburg", 9, 10, 2, 3.0),
    Conference("Open-Source-Tage Leipzig", "Kongresshalle am Zoo, Leipzig", 6, 5, 2, 2.5),
    Conference("Schweizer Datentage", "Kursaal Bern", 5, 20, 2, 2.5),
    Conference("Gemeinwohl-Tech Köln", "Gürzenich, Köln", 11, 12, 2, 2.0),
)

# Every gap is over 31 days, so no two editions share a month (their names stay unique).
GATHERINGS: tuple[Gathering, ...] = (
    Gathering("Python-Meetup Berlin", "Betahaus, Berlin", 42, 5, 1.0),
    Gathering("Stammtisch Daten & Design", "Café Sperl, Wien", 63, 19, 0.8),
    Gathering("Frauen in der Technik – Empfang", "Rotes Rathaus, Berlin", 182, 40, 1.5),
    Gathering("Rust & Tee", "Impact Hub, Zürich", 91, 12, 0.8),
)

NOTES: tuple[str, ...] = (
    "Ist seit Jahren mit Begeisterung beim Thema {topic} dabei.",
    "Hat eine tolle Geschichte zum Thema {topic} erzählt.",
    "Hat mir ein Buch zum Thema {topic} empfohlen.",
    "Will bei der Arbeit einen Treff zum Thema {topic} gründen.",
    "Organisiert sonntags einen kleinen Treff zum Thema {topic}.",
    "Hat gefragt, wie ich zum Thema {topic} gekommen bin.",
    "Kennt in Sachen {topic} die ganze Szene der Stadt.",
    "War gerade ein ganzes Wochenende in Sachen {topic} unterwegs.",
    "Schreibt einen kleinen Newsletter zum Thema {topic}.",
    "Wir haben zehn Minuten lang Tipps in Sachen {topic} getauscht.",
    "Sehr herzlich; hatte für alle Zeit, die dazukamen.",
    "Zieht im Frühjahr nach Lissabon.",
    "Fand die Keynote genauso gut wie ich.",
    "Wir haben über die Schlange am Kaffeestand gelacht.",
)

# Promises: ``{when}`` is where the due phrase goes (see DUE_PHRASES in the demo).
FOLLOW_UPS: tuple[str, ...] = (
    "Focaccia-Rezept {when} schicken",
    "Podcast zum Thema {topic} {when} schicken",
    "Sam {when} vorstellen, der sich auch fürs Thema {topic} begeistert",
    "Link zu meinen Vortragsfolien {when} schicken",
    "Buch zum Thema {topic} {when} vorbeibringen",
    "Einladung zum nächsten Meetup {when} schicken",
    "Playlist zum Thema {topic} {when} schicken",
    "Fotos vom Abend {when} teilen",
)

# Due phrases and the days they mean from the day the promise was made ("fri": the next
# Friday after it). At the live event only the near ones, so every open promise is due soon.
LIVE_DUE_PHRASES: tuple[tuple[str, int | str], ...] = (
    ("morgen", 1),
    ("übermorgen", 2),
    ("in drei Tagen", 3),
)
PAST_DUE_PHRASES: tuple[tuple[str, int | str], ...] = (
    *LIVE_DUE_PHRASES,
    ("bis Freitag", "fri"),
    ("nächste Woche", 7),
)

GAVE: tuple[str, ...] = (
    "Focaccia-Rezept geschickt",
    "Mit Leuten bekannt gemacht, die sich fürs Thema {topic} begeistern",
    "Feedback zum Konferenzvortrag gegeben",
    "Buch zum Thema {topic} geliehen",
    "Meine Notizen von der Keynote geteilt",
    "Für einen Vortragsslot empfohlen",
)

RECEIVED: tuple[str, ...] = (
    "Ein großartiges Buch zum Thema {topic} empfohlen",
    "Mich der Teamleitung vorgestellt",
    "Feedback zu meinem Lebenslauf gegeben",
    "Fotos vom Meetup geschickt",
    "Zu einem Abend rund ums Thema {topic} eingeladen",
    "Beim Debuggen eines Packaging-Problems geholfen",
)

INTERACTION_NOTES: dict[str, tuple[str, ...]] = {
    "coffee": (
        "Kaffee in der Nähe vom Büro.",
        "Langer Kaffee; fast nur übers Thema {topic} geredet.",
        "",
    ),
    "call": (
        "Kurz telefoniert, um auf dem Laufenden zu bleiben.",
        "Telefoniert; ging vor allem ums Thema {topic}.",
        "",
    ),
    "message": ("Einen Link zum Thema {topic} geschickt.", "Zum neuen Job gratuliert.", ""),
    "met again": (
        "Uns bei einem Meetup wieder über den Weg gelaufen.",
        "Bei einem Abend rund ums Thema {topic} wiedergesehen.",
        "",
    ),
}

CONTACT_NOTES: tuple[str, ...] = (
    "Schreibt lieber Nachrichten, als zu telefonieren.",
    "Hat zwei Kinder und eine sehr alte Katze.",
    "Geht lieber spazieren, als im Besprechungsraum zu sitzen.",
    "Kennt sich in Sachen {topic} bestens aus; nach den besten Adressen fragen.",
)

GERMAN = DemoContent(
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
    known_promise="Buch zum Thema {topic} vorbeibringen",
    month_names=GERMAN_MONTH_NAMES,
    topic_words=TOPIC_WORDS,
    capitalise_topics=True,
    live_due_phrases=LIVE_DUE_PHRASES,
    past_due_phrases=PAST_DUE_PHRASES,
)
