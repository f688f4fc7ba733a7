"""Reading settlements (recording them, which changes invoices, is `remit.collection`'s)."""

from __future__ import annotations

from remit.context import Context, flushed
from remit.settlements.models import Settlement
from remit.settlements.repository import SettlementRepository


@flushed
async def get_settlement(ctx: Context, settlement_id: str) -> Settlement:
    return await SettlementRepository(ctx).get(settlement_id)


@flushed
async def find_settlement(ctx: Context, settlement_id: str) -> Settlement | None:
    return await SettlementRepository(ctx).find(settlement_id)


@flushed
async def of_invoices(ctx: Context, invoice_ids: list[str]) -> dict[str, list[Settlement]]:
    """Every settlement of these invoices, oldest first, as this transaction has them."""
    return await SettlementRepository(ctx).of_invoices(invoice_ids)
