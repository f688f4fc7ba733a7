"""The bad-input matrix of the issue (SPEC §4): no bad input ever gets a 5xx.

Each refusal is a 4xx `application/problem+json` with a stable `code`, names the bad field in
`errors[].param` where there is one, and leaves the account exactly as it was: no object, no
event. Several bad fields are all listed in one answer.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.resources import WRITABLE, Resource, error_for, list_all, params_of, problem
from tests.support import TenantApi, expect

# Everything an account holds that a bad request could have touched.
WATCHED = (
    "/v1/customers",
    "/v1/products",
    "/v1/plans",
    "/v1/subscriptions",
    "/v1/invoices",
    "/v1/events",
)
RAW = "@raw@"  # a value standing for a JSON token json.dumps cannot write (1e400, NaN, …)


async def state(api: TenantApi) -> dict[str, list[dict[str, Any]]]:
    return {path: await list_all(api, path) for path in WATCHED}


async def refused(
    api: TenantApi,
    path: str,
    body: Any = None,
    *,
    content: bytes | str | None = None,
    status: int = 400,
    code: str = "validation_error",
    param: str | None = None,
    field_code: str | None = None,
    method: str = "post",
) -> dict[str, Any]:
    """Send a bad request; check the problem it gets and that nothing changed."""
    before = await state(api)
    response = await getattr(api, method)(path, body, content=content)
    found = problem(response, status, code)
    if param is not None:
        error = error_for(found, param)
        if field_code is not None:
            assert error["code"] == field_code, found
    assert await state(api) == before
    return found


def with_raw(body: dict[str, Any], token: str) -> str:
    """`body` as JSON text, with the value `RAW` replaced by the literal `token`."""
    text, placeholder = json.dumps(body), json.dumps(RAW)
    assert text.count(placeholder) == 1
    return text.replace(placeholder, token)


async def invoice_body(api: TenantApi, **fields: Any) -> dict[str, Any]:
    customer = await api.customer()
    return {"customer": customer["id"], "lines": [line()], **fields}


def line(**fields: Any) -> dict[str, Any]:
    return {"description": "Work", "quantity": "1", "unit_amount": "10.00", **fields}


class TestBodyShape:
    @pytest.mark.parametrize(
        "content",
        ['{"customer": ', '{"customer": "x",}', "{'customer': 'x'}", "{} trailing", "nul", "{"],
    )
    async def test_malformed_json_is_refused(self, api: TenantApi, content: str) -> None:
        found = await refused(api, "/v1/invoices", content=content, code="malformed_json")
        assert "errors" not in found or params_of(found) == []

    @pytest.mark.parametrize(
        ("path", "content"),
        [
            ("/v1/customers", '{"name": "Ada", "name": "Eve"}'),
            ("/v1/customers", '{"name": "Ada", "metadata": {"k": "1", "k": "2"}}'),
            ("/v1/customers", '{"name": "Ada", "billing_address": {"city": "A", "city": "B"}}'),
            ("/v1/invoices", '{"customer": "@c", "lines": [{"unit_amount": "1", '
                             '"unit_amount": "1000"}]}'),
            ("/v1/invoices", '{"customer": "@c", "customer": "@c"}'),
        ],
        ids=["top-level", "metadata", "address", "line", "same-value"],
    )  # fmt: skip
    async def test_a_key_given_twice_is_refused(
        self, api: TenantApi, path: str, content: str
    ) -> None:
        # Parsers disagree on which of two same-named keys counts (the last, the first, an
        # error): a body that means one thing to remit and another to a proxy or a
        # signature check before it is refused, whatever the values.
        customer = await api.customer()
        found = await refused(
            api, path, content=content.replace("@c", customer["id"]), code="malformed_json"
        )
        assert "appears more than once" in found["detail"], found

    async def test_a_key_given_twice_is_refused_on_update(self, api: TenantApi) -> None:
        customer = await api.customer(name="Ada")
        path = f"/v1/customers/{customer['id']}"
        content = '{"name": "Eve", "name": "Mallory"}'
        await refused(api, path, content=content, method="patch", code="malformed_json")
        assert expect(await api.get(path), 200)["name"] == "Ada"

    @pytest.mark.parametrize("content", ["[]", '[{"customer": "x"}]', '"hello"', "42", "true"])
    async def test_body_that_is_not_an_object_is_refused(
        self, api: TenantApi, content: str
    ) -> None:
        await refused(api, "/v1/invoices", content=content, param="body")

    @pytest.mark.parametrize("path", ["/v1/invoices", "/v1/customers", "/v1/products"])
    async def test_empty_body_on_post_is_refused(self, api: TenantApi, path: str) -> None:
        await refused(api, path, content=b"", param="body", field_code="missing")

    @pytest.mark.parametrize(
        ("path", "param"), [("/v1/invoices", "customer"), ("/v1/products", "name")]
    )
    async def test_empty_object_lacks_the_required_fields(
        self, api: TenantApi, path: str, param: str
    ) -> None:
        await refused(api, path, content="{}", param=param, field_code="missing")

    async def test_non_utf8_bytes_are_refused(self, api: TenantApi) -> None:
        customer = await api.customer()
        content = b'{"customer": "' + customer["id"].encode() + b'", "description": "\xff\xfe"}'
        await refused(api, "/v1/invoices", content=content, code="malformed_json")

    async def test_latin1_body_is_refused(self, api: TenantApi) -> None:
        content = '{"name": "Café"}'.encode("latin-1")
        await refused(api, "/v1/customers", content=content, code="malformed_json")

    async def test_nesting_bomb_is_refused(self, api: TenantApi) -> None:
        content = "[" * 100_000 + "]" * 100_000
        await refused(api, "/v1/invoices", content=content, code="malformed_json")

    async def test_object_nesting_bomb_is_refused(self, api: TenantApi) -> None:
        content = '{"metadata": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}"
        await refused(api, "/v1/customers", content=content, code="malformed_json")

    async def test_deep_value_in_a_field_is_refused_by_name(self, api: TenantApi) -> None:
        body = await invoice_body(api, description=RAW)
        content = with_raw(body, "[" * 500 + "]" * 500)
        await refused(api, "/v1/invoices", content=content, param="description")
        metadata = with_raw({"metadata": {"k": RAW}}, '{"a": ' * 500 + "1" + "}" * 500)
        await refused(api, "/v1/customers", content=metadata, param="metadata")


# (param, value, field code) for top-level invoice fields.
WRONG_INVOICE_TYPES = [
    ("customer", 123, "invalid_customer"),
    ("customer", ["cus_x"], "invalid_customer"),
    ("lines", "one line", "invalid_type"),
    ("lines", {"unit_amount": "1"}, "invalid_type"),
    ("lines[0]", "a line", "invalid_type"),
    ("currency", 840, "invalid_currency"),
    ("collection_method", 1, "invalid_choice"),
    ("collection_method", "by_pigeon", "invalid_choice"),
    ("days_until_due", "30", "invalid_type"),
    ("days_until_due", 1.5, "invalid_type"),
    ("description", 5, "invalid_type"),
    ("description", {"text": "x"}, "invalid_type"),
    ("metadata", [], "invalid_type"),
    ("metadata", "k=v", "invalid_type"),
    ("billing_address", "1 Main St", "invalid_type"),
    ("billing_address.country", "usa", "invalid_format"),
    ("status", "paid", "invoice_paid_on_create"),
    ("status", 1, "invalid_choice"),
    ("handle", "has spaces", "invalid_format"),
    ("charge_buyer_fee", "yes", "invalid_type"),
]

# (field, value, field code) inside the first line.
WRONG_LINE_TYPES = [
    ("quantity", {}, "invalid_amount"),
    ("quantity", [1], "invalid_amount"),
    ("quantity", "one", "invalid_amount"),
    ("quantity", "1e3", "invalid_amount"),
    ("quantity", " 1", "invalid_amount"),
    ("unit_amount", None, "invalid_amount"),
    ("unit_amount", "10,50", "invalid_amount"),
    ("unit_amount", "NaN", "invalid_amount"),
    ("unit_amount", "Infinity", "invalid_amount"),
    ("tax_rate", "eight", "invalid_amount"),
    ("tax_inclusive", "true", "invalid_type"),
    ("discount_percent", "ten", "invalid_amount"),
    ("description", 42, "invalid_type"),
    ("metadata", ["a"], "invalid_type"),
]


class TestWrongTypes:
    @pytest.mark.parametrize(("param", "value", "field_code"), WRONG_INVOICE_TYPES)
    async def test_invoice_field_of_the_wrong_type(
        self, api: TenantApi, param: str, value: Any, field_code: str
    ) -> None:
        body = await invoice_body(api)
        if param == "lines[0]":
            body["lines"] = [value]
        elif param == "billing_address.country":
            body["billing_address"] = {"line1": "1 Main St", "country": value}
        else:
            body[param] = value
        # A field code in PROMOTED_CODES becomes the problem's own code when it is alone.
        code = field_code if field_code in ("invoice_paid_on_create", "invalid_currency") else None
        await refused(
            api,
            "/v1/invoices",
            body,
            code=code or "validation_error",
            param=param,
            field_code=field_code,
        )

    @pytest.mark.parametrize(("field", "value", "field_code"), WRONG_LINE_TYPES)
    async def test_line_field_of_the_wrong_type(
        self, api: TenantApi, field: str, value: Any, field_code: str
    ) -> None:
        body = await invoice_body(api, lines=[line(**{field: value})])
        await refused(api, "/v1/invoices", body, param=f"lines[0].{field}", field_code=field_code)

    async def test_error_in_a_later_line_names_its_index(self, api: TenantApi) -> None:
        body = await invoice_body(api, lines=[line(), line(), line(quantity="x")])
        found = await refused(api, "/v1/invoices", body, param="lines[2].quantity")
        assert params_of(found) == ["lines[2].quantity"]

    @pytest.mark.parametrize(
        ("path", "body", "param"),
        [
            ("/v1/customers", {"email": 5}, "email"),
            ("/v1/customers", {"email": "not-an-email"}, "email"),
            ("/v1/customers", {"name": ["Ada"]}, "name"),
            ("/v1/customers", {"handle": "a b"}, "handle"),
            ("/v1/customers", {"invoice_prefix": "ab"}, "invoice_prefix"),
            (
                "/v1/customers",
                {"billing_address": {"postal_code": 12345}},
                "billing_address.postal_code",
            ),
            ("/v1/products", {"name": 5}, "name"),
            ("/v1/products", {"name": ""}, "name"),
            ("/v1/products", {"name": "Widget", "active": "yes"}, "active"),
        ],
    )
    async def test_customer_and_product_fields_of_the_wrong_type(
        self, api: TenantApi, path: str, body: dict[str, Any], param: str
    ) -> None:
        await refused(api, path, body, param=param)


class TestBooleansAndNumbers:
    @pytest.mark.parametrize(
        ("field", "value"),
        [("quantity", True), ("unit_amount", False), ("tax_rate", True), ("discount_amount", True)],
    )
    async def test_boolean_where_a_number_is_expected(
        self, api: TenantApi, field: str, value: bool
    ) -> None:
        body = await invoice_body(api, lines=[line(**{field: value})])
        await refused(
            api, "/v1/invoices", body, param=f"lines[0].{field}", field_code="invalid_amount"
        )

    async def test_boolean_where_an_integer_is_expected(self, api: TenantApi) -> None:
        body = await invoice_body(api, days_until_due=True)
        await refused(api, "/v1/invoices", body, param="days_until_due", field_code="invalid_type")

    @pytest.mark.parametrize("value", [1, 0, "true", "1"])
    async def test_number_where_a_boolean_is_expected(self, api: TenantApi, value: Any) -> None:
        body = await invoice_body(api, charge_buyer_fee=value, lines=[line(tax_inclusive=value)])
        found = await refused(api, "/v1/invoices", body)
        assert error_for(found, "charge_buyer_fee")["code"] == "invalid_type"
        assert error_for(found, "lines[0].tax_inclusive")["code"] == "invalid_type"

    async def test_number_where_a_boolean_is_expected_on_products(self, api: TenantApi) -> None:
        await refused(
            api,
            "/v1/products",
            {"name": "W", "active": 1},
            param="active",
            field_code="invalid_type",
        )


class TestHugeNumbers:
    @pytest.mark.parametrize("token", ["1e400", "-1e400", "1E+999999999", "9" * 80])
    async def test_json_number_far_out_of_range(self, api: TenantApi, token: str) -> None:
        body = await invoice_body(api, lines=[line(unit_amount=RAW)])
        found = await refused(
            api,
            "/v1/invoices",
            content=with_raw(body, token),
            status=422,
            code="amount_out_of_range",
            param="lines[0].unit_amount",
        )
        assert params_of(found) == ["lines[0].unit_amount"]

    @pytest.mark.parametrize("token", ["1e-400", "0." + "0" * 400 + "1"])
    async def test_json_number_far_too_precise(self, api: TenantApi, token: str) -> None:
        body = await invoice_body(api, lines=[line(quantity=RAW)])
        before = await state(api)
        response = await api.post("/v1/invoices", content=with_raw(body, token))
        assert response.status_code == 422, response.text
        found = problem(response, 422, response.json().get("code"))
        assert found["code"] in ("amount_out_of_range", "amount_too_precise")
        assert params_of(found) == ["lines[0].quantity"]
        assert await state(api) == before

    async def test_integer_of_five_thousand_digits_is_out_of_range(self, api: TenantApi) -> None:
        # Valid JSON (RFC 8259 sets no limit on digits): the field is out of range, not the
        # body malformed, and it is named.
        body = await invoice_body(api, lines=[line(unit_amount=RAW)])
        await refused(
            api,
            "/v1/invoices",
            content=with_raw(body, "1" + "0" * 5000),
            status=422,
            code="amount_out_of_range",
            param="lines[0].unit_amount",
        )

    async def test_integer_of_five_thousand_digits_in_an_integer_field(
        self, api: TenantApi
    ) -> None:
        body = await invoice_body(api, days_until_due=RAW)
        content = with_raw(body, "1" + "0" * 5000)
        await refused(api, "/v1/invoices", content=content, param="days_until_due")

    @pytest.mark.parametrize("field", ["unit_amount", "quantity"])
    async def test_string_of_eighty_nines(self, api: TenantApi, field: str) -> None:
        body = await invoice_body(api, lines=[line(**{field: "9" * 80})])
        await refused(
            api,
            "/v1/invoices",
            body,
            status=422,
            code="amount_out_of_range",
            param=f"lines[0].{field}",
        )

    async def test_just_beyond_ten_to_the_fifteen(self, api: TenantApi) -> None:
        body = await invoice_body(api, lines=[line(unit_amount="1000000000000000.01")])
        await refused(
            api,
            "/v1/invoices",
            body,
            status=422,
            code="amount_out_of_range",
            param="lines[0].unit_amount",
        )

    @pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
    async def test_nan_and_infinity_are_not_json(self, api: TenantApi, token: str) -> None:
        body = await invoice_body(api, lines=[line(unit_amount=RAW)])
        await refused(api, "/v1/invoices", content=with_raw(body, token), code="malformed_json")

    @pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", "1e400"])
    async def test_nan_and_infinity_as_strings(self, api: TenantApi, value: str) -> None:
        body = await invoice_body(api, lines=[line(quantity=value)])
        await refused(
            api, "/v1/invoices", body, param="lines[0].quantity", field_code="invalid_amount"
        )


class TestQuantitiesAndLines:
    @pytest.mark.parametrize("quantity", ["-1", -1, "-0.5", 0, "0", "0.000"])
    async def test_quantity_must_be_positive(self, api: TenantApi, quantity: Any) -> None:
        body = await invoice_body(api, lines=[line(quantity=quantity)])
        await refused(
            api, "/v1/invoices", body, param="lines[0].quantity", field_code="out_of_range"
        )

    async def test_a_thousand_and_one_lines_are_refused(self, api: TenantApi) -> None:
        body = await invoice_body(api, lines=[line() for _ in range(1001)])
        found = await refused(api, "/v1/invoices", body, param="lines", field_code="too_long")
        assert params_of(found) == ["lines"]

    async def test_a_thousand_lines_are_accepted(self, api: TenantApi) -> None:
        body = await invoice_body(api, lines=[line(unit_amount="0.01") for _ in range(1000)])
        invoice = expect(await api.post("/v1/invoices", body), 201)
        assert len(invoice["lines"]) == 1000
        assert invoice["total"] == "10.00"

    async def test_a_thousand_and_one_lines_are_refused_on_update(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        body = {"lines": [line() for _ in range(1001)]}
        await refused(api, f"/v1/invoices/{invoice['id']}", body, method="patch", param="lines")
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice


class TestInvoiceItemLimits:
    """A pending item is checked as the line it will become: one the customer's next invoice
    would refuse (too precise for the currency, or too large a product) is refused now."""

    @pytest.mark.parametrize(
        ("price", "param", "code"),
        [
            ({"unit_amount": "1.1234567890123"}, "unit_amount", "amount_too_precise"),
            ({"unit_amount": "1000000000000000", "quantity": "1000000000000000"}, "amount",
             "amount_out_of_range"),
            ({"unit_amount": "-1000000000000000", "quantity": "2"}, "amount",
             "amount_out_of_range"),
        ],
        ids=["13-places-in-usd", "ten-to-the-thirty", "credit-beyond-range"],
    )  # fmt: skip
    async def test_an_item_its_invoice_would_refuse_is_refused(
        self, api: TenantApi, price: dict[str, str], param: str, code: str
    ) -> None:
        customer = await api.customer()
        body = {"customer": customer["id"], "currency": "USD", **price}
        await refused(api, "/v1/invoice_items", body, status=422, code=code, param=param)
        next_invoice = {"customer": customer["id"], "pending_items": "include"}
        assert expect(await api.post("/v1/invoices", next_invoice), 201)["lines"] == []

    async def test_a_change_its_invoice_would_refuse_is_refused(self, api: TenantApi) -> None:
        customer = await api.customer()
        body = {"customer": customer["id"], "currency": "USD", "unit_amount": "10"}
        item = expect(await api.post("/v1/invoice_items", body), 201)
        path = f"/v1/invoice_items/{item['id']}"
        for change, param, code in (
            ({"unit_amount": "0.0000000000001"}, "unit_amount", "amount_too_precise"),
            ({"quantity": "1000000000000000"}, "amount", "amount_out_of_range"),
        ):
            await refused(api, path, change, method="patch", status=422, code=code, param=param)
        assert expect(await api.get(path), 200) == item
        next_invoice = {"customer": customer["id"], "pending_items": "include"}
        invoice = expect(await api.post("/v1/invoices", next_invoice), 201)
        assert [line["id"] for line in invoice["lines"]] == [item["id"]]

    async def test_eighteen_places_are_kept_in_eth(self, api: TenantApi) -> None:
        customer = await api.customer()
        body = {"customer": customer["id"], "currency": "ETH",
                "unit_amount": "0.123456789012345678"}  # fmt: skip
        item = expect(await api.post("/v1/invoice_items", body), 201)
        assert item["unit_amount"] == "0.123456789012345678"


class TestCurrency:
    @pytest.mark.parametrize("currency", ["XYZ", "DOGE", "US", "", "usd$", "XAU", "U" * 500])
    async def test_unknown_currency_on_invoices(self, api: TenantApi, currency: str) -> None:
        body = await invoice_body(api, currency=currency)
        found = await refused(
            api,
            "/v1/invoices",
            body,
            code="invalid_currency",
            param="currency",
            field_code="invalid_currency",
        )
        assert found["status"] == 400

    async def test_unknown_currency_on_plans(self, api: TenantApi) -> None:
        product = expect(await api.post("/v1/products", {"name": "Widget"}), 201)
        body = {"product": product["id"], "amount": "10.00", "currency": "XYZ"}
        await refused(api, "/v1/plans", body, code="invalid_currency", param="currency")

    async def test_unknown_currency_on_the_account(self, api: TenantApi) -> None:
        account = expect(await api.get("/v1/account"), 200)
        await refused(
            api, "/v1/account", {"default_currency": "XYZ"}, method="patch",
            code="invalid_currency", param="default_currency",
        )  # fmt: skip
        assert expect(await api.get("/v1/account"), 200) == account

    async def test_unknown_currency_as_a_list_filter(self, api: TenantApi) -> None:
        response = await api.get("/v1/invoices", params={"currency": "XYZ"})
        found = problem(response, 400, "validation_error")
        assert error_for(found, "currency")["code"] == "invalid_currency"


# Text that must survive exactly: 4-byte emoji, a ZWJ sequence, right-to-left with an
# override mark, combining characters, CJK.
UNICODE_TEXTS = [
    "Pay me 💸🧾",
    "Family 👨‍👩‍👧‍👦",
    "\u202eمرحبا بالعالم",
    "שלום עולם",
    "e\u0301te\u0301 Zalgo: Z\u0336\u0317a\u0334l",
    "請求書",
]
# Characters no UTF-8 text column can hold the same way on both databases.
LINE_TEMPLATE = '{"customer": "@c", "lines": [{"unit_amount": "1", "description": "@t"}]}'
UNSTORABLE = {"nul": "a\\u0000b", "lone_surrogate": "a\\ud800b"}  # as JSON escapes


class TestUnicode:
    @pytest.mark.parametrize("text", UNICODE_TEXTS)
    async def test_unicode_text_round_trips(self, api: TenantApi, text: str) -> None:
        customer = await api.customer(name=text)
        invoice = await api.invoice(
            customer=customer["id"],
            description=text,
            lines=[line(description=text, metadata={"note": text})],
            metadata={"note": text, text[:10]: "key"},
        )
        again = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert again["description"] == again["lines"][0]["description"] == text
        assert again["metadata"] == {"note": text, text[:10]: "key"}
        assert again["lines"][0]["metadata"] == {"note": text}
        assert expect(await api.get(f"/v1/customers/{customer['id']}"), 200)["name"] == text

    @pytest.mark.parametrize(
        ("path", "template", "param"),
        [
            ("/v1/invoices", '{"customer": "@c", "description": "@t"}', "description"),
            ("/v1/invoices", LINE_TEMPLATE, "lines[0].description"),
            ("/v1/invoices", '{"customer": "@c", "metadata": {"k": "@t"}}', "metadata"),
            ("/v1/invoices", '{"customer": "@c", "metadata": {"@t": "v"}}', "metadata"),
            ("/v1/customers", '{"name": "@t"}', "name"),
            ("/v1/customers", '{"billing_address": {"city": "@t"}}', "billing_address.city"),
            ("/v1/products", '{"name": "@t"}', "name"),
        ],
        ids=[
            "invoice-description", "line-description", "metadata-value", "metadata-key",
            "customer-name", "customer-address", "product-name",
        ],
    )  # fmt: skip
    @pytest.mark.parametrize("kind", list(UNSTORABLE))
    async def test_unstorable_characters_are_refused_by_name(
        self, api: TenantApi, path: str, template: str, param: str, kind: str
    ) -> None:
        # NUL cannot be stored in PostgreSQL text, a lone surrogate in no UTF-8 text at all:
        # both are refused as bad input, on both databases alike, never a 500. NUL is valid
        # JSON, refused by the field that holds it; a lone surrogate is not I-JSON (RFC 7493),
        # refused with the body by the JSON reader, which says what it found.
        customer = await api.customer()
        content = template.replace("@c", customer["id"]).replace("@t", UNSTORABLE[kind])
        if kind == "nul":
            await refused(api, path, content=content, param=param)
        else:
            found = await refused(api, path, content=content, code="malformed_json")
            assert "unpaired surrogate" in found["detail"], found

    @pytest.mark.parametrize(
        ("path", "field", "limit"),
        [("/v1/invoices", "description", 5000), ("/v1/customers", "name", 255),
         ("/v1/products", "name", 255), ("/v1/invoices", "statement_descriptor", 22)],
    )  # fmt: skip
    async def test_too_long_strings_are_refused(
        self, api: TenantApi, path: str, field: str, limit: int
    ) -> None:
        base = await invoice_body(api) if path == "/v1/invoices" else {"name": "Ada"}
        for length in (limit + 1, 1_000_000):
            await refused(
                api, path, {**base, field: "x" * length}, param=field, field_code="too_long"
            )
        created = expect(await api.post(path, {**base, field: "é" * limit}), 201)
        assert created[field] == "é" * limit


class TestDates:
    @pytest.mark.parametrize(
        "value",
        [
            "2026-02-30",
            "2026-13-01",
            "2026-01-01T25:00:00Z",
            "yesterday",
            "",
            "2026-01-01T00:00:00+25:00",
            True,
            1.5,
            10**20,
            -(10**14),
            [2026, 1, 1],
            {"year": 2026},
        ],
    )
    async def test_bad_date_is_refused_by_name(self, api: TenantApi, value: Any) -> None:
        body = await invoice_body(api, due_at=value)
        await refused(api, "/v1/invoices", body, param="due_at")

    @pytest.mark.parametrize(
        "value",
        [
            "1969-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59-01:00",  # 10000-01-01 in UTC
            "0001-01-01T00:00:00+01:00",  # year 0 in UTC
        ],
    )
    async def test_date_outside_the_supported_years_is_refused(
        self, api: TenantApi, value: str
    ) -> None:
        body = await invoice_body(api, due_at=value)
        await refused(api, "/v1/invoices", body, param="due_at", field_code="invalid_timestamp")

    async def test_bad_date_in_a_line_period(self, api: TenantApi) -> None:
        body = await invoice_body(api, lines=[line(period_start="soon")])
        await refused(api, "/v1/invoices", body, param="lines[0].period_start")

    @pytest.mark.parametrize("name", ["created[gte]", "created[lte]", "due_at[gte]", "due_at[lt]"])
    async def test_bad_date_in_a_list_filter_is_named(self, api: TenantApi, name: str) -> None:
        response = await api.get("/v1/invoices", params={name: "not-a-date"})
        found = problem(response, 400, "validation_error")
        assert params_of(found) == [name]


BAD_METADATA: dict[str, tuple[dict[str, Any], str]] = {
    "51 keys": ({f"key{i}": "v" for i in range(51)}, "too_long"),
    "41-character key": ({"k" * 41: "v"}, "invalid_metadata"),
    "empty key": ({"": "v"}, "invalid_metadata"),
    "501-character value": ({"k": "v" * 501}, "invalid_metadata"),
    "object value": ({"k": {"nested": "v"}}, "invalid_metadata"),
    "array value": ({"k": ["v"]}, "invalid_metadata"),
    "fractional value": ({"k": 1.5}, "invalid_metadata"),
    "huge integer value": ({"k": 2**64}, "invalid_metadata"),
}


class TestMetadataLimits:
    @pytest.mark.parametrize("resource", WRITABLE, ids=str)
    @pytest.mark.parametrize("case", list(BAD_METADATA))
    async def test_metadata_beyond_the_limits_is_refused(
        self, api: TenantApi, resource: Resource, case: str
    ) -> None:
        assert resource.prepare is not None
        creation = await resource.prepare(api)
        metadata, field_code = BAD_METADATA[case]
        body = {**creation.body, "metadata": metadata}
        before = await list_all(api, creation.path)
        await refused(api, creation.path, body, param="metadata", field_code=field_code)
        assert await list_all(api, creation.path) == before

    @pytest.mark.parametrize("resource", WRITABLE, ids=str)
    async def test_metadata_at_the_limits_is_accepted(
        self, api: TenantApi, resource: Resource
    ) -> None:
        assert resource.prepare is not None
        creation = await resource.prepare(api)
        metadata: dict[str, Any] = {f"key{i:02}": str(i) for i in range(47)}
        metadata |= {"k" * 40: "v" * 500, "flag": True, "count": 42}
        created = expect(
            await api.post(creation.path, {**creation.body, "metadata": metadata}), 201
        )
        assert created["metadata"] == metadata

    async def test_line_metadata_is_checked_too(self, api: TenantApi) -> None:
        body = await invoice_body(api, lines=[line(), line(metadata={"k": {"deep": 1}})])
        await refused(
            api, "/v1/invoices", body, param="lines[1].metadata", field_code="invalid_metadata"
        )

    async def test_metadata_update_beyond_the_limits_changes_nothing(self, api: TenantApi) -> None:
        customer = await api.customer(metadata={"a": "1"})
        await refused(
            api, f"/v1/customers/{customer['id']}", {"metadata": {"k" * 41: "v"}},
            method="patch", param="metadata", field_code="invalid_metadata",
        )  # fmt: skip
        assert expect(await api.get(f"/v1/customers/{customer['id']}"), 200) == customer


class TestSettlementInput:
    @pytest.mark.parametrize(
        ("body", "param", "field_code"),
        [
            ({"method": "cash", "amount": "-5"}, "amount", "out_of_range"),
            ({"method": "cash", "amount": 0}, "amount", "out_of_range"),
            ({"method": "cash", "amount": True}, "amount", "invalid_amount"),
            ({"method": "cash", "amount": "9" * 80}, "amount", "amount_out_of_range"),
            ({"method": "bitcoin"}, "method", "invalid_choice"),
            ({}, "method", "missing"),
            ({"method": "crypto", "reference": "not-a-hash"}, "reference", "invalid_format"),
            ({"method": "cash", "status": "failed"}, "status", "invalid_choice"),
            ({"method": "cash", "recorded_at": "whenever"}, "recorded_at", None),
            ({"method": "cash", "allow_overpayment": 1}, "allow_overpayment", "invalid_type"),
        ],
    )
    async def test_bad_settlement_is_refused(
        self, api: TenantApi, body: dict[str, Any], param: str, field_code: str | None
    ) -> None:
        invoice = await api.open_invoice()
        path = f"/v1/invoices/{invoice['id']}/settlements"
        semantic = field_code == "amount_out_of_range"
        await refused(
            api,
            path,
            body,
            status=422 if semantic else 400,
            code="amount_out_of_range" if semantic else "validation_error",
            param=param,
            field_code=field_code,
        )
        assert expect(await api.get(path), 200)["data"] == []
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice


class TestSeveralBadFields:
    async def test_every_bad_field_of_an_invoice_is_listed(self, api: TenantApi) -> None:
        body = await invoice_body(
            api,
            currency="XYZ",
            description="x" * 5001,
            collection_method="by_pigeon",
            days_until_due="soon",
            metadata={f"k{i}": "v" for i in range(51)},
            lines=[line(quantity="-1"), line(unit_amount="abc", tax_inclusive=1)],
            colour="blue",
        )
        found = await refused(api, "/v1/invoices", body)
        assert found["status"] == 400
        assert set(params_of(found)) == {
            "currency",
            "description",
            "collection_method",
            "days_until_due",
            "metadata",
            "lines[0].quantity",
            "lines[1].unit_amount",
            "lines[1].tax_inclusive",
            "colour",
        }
        assert error_for(found, "colour")["code"] == "unknown_parameter"

    async def test_out_of_range_amount_among_other_errors_is_a_400(self, api: TenantApi) -> None:
        # 422 only when every field is semantically out of range; a malformed one makes it 400.
        body = await invoice_body(api, lines=[line(unit_amount="9" * 80, quantity="x")])
        found = await refused(api, "/v1/invoices", body)
        assert error_for(found, "lines[0].unit_amount")["code"] == "amount_out_of_range"
        assert error_for(found, "lines[0].quantity")["code"] == "invalid_amount"

    async def test_every_bad_field_of_a_customer_is_listed(self, api: TenantApi) -> None:
        body = {
            "email": "nope",
            "handle": "has spaces",
            "name": "x" * 256,
            "locale": "1",
            "invoice_prefix": "lower",
            "billing_address": {"country": "usa"},
        }
        found = await refused(api, "/v1/customers", body)
        assert set(params_of(found)) == {
            "email",
            "handle",
            "name",
            "locale",
            "invoice_prefix",
            "billing_address.country",
        }

    async def test_several_bad_fields_of_an_update_are_listed(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        body = {"description": 5, "currency": "XYZ", "lines": [line(quantity=0)]}
        found = await refused(api, f"/v1/invoices/{invoice['id']}", body, method="patch")
        assert set(params_of(found)) == {"description", "currency", "lines[0].quantity"}
        assert expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200) == invoice
