"""Invoice arithmetic (SPEC §3.2), pure: `remit.invoices.totals` against exact rationals.

Invariants proven here for any lines hypothesis can find:
- `total = subtotal − discount_amount + tax_amount` exactly;
- every figure is at the currency's exponent (no stray places);
- tax is rounded once per (rate, inclusive) group, half-up, from the group's exact base;
- rounding never drifts: reordering lines, or splitting a line into several within its rate
  group, leaves every figure unchanged;
- rounding is half-up away from zero, so credits mirror charges exactly.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from remit.invoices.totals import (
    DiscountExceedsAmount,
    LineInput,
    Totals,
    buyer_fee,
    compute_totals,
    line_totals,
)
from remit.kernel.currencies import exponent
from remit.kernel.money import places

CURRENCIES = ["USD", "JPY", "KWD", "USDC", "BTC", "ETH"]
RATES = [Decimal(r) for r in ("0", "5", "7.6923", "8.25", "8.250", "10", "19.6", "25", "100")]


def half_up(value: Fraction, digits: int) -> Fraction:
    """Round half away from zero to `digits` places (the oracle)."""
    scale = 10**digits
    magnitude = abs(value) * scale
    whole = int(magnitude)
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    return (-1 if value < 0 else 1) * Fraction(whole, scale)


def at(units: int, digits: int) -> Decimal:
    return Decimal(f"{units}E-{digits}")  # exact (scaleb would round to 28 digits)


@st.composite
def lines_in(draw: st.DrawFn, currency: str, *, max_lines: int = 8, credits: bool = True):
    """Lines in `currency` with valid discounts (never more than the line's amount)."""
    digits = exponent(currency)
    count = draw(st.integers(0, max_lines))
    result = []
    for _ in range(count):
        quantity_places = draw(st.integers(0, 12))
        quantity = at(draw(st.integers(1, 10**4 * 10**quantity_places)), quantity_places)
        unit_places = draw(st.integers(0, max(12, digits)))
        low = -(10**7) if credits else 0
        unit_amount = at(draw(st.integers(low * 10**unit_places, 10**7 * 10**unit_places)),
                         unit_places)  # fmt: skip
        rate = draw(st.sampled_from(RATES))
        inclusive = draw(st.booleans())
        amount = half_up(Fraction(quantity) * Fraction(unit_amount), digits)
        kind = draw(st.sampled_from(["none", "percent", "amount"])) if amount > 0 else "none"
        percent = fixed = None
        if kind == "percent":
            percent = at(draw(st.integers(0, 100 * 10**4)), 4)
        elif kind == "amount":
            fixed = at(draw(st.integers(0, int(amount * 10**digits))), digits)
        result.append(LineInput(quantity, unit_amount, rate, inclusive, percent, fixed))
    return result


def with_currency(**kwargs) -> st.SearchStrategy[tuple[str, list[LineInput]]]:
    return st.sampled_from(CURRENCIES).flatmap(
        lambda c: st.tuples(st.just(c), lines_in(c, **kwargs))
    )


def oracle(lines: list[LineInput], currency: str) -> dict[str, Fraction]:
    """The figures as SPEC §3.2 defines them, computed with exact rationals."""
    digits = exponent(currency)
    groups: dict[tuple[Fraction, bool], list[Fraction]] = {}
    for line in lines:
        amount = half_up(Fraction(line.quantity) * Fraction(line.unit_amount), digits)
        if line.discount_percent is not None:
            off = half_up(amount * Fraction(line.discount_percent) / 100, digits)
        else:
            off = Fraction(line.discount_amount or 0)
        key = (Fraction(line.tax_rate), line.tax_inclusive)
        sums = groups.setdefault(key, [Fraction(0), Fraction(0)])
        sums[0] += amount
        sums[1] += off
    subtotal = discount = tax = Fraction(0)
    for (rate, inclusive), (gross, off) in groups.items():
        base = gross - off
        if inclusive:
            group_tax = half_up(base * rate / (100 + rate), digits)
            net_off = half_up(off * 100 / (100 + rate), digits)
            subtotal += base - group_tax + net_off
            discount += net_off
        else:
            group_tax = half_up(base * rate / 100, digits)
            subtotal += gross
            discount += off
        tax += group_tax
    return {
        "subtotal": subtotal,
        "discount_amount": discount,
        "tax_amount": tax,
        "total": subtotal - discount + tax,
    }


def exact_sum(values: Iterable[Decimal]) -> Fraction:
    return sum((Fraction(value) for value in values), Fraction(0))


def figures(totals: Totals) -> dict[str, Decimal]:
    return {
        "subtotal": totals.subtotal,
        "discount_amount": totals.discount_amount,
        "tax_amount": totals.tax_amount,
        "total": totals.total,
    }


def line(quantity: str = "1", unit_amount: str = "0", rate: str = "0", **kwargs) -> LineInput:
    return LineInput(Decimal(quantity), Decimal(unit_amount), Decimal(rate), **kwargs)


class TestSpecExamples:
    def test_mixed_rates_are_taxed_per_rate_on_the_rate_sum(self) -> None:
        totals = compute_totals(
            [line("3", "19.99", "8.25"), line("1.5", "33.333", "8.25"), line("1", "10.00", "0")],
            "USD",
        )
        assert [figure.amount for figure in totals.lines] == [
            Decimal("59.97"),
            Decimal("50.00"),
            Decimal("10.00"),
        ]
        assert (totals.subtotal, totals.tax_amount, totals.total) == (
            Decimal("119.97"),
            Decimal("9.07"),
            Decimal("129.04"),
        )

    def test_inclusive_tax_is_carved_out_of_the_gross(self) -> None:
        totals = compute_totals([line("1", "125.00", "25", tax_inclusive=True)], "USD")
        assert (totals.total, totals.tax_amount, totals.subtotal) == (
            Decimal("125.00"),
            Decimal("25.00"),
            Decimal("100.00"),
        )

    def test_tax_is_rounded_once_per_rate_not_per_line(self) -> None:
        # Per line: 0.10 × 5 % = 0.005 → 0.01, three times 0.03. Once on 0.30: 0.015 → 0.02.
        totals = compute_totals([line("1", "0.10", "5")] * 3, "USD")
        assert totals.tax_amount == Decimal("0.02")
        assert len(totals.tax_groups) == 1

    def test_equal_rates_written_differently_share_a_group(self) -> None:
        totals = compute_totals([line("1", "0.10", "8.25"), line("1", "0.10", "8.250")], "USD")
        assert len(totals.tax_groups) == 1
        assert totals.tax_amount == Decimal("0.02")  # 0.20 × 8.25 % = 0.0165

    def test_inclusive_and_exclusive_lines_of_one_rate_are_separate_groups(self) -> None:
        totals = compute_totals(
            [line("1", "110.00", "10", tax_inclusive=True), line("1", "100.00", "10")], "USD"
        )
        assert {(g.inclusive, g.amount) for g in totals.tax_groups} == {
            (True, Decimal("10.00")),
            (False, Decimal("10.00")),
        }
        assert totals.total == Decimal("220.00")

    def test_inclusive_discount_is_net_of_tax(self) -> None:
        totals = compute_totals(
            [line("1", "125.00", "25", tax_inclusive=True, discount_amount=Decimal("25.00"))],
            "USD",
        )
        assert figures(totals) == {
            "subtotal": Decimal("100.00"),
            "discount_amount": Decimal("20.00"),
            "tax_amount": Decimal("20.00"),
            "total": Decimal("100.00"),
        }

    def test_percent_discount_is_rounded_half_up_per_line(self) -> None:
        figures_ = line_totals(line("1", "0.25", discount_percent=Decimal("10")), "USD")
        assert (figures_.amount, figures_.discount_amount) == (Decimal("0.25"), Decimal("0.03"))

    def test_jpy_unit_amounts_may_carry_places_the_currency_has_not(self) -> None:
        totals = compute_totals([line("3", "333.5", "10")], "JPY")
        assert (totals.subtotal, totals.tax_amount, totals.total) == (
            Decimal("1001"),
            Decimal("100"),
            Decimal("1101"),
        )

    def test_no_lines_is_all_zero(self) -> None:
        totals = compute_totals([], "USD")
        assert all(value == 0 for value in figures(totals).values())
        assert totals.tax_groups == ()


class TestDiscountLimits:
    def test_a_discount_larger_than_the_line_is_refused(self) -> None:
        with pytest.raises(DiscountExceedsAmount) as refused:
            compute_totals(
                [line("1", "10.00"), line("1", "5.00", discount_amount=Decimal("5.01"))], "USD"
            )
        assert refused.value.index == 1

    def test_credit_lines_take_no_discount(self) -> None:
        with pytest.raises(DiscountExceedsAmount):
            compute_totals([line("1", "-5.00", discount_percent=Decimal("10"))], "USD")

    def test_a_discount_equal_to_the_line_is_allowed(self) -> None:
        totals = compute_totals([line("1", "5.00", "20", discount_amount=Decimal("5.00"))], "USD")
        assert totals.total == 0


class TestInvariants:
    @given(with_currency())
    def test_total_is_subtotal_minus_discount_plus_tax_exactly(self, case) -> None:
        currency, lines = case
        totals = compute_totals(lines, currency)
        # Compared as rationals: Decimal arithmetic here would round to 28 digits.
        assert Fraction(totals.total) == (
            Fraction(totals.subtotal)
            - Fraction(totals.discount_amount)
            + Fraction(totals.tax_amount)
        )

    @given(with_currency())
    def test_every_figure_is_at_the_currency_exponent(self, case) -> None:
        currency, lines = case
        totals = compute_totals(lines, currency)
        digits = exponent(currency)
        everything = [*figures(totals).values()]
        everything += [f.amount for f in totals.lines] + [f.discount_amount for f in totals.lines]
        everything += [g.amount for g in totals.tax_groups]
        everything += [g.taxable_amount for g in totals.tax_groups]
        assert all(places(value) <= digits for value in everything)

    @given(with_currency())
    def test_figures_match_exact_arithmetic_rounded_once_per_group(self, case) -> None:
        currency, lines = case
        totals = compute_totals(lines, currency)
        assert {k: Fraction(v) for k, v in figures(totals).items()} == oracle(lines, currency)

    @given(with_currency())
    def test_tax_breakdown_adds_up_to_the_invoice(self, case) -> None:
        currency, lines = case
        totals = compute_totals(lines, currency)
        assert exact_sum(g.amount for g in totals.tax_groups) == totals.tax_amount
        assert exact_sum(g.taxable_amount for g in totals.tax_groups) == Fraction(
            totals.subtotal
        ) - Fraction(totals.discount_amount)
        assert len({(g.rate, g.inclusive) for g in totals.tax_groups}) == len(totals.tax_groups)

    @given(with_currency())
    def test_each_group_tax_is_within_half_a_minor_unit_of_the_exact_tax(self, case) -> None:
        currency, lines = case
        totals = compute_totals(lines, currency)
        half_unit = Fraction(1, 2 * 10 ** exponent(currency))
        for group in totals.tax_groups:
            rate = Fraction(group.rate)
            net = Fraction(group.taxable_amount)
            if group.inclusive:
                gross = net + Fraction(group.amount)
                exact = gross * rate / (100 + rate)
            else:
                exact = net * rate / 100
            assert abs(Fraction(group.amount) - exact) <= half_unit

    @given(with_currency())
    def test_the_customer_pays_inclusive_lines_as_priced(self, case) -> None:
        currency, lines = case
        inclusive = [line for line in lines if line.tax_inclusive]
        totals = compute_totals(inclusive, currency)
        gross = exact_sum(f.amount for f in totals.lines)
        assert totals.total == gross - exact_sum(f.discount_amount for f in totals.lines)


class TestRoundingNeverDrifts:
    @given(with_currency(), st.randoms(use_true_random=False))
    def test_line_order_does_not_matter(self, case, rng: random.Random) -> None:
        currency, lines = case
        shuffled = list(lines)
        rng.shuffle(shuffled)
        assert figures(compute_totals(shuffled, currency)) == figures(
            compute_totals(lines, currency)
        )

    @given(
        st.sampled_from(CURRENCIES),
        st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=12),
        st.sampled_from(RATES),
        st.booleans(),
        st.data(),
    )
    def test_splitting_amounts_differently_within_a_rate_gives_the_same_tax(
        self, currency: str, units: list[int], rate: Decimal, inclusive: bool, data
    ) -> None:
        digits = exponent(currency)
        one = [line("1", str(at(sum(units), digits)), str(rate), tax_inclusive=inclusive)]
        split = [line("1", str(at(u, digits)), str(rate), tax_inclusive=inclusive) for u in units]
        # and the same sum once more, cut at other points
        cuts = sorted(data.draw(st.lists(st.integers(0, len(units)), max_size=4)))
        bounds = [0, *cuts, len(units)]
        regrouped = [
            line("1", str(at(sum(units[a:b]), digits)), str(rate), tax_inclusive=inclusive)
            for a, b in itertools.pairwise(bounds)
        ]
        expected = figures(compute_totals(one, currency))
        assert figures(compute_totals(split, currency)) == expected
        assert figures(compute_totals(regrouped, currency)) == expected

    @given(
        st.sampled_from(CURRENCIES),
        st.integers(1, 10**6),
        st.integers(1, 10**6),
        st.integers(-(10**8), 10**8),
        st.sampled_from(RATES),
        st.booleans(),
    )
    def test_splitting_a_quantity_into_two_lines_gives_the_same_figures(
        self, currency: str, first: int, second: int, unit: int, rate: Decimal, inclusive: bool
    ) -> None:
        unit_amount = str(at(unit, exponent(currency)))
        whole = [line(str(first + second), unit_amount, str(rate), tax_inclusive=inclusive)]
        parts = [
            line(str(first), unit_amount, str(rate), tax_inclusive=inclusive),
            line(str(second), unit_amount, str(rate), tax_inclusive=inclusive),
        ]
        assert figures(compute_totals(parts, currency)) == figures(compute_totals(whole, currency))

    @given(
        st.sampled_from(CURRENCIES).flatmap(
            lambda c: st.tuples(st.just(c), lines_in(c), lines_in(c))
        )
    )
    def test_other_groups_do_not_change_a_groups_tax(self, case) -> None:
        currency, lines, extra = case
        rates = {line.tax_rate.normalize() for line in lines}
        assume(all(e.tax_rate.normalize() not in rates for e in extra))
        alone = compute_totals(lines, currency)
        together = compute_totals([*lines, *extra], currency)
        taxes = {(g.rate, g.inclusive): g.amount for g in together.tax_groups}
        for group in alone.tax_groups:
            assert taxes[(group.rate, group.inclusive)] == group.amount


