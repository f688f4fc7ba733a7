"""A quantity of a plan as invoice lines: what an invoice for a plan bills, and what a
subscription's billing run, its prorations and its upcoming invoice bill."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from remit.context import Context
from remit.invoices.schemas import LineIn
from remit.plans import pricing
from remit.plans.models import Plan
from remit.plans.repository import ProductRepository


async def plan_name(ctx: Context, plan: Plan) -> str:
    """How lines name a plan: its nickname, or its product's name."""
    return plan.nickname or (await ProductRepository(ctx).get(plan.product_id)).name


async def plan_lines(
    ctx: Context,
    plan: Plan,
    quantity: Decimal,
    *,
    period_start: datetime | None = None,
    period_end: datetime | None = None,
) -> list[LineIn]:
    """One line named after the plan for a plain per-unit price; for tiers and packages, a
    line per tier used and per flat fee, named after it too. Parts of no quantity are left
    out: their lines would cost nothing."""
    name = await plan_name(ctx, plan)
    plain = plan.billing_scheme == "per_unit" and plan.transform_quantity is None
    return [
        LineIn(
            description=name if plain else f"{name} — {line.description}",
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            period_start=period_start,
            period_end=period_end,
            product=plan.product_id,
        )
        for line in pricing.lines(plan, quantity)
        if line.quantity > 0
    ]
