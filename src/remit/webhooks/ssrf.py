"""Where webhooks may go (SPEC §7): not to loopback, private, link-local, multicast or other
special addresses, unless `REMIT_WEBHOOK_ALLOW_PRIVATE=1` (development and tests).

A URL is checked when an endpoint is saved (`check`). When sending, the connection goes only
to addresses the guard has seen: an IP address in the URL is checked as it stands
(`check_literal`), and a host name is resolved once, by `GuardedResolver`, whose answers are
checked before aiohttp may connect to them. Checking a name and then letting the HTTP client
resolve it again would call whatever the second answer names (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import cast
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 addresses that stand for the IPv4 address in their last 32 bits: a dual-stack socket
# or a NAT64 gateway calls that IPv4 host (RFC 4291 mapped and compatible, RFC 2765
# translated, RFC 6052 well-known NAT64 prefix).
_STANDS_FOR_IPV4 = tuple(
    ipaddress.IPv6Network(prefix)
    for prefix in ("::ffff:0:0/96", "::ffff:0:0:0/96", "::/96", "64:ff9b::/96")
)
# RFC 8215: NAT64 prefixes for one network's own use, never a public destination.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


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
    """Whether `address` is a global unicast address, and so is any IPv4 address it carries:
    6to4 and Teredo addresses reach their embedded IPv4 host through a relay."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _LOCAL_NAT64:
            return False
        if any(ip in prefix for prefix in _STANDS_FOR_IPV4):
            return _is_global(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        teredo_client = ip.teredo[1] if ip.teredo else None
        if not all(_is_global(v4) for v4 in (ip.sixtofour, teredo_client) if v4 is not None):
            return False
    return _is_global(ip)


def _is_global(ip: Address) -> bool:
    return ip.is_global and not ip.is_multicast


def _refuse_non_public(addresses: Iterable[str]) -> None:
    blocked = sorted(address for address in set(addresses) if not is_public(address))
    if blocked:
        raise UrlNotAllowed(f"resolves to a non-public address ({blocked[0]})")


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
    _refuse_non_public(cast(str, info[4][0]) for info in found)


def check_literal(url: str, *, allow_private: bool) -> None:
    """Before a send: raise UrlNotAllowed unless the URL is well formed and, when its host is
    an IP address, that address may be called. aiohttp connects to an IP address without
    asking the resolver, so it is checked here, as aiohttp parses it (yarl, which need not
    agree with `urlsplit` on an odd URL); a name is left to `GuardedResolver`."""
    parse(url)
    host = URL(url).raw_host or ""
    if allow_private or not _looks_like_address(host):
        return
    try:
        public = is_public(host)
    except ValueError:  # an address aiohttp would dial, that `ipaddress` cannot read
        raise UrlNotAllowed(f"not a valid IP address ({host})") from None
    if not public:
        raise UrlNotAllowed(f"names a non-public address ({host})")


def _looks_like_address(host: str) -> bool:
    """aiohttp's own test for a host it dials without resolving (`helpers.is_ip_address`)."""
    return ":" in host or host.replace(".", "").isdigit()


class GuardedResolver(AbstractResolver):
    """The delivery client's resolver: a name is looked up once, and refused unless every
    address found may be called, so aiohttp connects only to addresses the guard has seen."""

    def __init__(self, *, allow_private: bool) -> None:
        self._resolver = ThreadedResolver()
        self._allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._resolver.resolve(host, port, family)
        if not self._allow_private:
            _refuse_non_public(result["host"] for result in found)
        return found

    async def close(self) -> None:
        await self._resolver.close()
