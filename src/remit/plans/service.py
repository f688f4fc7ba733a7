"""Catalog use cases: create products and plans, and change what does not alter a price."""

from __future__ import annotations

from decimal import Decimal

from remit.accounts.service import get_account
from remit.context import Context, flushed
from remit.events import service as events
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned, merged
from remit.plans import pricing
from remit.plans.models import Plan, Product
from remit.plans.repository import MeterRepository, PlanRepository, ProductRepository
from remit.plans.schemas import (
    PlanCreate,
    PlanOut,
    PlanUpdate,
    ProductCreate,
    ProductOut,
    ProductUpdate,
)


async def create_product(ctx: Context, data: ProductCreate) -> Product:
    product_id = ctx.new_id("prod")
    product = Product(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=product_id,
        name=data.name,
        description=data.description,
        active=data.active,
        metadata_=cleaned(data.metadata),
        created_at=id_time(product_id),
        updated_at=id_time(product_id),
    )
    ProductRepository(ctx).add(product)
    events.record(ctx, "product.created", ProductOut.of(product))
    return product


@flushed
async def create_plan(ctx: Context, data: PlanCreate) -> Plan:
    await ProductRepository(ctx).get(data.product, param="product")
    currency = data.currency or (await get_account(ctx)).default_currency
    price = pricing.checked_price(data, currency)
    if data.meter is not None:
        await MeterRepository(ctx).get(data.meter, param="meter")
    plan_id = ctx.new_id("plan")
    plan = Plan(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=plan_id,
        product_id=data.product,
        nickname=data.nickname,
        amount=price.unit_amount or Decimal(0),
        currency=currency,
        **pricing.stored(price),
        usage_type=data.usage_type,
        meter_id=data.meter,
        interval=data.interval,
        interval_count=data.interval_count,
        trial_days=data.trial_days,
        active=data.active,
        metadata_=cleaned(data.metadata),
        created_at=id_time(plan_id),
        updated_at=id_time(plan_id),
    )
    PlanRepository(ctx).add(plan)
    events.record(ctx, "plan.created", PlanOut.of(plan))
    return plan


async def update_product(ctx: Context, product_id: str, data: ProductUpdate) -> Product:
    product = await ProductRepository(ctx).get_for_update(product_id)
    sent = data.model_dump(exclude_unset=True)
    for field in ("name", "description", "active"):
        if field in sent and (field == "description" or sent[field] is not None):
            setattr(product, field, sent[field])
    if data.metadata is not None:
        product.metadata_ = merged(product.metadata_, data.metadata)
    product.updated_at = ctx.now
    events.record(ctx, "product.updated", ProductOut.of(product))
    return product


async def update_plan(ctx: Context, plan_id: str, data: PlanUpdate) -> Plan:
    """Its nickname, whether it is offered, its metadata: never its price (PlanUpdate)."""
    plan = await PlanRepository(ctx).get_for_update(plan_id)
    sent = data.model_dump(exclude_unset=True)
    if "nickname" in sent:
        plan.nickname = data.nickname
    if data.active is not None:
        plan.active = data.active
    if data.metadata is not None:
        plan.metadata_ = merged(plan.metadata_, data.metadata)
    plan.updated_at = ctx.now
    events.record(ctx, "plan.updated", PlanOut.of(plan))
    return plan


# — reads —


@flushed
async def get_product(ctx: Context, product_id: str, *, param: str | None = None) -> Product:
    return await ProductRepository(ctx).get(product_id, param=param)


@flushed
async def find_product(ctx: Context, product_id: str) -> Product | None:
    return await ProductRepository(ctx).find(product_id)


@flushed
async def find_plan(ctx: Context, plan_id: str) -> Plan | None:
    return await PlanRepository(ctx).find(plan_id)


@flushed
async def get_plan(ctx: Context, plan_id: str, *, param: str | None = None) -> Plan:
    return await PlanRepository(ctx).get(plan_id, param=param)


@flushed
async def all_products(ctx: Context) -> list[Product]:
    """Every product of the account, newest first (for APIs that do not page them)."""
    return await ProductRepository(ctx).everything()


@flushed
async def plans_of(ctx: Context, product_ids: list[str]) -> dict[str, list[Plan]]:
    """Every plan of these products, newest first, by product (one query)."""
    return await PlanRepository(ctx).of_products(product_ids)
