"""Record a subscription's usage, and read it back.

A record becomes an invoice item priced at the subscription's plan (quantity × the plan's
amount): on a draft invoice of the customer when one is named, else pending for the
customer's next invoice in the plan's currency. Its identifier is unique per subscription
in the database, so the same usage sent twice — even by two requests at once — is recorded
once; the second is a 409 and changes nothing.
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.sql.dml import ReturningInsert

from remit.context import Context, flushed
from remit.db.engine import insert_for
from remit.db.repository import in_tenant
from remit.invoices import items
from remit.invoices.models import InvoiceLine
from remit.kernel.ids import id_time
from remit.kernel.pagination import Page, PageRequest
from remit.plans.repository import PlanRepository
from remit.subscriptions.repository import SubscriptionRepository
from remit.usage.errors import DuplicateUsageRecord
from remit.usage.models import UsageRecord
from remit.usage.repository import UsageRecordRepository
from remit.usage.schemas import UsageRecordCreate


@flushed
async def record_usage(
    ctx: Context, subscription_id: str, data: UsageRecordCreate
) -> tuple[UsageRecord, str | None]:
    """The new record, and the invoice it is billed on (None: pending for the next one)."""
    subscription = await SubscriptionRepository(ctx).get(subscription_id, param="subscription")
    plan = await PlanRepository(ctx).get(subscription.plan_id)
    item = await items.create_item(
        ctx,
        items.ItemIn(
            customer=subscription.customer_id, unit_amount=plan.amount, quantity=data.quantity,
            currency=plan.currency, invoice=data.invoice,
            description=f"{plan.nickname or 'Usage'}: {data.identifier}",
        ),
    )  # fmt: skip
    record_id = ctx.new_id("ur")
    values = {
        "account_id": ctx.account_id, "livemode": ctx.livemode, "id": record_id,
        "subscription_id": subscription.id,
        "customer_id": subscription.customer_id, "identifier": data.identifier,
        "quantity": data.quantity, "occurred_at": data.timestamp or ctx.now, "item_id": item.id,
        "created_at": id_time(record_id),
    }  # fmt: skip
    inserted = await ctx.session.scalar(_insert_once(ctx, values))
    if inserted is None:
        raise DuplicateUsageRecord(
            f"Usage '{data.identifier}' of subscription {subscription.id} is recorded already."
        )
    return await UsageRecordRepository(ctx).get(record_id), item.invoice_id


def _insert_once(ctx: Context, values: dict[str, object]) -> ReturningInsert[str]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: nothing comes back for a duplicate, and
    the transaction goes on (no failed statement to roll back on PostgreSQL)."""
    return (
        insert_for(ctx.session, UsageRecord)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["account_id", "subscription_id", "identifier"])
        .returning(UsageRecord.id)
    )


async def list_usage(
    ctx: Context, subscription_id: str, page: PageRequest
) -> tuple[Page[UsageRecord], dict[str, str]]:
    """A page of the subscription's records, and the invoice each one's item is on."""
    await SubscriptionRepository(ctx).ensure_exists(subscription_id)
    found = await UsageRecordRepository(ctx).for_subscription(subscription_id, page)
    return found, await _invoices_of(ctx, [record.item_id for record in found.items])


@flushed
async def usage_on_invoice(ctx: Context, invoice_id: str) -> list[UsageRecord]:
    """The records billed on one invoice, oldest first."""
    statement = (
        select(UsageRecord)
        .join(InvoiceLine, and_(InvoiceLine.account_id == UsageRecord.account_id,
                                InvoiceLine.id == UsageRecord.item_id))
        .where(in_tenant(ctx, UsageRecord), InvoiceLine.invoice_id == invoice_id)
        .order_by(UsageRecord.id)
    )  # fmt: skip
    return list(await ctx.session.scalars(statement))


async def _invoices_of(ctx: Context, item_ids: list[str]) -> dict[str, str]:
    if not item_ids:
        return {}
    rows = await ctx.session.execute(
        select(InvoiceLine.id, InvoiceLine.invoice_id).where(
            in_tenant(ctx, InvoiceLine), InvoiceLine.id.in_(item_ids)
        )
    )
    return {row.id: row.invoice_id for row in rows}
