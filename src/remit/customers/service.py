"""Customer use cases: create, update, delete (soft: invoices keep referring to the row)."""

from __future__ import annotations

import secrets

from remit.context import Context
from remit.customers.errors import DuplicateHandle, DuplicateInvoicePrefix
from remit.customers.models import Customer
from remit.customers.repository import CustomerRepository
from remit.customers.schemas import CustomerCreate, CustomerOut, CustomerUpdate
from remit.events import service as events
from remit.kernel.ids import id_time, new_id
from remit.kernel.metadata import cleaned, merged
from remit.kernel.problems import FieldError

_PREFIX_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_PLAIN_FIELDS = ("handle", "email", "name", "phone", "tax_id", "locale", "invoice_prefix")
_ADDRESS_FIELDS = ("billing_address", "shipping_address")


async def create_customer(ctx: Context, data: CustomerCreate) -> Customer:
    repository = CustomerRepository(ctx)
    await _check_unique(repository, data.handle, data.invoice_prefix)
    customer_id = new_id("cus", ctx.now)
    customer = Customer(
        account_id=ctx.account_id,
        id=customer_id,
        **{field: getattr(data, field) for field in _PLAIN_FIELDS},
        **{field: _address(getattr(data, field)) for field in _ADDRESS_FIELDS},
        metadata_=cleaned(data.metadata),
        created_at=id_time(customer_id),
        updated_at=id_time(customer_id),
    )
    customer.invoice_prefix = data.invoice_prefix or await _fresh_prefix(repository)
    repository.add(customer)
    events.record(ctx, "customer.created", CustomerOut.of(customer))
    return customer


async def update_customer(ctx: Context, customer_id: str, data: CustomerUpdate) -> Customer:
    repository = CustomerRepository(ctx)
    customer = await repository.get_for_update(customer_id)
    sent = data.model_fields_set
    await _check_unique(
        repository,
        data.handle if "handle" in sent else None,
        data.invoice_prefix if "invoice_prefix" in sent else None,
        other_than=customer.id,
    )
    for field in sent & set(_PLAIN_FIELDS):
        if field == "invoice_prefix" and data.invoice_prefix is None:
            continue  # every customer keeps a prefix
        setattr(customer, field, getattr(data, field))
    for field in sent & set(_ADDRESS_FIELDS):
        setattr(customer, field, _address(getattr(data, field)))
    if data.metadata is not None:
        customer.metadata_ = merged(customer.metadata_, data.metadata)
    customer.updated_at = ctx.now
    events.record(ctx, "customer.updated", CustomerOut.of(customer))
    return customer


async def delete_customer(ctx: Context, customer_id: str) -> None:
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


def _address(value: object) -> dict | None:  # type: ignore[type-arg]
    return value.model_dump(exclude_none=True) if value is not None else None  # type: ignore[attr-defined]
