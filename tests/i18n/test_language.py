"""Which language Hallway speaks: the environment as gettext reads it, the config file's
``language``, ``--lang``, and switching in-process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hallway.store import i18n
from hallway.store.i18n import N_, _, choose_language, language_from_environment
from hallway.tui.cli import main


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": "de_CH"}, "de"),
        ({"LANG": "de"}, "de"),
        ({"LANG": "de_DE@euro"}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({"LANG": "C"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "C.UTF-8"}, None),
        # LC_ALL beats LC_MESSAGES beats LANG; an empty one counts as unset.
        ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_US"}, "de"),
        ({"LC_ALL": "", "LC_MESSAGES": "de_DE", "LANG": "en_US"}, "de"),
        ({"LC_MESSAGES": "fr_FR", "LANG": "de_DE"}, None),
        # LANGUAGE comes first (the first entry Hallway speaks wins)...
        ({"LANGUAGE": "de:en", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "fr:de_AT:en", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "en:de", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "fr", "LANG": "de_DE.UTF-8"}, None),  # gettext shows the originals
        ({"LANGUAGE": "", "LANG": "de_DE.UTF-8"}, "de"),
        ({"LANGUAGE": "de", "LANG": "C.UTF-8"}, "de"),
        # ...but not when the locale is the plain C one (as glibc does), or unset.
        ({"LANGUAGE": "de", "LANG": "C"}, None),
        ({"LANGUAGE": "de", "LC_ALL": "POSIX", "LANG": "de_DE"}, None),
        ({"LANGUAGE": "de"}, None),
    ],
)
def test_the_environment_names_the_language_as_gettext_reads_it(
    environ: dict[str, str], expected: str | None
) -> None:
    assert language_from_environment(environ) == expected


def test_the_flag_beats_the_config_file_beats_the_environment_beats_english() -> None:
    german, english, plain = {"LANG": "de_DE.UTF-8"}, {"LANG": "en_US.UTF-8"}, {"LANG": "C"}
    assert choose_language("en", "de", german) == "en"
    assert choose_language("de", "en", english) == "de"
    assert choose_language(None, "de", english) == "de"
    assert choose_language(None, "en", german) == "en"
    assert choose_language(None, None, german) == "de"
    assert choose_language(None, None, english) == "en"
    assert choose_language(None, None, plain) == "en"
    assert choose_language(None, None, {"LANG": "fr_FR"}) == "en"
    with pytest.raises(ValueError, match="not 'fr'"):
        choose_language("fr", None, german)


def test_switching_translates_at_once_and_module_constants_follow() -> None:
    label = N_("options")
    assert label == "options"  # marked, not translated
    assert i18n.current() == "en"
    assert _(label) == "options"
    with i18n.speaking("de"):
        assert i18n.current() == "de"
        assert _(label) == "Optionen"
        assert _("a message no catalog knows") == "a message no catalog knows"
        # Plurals through the catalog's plural forms (German: one form for 1, one for others).
        assert i18n.ngettext("every day", "every {n} days", 1) == "jeden Tag"
        assert i18n.ngettext("every day", "every {n} days", 3) == "alle {n} Tage"
        assert i18n.ngettext("every day", "every {n} days", 0) == "alle {n} Tage"
        assert i18n.ngettext("{n} thing", "{n} things", 1) == "{n} thing"  # not in the catalog
    assert i18n.current() == "en"
    assert _(label) == "options"
    with pytest.raises(ValueError, match="not 'fr'"):
        i18n.use("fr")
    assert i18n.current() == "en"


def test_lang_speaks_german_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "de", "config"]) == 0
    out = capsys.readouterr().out
    assert "# rhythm = " not in out and 'rhythm = "every 2 months"  # Standard' in out
    assert "(keine solche Datei: alle Einstellungen haben ihren Standardwert)" in out
    i18n.use("en")
    assert main(["config", "--lang=de"]) == 0  # after the command too
    assert "# Standard" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "de", "export", "nonsense"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Aufruf: hallway export")
    assert "hallway: Argument FORMAT: ungültige Wahl: 'nonsense' (möglich: 'json'," in err


def test_a_lang_hallway_does_not_speak_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "fr", "config"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "argument --lang: invalid choice: 'fr' (choose from 'en', 'de')" in err


def test_the_config_file_s_language_and_lang_over_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "de"\n')
    monkeypatch.setenv("HALLWAY_CONFIG", str(config))
    assert main(["config"]) == 0
    assert 'language = "de"            # aus der Datei' in capsys.readouterr().out
    assert main(["--lang", "en", "config"]) == 0
    assert 'language = "de"            # from the file' in capsys.readouterr().out
    # A value Hallway can't use is named (in the language the environment chose).
    config.write_text('language = "fr"\n')
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert main(["config"]) == 1
    err = capsys.readouterr().err
    assert 'language = "fr" ist keine Sprache, die Hallway spricht (en oder de)' in err


def _run(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(environ)
    return subprocess.run(
        [sys.executable, "-m", "hallway", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_lang_de_in_the_environment_makes_the_help_german() -> None:
    result = _run("--help", LANG="de_DE.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Aufruf: hallway [-h]")
    for words in ("Optionen:", "Befehle:", "Beispiele:", "Exit-Codes:", "Dateien:"):
        assert words in result.stdout
    assert "usage:" not in result.stdout and "options:" not in result.stdout

    capture = _run("capture", "--help", LANGUAGE="de", LANG="en_US.UTF-8")
    assert "Argumente:" in capture.stdout and "#sauerteig" in capture.stdout

    english = _run("--help", LANG="de_DE.UTF-8", LANGUAGE="en")
    assert english.stdout.startswith("usage: hallway [-h]")
    assert _run("--lang", "en", "--help", LANG="de_DE.UTF-8").stdout == english.stdout
