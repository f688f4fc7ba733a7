"""The generated Python client (clients/python, package `remit-client`) against a live
`remit serve`: the main journey through its typed functions and models — customer, invoice
sent for payment, a line, finalize, read, list, a recorded payment, paid — the errors as typed
responses, and the README's example run as written."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from remit_client import AuthenticatedClient
from remit_client.api.customers import create_customer
from remit_client.api.invoices import (
    create_invoice,
    create_item,
    finalize_invoice,
    get_invoice,
    list_invoices,
)
from remit_client.api.settlements import record_settlement
from remit_client.models import (
    CustomerCreate,
    CustomerOut,
    InvoiceCreate,
    InvoiceItemCreate,
    InvoiceOut,
    ListOutInvoiceOut,
    SettlementCreate,
    SettlementOut,
)
from remit_client.types import Response

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import Server, cli_json, remit_env, serve

pytestmark = [pytest.mark.processes, pytest.mark.slow]

T = TypeVar("T")
TIMEOUT = httpx.Timeout(60)
README = Path(__file__).resolve().parents[2] / "clients" / "python" / "README.md"


@pytest.fixture(scope="module")
def env(database: MigratedDatabase) -> dict[str, str]:
    return remit_env(database.url, TEST_SECRET)


@pytest.fixture(scope="module")
def server(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(env, tmp_path_factory.mktemp("client")) as server:
        yield server


def new_key(env: dict[str, str], name: str) -> str:
    """The test key of a new account: each test starts with invoice #0001."""
    return str(cli_json("accounts", "create", "--name", name, "--json", env=env)["api_key"])


@pytest.fixture
async def remit(server: Server, env: dict[str, str]) -> AsyncIterator[AuthenticatedClient]:
    key = new_key(env, "Client Co")
    client = AuthenticatedClient(base_url=server.url, token=key, timeout=TIMEOUT)
    async with client:
        yield client


def parsed(response: Response[Any], status: HTTPStatus, kind: type[T]) -> T:
    assert response.status_code == status, response.content
    assert isinstance(response.parsed, kind), response.parsed
    return response.parsed


def problem_code(response: Response[Any], status: HTTPStatus) -> str:
    """The problem's code; where the document lists the status, the typed body agrees."""
    assert response.status_code == status, response.content
    assert response.headers["content-type"].startswith("application/problem+json")
    code = str(json.loads(response.content)["code"])
    if response.parsed is not None:
        assert getattr(response.parsed, "code", None) == code, response.parsed
    return code


