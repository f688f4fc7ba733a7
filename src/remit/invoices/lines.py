"""Invoice lines built from their input, shared by invoices and invoice items."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from remit.context import Context
from remit.db.bulk import loaded
from remit.invoices.allowances import KINDS, given_errors, stored_line
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.rules import refuse
from remit.invoices.schemas import AdjustmentIn, LineIn
from remit.invoices.tax_categories import line_tax
from remit.kernel.metadata import cleaned

_ZERO = Decimal(0)


def line_row(
    ctx: Context, invoice: Invoice, position: int, spec: LineIn, line_id: str | None = None
) -> InvoiceLine:
    """A new line of `invoice` from its input; without a tax rate it takes the invoice's, and
    without a category its customer's status may set both (`tax_categories.line_tax`).
    Built without the constructor's attribute events (a 1 000-line invoice builds 1 000); as a
    new object it is inserted whole, by the unit of work or by `changes.insert`."""
    tax = line_tax(
        spec.tax_category,
        spec.tax_rate,
        spec.tax_exemption_reason,
        spec.tax_exemption_reason_code,
        default_rate=invoice.default_tax_rate,
        customer_tax_exempt=invoice.customer_tax_exempt,
    )
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
            "allowances": kept(spec.allowances, invoice.currency),
            "charges": kept(spec.charges, invoice.currency),
            "net_amount": _ZERO,  # set by changes.recompute
            "tax_rate": tax.rate,
            "tax_from_invoice": tax.from_invoice,
            "tax_inclusive": spec.tax_inclusive,
            "given_tax_category": tax.category,
            "tax_exemption_reason": tax.reason,
            "tax_exemption_reason_code": tax.reason_code,
            "unit_code": spec.unit_code,
            "period_start": spec.period_start,
            "period_end": spec.period_end,
            "product_id": spec.product,
            "metadata_": cleaned(spec.metadata),
        },
    )


def kept(given: list[AdjustmentIn], currency: str) -> list[dict[str, Any]]:
    """Allowances or charges as a line keeps them (their amounts computed later)."""
    return [stored_line(each.adjustment(), None, currency) for each in given]


def check_given(specs: Sequence[LineIn], prefix: str = "lines") -> None:
    """The 422 naming each allowance or charge of the lines that breaks its own rules."""
    refuse([error for index, spec in enumerate(specs)
            for kind in KINDS
            for error in given_errors([each.adjustment() for each in getattr(spec, kind)],
                                      f"{prefix}[{index}].{kind}")])  # fmt: skip
