"""Balance transaction bodies, and the customer's balance per currency."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from remit.balances.models import CustomerBalanceTransaction
from remit.kernel.fields import (
    DECIMAL_SCHEMA,
    Currency,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    ParsedDecimal,
    bounded,
)
from remit.kernel.money import format_amount

# Signed: negative credits the customer, positive is owed (Stripe's sign). The currency's own
# places are checked once the currency is known (service).
SignedAmount = Annotated[ParsedDecimal, bounded(places=18), DECIMAL_SCHEMA]
TransactionType = Literal[
    "adjustment", "applied_to_invoice", "unapplied_from_invoice", "credit_note", "invoice_overpaid"
]


class BalanceTransactionCreate(InputModel):
    """A manual adjustment of the customer's balance."""

    amount: SignedAmount = Field(
        description="Negative: credit in the customer's favour; positive: the customer owes it "
        "(added to the next invoice)."
    )
    currency: Currency
    description: LongText | None = None
    metadata: Metadata = Field(default_factory=dict)

    @field_validator("amount")
    @classmethod
    def _not_zero(cls, amount: Decimal) -> Decimal:
        if amount.is_zero():
            raise PydanticCustomError("zero_amount", "must not be zero")
        return amount


class BalanceTransactionOut(BaseModel):
    object: Literal["customer_balance_transaction"] = "customer_balance_transaction"
    id: str
    livemode: bool
    customer: str
    currency: str
    amount: str
    ending_balance: str = Field(description="The customer's balance right after this one.")
    type: str
    invoice: str | None
    credit_note: str | None
    settlement: str | None
    description: str | None
    metadata: dict[str, Any]
    created_at: OutTimestamp

    @classmethod
    def of(cls, transaction: CustomerBalanceTransaction) -> BalanceTransactionOut:
        currency = transaction.currency
        return cls(
            id=transaction.id,
            livemode=transaction.livemode,
            customer=transaction.customer_id,
            currency=currency,
            amount=format_amount(transaction.amount, currency),
            ending_balance=format_amount(transaction.ending_balance, currency),
            type=transaction.type,
            invoice=transaction.invoice_id,
            credit_note=transaction.credit_note_id,
            settlement=transaction.settlement_id,
            description=transaction.description,
            metadata=transaction.metadata_,
            created_at=transaction.created_at,
        )


class CustomerBalanceOut(BaseModel):
    object: Literal["customer_balance"] = "customer_balance"
    customer: str
    balances: dict[str, str] = Field(
        description="The balance per currency the customer has transactions in (negative: "
        "credit in the customer's favour).",
        examples=[{"USD": "-12.00"}],
    )

    @classmethod
    def of(cls, customer_id: str, balances: dict[str, Decimal]) -> CustomerBalanceOut:
        shown = {currency: format_amount(amount, currency) for currency, amount in balances.items()}
        return cls(customer=customer_id, balances=shown)
