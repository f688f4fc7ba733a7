"""Test mode and live mode: one account, two sets of books that never meet (docs/api.md).

A key has a mode; everything it makes carries that mode, and everything of the other mode is
as absent as another account's. The database refuses a reference across modes, and the
migration gave existing rows the mode their account had.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from remit.db.engine import WRITE_OPTION, create_engine
from remit.db.migrate import alembic_config, migrate
from remit.runtime import Runtime
from tests.conftest import MigratedDatabase, drop_database, make_database
from tests.support import TenantApi, expect, problem

BEFORE_MODES = "75ae19a0a192"  # the last revision where the mode was the account's


async def _test_objects(api: TenantApi) -> dict[str, str]:
    """One of each kind of object, made with the test key: path of each, by kind."""
    customer = await api.customer()
    product = expect(await api.post("/v1/products", {"name": "Seat"}), 201)
    plan = expect(
        await api.post(
            "/v1/plans",
            {"product": product["id"], "amount": "10.00", "currency": "USD", "interval": "month"},
        ),
        201,
    )
    subscription = expect(
        await api.post("/v1/subscriptions", {"customer": customer["id"], "plan": plan["id"]}), 201
    )
    invoice = await api.open_invoice(customer=customer["id"], collection_method="send_invoice")
    method = expect(
        await api.post(
            f"/v1/customers/{customer['id']}/payment_methods", {"type": "card", "token": "tok_visa"}
        ),
        201,
    )
    endpoint = expect(
        await api.post("/v1/webhook_endpoints", {"url": "https://hooks.example.com/remit"}), 201
    )
    return {
        "customer": f"/v1/customers/{customer['id']}",
        "product": f"/v1/products/{product['id']}",
        "plan": f"/v1/plans/{plan['id']}",
        "subscription": f"/v1/subscriptions/{subscription['id']}",
        "invoice": f"/v1/invoices/{invoice['id']}",
        "payment_method": f"/v1/payment_methods/{method['id']}",
        "webhook_endpoint": f"/v1/webhook_endpoints/{endpoint['id']}",
    }


class TestApart:
    async def test_every_object_carries_its_mode(self, api: TenantApi) -> None:
        live = await api.live()
        for kind, path in (await _test_objects(api)).items():
            assert expect(await api.get(path), 200)["livemode"] is False, kind
        customer = await live.customer()
        assert customer["livemode"] is True

    async def test_the_other_mode_s_objects_answer_404(self, api: TenantApi) -> None:
        live = await api.live()
        objects = await _test_objects(api)
        for path in objects.values():
            problem(await live.get(path), 404, "resource_missing")
        for kind in ("customer", "invoice", "webhook_endpoint"):  # changes too
            changed = await live.patch(objects[kind], {"metadata": {"k": "v"}})
            problem(changed, 404, "resource_missing")
        for kind in ("customer", "invoice", "webhook_endpoint"):  # and deletions
            problem(await live.delete(objects[kind]), 404, "resource_missing")
        assert expect(await api.get(objects["customer"]), 200)["metadata"] == {}

    async def test_lists_and_events_hold_one_mode(self, api: TenantApi) -> None:
        live = await api.live()
        await _test_objects(api)
        for path in ("/v1/customers", "/v1/invoices", "/v1/products", "/v1/webhook_endpoints"):
            assert expect(await live.get(path), 200)["data"] == [], path
            assert expect(await api.get(path), 200)["data"], path
        assert expect(await live.get("/v1/events"), 200)["data"] == []
        assert all(e["livemode"] is False for e in expect(await api.get("/v1/events"), 200)["data"])

    async def test_a_live_invoice_cannot_bill_a_test_customer(self, api: TenantApi) -> None:
        live = await api.live()
        customer = await api.customer()
        refused = await live.post(
            "/v1/invoices", {"customer": customer["id"], "lines": [{"unit_amount": "1.00"}]}
        )
        problem(refused, 404, "resource_missing")


class TestPerMode:
    async def test_numbers_run_per_mode(self, api: TenantApi) -> None:
        live = await api.live()
        first_test = await api.open_invoice(collection_method="send_invoice")
        first_live = await live.open_invoice(collection_method="send_invoice")
        second_test = await api.open_invoice(collection_method="send_invoice")
        assert (first_test["number"], second_test["number"]) == ("#0001", "#0002")
        assert first_live["number"] == "#0001"
        assert expect(await live.get("/v1/account"), 200)["invoice_number_next"] == 2
        assert expect(await api.get("/v1/account"), 200)["invoice_number_next"] == 3

    async def test_an_idempotency_key_is_per_mode(self, api: TenantApi) -> None:
        live = await api.live()
        headers = {"Idempotency-Key": "same-key"}
        made_test = await api.post("/v1/customers", {"name": "A"}, headers=headers)
        made_live = await live.post("/v1/customers", {"name": "A"}, headers=headers)
        assert "idempotent-replayed" not in made_live.headers
        assert expect(made_test, 201)["id"] != expect(made_live, 201)["id"]
        replay = await live.post("/v1/customers", {"name": "A"}, headers=headers)
        assert replay.headers["idempotent-replayed"] == "true"
        assert expect(replay, 201)["id"] == made_live.json()["id"]

    async def test_a_live_endpoint_gets_no_test_events(self, api: TenantApi) -> None:
        live = await api.live()
        endpoint = expect(
            await live.post("/v1/webhook_endpoints", {"url": "https://hooks.example.com/live"}),
            201,
        )
        await api.customer()
        deliveries = expect(
            await live.get(f"/v1/webhook_endpoints/{endpoint['id']}/deliveries"), 200
        )
        assert deliveries["data"] == []
        await live.customer()
        deliveries = expect(
            await live.get(f"/v1/webhook_endpoints/{endpoint['id']}/deliveries"), 200
        )
        assert [d["event_type"] for d in deliveries["data"]] == ["customer.created"]

    async def test_customer_handles_are_unique_per_mode(self, api: TenantApi) -> None:
        live = await api.live()
        await api.customer(handle="cust-1")
        assert (await live.customer(handle="cust-1"))["handle"] == "cust-1"


class TestTheModeIsTheKeys:
    async def test_the_account_cannot_be_switched_to_live(self, api: TenantApi) -> None:
        refused = await api.patch("/v1/account", {"livemode": True})
        assert refused.status_code == 400
        assert expect(await api.get("/v1/account"), 200)["livemode"] is False
        live = await api.live()
        assert expect(await live.get("/v1/account"), 200)["livemode"] is True

    async def test_keys_say_their_mode(self, api: TenantApi) -> None:
        live = await api.live()
        assert api.key.startswith("rk_test_") and live.key.startswith("rk_live_")


class TestTheDatabaseKeepsModesApart:
    """What the code never does, the database refuses anyway: a row that refers to a row of
    the other mode (the mode is part of every reference)."""

    @pytest.mark.parametrize(
        ("table", "columns"),
        [
            ("payment_methods", "customer_id, type, processor, token"),
            ("pending_invoice_items", "customer_id, currency, quantity, unit_amount"),
        ],
    )
    async def test_a_reference_across_modes_is_refused(
        self, api: TenantApi, runtime: Runtime, table: str, columns: str
    ) -> None:
        customer = await api.customer()
        values = {
            "payment_methods": ":customer, 'card', 'simulator', 'tok_visa'",
            "pending_invoice_items": ":customer, 'USD', '1', '1'",
        }[table]
        statement = (
            f"INSERT INTO {table} (account_id, id, livemode, {columns}, metadata, created_at) "
            f"VALUES (:account, :id, :live, {values}, '{{}}', CURRENT_TIMESTAMP)"
        )
        params: dict[str, Any] = {"account": api.account_id, "customer": customer["id"]}
        async with runtime.db.engine.connect() as connection:
            for live in (True, False):  # the other mode is refused; its own mode is not
                params.update(live=live, id=f"x_{secrets.token_hex(8)}")
                transaction = await connection.begin()
                try:
                    if live:
                        with pytest.raises(IntegrityError):
                            await connection.execute(text(statement), params)
                    else:
                        await connection.execute(text(statement), params)
                finally:
                    await transaction.rollback()


class TestMigration:
    async def test_existing_rows_keep_the_mode_their_account_had(
        self, backend: str, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        database = await make_database(backend, str(tmp_path_factory.mktemp("modes")), "modes")
        try:
            await _downgrade(database, BEFORE_MODES)
            await _seed_accounts(database)
            await migrate(database.url)
            engine = create_engine(database.url, pool_size=1)
            try:
                async with engine.connect() as connection:
                    rows = await connection.execute(
                        text("SELECT account_id, livemode FROM customers ORDER BY account_id")
                    )
                    assert [tuple(row) for row in rows] == [
                        ("acct_live", True),
                        ("acct_test", False),
                    ]
                    lines = await connection.execute(
                        text("SELECT id, livemode FROM invoice_lines ORDER BY id")
                    )
                    assert [tuple(row) for row in lines] == [("il_live", True), ("il_test", False)]
                    keys = await connection.execute(
                        text("SELECT id, livemode FROM api_keys ORDER BY id")
                    )
                    assert [tuple(row) for row in keys] == [("key_live", True), ("key_test", False)]
            finally:
                await engine.dispose()
        finally:
            await drop_database(database)


async def _downgrade(database: MigratedDatabase, revision: str) -> None:
    engine = create_engine(database.url, pool_size=1, foreign_keys=False)
    try:
        async with engine.connect() as connection:
            connection = await connection.execution_options(**{WRITE_OPTION: True})
            async with connection.begin():
                await connection.run_sync(
                    lambda sync: command.downgrade(alembic_config(sync), revision)
                )
    finally:
        await engine.dispose()


async def _seed_accounts(database: MigratedDatabase) -> None:
    """Two accounts as they were before modes: one live, one test, each with a customer and
    a key."""
    engine = create_engine(database.url, pool_size=1)
    try:
        async with engine.connect() as connection:
            connection = await connection.execution_options(**{WRITE_OPTION: True})
            async with connection.begin():
                for name, live in (("live", True), ("test", False)):
                    params = {
                        "account": f"acct_{name}",
                        "live": live,
                        "key": f"key_{name}",
                        "invoice": f"inv_{name}",
                        "line": f"il_{name}",
                    }
                    await connection.execute(
                        text(
                            "INSERT INTO accounts (id, name, default_currency, "
                            "invoice_number_template, invoice_number_scope, buyer_fee_percent, "
                            "branding, livemode, created_at, updated_at) VALUES (:account, 'A', "
                            "'USD', '#{seq:04}', 'account', '0', '{}', :live, CURRENT_TIMESTAMP, "
                            "CURRENT_TIMESTAMP)"
                        ),
                        params,
                    )
                    await connection.execute(
                        text(
                            "INSERT INTO customers (account_id, id, invoice_prefix, metadata, "
                            "created_at, updated_at) VALUES (:account, :key, :key, '{}', "
                            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                        ),
                        params,
                    )
                    await connection.execute(
                        text(
                            "INSERT INTO invoices (account_id, id, status, customer_id, currency, "
                            "collection_method, subtotal, discount_amount, tax_amount, total, "
                            "buyer_fee, amount_due, amount_paid, tax_breakdown, charge_buyer_fee, "
                            "attempt_count, billing_reason, metadata, created_at, updated_at, "
                            "version) VALUES (:account, :invoice, 'draft', :key, 'USD', "
                            "'send_invoice', '1', '0', '0', '1', '0', '1', '0', '[]', false, 0, "
                            "'manual', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
                        ),
                        params,
                    )
                    await connection.execute(
                        text(
                            "INSERT INTO invoice_lines (account_id, id, invoice_id, position, "
                            "quantity, unit_amount, amount, discount_amount, tax_rate, "
                            "tax_inclusive, metadata) VALUES (:account, :line, :invoice, 0, '1', "
                            "'1', '1', '0', '0', false, '{}')"
                        ),
                        params,
                    )
                    await connection.execute(
                        text(
                            "INSERT INTO api_keys (id, account_id, scopes, secret_hash, hint, "
                            "created_at) VALUES (:key, :account, '[\"*\"]', 'x', 'x', "
                            "CURRENT_TIMESTAMP)"
                        ),
                        params,
                    )
    finally:
        await engine.dispose()
