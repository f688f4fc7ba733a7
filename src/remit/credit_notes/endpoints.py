"""`/v1/credit_notes`: thin handlers — parse, call the service, present."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.errors import from_pydantic
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.credit_notes import service
from remit.credit_notes.models import CreditNote
from remit.credit_notes.repository import CreditNoteFilters
from remit.credit_notes.schemas import CreditNoteCreate, CreditNoteOut
from remit.invoices.filters import Range
from remit.kernel import jsonio
from remit.kernel.fields import Timestamp
from remit.kernel.pagination import PageRequest
from remit.kernel.problems import FieldError, ValidationFailed
from remit.refunds import flow as refunds

router = APIRouter(prefix="/v1/credit_notes", tags=["credit notes"], route_class=RemitRoute)


def _present(note: CreditNote, ctx: Context) -> CreditNoteOut:
    return CreditNoteOut.of(note, ctx.links)


def created_range(
    gte: Timestamp | None = Query(None, alias="created[gte]"),
    gt: Timestamp | None = Query(None, alias="created[gt]"),
    lte: Timestamp | None = Query(None, alias="created[lte]"),
    lt: Timestamp | None = Query(None, alias="created[lt]"),
) -> Range:
    return Range(gte, gt, lte, lt)


def credit_note_filters(
    invoice: str | None = Query(None, max_length=64),
    customer: str | None = Query(None, max_length=64),
    created: Range = Depends(created_range),
) -> CreditNoteFilters:
    return CreditNoteFilters(invoice, customer, created)


@router.post("", status_code=201, response_model=CreditNoteOut)
async def create_credit_note(
    body: CreditNoteCreate, request: Request, principal: Principal = require("credit_notes:write")
) -> Response:
    """Issue a credit note for an open, past-due or paid invoice. Its refunds are asked of
    their processor once the note is committed; a refund whose processor does not answer
    stays pending and a worker asks again."""
    processors = runtime_of(request).processors
    begun: list[str] = []

    async def issue(ctx: Context) -> CreditNote:
        note = await service.issue_credit_note(ctx, processors, body)
        begun.extend(note.refund_ids)
        return note

    response = await operations.write(request, principal, issue, _present, status_code=201)
    if begun:  # committed: the processors are asked with no transaction open
        await refunds.send(processors, lambda: operations.transaction(request, principal), begun)
    return response


@router.get("", response_model=ListOut[CreditNoteOut])
async def list_credit_notes(
    request: Request,
    principal: Principal = require("credit_notes:read"),
    page: PageRequest = Depends(page_params("cn")),
    filters: CreditNoteFilters = Depends(credit_note_filters),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: service.list_credit_notes(ctx, page, filters),
        lambda found, ctx: ListOut[CreditNoteOut].of(
            found, lambda note: CreditNoteOut.of(note, ctx.links)
        ),
    )


_JSON_PARAMS = ("lines", "metadata")


def preview_body(
    invoice: str | None = Query(None, max_length=64),
    lines: str | None = Query(None, description="The lines, as JSON text (as in the POST)."),
    amount: str | None = Query(None, max_length=64),
    reason: str | None = Query(None, max_length=32),
    memo: str | None = Query(None, max_length=5000),
    refund_amount: str | None = Query(None, max_length=64),
    credit_amount: str | None = Query(None, max_length=64),
    out_of_band_amount: str | None = Query(None, max_length=64),
    metadata: str | None = Query(None, description="Metadata, as JSON text."),
) -> CreditNoteCreate:
    """The parameters of `POST /v1/credit_notes` as query parameters (`lines` and `metadata`
    as JSON text), checked as the POST checks its body."""
    given: dict[str, Any] = {
        name: value
        for name, value in (
            ("invoice", invoice), ("lines", lines), ("amount", amount), ("reason", reason),
            ("memo", memo), ("refund_amount", refund_amount), ("credit_amount", credit_amount),
            ("out_of_band_amount", out_of_band_amount), ("metadata", metadata),
        )
        if value is not None
    }  # fmt: skip
    errors = []
    for name in _JSON_PARAMS:
        if name in given:
            try:
                given[name] = jsonio.loads(given[name])
            except jsonio.Undecodable as exc:
                errors.append(FieldError(name, f"must be JSON text: {exc}", "invalid_json"))
    if errors:
        raise ValidationFailed("Invalid preview parameters.", errors=errors)
    try:
        return CreditNoteCreate.model_validate(given)
    except ValidationError as exc:
        raise from_pydantic(exc) from None


@router.get("/preview", response_model=CreditNoteOut)
async def preview_credit_note(
    request: Request,
    principal: Principal = require("credit_notes:read"),
    body: CreditNoteCreate = Depends(preview_body),
) -> Response:
    """The credit note the same parameters would issue now, without issuing it: nothing is
    written and no number is taken (`id` and `number` are null)."""
    return await operations.read(
        request, principal, lambda ctx: service.preview_credit_note(ctx, body), _present
    )


@router.get("/{credit_note_id}", response_model=CreditNoteOut)
async def get_credit_note(
    credit_note_id: str, request: Request, principal: Principal = require("credit_notes:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: service.get_credit_note(ctx, credit_note_id), _present
    )


@router.post("/{credit_note_id}/void", response_model=CreditNoteOut)
async def void_credit_note(
    credit_note_id: str, request: Request, principal: Principal = require("credit_notes:write")
) -> Response:
    """Void a credit note: its effect on the invoice and the customer's balance is reversed;
    its number stays used."""
    return await operations.write(
        request, principal, lambda ctx: service.void_credit_note(ctx, credit_note_id), _present
    )
