"""Exact money (SPEC §3.2): parsing, bounds, half-up rounding and formatting, pure.

The properties compare remit's functions with an oracle written with `Fraction` (exact
rationals), so a rounding or precision slip shows as a counterexample, not a guess.
"""

from __future__ import annotations

from decimal import Decimal, getcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.kernel import money
from remit.kernel.currencies import UnknownCurrency, exponent, normalize_currency

CURRENCIES = ["JPY", "USD", "KWD", "CLF", "USDC", "BTC", "ETH"]


def half_up(value: Fraction, places: int) -> Fraction:
    """Round half away from zero to `places` decimals: the oracle."""
    scale = 10**places
    magnitude = abs(value) * scale
    whole = int(magnitude)  # floor of a non-negative rational
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    result = Fraction(whole, scale)
    return -result if value < 0 else result


def decimals(places: int = 18, bound: int = 10**15) -> st.SearchStrategy[Decimal]:
    """Decimals in ±`bound` with up to `places` places. Digits are drawn one by one, so long
    values (34 significant digits for ETH) are as likely as short ones."""
    width = len(str(bound)) - 1

    @st.composite
    def draw_one(draw: st.DrawFn) -> Decimal:
        whole = draw(st.text("0123456789", min_size=1, max_size=width))
        fraction = draw(st.text("0123456789", max_size=places))
        sign = draw(st.sampled_from(["", "-"]))
        value = Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
        return value if abs(value) <= bound else Decimal(bound)

    return st.one_of(draw_one(), st.sampled_from([Decimal(bound), Decimal(-bound)]))


class TestParseDecimal:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("10.50", Decimal("10.50")),
            ("-0.1", Decimal("-0.1")),
            ("1000", Decimal(1000)),
            ("0.000000000000000001", Decimal("1E-18")),
            (7, Decimal(7)),
            (Decimal("19.99"), Decimal("19.99")),
        ],
    )
    def test_accepts_plain_decimals_exactly(self, given: object, expected: Decimal) -> None:
        parsed = money.parse_decimal(given)
        assert isinstance(parsed, Decimal)
        assert parsed == expected

    @pytest.mark.parametrize(
        "given",
        [True, False, 0.1, 1.0, None, [], {}, "", " 1", "1 ", "+1", "1.", ".5", "1e5", "1E5",
         "1,5", "NaN", "Infinity", "0x10", "١٢", Decimal("NaN"), Decimal("Infinity")],
    )  # fmt: skip
    def test_refuses_anything_but_a_plain_decimal(self, given: object) -> None:
        with pytest.raises(money.NotADecimal):
            money.parse_decimal(given)

    @pytest.mark.parametrize(
        "given", [10**41, -(10**41), Decimal("1E+41"), Decimal("1E-41"), "9" * 65]
    )
    def test_absurd_magnitudes_are_out_of_range_before_any_arithmetic(self, given: object) -> None:
        with pytest.raises(money.AmountOutOfRange):
            money.parse_decimal(given)

    def test_errors_carry_their_api_codes(self) -> None:
        assert money.NotADecimal.code == "invalid_amount"
        assert money.AmountOutOfRange.code == "amount_out_of_range"
        assert money.TooManyDecimals.code == "amount_too_precise"

    @given(decimals())
    def test_plain_text_round_trips(self, value: Decimal) -> None:
        text = f"{value:f}"
        parsed = money.parse_decimal(text)
        assert parsed == value
        assert f"{parsed:f}" == text


class TestPlaces:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [("0", 0), ("0.000", 0), ("10", 0), ("1E+3", 0), ("10.50", 1), ("1.5000", 1),
         ("33.333", 3), ("-0.01", 2), ("1E-18", 18)],
    )  # fmt: skip
    def test_trailing_zeros_do_not_count(self, value: str, expected: int) -> None:
        assert money.places(Decimal(value)) == expected


