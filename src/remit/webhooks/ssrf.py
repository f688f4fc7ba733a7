"""Where webhooks may go (SPEC §7): not to loopback, private, link-local, multicast or other
special addresses, unless `REMIT_WEBHOOK_ALLOW_PRIVATE=1` (development and tests).

A URL is checked when an endpoint is saved and again before every send, after resolving its
host, so a name that later resolves somewhere internal is caught too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import cast
from urllib.parse import urlsplit


class UrlNotAllowed(ValueError):
    pass


def parse(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL, or UrlNotAllowed."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UrlNotAllowed(f"not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise UrlNotAllowed("must be an http or https URL")
    if not parts.hostname:
        raise UrlNotAllowed("must name a host")
    if parts.username or parts.password:
        raise UrlNotAllowed("must not carry credentials")
    return parts.hostname, port


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def check(url: str, *, allow_private: bool) -> None:
    """Raise UrlNotAllowed unless every address the URL's host resolves to may be called."""
    host, port = parse(url)
    if allow_private:
        return
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UrlNotAllowed(f"its host does not resolve ({exc.strerror or exc})") from None
    # Socket addresses start with the address as text (typeshed also allows `(int, bytes)`:
    # an IPv6 address on a Python built without IPv6).
    addresses = {cast(str, info[4][0]) for info in found}
    blocked = sorted(address for address in addresses if not is_public(address))
    if blocked:
        raise UrlNotAllowed(f"resolves to a non-public address ({blocked[0]})")
