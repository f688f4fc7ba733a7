"""Plans priced per unit, in tiers (graduated or volume) or by the package (docs/billing.md);
and what may change on a plan or a product once made (never a price)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import TenantApi, event_types, expect, params, problem

GRADUATED = [
    {"up_to": 5, "unit_amount": "5.00", "flat_amount": "10.00"},
    {"up_to": 10, "unit_amount": "4.00"},
    {"up_to": "inf", "unit_amount": "3.00"},
]


async def _product(api: TenantApi) -> str:
    made: dict[str, Any] = expect(await api.post("/v1/products", {"name": "Seats"}), 201)
    return str(made["id"])


async def _plan(api: TenantApi, **fields: Any) -> dict[str, Any]:
    fields.setdefault("product", await _product(api))
    made: dict[str, Any] = expect(await api.post("/v1/plans", fields), 201)
    return made


async def _meter(api: TenantApi, event_name: str = "api.call") -> str:
    body = {"event_name": event_name, "aggregation": "count"}
    made: dict[str, Any] = expect(await api.post("/v1/meters", body), 201)
    return str(made["id"])


class TestCreate:
    async def test_a_per_unit_plan_is_as_before(self, api: TenantApi) -> None:
        plan = await _plan(api, amount="29.00")
        assert (plan["billing_scheme"], plan["amount"], plan["tiers"]) == (
            "per_unit",
            "29.00",
            None,
        )
        assert (plan["usage_type"], plan["transform_quantity"]) == ("licensed", None)

    async def test_a_graduated_plan_keeps_its_tiers(self, api: TenantApi) -> None:
        plan = await _plan(api, billing_scheme="tiered", tiers_mode="graduated", tiers=GRADUATED)
        assert (plan["billing_scheme"], plan["tiers_mode"], plan["amount"]) == (
            "tiered",
            "graduated",
            None,
        )
        assert plan["tiers"] == [
            {"up_to": 5, "unit_amount": "5", "flat_amount": "10"},
            {"up_to": 10, "unit_amount": "4", "flat_amount": "0"},
            {"up_to": None, "unit_amount": "3", "flat_amount": "0"},
        ]
        again = expect(await api.get(f"/v1/plans/{plan['id']}"), 200)
        assert again["tiers"] == plan["tiers"]

    async def test_package_pricing_and_a_metered_plan(self, api: TenantApi) -> None:
        meter = await _meter(api)
        plan = await _plan(
            api, amount="10.00", transform_quantity={"divide_by": 5, "round": "up"},
            usage_type="metered", meter=meter,
        )  # fmt: skip
        assert plan["transform_quantity"] == {"divide_by": 5, "round": "up"}
        assert (plan["usage_type"], plan["meter"]) == ("metered", meter)

    async def test_tier_unit_amounts_may_have_twelve_places(self, api: TenantApi) -> None:
        tiers = [{"up_to": None, "unit_amount": "0.000000000001"}]
        plan = await _plan(api, billing_scheme="tiered", tiers_mode="volume", tiers=tiers)
        assert plan["tiers"][0]["unit_amount"] == "0.000000000001"


class TestRefused:
    @pytest.mark.parametrize(
        ("body", "param"),
        [
            ({}, "amount"),  # per_unit needs its amount
            ({"billing_scheme": "tiered", "tiers_mode": "graduated"}, "tiers"),
            ({"billing_scheme": "tiered", "tiers": GRADUATED}, "tiers_mode"),
            (
                {"billing_scheme": "tiered", "tiers_mode": "volume", "tiers": GRADUATED,
                 "amount": "1.00"},
                "amount",
            ),
            (
                {"billing_scheme": "tiered", "tiers_mode": "volume",
                 "tiers": [{"up_to": 10, "unit_amount": "1"}, {"up_to": 5, "unit_amount": "1"},
                           {"up_to": None, "unit_amount": "1"}]},
                "tiers[1].up_to",
            ),
            (
                {"billing_scheme": "tiered", "tiers_mode": "volume",
                 "tiers": [{"up_to": 10, "unit_amount": "1"}]},
                "tiers[0].up_to",
            ),
            (
                {"billing_scheme": "tiered", "tiers_mode": "volume",
                 "tiers": [{"up_to": None, "unit_amount": "1", "flat_amount": "1.001"}]},
                "tiers[0].flat_amount",
            ),
            (
                {"billing_scheme": "tiered", "tiers_mode": "volume",
                 "tiers": [{"up_to": None, "unit_amount": "0.0000000000001"}]},
                "tiers[0].unit_amount",
            ),
            (
                {"billing_scheme": "tiered", "tiers_mode": "volume",
                 "tiers": [{"up_to": None, "unit_amount": "1"}],
                 "transform_quantity": {"divide_by": 5, "round": "up"}},
                "transform_quantity",
            ),
            ({"amount": "1.00", "transform_quantity": {"divide_by": 0, "round": "up"}},
             "transform_quantity.divide_by"),
            ({"amount": "1.00", "usage_type": "sometimes"}, "usage_type"),
        ],
    )  # fmt: skip
    async def test_a_price_remit_cannot_bill_is_refused_naming_the_field(
        self, api: TenantApi, body: dict[str, Any], param: str
    ) -> None:
        product = await _product(api)
        refused = await api.post("/v1/plans", {"product": product, **body})
        assert refused.status_code in (400, 422), refused.text
        assert param in params(refused.json()), refused.json()
        listed = expect(await api.get("/v1/plans", params={"product": product}), 200)
        assert listed["data"] == []


class TestMetered:
    """A metered plan bills what its meter adds up (usage events, docs/billing.md)."""

    async def test_a_metered_plan_names_its_meter(self, api: TenantApi) -> None:
        meter = await _meter(api)
        product = expect(await api.post("/v1/products", {"name": "Tokens"}), 201)
        body = {"product": product["id"], "amount": "0.002", "usage_type": "metered",
                "meter": meter, "currency": "USD"}  # fmt: skip
        refused = await api.post("/v1/plans", body)  # 0.002 USD is too precise an amount
        assert refused.status_code == 422, refused.text
        plan = expect(await api.post("/v1/plans", {**body, "amount": "0.02"}), 201)
        assert (plan["usage_type"], plan["meter"]) == ("metered", meter)
        assert expect(await api.get(f"/v1/plans/{plan['id']}"), 200)["meter"] == meter
        change = await api.patch(f"/v1/plans/{plan['id']}", {"meter": None})
        assert change.status_code == 400 and "new plan" in change.text

    @pytest.mark.parametrize(
        ("fields", "param"),
        [({"usage_type": "metered"}, "meter"), ({"meter": "mtr_x"}, "meter")],
    )
    async def test_only_a_metered_plan_has_a_meter_and_it_must(
        self, api: TenantApi, fields: dict[str, Any], param: str
    ) -> None:
        product = expect(await api.post("/v1/products", {"name": "Tokens"}), 201)
        body = {"product": product["id"], "amount": "1.00", **fields}
        refused = problem(await api.post("/v1/plans", body), 400, "validation_error")
        assert params(refused) == {param}

    async def test_an_unknown_meter_or_one_of_another_mode_is_404(self, api: TenantApi) -> None:
        live = await api.live()
        for meter in (f"mtr_{'0' * 26}", await _meter(api)):
            product = expect(await live.post("/v1/products", {"name": "Tokens"}), 201)
            body = {"product": product["id"], "amount": "1.00", "usage_type": "metered",
                    "meter": meter}  # fmt: skip
            refused = problem(await live.post("/v1/plans", body), 404, "resource_missing")
            assert params(refused) == {"meter"}
        assert expect(await live.get("/v1/plans"), 200)["data"] == []


class TestInvoicedOnce:
    async def test_an_invoice_for_a_tiered_plan_bills_its_first_unit_by_tier(
        self, api: TenantApi
    ) -> None:
        plan = await _plan(api, billing_scheme="tiered", tiers_mode="graduated", tiers=GRADUATED)
        customer = await api.customer()
        invoice = expect(
            await api.post("/v1/invoices", {"customer": customer["id"], "plan": plan["id"]}), 201
        )
        # One unit in the first tier (5.00) and that tier's flat fee (10.00).
        assert [(line["quantity"], line["unit_amount"]) for line in invoice["lines"]] == [
            ("1", "5.00"),
            ("1", "10.00"),
        ]
        assert invoice["total"] == "15.00"

    async def test_a_package_plan_bills_one_package(self, api: TenantApi) -> None:
        plan = await _plan(api, amount="10.00", transform_quantity={"divide_by": 5, "round": "up"})
        customer = await api.customer()
        invoice = expect(
            await api.post("/v1/invoices", {"customer": customer["id"], "plan": plan["id"]}), 201
        )
        assert invoice["total"] == "10.00"


class TestUpdate:
    async def test_a_plan_s_nickname_active_and_metadata_change(self, api: TenantApi) -> None:
        plan = await _plan(api, amount="29.00")
        changed = expect(
            await api.patch(
                f"/v1/plans/{plan['id']}",
                {"nickname": "Pro monthly", "active": False, "metadata": {"k": "v"}},
            ),
            200,
        )
        assert (changed["nickname"], changed["active"], changed["metadata"]) == (
            "Pro monthly",
            False,
            {"k": "v"},
        )
        assert changed["amount"] == "29.00"
        assert "plan.updated" in await event_types(api, plan["id"])

    @pytest.mark.parametrize(
        "change",
        [{"amount": "30.00"}, {"currency": "EUR"}, {"interval": "year"}, {"tiers": []},
         {"billing_scheme": "tiered"}, {"nickname": "x", "amount": "1.00"}],
    )  # fmt: skip
    async def test_a_price_never_changes(self, api: TenantApi, change: dict[str, Any]) -> None:
        plan = await _plan(api, amount="29.00")
        refused = await api.patch(f"/v1/plans/{plan['id']}", change)
        assert refused.status_code == 400, refused.text
        assert "new plan" in refused.text
        after = expect(await api.get(f"/v1/plans/{plan['id']}"), 200)
        assert after == plan

    async def test_a_product_s_name_and_metadata_change(self, api: TenantApi) -> None:
        product = await _product(api)
        changed = expect(
            await api.patch(
                f"/v1/products/{product}", {"name": "Seats v2", "metadata": {"line": "b"}}
            ),
            200,
        )
        assert (changed["name"], changed["metadata"]) == ("Seats v2", {"line": "b"})
        assert "product.updated" in await event_types(api, product)

    async def test_changes_need_the_write_scope_and_the_account(self, api: TenantApi) -> None:
        plan = await _plan(api, amount="29.00")
        reader = await api.with_scopes("plans:read", "products:read")
        problem(
            await reader.patch(f"/v1/plans/{plan['id']}", {"active": False}),
            403,
            "insufficient_scope",
        )
        problem(
            await reader.patch(f"/v1/products/{plan['product']}", {"active": False}),
            403,
            "insufficient_scope",
        )
        live = await api.live()
        problem(
            await live.patch(f"/v1/plans/{plan['id']}", {"active": False}), 404, "resource_missing"
        )
