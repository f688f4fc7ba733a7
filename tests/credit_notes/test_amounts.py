"""A credit note's money (`credit_notes.amounts`), pure: worked examples, then properties.

The invoices here are built by the invoice's own rules (`invoices.totals.compute_totals`), as
`changes.recompute` builds them, and credited through `room_for`, as the service credits them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from decimal import ROUND_DOWN, Decimal
from functools import partial
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.credit_notes import amounts
from remit.credit_notes.amounts import Credit, Custom, FromInvoiceLine, Room
from remit.invoices.models import Invoice, InvoiceLine
from remit.invoices.totals import LineInput, compute_totals
from remit.kernel.currencies import exponent
from remit.kernel.money import format_amount, places
from remit.kernel.problems import NotFound, Problem

D = Decimal


def invoice_of(
    lines: Sequence[LineInput],
    currency: str = "USD",
    rounding: str = "per_rate",
    default_tax_rate: Decimal | None = None,
) -> Invoice:
    """An issued invoice's figures, as `invoices.changes.recompute` stores them."""
    totals = compute_totals(lines, currency, "per_line" if rounding == "per_line" else "per_rate")
    invoice = Invoice(currency=currency, total=totals.total, tax_rounding=rounding,
                      default_tax_rate=default_tax_rate)  # fmt: skip
    invoice.lines = [
        InvoiceLine(
            id=f"il_{index}", description=f"line {index}", quantity=line.quantity,
            unit_amount=line.unit_amount, amount=figures.amount,
            discount_amount=figures.discount_amount, tax_rate=line.tax_rate,
            tax_inclusive=line.tax_inclusive, tax_amount=figures.tax_amount,
            given_tax_category=line.tax_category,
        )
        for index, (line, figures) in enumerate(zip(lines, totals.lines, strict=True))
    ]  # fmt: skip
    return invoice


def room(*lines: LineInput, **options: Any) -> Room:
    return amounts.room_for(invoice_of(lines, **options), [])


def figures(credit: Credit, currency: str = "USD") -> tuple[str, ...]:
    return tuple(format_amount(figure, currency) for figure in (
        credit.subtotal, credit.discount_amount, credit.tax_amount, credit.total))  # fmt: skip


def refused(problem: pytest.ExceptionInfo[Problem], code: str, param: str) -> None:
    assert problem.value.code == code, problem.value.to_dict()
    assert [error.param for error in problem.value.errors] == [param]


MIXED = (
    LineInput(D(3), D("19.99"), D("8.25")),  # 59.97
    LineInput(D("1.5"), D("33.333"), D("8.25")),  # 50.00
    LineInput(D(1), D("10.00"), D(0)),  # 10.00; the invoice: 119.97 + 9.07 = 129.04
)


