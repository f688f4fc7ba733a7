"""`manual`: money that arrives outside remit (bank transfer, cash, check, crypto). remit
cannot collect it; settlements are recorded, confirmed or failed through the API. A payment
method on this processor only describes how the customer pays (an IBAN's last digits, a
wallet address)."""

from __future__ import annotations

from remit.payments.processors.base import ChargeRequest, ChargeResult, MethodDetails
from remit.runtime import Runtime


class Manual:
    name = "manual"
    test_only = False

    def __init__(self, runtime: Runtime) -> None:
        del runtime

    def describe(self, method_type: str, token: str, wallet_address: str | None) -> MethodDetails:
        last4 = token[-4:] if method_type == "bank_account" else None
        return MethodDetails(last4=last4, wallet_address=wallet_address)

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        return ChargeResult(
            "failed",
            None,
            "manual_payment_required",
            "This payment method is settled by hand; record a settlement through the API.",
        )

    async def retrieve(self, reference: str) -> ChargeResult:
        return ChargeResult("pending", reference)
