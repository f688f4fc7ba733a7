"""Customer use cases: create, find or create by e-mail, update, delete (soft: invoices keep
referring to the row), and the reads other parts (the dialects) go through.

E-mail addresses are not unique per account, as in Stripe: one person may be billed for two
businesses. Finding by e-mail takes the oldest live customer with exactly that address, and
finding-or-creating holds a lock on the address first, so two requests with a new address
make one customer, not two (docs/api.md).

Making, changing or deleting a customer takes `customers:write` whichever route asks for it
(an invoice's inline customer, a dialect's nested user): the check is here, not per route.
"""

from __future__ import annotations

import secrets
from typing import Any

from remit.clocks import service as clocks
from remit.context import Context, flushed
from remit.customers.errors import DuplicateHandle, DuplicateInvoicePrefix
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.customers.schemas import CustomerCreate, CustomerOut, CustomerUpdate
from remit.db.locking import transaction_lock
from remit.events import service as events
from remit.kernel import tax_ids
from remit.kernel.fields import Address
from remit.kernel.ids import id_time
from remit.kernel.metadata import cleaned, merged
from remit.kernel.pagination import Page, PageRequest
from remit.kernel.problems import FieldError
from remit.numbering import counters

_PREFIX_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_PLAIN_FIELDS = ("email", "name", "phone", "tax_id", "locale", "invoice_prefix")
_UPDATABLE = ("handle", *_PLAIN_FIELDS)
HANDLE_SEQUENCE = "customer_handle"  # the counter behind generated handles (`cust-<n>`)
_ADDRESS_FIELDS = ("billing_address", "shipping_address")
WRITE_SCOPE = "customers:write"


async def create_customer(ctx: Context, data: CustomerCreate) -> Customer:
    ctx.require_scope(WRITE_SCOPE)
    repository = CustomerRepository(ctx)
    handle = data.handle
    if data.generate_handle:
        handle = await _generated_handle(ctx, repository)
    await _check_unique(repository, handle, data.invoice_prefix)
    if data.test_clock is not None:  # the customer is made at the clock's time
        await clocks.enter(
            ctx, (await clocks.get_clock(ctx, data.test_clock, param="test_clock")).id
        )
    customer_id = ctx.new_id("cus")
    customer = Customer(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=customer_id,
        **{field: getattr(data, field) for field in _PLAIN_FIELDS},
        handle=handle,
        **{field: _address(getattr(data, field)) for field in _ADDRESS_FIELDS},
        tax_ids=tax_ids.stored(data.tax_ids),
        tax_exempt=data.tax_exempt or "none",
        metadata_=cleaned(data.metadata),
        test_clock_id=ctx.clock,
        created_at=id_time(customer_id),
        updated_at=id_time(customer_id),
    )
    customer.invoice_prefix = data.invoice_prefix or await _fresh_prefix(repository)
    repository.add(customer)
    events.record(ctx, "customer.created", CustomerOut.of(customer))
    return customer


async def update_customer(ctx: Context, customer_id: str, data: CustomerUpdate) -> Customer:
    ctx.require_scope(WRITE_SCOPE)
    repository = CustomerRepository(ctx)
    customer = await repository.get_for_update(customer_id)
    sent = data.model_fields_set
    await _check_unique(
        repository,
        data.handle if "handle" in sent else None,
        data.invoice_prefix if "invoice_prefix" in sent else None,
        other_than=customer.id,
    )
    for field in sent & set(_UPDATABLE):
        if field == "invoice_prefix" and data.invoice_prefix is None:
            continue  # every customer keeps a prefix
        setattr(customer, field, getattr(data, field))
    for field in sent & set(_ADDRESS_FIELDS):
        setattr(customer, field, _address(getattr(data, field)))
    _apply_tax_details(customer, data)
    if data.metadata is not None:
        customer.metadata_ = merged(customer.metadata_, data.metadata)
    customer.updated_at = ctx.now
    events.record(ctx, "customer.updated", CustomerOut.of(customer))
    return customer


def _apply_tax_details(customer: Customer, data: CustomerUpdate) -> None:
    """The typed ids sent replace the list kept (already checked and made compact, by
    kernel.tax_ids); `tax_exempt: null` is `none`."""
    if "tax_ids" in data.model_fields_set:
        customer.tax_ids = tax_ids.stored(data.tax_ids)
    if "tax_exempt" in data.model_fields_set:
        customer.tax_exempt = data.tax_exempt or "none"