class TestLines:
    def test_mixed_rates_round_once_per_rate(self) -> None:
        asked = [FromInvoiceLine("il_0", quantity=D(3)), FromInvoiceLine("il_2", quantity=D(1))]
        credit = amounts.from_lines(room(*MIXED), asked)
        assert figures(credit) == ("69.97", "0.00", "4.95", "74.92")  # 59.97 × 8.25% = 4.9475
        groups = [(group.rate, group.taxable_amount, group.amount) for group in credit.tax_groups]
        assert groups == [(D(0), D("10.00"), D("0.00")), (D("8.25"), D("59.97"), D("4.95"))]

    def test_the_rest_of_a_rate_takes_the_rest_of_its_tax(self) -> None:
        # 4.95 + 4.13 (50.00 × 8.25% = 4.125) would credit 9.08 of the 9.07 charged: the note
        # that takes the rest of the 8.25% base takes the rest of its tax, 4.12.
        first = amounts.from_lines(room(*MIXED), [FromInvoiceLine("il_0", quantity=D(3))])
        left = room(*MIXED).taking(first)
        rest = amounts.from_lines(left, [FromInvoiceLine("il_1", quantity=D("1.5")),
                                         FromInvoiceLine("il_2", quantity=D(1))])  # fmt: skip
        assert figures(first) == ("59.97", "0.00", "4.95", "64.92")
        assert figures(rest) == ("60.00", "0.00", "4.12", "64.12")
        assert rest.lines[0].tax_amount == D("4.13")  # the line shows its own tax, as invoices do
        assert first.total + rest.total == D("129.04")
        assert left.taking(rest).total == 0

    def test_an_invoices_categories_at_one_rate_are_credited_as_it_taxed_them(self) -> None:
        # S and L at 7 %: 0.00 tax each on the invoice, where 0.14 at 7 % alone would be 0.01.
        left = room(
            LineInput(D(1), D("0.07"), D(7)), LineInput(D(1), D("0.07"), D(7), tax_category="L")
        )
        every = [FromInvoiceLine("il_0", quantity=D(1)), FromInvoiceLine("il_1", quantity=D(1))]
        assert figures(amounts.from_lines(left, every)) == ("0.14", "0.00", "0.00", "0.14")

    def test_tax_inclusive_lines_carve_their_tax_out_of_the_gross(self) -> None:
        left = room(LineInput(D(3), D("10.00"), D(19), tax_inclusive=True))  # 30.00: 4.79 tax
        one = amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(1))])
        assert figures(one) == ("8.40", "0.00", "1.60", "10.00")  # 10 × 19/119 = 1.5966
        rest = amounts.from_lines(left.taking(one), [FromInvoiceLine("il_0", quantity=D(2))])
        assert figures(rest) == ("16.81", "0.00", "3.19", "20.00")
        assert one.lines[0].amount == D("10.00") and one.lines[0].tax_inclusive

    def test_a_discount_is_prorated_and_the_last_unit_takes_the_rest(self) -> None:
        left = room(LineInput(D(3), D("10.00"), D(20), discount_amount=D("10.00")))
        discounts = []
        for _ in range(3):
            credit = amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(1))])
            discounts.append(credit.discount_amount)
            left = left.taking(credit)
        assert discounts == [D("3.33"), D("3.33"), D("3.34")]
        assert left.total == 0 and left.lines["il_0"].net_left == 0

    def test_a_percentage_discount_is_prorated_with_the_tax_on_what_is_left(self) -> None:
        left = room(LineInput(D(4), D("25.00"), D(20), discount_percent=D(10)))  # 108.00
        credit = amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(1))])
        assert figures(credit) == ("25.00", "2.50", "4.50", "27.00")

    def test_an_amount_is_credited_after_discount_at_the_lines_rate(self) -> None:
        left = room(LineInput(D(2), D("50.00"), D(10), discount_amount=D("20.00")))  # 80 + 8
        credit = amounts.from_lines(left, [FromInvoiceLine("il_0", amount=D("30.00"))])
        assert figures(credit) == ("30.00", "0.00", "3.00", "33.00")
        assert (credit.lines[0].quantity, credit.lines[0].unit_amount) == (None, None)
        with pytest.raises(Problem) as too_much:
            amounts.from_lines(left.taking(credit), [FromInvoiceLine("il_0", amount=D("50.01"))])
        refused(too_much, "credit_note_exceeds_invoice_line", "lines[0].amount")

    def test_more_than_is_left_of_a_line_is_refused(self) -> None:
        left = room(*MIXED)
        with pytest.raises(Problem) as over:
            amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D("3.001"))])
        refused(over, "credit_note_exceeds_invoice_line", "lines[0].quantity")
        twice = [FromInvoiceLine("il_0", quantity=D(2)), FromInvoiceLine("il_0", quantity=D(2))]
        with pytest.raises(Problem) as again:  # within one note too
            amounts.from_lines(left, twice)
        refused(again, "credit_note_exceeds_invoice_line", "lines[1].quantity")

    def test_an_amount_credited_leaves_less_for_the_quantity(self) -> None:
        left = room(LineInput(D(2), D("50.00")))
        left = left.taking(amounts.from_lines(left, [FromInvoiceLine("il_0", amount=D(60))]))
        with pytest.raises(Problem) as over:  # one unit is 50.00; 40.00 is left
            amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(1))])
        refused(over, "credit_note_exceeds_invoice_line", "lines[0].quantity")
        rest = amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(2))])
        assert rest.total == D("40.00")  # all of the quantity: what is left of the line

    def test_a_line_of_another_invoice_is_missing(self) -> None:
        with pytest.raises(NotFound) as missing:
            amounts.from_lines(room(*MIXED), [FromInvoiceLine("il_9", quantity=D(1))])
        assert [error.param for error in missing.value.errors] == ["lines[0].invoice_line"]

    def test_custom_lines_name_their_rate_or_take_the_invoices_default(self) -> None:
        left = room(LineInput(D(1), D("100.00"), D(10)), default_tax_rate=D(10))
        credit = amounts.from_lines(left, [
            Custom("Goodwill", D(2), D("5.005"), D(20)), Custom("Waived fee", D(1), D("10.00")),
        ])  # fmt: skip
        assert [line.amount for line in credit.lines] == [D("10.01"), D("10.00")]
        assert [line.tax_rate for line in credit.lines] == [D(20), D(10)]
        assert figures(credit) == ("20.01", "0.00", "3.00", "23.01")

    def test_per_line_rounding_follows_the_invoice(self) -> None:
        lines = (LineInput(D(1), D("0.05"), D(10)), LineInput(D(1), D("0.05"), D(10)))
        per_line = room(*lines, rounding="per_line")  # 0.01 + 0.01 of tax
        assert per_line.total == D("0.12") and room(*lines).total == D("0.11")
        credit = amounts.from_lines(per_line, [FromInvoiceLine("il_0", quantity=D(1)),
                                               FromInvoiceLine("il_1", quantity=D(1))])  # fmt: skip
        assert figures(credit) == ("0.10", "0.00", "0.02", "0.12")

    def test_no_more_tax_than_is_left_of_a_rate(self) -> None:
        # 0.14 at 10%: 0.01 of tax. Crediting 0.05 (0.005 → 0.01) takes all of it: a second
        # 0.05 takes none, and the rest of the base none either.
        left = room(LineInput(D(1), D("0.10"), D(10)), LineInput(D(1), D("0.04"), D(10)))
        totals = []
        for asked in (FromInvoiceLine("il_0", amount=D("0.05")),
                      FromInvoiceLine("il_0", amount=D("0.05")),
                      FromInvoiceLine("il_1", quantity=D(1))):  # fmt: skip
            credit = amounts.from_lines(left, [asked])
            totals.append(credit.total)
            left = left.taking(credit)
        assert totals == [D("0.06"), D("0.05"), D("0.04")]
        assert left.total == 0

    def test_a_total_beyond_what_is_left_of_the_invoice_is_refused(self) -> None:
        with pytest.raises(Problem) as over:
            amounts.from_lines(room(*MIXED), [Custom("Too much", D(1), D("129.05"), D(0))])
        refused(over, "credit_note_exceeds_invoice", "lines")
        assert "129.04" in over.value.detail

    def test_a_note_that_credits_nothing_is_refused(self) -> None:
        left = room(LineInput(D(1), D("10.00"), discount_percent=D(100)), LineInput(D(1), D(5)))
        with pytest.raises(Problem) as nothing:
            amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(1))])
        refused(nothing, "credit_note_exceeds_invoice_line", "lines[0].invoice_line")
        with pytest.raises(Problem) as zero:
            amounts.from_lines(left, [Custom("Dust", D(1), D("0.001"))])
        refused(zero, "invalid_credit_note", "lines")


