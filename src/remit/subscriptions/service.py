"""Subscription use cases (creation; billing cycles come later)."""

from __future__ import annotations

from remit.context import Context
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.kernel.ids import id_time, new_id
from remit.kernel.metadata import cleaned
from remit.plans.repository import PlanRepository
from remit.subscriptions.models import Subscription
from remit.subscriptions.periods import period_end
from remit.subscriptions.repository import SubscriptionRepository
from remit.subscriptions.schemas import SubscriptionCreate, SubscriptionOut


async def create_subscription(ctx: Context, data: SubscriptionCreate) -> Subscription:
    customer = await CustomerRepository(ctx).get(data.customer, param="customer")
    plan = await PlanRepository(ctx).get(data.plan, param="plan")
    subscription_id = new_id("sub", ctx.now)
    start = id_time(subscription_id)
    subscription = Subscription(
        account_id=ctx.account_id,
        id=subscription_id,
        customer_id=customer.id,
        plan_id=plan.id,
        status="active",
        current_period_start=start,
        current_period_end=period_end(start, plan.interval, plan.interval_count),
        metadata_=cleaned(data.metadata),
        created_at=start,
        updated_at=start,
    )
    SubscriptionRepository(ctx).add(subscription)
    events.record(ctx, "subscription.created", SubscriptionOut.of(subscription))
    return subscription
