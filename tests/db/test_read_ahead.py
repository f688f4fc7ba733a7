"""`read_ahead`: a batch reads its objects in one statement, and the `find`s of the work that
follows, one object at a time, take them from there — within the tenant, a locked find only
of a locked read, and only until the transaction ends."""

from __future__ import annotations

from remit.customers.repository import CustomerRepository
from remit.runtime import Runtime
from remit.subscriptions.repository import SubscriptionRepository
from tests.support import QueryCounter, TenantApi


async def _customers(api: TenantApi, count: int) -> list[str]:
    return [(await api.customer(email=f"c{n}@example.com"))["id"] for n in range(count)]


async def test_finds_after_a_read_ahead_send_no_statement(
    api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    ids = await _customers(api, 3)
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
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
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
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
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        found = await CustomerRepository(ctx).read_ahead([mine, theirs], lock=True)
        assert [customer.id for customer in found] == [mine]
        live = runtime.context(session, api.account_id, "worker", livemode=True)
        queries.reset()
        assert await CustomerRepository(live).find(mine) is None  # the other mode asks
        assert queries.count == 1
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        queries.reset()
        await CustomerRepository(ctx).get(mine)
        assert queries.count == 1  # a new transaction reads again


async def test_an_object_deleted_since_its_read_ahead_is_asked_for_again(
    api: TenantApi, runtime: Runtime, queries: QueryCounter
) -> None:
    (customer_id,) = await _customers(api, 1)
    async with runtime.db.write() as session:
        ctx = runtime.context(session, api.account_id, "worker", livemode=False)
        [customer] = await CustomerRepository(ctx).read_ahead([customer_id], lock=True)
        await session.delete(customer)
        await session.flush()
        queries.reset()
        assert await CustomerRepository(ctx).find(customer_id, lock=True) is None
        assert len(queries.selects_from("customers")) == 1
        await session.rollback()
