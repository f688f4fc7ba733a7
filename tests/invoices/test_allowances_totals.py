"""Allowances and charges in the invoice arithmetic (`invoices.totals`, `invoices.allowances`),
pure: the EN 16931 totals chain, its invariants for any input hypothesis finds, and the rules
(`rules.totals_for`) that refuse what EN 16931 cannot carry."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.invoices import allowances as adjustments
from remit.invoices.errors import InvalidAllowanceCharge
from remit.invoices.rules import totals_for
from remit.invoices.totals import Adjustment, LineInput, Totals, compute_totals
from remit.kernel.currencies import exponent
from remit.kernel.money import MONEY_CONTEXT, percent_of, places
from remit.kernel.problems import Problem
from tests.invoices.test_totals_properties import CURRENCIES, at, lines_in

D = Decimal


def loyalty(percent: str) -> Adjustment:
    return Adjustment(percent=D(percent), reason="Loyalty")


def freight(amount: str) -> Adjustment:
    return Adjustment(D(amount), reason_code="FC")


def in_group(adjustment: Adjustment, category: str, rate: str) -> Adjustment:
    return replace(adjustment, tax_category=category, tax_rate=D(rate))


HOURS = LineInput(D(2), D("50.00"), D(19), allowances=(loyalty("10"),), charges=(freight("2.50"),))
BOOKS = LineInput(D(1), D("40.00"), D(7))


class TestTotalsChain:
    def test_line_and_document_allowances_and_charges_follow_en16931(self) -> None:
        totals = compute_totals(
            [HOURS, BOOKS],
            "EUR",
            allowances=[in_group(Adjustment(percent=D(5), reason="Volume"), "S", "19")],
            charges=[in_group(Adjustment(D("10.00"), reason="Shipping"), "S", "25")],
        )
        hours = totals.lines[0]
        assert (hours.amount, hours.allowance_amount, hours.charge_amount, hours.net_amount) == (
            D("100.00"), D("10.00"), D("2.50"), D("92.50"),
        )  # fmt: skip
        assert hours.allowances[0].base_amount == D("100.00")  # a percentage of its amount
        # 5 % of the 19 % group's line nets, 92.50: 4.625 → 4.63.
        assert [(a.amount, a.base_amount) for a in totals.allowances] == [(D("4.63"), D("92.50"))]
        assert [(g.category, g.rate, g.taxable_amount, g.amount) for g in totals.tax_groups] == [
            ("S", D(7), D("40.00"), D("2.80")),
            ("S", D(19), D("87.87"), D("16.70")),  # 92.50 − 4.63, taxed once
            ("S", D(25), D("10.00"), D("2.50")),  # the charge opens a group of its own
        ]
        # Charges count in the subtotal, allowances in the discount.
        assert (totals.subtotal, totals.discount_amount) == (D("152.50"), D("14.63"))
        assert (totals.allowance_amount, totals.charge_amount) == (D("4.63"), D("10.00"))
        assert (totals.tax_amount, totals.total) == (D("22.00"), D("159.87"))

    def test_a_percentage_of_a_given_base_amount(self) -> None:
        allowance = replace(loyalty("10"), base_amount=D("33.33"))
        totals = compute_totals([BOOKS], "EUR", allowances=[in_group(allowance, "S", "7")])
        assert [(a.amount, a.base_amount) for a in totals.allowances] == [(D("3.33"), D("33.33"))]

    def test_per_line_rounding_rounds_each_allowance_and_charge_on_its_own(self) -> None:
        # Three lines of 0.05 at 19 %: 0.0095 each → 0.01 each; a charge of 0.05 → 0.01; an
        # allowance of 0.05 → 0.01 off. per_rate rounds 0.15 × 19 % = 0.0285 → 0.03 once.
        lines = [LineInput(D(1), D("0.05"), D(19))] * 3
        charge, allowance = (
            in_group(freight("0.05"), "S", "19"),
            in_group(freight("0.05"), "S", "19"),
        )
        per_line = compute_totals(lines, "EUR", "per_line", [allowance], [charge])
        per_rate = compute_totals(lines, "EUR", "per_rate", [allowance], [charge])
        assert per_line.tax_amount == D("0.03")  # 3 × 0.01 + 0.01 − 0.01
        assert per_rate.tax_amount == D("0.03")
        lone = compute_totals(lines, "EUR", "per_line", [], [charge])
        assert (lone.tax_amount, lone.total) == (D("0.04"), D("0.24"))  # per_rate: 0.04 too
        assert compute_totals(lines, "EUR", "per_rate").tax_amount == D("0.03")

    def test_without_allowances_nothing_changes(self) -> None:
        plain = compute_totals([BOOKS], "EUR")
        assert plain.allowances == plain.charges == ()
        assert plain.lines[0].net_amount == D("40.00")


def _figures(totals: Totals) -> list[Decimal]:
    return [totals.subtotal, totals.discount_amount, totals.tax_amount, totals.total,
            totals.allowance_amount, totals.charge_amount,
            *(group.taxable_amount for group in totals.tax_groups),
            *(line.net_amount for line in totals.lines)]  # fmt: skip


@st.composite
def adjusted_invoices(draw: st.DrawFn) -> tuple[str, list[LineInput], list[Adjustment], ...]:
    currency = draw(st.sampled_from(CURRENCIES))
    digits = exponent(currency)
    lines = [replace(line, tax_inclusive=False) for line in draw(lines_in(currency))]

    def some(count: int) -> tuple[Adjustment, ...]:
        found = []
        for _ in range(draw(st.integers(0, count))):
            if draw(st.booleans()):
                found.append(Adjustment(percent=at(draw(st.integers(0, 100 * 10**4)), 4)))
            else:
                found.append(Adjustment(at(draw(st.integers(0, 10**6 * 10**digits)), digits)))
        return tuple(found)

    lines = [replace(line, allowances=some(2), charges=some(2)) for line in lines]
    keys = [line.group_key for line in lines] + [("S", D(19), False), ("Z", D(0), False)]

    def placed(given: tuple[Adjustment, ...]) -> list[Adjustment]:
        found = []
        for each in given:
            category, rate, _ = draw(st.sampled_from(keys))
            found.append(replace(each, tax_category=category, tax_rate=rate))
        return found

    rounding = draw(st.sampled_from(["per_rate", "per_line"]))
    return currency, lines, placed(some(3)), placed(some(3)), rounding


class TestInvariants:
    @given(adjusted_invoices())
    def test_the_totals_chain_holds_exactly(self, case) -> None:  # type: ignore[no-untyped-def]
        currency, lines, allowances, charges, rounding = case
        totals = compute_totals(lines, currency, rounding, allowances, charges)
        # The checks' own sums exact too: Python's default context rounds to 28 digits, and
        # amounts up to 10^10 with up to 18 places (a crypto currency's) need more.
        with localcontext(MONEY_CONTEXT):
            assert totals.total == totals.subtotal - totals.discount_amount + totals.tax_amount
            tax_exclusive = totals.subtotal - totals.discount_amount  # BT-109
            taxable = sum((group.taxable_amount for group in totals.tax_groups), D(0))
            assert taxable == tax_exclusive
            line_nets = sum((line.net_amount for line in totals.lines), D(0))  # BT-106
            assert line_nets - totals.allowance_amount + totals.charge_amount == tax_exclusive
            assert sum((group.amount for group in totals.tax_groups), D(0)) == totals.tax_amount
        assert all(places(figure) <= exponent(currency) for figure in _figures(totals))
        if rounding == "per_rate":
            for group in totals.tax_groups:
                assert group.amount == percent_of(group.taxable_amount, group.rate, currency)


def problem_of(call) -> Problem:  # type: ignore[no-untyped-def]
    with pytest.raises(Problem) as raised:
        call()
    return raised.value


def refused(lines: list[LineInput], allowances=(), charges=()) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = problem_of(lambda: totals_for(lines, "EUR", "per_rate", allowances, charges))
    assert isinstance(found, InvalidAllowanceCharge) and found.status == 422
    return [(error.param, error.code) for error in found.errors]


class TestRules:
    def test_a_line_net_below_zero_is_refused(self) -> None:
        line = LineInput(D(1), D("10.00"), D(19), discount_amount=D(4),
                         allowances=(Adjustment(D("6.01"), reason="Too much"),))  # fmt: skip
        assert refused([line]) == [("lines[0].allowances", "line_net_negative")]
        assert totals_for([replace(line, allowances=(freight("6.00"),))], "EUR").total == D("0.00")

    def test_credit_and_tax_inclusive_lines_take_none(self) -> None:
        credit = LineInput(D(1), D("-10.00"), charges=(freight("1.00"),))
        inclusive = LineInput(D(1), D("10.00"), D(19), True, allowances=(loyalty("1"),))
        assert refused([credit, inclusive]) == [
            ("lines[1].allowances", "tax_inclusive"),
        ]
        assert refused([credit]) == [("lines[0].charges", "credit_line")]

    def test_each_needs_one_of_amount_or_percent_and_a_reason(self) -> None:
        line = LineInput(D(1), D("10.00"), allowances=(
            Adjustment(reason="None"), Adjustment(D(1), D(1), "Both"), Adjustment(D(1)),
        ))  # fmt: skip
        assert refused([line]) == [
            ("lines[0].allowances[0].amount", "amount_or_percent"),
            ("lines[0].allowances[1].amount", "amount_or_percent"),
            ("lines[0].allowances[2].reason", "reason_required"),
        ]

    def test_a_document_allowance_must_fit_its_tax_group(self) -> None:
        lines = [BOOKS, LineInput(D(1), D("10.00"), D(19), True)]
        assert refused(lines, [in_group(freight("40.01"), "S", "7")]) == [
            ("allowances[0].amount", "exceeds_base")
        ]
        assert refused(lines, charges=[in_group(freight("1"), "S", "19")]) == [
            ("charges[0].tax_rate", "tax_inclusive")
        ]
        assert refused(lines, charges=[in_group(freight("1"), "Z", "7")]) == [
            ("charges[0].tax_rate", "invalid")
        ]
        assert refused(lines, charges=[in_group(freight("1"), "E", "0")]) == [
            ("charges[0].tax_category", "tax_exemption_reason_required")
        ]

    def test_too_precise_amounts_are_refused_as_every_amount_is(self) -> None:
        line = replace(BOOKS, charges=(freight("1.001"),))
        found = problem_of(lambda: totals_for([line], "EUR"))
        assert [(e.param, e.code) for e in found.errors] == [
            ("lines[0].charges[0].amount", "amount_too_precise")
        ]


class TestTaxGroupOfADocumentAllowance:
    def resolve(self, lines: list[LineInput], given: Adjustment) -> tuple[object, ...]:
        found, errors = adjustments.resolved([given], lines, "allowances")
        if errors:
            return tuple((error.param, error.code) for error in errors)
        return found[0].tax_category, found[0].tax_rate

    def test_the_invoices_only_group_is_the_default(self) -> None:
        assert self.resolve([BOOKS, BOOKS], freight("1")) == ("S", D(7))

    def test_with_several_groups_the_rate_is_required(self) -> None:
        assert self.resolve([BOOKS, HOURS], freight("1")) == (
            ("allowances[0].tax_rate", "tax_group_required"),
        )
        assert self.resolve([], freight("1")) == (("allowances[0].tax_rate", "tax_group_required"),)

    def test_a_rate_alone_takes_the_lines_category_at_it(self) -> None:
        reverse = LineInput(D(1), D(5), tax_category="AE", tax_exemption_reason="Reverse charge")
        assert self.resolve([reverse, BOOKS], replace(freight("1"), tax_rate=D(0))) == ("AE", D(0))
        assert self.resolve([BOOKS], replace(freight("1"), tax_rate=D(19))) == ("S", D(19))

    def test_a_category_alone_takes_its_one_rate(self) -> None:
        assert self.resolve([BOOKS, HOURS], replace(freight("1"), tax_category="Z")) == (
            "Z", D(0),
        )  # fmt: skip
        assert self.resolve([BOOKS, HOURS], replace(freight("1"), tax_category="S")) == (
            ("allowances[0].tax_rate", "tax_group_required"),
        )
