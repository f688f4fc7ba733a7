"""An example payment processor plug-in for remit (docs/payments.md).

A processor is any object with `name`, `test_only`, `describe`, `charge` and `retrieve` (see
`remit.payments.processors.base.Processor`). Register its factory — a callable taking
remit's `Runtime` — as an entry point in the group `remit.processors`:

    [project.entry-points."remit.processors"]
    ledger = "processor_plugin:LedgerProcessor"

This one approves tokens that start with `ledger_` and remembers charges by idempotency key
in memory; a real one would call its payment provider's API, passing the key along.
"""

from __future__ import annotations

import secrets

from remit.payments.processors.base import (
    ChargeRequest,
    ChargeResult,
    MethodDetails,
    TokenRefused,
)


class LedgerProcessor:
    name = "ledger"
    test_only = False

    def __init__(self, runtime: object) -> None:
        self._charges: dict[str, ChargeResult] = {}

    def describe(self, method_type: str, token: str, wallet_address: str | None) -> MethodDetails:
        if not token.startswith("ledger_"):
            raise TokenRefused("ledger tokens start with 'ledger_'")
        return MethodDetails(brand="ledger", last4=token[-4:])

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        if request.idempotency_key not in self._charges:  # the same key: the same charge
            self._charges[request.idempotency_key] = ChargeResult(
                "succeeded", f"ledger_{secrets.token_hex(8)}"
            )
        return self._charges[request.idempotency_key]

    async def retrieve(self, reference: str) -> ChargeResult:
        found = [charge for charge in self._charges.values() if charge.reference == reference]
        return found[0] if found else ChargeResult("failed", reference, "charge_missing")
