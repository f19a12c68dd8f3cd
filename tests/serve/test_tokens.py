"""The token: long and random, compared in constant time, kept only when asked, in a file only
its owner can read, and replaced on request."""

from __future__ import annotations

import hmac
import os
from pathlib import Path

import pytest

from hallway.store.errors import HallwayError
from hallway.tui.serve import tokens
from hallway.tui.serve.tokens import choose_token, new_token, same_secret, token_file


def test_a_new_token_carries_at_least_128_random_bits() -> None:
    made = {new_token() for _ in range(200)}
    assert len(made) == 200
    for token in made:
        # URL-safe base64 of 32 bytes: 43 characters of 6 bits each.
        assert len(token) >= 43
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_same_secret_compares_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(tokens.hmac, "compare_digest", recording)
    token = new_token()
    assert same_secret(token, token)
    assert not same_secret(token[:-1] + ("A" if token[-1] != "A" else "B"), token)
    assert not same_secret("", token)
    assert not same_secret("Ω", token)  # non-ASCII is compared as bytes, never raises
    assert not same_secret(None, token)
    assert len(calls) == 4  # every offered value went through compare_digest


def test_without_keep_each_run_gets_a_new_token_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "config" / "hallway" / "serve-token"
    assert choose_token(keep=False, replace=False, path=path) != choose_token(
        keep=False, replace=False, path=path
    )
    assert not path.exists()


def test_keep_writes_an_owner_only_file_and_reuses_it(tmp_path: Path) -> None:
    path = tmp_path / "config" / "hallway" / "serve-token"
    first = choose_token(keep=True, replace=False, path=path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.read_text().strip() == first
    assert choose_token(keep=True, replace=False, path=path) == first
    replaced = choose_token(keep=False, replace=True, path=path)
    assert replaced != first
    assert path.read_text().strip() == replaced
    assert choose_token(keep=True, replace=False, path=path) == replaced


def test_the_kept_token_lives_in_hallways_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert token_file() == tmp_path / "xdg" / "hallway" / "serve-token"


@pytest.mark.parametrize(
    ("content", "mode", "reason"),
    [
        ("x" * 43, 0o644, "can be read by other users"),
        ("short", 0o600, "does not hold a usable token"),
        ("has spaces in it and is long enough", 0o600, "does not hold a usable token"),
    ],
)
def test_a_kept_token_others_could_know_is_refused(
    tmp_path: Path, content: str, mode: int, reason: str
) -> None:
    path = tmp_path / "serve-token"
    path.write_text(content + "\n")
    os.chmod(path, mode)
    with pytest.raises(HallwayError, match=reason) as refused:
        choose_token(keep=True, replace=False, path=path)
    assert "--new-token" in str(refused.value)
    # --new-token fixes it.
    token = choose_token(keep=True, replace=True, path=path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert choose_token(keep=True, replace=False, path=path) == token
