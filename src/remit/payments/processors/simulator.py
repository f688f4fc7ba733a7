"""The simulator: a test processor whose outcome is fixed by the token, so that every path
can be exercised without a network. It keeps its own books (`simulator_charges`) in its own
transactions, as an outside processor would, and honours idempotency keys.

| token | charge |
|---|---|
| `tok_visa` | succeeds |
| `tok_chargeDeclined` | fails: `card_declined` |
| `tok_insufficientFunds` | fails: `insufficient_funds` |
| `tok_pending_succeeds` | pending; succeeds when next looked at |
| `tok_pending_fails` | pending; fails (`processing_failed`) when next looked at |

Accounts marked live refuse it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from remit.context import utc_now
from remit.payments.models import SimulatorCharge
from remit.payments.processors.base import (
    ChargeRequest,
    ChargeResult,
    ChargeStatus,
    MethodDetails,
    TokenRefused,
)
from remit.runtime import Runtime


@dataclass(frozen=True)
class Behaviour:
    first: ChargeStatus
    final: ChargeStatus
    failure_code: str | None
    last4: str


TOKENS = {
    "tok_visa": Behaviour("succeeded", "succeeded", None, "4242"),
    "tok_chargeDeclined": Behaviour("failed", "failed", "card_declined", "0002"),
    "tok_insufficientFunds": Behaviour("failed", "failed", "insufficient_funds", "9995"),
    "tok_pending_succeeds": Behaviour("pending", "succeeded", None, "3220"),
    "tok_pending_fails": Behaviour("pending", "failed", "processing_failed", "3063"),
}
MESSAGES = {
    "card_declined": "The card was declined.",
    "insufficient_funds": "The account has insufficient funds.",
    "processing_failed": "The payment could not be processed.",
}


class Simulator:
    name = "simulator"
    test_only = True

    def __init__(self, runtime: Runtime) -> None:
        self._db = runtime.db

    def describe(self, method_type: str, token: str, wallet_address: str | None) -> MethodDetails:
        behaviour = TOKENS.get(token)
        if behaviour is None:
            raise TokenRefused(f"the simulator knows the tokens {', '.join(TOKENS)}")
        if method_type == "card":
            return MethodDetails(brand="visa", last4=behaviour.last4)
        if method_type == "bank_account":
            return MethodDetails(last4=behaviour.last4)
        return MethodDetails(wallet_address=wallet_address)

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        behaviour = TOKENS.get(request.token)
        if behaviour is None:
            return ChargeResult("failed", None, "invalid_token", "Unknown simulator token.")
        try:
            async with self._db.write() as session:
                existing = await session.get(SimulatorCharge, request.idempotency_key)
                if existing is not None:  # the same request again: the same charge
                    return _result(existing)
                charge = SimulatorCharge(
                    idempotency_key=request.idempotency_key,
                    reference=f"sim_ch_{secrets.token_hex(12)}",
                    token=request.token,
                    amount=request.amount,
                    currency=request.currency,
                    status=behaviour.first,
                    failure_code=behaviour.failure_code if behaviour.first == "failed" else None,
                    retrievals=0,
                    created_at=utc_now(),
                )
                session.add(charge)
                return _result(charge)
        except IntegrityError:  # a concurrent request with the key won: answer with its charge
            async with self._db.read() as session:
                return _result(await session.get_one(SimulatorCharge, request.idempotency_key))

    async def retrieve(self, reference: str) -> ChargeResult:
        async with self._db.write() as session:
            charge = await session.scalar(
                select(SimulatorCharge)
                .where(SimulatorCharge.reference == reference)
                .with_for_update()
            )
            if charge is None:
                return ChargeResult("failed", reference, "charge_missing", "No such charge.")
            if charge.status == "pending":  # looked at again: the outcome is in
                behaviour = TOKENS[charge.token]
                charge.status, charge.failure_code = behaviour.final, behaviour.failure_code
            charge.retrievals += 1
            return _result(charge)


def _result(charge: SimulatorCharge) -> ChargeResult:
    return ChargeResult(
        charge.status,
        charge.reference,
        charge.failure_code,
        MESSAGES.get(charge.failure_code or ""),
    )
