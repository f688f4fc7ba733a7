"""`POST /v1/invoices/{id}/finalize?require_einvoice=ubl|cii` (docs/einvoicing.md): a draft
whose e-invoice could not be written stays the draft it was — no number taken from the
gapless series, no event — and one that can is finalized and exports validly."""

from __future__ import annotations

import re
from typing import Any

from tests.einvoicing.test_export import BUYER_ADDRESS, export, seller
from tests.support import TenantApi, event_types, expect, params, problem, read_invoice

LINE = {"description": "Work", "unit_amount": "100.00", "tax_rate": "19"}


async def draft(api: TenantApi, **fields: Any) -> dict[str, Any]:
    buyer = await api.customer(name="Buyer BV", billing_address=BUYER_ADDRESS)
    fields.setdefault("lines", [LINE])
    return await api.invoice(customer=buyer["id"], collection_method="send_invoice",
                             currency="EUR", **fields)  # fmt: skip


async def finalize(api: TenantApi, invoice_id: str, **query: str) -> Any:
    query_string = "&".join(f"{name}={value}" for name, value in query.items())
    return await api.post(f"/v1/invoices/{invoice_id}/finalize?{query_string}", {})


def sequence(number: str) -> int:
    found = re.search(r"(\d+)$", number)
    assert found is not None, number
    return int(found.group(1))


class TestRequireEInvoice:
    async def test_an_incomplete_draft_is_refused_and_stays_a_draft_without_a_number(
        self, api: TenantApi
    ) -> None:
        await seller(api, tax_ids=[])
        before = await draft(api)
        body = problem(await finalize(api, before["id"], require_einvoice="ubl"), 422,
                       "einvoice_incomplete")  # fmt: skip
        assert [(e["param"], e["code"]) for e in body["errors"]] == [
            ("account.tax_ids", "einvoice_required")
        ]
        assert "BT-31" in body["errors"][0]["message"]
        after = await read_invoice(api, before["id"])
        assert (after["status"], after["number"]) == ("draft", None)
        assert after == before
        assert "invoice.finalized" not in await event_types(api, before["id"])

    async def test_a_refusal_takes_no_number_from_the_series(self, api: TenantApi) -> None:
        await seller(api, tax_ids=[])
        first = expect(await finalize(api, (await draft(api))["id"]), 200)
        refused = await draft(api)
        problem(await finalize(api, refused["id"], require_einvoice="cii"), 422,
                "einvoice_incomplete")  # fmt: skip
        second = expect(await finalize(api, (await draft(api))["id"]), 200)
        assert sequence(second["number"]) == sequence(first["number"]) + 1
        await seller(api)
        third = expect(await finalize(api, refused["id"], require_einvoice="cii"), 200)
        assert sequence(third["number"]) == sequence(second["number"]) + 1

    async def test_a_complete_draft_is_finalized_and_exports_validly(self, api: TenantApi) -> None:
        await seller(api)
        for syntax in ("ubl", "cii"):
            invoice = await draft(api)
            finalized = expect(await finalize(api, invoice["id"], require_einvoice=syntax), 200)
            assert (finalized["status"], finalized["number"] is not None) == ("open", True)
            assert "invoice.finalized" in await event_types(api, invoice["id"])
            await export(api, invoice["id"], syntax)

    async def test_the_xrechnung_profile_checks_its_own_requirements(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await draft(api)
        response = await finalize(api, invoice["id"], require_einvoice="ubl",
                                  einvoice_profile="xrechnung")  # fmt: skip
        assert params(problem(response, 422, "einvoice_incomplete")) >= {"buyer_reference"}
        assert (await read_invoice(api, invoice["id"]))["status"] == "draft"
        expect(await finalize(api, invoice["id"], require_einvoice="ubl"), 200)

    async def test_figures_the_export_cannot_carry_are_refused(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await draft(api, lines=[{**LINE, "tax_inclusive": True}])
        body = problem(await finalize(api, invoice["id"], require_einvoice="ubl"), 422,
                       "einvoice_unsupported")  # fmt: skip
        assert params(body) == {"lines[0].tax_inclusive"}
        assert (await read_invoice(api, invoice["id"]))["status"] == "draft"

    async def test_without_it_an_incomplete_draft_is_finalized(self, api: TenantApi) -> None:
        await seller(api, tax_ids=[])
        invoice = await draft(api)
        assert expect(await finalize(api, invoice["id"]), 200)["status"] == "open"

    async def test_an_unknown_syntax_is_a_validation_error(self, api: TenantApi) -> None:
        await seller(api)
        invoice = await draft(api)
        response = await finalize(api, invoice["id"], require_einvoice="pdf")
        assert params(problem(response, 400, "validation_error")) == {"require_einvoice"}
        assert (await read_invoice(api, invoice["id"]))["status"] == "draft"
