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
- Allowances and charges (EN 16931 BG-27/BG-28 on a line, BG-20/BG-21 on the invoice) are a
  fixed amount or a percentage, rounded once: a line's of its `amount`, the invoice's of
  their `base_amount`, or else of the line nets (BT-131) of their (category, rate) group.
  A line's net = amount − discount − Σ allowances + Σ charges; its tax is on its net. A
  group's taxable amount = Σ its line nets − its document allowances + its charges, taxed
  once (`per_rate`); with `per_line` a group's tax is its lines' rounded taxes, plus each
  document charge's, less each document allowance's, every one rounded on its own. Charges
  count in `subtotal`, allowances in `discount_amount` (line discounts' company), so the
  tax-exclusive amount (BT-109) = `subtotal − discount_amount` = Σ taxable amounts.
  Tax-inclusive lines take none (`rules.py` refuses them): their arithmetic is unchanged.
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
class Adjustment:
    """An allowance or a charge: a fixed `amount`, or a `percent` of a base. On the invoice
    (`Totals.allowances`) it is in one tax group (`tax_category`, `tax_rate`; exclusive of
    tax), and a percentage is of its `base_amount`, else of the group's line nets."""

    amount: Decimal | None = None
    percent: Decimal | None = None
    reason: str | None = None
    reason_code: str | None = None
    base_amount: Decimal | None = None  # the invoice's only
    tax_category: str | None = None  # the invoice's only (set before `compute_totals`)
    tax_rate: Decimal | None = None

    @property
    def group_key(self) -> GroupKey:
        rate = self.tax_rate or ZERO
        return self.tax_category or default_category(rate), rate.normalize(), False


@dataclass(frozen=True)
class AdjustmentTotals:
    amount: Decimal
    base_amount: Decimal | None = None  # what a percentage was taken of


@exact
def adjusted(adjustment: Adjustment, base: Decimal, currency: str) -> AdjustmentTotals:
    """The allowance's or charge's amount: its own, or its percentage of `base` (of its
    `base_amount` when it has one), rounded once."""
    if adjustment.percent is None:
        return AdjustmentTotals(adjustment.amount or ZERO)
    if adjustment.base_amount is not None:
        base = adjustment.base_amount
    return AdjustmentTotals(percent_of(base, adjustment.percent, currency), base)


def _sum(adjustments: Sequence[AdjustmentTotals]) -> Decimal:
    return sum((adjustment.amount for adjustment in adjustments), ZERO)


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
    allowances: tuple[Adjustment, ...] = ()  # BG-27
    charges: tuple[Adjustment, ...] = ()  # BG-28

    @property
    def group_key(self) -> GroupKey:
        category = self.tax_category or default_category(self.tax_rate)
        return category, self.tax_rate.normalize(), self.tax_inclusive


@dataclass(frozen=True)
class LineTotals:
    amount: Decimal  # round(quantity × unit_amount): gross for inclusive lines
    discount_amount: Decimal  # in the same terms as `amount`
    tax_amount: Decimal = ZERO  # the line's own tax, rounded once
    allowances: tuple[AdjustmentTotals, ...] = ()
    charges: tuple[AdjustmentTotals, ...] = ()

    @property
    def allowance_amount(self) -> Decimal:
        return _sum(self.allowances)

    @property
    def charge_amount(self) -> Decimal:
        return _sum(self.charges)

    @property
    def net_amount(self) -> Decimal:
        """EN 16931 BT-131 (gross of tax for inclusive lines, which take no allowances)."""
        return self.amount - self.discount_amount - self.allowance_amount + self.charge_amount


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
    allowances: tuple[AdjustmentTotals, ...] = ()  # the invoice's (BG-20), in their order
    charges: tuple[AdjustmentTotals, ...] = ()  # BG-21

    @property
    def allowance_amount(self) -> Decimal:  # BT-107
        return _sum(self.allowances)

    @property
    def charge_amount(self) -> Decimal:  # BT-108
        return _sum(self.charges)

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
    allowances = tuple(adjusted(each, amount, currency) for each in line.allowances)
    charges = tuple(adjusted(each, amount, currency) for each in line.charges)
    net = amount - discount - _sum(allowances) + _sum(charges)
    tax = tax_of(net, line.tax_rate, line.tax_inclusive, currency)
    return LineTotals(amount, discount, tax, allowances, charges)


@exact
def tax_of(amount: Decimal, rate: Decimal, inclusive: bool, currency: str) -> Decimal:
    """The tax in `amount` (gross when inclusive) at `rate`, rounded once, half-up."""
    if not inclusive:
        return percent_of(amount, rate, currency)
    return round_fraction(line_tax(amount, rate, inclusive), currency)


@exact
def compute_totals(
    lines: Sequence[LineInput],
    currency: str,
    rounding: TaxRounding = "per_rate",
    allowances: Sequence[Adjustment] = (),
    charges: Sequence[Adjustment] = (),
) -> Totals:
    """The invoice's figures; `allowances` and `charges` are the invoice's own (BG-20/21),
    each in the tax group it names."""
    computed = tuple(line_totals(line, currency) for line in lines)
    for index, figures in enumerate(computed):
        if figures.discount_amount and (
            figures.amount < 0 or figures.discount_amount > figures.amount
        ):
            raise DiscountExceedsAmount(index)
    groups, exemptions = _grouped(lines, computed)
    document = _DocumentAdjustments.of(groups, allowances, charges, currency)
    tax_groups, subtotal, discount, tax = [], ZERO, ZERO, ZERO
    for key in sorted(groups.keys() | document.keys(), key=_group_order):
        members = groups.get(key, [])
        category, rate, inclusive = key
        gross = sum((member.amount + member.charge_amount for member in members), ZERO)
        off = sum((member.discount_amount + member.allowance_amount for member in members), ZERO)
        lines_tax = None
        if rounding == "per_line":
            lines_tax = sum((member.tax_amount for member in members), ZERO)
        if key in document.keys():  # noqa: SIM118 (not a dict)
            gross, off = gross + document.charged(key), off + document.allowed(key)
            lines_tax = document.per_line_tax(key, lines_tax, currency)
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
    return Totals(computed, subtotal, discount, tax, total, tuple(tax_groups),
                  document.allowances, document.charges)  # fmt: skip


@dataclass(frozen=True)
class _DocumentAdjustments:
    """The invoice's allowances and charges, computed, and which tax group each is in."""

    allowances: tuple[AdjustmentTotals, ...]
    charges: tuple[AdjustmentTotals, ...]
    allowance_keys: tuple[GroupKey, ...]
    charge_keys: tuple[GroupKey, ...]

    @classmethod
    def of(
        cls,
        groups: dict[GroupKey, list[LineTotals]],
        allowances: Sequence[Adjustment],
        charges: Sequence[Adjustment],
        currency: str,
    ) -> _DocumentAdjustments:
        def computed(adjustments: Sequence[Adjustment]) -> tuple[AdjustmentTotals, ...]:
            return tuple(
                adjusted(each, _line_nets(groups.get(each.group_key, [])), currency)
                for each in adjustments
            )

        return cls(computed(allowances), computed(charges),
                   tuple(each.group_key for each in allowances),
                   tuple(each.group_key for each in charges))  # fmt: skip

    def keys(self) -> set[GroupKey]:
        return set(self.allowance_keys) | set(self.charge_keys)

    def allowed(self, key: GroupKey) -> Decimal:
        return _in_group(self.allowances, self.allowance_keys, key)

    def charged(self, key: GroupKey) -> Decimal:
        return _in_group(self.charges, self.charge_keys, key)

    def per_line_tax(
        self, key: GroupKey, lines_tax: Decimal | None, currency: str
    ) -> Decimal | None:
        """With `per_line` rounding, the group's tax: its lines', plus each charge's and less
        each allowance's, each rounded once (as if each were a line of its own)."""
        if lines_tax is None:
            return None
        rate = key[1]
        for amount, key_of in zip(self.charges, self.charge_keys, strict=True):
            if key_of == key:
                lines_tax += percent_of(amount.amount, rate, currency)
        for amount, key_of in zip(self.allowances, self.allowance_keys, strict=True):
            if key_of == key:
                lines_tax -= percent_of(amount.amount, rate, currency)
        return lines_tax


def _line_nets(members: Sequence[LineTotals]) -> Decimal:
    return sum((member.net_amount for member in members), ZERO)


def _in_group(
    adjustments: Sequence[AdjustmentTotals], keys: Sequence[GroupKey], key: GroupKey
) -> Decimal:
    return sum((each.amount for each, key_of in zip(adjustments, keys, strict=True)
                if key_of == key), ZERO)  # fmt: skip


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


def _group_order(key: GroupKey) -> tuple[Decimal, bool, str]:
    """By rate, then exclusive before inclusive, as before categories; then by category."""
    category, rate, inclusive = key
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
