"""VAT categories (`invoices.tax_categories`) and the tax groups they make
(`invoices.totals`), pure."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.invoices.tax_categories import category_errors, default_category, line_tax
from remit.invoices.totals import LineInput, compute_totals
from tests.invoices.test_totals_properties import CURRENCIES, lines_in

D = Decimal


def groups(*lines: LineInput) -> list[tuple[object, ...]]:
    return [
        (group.category, group.rate, group.inclusive, group.taxable_amount, group.amount,
         group.exemption_reason, group.exemption_reason_code)
        for group in compute_totals(lines, "EUR").tax_groups
    ]  # fmt: skip


class TestTaxGroups:
    @given(st.sampled_from(CURRENCIES).flatmap(lambda c: st.tuples(st.just(c), lines_in(c))))
    def test_lines_without_a_category_group_by_rate_as_before(self, case) -> None:  # type: ignore[no-untyped-def]
        currency, lines = case
        plain = compute_totals(lines, currency)
        keys = [(group.rate, group.inclusive) for group in plain.tax_groups]
        assert keys == sorted(set(keys))  # one group per (rate, inclusive), in that order
        named = [replace(line, tax_category=default_category(line.tax_rate)) for line in lines]
        assert compute_totals(named, currency) == plain

    def test_exempt_and_zero_rated_never_merge(self) -> None:
        exempt = LineInput(D(1), D("20.00"), tax_category="E", tax_exemption_reason="Medical")
        assert groups(
            LineInput(D(1), D("10.00")),
            exempt,
            LineInput(D(1), D("100.00"), D(19)),
            replace(exempt, unit_amount=D("5.00")),
        ) == [
            ("E", D(0), False, D("25.00"), D("0.00"), "Medical", None),
            ("Z", D(0), False, D("10.00"), D("0.00"), None, None),
            ("S", D(19), False, D("100.00"), D("19.00"), None, None),
        ]

    def test_two_categories_at_one_rate_are_taxed_apart(self) -> None:
        # 0.07 × 7 % = 0.0049 each: 0.00 + 0.00 apart, where 0.14 together would be 0.01.
        totals = compute_totals(
            [LineInput(D(1), D("0.07"), D(7)), LineInput(D(1), D("0.07"), D(7), tax_category="L")],
            "EUR",
        )
        assert [(group.category, group.amount) for group in totals.tax_groups] == [
            ("L", D("0.00")),
            ("S", D("0.00")),
        ]
        assert (totals.tax_amount, totals.total) == (D("0.00"), D("0.14"))

    def test_a_groups_reason_is_its_lines(self) -> None:
        reverse = LineInput(
            D(1), D("8.00"), tax_category="AE", tax_exemption_reason_code="VATEX-EU-AE"
        )
        [group] = compute_totals([reverse, replace(reverse, unit_amount=D(2))], "EUR").tax_groups
        assert (group.taxable_amount, group.exemption_reason_code) == (D("10.00"), "VATEX-EU-AE")


class TestLineTax:
    def test_without_a_category_the_rate_decides_later(self) -> None:
        tax = line_tax(None, None, None, None, default_rate=D(19), customer_tax_exempt="none")
        assert (tax.category, tax.rate, tax.from_invoice) == (None, D(19), True)

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            ("reverse", ("AE", "Reverse charge", "VATEX-EU-AE")),
            ("exempt", ("E", "Tax exempt", None)),
        ],
    )
    def test_a_customers_status_sets_category_rate_and_reason(
        self, status: str, expected: tuple[str, str, str | None]
    ) -> None:
        tax = line_tax(None, D(19), None, None, default_rate=D(7), customer_tax_exempt=status)
        assert (tax.category, tax.reason, tax.reason_code) == expected
        assert (tax.rate, tax.from_invoice) == (D(0), False)

    def test_a_named_category_is_the_lines_own(self) -> None:
        tax = line_tax("S", D(19), None, None, default_rate=None, customer_tax_exempt="reverse")
        assert (tax.category, tax.rate, tax.reason) == ("S", D(19), None)

    def test_a_zero_rate_category_ignores_the_invoices_default(self) -> None:
        tax = line_tax("G", None, "Export", None, default_rate=D(19), customer_tax_exempt="none")
        assert (tax.category, tax.rate, tax.from_invoice) == ("G", D(0), False)


class TestCategoryErrors:
    @pytest.mark.parametrize(
        ("line", "param"),
        [
            (LineInput(D(1), D(1), D(19), tax_category="Z"), "lines[0].tax_rate"),
            (LineInput(D(1), D(1), D(0), tax_category="S"), "lines[0].tax_rate"),
            (LineInput(D(1), D(1), tax_category="O"), "lines[0].tax_exemption_reason"),
            (LineInput(D(1), D(1), D(19), tax_exemption_reason="x"),
             "lines[0].tax_exemption_reason"),
            (LineInput(D(1), D(1), tax_category="K", tax_exemption_reason_code="VATEX-EU-G"),
             "lines[0].tax_exemption_reason_code"),
        ],
    )  # fmt: skip
    def test_a_line_that_breaks_a_rule_is_named(self, line: LineInput, param: str) -> None:
        assert [error.param for error in category_errors([line])] == [param]

    @pytest.mark.parametrize(
        "line",
        [
            LineInput(D(1), D(1), D(19)),
            LineInput(D(1), D(1)),
            LineInput(D(1), D(1), D(7), tax_category="L"),
            LineInput(D(1), D(1), D(0), tax_category="M"),
            LineInput(D(1), D(1), tax_category="E", tax_exemption_reason_code="VATEX-EU-F"),
            LineInput(D(1), D(1), tax_category="AE", tax_exemption_reason="Reverse charge"),
        ],
    )
    def test_lines_that_keep_the_rules_pass(self, line: LineInput) -> None:
        assert category_errors([line]) == []

    def test_lines_of_one_group_share_one_reason(self) -> None:
        first = LineInput(D(1), D(1), tax_category="E", tax_exemption_reason="Medical")
        other = replace(first, tax_exemption_reason="Education")
        assert [error.param for error in category_errors([first, first, other])] == [
            "lines[2].tax_exemption_reason"
        ]
