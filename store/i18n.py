"""Which language Hallway speaks (English or German), and the translation of its words.

Pure apart from reading the compiled catalog (``store/locale/de/LC_MESSAGES/hallway.mo``,
shipped with the package); no Textual, no Babel (Babel only extracts and compiles the
catalogs, see ``tests/i18n/catalogs.py``).

**Choosing.** :func:`choose_language`: ``--lang`` beats the config file's ``language`` (only
when the file sets one) beats the environment (:func:`language_from_environment`, the POSIX
order ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) beats English. The command line
calls :func:`use` with the choice before it imports the rest of the app.

**Translating.** ``_``, :func:`ngettext`, :func:`pgettext` and :func:`npgettext` translate
*now*, with the catalog :func:`use` chose last. A string defined at module level (a label, a
binding's description) is marked with :func:`N_` (so extraction finds it; it is returned
unchanged) and translated where it is shown (``_(LABEL)``), so it follows the language chosen
at run time and a test can switch language in-process (:func:`speaking`). Plurals always go
through :func:`ngettext` (the catalog's plural forms), never through string arithmetic;
placeholders are named (``{name}``) so a translation may reorder them.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

LANGUAGES = ("en", "de")
DEFAULT = "en"
DOMAIN = "hallway"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# glibc ignores LANGUAGE when the messages locale is the plain C (or POSIX) locale, unset
# included: such a process asked for no language at all.
_PLAIN_LOCALES = ("", "C", "POSIX")

_current = DEFAULT
_catalog: _gettext.NullTranslations = _gettext.NullTranslations()


def _supported(name: str) -> str | None:
    """The language a locale name or language tag names, if Hallway speaks it:
    ``de_DE.UTF-8``, ``de_AT@euro``, ``de-CH``, ``de`` -> "de"; ``C``, ``fr_FR`` -> None."""
    code = name.strip().replace("-", "_").split("_")[0].split(".")[0].split("@")[0]
    code = code.casefold()
    return code if code in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str]) -> str | None:
    """The language the environment asks for, if Hallway speaks it, else None.

    As gettext reads it: the messages locale is the first non-empty of ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG``. ``LANGUAGE`` (a colon-separated list of preferences, the
    first one Hallway speaks wins) comes first unless that locale is the plain C or POSIX
    locale (or none is set); a ``LANGUAGE`` with no language Hallway speaks means English,
    as gettext then shows the original strings. Otherwise the messages locale decides.
    """
    locale = next(
        (environ[key] for key in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(key)), ""
    )
    preferences = [part for part in environ.get("LANGUAGE", "").split(":") if part.strip()]
    if preferences and locale not in _PLAIN_LOCALES:
        return next((found for part in preferences if (found := _supported(part))), None)
    return _supported(locale) if locale not in _PLAIN_LOCALES else None


def choose_language(flag: str | None, configured: str | None, environ: Mapping[str, str]) -> str:
    """The language to speak: ``flag`` (``--lang``), else ``configured`` (the config file's
    ``language``, None when the file sets none), else the environment's, else English."""
    for choice in (flag, configured):
        if choice:
            if choice not in LANGUAGES:
                raise ValueError(f"Hallway speaks {' and '.join(LANGUAGES)}, not {choice!r}")
            return choice
    return language_from_environment(environ) or DEFAULT


def use(language: str) -> None:
    """Speak ``language`` ("en" or "de") from now on, in the whole process."""
    global _current, _catalog
    if language not in LANGUAGES:
        raise ValueError(f"Hallway speaks {' and '.join(LANGUAGES)}, not {language!r}")
    _catalog = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _current = language


def current() -> str:
    """The language Hallway speaks now ("en" or "de")."""
    return _current


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` inside the ``with`` block, then the language before it again."""
    before = _current
    use(language)
    try:
        yield
    finally:
        use(before)


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalog.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (a module-level constant,
    translated with ``_`` where it is shown)."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` for translation in ``context`` without translating it; it is
    translated with ``pgettext(context, message)`` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the number ``n``, in the current language (German and
    English: one form for 1, another for every other number)."""
    return _catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English words in
    another ``context`` (e.g. "May" the month and "may" the verb)."""
    return _catalog.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` within a ``context`` (see :func:`pgettext`)."""
    return _catalog.npgettext(context, singular, plural, n)
