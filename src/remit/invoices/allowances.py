"""Allowances and charges of invoices (EN 16931 BG-20/BG-21 on the invoice, BG-27/BG-28 on a
line), pure: the rules they keep, the tax group an invoice's one is in, and how they are kept.
Their arithmetic is `totals.py`'s (docs/invoices.md, "Allowances and charges").

- Each has a fixed `amount` (≥ 0, in the currency's places) or a `percent` (0–100), not both,
  and a `reason`, a `reason_code`, or both (BR-33/BR-38, BR-42/BR-44). Allowance codes come
  from UNCL 5189, charge codes from UNCL 7161 (1–3 letters or digits; the lists are not kept).
- On a line, a percentage is of the line's `amount`. The line's net (BT-131) may not go below
  zero; credit lines (a negative amount) and tax-inclusive lines take none.
- On the invoice, each is in one VAT group (`tax_category`, `tax_rate`): without them, the
  invoice's only group, if it has one; with a rate alone, the category its lines have at that
  rate (or `S`/`Z` by the rate); with a category alone, the one rate its lines have in it (0 for
  the categories taxed at 0 %). A charge may open a group no line has (of a category that
  needs no exemption reason); a group holding tax-inclusive lines takes none; a group's
  allowances may not take its taxable amount below zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from remit.invoices.tax_categories import AT_ZERO, WITH_REASON, default_category
from remit.invoices.totals import (
    Adjustment,
    AdjustmentTotals,
    LineInput,
    LineTotals,
    Totals,
)
from remit.kernel.money import (
    AmountOutOfRange,
    TooManyDecimals,
    check_amount,
    format_amount,
    format_decimal,
)
from remit.kernel.problems import FieldError

KINDS = ("allowances", "charges")
Stored = list[dict[str, Any]]


# — how they are kept (JSON lists on `InvoiceLine` and `Invoice`) —


def line_adjustments(stored: Stored | None) -> tuple[Adjustment, ...]:
    """A line's allowances or charges as kept: a percentage is recomputed, an amount kept."""
    return tuple(
        Adjustment(
            amount=_decimal(entry["amount"]) if entry.get("percent") is None else None,
            percent=_decimal(entry.get("percent")),
            reason=entry.get("reason"),
            reason_code=entry.get("reason_code"),
        )
        for entry in stored or []
    )


def document_adjustments(stored: Stored | None) -> tuple[Adjustment, ...]:
    """The invoice's allowances or charges as kept. A `base_amount` the request gave stays;
    one computed (a percentage of its group's line nets) follows the lines."""
    return tuple(
        Adjustment(
            amount=_decimal(entry["amount"]) if entry.get("percent") is None else None,
            percent=_decimal(entry.get("percent")),
            reason=entry.get("reason"),
            reason_code=entry.get("reason_code"),
            base_amount=_decimal(entry.get("base_amount")) if entry.get("base_amount_given")
            else None,
            tax_category=entry["tax_category"],
            tax_rate=Decimal(entry["tax_rate"]),
        )
        for entry in stored or []
    )  # fmt: skip


def fixed_document_adjustments(stored: Stored | None) -> tuple[Adjustment, ...]:
    """The invoice's allowances or charges as the amounts they came to (credit notes)."""
    return tuple(
        Adjustment(Decimal(entry["amount"]), reason=entry.get("reason"),
                   reason_code=entry.get("reason_code"), tax_category=entry["tax_category"],
                   tax_rate=Decimal(entry["tax_rate"]))
        for entry in stored or []
    )  # fmt: skip


def stored_lines(
    given: Sequence[Adjustment], computed: Sequence[AdjustmentTotals], currency: str
) -> list[dict[str, Any]]:
    """A line's allowances or charges to keep, each with its figures as computed."""
    return [stored_line(each, figures, currency)
            for each, figures in zip(given, computed, strict=True)]  # fmt: skip


def stored_line(
    adjustment: Adjustment, computed: AdjustmentTotals | None, currency: str
) -> dict[str, Any]:
    """`{amount, percent, base_amount, reason, reason_code}`, decimals as strings; `amount`
    (and, for a percentage, `base_amount`) as computed."""
    if computed is None:  # as given, unrounded: the currency's places are checked later
        amount, base = _plain(adjustment.amount), _plain(adjustment.base_amount)
    else:
        amount = format_amount(computed.amount, currency)
        computed_base = computed.base_amount
        base = None if computed_base is None else format_amount(computed_base, currency)
    return {
        "amount": amount,
        "percent": None if adjustment.percent is None else format_decimal(adjustment.percent),
        "base_amount": base,
        "reason": adjustment.reason,
        "reason_code": adjustment.reason_code,
    }


