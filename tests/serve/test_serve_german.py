"""`hallway serve` in German: what it prints, the gate's refusal and hand-over pages, the
page that draws Hallway, and the refusal when enough tabs are open."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from aiohttp.test_utils import make_mocked_request

from hallway.store import i18n
from hallway.store.errors import HallwayError
from hallway.tui.serve.address import Address
from hallway.tui.serve.command import announce
from hallway.tui.serve.gate import Gate, refused
from hallway.tui.serve.server import HallwayServer
from hallway.tui.serve.tokens import read_kept_token


def _announced(host: str, max_sessions: int) -> str:
    out = io.StringIO()
    address = Address("http", "192.168.1.20" if host == "0.0.0.0" else host, 8123)
    announce(
        out,
        host=host,
        address=address,
        link=address.with_token("T" * 43),
        db=Path("/data/hallway.json"),
        tls=False,
        public=None,
        max_sessions=max_sessions,
    )
    return out.getvalue()


def test_serve_prints_german() -> None:
    i18n.use("de")
    text = _announced("127.0.0.1", 4)
    served = "Hallway ist erreichbar unter http://127.0.0.1:8123 (Datenbank: /data/hallway.json)."
    assert served in text
    assert "Diese Adresse einmal öffnen; der Browser behält das Token dann als Cookie:" in text
    assert "Nur dieser Rechner kann sie öffnen." in text
    assert text.rstrip().endswith("Höchstens 4 Tabs gleichzeitig. Strg+C beendet den Server.")
    one = _announced("0.0.0.0", 1)
    assert one.startswith("Achtung: Hallway lauscht auf 0.0.0.0")
    assert "`tailscale serve 8123`" in one
    assert one.rstrip().endswith("Höchstens ein Tab gleichzeitig. Strg+C beendet den Server.")
    for english in ("Open this address", "Warning", "Up to", "stops the server"):
        assert english not in text + one


def test_english_serve_lines_are_unchanged() -> None:
    text = _announced("127.0.0.1", 4)
    assert text.rstrip().endswith("Up to 4 tabs at once. Ctrl+C stops the server.")
    assert (
        _announced("127.0.0.1", 1)
        .rstrip()
        .endswith("Up to one tab at once. Ctrl+C stops the server.")
    )


def test_the_gate_and_the_page_speak_german() -> None:
    i18n.use("de")
    body = refused().text or ""
    assert '<html lang="de">' in body
    assert "Nicht hier: Bitte die Adresse öffnen, die hallway serve ausgegeben hat" in body
    handed = Gate("T" * 43)._exchange().text or ""
    assert ">Hallway öffnen</a>" in handed
    server = HallwayServer("true", Gate("T" * 43), max_sessions=1)
    busy = server.busy().text or ""
    assert "Hallway ist schon in einem anderen Tab offen" in busy
    several = HallwayServer("true", Gate("T" * 43), max_sessions=3).busy().text or ""
    assert "Hallway ist schon in 3 Tabs offen" in several


async def test_the_page_that_draws_hallway_is_german() -> None:
    i18n.use("de")
    server = HallwayServer("true", Gate("T" * 43))

    request = make_mocked_request("GET", "/", headers={"Host": "127.0.0.1:8123"})
    response = await server.handle_index(request)
    body = response.text or ""
    assert '<html lang="de">' in body
    assert "Hallway startet…" in body
    assert "Hallway wurde in diesem Tab geschlossen. Alles Gespeicherte bleibt erhalten." in body
    assert ">Wieder öffnen</button>" in body
    assert "$starting" not in body and "Open again" not in body


def test_a_kept_token_problem_in_german(tmp_path: Path) -> None:
    i18n.use("de")
    path = tmp_path / "token"
    path.write_text("not a token\n")
    path.chmod(0o600)
    with pytest.raises(HallwayError) as problem:
        read_kept_token(path)
    assert str(problem.value) == (
        f"{path} enthält kein brauchbares Token. Mit --new-token starten, um es zu ersetzen."
    )
