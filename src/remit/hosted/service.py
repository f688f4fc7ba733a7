"""Paying an invoice from its hosted page with the simulator's test cards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from remit.collection import flow
from remit.collection.charges import Skipped
from remit.context import Context
from remit.invoices.public import PUBLIC_ACTOR, PublicInvoice, load
from remit.kernel.i18n import N_, Language
from remit.kernel.problems import BadRequest, Problem
from remit.payments import service as payment_methods
from remit.payments.processors.base import ChargeResult
from remit.payments.processors.simulator import TOKENS
from remit.payments.schemas import PaymentMethodCreate
from remit.runtime import Runtime

_OUTCOMES = {
    "tok_visa": N_("succeeds"),
    "tok_chargeDeclined": N_("declined"),
    "tok_insufficientFunds": N_("insufficient funds"),
    "tok_pending_succeeds": N_("pending, then succeeds"),
    "tok_pending_fails": N_("pending, then fails"),
}


def test_cards(words: Language) -> list[tuple[str, str]]:
    """The simulator's cards, as the pay form offers them: (token, label)."""
    return [(token, f"Visa •••• {TOKENS[token].last4} — {words.gettext(outcome)}")
            for token, outcome in _OUTCOMES.items()]  # fmt: skip


def offers_test_cards(found: PublicInvoice) -> bool:
    """The pay form takes simulator cards, so only test-mode invoices show it."""
    return not found.invoice.livemode


async def pay_with_test_card(
    runtime: Runtime, token: str, card: str, request_id: str | None = None
) -> str:
    """Charge the invoice with a simulator card, through the charge flow every payment takes.
    Returns the outcome for the page: succeeded, pending, or a failure code. Its events
    name the page (`public`) and the request as their origin."""
    found = await load(runtime, token)
    if card not in TOKENS or not offers_test_cards(found):
        raise BadRequest("Choose one of the test cards offered on the page.")
    invoice = found.invoice

    @asynccontextmanager
    async def transaction() -> AsyncIterator[Context]:
        async with runtime.db.write() as session:
            ctx = runtime.context(
                session,
                invoice.account_id,
                PUBLIC_ACTOR,
                livemode=invoice.livemode,
                request_id=request_id,
            )
            yield ctx

    async def attach_card(ctx: Context) -> flow.Target:
        data = PaymentMethodCreate(type="card", token=card)
        method = await payment_methods.attach(ctx, runtime.processors, invoice.customer_id, data)
        return flow.Target(invoice.id, method.id)

    async def last(step: flow.Step, result: ChargeResult | None) -> str:
        async with transaction() as ctx:
            await step(ctx)
        return flow.outcome(result)

    try:
        answered = await flow.charge(runtime.processors, transaction, last, attach_card)
    except Problem as problem:
        return problem.code
    assert not isinstance(answered, Skipped)  # only the worker's automatic charges are skipped
    return answered
