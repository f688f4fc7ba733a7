"""`GET /v1/account` and `PATCH /v1/account`: the calling key's own account."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from remit.accounts import service
from remit.accounts.schemas import AccountOut, AccountUpdate
from remit.api import operations
from remit.api.auth import require
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal

router = APIRouter(prefix="/v1/account", tags=["account"], route_class=RemitRoute)


def _present(view: service.AccountView, _ctx: object) -> AccountOut:
    return AccountOut.of(view.account, view.next_number, view.livemode)


@router.get("", response_model=AccountOut)
async def get_account(request: Request, principal: Principal = require("account:read")) -> Response:
    return await operations.read(request, principal, service.view_account, _present)


@router.patch("", response_model=AccountOut)
async def update_account(
    body: AccountUpdate, request: Request, principal: Principal = require("account:write")
) -> Response:
    return await operations.write(
        request, principal, lambda ctx: service.update_account(ctx, body), _present
    )
