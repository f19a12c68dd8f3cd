"""The Helper pane's lines in German, each in two forms: ``du`` and ``Sie``.

Written in German for German-speaking events (a meetup in Berlin, a conference in Vienna), not
translated word for word from :mod:`hallway.store.phrases_data`; the categories, placeholders
and rules are the same as there, plus what German grammar asks for:

* **No line mixes du and Sie.** Each entry below gives the du line and the Sie line side by
  side, so both forms say the same kind of thing, and each reads as a whole in its own form.
* **Sie lines never use the first name**: at a German-speaking event nobody combines Sie with a
  first name ("Maya, was machen Sie...") -- that is the "Hamburger Sie" and sounds odd. Du
  lines may, as a leading ``"{first}, "`` or a ``", {first}"`` (dropped when nobody is
  selected).
* **A topic is never inflected.** German would need its article, case and number ("am
  Bouldern", "an den Katzen", "beim Jazz"), which Hallway cannot know for a typed topic, so a
  topic only ever stands where it keeps its bare form: after "Thema" ("zum Thema {topic}",
  "übers Thema {topic}"), after "Stichwort" at the start of a sentence, or after "in Sachen".
  All three read right with a mass noun (Sauerteig), an activity (Bouldern), a plural
  (Katzen), a name (Jazz) or a title ("Die drei ???").
* As in English: no line assumes what Hallway cannot know (the time of day, talks, breaks,
  colleagues, that you share an interest), starters put recreation before work, and exit lines
  are honest -- no invented calls or emergencies.
"""

from __future__ import annotations

from hallway.store.phrases_data import LineTemplate
from hallway.store.records import ADDRESS_FORMS

FORMS: tuple[str, ...] = ADDRESS_FORMS

# What each category is for, in a few words under the line (the same in both forms).
CATEGORY_LABELS: dict[str, str] = {
    "interest": "über das, was begeistert",
    "follow-up": "um mehr zu erfahren",
    "event": "über den Anlass hier",
    "work": "über die Arbeit",
    "appreciation": "danken, dann gehen",
    "bridge": "jemanden vorstellen",
    "next-step": "einen nächsten Schritt vorschlagen",
    "not-monopolising": "Raum für andere lassen",
    "practical": "ein einfacher Grund zu gehen",
}

# One line in both forms: (du generic, du with topic), (Sie generic, Sie with topic).
_Form = tuple[str | None, str | None]
_Entry = tuple[_Form, _Form]


def _lines(category: str, *entries: _Entry) -> dict[str, list[LineTemplate]]:
    return {
        "du": [LineTemplate(category, du[0], du[1]) for du, _sie in entries],
        "sie": [LineTemplate(category, sie[0], sie[1]) for _du, sie in entries],
    }


