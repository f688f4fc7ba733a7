"""The simulator: a test processor whose outcome is fixed by the token, so that every path
can be exercised without a network. It keeps its own books (`simulator_charges`, refunds
too: their references start `sim_re_`) in its own transactions, as an outside processor
would, and honours idempotency keys.

| token | charge | refund |
|---|---|---|
| `tok_visa` | succeeds | succeeds |
| `tok_chargeDeclined` | fails: `card_declined` | |
| `tok_insufficientFunds` | fails: `insufficient_funds` | |
| `tok_pending_succeeds` | pending; succeeds when next looked at | the same |
| `tok_pending_fails` | pending; fails (`processing_failed`) when next looked at | |
| `tok_refund_fails` | succeeds | fails: `refund_failed` |

Accounts marked live refuse it.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from remit.context import utc_now
from remit.db.engine import dialect_of, insert_on
from remit.kernel.caching import typed_cache
from remit.payments.models import SimulatorCharge
from remit.payments.processors.base import (
    ChargeRequest,
    ChargeResult,
    ChargeStatus,
    MethodDetails,
    RefundRequest,
    RefundResult,
    TokenRefused,
)
from remit.runtime import Runtime


@dataclass(frozen=True)
class Outcome:
    first: ChargeStatus
    final: ChargeStatus  # once a pending one is looked at again
    failure_code: str | None = None


@dataclass(frozen=True)
class Behaviour:
    first: ChargeStatus
    final: ChargeStatus
    failure_code: str | None
    last4: str
    refund: Outcome = Outcome("succeeded", "succeeded")

    @property
    def charge(self) -> Outcome:
        return Outcome(self.first, self.final, self.failure_code)


TOKENS = {
    "tok_visa": Behaviour("succeeded", "succeeded", None, "4242"),
    "tok_chargeDeclined": Behaviour("failed", "failed", "card_declined", "0002"),
    "tok_insufficientFunds": Behaviour("failed", "failed", "insufficient_funds", "9995"),
    "tok_pending_succeeds": Behaviour(
        "pending", "succeeded", None, "3220", Outcome("pending", "succeeded")
    ),
    "tok_pending_fails": Behaviour("pending", "failed", "processing_failed", "3063"),
    "tok_refund_fails": Behaviour(
        "succeeded", "succeeded", None, "5126", Outcome("failed", "failed", "refund_failed")
    ),
}
MESSAGES = {
    "card_declined": "The card was declined.",
    "insufficient_funds": "The account has insufficient funds.",
    "processing_failed": "The payment could not be processed.",
    "refund_failed": "The refund could not be made.",
}
REFUND = "sim_re_"  # how the simulator's refunds are told from its charges in its books
Result = TypeVar("Result", ChargeResult, RefundResult)


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
        entry = await self._book(request.idempotency_key, "sim_ch_", request, behaviour.charge)
        return _result(entry, ChargeResult)

    async def retrieve(self, reference: str) -> ChargeResult:
        entry = await self._look_again(reference, refund=False)
        if entry is None:
            return ChargeResult("failed", reference, "charge_missing", "No such charge.")
        return _result(entry, ChargeResult)

    async def refund(self, request: RefundRequest) -> RefundResult:
        behaviour = TOKENS.get(request.token)
        if behaviour is None:
            return RefundResult("failed", None, "invalid_token", "Unknown simulator token.")
        if not await self._charged(request.charge_reference):
            return RefundResult("failed", None, "charge_missing", "No such charge to refund.")
        entry = await self._book(request.idempotency_key, REFUND, request, behaviour.refund)
        return _result(entry, RefundResult)

    async def retrieve_refund(self, reference: str) -> RefundResult:
        entry = await self._look_again(reference, refund=True)
        if entry is None:
            return RefundResult("failed", reference, "refund_missing", "No such refund.")
        return _result(entry, RefundResult)

    async def charge_many(self, requests: Sequence[ChargeRequest]) -> list[ChargeResult]:
        """`charge` for each request, booked together: one transaction, one statement."""
        known = [(n, request) for n, request in enumerate(requests) if request.token in TOKENS]
        results = [ChargeResult("failed", None, "invalid_token", "Unknown simulator token.")] * len(
            requests
        )
        entries = await self._book_many(
            "sim_ch_", [(r.idempotency_key, r, TOKENS[r.token].charge) for _, r in known]
        )
        for (n, _), entry in zip(known, entries, strict=True):
            results[n] = _result(entry, ChargeResult)
        return results

    async def _book(
        self, key: str, prefix: str, request: ChargeRequest | RefundRequest, outcome: Outcome
    ) -> SimulatorCharge:
        """The entry for `key`: the one already booked (the same request again), else a new
        one with the outcome's first status (INSERT … ON CONFLICT DO NOTHING: a concurrent
        request with the key, or a repeat, is answered with the entry booked first)."""
        async with self._db.write() as session:
            booking = _booking(dialect_of(session))
            values = _entry(key, prefix, request, outcome)
            booked: SimulatorCharge | None = await session.scalar(booking, values)
            if booked is None:  # booked before: that entry
                return await session.get_one(SimulatorCharge, key)
            return booked

    async def _book_many(
        self, prefix: str, wanted: Sequence[tuple[str, ChargeRequest, Outcome]]
    ) -> list[SimulatorCharge]:
        """`_book` for several keys, in one transaction and one INSERT (and one SELECT of
        those booked before). The rows go as parameters of `_booking`, which SQLAlchemy
        sends as one multi-row INSERT: a statement with the rows in it would be compiled
        anew every time."""
        if not wanted:
            return []
        async with self._db.write() as session:
            rows = [_entry(key, prefix, request, outcome) for key, request, outcome in wanted]
            entries = await session.scalars(_booking(dialect_of(session)), rows)
            booked = {entry.idempotency_key: entry for entry in entries}
            before = [key for key, _, _ in wanted if key not in booked]
            if before:
                earlier = select(SimulatorCharge).where(SimulatorCharge.idempotency_key.in_(before))
                booked |= {entry.idempotency_key: entry for entry in await session.scalars(earlier)}
            return [booked[key] for key, _, _ in wanted]

    async def _look_again(self, reference: str, *, refund: bool) -> SimulatorCharge | None:
        """The charge (or refund) by its reference, its outcome in if it was pending."""
        if reference.startswith(REFUND) != refund:
            return None
        async with self._db.write() as session:
            entry = await session.scalar(
                select(SimulatorCharge)
                .where(SimulatorCharge.reference == reference)
                .with_for_update()
            )
            if entry is None:
                return None
            if entry.status == "pending":  # looked at again: the outcome is in
                behaviour = TOKENS[entry.token]
                outcome = behaviour.refund if refund else behaviour.charge
                entry.status = outcome.final
                entry.failure_code = outcome.failure_code if outcome.final == "failed" else None
            entry.retrievals += 1
            return entry

    async def _charged(self, reference: str | None) -> bool:
        """Whether the simulator made this charge, and it succeeded."""
        if reference is None or reference.startswith(REFUND):
            return False
        async with self._db.read() as session:
            status = await session.scalar(
                select(SimulatorCharge.status).where(SimulatorCharge.reference == reference)
            )
        return status == "succeeded"


def _entry(
    key: str, prefix: str, request: ChargeRequest | RefundRequest, outcome: Outcome
) -> dict[str, Any]:
    """A new entry of the books, in the outcome's first status."""
    return {
        "idempotency_key": key,
        "reference": f"{prefix}{secrets.token_hex(12)}",
        "token": request.token,
        "amount": request.amount,
        "currency": request.currency,
        "status": outcome.first,
        "failure_code": outcome.failure_code if outcome.first == "failed" else None,
        "retrievals": 0,
        "created_at": utc_now(),
    }


def _result(entry: SimulatorCharge, kind: type[Result]) -> Result:
    return kind(
        entry.status,
        entry.reference,
        entry.failure_code,
        MESSAGES.get(entry.failure_code or ""),
    )


@typed_cache
def _booking(backend: str) -> Any:
    """INSERT … ON CONFLICT (idempotency_key) DO NOTHING RETURNING the entry, built once per
    backend."""
    return (
        insert_on(backend, SimulatorCharge)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(SimulatorCharge)
    )
