"""Subscription use cases (creation; billing cycles come later)."""

from __future__ import annotations

from remit.context import Context, flushed
from remit.customers.repository import CustomerRepository
from remit.events import service as events
from remit.kernel.ids import id_time, new_id
from remit.kernel.metadata import cleaned
from remit.payments.repository import PaymentMethodRepository
from remit.plans.repository import PlanRepository
from remit.subscriptions.errors import SubscriptionCanceled
from remit.subscriptions.models import Subscription
from remit.subscriptions.periods import period_end
from remit.subscriptions.repository import SubscriptionRepository
from remit.subscriptions.schemas import SubscriptionCreate, SubscriptionOut


@flushed
async def create_subscription(ctx: Context, data: SubscriptionCreate) -> Subscription:
    customer = await CustomerRepository(ctx).get(data.customer, param="customer")
    plan = await PlanRepository(ctx).get(data.plan, param="plan")
    if data.payment_method is not None:
        await PaymentMethodRepository(ctx).of_customer(
            customer.id, data.payment_method, param="payment_method"
        )
    subscription_id = new_id("sub", ctx.now)
    start = id_time(subscription_id)
    subscription = Subscription(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=subscription_id,
        customer_id=customer.id,
        plan_id=plan.id,
        payment_method_id=data.payment_method,
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


async def cancel_subscription(ctx: Context, subscription_id: str) -> Subscription:
    """Cancel now. Canceling a canceled subscription is refused (409), like any repeated
    transition; its invoices are not touched."""
    subscription = await SubscriptionRepository(ctx).get_for_update(subscription_id)
    if subscription.status == "canceled":
        raise SubscriptionCanceled(f"Subscription {subscription.id} is already canceled.")
    subscription.status, subscription.canceled_at = "canceled", ctx.now
    subscription.updated_at = ctx.now
    events.record(ctx, "subscription.canceled", SubscriptionOut.of(subscription))
    return subscription


@flushed
async def find_subscription(ctx: Context, subscription_id: str) -> Subscription | None:
    return await SubscriptionRepository(ctx).find(subscription_id)


@flushed
async def get_subscription(ctx: Context, subscription_id: str) -> Subscription:
    return await SubscriptionRepository(ctx).get(subscription_id)