class TestSymmetry:
    @given(with_currency())
    def test_credits_mirror_charges_exactly(self, case) -> None:
        currency, lines = case
        plain = [LineInput(x.quantity, x.unit_amount, x.tax_rate, x.tax_inclusive) for x in lines]
        negated = [
            LineInput(x.quantity, x.unit_amount.copy_negate(), x.tax_rate, x.tax_inclusive)
            for x in plain
        ]
        charges, credits = compute_totals(plain, currency), compute_totals(negated, currency)
        assert figures(credits) == {k: v.copy_negate() for k, v in figures(charges).items()}
        assert [f.amount for f in credits.lines] == [f.amount.copy_negate() for f in charges.lines]

    @pytest.mark.parametrize(
        ("unit_amount", "expected"), [("0.005", "0.01"), ("-0.005", "-0.01"), ("0.004", "0.00")]
    )
    def test_line_amounts_round_half_away_from_zero(self, unit_amount: str, expected: str) -> None:
        assert line_totals(line("1", unit_amount), "USD").amount == Decimal(expected)

    @pytest.mark.parametrize(("base", "tax"), [("0.10", "0.01"), ("-0.10", "-0.01")])
    def test_tax_rounds_half_away_from_zero(self, base: str, tax: str) -> None:
        assert compute_totals([line("1", base, "5")], "USD").tax_amount == Decimal(tax)


class TestBuyerFee:
    @given(
        st.sampled_from(CURRENCIES).flatmap(
            lambda c: st.tuples(
                st.just(c), st.integers(1, 10**15).map(lambda u, c=c: at(u, exponent(c)))
            )
        ),
        st.integers(1, 100 * 10**4).map(lambda u: at(u, 4)),
    )
    def test_fee_is_the_rate_of_the_total_rounded_once(self, case, percent: Decimal) -> None:
        currency, total = case
        fee = buyer_fee(total, percent, currency)
        expected = half_up(Fraction(total) * Fraction(percent) / 100, exponent(currency))
        assert Fraction(fee) == expected
        assert places(fee) <= exponent(currency)

    @pytest.mark.parametrize(("total", "percent"), [("0", "2.5"), ("-10.00", "2.5"), ("10", "0")])
    def test_no_fee_without_a_positive_total_and_rate(self, total: str, percent: str) -> None:
        assert buyer_fee(Decimal(total), Decimal(percent), "USD") == 0

    def test_example(self) -> None:
        assert buyer_fee(Decimal("129.04"), Decimal("2.5"), "USD") == Decimal("3.23")  # 3.226
