"""An issued invoice read through its public token (SPEC §5): no API key, the signed token is
the key. Every bad token — forged, altered, truncated, or naming a draft — is the same 404."""

from __future__ import annotations

from dataclasses import dataclass

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.invoices.lifecycle import Status
from remit.invoices.models import Invoice
from remit.invoices.repository import find_by_token
from remit.kernel.problems import NotFound
from remit.runtime import Runtime

PUBLIC_ACTOR = "public"


@dataclass(frozen=True)
class PublicInvoice:
    invoice: Invoice
    account: Account


def missing() -> NotFound:
    return NotFound("invoice", "(public link)")


async def load(runtime: Runtime, token: str) -> PublicInvoice:
    """The issued invoice a token names, with its account, or 404."""
    ref = runtime.links.read(token)
    if ref is None:
        raise missing()
    async with runtime.db.read() as session:
        invoice = await find_by_token(session, ref.account_id, ref.invoice_id)
        if invoice is None or invoice.status == Status.DRAFT:
            raise missing()
        ctx = runtime.context(session, ref.account_id, PUBLIC_ACTOR, livemode=invoice.livemode)
        return PublicInvoice(invoice, await get_account(ctx))
