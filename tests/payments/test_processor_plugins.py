"""Processors plug in through the `remit.processors` entry point group (docs/payments.md)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from remit.app import create_app
from remit.payments.processors import registry
from remit.runtime import Runtime
from tests.support import Api, TenantApi, expect

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed_plugin(tmp_path: Path) -> Iterator[None]:
    """Install docs/examples/processor_plugin.py the way pip would: a module and a
    .dist-info folder declaring the entry point, on the import path."""
    shutil.copy(ROOT / "docs" / "examples" / "processor_plugin.py", tmp_path)
    info = tmp_path / "ledger_processor-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ledger-processor\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[remit.processors]\nledger = processor_plugin:LedgerProcessor\n"
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("processor_plugin", None)


async def test_an_installed_plugin_charges_through_the_api(
    installed_plugin: None, api: TenantApi, runtime: Runtime
) -> None:
    fresh = replace(runtime)
    fresh.processors = registry.load(fresh)
    assert "ledger" in fresh.processors
    transport = httpx.ASGITransport(app=create_app(fresh))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
        client_api = Api(client, api.headers)
        customer = await api.customer()
        body = {"type": "card", "token": "ledger_0042", "processor": "ledger", "is_default": True}
        method = expect(
            await client_api.post(f"/v1/customers/{customer['id']}/payment_methods", body), 201
        )
        assert (method["processor"], method["brand"], method["last4"]) == (
            "ledger",
            "ledger",
            "0042",
        )
        invoice = await api.open_invoice(customer=customer["id"], collection_method="send_invoice")
        paid = expect(await client_api.post(f"/v1/invoices/{invoice['id']}/pay", {}), 200)
        assert paid["status"] == "paid"
        refused = await client_api.post(
            f"/v1/customers/{customer['id']}/payment_methods",
            {"type": "card", "token": "tok_visa", "processor": "ledger"},
        )
        assert expect(refused, 422)["code"] == "invalid_token"
