"""Catalog use cases: create products and plans."""

from __future__ import annotations

from remit.accounts.service import get_account
from remit.context import Context, flushed
from remit.events import service as events
from remit.kernel.ids import id_time, new_id
from remit.kernel.metadata import cleaned
from remit.kernel.money import MoneyError, check_amount
from remit.kernel.problems import FieldError, validation_problem
from remit.plans.models import Plan, Product
from remit.plans.repository import PlanRepository, ProductRepository
from remit.plans.schemas import PlanCreate, PlanOut, ProductCreate, ProductOut


async def create_product(ctx: Context, data: ProductCreate) -> Product:
    product_id = new_id("prod", ctx.now)
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
    try:
        check_amount(data.amount, currency)
    except MoneyError as exc:
        raise validation_problem([FieldError("amount", str(exc), exc.code)]) from None
    plan_id = new_id("plan", ctx.now)
    plan = Plan(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=plan_id,
        product_id=data.product,
        nickname=data.nickname,
        amount=data.amount,
        currency=currency,
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
