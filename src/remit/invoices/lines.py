"""Invoice lines built from their input, shared by invoices and invoice items."""

from __future__ import annotations

from decimal import Decimal

from remit.context import Context
from remit.db.bulk import loaded
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.schemas import LineIn
from remit.kernel.metadata import cleaned

_ZERO = Decimal(0)


def line_row(
    ctx: Context, invoice: Invoice, position: int, spec: LineIn, line_id: str | None = None
) -> InvoiceLine:
    """A new line of `invoice` from its input; without a tax rate it takes the invoice's.
    Built without the constructor's attribute events (a 1 000-line invoice builds 1 000); as a
    new object it is inserted whole, by the unit of work or by `changes.insert`."""
    rate = invoice.default_tax_rate if spec.tax_rate is None else spec.tax_rate
    return loaded(
        InvoiceLine,
        {
            "account_id": ctx.account_id,
            "livemode": ctx.livemode,
            "id": line_id or ctx.new_id("il"),
            "invoice_id": invoice.id,
            "position": position,
            "description": spec.description,
            "quantity": spec.quantity,
            "unit_amount": spec.unit_amount,
            "amount": _ZERO,  # set by changes.recompute, as is tax_amount
            "discount_percent": spec.discount_percent,
            "discount_amount": spec.discount_amount or _ZERO,
            "tax_rate": _ZERO if rate is None else rate,
            "tax_from_invoice": spec.tax_rate is None,
            "tax_inclusive": spec.tax_inclusive,
            "period_start": spec.period_start,
            "period_end": spec.period_end,
            "product_id": spec.product,
            "metadata_": cleaned(spec.metadata),
        },
    )
