"""The Helper pane's lines: conversation starters and kind, honest exit lines.

Each line is a :class:`LineTemplate` with a ``generic`` text and, when the line can mention
something the person cares about, a ``with_topic`` text. A line whose question only makes sense
about something ("What surprised you most about it?") has no generic text: it is offered only
for someone with a topic. Placeholders:

* ``{topic}`` -- one of the person's topics, rendered as words ("sea swimming"; only in
  ``with_topic``).
* ``{first}`` -- the person's first name, written only as a leading ``"{first}, "`` or as
  ``", {first}"`` so the line still reads naturally when nobody is selected (the name and its
  comma are then dropped).

How the lines are written (each was read aloud with several kinds of topic in it):

* **A topic can be anything**: an activity ("sea swimming"), a thing ("cats", "jazz"), a book
  series, a language, a place ("boulderbar"). So a line only ever speaks *about* it ("What do
  you enjoy most about {topic}?", "your story with {topic}"), never treats it as an activity
  ("were you into {topic} as a kid", "a weekend of {topic}"), as a kind of person ("a fellow
  {topic} fan") or as a possession ("your {topic}").
* **No line assumes a fact Hallway cannot know**: the time of day ("this morning", "the rest
  of the day"), what the event has (talks, sessions, speakers, a break), who else is there
  (colleagues), how you travel, or that you share an interest ("so glad we found {topic} in
  common") -- only that you are both at an event.
* Starters put recreation before occupation: ``work`` lines come last in every cycle. Exit
  lines are honest: no invented calls or emergencies, only reasons and intentions that can be
  true.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineTemplate:
    """One helper line: a generic text (None: offered only for someone with a topic) and,
    optionally, a text that mentions a topic."""

    category: str
    generic: str | None
    with_topic: str | None = None


# Drawn in this order of preference: the first three mix freely, "work" comes last.
STARTER_CATEGORIES: tuple[str, ...] = ("interest", "follow-up", "event", "work")
EXIT_CATEGORIES: tuple[str, ...] = (
    "appreciation",
    "bridge",
    "next-step",
    "not-monopolising",
    "practical",
)


# What each category is for, in a few words shown under the line (the helper's "why").
CATEGORY_LABELS: dict[str, str] = {
    "interest": "about what they enjoy",
    "follow-up": "to hear more about it",
    "event": "about being here",
    "work": "about their work",
    "appreciation": "thank them, then go",
    "bridge": "introduce them to someone",
    "next-step": "suggest a next step",
    "not-monopolising": "free them to meet others",
    "practical": "a simple reason to go",
}


def _lines(category: str, *pairs: tuple[str | None, str | None]) -> list[LineTemplate]:
    return [LineTemplate(category, generic, topic) for generic, topic in pairs]


STARTERS: tuple[LineTemplate, ...] = (
    *_lines(
        "interest",
        (
            "{first}, what do you enjoy doing when you're not at events like this?",
            "{first}, what's your story with {topic}?",
        ),
        (
            "What's something you're looking forward to this month, {first}?",
            "What do you enjoy most about {topic}, {first}?",
        ),
        (
            "Have you read, watched or listened to anything lately that stuck with you?",
            "Is there anything about {topic} you'd recommend I read or watch?",
        ),
        ("{first}, what do you do to switch off after a long day?", None),
        ("Have you picked up a new hobby recently?", "Where did your interest in {topic} start?"),
        ("What's the most fun you've had on a weekend lately, {first}?", None),
        ("Where's somewhere you've travelled that surprised you?", None),
        ("{first}, what were you into as a kid?", None),
        ("Is there something you'd love to learn if you had a free month?", None),
        ("What's your favourite spot in your town?", None),
        ("Do you have a go-to tip for anyone visiting your city, {first}?", None),
        ("What kind of music has been on repeat for you lately?", None),
        ("What's something you're proud of that has nothing to do with work, {first}?", None),
        ("Was there a book series you loved growing up?", None),
        ("Have you found anywhere good to eat around here?", None),
        ("What's a small thing that made your week better?", None),
        (
            "{first}, what's a rabbit hole you've fallen down recently?",
            "{first}, what's the latest thing you've found out about {topic}?",
        ),
    ),
    *_lines(
        "follow-up",
        (None, "What first drew you to {topic}?"),
        (None, "What would you tell someone who's curious about {topic}?"),
        (None, "{first}, what's your favourite story about {topic}?"),
        (None, "What's been your best moment with {topic} so far?"),
        (None, "What surprised you most about {topic}?"),
        (None, "Who first got you interested in {topic}?"),
        (None, "Do you enjoy {topic} with friends, or is it more your own thing?"),
        (None, "What's next for you with {topic}, {first}?"),
        (None, "How do you make time for {topic}?"),
        (None, "What's one thing you wish more people knew about {topic}?"),
        (None, "What keeps you coming back to {topic}?"),
    ),
    *_lines(
        "event",
        ("What brought you here, {first}?", None),
        ("Has anything here stood out for you so far?", None),
        ("Is this your first time at this event?", None),
        (
            "Have you met anyone interesting so far?",
            "Have you found anyone else here to talk about {topic} with?",
        ),
        ("What are you hoping to take away from this?", None),
        ("How are you finding it so far, {first}?", None),
        ("Is there anything coming up here that you're looking forward to?", None),
    ),
    *_lines(
        "work",
        ("What are you working on these days that you're enjoying?", None),
        ("What's the most interesting problem on your plate at the moment?", None),
        ("How did you end up doing what you do, {first}?", None),
        ("What's something about your work that people would find surprising?", None),
        (
            "What's a part of your job you'd happily do for free?",
            "Does your work ever overlap with {topic}?",
        ),
        ("What's changed most in your field over the last few years?", None),
        ("What are you learning at the moment, {first}?", None),
    ),
)

EXITS: tuple[LineTemplate, ...] = (
    *_lines(
        "appreciation",
        (
            "{first}, I've really enjoyed this. I'm going to write down what you told me "
            "before I forget it.",
            "{first}, I really enjoyed hearing about {topic}. I'm going to write down what you "
            "told me before I forget it.",
        ),
        (
            "Thank you, {first}, I've really enjoyed talking with you. I'm going to grab a "
            "coffee and let it sink in.",
            "Thank you for everything you told me about {topic}, {first}. I'm going to grab a "
            "coffee and let it sink in.",
        ),
        (
            "I'm really glad we talked, {first}. I'd like to say hello to a few more people "
            "while I'm here.",
            "I'm really glad we talked about {topic}, {first}. I'd like to say hello to a few "
            "more people while I'm here.",
        ),
        ("Thank you, this was lovely. I'm going to wander for a bit and take it all in.", None),
        (
            "Thanks for sharing all that, {first}. I want to look up what you mentioned "
            "while it's fresh.",
            "Thanks for telling me about {topic}, {first}. I want to look it up properly "
            "while it's fresh.",
        ),
        (
            "{first}, you've given me a lot to think about. I'm going to step outside for "
            "some air and mull it over.",
            None,
        ),
        (
            "It's been a real pleasure, {first}. I promised myself I'd meet a few new people "
            "here, so I'll keep going.",
            None,
        ),
        (
            "I'm so glad we got talking. I'm going to take a quiet minute before I talk to "
            "anyone else.",
            "I'm so glad we got talking about {topic}. I'm going to take a quiet minute before "
            "I talk to anyone else.",
        ),
        (
            "Thank you for your time, {first}. I'd like to think over what you said before "
            "my next chat.",
            None,
        ),
    ),
    *_lines(
        "bridge",
        (
            "{first}, is there anyone here you were hoping to meet? I might be able to "
            "introduce you.",
            "{first}, would you like to meet someone else here who's interested in {topic}? "
            "I can ask around.",
        ),
        (
            "Shall we go and find the organisers? I'd like to thank them, and I think you'd "
            "enjoy meeting them.",
            None,
        ),
        (
            "I'd love you to meet a friend of mine. Will you come and say hi with me?",
            "A friend of mine would love to hear about {topic}. Will you come and say hi with me?",
        ),
        (
            "{first}, I'm going over to say hello to someone I know. Would you like to come "
            "and meet them?",
            None,
        ),
        ("Shall we join that group over there? I think you'd enjoy them.", None),
        ("There's someone here I think you'd get on with, {first}. Can I introduce you?", None),
        (
            "I can think of someone who'd love this conversation. Let me introduce you two, "
            "{first}.",
            "I can think of someone who'd love to talk about {topic} with you. Let me "
            "introduce you two, {first}.",
        ),
    ),
    *_lines(
        "next-step",
        (
            "{first}, I'd love to keep talking. Shall we swap details and get a coffee sometime?",
            "{first}, I'd love to hear more about {topic}. Shall we swap details and get a "
            "coffee sometime?",
        ),
        ("Can I get your email? I'll send you a note so we stay in touch.", None),
        ("Let's stay in touch. What's the best way to reach you, {first}?", None),
        (
            "Shall we pick this up over lunch one day? I'll message you to find a time.",
            "Shall we pick up our conversation about {topic} over lunch one day? I'll "
            "message you to find a time.",
        ),
        (
            "I'll send you a short message tomorrow so we have each other's details. Is "
            "email good for you?",
            None,
        ),
        (
            "{first}, would you be up for a call in a couple of weeks to carry this on?",
            "{first}, would you be up for a call in a couple of weeks to talk more about {topic}?",
        ),
        ("Let's swap numbers so we can find each other next time.", None),
        (
            "I'd like to follow up on this properly. Can I message you next week, {first}?",
            "I'd like to hear how things go with {topic}. Can I message you next week, {first}?",
        ),
        ("Could we connect online? I'd like to keep up with what you're doing, {first}.", None),
    ),
    *_lines(
        "not-monopolising",
        (
            "{first}, I don't want to monopolise you. There are lots of people here who'd "
            "love to talk to you.",
            None,
        ),
        ("I've kept you for a while. I'll let you go and meet some more people.", None),
        ("I don't want to take up all your time here, {first}. Thanks for the chat!", None),
        (
            "You probably came to meet lots of people, so I'll let you get on. This was great.",
            "I could talk about {topic} all day, but I don't want to keep you from everyone "
            "else here.",
        ),
        ("I'm aware I've taken up a lot of your time, {first}. Thank you for it.", None),
        ("Let me not keep you. Enjoy the rest of the event, {first}.", None),
        (
            "I won't hold you up any longer. It was really good to talk with you, {first}.",
            "I won't hold you up any longer, but I'm glad we got to talk about {topic}.",
        ),
        ("I'll let you mingle. I hope we bump into each other again later, {first}.", None),
    ),
    *_lines(
        "practical",
        ("I'm going to grab some water. It was good to talk with you, {first}.", None),
        ("I'm going to get something to eat. Enjoy the rest of the event!", None),
        (
            "I need a short break. Great to talk with you, {first}.",
            "I need a short break. Thanks for telling me about {topic}, {first}.",
        ),
        (
            "I want to write up my notes while I remember them. Thanks for the chat, {first}.",
            None,
        ),
        ("I'm going to head off soon, so I'll say goodbye now. Thank you, {first}.", None),
        ("I'm going to get some fresh air for a few minutes. Really nice talking to you.", None),
        (
            "I'd like to check my messages for a minute. It was lovely to talk with you, {first}.",
            None,
        ),
    ),
)
