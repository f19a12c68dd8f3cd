"""Where ``hallway serve`` listens, the address to open, and what to say about it.

The printed address carries the token once (the server swaps it for a cookie at the first
visit); a QR code of it saves typing a long address on a phone. Listening anywhere but the
loopback interface over plain HTTP earns a warning that says how to put TLS in front.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import quote

from hallway.store.i18n import _

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
# Any address outside every local network: connecting a UDP socket to it only asks the
# kernel which interface would be used; no packet is sent.
_ROUTE_PROBE = "192.0.2.1"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """Whether ``host`` means every interface (``0.0.0.0``, ``::`` or empty)."""
    if host in ("", "*"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def reachable_host(host: str) -> str:
    """The host to put in the address: a wildcard bind is shown as this machine's address on
    its network (or its name when that cannot be told)."""
    if not is_wildcard(host):
        return host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect((_ROUTE_PROBE, 9))
            address = str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()
    return address if not ipaddress.ip_address(address).is_unspecified else socket.gethostname()


@dataclass(frozen=True)
class Address:
    """The address to open: scheme, host and port, and the token that opens it once."""

    scheme: str
    host: str
    port: int

    @property
    def origin(self) -> str:
        """``scheme://host:port`` (IPv6 literals in brackets)."""
        host = self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"{self.scheme}://{host}:{self.port}"

    def with_token(self, token: str, *, base: str | None = None) -> str:
        """The address that lets a browser in the first time (on ``base``, the address a
        reverse proxy publishes, if given)."""
        return f"{base or self.origin}/?token={quote(token, safe='')}"


def plain_http_warning(host: str, port: int) -> str:
    """What to say when serving over plain HTTP on a network interface."""
    return _(
        "Warning: Hallway is listening on {host}, beyond this machine, over plain HTTP. "
        "Anyone on that network who can watch its traffic can read your notes and the "
        "token. Put TLS in front: pass --certfile and --keyfile (a certificate for this "
        "machine's name), or keep the default 127.0.0.1 and publish it through a reverse "
        "proxy with HTTPS, such as `tailscale serve {port}` or Caddy "
        "(`caddy reverse-proxy --to 127.0.0.1:{port}`)."
    ).format(host=host, port=port)


def draw_qr(text: str, out: TextIO) -> None:
    """Draw ``text`` as a QR code for a phone's camera, with half-height blocks so it fits
    a terminal."""
    import segno

    segno.make(text, error="m", boost_error=False).terminal(out=out, compact=True, border=2)
