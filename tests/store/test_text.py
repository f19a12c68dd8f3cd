"""visible(): typed text shown literally, never acting on the terminal; amount() wording;
role @ org as exports and screens show it."""

from __future__ import annotations

import pytest

from hallway.store.text import amount, role_at_org, visible, words

RLO, LRI, PDI, PDF = "\u202e", "\u2066", "\u2069", "\u202c"


def test_controls_become_visible_symbols() -> None:
    assert visible("a\x1b[31mred\x07") == "a␛[31mred␇"
    assert visible("one\ntwo\tthree") == "one␊two␉three"
    assert visible("one\ntwo\tthree", multiline=True) == "one\ntwo    three"
    assert visible("\x9b2J") == "⟨9B⟩2J"


def test_trojan_source_bidi_controls_are_shown_not_obeyed() -> None:
    # The classic: an override makes "access level" read as a comment on a bidi terminal.
    trojan = f'"user{RLO} {LRI}// Check if admin{PDI} {LRI}"'
    shown = visible(trojan)
    assert shown == '"user⟨202E⟩ ⟨2066⟩// Check if admin⟨2069⟩ ⟨2066⟩"'
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        assert visible(f"a{chr(code)}b") == f"a⟨{code:04X}⟩b"
    assert visible(f"x{PDF}y", multiline=True) == "x⟨202C⟩y"


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d👩\u200d👧",  # a family emoji: zero-width joiners hold it together
        "क्\u200dष",  # Devanagari with ZWJ
        "می\u200cخواهم",  # Persian with ZWNJ
        "abc\u200fשלום\u200e",  # RLM and LRM: plain marks, no reordering of what follows
        "李雷 Zoë Ångström محمد",
    ],
)
def test_joiners_marks_and_any_script_are_kept(text: str) -> None:
    assert visible(text) == text


def test_amount_words_counts_in_proper_english() -> None:
    assert amount(1, "backup") == "1 backup"
    assert amount(0, "backup") == "0 backups"
    assert amount(3, "saved change") == "3 saved changes"
    assert amount(2, "copy", "copies") == "2 copies"


def test_role_at_org_marks_a_lone_organisation_in_exports_only() -> None:
    assert role_at_org("data engineer", "Acme") == "data engineer @ Acme"
    assert role_at_org("data engineer", "") == "data engineer"
    assert role_at_org("", "Acme") == "@ Acme"
    assert role_at_org("", "Acme", mark_lone_org=False) == "Acme"
    assert role_at_org("data engineer", "Acme", mark_lone_org=False) == "data engineer @ Acme"
    assert role_at_org("", "") == role_at_org("", "", mark_lone_org=False) == ""


# -- words(): where search and matching split text ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maya Chen, data engineer @Acme #sourdough",
            ["maya", "chen", "data", "engineer", "acme", "sourdough"],
        ),
        ("محمد، علي؛ سارة؟", ["محمد", "علي", "سارة"]),  # Arabic comma, semicolon, question mark
        ("नमस्ते।धन्यवाद॥", ["नमस्ते", "धन्यवाद"]),  # Devanagari danda and double danda
        ("中文、日本語。「東京」！", ["中文", "日本語", "東京"]),  # CJK and full-width punctuation
        ("Привет—мир…«ёлка»", ["привет", "мир", "елка"]),  # em dash, ellipsis, guillemets
        ("שלום־עולם", ["שלום", "עולם"]),  # the Hebrew maqaf
        ("baby-sitters-club a+b=c $5 ^_^", ["baby", "sitters", "club", "a", "b", "c", "5"]),
        (
            "Zoë\u00a0Ångström\u3000李雷",
            ["zoe", "angstrom", "李雷"],
        ),  # no-break and ideographic spaces
    ],
)
def test_words_split_at_punctuation_of_any_script(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "word",
    [
        "👩\u200d💻",  # an emoji sequence held by a zero-width joiner
        "👍🏽",  # an emoji with its skin-tone modifier (category Sk, yet part of the emoji)
        "می\u200cخواهم",  # Persian with ZWNJ
        "हिन्दी",  # Devanagari with virama and vowel signs (marks)
    ],
)
def test_words_keep_emoji_joiners_and_marks_inside_a_word(word: str) -> None:
    assert words(f"{word}, {word}") == [word, word]


def test_matching_sees_the_same_name_across_punctuation_of_another_script() -> None:
    from hallway.store.matching import SAME_NAME, name_similarity

    # A name typed with the Arabic comma between its parts is the same name (merge offers).
    assert name_similarity("محمد،علي", "محمد علي") == SAME_NAME
    assert name_similarity("राम।कुमार", "Kumar Ram") < SAME_NAME
    assert name_similarity("राम।कुमार", "कुमार राम") == SAME_NAME