def stored_document(
    adjustment: Adjustment, computed: AdjustmentTotals | None, currency: str
) -> dict[str, Any]:
    """As `stored_line`, with `tax_category` (UNCL 5305) and `tax_rate`, and whether the
    `base_amount` was given (`base_amount_given`: else it is computed, and follows the lines)."""
    rate = adjustment.tax_rate if adjustment.tax_rate is not None else Decimal(0)
    return {
        **stored_line(adjustment, computed, currency),
        "tax_category": adjustment.tax_category or default_category(rate),
        "tax_rate": format_decimal(rate),
        "base_amount_given": adjustment.base_amount is not None,
    }


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# — the invoice's: their tax group —


def resolved(
    given: Sequence[Adjustment], lines: Sequence[LineInput], field: str
) -> tuple[list[Adjustment], list[FieldError]]:
    """The invoice's allowances (or charges, `field`) each in its tax group (module
    docstring), and a 422 error for each whose group cannot be told."""
    groups = {(key[0], key[1]) for key in (line.group_key for line in lines)}
    found, errors = [], []
    for index, adjustment in enumerate(given):
        category, rate = _group(adjustment, groups)
        if category is None or rate is None:
            errors.append(_group_required(f"{field}[{index}].tax_rate", len(groups)))
            continue
        found.append(replace(adjustment, tax_category=category, tax_rate=rate))
    return found, errors


def _group(
    adjustment: Adjustment, groups: set[tuple[str, Decimal]]
) -> tuple[str | None, Decimal | None]:
    category, rate = adjustment.tax_category, adjustment.tax_rate
    if category is None and rate is None:
        return next(iter(groups)) if len(groups) == 1 else (None, None)
    if category is None:
        assert rate is not None
        at_rate = {group[0] for group in groups if group[1] == rate.normalize()}
        return (at_rate.pop() if len(at_rate) == 1 else default_category(rate)), rate
    if rate is None:
        rates = {group[1] for group in groups if group[0] == category}
        if len(rates) == 1:
            return category, rates.pop()
        return category, (Decimal(0) if category in AT_ZERO else None)
    return category, rate


def _group_required(param: str, groups: int) -> FieldError:
    message = (
        f"is required: the invoice has {groups} tax groups (name tax_category and tax_rate)"
        if groups
        else "is required: the invoice has no lines to take it from"
    )
    return FieldError(param, message, "tax_group_required")


# — the rules, checked on every computation (`rules.totals_for`) —


def amount_errors(
    lines: Sequence[LineInput],
    allowances: Sequence[Adjustment],
    charges: Sequence[Adjustment],
    currency: str,
) -> list[FieldError]:
    """Amounts beyond the currency's places or range (400/422 as every amount's)."""
    errors: list[FieldError] = []
    for path, adjustment in _all(lines, allowances, charges):
        for name in ("amount", "base_amount"):
            value = getattr(adjustment, name)
            if value is None or (name == "amount" and adjustment.percent is not None):
                continue
            try:
                check_amount(value, currency)
            except (AmountOutOfRange, TooManyDecimals) as exc:
                errors.append(FieldError(f"{path}.{name}", str(exc), exc.code))
    return errors


def input_errors(
    lines: Sequence[LineInput], allowances: Sequence[Adjustment], charges: Sequence[Adjustment]
) -> list[FieldError]:
    """What the allowances and charges break before any figure is computed (422)."""
    errors = [error for path, adjustment in _all(lines, allowances, charges)
              for error in _own_errors(adjustment, path)]  # fmt: skip
    for index, line in enumerate(lines):
        if line.tax_inclusive and (line.allowances or line.charges):
            kind = "allowances" if line.allowances else "charges"
            errors.append(_inclusive(f"lines[{index}].{kind}", "a tax-inclusive line"))
    inclusive = {line.group_key[:2] for line in lines if line.tax_inclusive}
    categories = {line.group_key[0] for line in lines}
    for kind, given in zip(KINDS, (allowances, charges), strict=True):
        for index, adjustment in enumerate(given):
            errors += _group_errors(adjustment, f"{kind}[{index}]", inclusive, categories)
    return errors