async def find_or_create_by_email(
    ctx: Context, data: CustomerCreate, *, rename: bool = False
) -> tuple[Customer, bool]:
    """The customer with `data.email`, or a new one made of `data`; True when made. With
    `rename`, a customer found takes `data.name` when it has one. Finding one needs
    `customers:write` too: else the answer would tell a key without it which addresses are
    customers (and show them)."""
    ctx.require_scope(WRITE_SCOPE)
    if data.email is None:
        raise ValueError("finding a customer by e-mail needs the e-mail address")
    await transaction_lock(ctx.session, "customer-email", ctx.account_id, data.email)
    existing = await CustomerRepository(ctx).first_with_email(data.email)
    if existing is None:
        return await create_customer(ctx, data), True
    if rename and data.name is not None and data.name != existing.name:
        return await update_customer(ctx, existing.id, CustomerUpdate(name=data.name)), False
    return existing, False


async def _generated_handle(ctx: Context, repository: CustomerRepository) -> str:
    """`cust-<n>` from the account's own sequence, skipping handles taken by hand. The
    sequence starts after the customers the account already has; taking a value locks the
    counter row until commit, so concurrent requests never get the same handle."""
    if not await counters.exists(ctx, HANDLE_SEQUENCE):
        await counters.set_next(ctx, await repository.count() + 1, HANDLE_SEQUENCE)
    while True:
        handle = f"cust-{await counters.take_next(ctx, HANDLE_SEQUENCE)}"
        if not await repository.handle_taken(handle):
            return handle


@flushed
async def get_customer(ctx: Context, customer_id: str, *, param: str | None = None) -> Customer:
    return await CustomerRepository(ctx).get(customer_id, param=param)


@flushed
async def find_customer(ctx: Context, customer_id: str) -> Customer | None:
    return await CustomerRepository(ctx).find(customer_id)


@flushed
async def find_by_handle(ctx: Context, handle: str) -> Customer | None:
    return await CustomerRepository(ctx).find_by_handle(handle)


@flushed
async def find_by_email(ctx: Context, email: str) -> Customer | None:
    """The oldest live customer with exactly this address (see the module's note)."""
    return await CustomerRepository(ctx).first_with_email(email)


@flushed
async def customer_of_record(ctx: Context, customer_id: str) -> Customer:
    """A customer an invoice names, even one deleted since (history stays readable)."""
    return await CustomerRepository(ctx).get_including_deleted(customer_id)


@flushed
async def customers_by_ids(ctx: Context, customer_ids: set[str]) -> dict[str, Customer]:
    return await CustomerRepository(ctx).by_ids(customer_ids)


async def list_customers(
    ctx: Context, page: PageRequest, *, email: str | None = None, handle: str | None = None
) -> Page[Customer]:
    return await CustomerRepository(ctx).list(page, email=email, handle=handle)


async def delete_customer(ctx: Context, customer_id: str) -> None:
    ctx.require_scope(WRITE_SCOPE)
    customer = await CustomerRepository(ctx).get_for_update(customer_id)
    customer.deleted_at = customer.updated_at = ctx.now
    events.record(ctx, "customer.deleted", CustomerOut.of(customer))


async def _check_unique(
    repository: CustomerRepository,
    handle: str | None,
    prefix: str | None,
    *,
    other_than: str | None = None,
) -> None:
    if handle is not None and await repository.handle_taken(handle, other_than=other_than):
        raise DuplicateHandle(
            f"A customer with handle '{handle}' already exists.",
            errors=[FieldError("handle", "is already in use", "duplicate_handle")],
        )
    if prefix is not None and await repository.prefix_taken(prefix, other_than=other_than):
        raise DuplicateInvoicePrefix(
            f"The invoice prefix '{prefix}' belongs to another customer.",
            errors=[FieldError("invoice_prefix", "is already in use", "duplicate_invoice_prefix")],
        )


async def _fresh_prefix(repository: CustomerRepository) -> str:
    while True:  # 32^8 prefixes: a second round is already rare
        prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(8))
        if not await repository.prefix_taken(prefix):
            return prefix


def _address(value: Address | None) -> dict[str, Any] | None:
    return value.model_dump(exclude_none=True) if value is not None else None
