"""`expand[]=customer` on invoice reads (SPEC §4: expansion where cheap)."""

from __future__ import annotations

from tests.support import TenantApi, expect, params, problem


class TestExpandCustomer:
    async def test_get_embeds_the_customer(self, api: TenantApi) -> None:
        customer = await api.customer(name="Grace", email="grace@example.com")
        invoice = await api.invoice(customer=customer["id"])
        plain = expect(await api.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert plain["customer"] == customer["id"]
        expanded = expect(
            await api.get(f"/v1/invoices/{invoice['id']}", params={"expand[]": "customer"}), 200
        )
        assert expanded["customer"] == customer

    async def test_list_embeds_each_invoice_s_own_customer(self, api: TenantApi) -> None:
        first = await api.invoice(customer={"email": "one@example.com"})
        second = await api.invoice(customer={"email": "two@example.com"})
        page = expect(await api.get("/v1/invoices", params={"expand[]": "customer"}), 200)
        emails = {invoice["id"]: invoice["customer"]["email"] for invoice in page["data"]}
        assert emails == {first["id"]: "one@example.com", second["id"]: "two@example.com"}

    async def test_a_deleted_customer_still_expands(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        expect(await api.delete(f"/v1/customers/{invoice['customer']}"), 204)
        expanded = expect(
            await api.get(f"/v1/invoices/{invoice['id']}", params={"expand[]": "customer"}), 200
        )
        assert expanded["customer"]["id"] == invoice["customer"]

    async def test_unknown_expansion_is_refused(self, api: TenantApi) -> None:
        response = await api.get("/v1/invoices", params={"expand[]": "lines"})
        problem = expect(response, 400)
        assert problem["errors"][0]["param"] == "expand[]"


class TestExpandNeedsTheExpandedObjectsScope:
    """An expanded object is read as itself: its own read scope, not the invoice's."""

    async def test_get_with_only_invoices_read_is_refused_naming_the_expansion(
        self, api: TenantApi
    ) -> None:
        customer = await api.customer(email="private@example.com", phone="+1555", tax_id="T-9")
        invoice = await api.invoice(customer=customer["id"])
        reader = await api.with_scopes("invoices:read")
        response = await reader.get(
            f"/v1/invoices/{invoice['id']}", params={"expand[]": "customer"}
        )
        body = problem(response, 403, "insufficient_scope")
        assert body["required_scope"] == "customers:read"
        assert params(body) == {"expand[]"}
        assert all(leak not in response.text for leak in ("private@example.com", "+1555", "T-9"))

    async def test_list_with_only_invoices_read_is_refused(self, api: TenantApi) -> None:
        await api.invoice(customer={"email": "private@example.com"})
        reader = await api.with_scopes("invoices:read")
        response = await reader.get("/v1/invoices", params={"expand[]": "customer"})
        body = problem(response, 403, "insufficient_scope")
        assert body["required_scope"] == "customers:read"
        assert "private@example.com" not in response.text

    async def test_without_expansion_invoices_read_is_enough(self, api: TenantApi) -> None:
        invoice = await api.invoice()
        reader = await api.with_scopes("invoices:read")
        got = expect(await reader.get(f"/v1/invoices/{invoice['id']}"), 200)
        assert got["customer"] == invoice["customer"]

    async def test_customers_read_as_well_expands(self, api: TenantApi) -> None:
        invoice = await api.invoice(customer={"email": "visible@example.com"})
        reader = await api.with_scopes("invoices:read", "customers:read")
        got = expect(
            await reader.get(f"/v1/invoices/{invoice['id']}", params={"expand[]": "customer"}),
            200,
        )
        assert got["customer"]["email"] == "visible@example.com"
        page = expect(await reader.get("/v1/invoices", params={"expand[]": "customer"}), 200)
        assert page["data"][0]["customer"]["email"] == "visible@example.com"
