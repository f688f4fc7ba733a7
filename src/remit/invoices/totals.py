"""Invoice arithmetic (SPEC §3.2), pure and exact.

- A line's `amount` is round(quantity × unit_amount), half-up to the currency's exponent;
  its discount is a percentage of that amount (rounded) or a fixed amount.
- Tax is computed per (category, rate, inclusive) group on the sum of the group's discounted
  amounts and rounded once per group (EN 16931 style): `tax_rounding` `per_rate`, the
  default. With `per_line`, each line's tax is rounded and a group's tax is the sum of its
  lines'. Either way each line shows its own tax, rounded once (`LineTotals.tax_amount`).
  A line without a category is `S` above 0 % and `Z` at 0 % (`tax_categories`), so such
  lines group by rate as they always did; an exempt 0 % never merges with a zero-rated 0 %.
  - Exclusive group: tax = round(base × rate / 100), base = Σ amount − Σ discount.
  - Inclusive group (amounts include tax): tax = round(gross × rate / (100 + rate)), and the
    net figures are derived from the gross ones, so that
- `total = subtotal − discount_amount + tax_amount` holds exactly, always; `subtotal` and
  `discount_amount` are net of tax.
- The buyer fee is rate × total, rounded; `amount_due = total + buyer_fee`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from remit.invoices.tax_categories import default_category
from remit.kernel.money import (
    MAX_AMOUNT,
    TaxRounding,
    exact,
    mul,
    percent_of,
    round_amount,
    round_fraction,
    subtract,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
GroupKey = tuple[str, Decimal, bool]  # (category, rate normalized, inclusive)


@dataclass(frozen=True)
class LineInput:
    quantity: Decimal
    unit_amount: Decimal
    tax_rate: Decimal = ZERO
    tax_inclusive: bool = False
    discount_percent: Decimal | None = None
    discount_amount: Decimal | None = None
    tax_category: str | None = None  # None: by its rate (`tax_categories.default_category`)
    tax_exemption_reason: str | None = None
    tax_exemption_reason_code: str | None = None

    @property
    def group_key(self) -> GroupKey:
        category = self.tax_category or default_category(self.tax_rate)
        return category, self.tax_rate.normalize(), self.tax_inclusive


@dataclass(frozen=True)
class LineTotals:
    amount: Decimal  # round(quantity × unit_amount): gross for inclusive lines
    discount_amount: Decimal  # in the same terms as `amount`
    tax_amount: Decimal = ZERO  # the line's own tax, rounded once


@dataclass(frozen=True)
class TaxGroup:
    rate: Decimal
    inclusive: bool
    taxable_amount: Decimal  # net, after discounts
    amount: Decimal  # the tax
    category: str | None = None  # None where a caller groups by rate alone
    exemption_reason: str | None = None  # the group's lines' (they share it: rules.py)
    exemption_reason_code: str | None = None


@dataclass(frozen=True)
class Totals:
    lines: tuple[LineTotals, ...]
    subtotal: Decimal
    discount_amount: Decimal
    tax_amount: Decimal
    total: Decimal
    tax_groups: tuple[TaxGroup, ...]

    def largest(self) -> Decimal:
        figures = [self.subtotal, self.discount_amount, self.tax_amount, self.total]
        return max(figure.copy_abs() for figure in figures)


class DiscountExceedsAmount(ValueError):
    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


@exact
def line_totals(line: LineInput, currency: str) -> LineTotals:
    amount = round_amount(mul(line.quantity, line.unit_amount), currency)
    if line.discount_percent is not None:
        discount = percent_of(amount, line.discount_percent, currency)
    else:
        discount = line.discount_amount or ZERO
    return LineTotals(amount, discount, tax_of(amount - discount, line.tax_rate,
                                               line.tax_inclusive, currency))  # fmt: skip


@exact
def tax_of(amount: Decimal, rate: Decimal, inclusive: bool, currency: str) -> Decimal:
    """The tax in `amount` (gross when inclusive) at `rate`, rounded once, half-up."""
    if not inclusive:
        return percent_of(amount, rate, currency)
    return round_fraction(line_tax(amount, rate, inclusive), currency)


@exact
def compute_totals(
    lines: Sequence[LineInput], currency: str, rounding: TaxRounding = "per_rate"
) -> Totals:
    computed = tuple(line_totals(line, currency) for line in lines)
    for index, figures in enumerate(computed):
        if figures.discount_amount and (
            figures.amount < 0 or figures.discount_amount > figures.amount
        ):
            raise DiscountExceedsAmount(index)
    groups, exemptions = _grouped(lines, computed)
    tax_groups, subtotal, discount, tax = [], ZERO, ZERO, ZERO
    for key, members in sorted(groups.items(), key=_group_order):
        category, rate, inclusive = key
        gross = sum((member.amount for member in members), ZERO)
        off = sum((member.discount_amount for member in members), ZERO)
        lines_tax = None
        if rounding == "per_line":
            lines_tax = sum((member.tax_amount for member in members), ZERO)
        group_subtotal, group_discount, group_tax = _tax_group(
            gross, off, rate, inclusive, currency, lines_tax
        )
        subtotal, discount, tax = (
            subtotal + group_subtotal,
            discount + group_discount,
            tax + group_tax,
        )
        reason, code = exemptions.get(key, (None, None))
        taxable = group_subtotal - group_discount
        tax_groups.append(TaxGroup(rate, inclusive, taxable, group_tax, category, reason, code))
    total = subtotal - discount + tax
    return Totals(computed, subtotal, discount, tax, total, tuple(tax_groups))


def _grouped(
    lines: Sequence[LineInput], computed: Sequence[LineTotals]
) -> tuple[dict[GroupKey, list[LineTotals]], dict[GroupKey, tuple[str | None, str | None]]]:
    """The lines' figures by tax group, and each group's exemption reason and code (its
    first line's that has one)."""
    groups: dict[GroupKey, list[LineTotals]] = {}
    exemptions: dict[GroupKey, tuple[str | None, str | None]] = {}
    for line, figures in zip(lines, computed, strict=True):
        key = line.group_key
        groups.setdefault(key, []).append(figures)
        if line.tax_exemption_reason or line.tax_exemption_reason_code:
            exemptions.setdefault(key, (line.tax_exemption_reason, line.tax_exemption_reason_code))
    return groups, exemptions


def _group_order(item: tuple[GroupKey, list[LineTotals]]) -> tuple[Decimal, bool, str]:
    """By rate, then exclusive before inclusive, as before categories; then by category."""
    category, rate, inclusive = item[0]
    return rate, inclusive, category


def _tax_group(
    amount: Decimal,
    discount: Decimal,
    rate: Decimal,
    inclusive: bool,
    currency: str,
    lines_tax: Decimal | None = None,
) -> tuple[Decimal, Decimal, Decimal]:
    """(subtotal, discount, tax) of one group, all net of tax; `lines_tax`, when given, is
    the group's tax (per-line rounding) instead of its own once-rounded tax."""
    base = amount - discount
    if not inclusive:
        tax = percent_of(base, rate, currency) if lines_tax is None else lines_tax
        return amount, discount, tax
    tax = lines_tax if lines_tax is not None else tax_of(base, rate, True, currency)
    net_discount = round_fraction(Fraction(discount) * 100 / (100 + Fraction(rate)), currency)
    return base - tax + net_discount, net_discount, tax


def buyer_fee(total: Decimal, percent: Decimal, currency: str) -> Decimal:
    if total <= 0 or percent == 0:
        return ZERO
    return percent_of(total, percent, currency)


def amount_remaining(amount_due: Decimal, amount_paid: Decimal) -> Decimal:
    """What is left to pay: never below zero (an overpayment leaves nothing, not a credit)."""
    return max(subtract(amount_due, amount_paid), ZERO)


def within_range(*amounts: Decimal) -> bool:
    return all(amount.copy_abs() <= MAX_AMOUNT for amount in amounts)


def line_tax(amount: Decimal, rate: Decimal, inclusive: bool) -> Fraction:
    """The exact, unrounded tax in one line's `amount` (gross when inclusive). Within a tax
    group these add up to the group's tax before its one rounding; Reepay shows each line's
    share rounded, and an invoice's VAT as the rounded sum of the shares."""
    if inclusive:
        return Fraction(amount) * Fraction(rate) / (100 + Fraction(rate))
    return Fraction(amount) * Fraction(rate) / 100
