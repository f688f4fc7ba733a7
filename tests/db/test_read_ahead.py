"""`read_ahead`: a batch reads its objects in one statement, and the `find`s of the work that
follows, one object at a time, take them from there — within the tenant, a locked find only
of a locked read, and only until the transaction ends."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from remit.context import Context
from remit.customers.repository import CustomerRepository
from remit.db.repository import known_none
from remit.invoices import items
from remit.invoices.repository import InvoiceRepository
from remit.runtime import Runtime
from remit.subscriptions.repository import SubscriptionRepository
from tests.support import QueryCounter, TenantApi, expect


@asynccontextmanager
async def _as_worker(runtime: Runtime, account_id: str) -> AsyncIterator[Context]:
    """A write transaction as the worker, in the account's test mode."""
    async with runtime.db.write() as session:
        yield runtime.context(session, account_id, "worker", livemode=False)


async def _customers(api: TenantApi, count: int) -> list[str]:
    return [(await api.customer(email=f"c{n}@example.com"))["id"] for n in range(count)]


async def test_finds_after_a_read_ahead_send_no_statement(
    api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    ids = await _customers(api, 3)
    async with _as_worker(runtime, api.account_id) as ctx:
        queries.reset()
        found = await CustomerRepository(ctx).read_ahead(reversed(ids), lock=True)
        assert [customer.id for customer in found] == sorted(ids)  # locked in id order
        assert queries.count == 1
        for customer_id in ids:
            assert (await CustomerRepository(ctx).get_for_update(customer_id)).id == customer_id
            assert (await CustomerRepository(ctx).get(customer_id)).id == customer_id
        assert queries.count == 1
        # Another variant of a repository reads for itself: its shape may load other things.
        subscriptions = SubscriptionRepository(ctx, items=True)
        await subscriptions.read_ahead(["sub_missing"])
        assert await SubscriptionRepository(ctx).find("sub_missing") is None
        assert queries.count == 3


async def test_an_unlocked_read_ahead_leaves_locked_finds_to_the_database(
    api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    (customer_id,) = await _customers(api, 1)
    async with _as_worker(runtime, api.account_id) as ctx:
        await CustomerRepository(ctx).read_ahead([customer_id])
        queries.reset()
        await CustomerRepository(ctx).get(customer_id)
        assert queries.count == 0
        await CustomerRepository(ctx).get_for_update(customer_id)
        assert len(queries.selects_from("customers")) == 1


async def test_a_read_ahead_stays_in_its_tenant_and_its_transaction(
    api: TenantApi, other_api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    (mine,) = await _customers(api, 1)
    (theirs,) = await _customers(other_api, 1)
    async with _as_worker(runtime, api.account_id) as ctx:
        found = await CustomerRepository(ctx).read_ahead([mine, theirs], lock=True)
        assert [customer.id for customer in found] == [mine]
        live = runtime.context(ctx.session, api.account_id, "worker", livemode=True)
        queries.reset()
        assert await CustomerRepository(live).find(mine) is None  # the other mode asks
        assert queries.count == 1
    async with _as_worker(runtime, api.account_id) as ctx:
        queries.reset()
        await CustomerRepository(ctx).get(mine)
        assert queries.count == 1  # a new transaction reads again


async def test_an_object_deleted_since_its_read_ahead_is_asked_for_again(
    api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    (customer_id,) = await _customers(api, 1)
    async with _as_worker(runtime, api.account_id) as ctx:
        [customer] = await CustomerRepository(ctx).read_ahead([customer_id], lock=True)
        await ctx.session.delete(customer)
        await ctx.session.flush()
        queries.reset()
        assert await CustomerRepository(ctx).find(customer_id, lock=True) is None
        assert len(queries.selects_from("customers")) == 1
        await ctx.session.rollback()


async def test_on_postgresql_each_id_is_looked_up_by_its_key(
    api: TenantApi, runtime: Runtime, queries: QueryCounter, backend: str
) -> None:
    """The tables of a new account have no statistics yet (and this machine's server runs
    without autovacuum): `id IN (…)` was answered by reading every row of the account. The
    read-ahead's statements must touch the rows asked for and no other."""
    if backend != "postgresql":
        pytest.skip("the LATERAL lookup is PostgreSQL's; SQLite finds ids by the key")
    made = [(await api.invoice())["id"] for _ in range(30)]
    wanted = made[5:8]
    async with _as_worker(runtime, api.account_id) as ctx:
        for lock in (False, True):
            queries.reset()
            found = await InvoiceRepository(ctx).read_ahead(wanted, lock=lock)
            assert [invoice.id for invoice in found] == sorted(wanted)
            assert all(len(invoice.lines) == 1 for invoice in found)
            assert len(queries.statements) == 2  # the invoices, then their lines
            raw = (await ctx.session.connection()).sync_connection
            assert raw is not None
            driver = raw.connection.driver_connection
            for statement, parameters in zip(queries.statements, queries.parameters, strict=True):
                plan = await driver.fetchval(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}",
                                             *parameters)  # fmt: skip
                tree = json.loads(plan) if isinstance(plan, str) else plan  # json: decoded
                scans = list(_scans(tree[0]["Plan"]))
                assert scans, plan
                for node in scans:  # one row a lookup, none read and thrown away
                    assert node.get("Rows Removed by Filter", 0) == 0, plan
                    assert node.get("Rows Removed by Index Recheck", 0) == 0, plan
                    assert node["Actual Rows"] * node["Actual Loops"] == len(wanted), plan


def _scans(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The plan's nodes that read the invoices or their lines."""
    if node.get("Relation Name") in ("invoices", "invoice_lines"):
        yield node
    for child in node.get("Plans", []):
        yield from _scans(child)


async def test_made_objects_are_held_without_a_statement(
    api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    (customer_id,) = await _customers(api, 1)
    async with _as_worker(runtime, api.account_id) as ctx:
        customer = await CustomerRepository(ctx).get(customer_id)
        customer.name = "Changed, not written yet"
        CustomerRepository(ctx).hold_made([customer])
        queries.reset()
        again = await CustomerRepository(ctx).get_for_update(customer_id)
        assert again is customer and again.name == "Changed, not written yet"
        assert queries.count == 0
        await ctx.session.rollback()


async def test_what_a_read_found_none_of_answers_once(
    api: TenantApi, other_api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    with_one, without = await _customers(api, 2)
    item = {"customer": with_one, "unit_amount": "5.00", "currency": "EUR"}
    expect(await api.post("/v1/invoice_items", item), 201)
    async with _as_worker(runtime, api.account_id) as ctx:
        queries.reset()
        await items.read_pending_ahead(ctx, [with_one, without])
        assert queries.count == 1
        assert len(await items.pending_of(ctx, with_one, "EUR")) == 1  # asked: has some
        assert queries.count == 2
        assert await items.pending_of(ctx, without, "EUR") == []  # known: none
        assert queries.count == 2
        assert await items.pending_of(ctx, without, "EUR") == []  # asked again
        assert queries.count == 3
        other = runtime.context(ctx.session, other_api.account_id, "worker", livemode=False)
        await items.read_pending_ahead(ctx, [without])
        assert known_none(other, "pending_items", without) is False  # another tenant's
        live = runtime.context(ctx.session, api.account_id, "worker", livemode=True)
        assert known_none(live, "pending_items", without) is False  # another mode's
    async with _as_worker(runtime, api.account_id) as ctx:
        assert known_none(ctx, "pending_items", without) is False  # another transaction's