_STARTERS = (
    _lines(
        "interest",
        (
            (
                "{first}, was machst du am liebsten, wenn du nicht gerade auf so einer "
                "Veranstaltung bist?",
                "{first}, wie bist du eigentlich zum Thema {topic} gekommen?",
            ),
            (
                "Was machen Sie am liebsten, wenn Sie nicht gerade auf so einer Veranstaltung "
                "sind?",
                "Wie sind Sie eigentlich zum Thema {topic} gekommen?",
            ),
        ),
        (
            (
                "Worauf freust du dich in nächster Zeit, {first}?",
                "Was begeistert dich beim Thema {topic} am meisten, {first}?",
            ),
            (
                "Worauf freuen Sie sich in nächster Zeit?",
                "Was begeistert Sie beim Thema {topic} am meisten?",
            ),
        ),
        (
            (
                "Hast du in letzter Zeit etwas gelesen, gesehen oder gehört, das dich nicht "
                "mehr loslässt?",
                "Stichwort {topic}: Hast du einen Tipp, was ich dazu lesen oder anschauen sollte?",
            ),
            (
                "Haben Sie in letzter Zeit etwas gelesen, gesehen oder gehört, das Sie nicht "
                "mehr loslässt?",
                "Stichwort {topic}: Haben Sie einen Tipp, was ich dazu lesen oder ansehen sollte?",
            ),
        ),
        (
            ("{first}, wie schaltest du nach einem langen Tag am besten ab?", None),
            ("Wie schalten Sie nach einem langen Tag am besten ab?", None),
        ),
        (
            (
                "Hast du in letzter Zeit ein neues Hobby angefangen?",
                "Seit wann beschäftigst du dich schon mit dem Thema {topic}?",
            ),
            (
                "Haben Sie in letzter Zeit ein neues Hobby angefangen?",
                "Seit wann beschäftigen Sie sich schon mit dem Thema {topic}?",
            ),
        ),
        (
            ("Was hat dir in letzter Zeit am Wochenende richtig Spaß gemacht, {first}?", None),
            ("Was hat Ihnen in letzter Zeit am Wochenende richtig Spaß gemacht?", None),
        ),
        (
            ("Welcher Ort hat dich auf Reisen schon mal richtig überrascht?", None),
            ("Welcher Ort hat Sie auf Reisen schon einmal richtig überrascht?", None),
        ),
        (
            ("{first}, wofür hast du dich als Kind begeistert?", None),
            ("Wofür haben Sie sich als Kind begeistert?", None),
        ),
        (
            ("Was würdest du gern lernen, wenn du einen Monat frei hättest?", None),
            ("Was würden Sie gern lernen, wenn Sie einen Monat frei hätten?", None),
        ),
        (
            ("Was ist dein Lieblingsort da, wo du wohnst?", None),
            ("Was ist Ihr Lieblingsort dort, wo Sie wohnen?", None),
        ),
        (
            ("Hast du einen Geheimtipp für Leute, die mal in deine Gegend kommen, {first}?", None),
            ("Haben Sie einen Geheimtipp für Leute, die einmal in Ihre Gegend kommen?", None),
        ),
        (
            ("Welche Musik läuft bei dir gerade in Dauerschleife?", None),
            ("Welche Musik läuft bei Ihnen gerade in Dauerschleife?", None),
        ),
        (
            ("Gibt es etwas abseits der Arbeit, worauf du so richtig stolz bist, {first}?", None),
            ("Gibt es etwas abseits der Arbeit, worauf Sie richtig stolz sind?", None),
        ),
        (
            ("Welche Bücher hast du als Kind verschlungen?", None),
            ("Welche Bücher haben Sie als Kind verschlungen?", None),
        ),
        (
            ("Kennst du hier in der Nähe was Gutes zum Essen?", None),
            ("Kennen Sie hier in der Nähe etwas Gutes zum Essen?", None),
        ),
        (
            ("Worüber hast du dich in den letzten Tagen so richtig gefreut?", None),
            ("Worüber haben Sie sich in den letzten Tagen so richtig gefreut?", None),
        ),
        (
            (
                "{first}, in welches Thema hast du dich zuletzt so richtig reingefuchst?",
                "{first}, was hast du zuletzt Neues zum Thema {topic} herausgefunden?",
            ),
            (
                "In welches Thema haben Sie sich zuletzt so richtig vertieft?",
                "Was haben Sie zuletzt Neues zum Thema {topic} herausgefunden?",
            ),
        ),
        (
            ("Wie sieht für dich ein perfekter Sonntag aus, {first}?", None),
            ("Wie sieht für Sie ein perfekter Sonntag aus?", None),
        ),
    ),
    _lines(
        "follow-up",
        (
            (None, "Was hat dich am Thema {topic} zuerst gereizt?"),
            (None, "Was hat Sie am Thema {topic} zuerst gereizt?"),
        ),
        (
            (None, "Was würdest du jemandem raten, der mit dem Thema {topic} anfangen will?"),
            (None, "Was würden Sie jemandem raten, der mit dem Thema {topic} anfangen möchte?"),
        ),
        (
            (None, "{first}, hast du eine Lieblingsanekdote zum Thema {topic}?"),
            (None, "Haben Sie eine Lieblingsanekdote zum Thema {topic}?"),
        ),
        (
            (None, "Was war bisher dein Highlight in Sachen {topic}?"),
            (None, "Was war bisher Ihr Highlight in Sachen {topic}?"),
        ),
        (
            (None, "Was hat dich beim Thema {topic} am meisten überrascht?"),
            (None, "Was hat Sie beim Thema {topic} am meisten überrascht?"),
        ),
        (
            (None, "Wer oder was hat dich aufs Thema {topic} gebracht?"),
            (None, "Wer oder was hat Sie auf das Thema {topic} gebracht?"),
        ),
        (
            (
                None,
                "Bist du in Sachen {topic} eher mit anderen unterwegs oder ist das dein "
                "eigenes Ding?",
            ),
            (
                None,
                "Sind Sie in Sachen {topic} eher mit anderen unterwegs oder ist das Ihr "
                "eigenes Ding?",
            ),
        ),
        (
            (None, "Was hast du in Sachen {topic} als Nächstes vor, {first}?"),
            (None, "Was haben Sie in Sachen {topic} als Nächstes vor?"),
        ),
        (
            (None, "Wie viel Platz hat das Thema {topic} in deinem Alltag?"),
            (None, "Wie viel Platz hat das Thema {topic} in Ihrem Alltag?"),
        ),
        (
            (None, "Was sollten mehr Leute übers Thema {topic} wissen, findest du?"),
            (None, "Was sollten mehr Leute über das Thema {topic} wissen, finden Sie?"),
        ),
        (
            (None, "Was hält dich beim Thema {topic} bei der Stange?"),
            (None, "Was hält Sie beim Thema {topic} bei der Stange?"),
        ),
        (
            (None, "Gibt es in Sachen {topic} etwas, das du unbedingt noch ausprobieren willst?"),
            (None, "Gibt es in Sachen {topic} etwas, das Sie unbedingt noch ausprobieren möchten?"),
        ),
    ),
    _lines(
        "event",
        (("Was führt dich hierher, {first}?", None), ("Was führt Sie hierher?", None)),
        (
            ("Ist dir hier bisher etwas besonders aufgefallen?", None),
            ("Ist Ihnen hier bisher etwas besonders aufgefallen?", None),
        ),
        (("Bist du zum ersten Mal hier?", None), ("Sind Sie zum ersten Mal hier?", None)),
        (
            (
                "Hast du hier schon jemand Interessantes kennengelernt?",
                "Hast du hier schon jemanden gefunden, mit dem du übers Thema {topic} reden "
                "kannst?",
            ),
            (
                "Haben Sie hier schon jemand Interessantes kennengelernt?",
                "Haben Sie hier schon jemanden gefunden, mit dem Sie über das Thema {topic} "
                "sprechen können?",
            ),
        ),
        (
            ("Was möchtest du von hier mitnehmen?", None),
            ("Was möchten Sie von hier mitnehmen?", None),
        ),
        (("Wie gefällt es dir bisher, {first}?", None), ("Wie gefällt es Ihnen bisher?", None)),
        (
            ("Gibt es hier noch etwas, worauf du dich freust?", None),
            ("Gibt es hier noch etwas, worauf Sie sich freuen?", None),
        ),
        (
            ("Kennst du hier schon viele Leute, oder ist alles neu für dich?", None),
            ("Kennen Sie hier schon viele Leute, oder ist alles neu für Sie?", None),
        ),
    ),
    _lines(
        "work",
        (
            ("Gibt es gerade ein Projekt, das dir richtig Spaß macht?", None),
            ("Gibt es gerade ein Projekt, das Ihnen richtig Spaß macht?", None),
        ),
        (
            ("Woran tüftelst du gerade am liebsten?", None),
            ("Woran tüfteln Sie gerade am liebsten?", None),
        ),
        (
            ("Wie bist du zu dem gekommen, was du jetzt machst, {first}?", None),
            ("Wie sind Sie zu dem gekommen, was Sie jetzt machen?", None),
        ),
        (
            ("Was an deiner Arbeit würden die meisten gar nicht vermuten?", None),
            ("Was an Ihrer Arbeit würden die meisten gar nicht vermuten?", None),
        ),
        (
            (
                "Welchen Teil deiner Arbeit würdest du auch umsonst machen?",
                "Hat deine Arbeit eigentlich etwas mit dem Thema {topic} zu tun?",
            ),
            (
                "Welchen Teil Ihrer Arbeit würden Sie auch umsonst machen?",
                "Hat Ihre Arbeit eigentlich etwas mit dem Thema {topic} zu tun?",
            ),
        ),
        (
            ("Was hat sich in deinem Bereich in den letzten Jahren am meisten verändert?", None),
            ("Was hat sich in Ihrem Bereich in den letzten Jahren am meisten verändert?", None),
        ),
        (
            ("Was lernst du gerade Neues, {first}?", None),
            ("Was lernen Sie gerade Neues?", None),
        ),
    ),
)