class TestLumpSum:
    def test_a_lump_sum_is_shared_in_proportion_to_each_rate(self) -> None:
        left = room(LineInput(D(1), D("100.00"), D(20)), LineInput(D(1), D("50.00")))  # 170.00
        credit = amounts.from_amount(left, D("85.00"))  # half: 25.00 at 0%, 60.00 at 20%
        assert figures(credit) == ("75.00", "0.00", "10.00", "85.00")
        assert [(line.tax_rate, line.amount, line.tax_amount) for line in credit.lines] == [
            (D(0), D("25.00"), D("0.00")), (D(20), D("50.00"), D("10.00")),
        ]  # fmt: skip

    def test_the_rounding_remainder_goes_to_the_group_with_the_most_left(self) -> None:
        left = room(LineInput(D(1), D("1.00")),
                    LineInput(D(1), D("1.00"), D(10), tax_inclusive=True),
                    LineInput(D(1), D("1.01"), D(20), tax_inclusive=True))  # fmt: skip
        credit = amounts.from_amount(left, D("0.10"))  # 0.0332, 0.0332, 0.0336 → 0.03 each
        assert [line.amount for line in credit.lines] == [D("0.03"), D("0.03"), D("0.04")]
        assert figures(credit) == ("0.09", "0.00", "0.01", "0.10")

    def test_a_lump_sum_is_shared_over_what_is_left_of_each_rate(self) -> None:
        left = room(*MIXED)
        left = left.taking(amounts.from_lines(left, [FromInvoiceLine("il_2", quantity=D(1))]))
        credit = amounts.from_amount(left, D("10.00"))  # nothing is left at 0%
        assert [line.tax_rate for line in credit.lines] == [D("8.25")]
        assert figures(credit) == ("9.24", "0.00", "0.76", "10.00")

    def test_the_rest_of_the_invoice_as_a_lump_sum_is_exact(self) -> None:
        left = room(*MIXED)
        left = left.taking(amounts.from_lines(left, [FromInvoiceLine("il_0", quantity=D(1))]))
        rest = amounts.from_amount(left, left.total)
        assert rest.total == left.total == D("107.40")
        after = left.taking(rest)
        assert after.total == 0
        assert {key: (group.base, group.tax) for key, group in after.groups.items()} == {
            (D(0), False): (0, 0),
            (D("8.25"), False): (0, 0),
        }

    def test_more_than_is_left_is_refused(self) -> None:
        with pytest.raises(Problem) as over:
            amounts.from_amount(room(*MIXED), D("129.05"))
        refused(over, "credit_note_exceeds_invoice", "amount")