class TestCheckBounds:
    def test_the_limits_themselves_are_in_range(self) -> None:
        assert money.check_bounds(Decimal(10) ** 15, 2) == Decimal(10) ** 15
        assert money.check_bounds(-(Decimal(10) ** 15), 2) == -(Decimal(10) ** 15)

    @pytest.mark.parametrize("value", ["1000000000000000.01", "-1000000000000000.01", "1E+16"])
    def test_beyond_ten_to_the_fifteen_is_out_of_range(self, value: str) -> None:
        with pytest.raises(money.AmountOutOfRange):
            money.check_bounds(Decimal(value), 2)

    def test_more_places_than_allowed_is_too_precise_never_rounded(self) -> None:
        with pytest.raises(money.TooManyDecimals):
            money.check_bounds(Decimal("0.001"), 2)
        assert money.check_bounds(Decimal("0.0010"), 3) == Decimal("0.001")

    @pytest.mark.parametrize(
        ("currency", "fine", "too_precise"),
        [("JPY", "1000", "1000.5"), ("USD", "10.50", "10.505"), ("KWD", "1.125", "1.1255"),
         ("USDC", "49.000001", "49.0000001"), ("ETH", "1E-18", "1E-19")],
    )  # fmt: skip
    def test_amounts_follow_the_currency_exponent(
        self, currency: str, fine: str, too_precise: str
    ) -> None:
        assert money.check_amount(Decimal(fine), currency) == Decimal(fine)
        with pytest.raises(money.TooManyDecimals):
            money.check_amount(Decimal(too_precise), currency)


class TestRounding:
    @pytest.mark.parametrize(
        ("value", "currency", "expected"),
        [("0.005", "USD", "0.01"), ("-0.005", "USD", "-0.01"), ("0.0049999", "USD", "0.00"),
         ("2.5", "JPY", "3"), ("-2.5", "JPY", "-3"), ("1.4999", "JPY", "1"),
         ("49.9995", "USD", "50.00"), ("1.0005", "KWD", "1.001"),
         ("0.0000000000000000005", "ETH", "0.000000000000000001")],
    )  # fmt: skip
    def test_half_up_away_from_zero(self, value: str, currency: str, expected: str) -> None:
        rounded = money.round_amount(Decimal(value), currency)
        assert rounded == Decimal(expected)
        assert money.format_amount(Decimal(value), currency) == expected

    @given(decimals(), st.sampled_from(CURRENCIES))
    def test_round_amount_matches_the_oracle(self, value: Decimal, currency: str) -> None:
        rounded = money.round_amount(value, currency)
        assert Fraction(rounded) == half_up(Fraction(value), exponent(currency))
        assert money.places(rounded) <= exponent(currency)

    @given(decimals(), st.sampled_from(CURRENCIES))
    def test_rounding_is_symmetric_for_negatives(self, value: Decimal, currency: str) -> None:
        # copy_negate: unary minus would itself round to the default 28 digits
        negated = value.copy_negate()
        assert (
            money.round_amount(negated, currency)
            == money.round_amount(value, currency).copy_negate()
        )

    @given(
        st.fractions(min_value=-(10**15), max_value=10**15, max_denominator=10**9),
        st.sampled_from(CURRENCIES),
    )
    def test_round_fraction_matches_the_oracle(self, value: Fraction, currency: str) -> None:
        rounded = money.round_fraction(value, currency)
        assert Fraction(rounded) == half_up(value, exponent(currency))
        assert money.round_fraction(-value, currency) == rounded.copy_negate()

    @given(decimals(), st.sampled_from(CURRENCIES))
    def test_round_fraction_agrees_with_round_amount(self, value: Decimal, currency: str) -> None:
        assert money.round_fraction(Fraction(value), currency) == money.round_amount(
            value, currency
        )

    @given(
        decimals(places=2, bound=10**13),
        decimals(places=4, bound=100).map(abs),
        st.sampled_from(["USD", "JPY", "KWD"]),
    )
    def test_percent_of_rounds_the_exact_product_once(
        self, amount: Decimal, percent: Decimal, currency: str
    ) -> None:
        expected = half_up(Fraction(amount) * Fraction(percent) / 100, exponent(currency))
        assert Fraction(money.percent_of(amount, percent, currency)) == expected


