"""The processor interface (SPEC §6). A processor charges a payment method for an amount; the
charge succeeds, fails with a reason, or stays pending and resolves later.

Every charge carries an idempotency key (remit's settlement id): asked twice with one key —
after a crash, say — a processor must answer with the first charge, never charge again.
A processor that can refund its charges (`Refunding`: `refund`, `retrieve_refund`) honours
the refund's key (remit's refund id) the same way; one without them cannot refund through
remit, and a refund of its charges is refused (`refund_not_supported`).

A real processor plugs in as a Python entry point in the group `remit.processors`, naming a
callable that takes the `Runtime` and returns an object with this interface; see
docs/payments.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

ChargeStatus = Literal["succeeded", "failed", "pending"]


@dataclass(frozen=True)
class ChargeRequest:
    idempotency_key: str
    amount: Decimal  # major units, at the currency's exponent
    currency: str
    token: str  # the processor's token for the payment method
    method_type: str  # card | bank_account | crypto_wallet
    account_id: str
    livemode: bool
    description: str


@dataclass(frozen=True)
class ChargeResult:
    status: ChargeStatus
    reference: str | None  # the processor's id for the charge
    failure_code: str | None = None  # card_declined, insufficient_funds, …
    failure_message: str | None = None


@dataclass(frozen=True)
class RefundRequest:
    idempotency_key: str  # remit's refund id
    amount: Decimal  # major units, at the currency's exponent
    currency: str
    charge_reference: str | None  # the processor's id for the charge refunded
    token: str  # the processor's token for the payment method charged
    account_id: str
    livemode: bool
    reason: str | None  # duplicate | fraudulent | requested_by_customer | other


@dataclass(frozen=True)
class RefundResult:
    status: ChargeStatus
    reference: str | None  # the processor's id for the refund
    failure_code: str | None = None  # refund_failed, …
    failure_message: str | None = None


@dataclass(frozen=True)
class MethodDetails:
    """What may be shown of a payment method; never a card number."""

    brand: str | None = None
    last4: str | None = None
    wallet_address: str | None = None


class TokenRefused(ValueError):
    """The processor does not accept this token for this kind of payment method."""

    def __init__(self, message: str, code: str = "invalid_token") -> None:
        super().__init__(message)
        self.code = code


class Processor(Protocol):
    name: str
    test_only: bool  # refused for accounts marked live

    def describe(self, method_type: str, token: str, wallet_address: str | None) -> MethodDetails:
        """Check a token when a payment method is added; raise TokenRefused if unusable."""
        ...

    async def charge(self, request: ChargeRequest) -> ChargeResult: ...

    async def retrieve(self, reference: str) -> ChargeResult:
        """The charge's state now (how pending charges get their outcome)."""
        ...


@runtime_checkable
class Batching(Protocol):
    """What a processor that takes several charges in one call has besides `Processor`'s
    members (the simulator: one transaction of its books for all)."""

    async def charge_many(self, requests: Sequence[ChargeRequest]) -> list[ChargeResult]:
        """`charge` for each request; the results in their order."""
        ...


@runtime_checkable
class Refunding(Protocol):
    """What a processor that refunds has besides `Processor`'s members."""

    async def refund(self, request: RefundRequest) -> RefundResult:
        """Refund (part of) a charge; a repeated `idempotency_key` answers the first refund."""
        ...

    async def retrieve_refund(self, reference: str) -> RefundResult:
        """The refund's state now (how pending refunds get their outcome)."""
        ...
