"""Queries on `customers`. Deleted customers are invisible, as if gone."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, func, select

from remit.accounts.models import Account
from remit.accounts.service import get_account
from remit.clocks.clocked import OnClock
from remit.clocks.service import enter
from remit.customers.models import Customer
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import NotFound

# Built once, like the key lookup (api_keys.service): it runs for every invoice created.
_WITH_ACCOUNT = (
    select(Account, Customer)
    .outerjoin(
        Customer,
        (Customer.account_id == Account.id)
        & (Customer.livemode == bindparam("livemode"))
        & (Customer.id == bindparam("customer_id"))
        & Customer.deleted_at.is_(None),
    )
    .where(Account.id == bindparam("account_id"))
)


class CustomerRepository(OnClock[Customer]):
    model = Customer
    kind = "customer"

    def shape(self, statement: Select[Customer]) -> Select[Customer]:
        return statement.where(Customer.deleted_at.is_(None))

    async def get_with_account(
        self, customer_id: str, *, param: str | None = None
    ) -> tuple[Account, Customer]:
        """The account and this customer of it in one statement (a new invoice needs both);
        none when the transaction has both already (the account, and the customer read
        ahead)."""
        ahead = self._ahead(customer_id, lock=False)
        if ahead is not None:
            return await get_account(self.ctx), ahead
        params = {
            "account_id": self.account_id,
            "livemode": self.livemode,
            "customer_id": customer_id,
        }
        row = (await self.session.execute(_WITH_ACCOUNT, params)).first()
        if row is None:
            raise NotFound("account", self.account_id)
        if row.Customer is None:
            raise NotFound(self.kind, customer_id, param=param)
        return row.Account, row.Customer

    async def get_including_deleted(self, customer_id: str) -> Customer:
        """For invoices that name a customer deleted since: their history stays readable."""
        ahead = self._ahead(customer_id, lock=False)  # not deleted, then
        if ahead is not None:
            return ahead
        found = await self.session.scalar(self.unshaped().where(Customer.id == customer_id))
        if found is None:
            raise NotFound(self.kind, customer_id)
        return found

    async def lock_row(self, customer_id: str) -> None:
        """Lock the customer's row, deleted or not (their invoices still move their balance),
        to serialize writes to what hangs off it, its balance ledger. Only the lock is taken:
        the customer is not re-read into the session (its unflushed changes stay)."""
        statement = (
            select(Customer.test_clock_id)
            .where(self.scoped(), Customer.id == customer_id)
            .with_for_update()
        )
        row = (await self.session.execute(statement)).first()
        if row is None:
            raise NotFound(self.kind, customer_id)
        await enter(self.ctx, row.test_clock_id)

    async def by_ids(self, customer_ids: set[str]) -> dict[str, Customer]:
        """Customers by id, deleted ones included (for expanding invoices' `customer`)."""
        if not customer_ids:
            return {}
        found = await self.session.scalars(self.unshaped().where(Customer.id.in_(customer_ids)))
        return {customer.id: customer for customer in found}

    async def handle_taken(self, handle: str, *, other_than: str | None = None) -> bool:
        statement = self.select().where(Customer.handle == handle)
        if other_than is not None:
            statement = statement.where(Customer.id != other_than)
        return await self.session.scalar(statement.limit(1)) is not None

    async def find_by_handle(self, handle: str) -> Customer | None:
        return await self.session.scalar(self.select().where(Customer.handle == handle))

    async def count(self) -> int:
        statement = select(func.count()).select_from(self.select().subquery())
        return await self.session.scalar(statement) or 0

    async def prefix_taken(self, prefix: str, *, other_than: str | None = None) -> bool:
        # Deleted customers included: their invoices keep numbers made with the prefix.
        statement = select(Customer.id).where(
            Customer.account_id == self.account_id, Customer.invoice_prefix == prefix
        )
        if other_than is not None:
            statement = statement.where(Customer.id != other_than)
        return await self.session.scalar(statement.limit(1)) is not None

    async def first_with_email(self, email: str) -> Customer | None:
        statement = self.select().where(Customer.email == email).order_by(Customer.id).limit(1)
        return await self.session.scalar(statement)

    async def list(
        self, request: PageRequest, *, email: str | None, handle: str | None
    ) -> Page[Customer]:
        statement = self.select()
        if email is not None:
            statement = statement.where(Customer.email == email)
        if handle is not None:
            statement = statement.where(Customer.handle == handle)
        return await self.page(statement, request)
