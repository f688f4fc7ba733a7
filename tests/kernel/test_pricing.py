"""Pricing models (kernel.pricing): per unit, package, graduated and volume tiers, pure.

Stripe's documented examples are pinned as written; the properties compare the amounts with
oracles that charge unit by unit in exact rationals (`Fraction`) and round once at the end.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remit.kernel.currencies import UnknownCurrency, exponent
from remit.kernel.money import AmountOutOfRange, round_fraction
from remit.kernel.pricing import (
    Price,
    PriceLine,
    PricingError,
    Tier,
    TiersMode,
    Transform,
    amount,
    breakdown,
    validate,
)

D = Decimal

# Stripe's example tiers: the first 5 units at 5.00, the next 5 at 4.00, the rest at 3.00.
STRIPE_TIERS = (Tier(5, D("5.00")), Tier(10, D("4.00")), Tier(None, D("3.00")))
GRADUATED = Price("tiered", tiers_mode="graduated", tiers=STRIPE_TIERS)
VOLUME = Price("tiered", tiers_mode="volume", tiers=STRIPE_TIERS)
# The same tiers with a flat amount each (1.00, 2.00, 3.00).
WITH_FLAT = tuple(Tier(t.up_to, t.unit_amount, D(i + 1)) for i, t in enumerate(STRIPE_TIERS))


def per_unit(unit_amount: str, transform: Transform | None = None) -> Price:
    return Price("per_unit", D(unit_amount), transform_quantity=transform)


def tiered(mode: TiersMode, *tiers: Tier) -> Price:
    return Price("tiered", tiers_mode=mode, tiers=tiers)


class TestPerUnit:
    def test_unit_amount_times_quantity(self) -> None:
        assert amount(per_unit("9.99"), D(3), "USD") == D("29.97")

    def test_quantity_zero_costs_zero(self) -> None:
        assert amount(per_unit("9.99"), D(0), "USD") == D("0.00")

    def test_fractional_quantities_are_exact(self) -> None:
        assert amount(per_unit("10.00"), D("1.5"), "USD") == D("15.00")

    @pytest.mark.parametrize(
        ("currency", "expected"), [("JPY", D(1)), ("USD", D("0.62")), ("BHD", D("0.617"))]
    )
    def test_twelve_place_unit_amount_rounds_once_at_the_end(
        self, currency: str, expected: Decimal
    ) -> None:
        # 5 000 API calls at 0.000123456789 = 0.617283945: rounded once, half-up.
        assert amount(per_unit("0.000123456789"), D(5000), currency) == expected

    @pytest.mark.parametrize(
        ("unit_amount", "currency", "expected"),
        [("0.5", "JPY", D(1)), ("0.005", "USD", D("0.01")), ("0.0005", "BHD", D("0.001"))],
    )
    def test_exact_halves_round_up(
        self, unit_amount: str, currency: str, expected: Decimal
    ) -> None:
        assert amount(per_unit(unit_amount), D(1), currency) == expected

    def test_amounts_have_exactly_the_currency_places(self) -> None:
        assert str(amount(per_unit("2"), D(3), "BHD")) == "6.000"
        assert str(amount(per_unit("2"), D(3), "JPY")) == "6"

    def test_currency_code_is_normalized(self) -> None:
        assert amount(per_unit("1.00"), D(2), "usd") == D("2.00")


class TestPackagePricing:
    """per_unit with transform_quantity: 10.00 per package of 5 units (Stripe's example)."""

    UP = per_unit("10.00", Transform(5, "up"))
    DOWN = per_unit("10.00", Transform(5, "down"))

    def test_eleven_units_round_up_to_three_packages(self) -> None:
        assert amount(self.UP, D(11), "USD") == D("30.00")

    def test_eleven_units_round_down_to_two_packages(self) -> None:
        assert amount(self.DOWN, D(11), "USD") == D("20.00")

    @pytest.mark.parametrize(
        ("quantity", "up", "down"),
        [(0, "0.00", "0.00"), (1, "10.00", "0.00"), (5, "10.00", "10.00"), (10, "20.00", "20.00")],
    )
    def test_exact_multiples_are_not_rounded(self, quantity: int, up: str, down: str) -> None:
        assert amount(self.UP, D(quantity), "USD") == D(up)
        assert amount(self.DOWN, D(quantity), "USD") == D(down)

    def test_a_fraction_of_a_unit_starts_a_package_when_rounding_up(self) -> None:
        assert amount(self.UP, D("0.000000000001"), "USD") == D("10.00")

    def test_divide_by_one_is_plain_per_unit_pricing_of_whole_units(self) -> None:
        assert amount(per_unit("2.00", Transform(1, "up")), D("2.5"), "USD") == D("6.00")


class TestGraduated:
    def test_stripe_example_twelve_units_cost_51(self) -> None:
        assert amount(GRADUATED, D(12), "USD") == D("51.00")  # 5×5 + 5×4 + 2×3

    @pytest.mark.parametrize(
        ("quantity", "expected"),
        [(0, "0.00"), (1, "5.00"), (5, "25.00"), (6, "29.00"), (10, "45.00"), (11, "48.00")],
    )
    def test_quantities_at_and_beside_each_up_to(self, quantity: int, expected: str) -> None:
        assert amount(GRADUATED, D(quantity), "USD") == D(expected)

    @pytest.mark.parametrize(
        ("quantity", "expected"),
        # flat amounts of the tiers reached: 1.00; 1.00 + 2.00; 1.00 + 2.00 + 3.00
        [(0, "0.00"), (5, "26.00"), (6, "32.00"), (10, "48.00"), (11, "54.00"), (12, "57.00")],
    )
    def test_the_flat_amount_of_every_tier_reached(self, quantity: int, expected: str) -> None:
        assert amount(tiered("graduated", *WITH_FLAT), D(quantity), "USD") == D(expected)

    def test_a_flat_fee_first_tier_then_per_unit(self) -> None:
        price = tiered("graduated", Tier(5, D(0), D("10.00")), Tier(None, D("1.00")))
        assert [amount(price, D(q), "USD") for q in (1, 5, 7)] == [D("10.00"), D("10.00"), D(12)]

    def test_fractional_quantity_splits_across_tiers(self) -> None:
        assert amount(GRADUATED, D("5.5"), "USD") == D("27.00")  # 5×5 + 0.5×4

    def test_one_unbounded_tier_is_per_unit(self) -> None:
        assert amount(tiered("graduated", Tier(None, D("2.50"))), D(4), "USD") == D("10.00")

    def test_tiers_are_summed_exactly_and_rounded_once(self) -> None:
        price = tiered("graduated", Tier(1, D("0.004")), Tier(None, D("0.004")))
        # Rounding each tier would give 0.00 + 0.00; the exact sum 0.008 rounds to 0.01.
        assert amount(price, D(2), "USD") == D("0.01")

    @pytest.mark.parametrize(
        ("currency", "expected"), [("JPY", "2"), ("USD", "1.98"), ("BHD", "1.975")]
    )
    def test_twelve_place_tier_amounts_for_each_exponent(
        self, currency: str, expected: str
    ) -> None:
        price = tiered(
            "graduated", Tier(1000, D("0.001234567891")), Tier(None, D("0.000740740741"))
        )
        # 1000 × 0.001234567891 + 1000 × 0.000740740741 = 1.975308632
        assert amount(price, D(2000), currency) == D(expected)


class TestVolume:
    def test_stripe_example_twelve_units_cost_36(self) -> None:
        assert amount(VOLUME, D(12), "USD") == D("36.00")  # all 12 at the third tier's 3.00

    @pytest.mark.parametrize(
        ("quantity", "expected"),
        [(0, "0.00"), (1, "5.00"), (5, "25.00"), (6, "24.00"), (10, "40.00"), (11, "33.00")],
    )
    def test_quantities_at_and_beside_each_up_to(self, quantity: int, expected: str) -> None:
        assert amount(VOLUME, D(quantity), "USD") == D(expected)

    @pytest.mark.parametrize(
        ("quantity", "expected"), [(0, "0.00"), (5, "26.00"), (6, "26.00"), (12, "39.00")]
    )
    def test_only_the_containing_tier_flat_amount(self, quantity: int, expected: str) -> None:
        assert amount(tiered("volume", *WITH_FLAT), D(quantity), "USD") == D(expected)

    def test_fractional_quantity_just_past_an_up_to_moves_to_the_next_tier(self) -> None:
        assert amount(VOLUME, D("5.000000000001"), "USD") == D("20.00")

    def test_twelve_place_unit_amount_rounds_once(self) -> None:
        price = tiered("volume", Tier(10, D("0.333333333333")), Tier(None, D("0.25")))
        assert amount(price, D(3), "USD") == D("1.00")  # 0.999999999999
        assert amount(price, D(3), "BHD") == D("1.000")
        assert amount(price, D(3), "JPY") == D(1)


class TestBreakdown:
    def test_graduated_has_one_line_per_tier_used(self) -> None:
        assert breakdown(GRADUATED, D(12), "USD") == [
            PriceLine("Tier 1 (units 1–5)", D(5), D("5.00"), D("25.00")),
            PriceLine("Tier 2 (units 6–10)", D(5), D("4.00"), D("20.00")),
            PriceLine("Tier 3 (units 11 and above)", D(2), D("3.00"), D("6.00")),
        ]

    def test_tiers_not_reached_have_no_line(self) -> None:
        lines = breakdown(GRADUATED, D(5), "USD")
        assert [line.description for line in lines] == ["Tier 1 (units 1–5)"]

    def test_a_flat_amount_is_a_line_of_its_own(self) -> None:
        assert breakdown(tiered("graduated", *WITH_FLAT), D(6), "USD") == [
            PriceLine("Tier 1 (units 1–5)", D(5), D("5.00"), D("25.00")),
            PriceLine("Tier 1 (units 1–5), flat fee", D(1), D(1), D("1.00")),
            PriceLine("Tier 2 (units 6–10)", D(1), D("4.00"), D("4.00")),
            PriceLine("Tier 2 (units 6–10), flat fee", D(1), D(2), D("2.00")),
        ]

    def test_volume_has_the_containing_tier_only(self) -> None:
        assert breakdown(tiered("volume", *WITH_FLAT), D(12), "USD") == [
            PriceLine("Tier 3 (units 11 and above)", D(12), D("3.00"), D("36.00")),
            PriceLine("Tier 3 (units 11 and above), flat fee", D(1), D(3), D("3.00")),
        ]

    def test_packages_are_the_billed_quantity(self) -> None:
        price = per_unit("10.00", Transform(5, "up"))
        assert breakdown(price, D(11), "USD") == [
            PriceLine("Per package of 5 (rounded up)", D(3), D("10.00"), D("30.00"))
        ]

    def test_per_unit_is_one_line(self) -> None:
        assert breakdown(per_unit("0.5"), D(3), "JPY") == [
            PriceLine("Per unit", D(3), D("0.5"), D(2))
        ]

    @pytest.mark.parametrize("price", [per_unit("9.99"), GRADUATED, VOLUME], ids=str)
    def test_quantity_zero_is_one_line_of_zero(self, price: Price) -> None:
        [line] = breakdown(price, D(0), "USD")
        assert (line.quantity, line.amount) == (D(0), D("0.00"))

    def test_lines_carry_the_rounding_so_they_sum_to_the_amount(self) -> None:
        price = tiered("graduated", Tier(1, D("0.004")), Tier(None, D("0.004")))
        lines = breakdown(price, D(2), "USD")
        assert [line.amount for line in lines] == [D("0.00"), D("0.01")]
        assert sum(line.amount for line in lines) == amount(price, D(2), "USD")


class TestValidate:
    @pytest.mark.parametrize(
        ("price", "field"),
        [
            (Price("flat"), "billing_scheme"),  # type: ignore[arg-type]
            (Price("per_unit"), "unit_amount"),
            (Price("per_unit", D(-1)), "unit_amount"),
            (Price("per_unit", D("0.0000000000000000001")), "unit_amount"),
            (Price("per_unit", D("1E+16")), "unit_amount"),
            (Price("per_unit", D("NaN")), "unit_amount"),
            (Price("per_unit", 1.5), "unit_amount"),  # type: ignore[arg-type]
            (Price("per_unit", D(1), tiers_mode="volume"), "tiers_mode"),
            (Price("per_unit", D(1), tiers=STRIPE_TIERS), "tiers"),
            (per_unit("1", Transform(0, "up")), "transform_quantity.divide_by"),
            (per_unit("1", Transform(-5, "up")), "transform_quantity.divide_by"),
            (per_unit("1", Transform(True, "up")), "transform_quantity.divide_by"),
            (per_unit("1", Transform(5, "nearest")), "transform_quantity.round"),  # type: ignore[arg-type]
            (Price("tiered", tiers_mode="graduated"), "tiers"),
            (Price("tiered", tiers=STRIPE_TIERS), "tiers_mode"),
            (Price("tiered", D(1), "graduated", STRIPE_TIERS), "unit_amount"),
            (
                Price("tiered", None, "volume", STRIPE_TIERS, Transform(5, "up")),
                "transform_quantity",
            ),
            (tiered("graduated", Tier(5, D(1)), Tier(10, D(1))), "tiers[1].up_to"),
            (tiered("graduated", Tier(5, D(1))), "tiers[0].up_to"),
            (tiered("graduated", Tier(None, D(1)), Tier(None, D(1))), "tiers[0].up_to"),
            (tiered("volume", Tier(5, D(1)), Tier(5, D(1)), Tier(None, D(1))), "tiers[1].up_to"),
            (tiered("volume", Tier(5, D(1)), Tier(3, D(1)), Tier(None, D(1))), "tiers[1].up_to"),
            (tiered("volume", Tier(0, D(1)), Tier(None, D(1))), "tiers[0].up_to"),
            (tiered("volume", Tier(5, D(1)), Tier(None, D(-1))), "tiers[1].unit_amount"),
            (tiered("volume", Tier(5, D(1), D(-1)), Tier(None, D(1))), "tiers[0].flat_amount"),
            (
                tiered("volume", Tier(5, D(1), D("0.0000000000000000001")), Tier(None)),
                "tiers[0].flat_amount",
            ),
        ],
    )
    def test_refused_with_the_offending_field(self, price: Price, field: str) -> None:
        with pytest.raises(PricingError) as caught:
            validate(price)
        assert caught.value.field == field

    @pytest.mark.parametrize(
        "price",
        [
            per_unit("0"),
            per_unit("0.000000000001"),
            per_unit("10", Transform(5, "down")),
            GRADUATED,
            VOLUME,
            tiered("graduated", Tier(None)),
            tiered("volume", *WITH_FLAT),
        ],
        ids=str,
    )
    def test_valid_prices_pass(self, price: Price) -> None:
        validate(price)

    def test_the_error_names_the_field_and_says_why(self) -> None:
        with pytest.raises(PricingError) as caught:
            validate(tiered("graduated", Tier(5, D(1)), Tier(5, D(1)), Tier(None)))
        error = caught.value
        assert (error.field, error.message) == (
            "tiers[1].up_to",
            "must be an integer greater than 5",
        )
        assert str(error) == "tiers[1].up_to: must be an integer greater than 5"
        assert error.code == "invalid_price"
        assert isinstance(error, ValueError)

    def test_amount_validates_the_price(self) -> None:
        with pytest.raises(PricingError, match="tiers: a tiered price needs at least one tier"):
            amount(Price("tiered", tiers_mode="volume"), D(1), "USD")


class TestQuantityAndCurrency:
    @pytest.mark.parametrize(
        "quantity", [D(-1), D("0.0000000000001"), D("1E+16"), D("Infinity"), 2.0, 3]
    )
    def test_bad_quantities_are_refused(self, quantity: Decimal) -> None:
        with pytest.raises(PricingError) as caught:
            amount(GRADUATED, quantity, "USD")
        assert caught.value.field == "quantity"

    def test_unknown_currency_is_refused(self) -> None:
        with pytest.raises(UnknownCurrency):
            amount(GRADUATED, D(1), "XXX")

    def test_an_amount_beyond_the_money_range_is_refused(self) -> None:
        with pytest.raises(AmountOutOfRange):
            amount(per_unit("1000000"), D(10**12), "USD")


# Amounts with 0 to 12 places, up to 1 000; quantities whole or with up to 3 places.
@st.composite
def amounts(draw: st.DrawFn, maximum: int = 1000) -> Decimal:
    places = draw(st.integers(min_value=0, max_value=12))
    return D(draw(st.integers(min_value=0, max_value=maximum * 10**places))).scaleb(-places)


@st.composite
def tier_lists(draw: st.DrawFn) -> tuple[Tier, ...]:
    bounds = sorted(draw(st.sets(st.integers(min_value=1, max_value=60), max_size=4)))
    ups: list[int | None] = [*bounds, None]
    flats = st.one_of(st.just(D(0)), amounts(100))
    return tuple(Tier(up, draw(amounts()), draw(flats)) for up in ups)


QUANTITIES = st.one_of(
    st.integers(min_value=0, max_value=200).map(D),
    st.integers(min_value=0, max_value=200_000).map(lambda n: D(n).scaleb(-3)),
)
CURRENCIES = st.sampled_from(["JPY", "USD", "BHD", "CLF", "USDC"])
MODES: st.SearchStrategy[TiersMode] = st.sampled_from(["graduated", "volume"])


@st.composite
def prices(draw: st.DrawFn) -> Price:
    if draw(st.booleans()):
        return tiered(draw(MODES), *draw(tier_lists()))
    transform = draw(
        st.none() | st.builds(Transform, st.integers(1, 12), st.sampled_from(["up", "down"]))
    )
    return Price("per_unit", draw(amounts()), transform_quantity=transform)


def graduated_oracle(tiers: tuple[Tier, ...], quantity: int) -> Fraction:
    """Unit by unit: each unit at the tier it falls in, each reached tier's flat amount once."""
    total, reached = Fraction(0), set()
    for unit in range(1, quantity + 1):
        index = next(i for i, t in enumerate(tiers) if t.up_to is None or unit <= t.up_to)
        total += Fraction(tiers[index].unit_amount)
        reached.add(index)
    return total + sum((Fraction(tiers[i].flat_amount) for i in reached), Fraction(0))


def volume_oracle(tiers: tuple[Tier, ...], quantity: Decimal) -> Fraction:
    if quantity == 0:
        return Fraction(0)
    tier = next(t for t in tiers if t.up_to is None or quantity <= t.up_to)
    return Fraction(quantity) * Fraction(tier.unit_amount) + Fraction(tier.flat_amount)


class TestProperties:
    @given(tier_lists(), QUANTITIES, QUANTITIES, CURRENCIES)
    def test_graduated_amount_never_decreases_with_quantity(
        self, tiers: tuple[Tier, ...], a: Decimal, b: Decimal, currency: str
    ) -> None:
        price = tiered("graduated", *tiers)
        low, high = sorted([a, b])
        assert amount(price, low, currency) <= amount(price, high, currency)

    @given(tier_lists(), st.integers(min_value=0, max_value=200), CURRENCIES)
    def test_graduated_matches_charging_unit_by_unit(
        self, tiers: tuple[Tier, ...], quantity: int, currency: str
    ) -> None:
        expected = round_fraction(graduated_oracle(tiers, quantity), currency)
        assert amount(tiered("graduated", *tiers), D(quantity), currency) == expected

    @given(tier_lists(), QUANTITIES, CURRENCIES)
    def test_volume_charges_every_unit_at_the_containing_tier(
        self, tiers: tuple[Tier, ...], quantity: Decimal, currency: str
    ) -> None:
        expected = round_fraction(volume_oracle(tiers, quantity), currency)
        assert amount(tiered("volume", *tiers), quantity, currency) == expected

    @given(amounts(), QUANTITIES, st.integers(1, 12), st.sampled_from(["up", "down"]), CURRENCIES)
    def test_packages_are_the_quantity_divided_and_rounded_to_an_integer(
        self, unit: Decimal, quantity: Decimal, divide_by: int, rounding: str, currency: str
    ) -> None:
        price = Price("per_unit", unit, transform_quantity=Transform(divide_by, rounding))  # type: ignore[arg-type]
        share = Fraction(quantity) / divide_by
        packages = -(-share.numerator // share.denominator) if rounding == "up" else int(share)
        assert amount(price, quantity, currency) == round_fraction(
            packages * Fraction(unit), currency
        )

    @given(prices(), QUANTITIES, CURRENCIES)
    def test_breakdown_sums_exactly_to_the_amount(
        self, price: Price, quantity: Decimal, currency: str
    ) -> None:
        lines = breakdown(price, quantity, currency)
        assert lines
        assert sum(line.amount for line in lines) == amount(price, quantity, currency)

    @given(prices(), QUANTITIES, CURRENCIES)
    def test_each_line_is_within_one_minor_unit_of_its_exact_value(
        self, price: Price, quantity: Decimal, currency: str
    ) -> None:
        minor = Fraction(1, 10 ** exponent(currency))
        for line in breakdown(price, quantity, currency):
            exact = Fraction(line.quantity) * Fraction(line.unit_amount)
            assert abs(Fraction(line.amount) - exact) < minor
