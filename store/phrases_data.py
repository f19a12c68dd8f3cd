"""The Helper pane's lines: conversation starters and kind, honest exit lines.

Each line is a :class:`LineTemplate` with a ``generic`` text (always usable) and, when the line
can mention something the person cares about, a ``with_topic`` text. Placeholders:

* ``{topic}`` -- one of the person's topics, rendered readably (only in ``with_topic``).
* ``{first}`` -- the person's first name, written only as a leading ``"{first}, "`` or as
  ``", {first}"`` so the line still reads naturally when nobody is selected (the name and its
  comma are then dropped).

Starters put recreation before occupation: ``work`` lines come last in every cycle. Exit lines
are honest: no invented calls or emergencies, only reasons and intentions that can be true.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineTemplate:
    """One helper line: a generic text and, optionally, a text that mentions a topic."""

    category: str
    generic: str
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


def _lines(category: str, *pairs: tuple[str, str | None]) -> list[LineTemplate]:
    return [LineTemplate(category, generic, topic) for generic, topic in pairs]


STARTERS: tuple[LineTemplate, ...] = (
    *_lines(
        "interest",
        (
            "{first}, what do you enjoy doing when you're not at events like this?",
            "{first}, how did you get into {topic}?",
        ),
        (
            "What's something you're looking forward to this month, {first}?",
            "What's the best thing about {topic} that people don't expect, {first}?",
        ),
        (
            "Have you read, watched or listened to anything lately that stuck with you?",
            "Is there a book, show or podcast about {topic} you'd recommend?",
        ),
        (
            "{first}, what do you do to switch off after a long day?",
            "{first}, is {topic} how you switch off after a long day?",
        ),
        ("Have you picked up a new hobby recently?", "How long have you been into {topic}?"),
        (
            "What's the most fun you've had on a weekend lately, {first}?",
            "What does a really good weekend of {topic} look like for you, {first}?",
        ),
        (
            "Where's somewhere you've travelled that surprised you?",
            "Has {topic} ever taken you somewhere unexpected?",
        ),
        (
            "{first}, what were you into as a kid?",
            "{first}, were you into {topic} as a kid, or did it come later?",
        ),
        (
            "Is there something you'd love to learn if you had a free month?",
            "If you had a free month, how much of it would go to {topic}?",
        ),
        (
            "What's your favourite spot in your town?",
            "Where's the best place you know for {topic}?",
        ),
        (
            "Do you have a go-to tip for anyone visiting your city, {first}?",
            "Is there a community around {topic} where you live?",
        ),
        ("What kind of music has been on repeat for you lately?", None),
        (
            "What's something you're proud of that has nothing to do with work, {first}?",
            "What's something you're proud of in {topic}, {first}?",
        ),
        (
            "Was there a book series you loved growing up?",
            "What's a favourite memory of yours connected to {topic}?",
        ),
        (
            "Have you found anywhere good to eat around here?",
            "What's the hardest part of {topic} for a beginner?",
        ),
        (
            "What's a small thing that made your week better?",
            "What's the last thing that made you smile about {topic}?",
        ),
        (
            "{first}, what's a rabbit hole you've fallen down recently?",
            "{first}, what's the deepest {topic} rabbit hole you've fallen down?",
        ),
    ),
    *_lines(
        "follow-up",
        ("How did that come about?", "How did {topic} come into your life?"),
        (
            "What would you tell someone just starting out?",
            "What would you tell someone just starting out with {topic}?",
        ),
        ("{first}, what's the story behind that?", "{first}, what's your favourite {topic} story?"),
        (
            "What's been the highlight so far?",
            "What's been your highlight with {topic} so far?",
        ),
        (
            "What surprised you most about it?",
            "What surprised you most when you started {topic}?",
        ),
        ("Who got you into it?", "Who got you into {topic}?"),
        (
            "Is that something you do with friends, or more on your own?",
            "Is {topic} something you do with friends, or more on your own?",
        ),
        (
            "What's next for you with that, {first}?",
            "What's next for you with {topic}, {first}?",
        ),
        ("How do you make time for it?", "How do you make time for {topic}?"),
        (
            "What's one thing you wish more people knew about it?",
            "What's one thing you wish more people knew about {topic}?",
        ),
        ("What keeps you coming back to it?", "What keeps you coming back to {topic}?"),
    ),
    *_lines(
        "event",
        ("What brought you here today, {first}?", None),
        ("Which talk has been your favourite so far?", None),
        ("Is this your first time at this event?", None),
        (
            "Have you met anyone interesting today?",
            "Have you met anyone else here who's into {topic}?",
        ),
        ("What are you hoping to take home from today?", None),
        ("How are you finding the day so far, {first}?", None),
        ("Is there a session later that you're looking forward to?", None),
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
            "{first}, it was great hearing about your {topic}. I'm going to jot down your "
            "tips before I forget them.",
        ),
        (
            "Thank you, {first}, this was one of the best conversations I've had today. "
            "I'm going to grab a coffee and let it sink in.",
            "Thank you for the {topic} stories, {first}. I'm going to grab a coffee before "
            "the next session.",
        ),
        (
            "I'm really glad we talked, {first}. I'd like to say hello to a few more people "
            "before the day ends.",
            "I'm really glad we talked about {topic}, {first}. I'd like to say hello to a few "
            "more people before the day ends.",
        ),
        (
            "This was lovely, thank you. I'm going to catch the next talk, but I'll be "
            "thinking about what you said.",
            None,
        ),
        (
            "Thanks for sharing all that, {first}. I want to look up what you mentioned "
            "while it's fresh.",
            "Thanks for sharing your love of {topic}, {first}. I want to look it up properly "
            "while it's fresh.",
        ),
        (
            "{first}, you've given me a lot to think about. I'm going to step outside for "
            "some air and mull it over.",
            None,
        ),
        (
            "It's been a real pleasure, {first}. I promised myself I'd meet a few new people "
            "today, so I'll keep going.",
            None,
        ),
        (
            "I'm so glad I came over to say hello. I'm going to take a quiet minute before "
            "the next session.",
            "I'm so glad we found {topic} in common. I'm going to take a quiet minute before "
            "the next session.",
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
            "{first}, there's someone here I think you'd really get along with. Can I "
            "introduce you?",
            "{first}, I know someone here who's into {topic} too. Shall I introduce you?",
        ),
        (
            "Have you met anyone from the organising team yet? Let me take you over to say hello.",
            None,
        ),
        (
            "I'd love you to meet a friend of mine. Will you come and say hi with me?",
            "A friend of mine would love to hear about {topic}. Will you come and say hi with me?",
        ),
        (
            "{first}, I'm going over to catch up with a colleague. Would you like to come "
            "and meet them?",
            None,
        ),
        (
            "Shall we join that group over there? I know a couple of people in it and I "
            "think you'd enjoy them.",
            None,
        ),
        (
            "You might like to meet this morning's speaker. Shall we go and find them together?",
            None,
        ),
        (
            "{first}, is there anyone here you were hoping to meet? I might be able to "
            "introduce you.",
            None,
        ),
        (
            "I can think of someone who'd love this conversation. Let me introduce you two, "
            "{first}.",
            "I can think of someone who'd love to talk {topic} with you. Let me introduce "
            "you two, {first}.",
        ),
    ),
    *_lines(
        "next-step",
        (
            "{first}, I'd love to keep talking. Shall we swap details and get a coffee sometime?",
            "{first}, I'd love to hear more about {topic}. Shall we swap details and get a "
            "coffee sometime?",
        ),
        (
            "Can I get your email? I'll send you a note so we stay in touch.",
            None,
        ),
        ("Let's stay in touch. What's the best way to reach you, {first}?", None),
        (
            "Shall we pick this up over lunch one day? I'll message you to find a time.",
            "Shall we pick up the {topic} talk over lunch one day? I'll message you to find "
            "a time.",
        ),
        (
            "I'll send you a short message tomorrow so we have each other's details. Is "
            "email good for you?",
            None,
        ),
        (
            "{first}, would you be up for a call in a couple of weeks to carry this on?",
            "{first}, would you be up for a call in a couple of weeks to swap more {topic} ideas?",
        ),
        (
            "Let's swap numbers and find each other at the next meetup.",
            None,
        ),
        (
            "I'd like to follow up on this properly. Can I message you next week, {first}?",
            "I'd like to hear how your {topic} plans go. Can I message you next week, {first}?",
        ),
    ),
    *_lines(
        "not-monopolising",
        (
            "{first}, I don't want to monopolise you. There are lots of people here who'd "
            "love to talk to you.",
            None,
        ),
        ("I've kept you for a while. I'll let you go and meet some more people.", None),
        ("I don't want to take up your whole break, {first}. Thanks for the chat!", None),
        (
            "You probably came to meet lots of people, so I'll let you get on. This was great.",
            "I could talk about {topic} all day, but I don't want to keep you from everyone "
            "else here.",
        ),
        (
            "I'm aware I've taken up a lot of your time, {first}. Thank you for it.",
            None,
        ),
        ("Let me not keep you. Enjoy the rest of the day, {first}.", None),
        (
            "I won't hold you up any longer. It was really good to meet you, {first}.",
            "I won't hold you up any longer, but I'm glad I met a fellow {topic} fan.",
        ),
        (
            "I'll let you mingle. I hope we bump into each other again later, {first}.",
            None,
        ),
    ),
    *_lines(
        "practical",
        (
            "I'm going to grab some water before the next session. It was good to meet "
            "you, {first}.",
            None,
        ),
        (
            "I want to catch the start of the next talk, so I'll head over now. Lovely to "
            "meet you.",
            None,
        ),
        (
            "I'm going to find my colleagues before the next session. Great talking with "
            "you, {first}.",
            None,
        ),
        (
            "I'm going to get something to eat before it's all gone. Enjoy the rest of the day!",
            None,
        ),
        (
            "I need a short break before the next talk. Great to meet you, {first}.",
            "I need a short break before the next talk. Thanks for the {topic} tips, {first}.",
        ),
        (
            "I should head off to catch my train soon, so I'll say goodbye now. Thank you, "
            "{first}.",
            None,
        ),
        (
            "I'm going to charge my phone before the next session. Really nice talking to you.",
            None,
        ),
        (
            "I want to write up my notes from the last talk while I remember them. Thanks "
            "for the chat, {first}.",
            None,
        ),
    ),
)