class TestMainJourney:
    async def test_an_invoice_sent_for_payment_is_paid_by_a_recorded_settlement(
        self, remit: AuthenticatedClient
    ) -> None:
        customer = await self.create_customer(remit)
        draft = await self.create_draft(remit, customer)
        await self.add_line(remit, draft)
        issued = await self.finalize(remit, draft)
        read = parsed(
            await get_invoice.asyncio_detailed(client=remit, invoice_id=draft.id),
            HTTPStatus.OK,
            InvoiceOut,
        )
        assert read.number == "#0001" and [line.amount for line in read.lines] == ["950.00"]
        listed = parsed(
            await list_invoices.asyncio_detailed(client=remit, customer=customer.id),
            HTTPStatus.OK,
            ListOutInvoiceOut,
        )
        assert [invoice.id for invoice in listed.data] == [draft.id]
        await self.record_payment(remit, issued)
        paid = await get_invoice.asyncio(client=remit, invoice_id=draft.id)
        assert isinstance(paid, InvoiceOut) and paid.status == "paid"
        assert Decimal(paid.amount_paid) == Decimal("1140.00")
        assert Decimal(paid.amount_remaining) == 0

    async def create_customer(self, remit: AuthenticatedClient) -> CustomerOut:
        body = CustomerCreate(email="ada@example.com", name="Ada Lovelace")
        response = await create_customer.asyncio_detailed(client=remit, body=body)
        customer = parsed(response, HTTPStatus.CREATED, CustomerOut)
        assert customer.id.startswith("cus_") and customer.email == "ada@example.com"
        return customer

    async def create_draft(self, remit: AuthenticatedClient, customer: CustomerOut) -> InvoiceOut:
        body = InvoiceCreate(
            customer=customer.id, collection_method="send_invoice", days_until_due=14
        )
        response = await create_invoice.asyncio_detailed(client=remit, body=body)
        draft = parsed(response, HTTPStatus.CREATED, InvoiceOut)
        assert (draft.status, draft.number, draft.total) == ("draft", None, "0.00")
        return draft

    async def add_line(self, remit: AuthenticatedClient, draft: InvoiceOut) -> None:
        assert isinstance(draft.customer, str)
        body = InvoiceItemCreate(
            customer=draft.customer, invoice=draft.id, description="Design",
            quantity="10", unit_amount="95.00", tax_rate="20",
        )  # fmt: skip
        response = await create_item.asyncio_detailed(client=remit, body=body)
        assert response.status_code == HTTPStatus.CREATED, response.content

    async def finalize(self, remit: AuthenticatedClient, draft: InvoiceOut) -> InvoiceOut:
        response = await finalize_invoice.asyncio_detailed(client=remit, invoice_id=draft.id)
        issued = parsed(response, HTTPStatus.OK, InvoiceOut)
        assert (issued.status, issued.number) == ("open", "#0001")
        assert (issued.subtotal, issued.tax_amount, issued.total) == ("950.00", "190.00", "1140.00")
        assert issued.collection_method == "send_invoice" and issued.finalized_at is not None
        assert issued.due_at == issued.finalized_at + timedelta(days=14)
        return issued

    async def record_payment(self, remit: AuthenticatedClient, issued: InvoiceOut) -> None:
        body = SettlementCreate(
            method="bank_transfer", amount=issued.amount_due, reference="SEPA-4711"
        )
        response = await record_settlement.asyncio_detailed(
            client=remit, invoice_id=issued.id, body=body
        )
        settlement = parsed(response, HTTPStatus.CREATED, SettlementOut)
        assert (settlement.status, settlement.amount) == ("confirmed", "1140.00")


class TestIdempotency:
    async def test_a_retried_create_with_its_key_is_answered_once(
        self, remit: AuthenticatedClient
    ) -> None:
        body = CustomerCreate(email="once@example.com")
        first, retry = [
            await create_customer.asyncio_detailed(client=remit, body=body, idempotency_key="c-1")
            for _ in range(2)
        ]
        created = parsed(first, HTTPStatus.CREATED, CustomerOut)
        assert parsed(retry, HTTPStatus.CREATED, CustomerOut).id == created.id
        assert retry.headers["idempotent-replayed"] == "true"


class TestErrors:
    async def test_an_unknown_invoice_is_a_404_problem(self, remit: AuthenticatedClient) -> None:
        response = await get_invoice.asyncio_detailed(client=remit, invoice_id="inv_missing")
        assert problem_code(response, HTTPStatus.NOT_FOUND) == "resource_missing"

    async def test_finalizing_twice_is_a_409_problem(self, remit: AuthenticatedClient) -> None:
        body = InvoiceCreate.from_dict(
            {"customer": {"email": "twice@example.com"}, "lines": [{"unit_amount": "5.00"}]}
        )
        response = await create_invoice.asyncio_detailed(client=remit, body=body)
        draft = parsed(response, HTTPStatus.CREATED, InvoiceOut)
        first = await finalize_invoice.asyncio_detailed(client=remit, invoice_id=draft.id)
        assert first.status_code == HTTPStatus.OK
        again = await finalize_invoice.asyncio_detailed(client=remit, invoice_id=draft.id)
        assert problem_code(again, HTTPStatus.CONFLICT) == "invoice_not_draft"

    def test_an_unknown_key_is_a_401_problem(self, server: Server) -> None:
        with AuthenticatedClient(base_url=server.url, token="rk_test_unknown") as stranger:
            response = get_invoice.sync_detailed(client=stranger, invoice_id="inv_any")
        assert problem_code(response, HTTPStatus.UNAUTHORIZED) == "unauthorized"


class TestReadme:
    def test_the_example_runs_as_written(self, server: Server, env: dict[str, str]) -> None:
        example = re.search(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
        assert example is not None, "clients/python/README.md has no Python example"
        code = example[1].replace("http://127.0.0.1:8000", server.url)
        code = code.replace("rk_test_…", new_key(env, "Readme Co"))
        exec(compile(code, str(README), "exec"), {})