class TestSplit:
    def test_an_unpaid_invoice_takes_it_all_off_what_is_left_to_pay(self) -> None:
        split = amounts.split(D(30), D(100), "USD")
        assert (split.pre_payment, split.post_payment, split.credit) == (30, 0, 0)

    def test_beyond_what_is_left_to_pay_goes_to_the_balance_by_default(self) -> None:
        split = amounts.split(D(80), D(70), "USD")
        assert (split.pre_payment, split.post_payment) == (70, 10)
        assert (split.refund, split.credit, split.out_of_band) == (0, 10, 0)

    def test_the_parts_given_must_add_up_to_what_was_paid(self) -> None:
        split = amounts.split(D(50), D(0), "USD", refund=D(20), out_of_band=D(30))
        assert (split.refund, split.credit, split.out_of_band) == (20, 0, 30)
        with pytest.raises(Problem) as short:
            amounts.split(D(50), D(0), "USD", refund=D(20), credit=D(20))
        assert short.value.code == "credit_note_split_mismatch"
        assert [error.param for error in short.value.errors] == ["refund_amount", "credit_amount"]
        assert "50.00" in short.value.detail

    def test_nothing_may_be_refunded_of_an_unpaid_invoice(self) -> None:
        with pytest.raises(Problem) as unpaid:
            amounts.split(D(50), D(100), "USD", refund=D(50))
        assert unpaid.value.code == "credit_note_split_mismatch"


# — properties —

CURRENCIES = ["USD", "JPY", "KWD", "BTC"]
RATES = [D(rate) for rate in ("0", "5", "7.6923", "8.25", "19", "20")]


@st.composite
def invoices(draw: st.DrawFn) -> Invoice:
    currency = draw(st.sampled_from(CURRENCIES))
    digits = exponent(currency)
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        quantity = D(draw(st.integers(1, 400))) / draw(st.sampled_from([1, 2, 4, 10]))
        unit = D(draw(st.integers(1, 10**6))).scaleb(-(digits + draw(st.integers(0, 2))))
        percent = draw(st.sampled_from([None, D(0), D(10), D("33.3333")]))
        lines.append(LineInput(quantity, unit, draw(st.sampled_from(RATES)), draw(st.booleans()),
                               percent))  # fmt: skip
    rounding = draw(st.sampled_from(["per_rate", "per_line"]))
    return invoice_of(lines, currency, rounding)


