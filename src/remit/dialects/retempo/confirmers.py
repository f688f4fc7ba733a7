"""Who confirms a Retempo settlement. remit runs no chain: a confirmer stands in for it.

Retempo records a settlement on chain and marks the invoice paid once the receipt is good.
Here a `Confirmer` is asked to `submit` a settlement and answers confirmed, failed or still
pending (with the transaction hash it got); a pending one is asked again (`check`) when the
settlement is read or submitted again. `REMIT_RETEMPO_CONFIRMER` picks one:

- `immediate` (the default): every settlement is confirmed at once;
- `pending`: settlements stay pending (a chain that never answers; for tests);
- `failing`: every settlement fails (a reverted transaction; for tests).

A real confirmer (one that watches a chain) implements the same two methods.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol

from remit.config import ConfigError, Settings

State = Literal["confirmed", "pending", "failed"]


@dataclass(frozen=True)
class Submission:
    invoice_id: str
    service_id: str | None
    payer_address: str
    merchant_address: str
    amount: Decimal
    currency: str
    reference_hash: str


@dataclass(frozen=True)
class Outcome:
    state: State
    transaction_hash: str | None
    message: str | None = None


class Confirmer(Protocol):
    name: str

    async def submit(self, submission: Submission) -> Outcome: ...

    async def check(self, submission: Submission, transaction_hash: str | None) -> Outcome: ...


def transaction_hash(submission: Submission) -> str:
    """A stand-in transaction hash, the same for the same settlement."""
    seed = f"{submission.invoice_id}:{submission.reference_hash}:{submission.amount}"
    return "0x" + hashlib.sha256(seed.encode()).hexdigest()


class _Fixed:
    def __init__(self, name: str, state: State, message: str | None = None) -> None:
        self.name, self._state, self._message = name, state, message

    async def submit(self, submission: Submission) -> Outcome:
        return Outcome(self._state, transaction_hash(submission), self._message)

    async def check(self, submission: Submission, transaction_hash: str | None) -> Outcome:
        return Outcome(self._state, transaction_hash, self._message)


CONFIRMERS: dict[str, Confirmer] = {
    "immediate": _Fixed("immediate", "confirmed"),
    "pending": _Fixed("pending", "pending"),
    "failing": _Fixed("failing", "failed", "The settlement transaction was not successful."),
}


def confirmer_for(settings: Settings) -> Confirmer:
    try:
        return CONFIRMERS[settings.retempo_confirmer]
    except KeyError:
        raise ConfigError(
            f"REMIT_RETEMPO_CONFIRMER must be one of {', '.join(CONFIRMERS)}, "
            f"not {settings.retempo_confirmer!r}"
        ) from None
