"""The SSRF guard when sending (SPEC §7): a delivery connects only to an address the guard
checked, whatever DNS answers the second time; IPv6 forms of internal IPv4 addresses are
refused; an internal service's answer is never kept where the account can read it.

Every connection the delivery client makes in these tests passes a fence that lets through
loopback only (a test never dials anything else), and names under `.test` are answered by a
fake DNS whose answers change from one lookup to the next, as a rebinding attacker's do.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import aiohappyeyeballs
import pytest
from sqlalchemy import update

from remit.runtime import Runtime
from remit.webhooks import ssrf
from remit.webhooks.models import WebhookDelivery
from tests.support import TenantApi
from tests.webhooks.conftest import EMBEDDED_INTERNAL, add_endpoint, deliveries, send_due
from tests.webhooks.receiver import Receiver

PUBLIC = "93.184.215.14"  # never dialled: the fence refuses it
SECRET = b"internal-secret-7f3a"  # what an internal service would answer


@dataclass
class Fence:
    dialled: list[tuple[str, int]] = field(default_factory=list)

    def ports(self, port: int) -> list[str]:
        return [address for address, dialled_port in self.dialled if dialled_port == port]


@dataclass
class FakeDns:
    answers: dict[str, list[str]] = field(default_factory=dict)  # in turn; the last one stays

    def answer(self, host: str, port: Any) -> list[tuple[Any, ...]]:
        queue = self.answers[host]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        if ":" in address:
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, int(port), 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]


def _loopback(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


@pytest.fixture(autouse=True)
def fence(monkeypatch: pytest.MonkeyPatch) -> Fence:
    """aiohttp dials through `aiohappyeyeballs.start_connection`: record, and refuse all but
    loopback (as an unreachable host would, so the attempt fails with a connection error)."""
    fence, dial = Fence(), aiohappyeyeballs.start_connection

    async def fenced(addr_infos: list[Any], **kwargs: Any) -> socket.socket:
        fence.dialled += [(info[4][0], info[4][1]) for info in addr_infos]
        allowed = [info for info in addr_infos if _loopback(info[4][0])]
        if not allowed:
            raise ConnectionRefusedError(111, "refused by the test fence: not loopback")
        return await dial(allowed, **kwargs)

    monkeypatch.setattr(aiohappyeyeballs, "start_connection", fenced)
    return fence


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDns]:
    """`socket.getaddrinfo`, which the event loop's resolver calls, answering for `.test`."""
    fake, lookup = FakeDns(), socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if isinstance(host, str) and host in fake.answers:
            return fake.answer(host, port)
        return lookup(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield fake


def _strict(runtime: Runtime) -> Runtime:
    return replace(runtime, settings=replace(runtime.settings, webhook_allow_private=False))


async def _due_again(runtime: Runtime, account_id: str) -> None:
    async with runtime.db.write() as session:
        await session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.account_id == account_id)
            .values(next_attempt_at=datetime.now(UTC))
        )


