"""Reading an invoice through its public token, and paying it from the hosted page."""

from __future__ import annotations

from dataclasses import dataclass

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.api.runtime import Runtime
from remit.invoices.models import Invoice
from remit.invoices.repository import InvoiceRepository
from remit.kernel.problems import BadRequest, NotFound, Problem
from remit.payments import charges
from remit.payments import service as payment_methods
from remit.payments.processors.simulator import TOKENS
from remit.payments.runner import call_processor
from remit.payments.schemas import PaymentMethodCreate

_OUTCOMES = {
    "tok_visa": "succeeds",
    "tok_chargeDeclined": "declined",
    "tok_insufficientFunds": "insufficient funds",
    "tok_pending_succeeds": "pending, then succeeds",
    "tok_pending_fails": "pending, then fails",
}
# The simulator's cards, as the pay form offers them.
TEST_CARDS = [
    (token, f"Visa •••• {TOKENS[token].last4} — {outcome}") for token, outcome in _OUTCOMES.items()
]


@dataclass(frozen=True)
class PublicInvoice:
    invoice: Invoice
    account: Account


def _missing() -> NotFound:
    # One answer for every bad token, forged, altered, truncated or for a draft: nothing leaks.
    return NotFound("invoice", "(public link)")


async def load(runtime: Runtime, token: str) -> PublicInvoice:
    """The issued invoice a token names, or 404."""
    ref = runtime.links.read(token)
    if ref is None:
        raise _missing()
    async with runtime.db.read() as session:
        ctx = runtime.context(session, ref.account_id, "public")
        invoice = await InvoiceRepository(ctx).find(ref.invoice_id)
        if invoice is None or invoice.status == "draft":
            raise _missing()
        return PublicInvoice(invoice, await get_account(ctx))


def offers_test_cards(found: PublicInvoice) -> bool:
    """The pay form takes simulator cards, so only test accounts show it."""
    return not found.account.livemode


async def pay_with_test_card(
    runtime: Runtime, token: str, card: str, request_id: str | None = None
) -> str:
    """Charge the invoice with a simulator card, through the same charge as `/pay`.
    Returns the outcome for the page: succeeded, pending, or a failure code. Its events
    name the page (`public`) and the request as their origin."""
    found = await load(runtime, token)
    if card not in TOKENS or not offers_test_cards(found):
        raise BadRequest("Choose one of the test cards offered on the page.")
    invoice = found.invoice
    try:
        async with runtime.db.write() as session:
            ctx = runtime.context(session, invoice.account_id, "public", request_id=request_id)
            method = await payment_methods.attach(
                ctx,
                runtime.processors,
                invoice.customer_id,
                PaymentMethodCreate(type="card", token=card),
            )
            charge = await charges.begin(
                ctx, runtime.processors, invoice.id, payment_method_id=method.id
            )
    except Problem as problem:
        return problem.code
    assert isinstance(charge, charges.Charge)
    result = await call_processor(runtime, charge)
    if result is None:
        return "pending"
    async with runtime.db.write() as session:
        ctx = runtime.context(session, invoice.account_id, "public", request_id=request_id)
        await charges.complete(ctx, charge.settlement_id, result)
    return result.status if result.status != "failed" else (result.failure_code or "failed")
