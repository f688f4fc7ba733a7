"""`/v1/invoice_items`: items for a customer's next invoice, or lines of a draft (as Stripe's
invoice items): made, read, changed and removed one by one."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.context import Context
from remit.invoices import items
from remit.invoices.schemas import AdjustmentOut, LineAdjustments
from remit.kernel.fields import (
    Currency,
    InputModel,
    LongText,
    Metadata,
    OutTimestamp,
    Percent,
    PositiveAmount,
    Quantity,
    Timestamp,
    UnitAmount,
)
from remit.kernel.money import format_amount, format_decimal
from remit.kernel.pagination import Page, PageRequest

router = APIRouter(prefix="/v1/invoice_items", tags=["invoices"], route_class=RemitRoute)
ObjectId = Annotated[str, Field(min_length=1, max_length=64)]


class InvoiceItemCreate(InputModel):
    customer: ObjectId
    unit_amount: UnitAmount | None = None
    quantity: Quantity | None = None
    amount: PositiveAmount | None = Field(
        None, description="The whole amount, instead of unit_amount (× quantity)."
    )
    currency: Currency | None = Field(None, description="Default: the account's.")
    invoice: ObjectId | None = Field(
        None, description="A draft invoice of the customer; without it, the customer's next."
    )
    description: LongText | None = None
    tax_rate: Percent | None = None
    period_start: Timestamp | None = None
    period_end: Timestamp | None = None
    metadata: Metadata = Field(default_factory=dict)
    allowances: LineAdjustments = Field(
        default_factory=list, description="Its allowances (BG-27), as an invoice line's."
    )
    charges: LineAdjustments = Field(default_factory=list, description="Its charges (BG-28).")

    @model_validator(mode="after")
    def _one_price(self) -> InvoiceItemCreate:
        if self.unit_amount is not None and self.amount is not None:
            raise PydanticCustomError("invalid", "give unit_amount or amount, not both")
        return self


class InvoiceItemUpdate(InputModel):
    description: LongText | None = None
    quantity: Quantity | None = None
    unit_amount: UnitAmount | None = None
    metadata: Metadata | None = None
    allowances: LineAdjustments | None = Field(None, description="Replaces its allowances.")
    charges: LineAdjustments | None = Field(None, description="Replaces its charges.")


class InvoiceItemOut(BaseModel):
    object: Literal["invoice_item"] = "invoice_item"
    id: str
    customer: str
    invoice: str | None
    currency: str
    description: str | None
    quantity: str
    unit_amount: str
    amount: str
    allowances: list[AdjustmentOut]
    charges: list[AdjustmentOut]
    net_amount: str = Field(description="amount − allowances + charges (EN 16931 BT-131).")
    tax_rate: str | None
    period_start: OutTimestamp | None
    period_end: OutTimestamp | None
    metadata: dict[str, Any]
    created_at: OutTimestamp | None

    @classmethod
    def of(cls, item: items.Item) -> InvoiceItemOut:
        return cls(
            id=item.id, customer=item.customer_id, invoice=item.invoice_id,
            currency=item.currency, description=item.description,
            quantity=format_decimal(item.quantity), unit_amount=format_decimal(item.unit_amount),
            amount=format_amount(item.amount, item.currency),
            allowances=[AdjustmentOut.of(entry) for entry in item.allowances],
            charges=[AdjustmentOut.of(entry) for entry in item.charges],
            net_amount=format_amount(item.net_amount, item.currency),
            tax_rate=None if item.tax_rate is None else format_decimal(item.tax_rate),
            period_start=item.period_start, period_end=item.period_end, metadata=item.metadata,
            created_at=item.created_at,
        )  # fmt: skip


class DeletedOut(BaseModel):
    object: Literal["invoice_item"] = "invoice_item"
    id: str
    deleted: bool = True


def _present(item: items.Item, _ctx: Context) -> InvoiceItemOut:
    return InvoiceItemOut.of(item)


@router.post("", status_code=201, response_model=InvoiceItemOut)
async def create_item(
    body: InvoiceItemCreate, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    data = items.ItemIn(
        **body.model_dump(exclude={"metadata", "allowances", "charges"}),
        metadata=body.metadata, allowances=body.allowances, charges=body.charges,
    )  # fmt: skip
    return await operations.write(
        request, principal, lambda ctx: items.create_item(ctx, data), _present, status_code=201
    )


@router.get("", response_model=ListOut[InvoiceItemOut])
async def list_items(
    request: Request,
    principal: Principal = require("invoices:read"),
    page: PageRequest = Depends(page_params("il")),
    customer: str | None = Query(None, max_length=64),
    invoice: str | None = Query(None, max_length=64),
) -> Response:
    """Items in the order they were added (oldest first, as an invoice's lines are): pending
    ones and lines of invoices, of one customer or one invoice if asked."""

    async def query(ctx: Context) -> Page[items.Item]:
        found = await items.list_items(
            ctx, customer=customer, invoice=invoice, after=page.starting_after,
            before=page.ending_before, limit=page.limit + 1,
        )  # fmt: skip
        return Page.from_rows(found, page, lambda item: item.id)

    return await operations.read(
        request,
        principal,
        query,
        lambda found, _: ListOut[InvoiceItemOut].of(found, InvoiceItemOut.of),
    )


@router.get("/{item_id}", response_model=InvoiceItemOut)
async def get_item(
    item_id: str, request: Request, principal: Principal = require("invoices:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: items.get_item(ctx, item_id), _present
    )


@router.patch("/{item_id}", response_model=InvoiceItemOut)
async def update_item(
    item_id: str,
    body: InvoiceItemUpdate,
    request: Request,
    principal: Principal = require("invoices:write"),
) -> Response:
    change = items.ItemChange(
        body.description, body.quantity, body.unit_amount, body.metadata, body.allowances,
        body.charges,
    )  # fmt: skip
    return await operations.write(
        request, principal, lambda ctx: items.update_item(ctx, item_id, change), _present
    )


@router.delete("/{item_id}", response_model=DeletedOut)
async def delete_item(
    item_id: str, request: Request, principal: Principal = require("invoices:write")
) -> Response:
    return await operations.write(
        request,
        principal,
        lambda ctx: items.delete_item(ctx, item_id),
        lambda item, _ctx: DeletedOut(id=item.id),
    )
