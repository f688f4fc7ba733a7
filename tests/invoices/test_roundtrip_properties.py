"""Money round-trips through the API on both databases (SPEC §3.2), as properties.

- Amounts up to 10^15 at the currency's exponent, and unit amounts and quantities with up to
  12 places, read back as exactly the Decimal that was sent, in the documented format:
  amounts with exactly the currency's places; unit amounts with at least the currency's
  places and no trailing zeros beyond; quantities with no trailing zeros.
- Beyond the range: 422 `amount_out_of_range`, and nothing is stored.
"""

from __future__ import annotations

from decimal import Context, Decimal
from fractions import Fraction
from typing import Any

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from remit.kernel.currencies import exponent
from tests.support import TenantApi, expect

CURRENCIES = ["USD", "JPY", "KWD", "USDC", "BTC", "ETH"]
LIMIT = Decimal(10) ** 15
EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

_WIDE = Context(prec=100)
_customers: dict[str, str] = {}


async def customer_id(api: TenantApi) -> str:
    """One customer per account, made on the first example."""
    if api.account_id not in _customers:
        _customers[api.account_id] = (await api.customer())["id"]
    return _customers[api.account_id]


@st.composite
def decimal_text(
    draw: st.DrawFn, *, max_places: int, max_whole_digits: int = 15, signed: bool = True
) -> str:
    """Plain decimal text, digit by digit, so long values are as likely as short ones
    (trailing zeros included: they must not matter)."""
    whole = draw(st.text("0123456789", min_size=1, max_size=max_whole_digits))
    places = draw(st.text("0123456789", max_size=max_places))
    sign = draw(st.sampled_from(["", "-"])) if signed else ""
    return f"{sign}{whole.lstrip('0') or '0'}" + (f".{places}" if places else "")


def in_range(currency: str, *, signed: bool = True) -> st.SearchStrategy[str]:
    digits = exponent(currency)
    limits = [f"{LIMIT:f}"] + ([f"{-LIMIT:f}"] if signed else [])
    limits += [f"{LIMIT - Decimal(1).scaleb(-digits):f}"]
    return st.one_of(
        decimal_text(max_places=digits, signed=signed).filter(lambda t: abs(Decimal(t)) <= LIMIT),
        full_width(digits, signed=signed),
        st.sampled_from(limits),
    )


def full_width(digits: int, *, signed: bool) -> st.SearchStrategy[str]:
    """15 whole digits and every place the currency has: 34 significant digits for ETH."""
    whole = st.integers(10**14, 10**15 - 1)
    fraction = st.integers(0, 10**digits - 1).map(lambda f: f"{f:0{digits}d}" if digits else "")
    sign = st.sampled_from(["", "-"] if signed else [""])
    return st.tuples(sign, whole, fraction).map(
        lambda t: f"{t[0]}{t[1]}" + (f".{t[2]}" if t[2] else "")
    )


# A share of a whole, in 10^-40ths: lets a property pick "some part" of an amount it drew.
SHARES = st.one_of(st.integers(0, 10**40), st.sampled_from([0, 10**40]))


