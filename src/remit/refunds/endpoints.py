"""`/v1/refunds`: refund a settlement through the refund flow; read and list refunds."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import timedelta

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.lists import ListOut, page_params
from remit.api.routing import RemitRoute
from remit.api.runtime import runtime_of
from remit.api_keys.service import Principal
from remit.context import Context
from remit.idempotency import service as idempotency
from remit.kernel.pagination import PageRequest
from remit.refunds import flow, service
from remit.refunds.models import Refund
from remit.refunds.repository import RefundRepository
from remit.refunds.schemas import RefundCreate, RefundOut

router = APIRouter(prefix="/v1/refunds", tags=["refunds"], route_class=RemitRoute)
BEGUN = "remit:refund-begun:"  # idempotency records of the refunds begun under a key


def _present(refund: Refund, _ctx: Context) -> RefundOut:
    return RefundOut.of(refund)


@router.post("", status_code=201, response_model=RefundOut)
async def create_refund(
    body: RefundCreate, request: Request, principal: Principal = require("refunds:write")
) -> Response:
    """Refund a confirmed settlement, whole (by default) or in part. The answer is the refund
    once its processor answered: `succeeded`, `failed` (with `failure_code`), or `pending` (a
    worker asks again). A settlement recorded by hand was paid outside remit; its refund,
    made outside remit too, is recorded `succeeded` at once."""
    replay = await operations.stored_response(request, principal)
    if replay is not None:
        return replay
    runtime = runtime_of(request)
    keyed = await operations.NATIVE.key_of(request)
    retention = timedelta(hours=runtime.settings.idempotency_retention_hours)

    async def begin(ctx: Context) -> Refund:
        return await _begun_once(ctx, keyed, retention, lambda: service.begin(
            ctx, runtime.processors, body.settlement, body.amount, reason=body.reason,
            description=body.description, metadata=body.metadata,
        ))  # fmt: skip

    async def last(step: flow.Step) -> Response:
        async def the_refund(ctx: Context) -> Refund:
            return (await step(ctx))[0]

        return await operations.write(request, principal, the_refund, _present, status_code=201)

    def first() -> AbstractAsyncContextManager[Context]:
        return operations.transaction(request, principal)

    return await flow.refund(runtime.processors, first, last, begin)


async def _begun_once(
    ctx: Context,
    keyed: tuple[str, str] | None,
    retention: timedelta,
    begin: Callable[[], Awaitable[Refund]],
) -> Refund:
    """The refund an earlier request with this Idempotency-Key began, if its last step never
    committed (a crash, a lost connection; the key's own record is written with the final
    answer), else a new one: a retry finishes the first refund instead of making a second."""
    if keyed is None:
        return await begin()
    key, fingerprint = BEGUN + hashlib.sha256(keyed[0].encode()).hexdigest(), keyed[1]
    earlier = await idempotency.claim(ctx, key, fingerprint, retention)
    if earlier is not None:
        return await service.get_refund(ctx, earlier.body.decode())
    refund = await begin()
    idempotency.remember(ctx, key, fingerprint, idempotency.StoredResponse(201, refund.id.encode()))
    return refund


@router.get("", response_model=ListOut[RefundOut])
async def list_refunds(
    request: Request,
    principal: Principal = require("refunds:read"),
    page: PageRequest = Depends(page_params("re")),
    settlement: str | None = Query(None, max_length=64, description="Refunds of a settlement."),
    invoice: str | None = Query(None, max_length=64, description="Refunds of an invoice."),
) -> Response:
    return await operations.read(
        request,
        principal,
        lambda ctx: RefundRepository(ctx).list(page, settlement_id=settlement, invoice_id=invoice),
        lambda found, _: ListOut[RefundOut].of(found, RefundOut.of),
    )


@router.get("/{refund_id}", response_model=RefundOut)
async def get_refund(
    refund_id: str, request: Request, principal: Principal = require("refunds:read")
) -> Response:
    return await operations.read(
        request, principal, lambda ctx: RefundRepository(ctx).get(refund_id), _present
    )
