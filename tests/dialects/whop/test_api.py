"""Whop's invoice routes in-process, on both databases: the seed's rules, both generations'
bodies, the object's fields, lists, actions, auth and tenant isolation."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import httpx
import pytest

from remit.app import create_app
from remit.runtime import Runtime
from tests.dialects.whop.conftest import PREFIX, WhopApi, biz, mber
from tests.support import QueryCounter, TenantApi, expect


def whop_error(response: httpx.Response, status: int) -> dict[str, Any]:
    body = expect(response, status)
    assert set(body) == {"error"} and body["error"]["message"], body
    return body["error"]


class TestCreateVariants:
    async def test_email_and_name_make_a_customer_and_an_open_invoice(self, whop: WhopApi) -> None:
        invoice = expect(await whop.create(), 200)
        assert invoice["id"].startswith("inv_") and invoice["status"] == "open"
        assert invoice["number"].startswith("#") or invoice["number"]
        assert invoice["current_plan"]["formatted_price"] == "$10.00"
        assert invoice["current_plan"]["currency"] == "usd"
        assert invoice["email_address"] == "ada@example.com"
        assert invoice["customer_name"] == "Ada Lovelace"
        assert invoice["member"]["id"].startswith("mber_")
        assert invoice["user"]["id"].startswith("user_")
        assert invoice["product"]["title"] == "Consulting"
        assert invoice["product"]["id"].startswith("prod_")
        assert invoice["line_items"] == [
            {"label": "Consulting", "position": 0, "quantity": 1, "unit_price": 10, "total": 10}
        ]
        assert invoice["fetch_invoice_token"] and invoice["pay_online_url"].endswith(
            invoice["fetch_invoice_token"]
        )
        assert invoice["company"] == {"id": whop.company}
        assert invoice["due_date"] == "2031-01-01T00:00:00.000Z"

    async def test_member_and_product_id_name_native_objects(
        self, whop: WhopApi, api: TenantApi
    ) -> None:
        customer = await api.customer(email="m@example.com", name="Member")
        product = expect(await api.post("/v1/products", {"name": "Course"}), 201)
        invoice = expect(
            await whop.create(member_id=mber(customer["id"]), email_address=None,
                              customer_name=None, product=None, product_id=product["id"]),
            200,
        )  # fmt: skip
        assert invoice["member"]["id"] == mber(customer["id"])
        assert invoice["product"] == {"id": product["id"], "title": "Course"}

    async def test_the_same_invoice_natively(self, whop: WhopApi, api: TenantApi) -> None:
        invoice = expect(await whop.create(plan={"initial_price": "12.34"}), 200)
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (native["total"], native["status"], native["number"]) == (
            "12.34", invoice["status"], invoice["number"],
        )  # fmt: skip
        assert native["plan"] == invoice["current_plan"]["id"]

    async def test_prices_are_exact_numbers_in_major_units(self, whop: WhopApi) -> None:
        response = await whop.create(plan={"initial_price": 10.43})
        assert '"unit_price":10.43' in response.text
        assert expect(response, 200)["current_plan"]["formatted_price"] == "$10.43"

    async def test_2x_shape_with_line_items_draft_and_address(
        self, whop: WhopApi, api: TenantApi
    ) -> None:
        invoice = expect(
            await whop.create(
                company_id=None, account_id=whop.company, save_as_draft=True,
                plan={"initial_price": 25, "currency": "eur"},
                line_items=[{"label": "Setup", "unit_price": 5},
                            {"label": "Hours", "quantity": 2, "unit_price": 10}],
                billing_address={"name": "Ada", "line1": "1 Rue", "city": "Paris",
                                 "postal_code": "75001", "country": "FR"},
            ),
            200,
        )  # fmt: skip
        assert invoice["status"] == "draft" and invoice["current_plan"]["currency"] == "eur"
        assert [item["total"] for item in invoice["line_items"]] == [5, 20]
        assert invoice["mailing_address"]["city"] == "Paris"
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["total"] == "25.00" and native["currency"] == "EUR"

    async def test_a_future_finalization_keeps_a_draft(self, whop: WhopApi) -> None:
        invoice = expect(await whop.create(automatically_finalizes_at="2031-01-01T00:00:00Z"), 200)
        assert invoice["status"] == "draft"
        assert invoice["automatically_finalizes_at"] == "2031-01-01T00:00:00.000Z"

    async def test_a_payment_token_is_attached_and_charged_automatically(
        self, whop: WhopApi, api: TenantApi
    ) -> None:
        automatic = "charge_automatically"
        invoice = expect(await whop.create(collection_method=automatic,
                                           payment_token_id="tok_visa"), 200)  # fmt: skip
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert native["payment_method"].startswith("pm_")
        assert native["next_payment_attempt_at"] is not None  # the worker charges it
        unknown = "pmt_01m8t7wm96bf43sv4kcsgcqxwg"
        whop_error(await whop.create(collection_method=automatic, payment_method_id=unknown), 404)

    async def test_a_renewal_plan_bills_its_initial_price(self, whop: WhopApi) -> None:
        plan = {"plan_type": "renewal", "initial_price": 0, "renewal_price": 20,
                "billing_period": 30}  # fmt: skip
        invoice = expect(await whop.create(plan=plan), 200)
        assert invoice["current_plan"]["formatted_price"] == "$20.00"


class TestSeedRules:
    async def test_charge_automatically_without_a_payment_method_is_400(
        self, whop: WhopApi
    ) -> None:
        error = whop_error(await whop.create(collection_method="charge_automatically"), 400)
        assert error["param"] == "payment_method_id"

    async def test_both_member_and_email_is_400(self, whop: WhopApi, api: TenantApi) -> None:
        customer = await api.customer()
        error = whop_error(await whop.create(member_id=mber(customer["id"])), 400)
        assert error["param"] == "member_id" and "both" in error["message"]

    async def test_neither_member_nor_email_is_400(self, whop: WhopApi) -> None:
        error = whop_error(await whop.create(email_address=None), 400)
        assert "neither" in error["message"]

    async def test_a_new_email_without_a_name_is_400(self, whop: WhopApi) -> None:
        error = whop_error(await whop.create(email_address="new@example.com",
                                             customer_name=None), 400)  # fmt: skip
        assert error["param"] == "customer_name"

    async def test_a_known_email_needs_no_name(self, whop: WhopApi, api: TenantApi) -> None:
        await api.customer(email="known@example.com", name="Known")
        invoice = expect(
            await whop.create(email_address="known@example.com", customer_name=None), 200
        )
        assert invoice["customer_name"] == "Known"

    async def test_both_product_and_product_id_is_400(self, whop: WhopApi) -> None:
        error = whop_error(await whop.create(product_id="prod_x"), 400)
        assert error["param"] == "product"

    async def test_line_items_must_add_up_to_the_plan_price(self, whop: WhopApi) -> None:
        error = whop_error(await whop.create(line_items=[{"label": "x", "unit_price": 9}]), 422)
        assert error["param"] == "line_items"

    @pytest.mark.parametrize(
        "fields, param",
        [
            ({"plan": {"initial_price": "ten"}}, "plan.initial_price"),
            ({"plan": {"initial_price": -1}}, "plan.initial_price"),
            ({"plan": {"initial_price": 1, "currency": "xx"}}, "plan.currency"),
            ({"collection_method": "cash"}, "collection_method"),
            ({"due_date": "soon"}, "due_date"),
            ({"email_address": "not-an-email"}, "email_address"),
            ({"plan": None}, "plan"),
            ({"mailing_address_id": "ma_1"}, "mailing_address_id"),
        ],
    )
    async def test_bad_input_is_a_4xx_naming_the_field(
        self, whop: WhopApi, fields: dict[str, Any], param: str
    ) -> None:
        response = await whop.create(**fields)
        assert 400 <= response.status_code < 500, response.text
        assert whop_error(response, response.status_code)["param"] == param

    async def test_malformed_json_is_400(self, whop: WhopApi) -> None:
        response = await whop.api.post(f"{PREFIX}/invoices", content=b"{nope")
        assert whop_error(response, 400)["code"] == "malformed_json"


class TestAuth:
    async def test_no_key_is_401(self, raw_api: Any) -> None:
        whop_error(await raw_api.get(f"{PREFIX}/invoices"), 401)

    async def test_a_key_without_invoice_create_is_403(self, api: TenantApi) -> None:
        reader = WhopApi(await api.with_scopes("invoices:read", "plans:read"), api.account_id)
        whop_error(await reader.create(), 403)
        expect(await reader.get("/invoices"), 200)

    async def test_a_key_without_plan_read_cannot_list(self, api: TenantApi) -> None:
        reader = WhopApi(await api.with_scopes("invoices:read"), api.account_id)
        whop_error(await reader.get("/invoices"), 403)

    async def test_another_company_is_not_found(self, whop: WhopApi, other_api: TenantApi) -> None:
        whop_error(await whop.create(company_id=biz(other_api.account_id)), 404)
        whop_error(await whop.get("/invoices", company_id=biz(other_api.account_id)), 404)

    async def test_another_companys_invoice_is_not_found(
        self, whop: WhopApi, other_api: TenantApi
    ) -> None:
        theirs = await other_api.open_invoice()
        whop_error(await whop.get(f"/invoices/{theirs['id']}"), 404)
        whop_error(await whop.post(f"/invoices/{theirs['id']}/void"), 404)


class TestRetrieve:
    async def test_by_token_without_a_key(self, whop: WhopApi, raw_api: Any) -> None:
        invoice = expect(await whop.create(), 200)
        token = invoice["fetch_invoice_token"]
        public = expect(await raw_api.get(f"{PREFIX}/invoices/{token}"), 200)
        assert public["id"] == invoice["id"] and public["company"] == {"id": whop.company}
        whop_error(await raw_api.get(f"{PREFIX}/invoices/{token}x"), 404)

    async def test_token_reads_are_rate_limited_with_429(
        self, whop: WhopApi, runtime: Runtime
    ) -> None:
        token = expect(await whop.create(), 200)["fetch_invoice_token"]
        limited = replace(runtime, settings=replace(runtime.settings, public_rate_limit=2))
        transport = httpx.ASGITransport(app=create_app(limited), client=("203.0.113.9", 1234))
        async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
            codes = [(await client.get(f"{PREFIX}/invoices/{token}")).status_code for _ in range(3)]
            assert codes == [200, 200, 429]
            refused = await client.get(f"{PREFIX}/invoices/{token}")
            assert whop_error(refused, 429)["type"] == "rate_limited"
            assert int(refused.headers["retry-after"]) >= 1

    async def test_a_native_invoice_reads_as_whop(self, whop: WhopApi, api: TenantApi) -> None:
        native = await api.open_invoice()
        invoice = expect(await whop.get(f"/invoices/{native['id']}"), 200)
        assert invoice["number"] == native["number"] and invoice["status"] == "open"
        assert invoice["line_items"][0]["unit_price"] == 100


class TestActions:
    async def test_void(self, whop: WhopApi) -> None:
        invoice = expect(await whop.create(), 200)
        assert expect(await whop.post(f"/invoices/{invoice['id']}/void"), 200) is True
        assert expect(await whop.get(f"/invoices/{invoice['id']}"), 200)["status"] == "void"
        whop_error(await whop.post(f"/invoices/{invoice['id']}/void"), 409)

    async def test_mark_paid_settles_what_is_left(self, whop: WhopApi, api: TenantApi) -> None:
        invoice = expect(await whop.create(), 200)
        assert expect(await whop.post(f"/invoices/{invoice['id']}/mark_paid"), 200) is True
        native = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert (native["status"], Decimal(native["amount_paid"])) == ("paid", Decimal(10))

    async def test_mark_uncollectible(self, whop: WhopApi) -> None:
        invoice = expect(await whop.create(), 200)
        assert expect(await whop.post(f"/invoices/{invoice['id']}/mark_uncollectible"), 200)
        found = expect(await whop.get(f"/invoices/{invoice['id']}"), 200)
        assert found["status"] == "uncollectible"

    async def test_resend(self, whop: WhopApi) -> None:
        invoice = expect(await whop.create(), 200)
        assert expect(await whop.post(f"/invoices/{invoice['id']}/resend"), 200) is True
        whop_error(await whop.post("/invoices/inv_01jdx3m4k8aaaaaaaaaaaaaaaa/resend"), 404)

    async def test_update_and_delete_a_draft(self, whop: WhopApi) -> None:
        draft = expect(await whop.create(save_as_draft=True), 200)
        path = f"{PREFIX}/invoices/{draft['id']}"
        updated = expect(await whop.api.patch(path, {
            "line_items": [{"label": "Rework", "unit_price": 15}], "charge_buyer_fee": True,
        }), 200)  # fmt: skip
        assert updated["line_items"][0]["label"] == "Rework" and updated["charge_buyer_fee"]
        assert updated["product"] == draft["product"]
        assert expect(await whop.api.delete(path), 200) is True
        whop_error(await whop.get(f"/invoices/{draft['id']}"), 404)

    async def test_an_open_invoice_cannot_be_updated_or_deleted(self, whop: WhopApi) -> None:
        invoice = expect(await whop.create(), 200)
        path = f"{PREFIX}/invoices/{invoice['id']}"
        whop_error(await whop.api.patch(path, {"due_date": "2032-01-01T00:00:00Z"}), 409)
        whop_error(await whop.api.delete(path), 409)


class TestList:
    async def test_cursor_pages_and_filters(self, whop: WhopApi) -> None:
        ids = [expect(await whop.create(), 200)["id"] for _ in range(3)]
        draft = expect(await whop.create(save_as_draft=True), 200)["id"]
        first = expect(await whop.get("/invoices", company_id=whop.company, first=2), 200)
        assert [i["id"] for i in first["data"]] == [draft, ids[2]]
        assert first["page_info"]["has_next_page"] is True
        rest = expect(await whop.get("/invoices", first=2, after=first["page_info"]["end_cursor"]),
                      200)  # fmt: skip
        assert [i["id"] for i in rest["data"]] == [ids[1], ids[0]]
        assert rest["page_info"]["end_cursor"] is None
        back = expect(await whop.get("/invoices", last=2, before=ids[1]), 200)
        assert [i["id"] for i in back["data"]] == [draft, ids[2]]

    async def test_oldest_first_with_direction_asc(self, whop: WhopApi) -> None:
        ids = [expect(await whop.create(), 200)["id"] for _ in range(3)]
        first = expect(await whop.get("/invoices", direction="asc", first=2), 200)
        assert [i["id"] for i in first["data"]] == ids[:2]
        cursor = first["page_info"]["end_cursor"]
        rest = expect(await whop.get("/invoices", direction="asc", first=2, after=cursor), 200)
        assert [i["id"] for i in rest["data"]] == ids[2:]
        assert rest["page_info"]["end_cursor"] is None
        back = expect(await whop.get("/invoices", direction="asc", last=1, before=ids[2]), 200)
        assert [i["id"] for i in back["data"]] == [ids[1]]

    async def test_statuses_in_both_array_styles(self, whop: WhopApi) -> None:
        open_id = expect(await whop.create(), 200)["id"]
        draft_id = expect(await whop.create(save_as_draft=True), 200)["id"]
        stainless = await whop.api.http.get(f"{PREFIX}/invoices?statuses[]=draft",
                                            headers=whop.api.headers)  # fmt: skip
        assert [i["id"] for i in expect(stainless, 200)["data"]] == [draft_id]
        fern = expect(await whop.get("/invoices", statuses=["open", "void"]), 200)
        assert [i["id"] for i in fern["data"]] == [open_id]

    async def test_collection_method_product_and_created_filters(
        self, whop: WhopApi, api: TenantApi
    ) -> None:
        product = expect(await api.post("/v1/products", {"name": "Course"}), 201)
        mine = expect(await whop.create(product=None, product_id=product["id"]), 200)
        other = expect(await whop.create(), 200)
        by_product = expect(await whop.get("/invoices", product_ids=[product["id"]]), 200)
        assert [i["id"] for i in by_product["data"]] == [mine["id"]]
        auto = expect(await whop.get("/invoices", collection_methods="charge_automatically"), 200)
        assert auto["data"] == []
        after = expect(await whop.get("/invoices", created_after=mine["created_at"]), 200)
        assert [i["id"] for i in after["data"]] == [other["id"]]

    @pytest.mark.parametrize(
        "params",
        [{"statuses": "bogus"}, {"first": "0"}, {"direction": "up"}, {"order": "due_date"},
         {"after": "cus_1"}, {"created_after": "yesterday"}],
    )  # fmt: skip
    async def test_bad_list_parameters_are_4xx(self, whop: WhopApi, params: dict) -> None:  # type: ignore[type-arg]
        response = await whop.get("/invoices", **params)
        assert response.status_code in (400, 404), response.text
        whop_error(response, response.status_code)

    async def test_an_unknown_route_is_404(self, whop: WhopApi) -> None:
        whop_error(await whop.get("/payments"), 404)


class TestBudgetsAndReplays:
    async def test_a_list_page_costs_the_same_whatever_its_size(
        self, whop: WhopApi, queries: QueryCounter
    ) -> None:
        for _ in range(6):
            expect(await whop.create(), 200)
        queries.reset()
        expect(await whop.get("/invoices", first=2), 200)
        small = queries.count
        queries.reset()
        expect(await whop.get("/invoices", first=6), 200)
        # key, invoices, their lines, their customers
        assert small == queries.count <= 4, queries.statements

    async def test_an_idempotency_key_replays_the_create(self, whop: WhopApi) -> None:
        body = {"company_id": whop.company, "collection_method": "send_invoice",
                "plan": {"initial_price": 3}, "product": {"title": "Once"},
                "email_address": "once@example.com", "customer_name": "Once"}  # fmt: skip
        headers = {"Idempotency-Key": "whop-once"}
        first = await whop.api.post(f"{PREFIX}/invoices", body, headers=headers)
        again = await whop.api.post(f"{PREFIX}/invoices", body, headers=headers)
        assert expect(first, 200)["id"] == expect(again, 200)["id"]
        assert again.headers.get("idempotent-replayed") == "true"