@st.composite
def requests(draw: st.DrawFn, room: Room, *, lines_only: bool) -> list[amounts.Asked]:
    asked: list[amounts.Asked] = []
    for line in draw(st.lists(st.sampled_from(sorted(room.lines.values(), key=str)),
                              min_size=1, max_size=3)):  # fmt: skip
        if draw(st.booleans()):
            fraction = draw(st.sampled_from([D("0.25"), D("0.5"), D(1)]))
            asked.append(FromInvoiceLine(line.id, quantity=line.quantity * fraction))
        else:
            share = draw(st.sampled_from([D("0.1"), D("0.5")]))
            asked.append(FromInvoiceLine(line.id, amount=_part(line, share, room.currency)))
    if not lines_only and draw(st.booleans()):
        asked.append(Custom("Goodwill", D(1), D(draw(st.integers(1, 500))),
                            draw(st.sampled_from(RATES))))  # fmt: skip
    return asked


def _part(line: amounts.LineLeft, share: Decimal, currency: str) -> Decimal:
    """`share` of the line's net amount, rounded down, and at least the currency's unit."""
    unit = D(1).scaleb(-exponent(currency))
    part = ((line.amount - line.discount_amount) * share).quantize(unit, rounding=ROUND_DOWN)
    return max(part, unit)


def check(credit: Credit, room: Room) -> None:
    assert credit.total == credit.subtotal - credit.discount_amount + credit.tax_amount
    assert 0 < credit.total <= room.total
    digits = exponent(room.currency)
    for figure in (credit.subtotal, credit.discount_amount, credit.tax_amount, credit.total):
        assert places(figure) <= digits


def issue(room: Room, make: Callable[[], Credit], charged: Collection[amounts.GroupKey]) -> Room:
    """`make()`'s credit, checked, taken from `room`; a refusal leaves the room as it is.
    `charged`: the invoice's tax groups (custom lines may credit others)."""
    try:
        credit = make()
    except Problem as refusal:
        assert refusal.status in (404, 422), refusal.to_dict()
        return room
    check(credit, room)
    after = room.taking(credit)
    for key, group in after.groups.items():
        if key in charged:  # never more tax at a rate than the invoice charged
            assert group.tax >= 0, (key, group)
    return after


class TestProperties:
    @given(st.data(), invoices())
    def test_every_note_adds_up_and_never_exceeds_what_is_left(
        self, data: st.DataObject, invoice: Invoice
    ) -> None:
        left = amounts.room_for(invoice, [])
        charged = set(left.groups)
        for _ in range(data.draw(st.integers(1, 4))):
            make: Callable[[], Credit]
            if data.draw(st.booleans()):
                make = partial(
                    amounts.from_lines, left, data.draw(requests(left, lines_only=False))
                )
            else:
                amount = D(data.draw(st.integers(1, 10**6))).scaleb(-exponent(left.currency))
                make = partial(amounts.from_amount, left, amount)
            left = issue(left, make, charged)
            assert left.total >= 0

    @given(st.data(), invoices())
    def test_crediting_every_line_in_any_parts_credits_exactly_the_invoice(
        self, data: st.DataObject, invoice: Invoice
    ) -> None:
        left = amounts.room_for(invoice, [])
        for _ in range(data.draw(st.integers(0, 3))):
            asked = data.draw(requests(left, lines_only=True))
            make = partial(amounts.from_lines, left, asked)
            left = issue(left, make, set(left.groups))
        rest = [FromInvoiceLine(line.id, quantity=line.quantity_left)
                for line in left.lines.values() if line.net_left > 0]  # fmt: skip
        if rest and left.total > 0:
            final = amounts.from_lines(left, rest)
            check(final, left)
            left = left.taking(final)
        assert left.total == 0
        assert all(group.base == 0 and group.tax == 0 for group in left.groups.values())

    @given(st.data(), invoices())
    def test_lump_sums_share_out_exactly_and_end_at_zero(
        self, data: st.DataObject, invoice: Invoice
    ) -> None:
        left = amounts.room_for(invoice, [])
        for _ in range(data.draw(st.integers(0, 3))):
            digits = exponent(left.currency)
            amount = D(data.draw(st.integers(1, 10**5))).scaleb(-digits)
            before = left
            make = partial(amounts.from_amount, left, amount)
            left = issue(left, make, set(left.groups))
            assert left.total in (before.total, before.total - amount)
        if left.total > 0:
            left = left.taking(amounts.from_amount(left, left.total))
        assert left.total == 0
        assert all(group.base == 0 and group.tax == 0 for group in left.groups.values())
