"""Voiding credit notes (`POST /v1/credit_notes/{id}/void`): the effect is reversed, the
number stays used, and notes whose effect cannot be taken back are refused."""

from __future__ import annotations

from tests.balances.helpers import ledger
from tests.credit_notes.helpers import balance, credit, invoice_of, issue, line_ids, pay
from tests.support import TenantApi, event_types, expect, problem


async def void(api: TenantApi, note: dict[str, object]) -> dict[str, object]:
    return expect(await api.post(f"/v1/credit_notes/{note['id']}/void"), 200)


class TestVoid:
    async def test_voiding_restores_what_was_left_to_pay(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        note = await issue(api, invoice["id"], amount="30.00")
        voided = await void(api, note)
        assert (voided["status"], voided["number"], voided["total"]) == ("void", "CN-0001", "30.00")
        assert voided["voided_at"] is not None
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["amount_due"], after["amount_remaining"]) == (
            "open", "100.00", "100.00",
        )  # fmt: skip
        assert (after["credited_amount"], after["pre_payment_credit_notes_amount"]) == (
            "0.00", "0.00",
        )  # fmt: skip
        assert after["credit_notes"] == [note["id"]]  # the history stays
        assert await event_types(api, note["id"]) == ["credit_note.voided", "credit_note.created"]
        assert (await event_types(api, invoice["id"]))[0] == "invoice.updated"
        assert expect(await api.get(f"/v1/credit_notes/{note['id']}"), 200) == voided

    async def test_the_number_stays_used_and_the_room_comes_back(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        await void(api, await issue(api, invoice["id"], amount="40.00", memo="by mistake"))
        again = await issue(api, invoice["id"], amount="100.00")
        assert again["number"] == "CN-0002"
        assert (await invoice_of(api, invoice["id"]))["status"] == "paid"

    async def test_voiding_takes_the_credit_back_from_the_balance(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        await pay(api, invoice["id"])
        note = await issue(api, invoice["id"], amount="25.00")
        assert await balance(api, invoice["customer"]) == "-25.00"
        await void(api, note)
        assert await balance(api, invoice["customer"]) == "0.00"
        taken_back = (await ledger(api, invoice["customer"]))[-1]
        assert (taken_back["type"], taken_back["amount"], taken_back["credit_note"]) == (
            "credit_note", "25.00", note["id"],
        )  # fmt: skip
        after = await invoice_of(api, invoice["id"])
        assert (after["status"], after["post_payment_credit_notes_amount"]) == ("paid", "0.00")

    async def test_voiding_twice_answers_the_void_note(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        note = await issue(api, invoice["id"], amount="10.00")
        first = await void(api, note)
        assert await void(api, note) == first
        assert (await event_types(api, note["id"])).count("credit_note.voided") == 1
        assert (await invoice_of(api, invoice["id"]))["amount_due"] == "100.00"

    async def test_lines_credited_by_a_void_note_can_be_credited_again(
        self, api: TenantApi
    ) -> None:
        invoice = await api.open_invoice()
        whole = [{"invoice_line": line_ids(invoice)[0], "quantity": "1"}]
        await void(api, await issue(api, invoice["id"], amount="0.01"))
        note = await issue(api, invoice["id"], lines=whole)
        assert note["total"] == "100.00"


class TestVoidRefused:
    async def test_a_note_whose_refunds_gave_money_back_stays(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        await pay(api, invoice["id"])
        note = await issue(api, invoice["id"], amount="10.00", refund_amount="10.00")
        body = problem(await api.post(f"/v1/credit_notes/{note['id']}/void"), 409,
                       "credit_note_not_voidable")  # fmt: skip
        assert "refund" in body["detail"]
        assert expect(await api.get(f"/v1/credit_notes/{note['id']}"), 200) == note

    async def test_a_note_that_paid_its_invoice_stays(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        note = await issue(api, invoice["id"], amount="100.00")
        paid = await invoice_of(api, invoice["id"])
        problem(await api.post(f"/v1/credit_notes/{note['id']}/void"), 409,
                "credit_note_not_voidable")  # fmt: skip
        assert await invoice_of(api, invoice["id"]) == paid

    async def test_a_note_of_an_invoice_voided_since_stays(self, api: TenantApi) -> None:
        invoice = await api.open_invoice()
        note = await issue(api, invoice["id"], amount="10.00")
        expect(await api.post(f"/v1/invoices/{invoice['id']}/void"), 200)
        problem(await api.post(f"/v1/credit_notes/{note['id']}/void"), 409,
                "credit_note_not_voidable")  # fmt: skip
        problem(await credit(api, invoice["id"], amount="1.00"), 409, "invoice_not_creditable")
