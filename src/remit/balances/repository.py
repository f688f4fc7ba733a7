"""Queries on the balance ledger. Sums are taken here, in Python: SQLite would add the
amounts as floats (they are stored as text there)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import bindparam, select

from remit.balances.models import CustomerBalanceTransaction as Transaction
from remit.db.repository import TenantRepository, known_none, read_none_ahead, tenant_bound
from remit.kernel.money import add
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import NotFound


class BalanceTransactionRepository(TenantRepository[Transaction]):
    model = Transaction
    kind = "customer balance transaction"

    async def read_balances_ahead(self, customer_ids: Iterable[str]) -> None:
        """Before `balance` is asked about each of these customers in this transaction:
        which have no transactions at all, in one statement."""
        await read_none_ahead(self.ctx, _ANY, Transaction.customer_id, customer_ids)

    async def balance(self, customer_id: str, currency: str) -> Decimal:
        """The sum of the customer's transactions in `currency` (0 without any)."""
        if known_none(self.ctx, _ANY, customer_id):
            return Decimal(0)
        params = {
            "account_id": self.account_id,
            "customer_id": customer_id,
            "currency": currency,
        }
        return add(*await self.session.scalars(_BALANCE[self.livemode], params))

    async def balances(self, customer_id: str) -> dict[str, Decimal]:
        """The sum per currency of the customer's transactions, currencies in code order."""
        rows = await self.session.execute(
            select(Transaction.currency, Transaction.amount).where(
                self.scoped(), Transaction.customer_id == customer_id
            )
        )
        amounts: dict[str, list[Decimal]] = defaultdict(list)
        for currency, amount in rows:
            amounts[currency].append(amount)
        return {currency: add(*amounts[currency]) for currency in sorted(amounts)}

    async def of_customer_page(
        self, customer_id: str, request: PageRequest, *, currency: str | None = None
    ) -> Page[Transaction]:
        statement = self.select().where(Transaction.customer_id == customer_id)
        if currency is not None:
            statement = statement.where(Transaction.currency == currency)
        return await self.page(statement, request)

    async def of_customer(self, customer_id: str, transaction_id: str) -> Transaction:
        """One transaction, 404 unless it is this customer's."""
        found = await self.find(transaction_id)
        if found is None or found.customer_id != customer_id:
            raise NotFound(self.kind, transaction_id)
        return found


_ANY = "balance_transactions"
# Built once per mode: every invoice issued asks it (docs/performance.md).
_BALANCE = {
    livemode: select(Transaction.amount).where(
        tenant_bound(Transaction, livemode),
        Transaction.customer_id == bindparam("customer_id"),
        Transaction.currency == bindparam("currency"),
    )
    for livemode in (False, True)
}