class TestDnsRebinding:
    async def test_a_name_answering_public_then_loopback_never_reaches_loopback(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver, fence: Fence, dns: FakeDns
    ) -> None:
        receiver.plan("/internal", 500, 500, body=SECRET)
        url = f"http://rebind.test:{receiver.port}/internal"
        endpoint = await add_endpoint(api, url, ["customer.created"])
        await api.customer()
        dns.answers["rebind.test"] = [PUBLIC, "127.0.0.1"]
        # One lookup per send, and the connection goes to what it answered (and checked).
        assert await send_due(_strict(runtime), api.account_id) == 1
        assert fence.ports(receiver.port) == [PUBLIC]
        await _due_again(runtime, api.account_id)
        # Now the name answers loopback: refused before anything is dialled.
        assert await send_due(_strict(runtime), api.account_id) == 1
        assert fence.ports(receiver.port) == [PUBLIC]
        assert receiver.received["/internal"] == []
        [delivery] = await deliveries(api, endpoint["id"])
        first, second = delivery["attempts"]
        assert first["error"].startswith("ClientConnectorError") and first["status_code"] is None
        assert second["error"] == "URL not allowed: resolves to a non-public address (127.0.0.1)"
        assert second["status_code"] is None
        assert SECRET.decode() not in str(delivery)

    async def test_a_name_answering_loopback_is_refused_at_once(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver, fence: Fence, dns: FakeDns
    ) -> None:
        dns.answers["inside.test"] = ["127.0.0.1"]
        url = f"http://inside.test:{receiver.port}/inside"
        endpoint = await add_endpoint(api, url, ["customer.created"])
        await api.customer()
        assert await send_due(_strict(runtime), api.account_id) == 1
        [delivery] = await deliveries(api, endpoint["id"])
        [attempt] = delivery["attempts"]
        assert attempt["error"] == "URL not allowed: resolves to a non-public address (127.0.0.1)"
        assert fence.ports(receiver.port) == [] and receiver.received["/inside"] == []

    async def test_private_answers_are_allowed_when_the_setting_says_so(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver, fence: Fence, dns: FakeDns
    ) -> None:
        dns.answers["dev.test"] = ["127.0.0.1"]
        endpoint = await add_endpoint(api, f"http://dev.test:{receiver.port}/dev")
        await api.customer()
        assert await send_due(runtime, api.account_id) == 1  # the test settings allow private
        [delivery] = await deliveries(api, endpoint["id"])
        assert delivery["status"] == "succeeded" and len(receiver.received["/dev"]) == 1


class TestEmbeddedIpv4:
    @pytest.mark.parametrize("address", EMBEDDED_INTERNAL.values(), ids=EMBEDDED_INTERNAL.keys())
    async def test_refused_when_sending(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver, fence: Fence, address: str
    ) -> None:
        url = f"http://[{address}]:{receiver.port}/embedded"
        endpoint = await add_endpoint(api, url, ["customer.created"])  # saved while allowed
        await api.customer()
        assert await send_due(_strict(runtime), api.account_id) == 1
        [delivery] = await deliveries(api, endpoint["id"])
        [attempt] = delivery["attempts"]
        assert attempt["error"].startswith("URL not allowed: names a non-public address")
        assert fence.ports(receiver.port) == [] and receiver.received["/embedded"] == []

    @pytest.mark.parametrize(
        ("address", "public"),
        [
            ("93.184.215.14", True),
            ("2606:4700::1111", True),
            ("::ffff:5db8:d70e", True),
            ("64:ff9b::5db8:d70e", True),
            ("2002:5db8:d70e::1", True),
            ("127.0.0.1", False),
            ("169.254.169.254", False),
            ("fe80::1%eth0", False),
            ("ff02::1", False),
            ("::", False),
            ("::1", False),
            ("64:ff9b:1::5db8:d70e", False),  # local-use NAT64, whatever it carries
            ("2001:0:4136:e378:8000:63bf:a247:28f1", False),  # Teredo: never a receiver
            *((address, False) for address in EMBEDDED_INTERNAL.values()),
        ],
    )
    def test_which_addresses_are_public(self, address: str, public: bool) -> None:
        assert ssrf.is_public(address) is public


class TestAnswersKept:
    async def test_a_private_receiver_s_answer_is_not_kept(
        self, api: TenantApi, runtime: Runtime, receiver: Receiver
    ) -> None:
        url = receiver.plan("/private", 500, body=SECRET)
        endpoint = await add_endpoint(api, url, ["customer.created"])
        await api.customer()
        assert await send_due(runtime, api.account_id) == 1  # the test settings allow private
        [delivery] = await deliveries(api, endpoint["id"])
        [attempt] = delivery["attempts"]
        assert attempt["status_code"] == 500
        assert (
            attempt["error"]
            == "HTTP 500 (its answer is not kept while private addresses are allowed)"
        )
        assert SECRET.decode() not in str(delivery)
