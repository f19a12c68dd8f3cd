"""`hallway serve` as a user runs it: what it prints (the link, its QR code, a warning beyond
loopback), --keep-token and --new-token across runs, HTTPS with --certfile/--keyfile, and
plain refusals of arguments it cannot use."""

from __future__ import annotations

import io
import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import aiohttp
import pytest

from hallway.tui.serve.address import Address, draw_qr, is_loopback
from hallway.tui.serve.command import announce
from tests.serve.phone import TerminalView, phone_browser
from tests.serve.served import private_environment, serve_argv, start_serving


def _serve(db: Path, home: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`hallway serve` expected to refuse at once (before listening)."""
    return subprocess.run(
        serve_argv(db, *options),
        env=private_environment(home),
        capture_output=True,
        text=True,
        timeout=60,
    )


def _qr_modules(drawing: str) -> list[list[bool]]:
    """The dark modules of a compact terminal QR code (two module rows per text line)."""
    top_bottom = {"█": (False, False), "▀": (False, True), "▄": (True, False), " ": (True, True)}
    rows: list[list[bool]] = []
    for line in drawing.splitlines():
        cells = [top_bottom[char] for char in line]
        rows.append([top for top, _ in cells])
        rows.append([bottom for _, bottom in cells])
    return rows


def test_the_qr_code_carries_the_printed_link() -> None:
    import segno

    link = "http://127.0.0.1:8000/?token=u7SL35beWix3BUQDrQcpHjZ8-cwXWHoUpEnah7TZtw8"
    out = io.StringIO()
    draw_qr(link, out)
    drawn = _qr_modules(out.getvalue())
    expected = [[bool(module) for module in row] for row in segno.make(link, error="m").matrix]
    border = 2
    inner = [row[border : border + len(expected)] for row in drawn[border : border + len(expected)]]
    assert inner == expected


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("laptop.local", False),
    ],
)
def test_which_hosts_are_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def _announced(host: str, *, tls: bool, public: str | None = None) -> str:
    out = io.StringIO()
    scheme = "https" if tls else "http"
    address = Address(scheme, "192.168.1.20" if host == "0.0.0.0" else host, 8123)
    announce(
        out,
        host=host,
        address=address,
        link=address.with_token("T" * 43, base=public),
        db=Path("/data/hallway.json"),
        tls=tls,
        public=public,
        max_sessions=4,
    )
    return out.getvalue()


def test_serving_beyond_loopback_over_http_warns_first_and_says_how_to_add_tls() -> None:
    text = _announced("0.0.0.0", tls=False)
    warning = text.splitlines()[0]
    assert warning.startswith("Warning:")
    assert "plain HTTP" in warning
    assert "--certfile and --keyfile" in warning
    assert "tailscale serve 8123" in warning and "Caddy" in warning
    assert "http://192.168.1.20:8123/?token=" + "T" * 43 in text


def test_no_warning_over_https_or_on_loopback() -> None:
    assert "Warning" not in _announced("0.0.0.0", tls=True)
    on_loopback = _announced("127.0.0.1", tls=False)
    assert "Warning" not in on_loopback
    assert "Only this machine can open it" in on_loopback
    behind_proxy = _announced("127.0.0.1", tls=False, public="https://laptop.example.ts.net")
    assert "https://laptop.example.ts.net/?token=" + "T" * 43 in behind_proxy
    assert "Only this machine" not in behind_proxy


def test_keep_token_survives_a_restart_and_new_token_replaces_it(
    served_db: Path, serve_home: Path
) -> None:
    env = private_environment(serve_home)
    first = start_serving(serve_argv(served_db, "--keep-token"), env)
    first.stop()
    kept = serve_home / ".config" / "hallway" / "serve-token"
    assert kept.read_text().strip() == first.token
    assert kept.stat().st_mode & 0o777 == 0o600

    again = start_serving(serve_argv(served_db, "--keep-token"), env)
    again.stop()
    assert again.token == first.token

    renewed = start_serving(serve_argv(served_db, "--new-token"), env)
    renewed.stop()
    assert renewed.token != first.token
    assert kept.read_text().strip() == renewed.token

    fresh = start_serving(serve_argv(served_db), env)  # without --keep-token: a new one
    fresh.stop()
    assert fresh.token not in (first.token, renewed.token)
    assert kept.read_text().strip() == renewed.token


async def test_a_kept_tokens_cookie_outlives_the_browser_session(
    served_db: Path, serve_home: Path
) -> None:
    served = start_serving(serve_argv(served_db, "--keep-token"), private_environment(serve_home))
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{served.origin}/?token={served.token}") as response,
        ):
            cookie = response.cookies[served.cookie_name]
            assert int(cookie["max-age"]) >= 365 * 24 * 3600
    finally:
        served.stop()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--max-sessions", "0"), "--max-sessions must be at least 1."),
        (("--keyfile", "key.pem"), "--keyfile goes with --certfile"),
        (("--certfile", "/nonexistent/cert.pem"), "No such file: /nonexistent/cert.pem."),
        (("--public-url", "laptop:8000"), "--public-url takes the address the proxy publishes"),
    ],
)
def test_arguments_it_cannot_use_are_refused_plainly(
    served_db: Path, serve_home: Path, options: tuple[str, ...], message: str
) -> None:
    result = _serve(served_db, serve_home, *options)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert "token=" not in result.stdout


def test_a_port_in_use_is_said_plainly(served_db: Path, serve_home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = [a if a != "0" else str(port) for a in serve_argv(served_db)]
        result = subprocess.run(
            argv, env=private_environment(serve_home), capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    assert f"Could not listen on 127.0.0.1 port {port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_certificate_that_is_not_one_is_refused(
    served_db: Path, serve_home: Path, tmp_path: Path
) -> None:
    bogus = tmp_path / "cert.pem"
    bogus.write_text("not a certificate\n")
    result = _serve(served_db, serve_home, "--certfile", str(bogus))
    assert result.returncode == 1
    assert f"Could not use the certificate {bogus}" in result.stderr


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made with the openssl tool."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip(
            "HTTPS TEST SKIPPED: the openssl tool is not installed (apt-get install openssl)"
        )
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    request = "req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1"
    names = ["-addext", "subjectAltName=IP:127.0.0.1"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        [openssl, *request.split(), *names, *files], check=True, capture_output=True, timeout=60
    )
    return cert, key


async def test_https_with_certfile_and_keyfile(
    served_db: Path, serve_home: Path, certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    cert, key = certificate
    argv = serve_argv(served_db, "--certfile", str(cert), "--keyfile", str(key))
    served = start_serving(argv, private_environment(serve_home))
    try:
        assert served.link.startswith("https://127.0.0.1:")
        trust = ssl.create_default_context(cafile=str(cert))
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=trust)) as session:
            async with session.get(served.origin + "/") as response:
                assert response.status == 403
            async with session.get(f"{served.origin}/?token={served.token}") as response:
                assert response.status == 200
                cookie = response.cookies[served.cookie_name]
                assert cookie["secure"] is True and cookie["samesite"] == "Strict"
        # Plain HTTP on the same port gets nothing.
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.ClientError):
                async with session.get(served.origin.replace("https:", "http:") + "/"):
                    pass
        assert served.app_processes() == []
    finally:
        served.stop()


@pytest.mark.browser
def test_the_phone_opens_hallway_over_https(
    served_db: Path, serve_home: Path, certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    cert, key = certificate
    argv = serve_argv(served_db, "--certfile", str(cert), "--keyfile", str(key))
    served = start_serving(argv, private_environment(serve_home))
    try:
        # The certificate is self-signed: the browser is told to accept it (a real one would
        # come from a certificate authority, or the proxy in front).
        with phone_browser(tmp_path / "profile", ignore_https_errors=True) as phone:
            page = phone.new_page()
            view = TerminalView(page)
            page.goto(served.link)
            view.wait_for("People I met")
            assert view.sockets[0].url.startswith("wss://127.0.0.1:")
            assert page.url == served.origin + "/"
            served.wait_for_apps(1)
    finally:
        served.stop()