def given_errors(given: Sequence[Adjustment], path: str) -> list[FieldError]:
    """Each one's own rules (amount or percent, not both; a reason), as the request gives
    them: once kept, an amount given with a percent would read as the computed one."""
    return [error for index, adjustment in enumerate(given)
            for error in _own_errors(adjustment, f"{path}[{index}]")]  # fmt: skip


def _all(
    lines: Sequence[LineInput], allowances: Sequence[Adjustment], charges: Sequence[Adjustment]
) -> list[tuple[str, Adjustment]]:
    found = [(f"lines[{index}].{kind}[{position}]", adjustment)
             for index, line in enumerate(lines)
             for kind, given in zip(KINDS, (line.allowances, line.charges), strict=True)
             for position, adjustment in enumerate(given)]  # fmt: skip
    for kind, given in zip(KINDS, (allowances, charges), strict=True):
        found += [(f"{kind}[{index}]", adjustment) for index, adjustment in enumerate(given)]
    return found


def _own_errors(adjustment: Adjustment, path: str) -> list[FieldError]:
    errors = []
    if (adjustment.amount is None) == (adjustment.percent is None):
        message = "or percent is required" if adjustment.amount is None else (
            "give amount or percent, not both")  # fmt: skip
        errors.append(FieldError(f"{path}.amount", message, "amount_or_percent"))
    if adjustment.percent is None and adjustment.base_amount is not None:
        errors.append(FieldError(f"{path}.base_amount", "goes with percent only", "invalid"))
    if not adjustment.reason and not adjustment.reason_code:
        errors.append(FieldError(f"{path}.reason", "or reason_code is required", "reason_required"))
    return errors


def _group_errors(
    adjustment: Adjustment, path: str, inclusive: set[tuple[str, Decimal]], categories: set[str]
) -> list[FieldError]:
    category, rate, _ = adjustment.group_key
    if category in AT_ZERO and rate != 0:
        return [FieldError(f"{path}.tax_rate", f"must be 0 for tax_category {category}")]
    if category == "S" and rate <= 0:
        return [FieldError(f"{path}.tax_rate", "must be above 0 for tax_category S")]
    if (category, rate) in inclusive:
        return [_inclusive(f"{path}.tax_rate", "a tax group holding tax-inclusive lines")]
    if category in WITH_REASON and category not in categories:
        message = f"{category} needs an exemption reason: only a group of the lines' can take it"
        return [FieldError(f"{path}.tax_category", message, "tax_exemption_reason_required")]
    return []


def _inclusive(param: str, what: str) -> FieldError:
    message = f"{what} takes no allowances or charges; give its discount, or prices net of tax"
    return FieldError(param, message, "tax_inclusive")


def figure_errors(
    lines: Sequence[LineInput], totals: Totals, allowances: Sequence[Adjustment]
) -> list[FieldError]:
    """What the computed figures break (422): a line's net below zero, a credit line with
    allowances or charges, a group's allowances beyond its taxable amount."""
    errors = []
    for index, (line, figures) in enumerate(zip(lines, totals.lines, strict=True)):
        errors += line_figure_errors(line, figures, f"lines[{index}].")
    negative = {(group.category, group.rate) for group in totals.tax_groups
                if not group.inclusive and group.taxable_amount < 0}  # fmt: skip
    for index, adjustment in enumerate(allowances):
        if adjustment.group_key[:2] in negative:
            message = "takes its tax group's taxable amount below zero"
            errors.append(FieldError(f"allowances[{index}].amount", message, "exceeds_base"))
    return errors


def line_figure_errors(line: LineInput, figures: LineTotals, path: str) -> list[FieldError]:
    """A line's (an invoice item's, with `path` ""): its net below zero, a credit line."""
    if not (line.allowances or line.charges):
        return []
    kind = "allowances" if line.allowances else "charges"
    if figures.amount < 0:
        message = "credit lines (a negative amount) take no allowances or charges"
        return [FieldError(f"{path}{kind}", message, "credit_line")]
    if figures.net_amount < 0:
        message = "take the line's net amount below zero (amount − discount − allowances + charges)"
        return [FieldError(f"{path}allowances", message, "line_net_negative")]
    return []
