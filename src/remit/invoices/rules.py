"""Checks on an invoice's lines once its currency is known, pure. They report every bad
line at once, as `FieldError`s named after the request (`lines[3].unit_amount`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from remit.context import Context
from remit.invoices import allowances as adjustments
from remit.invoices.errors import (
    DueDateInPast,
    InvalidAllowanceCharge,
    LinesMismatch,
    PaymentMethodRequired,
)
from remit.invoices.tax_categories import category_errors
from remit.invoices.totals import (
    Adjustment,
    DiscountExceedsAmount,
    LineInput,
    Totals,
    compute_totals,
    line_totals,
)
from remit.kernel.currencies import exponent
from remit.kernel.money import (
    MAX_AMOUNT,
    MAX_INPUT_PLACES,
    AmountOutOfRange,
    TaxRounding,
    TooManyDecimals,
    check_amount,
    check_bounds,
    exact,
    format_amount,
)
from remit.kernel.problems import FieldError, validation_problem


def line_errors(lines: Sequence[LineInput], currency: str) -> list[FieldError]:
    errors: list[FieldError] = []
    unit_places = max(MAX_INPUT_PLACES, exponent(currency))
    for index, line in enumerate(lines):
        checks = [("unit_amount", lambda line=line: check_bounds(line.unit_amount, unit_places))]
        if line.discount_amount is not None:
            checks.append(
                ("discount_amount", lambda line=line: check_amount(line.discount_amount, currency))
            )
        for field, check in checks:
            try:
                check()
            except (AmountOutOfRange, TooManyDecimals) as exc:
                errors.append(FieldError(f"lines[{index}].{field}", str(exc), exc.code))
    return errors + category_errors(lines)


def totals_for(
    lines: Sequence[LineInput],
    currency: str,
    rounding: TaxRounding = "per_rate",
    allowances: Sequence[Adjustment] = (),
    charges: Sequence[Adjustment] = (),
) -> Totals:
    """The invoice's totals, or the 400/422 problem listing what is wrong with the lines and
    the allowances and charges (the invoice's, each already in its tax group)."""
    errors = line_errors(lines, currency)
    errors += adjustments.amount_errors(lines, allowances, charges, currency)
    if errors:
        raise validation_problem(errors)
    refuse(adjustments.input_errors(lines, allowances, charges))
    try:
        totals = compute_totals(lines, currency, rounding, allowances, charges)
    except DiscountExceedsAmount as exc:
        raise validation_problem(
            [
                FieldError(
                    f"lines[{exc.index}].discount_amount",
                    "cannot exceed the line's amount (and credit lines take no discount)",
                    "invalid",
                )
            ]
        ) from None
    out_of_range = [
        FieldError(f"lines[{index}]", f"amount exceeds {MAX_AMOUNT}", "amount_out_of_range")
        for index, figures in enumerate(totals.lines)
        if figures.amount.copy_abs() > MAX_AMOUNT
    ]
    if not out_of_range and totals.largest() > MAX_AMOUNT:
        out_of_range = [FieldError("lines", f"totals exceed {MAX_AMOUNT}", "amount_out_of_range")]
    if out_of_range:
        raise validation_problem(out_of_range)
    refuse(adjustments.figure_errors(lines, totals, allowances))
    return totals


def refuse(errors: list[FieldError]) -> None:
    """The 422 `invalid_allowance_charge` listing `errors`, if there are any."""
    if errors:
        detail = "; ".join(f"{error.param}: {error.message}" for error in errors[:5])
        raise InvalidAllowanceCharge(detail, errors=errors)


# — rules a caller applies when its API demands them (a dialect's; remit's own API is laxer) —


def require_payment_method(collection_method: str, payment_method_given: bool) -> None:
    """An invoice charged automatically must be given a method to charge."""
    if collection_method == "charge_automatically" and not payment_method_given:
        raise PaymentMethodRequired(
            "An invoice charged automatically needs a payment method to charge.",
            errors=[FieldError("payment_method", "is required", "payment_method_required")],
        )


@exact
def require_lines_total(lines: Sequence[LineInput], price: Decimal, currency: str) -> None:
    """The lines' amounts (each rounded to the currency) add up to the plan's price."""
    total = sum((line_totals(line, currency).amount for line in lines), Decimal(0))
    if total != price:
        raise LinesMismatch(
            f"The line items add up to {format_amount(total, currency)}, but the plan's price "
            f"is {format_amount(price, currency)}; they must be equal.",
            errors=[FieldError("lines", "must add up to the plan's price", "line_items_mismatch")],
        )


def require_future_due_date(ctx: Context, due_at: datetime) -> None:
    """A due date the request sets must be after the request's own time."""
    if due_at <= ctx.now:
        raise DueDateInPast(
            "The due date must be in the future.",
            errors=[FieldError("due_at", "must be in the future", "due_date_in_past")],
        )