def part(whole: int, share: int, *, minimum: int) -> int:
    """`share`/10^40 of `whole` minor units, at least `minimum` (and at most `whole`)."""
    return min(whole, max(minimum, whole * share // 10**40))


def half_up(value: Fraction, digits: int) -> Decimal:
    scale = 10**digits
    whole = int(abs(value) * scale)
    if abs(value) * scale - whole >= Fraction(1, 2):
        whole += 1
    result = Decimal(f"{whole}E-{digits}")
    return result.copy_negate() if value < 0 else result


def assert_amount(text: str, expected: Decimal, currency: str) -> None:
    """Exactly the value, shown with exactly the currency's places."""
    assert Decimal(text) == expected, (text, expected)
    _, dot, fraction = text.partition(".")
    assert len(fraction) == exponent(currency), text
    assert bool(dot) == (exponent(currency) > 0), text
    assert not text.startswith("-0") or Decimal(text) != 0, text


def assert_unit_amount(text: str, expected: Decimal, currency: str) -> None:
    """Exactly the value, with at least the currency's places and no zeros beyond."""
    assert Decimal(text) == expected, (text, expected)
    _, _, fraction = text.partition(".")
    assert len(fraction) >= exponent(currency), text
    if len(fraction) > exponent(currency):
        assert not fraction.endswith("0"), text


def assert_quantity(text: str, expected: Decimal) -> None:
    assert Decimal(text) == expected, (text, expected)
    assert "E" not in text and not (("." in text) and text.endswith(("0", "."))), text


async def create(api: TenantApi, currency: str, line: dict[str, Any]) -> httpx.Response:
    body = {"customer": await customer_id(api), "currency": currency, "lines": [line]}
    return await api.post("/v1/invoices", body)


async def both_reads(api: TenantApi, created: dict[str, Any]) -> list[dict[str, Any]]:
    """The invoice as created, as read alone, and as listed (it is the account's newest)."""
    alone = expect(await api.get(f"/v1/invoices/{created['id']}"), 200)
    [listed] = expect(await api.get("/v1/invoices", params={"limit": 1}), 200)["data"]
    assert listed["id"] == created["id"]
    return [created, alone, listed]


class TestAmountsRoundTrip:
    @EXAMPLES
    @given(st.sampled_from(CURRENCIES).flatmap(lambda c: st.tuples(st.just(c), in_range(c))))
    @example(case=("ETH", "123456789012345.123456789012345678"))
    @example(case=("ETH", "-999999999999999.999999999999999999"))
    async def test_unit_amount_as_a_string(self, api: TenantApi, case: tuple[str, str]) -> None:
        currency, text = case
        value = Decimal(text)
        created = expect(await create(api, currency, {"unit_amount": text}), 201)
        for invoice in await both_reads(api, created):
            [line] = invoice["lines"]
            assert_unit_amount(line["unit_amount"], value, currency)
            for field in ("subtotal", "total", "amount_due", "amount_remaining"):
                expected = value if field != "amount_remaining" else max(value, Decimal(0))
                assert_amount(invoice[field], expected, currency)
            assert_amount(line["amount"], value, currency)

    @EXAMPLES
    @given(st.sampled_from(CURRENCIES).flatmap(lambda c: st.tuples(st.just(c), in_range(c))))
    @example(case=("ETH", "123456789012345.123456789012345678"))
    async def test_unit_amount_as_a_json_number(
        self, api: TenantApi, case: tuple[str, str]
    ) -> None:
        currency, text = case
        raw = (
            f'{{"customer": "{await customer_id(api)}", "currency": "{currency}",'
            f' "lines": [{{"quantity": 1, "unit_amount": {text}}}]}}'
        )
        created = expect(await api.post("/v1/invoices", content=raw), 201)
        again = expect(await api.get(f"/v1/invoices/{created['id']}"), 200)
        assert_amount(again["total"], Decimal(text), currency)
        assert_amount(again["amount_due"], Decimal(text), currency)

    @EXAMPLES
    @given(
        st.sampled_from(CURRENCIES).flatmap(
            lambda c: st.tuples(st.just(c), in_range(c, signed=False), SHARES)
        )
    )
    @example(case=("ETH", "123456789012345.123456789012345678", 10**40 // 3))
    async def test_discount_amount(self, api: TenantApi, case: tuple[str, str, int]) -> None:
        currency, text, share = case
        value = Decimal(text)
        digits = exponent(currency)
        off_units = part(int(value.scaleb(digits, context=_WIDE)), share, minimum=0)
        off = Decimal(f"{off_units}E-{digits}")
        created = expect(
            await create(api, currency, {"unit_amount": text, "discount_amount": f"{off:f}"}), 201
        )
        for invoice in await both_reads(api, created):
            assert_amount(invoice["lines"][0]["discount_amount"], off, currency)
            assert_amount(invoice["discount_amount"], off, currency)
            assert_amount(invoice["total"], _exact_sub(value, off), currency)

    @EXAMPLES
    @given(
        st.sampled_from(CURRENCIES).flatmap(
            lambda c: st.tuples(st.just(c), in_range(c, signed=False))
        )
    )
    async def test_plan_amount(self, api: TenantApi, case: tuple[str, str]) -> None:
        currency, text = case
        product = expect(await api.post("/v1/products", {"name": "P"}), 201)
        plan = expect(
            await api.post(
                "/v1/plans", {"product": product["id"], "amount": text, "currency": currency}
            ),
            201,
        )
        assert_amount(plan["amount"], Decimal(text), currency)
        again = expect(await api.get(f"/v1/plans/{plan['id']}"), 200)
        assert_amount(again["amount"], Decimal(text), currency)

    @EXAMPLES
    @given(
        st.sampled_from(CURRENCIES).flatmap(
            lambda c: st.tuples(st.just(c), in_range(c, signed=False), SHARES)
        )
    )
    @example(case=("ETH", "123456789012345.123456789012345678", 10**40 // 3))
    async def test_settlements_leave_exactly_the_rest(
        self, api: TenantApi, case: tuple[str, str, int]
    ) -> None:
        currency, text, share = case
        total = Decimal(text)
        digits = exponent(currency)
        if total == 0:
            return  # paid at finalization: nothing to settle
        paid_units = part(int(total.scaleb(digits, context=_WIDE)), share, minimum=1)
        paid = Decimal(f"{paid_units}E-{digits}")
        body = {
            "customer": await customer_id(api),
            "currency": currency,
            "status": "open",
            "lines": [{"unit_amount": text}],
        }
        invoice = expect(await api.post("/v1/invoices", body), 201)
        settlement = expect(
            await api.post(
                f"/v1/invoices/{invoice['id']}/settlements",
                {"amount": f"{paid:f}", "method": "bank_transfer"},
            ),
            201,
        )
        assert_amount(settlement["amount"], paid, currency)
        again = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert_amount(again["amount_due"], total, currency)
        assert_amount(again["amount_paid"], paid, currency)
        assert_amount(again["amount_remaining"], _exact_sub(total, paid), currency)
        assert again["status"] == ("paid" if paid == total else "open")


def _exact_sub(a: Decimal, b: Decimal) -> Decimal:
    """a − b, exactly (the default context would round to 28 digits)."""
    return _WIDE.subtract(a, b)


class TestPreciseInputsRoundTrip:
    @EXAMPLES
    @given(
        st.sampled_from(CURRENCIES),
        decimal_text(max_places=12, max_whole_digits=8, signed=False).filter(
            lambda t: Decimal(t) > 0
        ),
        decimal_text(max_places=12, max_whole_digits=10),
    )
    async def test_quantity_and_unit_amount_with_up_to_twelve_places(
        self, api: TenantApi, currency: str, quantity: str, unit_amount: str
    ) -> None:
        q, u = Decimal(quantity), Decimal(unit_amount)
        amount = half_up(Fraction(q) * Fraction(u), exponent(currency))
        response = await create(api, currency, {"quantity": quantity, "unit_amount": unit_amount})
        if abs(amount) > LIMIT:
            body = expect(response, 422)
            assert body["code"] == "amount_out_of_range"
            return
        created = expect(response, 201)
        for invoice in await both_reads(api, created):
            [line] = invoice["lines"]
            assert_quantity(line["quantity"], q)
            assert_unit_amount(line["unit_amount"], u, currency)
            assert_amount(line["amount"], amount, currency)
            assert_amount(invoice["total"], amount, currency)

    @EXAMPLES
    @given(st.integers(1, 10**12), st.integers(0, 11))
    async def test_thirteen_places_are_too_precise_never_rounded(
        self, api: TenantApi, units: int, extra_zeros: int
    ) -> None:
        text = f"{Decimal(units * 10 + 1) / Decimal(10**13):f}"
        assert len(text.partition(".")[2]) == 13
        for line in ({"unit_amount": text}, {"quantity": text, "unit_amount": "1"}):
            body = expect(await create(api, "USD", line), 422)
            assert body["code"] == "amount_too_precise"
        # trailing zeros carry no precision: accepted
        padded = "1." + "0" * (13 + extra_zeros)
        created = expect(await create(api, "USD", {"quantity": padded, "unit_amount": padded}), 201)
        assert created["lines"][0]["quantity"] == "1"
        assert created["lines"][0]["unit_amount"] == "1.00"


class TestBeyondRange:
    @EXAMPLES
    @given(
        st.sampled_from(CURRENCIES),
        st.integers(16, 40),
        st.sampled_from(["", "-"]),
        st.booleans(),
    )
    async def test_unit_amounts_beyond_ten_to_the_fifteen_are_422(
        self, api: TenantApi, currency: str, digits: int, sign: str, as_number: bool
    ) -> None:
        text = sign + "9" * digits
        if as_number:
            raw = (
                f'{{"customer": "{await customer_id(api)}", "currency": "{currency}",'
                f' "lines": [{{"unit_amount": {text}}}]}}'
            )
            response = await api.post("/v1/invoices", content=raw)
        else:
            response = await create(api, currency, {"unit_amount": text})
        body = expect(response, 422)
        assert body["code"] == "amount_out_of_range"
        assert body["errors"][0]["param"] == "lines[0].unit_amount"

    async def test_just_beyond_the_limit_is_422(self, api: TenantApi) -> None:
        for text in ("1000000000000000.01", "-1000000000000000.01"):
            body = expect(await create(api, "USD", {"unit_amount": text}), 422)
            assert body["code"] == "amount_out_of_range"
        body = expect(await create(api, "USD", {"quantity": "1000000000000001",
                                                "unit_amount": "1"}), 422)  # fmt: skip
        assert body["code"] == "amount_out_of_range"
        assert expect(await api.get("/v1/invoices"), 200)["data"] == []

    async def test_products_beyond_the_limit_are_422(self, api: TenantApi) -> None:
        body = expect(
            await create(api, "USD", {"quantity": "100000000", "unit_amount": "10000000.01"}), 422
        )
        assert body["code"] == "amount_out_of_range"

    async def test_totals_beyond_the_limit_are_422(self, api: TenantApi) -> None:
        body = {
            "customer": await customer_id(api),
            "lines": [{"unit_amount": "900000000000000.00"}, {"unit_amount": "100000000000000.01"}],
        }
        problem = expect(await api.post("/v1/invoices", body), 422)
        assert problem["code"] == "amount_out_of_range"

    async def test_exponent_notation_and_huge_json_numbers_are_refused(
        self, api: TenantApi
    ) -> None:
        cid = await customer_id(api)
        for number in ("1e16", "1E+100", "1e-400", "9" * 5000):
            raw = f'{{"customer": "{cid}", "lines": [{{"unit_amount": {number}}}]}}'
            response = await api.post("/v1/invoices", content=raw)
            assert response.status_code in (400, 422), response.text
            assert response.json()["code"] in ("amount_out_of_range", "amount_too_precise")
        # exponent notation in a string is not a plain decimal
        body = expect(await create(api, "USD", {"unit_amount": "1e3"}), 400)
        assert body["code"] == "validation_error"
