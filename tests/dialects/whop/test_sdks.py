"""Both generations of whop-sdk — 0.0.35 (Stainless) and 2.6.0 (Fern), one import name, so
each in its own virtual environment (`make install-dev` builds .venv-whop-0 and
.venv-whop-2 from requirements/whop-sdk-*.lock) — against a live `remit serve` on loopback:
every create variant, retrieve by id and token, lists, the actions, draft edits, and Whop
webhooks from remit unwrapped by each SDK's verifier."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import Server, cli_json, free_port, remit_env, serve

pytestmark = [pytest.mark.processes, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = Path(__file__).parent / "sdk"
SDKS = {
    "0.0.35": (ROOT / ".venv-whop-0" / "bin" / "python", SCRIPTS / "whop0.py"),
    "2.6.0": (ROOT / ".venv-whop-2" / "bin" / "python", SCRIPTS / "whop2.py"),
}
INVOICE_EVENTS = {"invoice.created", "invoice.paid", "invoice.past_due", "invoice.voided",
                  "invoice.marked_uncollectible"}  # fmt: skip


@dataclass
class Inbox:
    """Webhooks received on loopback: (raw body, headers)."""

    messages: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, invoice_id: str) -> list[tuple[dict[str, Any], str, dict[str, str]]]:
        with self.lock:
            found = [(json.loads(body), body, headers) for body, headers in self.messages]
        return [item for item in found if item[0]["data"]["id"] == invoice_id]


def start_inbox() -> tuple[ThreadingHTTPServer, Inbox]:
    inbox = Inbox()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"])).decode()
            with inbox.lock:
                inbox.messages.append((body, {k.lower(): v for k, v in self.headers.items()}))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, inbox


@dataclass
class Live:
    server: Server
    native: httpx.Client
    whop_key: str
    company: str
    member: str
    payment_method: str
    secret: str
    inbox: Inbox

    @property
    def base_url(self) -> str:
        return f"{self.server.url}/whop/api/v1"


@pytest.fixture(scope="module")
def live(database: MigratedDatabase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    for python, _ in SDKS.values():
        if not python.exists():
            pytest.fail(f"{python} is missing: run `make install-dev` to build the SDK venvs")
    env = remit_env(database.url, TEST_SECRET, REMIT_WEBHOOK_ALLOW_PRIVATE="1",
                    REMIT_WORKER_POLL_SECONDS="0.2")  # fmt: skip
    account = cli_json("accounts", "create", "--name", "Whop Co", "--json", env=env)
    account_id = account["account"]["id"]
    keys = cli_json("keys", "create", "--account", account_id, "--kind", "whop", "--json", env=env)
    inbox_server, inbox = start_inbox()
    with serve(env, tmp_path_factory.mktemp("whop")) as server, httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {account['api_key']}"}
    ) as native:  # fmt: skip
        endpoint = native.post(
            "/v1/webhook_endpoints",
            json={"url": f"http://127.0.0.1:{inbox_server.server_port}/whop", "format": "whop"},
        ).json()
        customer = native.post("/v1/customers", json={"email": "m@example.com", "name": "M"})
        member = customer.json()["id"]
        method = native.post(f"/v1/customers/{member}/payment_methods",
                             json={"type": "card", "token": "tok_visa"}).json()  # fmt: skip
        yield Live(server, native, keys["api_key"], "biz_" + account_id.partition("_")[2],
                   "mber_" + member.partition("_")[2], "pmt_" + method["id"].partition("_")[2],
                   endpoint["secret"], inbox)  # fmt: skip
    inbox_server.shutdown()


def run_sdk(sdk: str, mode: str, config: dict[str, Any], directory: Path) -> dict[str, Any]:
    python, script = SDKS[sdk]
    path = directory / f"{mode}.json"
    path.write_text(json.dumps(config))
    done = subprocess.run([str(python), str(script), mode, str(path)], capture_output=True,
                          text=True, timeout=180)  # fmt: skip
    assert done.returncode == 0, f"whop-sdk {sdk} {mode} failed:\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("sdk", list(SDKS))
def test_sdk_runs_the_invoice_api(live: Live, sdk: str, tmp_path: Path) -> None:
    product = live.native.post("/v1/products", json={"name": f"Product {sdk}"}).json()["id"]
    config = {
        "base_url": live.base_url, "api_key": live.whop_key, "company": live.company,
        "member": live.member, "payment_method": live.payment_method, "product": product,
    }  # fmt: skip
    result = run_sdk(sdk, "lifecycle", config, tmp_path)

    def native(invoice_id: str) -> dict[str, Any]:
        return live.native.get(f"/v1/invoices/{invoice_id}").json()

    price = {"0.0.35": "10.50", "2.6.0": "20.00"}[sdk]
    marked = native(result["member"])
    assert (marked["status"], marked["total"], marked["amount_paid"]) == ("paid", price, price)
    assert marked["number"] == result["numbers"][result["member"]]
    assert native(result["email"])["status"] == "void"
    charged = native(result["charged"])
    assert (charged["status"], charged["collection_method"]) == ("paid", "charge_automatically")
    assert native(result["lost"])["status"] == "uncollectible"


def _wait_for(inbox: Inbox, invoice_id: str, types: set[str]) -> list[tuple[dict, str, dict]]:  # type: ignore[type-arg]
    deadline = time.monotonic() + 30
    while not types <= {m[0]["type"] for m in inbox.of(invoice_id)}:
        assert time.monotonic() < deadline, [m[0]["type"] for m in inbox.of(invoice_id)]
        time.sleep(0.1)
    return inbox.of(invoice_id)


def test_webhooks_verify_with_both_sdks(live: Live, tmp_path: Path) -> None:
    key = {"Authorization": f"Bearer {live.whop_key}"}
    whop = httpx.Client(base_url=live.base_url, headers=key)
    due = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    body = {
        "company_id": live.company, "collection_method": "send_invoice", "due_date": due,
        "member_id": live.member, "plan": {"initial_price": 5}, "product": {"title": "Hook"},
    }  # fmt: skip
    late, voided, lost = (whop.post("/invoices", json=body).json()["id"] for _ in range(3))
    _wait_for(live.inbox, late, {"invoice.created", "invoice.past_due"})
    assert whop.post(f"/invoices/{late}/mark_paid").json() is True
    whop.post(f"/invoices/{voided}/void")
    whop.post(f"/invoices/{lost}/mark_uncollectible")
    received = [
        *_wait_for(live.inbox, late, {"invoice.created", "invoice.past_due", "invoice.paid"}),
        *_wait_for(live.inbox, voided, {"invoice.voided"}),
        *_wait_for(live.inbox, lost, {"invoice.marked_uncollectible"}),
    ]
    payload, _, headers = received[0]
    assert payload["id"] == headers["webhook-id"] and payload["id"].startswith("msg_")
    assert (payload["api_version"], payload["company_id"]) == ("v1", live.company)
    assert {m[0]["type"] for m in received} == INVOICE_EVENTS
    messages = [{"body": raw, "headers": {k: v for k, v in h.items() if k.startswith("webhook-")}}
                for _, raw, h in received]  # fmt: skip
    expected = [[m[0]["type"], m[0]["data"]["id"]] for m in received]
    for sdk in SDKS:
        config = {"base_url": live.base_url, "secret": live.secret, "messages": messages}
        result = run_sdk(sdk, "verify", config, tmp_path)
        assert result == {"seen": expected, "tampered_rejected": True}, sdk