_EXITS = (
    _lines(
        "appreciation",
        (
            (
                "{first}, das hat mir richtig Spaß gemacht. Ich schreib mir kurz auf, was du "
                "erzählt hast, bevor ich es vergesse.",
                "{first}, danke für alles, was du zum Thema {topic} erzählt hast. Ich schreib's "
                "mir kurz auf, bevor ich es vergesse.",
            ),
            (
                "Das hat mir wirklich Freude gemacht. Ich notiere mir kurz, was Sie erzählt "
                "haben, bevor ich es vergesse.",
                "Danke für alles, was Sie zum Thema {topic} erzählt haben. Ich notiere es mir "
                "kurz, bevor ich es vergesse.",
            ),
        ),
        (
            (
                "Danke, {first}, das war ein richtig schönes Gespräch. Ich hol mir jetzt einen "
                "Kaffee und lass das ein bisschen sacken.",
                "Danke für den Ausflug ins Thema {topic}, {first}. Ich hol mir jetzt einen "
                "Kaffee und lass das ein bisschen sacken.",
            ),
            (
                "Vielen Dank, das war ein wirklich schönes Gespräch. Ich hole mir jetzt einen "
                "Kaffee und lasse das ein wenig sacken.",
                "Vielen Dank für den Ausflug ins Thema {topic}. Ich hole mir jetzt einen Kaffee "
                "und lasse das ein wenig sacken.",
            ),
        ),
        (
            (
                "Schön, dass wir ins Gespräch gekommen sind, {first}. Ich will noch ein paar "
                "anderen Leuten Hallo sagen, solange ich hier bin.",
                "Schön, dass wir übers Thema {topic} ins Gespräch gekommen sind, {first}. Ich "
                "will noch ein paar anderen Leuten Hallo sagen, solange ich hier bin.",
            ),
            (
                "Schön, dass wir ins Gespräch gekommen sind. Ich möchte noch ein paar anderen "
                "Leuten Hallo sagen, solange ich hier bin.",
                "Schön, dass wir über das Thema {topic} ins Gespräch gekommen sind. Ich möchte "
                "noch ein paar anderen Leuten Hallo sagen, solange ich hier bin.",
            ),
        ),
        (
            (
                "Danke dir, das war schön. Ich dreh jetzt eine kleine Runde und lass alles auf "
                "mich wirken.",
                None,
            ),
            (
                "Vielen Dank, das war sehr schön. Ich drehe jetzt eine kleine Runde und lasse "
                "alles auf mich wirken.",
                None,
            ),
        ),
        (
            (
                "Danke, dass du so viel erzählt hast, {first}. Ich will mir gleich anschauen, "
                "was du erwähnt hast, solange es noch frisch ist.",
                "Danke für die Einblicke in Sachen {topic}, {first}. Ich will mir das gleich "
                "genauer anschauen, solange es noch frisch ist.",
            ),
            (
                "Danke, dass Sie so viel erzählt haben. Ich möchte mir gleich ansehen, was Sie "
                "erwähnt haben, solange es noch frisch ist.",
                "Danke für die Einblicke in Sachen {topic}. Ich möchte mir das gleich genauer "
                "ansehen, solange es noch frisch ist.",
            ),
        ),
        (
            (
                "{first}, du hast mir echt viel zum Nachdenken gegeben. Ich geh kurz an die "
                "frische Luft und lass mir das durch den Kopf gehen.",
                None,
            ),
            (
                "Sie haben mir wirklich viel zum Nachdenken gegeben. Ich gehe kurz an die "
                "frische Luft und lasse mir das durch den Kopf gehen.",
                None,
            ),
        ),
        (
            (
                "Das war richtig nett, {first}. Ich hab mir vorgenommen, hier noch ein paar "
                "neue Leute kennenzulernen, also zieh ich mal weiter.",
                None,
            ),
            (
                "Es hat mich sehr gefreut. Ich habe mir vorgenommen, hier noch ein paar neue "
                "Leute kennenzulernen, deshalb ziehe ich jetzt weiter.",
                None,
            ),
        ),
        (
            (
                "Das war ein richtig gutes Gespräch. Ich gönn mir jetzt kurz eine ruhige Minute, "
                "bevor ich mich wieder ins Getümmel stürze.",
                "Ich hab in Sachen {topic} viel von dir gelernt, danke. Ich gönn mir jetzt kurz "
                "eine ruhige Minute, bevor ich mich wieder ins Getümmel stürze.",
            ),
            (
                "Das war ein wirklich gutes Gespräch. Ich gönne mir jetzt kurz eine ruhige "
                "Minute, bevor ich mich wieder ins Getümmel stürze.",
                "Ich habe in Sachen {topic} viel von Ihnen gelernt, vielen Dank. Ich gönne mir "
                "jetzt kurz eine ruhige Minute, bevor ich mich wieder ins Getümmel stürze.",
            ),
        ),
        (
            (
                "Danke für deine Zeit, {first}. Ich will in Ruhe über das nachdenken, was du "
                "gesagt hast, bevor ich mit jemand anderem rede.",
                None,
            ),
            (
                "Danke für Ihre Zeit. Ich möchte in Ruhe über das nachdenken, was Sie gesagt "
                "haben, bevor ich mit jemand anderem spreche.",
                None,
            ),
        ),
    ),
    _lines(
        "bridge",
        (
            (
                "{first}, gibt es hier jemanden, den du gern kennenlernen würdest? Vielleicht "
                "kann ich euch bekannt machen.",
                "{first}, magst du hier noch jemanden kennenlernen, der sich fürs Thema {topic} "
                "interessiert? Ich kann mich mal umhören.",
            ),
            (
                "Gibt es hier jemanden, den Sie gern kennenlernen würden? Vielleicht kann ich "
                "Sie miteinander bekannt machen.",
                "Möchten Sie hier noch jemanden kennenlernen, der sich für das Thema {topic} "
                "interessiert? Ich kann mich gern umhören.",
            ),
        ),
        (
            (
                "Wollen wir zusammen das Orga-Team suchen? Ich will mich bei denen bedanken, "
                "und ich glaube, du würdest die Leute mögen.",
                None,
            ),
            (
                "Wollen wir zusammen das Organisationsteam suchen? Ich möchte mich gern "
                "bedanken, und ich glaube, Sie würden die Leute mögen.",
                None,
            ),
        ),
        (
            (
                "Ich würde dich gern jemandem vorstellen, den ich hier kenne. Kommst du kurz "
                "mit, Hallo sagen?",
                "Ich kenne hier jemanden, der gern mehr übers Thema {topic} hören würde. Kommst "
                "du kurz mit, Hallo sagen?",
            ),
            (
                "Ich würde Sie gern jemandem vorstellen, den ich hier kenne. Kommen Sie kurz mit?",
                "Ich kenne hier jemanden, der gern mehr über das Thema {topic} hören würde. "
                "Kommen Sie kurz mit?",
            ),
        ),
        (
            (
                "{first}, ich geh kurz rüber zu jemandem, den ich kenne. Magst du mitkommen?",
                None,
            ),
            (
                "Ich gehe kurz zu jemandem hinüber, den ich kenne. Möchten Sie mitkommen?",
                None,
            ),
        ),
        (
            (
                "Wollen wir uns zu der Gruppe da drüben stellen? Ich glaube, die würden dir "
                "gefallen.",
                None,
            ),
            (
                "Wollen wir uns zu der Gruppe dort drüben gesellen? Ich glaube, die würden "
                "Ihnen gefallen.",
                None,
            ),
        ),
        (
            (
                "Ich kenne jemanden, mit dem du dich bestimmt gut verstehen würdest, {first}. "
                "Soll ich euch bekannt machen?",
                None,
            ),
            (
                "Ich kenne jemanden, mit dem Sie sich bestimmt gut verstehen würden. Darf ich "
                "Sie miteinander bekannt machen?",
                None,
            ),
        ),
        (
            (
                "Mir fällt jemand ein, dem dieses Gespräch gefallen würde. Komm, ich stell "
                "euch vor, {first}.",
                "Mir fällt jemand ein, der sich bestimmt gern mit dir übers Thema {topic} "
                "unterhalten würde. Komm, ich stell euch vor, {first}.",
            ),
            (
                "Mir fällt jemand ein, dem dieses Gespräch gefallen würde. Ich mache Sie gern "
                "miteinander bekannt.",
                "Mir fällt jemand ein, der sich bestimmt gern mit Ihnen über das Thema {topic} "
                "unterhalten würde. Ich mache Sie gern miteinander bekannt.",
            ),
        ),
    ),
    _lines(
        "next-step",
        (
            (
                "{first}, ich würde gern weiterreden. Wollen wir Kontakte tauschen und mal "
                "einen Kaffee trinken gehen?",
                "{first}, ich würde gern mehr übers Thema {topic} hören. Wollen wir Kontakte "
                "tauschen und mal einen Kaffee trinken gehen?",
            ),
            (
                "Ich würde mich gern weiter mit Ihnen unterhalten. Wollen wir Kontaktdaten "
                "austauschen und bei Gelegenheit einen Kaffee trinken?",
                "Ich würde gern mehr über das Thema {topic} hören. Wollen wir Kontaktdaten "
                "austauschen und bei Gelegenheit einen Kaffee trinken?",
            ),
        ),
        (
            (
                "Gibst du mir deine Mailadresse? Ich schreib dir kurz, damit wir in Kontakt "
                "bleiben.",
                None,
            ),
            (
                "Darf ich Ihre E-Mail-Adresse haben? Ich schreibe Ihnen kurz, damit wir in "
                "Kontakt bleiben.",
                None,
            ),
        ),
        (
            ("Lass uns in Kontakt bleiben. Wie erreiche ich dich am besten, {first}?", None),
            ("Lassen Sie uns in Kontakt bleiben. Wie erreiche ich Sie am besten?", None),
        ),
        (
            (
                "Wollen wir das mal bei einem Mittagessen fortsetzen? Ich meld mich, dann "
                "finden wir einen Termin.",
                "Wollen wir das Thema {topic} mal bei einem Mittagessen vertiefen? Ich meld "
                "mich, dann finden wir einen Termin.",
            ),
            (
                "Wollen wir das bei einem Mittagessen fortsetzen? Ich melde mich, dann finden "
                "wir einen Termin.",
                "Wollen wir das Thema {topic} bei einem Mittagessen vertiefen? Ich melde mich, "
                "dann finden wir einen Termin.",
            ),
        ),
        (
            (
                "Ich schick dir morgen eine kurze Nachricht, dann hast du meine Kontaktdaten "
                "gleich mit. Passt dir E-Mail?",
                None,
            ),
            (
                "Ich schicke Ihnen morgen eine kurze Nachricht, dann haben Sie auch gleich "
                "meine Kontaktdaten. Ist E-Mail für Sie in Ordnung?",
                None,
            ),
        ),
        (
            (
                "{first}, hättest du Lust, in ein, zwei Wochen mal zu telefonieren und da "
                "weiterzumachen?",
                "{first}, hättest du Lust, in ein, zwei Wochen mal zu telefonieren und übers "
                "Thema {topic} weiterzureden?",
            ),
            (
                "Hätten Sie Lust, in ein, zwei Wochen zu telefonieren und das Gespräch "
                "fortzusetzen?",
                "Hätten Sie Lust, in ein, zwei Wochen zu telefonieren und über das Thema "
                "{topic} weiterzusprechen?",
            ),
        ),
        (
            ("Lass uns Nummern tauschen, dann verlieren wir uns nicht aus den Augen.", None),
            (
                "Wollen wir Nummern austauschen? Dann verlieren wir uns nicht aus den Augen.",
                None,
            ),
        ),
        (
            (
                "Ich würde da gern richtig dranbleiben. Darf ich mich nächste Woche bei dir "
                "melden, {first}?",
                "Mich interessiert, wie es bei dir in Sachen {topic} weitergeht. Darf ich mich "
                "nächste Woche melden, {first}?",
            ),
            (
                "Ich würde da gern dranbleiben. Darf ich mich nächste Woche bei Ihnen melden?",
                "Mich interessiert, wie es bei Ihnen in Sachen {topic} weitergeht. Darf ich "
                "mich nächste Woche melden?",
            ),
        ),
        (
            (
                "Wollen wir uns online vernetzen? Ich würde gern mitbekommen, was du so "
                "machst, {first}.",
                None,
            ),
            (
                "Wollen wir uns online vernetzen? Ich würde gern mitbekommen, was Sie so machen.",
                None,
            ),
        ),
    ),
    _lines(
        "not-monopolising",
        (
            (
                "{first}, ich will dich nicht für mich allein beanspruchen. Hier sind bestimmt "
                "viele, die gern mit dir reden würden.",
                None,
            ),
            (
                "Ich möchte Sie nicht für mich allein beanspruchen. Hier sind bestimmt viele, "
                "die sich gern mit Ihnen unterhalten würden.",
                None,
            ),
        ),
        (
            (
                "Ich hab dich jetzt eine ganze Weile in Beschlag genommen. Ich lass dich mal "
                "weiterziehen.",
                None,
            ),
            (
                "Ich habe Sie jetzt eine ganze Weile in Beschlag genommen. Jetzt lasse ich Sie "
                "aber weiterziehen.",
                None,
            ),
        ),
        (
            (
                "Ich will nicht deine ganze Zeit hier in Anspruch nehmen, {first}. Danke fürs "
                "Gespräch!",
                None,
            ),
            (
                "Ich möchte nicht Ihre ganze Zeit hier in Anspruch nehmen. Danke für das Gespräch!",
                None,
            ),
        ),
        (
            (
                "Du willst bestimmt noch viele Leute treffen, da will ich nicht im Weg stehen. "
                "Das war toll.",
                "Ich könnte ewig übers Thema {topic} reden, aber ich will dich nicht von allen "
                "anderen hier abhalten.",
            ),
            (
                "Sie möchten bestimmt noch viele Leute treffen, da will ich nicht im Weg "
                "stehen. Das war sehr schön.",
                "Ich könnte ewig über das Thema {topic} sprechen, aber ich möchte Sie nicht von "
                "allen anderen hier abhalten.",
            ),
        ),
        (
            (
                "Ich hab dir ganz schön viel Zeit geklaut, {first}. Danke, dass du dich darauf "
                "eingelassen hast.",
                None,
            ),
            (
                "Ich habe Ihnen ganz schön viel Zeit gestohlen. Danke, dass Sie sich darauf "
                "eingelassen haben.",
                None,
            ),
        ),
        (
            (
                "Ich will dich nicht länger aufhalten. Mach's gut, {first}!",
                None,
            ),
            (
                "Ich möchte Sie nicht länger aufhalten. Machen Sie's gut!",
                None,
            ),
        ),
        (
            (
                "Dann will ich dich nicht länger festhalten. Es war richtig schön, mit dir zu "
                "reden, {first}.",
                "Dann will ich dich nicht länger festhalten. Schön, dass wir übers Thema "
                "{topic} reden konnten!",
            ),
            (
                "Dann möchte ich Sie nicht länger festhalten. Es war wirklich schön, mit Ihnen "
                "zu sprechen.",
                "Dann möchte ich Sie nicht länger festhalten. Schön, dass wir über das Thema "
                "{topic} sprechen konnten!",
            ),
        ),
        (
            (
                "Misch dich ruhig unter die Leute. Vielleicht laufen wir uns später noch mal "
                "über den Weg, {first}.",
                None,
            ),
            (
                "Mischen Sie sich ruhig unter die Leute. Vielleicht laufen wir uns später noch "
                "einmal über den Weg.",
                None,
            ),
        ),
    ),
    _lines(
        "practical",
        (
            ("Ich hol mir kurz ein Wasser. Schön, dass wir geredet haben, {first}.", None),
            ("Ich hole mir kurz ein Wasser. Schön, dass wir gesprochen haben.", None),
        ),
        (
            ("Ich hol mir jetzt was zu essen. Dir noch viel Spaß hier!", None),
            ("Ich hole mir jetzt etwas zu essen. Ich wünsche Ihnen noch eine schöne Zeit!", None),
        ),
        (
            (
                "Ich brauch kurz einen Moment für mich. Schön, mit dir geredet zu haben, {first}.",
                "Ich brauch kurz einen Moment für mich. Danke für den Einblick ins Thema "
                "{topic}, {first}.",
            ),
            (
                "Ich brauche kurz einen Moment für mich. Schön, mit Ihnen gesprochen zu haben.",
                "Ich brauche kurz einen Moment für mich. Danke für den Einblick in das Thema "
                "{topic}.",
            ),
        ),
        (
            (
                "Ich will mir schnell ein paar Notizen machen, solange ich alles noch weiß. Danke "
                "fürs Gespräch, {first}.",
                None,
            ),
            (
                "Ich möchte mir schnell ein paar Notizen machen, solange ich alles noch weiß. "
                "Danke für das Gespräch.",
                None,
            ),
        ),
        (
            (
                "Ich mach mich bald auf den Weg, deshalb verabschiede ich mich jetzt schon. "
                "Danke dir, {first}.",
                None,
            ),
            (
                "Ich mache mich bald auf den Weg, deshalb verabschiede ich mich jetzt schon. "
                "Vielen Dank!",
                None,
            ),
        ),
        (
            ("Ich geh mal ein paar Minuten raus, Luft schnappen. Hat mich echt gefreut!", None),
            (
                "Ich gehe ein paar Minuten raus, frische Luft schnappen. Hat mich sehr gefreut!",
                None,
            ),
        ),
        (
            (
                "Ich schau kurz auf meine Nachrichten. Schön, dass wir uns unterhalten haben, "
                "{first}.",
                None,
            ),
            (
                "Ich sehe kurz nach meinen Nachrichten. Schön, dass wir uns unterhalten haben.",
                None,
            ),
        ),
    ),
)


def _join(groups: tuple[dict[str, list[LineTemplate]], ...], form: str) -> tuple[LineTemplate, ...]:
    return tuple(line for group in groups for line in group[form])


STARTERS: dict[str, tuple[LineTemplate, ...]] = {form: _join(_STARTERS, form) for form in FORMS}
EXITS: dict[str, tuple[LineTemplate, ...]] = {form: _join(_EXITS, form) for form in FORMS}
