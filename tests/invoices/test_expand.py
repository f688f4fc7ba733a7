"""`expand[]=customer` on invoice reads (SPEC §4: expansion where cheap)."""

from __future__ import annotations

from tests.support import TenantApi, expect


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
