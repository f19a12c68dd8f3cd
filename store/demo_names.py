"""Names for demo data: small per-locale pools filled by seeded Faker instances.

Building a Faker instance is the slow part (tens of milliseconds per locale), so each locale's
instance is made once per process and re-seeded for every set of pools; people are then
combined from the pools, which stays fast at any size.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hallway.store.demo_data import NAME_LOCALES

if TYPE_CHECKING:
    from faker import Faker

Locales = tuple[tuple[str, int, str], ...]


def locales_of(name_locales: Mapping[str, tuple[tuple[str, int], ...]]) -> Locales:
    """(Faker locale, share of people, how a full name is written), from a table of shares
    by name style such as :data:`~hallway.store.demo_data.NAME_LOCALES`."""
    return tuple(
        (locale, share, style) for style, shares in name_locales.items() for locale, share in shares
    )


LOCALES: Locales = locales_of(NAME_LOCALES)
PHONES = ("+1 202-555-01{:02d}", "+44 7700 900{:03d}")  # numbers reserved for fiction
POOL_SIZE = 80
# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "ı": "i"})


@dataclass(frozen=True)
class NamePool:
    """Given names, family names, companies and romanised user names of one locale."""

    locale: str
    style: str
    given: tuple[str, ...]
    family: tuple[str, ...]
    companies: tuple[str, ...]
    handles: tuple[str, ...]

    def full_name(self, given: str, family: str) -> str:
        """The name written the locale's way ("Zoë Ångström", "後藤 学", "张林")."""
        if self.style == "familygiven":
            return f"{family}{given}"
        if self.style == "family given":
            return f"{family} {given}"
        return f"{given} {family}"


@cache
def _faker(locale: str) -> Faker:
    from faker import Faker

    return Faker(locale)


def _distinct(make: Callable[[], object], count: int) -> tuple[str, ...]:
    values = (str(make()) for _ in range(count))
    return tuple(dict.fromkeys(v for v in values if v.strip()))


def name_pools(seed: int, locales: Locales = LOCALES) -> list[NamePool]:
    """One pool per locale in ``locales`` (the English demo's by default), the same for the
    same seed."""
    pools = []
    for index, (locale, _share, style) in enumerate(locales):
        fake = _faker(locale)
        fake.seed_instance(seed * 1_000 + index)
        pools.append(
            NamePool(
                locale=locale,
                style=style,
                given=_distinct(fake.first_name, POOL_SIZE),
                # One family name in the Arabic list is better known for other reasons.
                family=tuple(n for n in _distinct(fake.last_name, POOL_SIZE) if "لادن" not in n),
                companies=_distinct(fake.company, 16),
                handles=tuple(h for h in _distinct(fake.user_name, 30) if h.isascii()),
            )
        )
    return pools


def ascii_name(text: str) -> str:
    """Lower-case ASCII letters and digits of a name, for an email handle ("" if none)."""
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return "".join(c for c in folded.lower() if c.isascii() and c.isalnum())
