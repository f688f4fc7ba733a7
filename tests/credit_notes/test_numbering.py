"""Credit note numbers (SPEC §3.3 for invoices, the same guarantees): a gapless series of
their own per account and mode, taken at issue in the note's transaction, formatted with the
account's `credit_note_number_template`."""

from __future__ import annotations

from tests.credit_notes.helpers import credit, issue
from tests.support import TenantApi, expect, params, problem


async def template(api: TenantApi, value: str) -> object:
    return await api.patch("/v1/account", {"credit_note_number_template": value})


class TestSeries:
    async def test_notes_number_apart_from_invoices(self, api: TenantApi) -> None:
        account = expect(await api.get("/v1/account"), 200)
        assert account["credit_note_number_template"] == "CN-{seq:04}"
        first, second = await api.open_invoice(), await api.open_invoice()
        numbers = [(await issue(api, invoice["id"], amount="1.00"))["number"]
                   for invoice in (first, second, first)]  # fmt: skip
        assert numbers == ["CN-0001", "CN-0002", "CN-0003"]
        assert (first["number"], second["number"]) == ("#0001", "#0002")
        assert expect(await api.get("/v1/account"), 200)["invoice_number_next"] == 3

    async def test_a_refused_note_takes_no_number(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        problem(await credit(api, invoice["id"], amount="100.01"), 422,
                "credit_note_exceeds_invoice")  # fmt: skip
        assert (await issue(api, invoice["id"], amount="1.00"))["number"] == "CN-0001"

    async def test_live_mode_has_its_own_series(self, api: TenantApi) -> None:
        live = await api.live()
        await issue(api, (await api.open_invoice())["id"], amount="1.00")
        live_invoice = await live.open_invoice()
        assert (await issue(live, live_invoice["id"], amount="1.00"))["number"] == "CN-0001"
        assert (await issue(api, (await api.open_invoice())["id"], amount="1.00"))["number"] == (
            "CN-0002"
        )


class TestTemplate:
    async def test_the_account_chooses_the_template(self, api: TenantApi) -> None:
        updated = expect(await template(api, "CR-{yyyy}-{seq:03}"), 200)
        assert updated["credit_note_number_template"] == "CR-{yyyy}-{seq:03}"
        note = await issue(api, (await api.open_invoice())["id"], amount="1.00")
        assert note["number"] == f"CR-{note['created_at'][:4]}-001"

    async def test_a_bad_template_is_named_and_changes_nothing(self, api: TenantApi) -> None:
        for bad in ("CN-0001", "CN-{seq}-{seq}", "{prefix}-{seq}", "CN-{nope}-{seq}", ""):
            body = problem(await template(api, bad), 422, "invalid_number_template")
            assert params(body) == {"credit_note_number_template"}, bad
        account = expect(await api.get("/v1/account"), 200)
        assert account["credit_note_number_template"] == "CN-{seq:04}"