class TestExactArithmetic:
    @given(decimals(places=18), decimals(places=12))
    def test_products_of_in_range_values_are_exact(self, a: Decimal, b: Decimal) -> None:
        assert Fraction(money.mul(a, b)) == Fraction(a) * Fraction(b)

    @given(st.lists(decimals(places=18), max_size=20))
    def test_sums_are_exact(self, values: list[Decimal]) -> None:
        assert Fraction(money.add(*values)) == sum((Fraction(v) for v in values), Fraction(0))

    def test_exact_widens_the_context_only_inside(self) -> None:
        seen: list[int] = []

        @money.exact
        def inside() -> Decimal:
            seen.append(getcontext().prec)
            # 34 significant digits: the default 28-digit context would round this.
            return Decimal("999999999999999.999999999999999999") + Decimal("1E-18")

        outside = getcontext().prec
        assert inside() == Decimal("1000000000000000.000000000000000000")
        assert seen == [money.MONEY_CONTEXT.prec]
        assert getcontext().prec == outside


class TestFormatting:
    @pytest.mark.parametrize(
        ("value", "currency", "expected"),
        [("49", "USDC", "49.000000"), ("10.5", "USD", "10.50"), ("1000", "JPY", "1000"),
         ("-0", "USD", "0.00"), ("-0.001", "USD", "0.00"), ("1E+3", "USD", "1000.00"),
         ("-12.3", "KWD", "-12.300"), ("1", "ETH", "1.000000000000000000")],
    )  # fmt: skip
    def test_amounts_show_exactly_the_currency_places(
        self, value: str, currency: str, expected: str
    ) -> None:
        assert money.format_amount(Decimal(value), currency) == expected

    @given(decimals(), st.sampled_from(CURRENCIES))
    def test_format_amount_is_the_rounded_value_at_the_exponent(
        self, value: Decimal, currency: str
    ) -> None:
        text = money.format_amount(value, currency)
        assert Decimal(text) == money.round_amount(value, currency)
        assert not text.startswith("-0") or Decimal(text) != 0
        whole, _, fraction = text.partition(".")
        assert len(fraction) == exponent(currency)
        assert "E" not in text and whole.lstrip("-").isdigit()

    @pytest.mark.parametrize(
        ("value", "min_places", "expected"),
        [("1.5000", 0, "1.5"), ("33.333", 2, "33.333"), ("19.9", 2, "19.90"), ("100", 2, "100.00"),
         ("3", 0, "3"), ("-0", 2, "0.00"), ("1E+2", 0, "100"), ("0.000000000001", 0,
         "0.000000000001")],
    )  # fmt: skip
    def test_decimals_drop_trailing_zeros_beyond_the_minimum(
        self, value: str, min_places: int, expected: str
    ) -> None:
        assert money.format_decimal(Decimal(value), min_places) == expected

    @given(decimals(), st.integers(0, 18))
    def test_format_decimal_is_lossless(self, value: Decimal, min_places: int) -> None:
        text = money.format_decimal(value, min_places)
        assert Decimal(text) == value
        _, _, fraction = text.partition(".")
        assert len(fraction) == max(money.places(value), min_places)


class TestCurrencies:
    @pytest.mark.parametrize(
        ("code", "places"),
        [("JPY", 0), ("KRW", 0), ("USD", 2), ("EUR", 2), ("KWD", 3), ("CLF", 4), ("USDC", 6),
         ("USDT", 6), ("BTC", 8), ("ETH", 18)],
    )  # fmt: skip
    def test_exponents(self, code: str, places: int) -> None:
        assert exponent(code) == places

    def test_codes_are_normalized_to_upper_case(self) -> None:
        assert normalize_currency("usd") == "USD"
        assert normalize_currency("Eth") == "ETH"

    @pytest.mark.parametrize("code", ["XAU", "XXX", "US", "USDD", "", "bitcoin"])
    def test_unknown_codes_are_refused(self, code: str) -> None:
        with pytest.raises(UnknownCurrency):
            normalize_currency(code)
