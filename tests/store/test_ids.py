"""Record ids: unique across devices, growing on one, JSON-safe, and stable when derived."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hallway.store.devices import TAGS
from hallway.store.engine.ids import LEGACY_LIMIT, MAX_ID, IdMaker, derived_id, tag_of


def _maker(tag: int, seconds: list[int]) -> IdMaker:
    return IdMaker(tag, lambda: seconds[0])


def test_ids_grow_and_carry_their_device_tag() -> None:
    now = [100_000_000]
    maker = _maker(77, now)
    made = [maker.next() for _ in range(200)]  # more than 64 in one second: borrows ahead
    assert made == sorted(set(made))
    assert all(LEGACY_LIMIT <= i <= MAX_ID and tag_of(i) == 77 for i in made)
    now[0] -= 3600  # the clock steps back an hour: still growing
    assert maker.next() > made[-1]


def test_an_id_is_above_the_id_it_is_asked_to_pass() -> None:
    maker = _maker(5, [1_000])
    far = IdMaker(9, lambda: 2_000_000).next()
    assert maker.next(above=far) > far
    assert maker.next(above=12) >= LEGACY_LIMIT  # legacy ids never matter


@given(
    st.lists(st.integers(0, TAGS - 1), min_size=2, max_size=4, unique=True),
    st.lists(st.integers(2, 2**33 - 1), min_size=1, max_size=30),
)
def test_two_devices_never_make_the_same_id(tags: list[int], moments: list[int]) -> None:
    made: set[int] = set()
    for tag in tags:
        now = [0]
        maker = _maker(tag, now)
        for moment in moments:
            now[0] = moment
            made_id = maker.next()
            assert made_id not in made
            made.add(made_id)


def test_derived_ids_are_stable_and_never_made() -> None:
    assert derived_id(123_456_789_012) == 123_456_789_012
    legacy = [derived_id(i) for i in range(1, LEGACY_LIMIT, 4099)]
    assert len(set(legacy)) == len(legacy)
    assert all(LEGACY_LIMIT <= i < 2 * LEGACY_LIMIT for i in legacy)
    # A maker whose clock stands at the very start still makes none of them.
    early = _maker(0, [0])
    assert not {early.next() for _ in range(500)} & set(legacy)
