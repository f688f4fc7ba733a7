"""Whop's bearer key → a remit principal, and Whop's permissions → remit's scopes.

The key is a remit API key (`Authorization: Bearer rk_…`). Each route names the Whop
permissions its endpoint documents; a key must hold every remit scope they map to, or the
request is refused with Whop's 403 (401 without a valid key).
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends
from starlette.requests import Request

from remit.api.auth import authenticate, check_scope
from remit.api_keys.service import Principal

# Whop permission → the remit scopes it takes. Creating an invoice makes the product and plan
# Whop's body describes, and the customer named by an e-mail address, so it writes those too.
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "invoice:create": ("invoices:write", "plans:write", "customers:write"),
    "invoice:basic:read": ("invoices:read",),
    "invoice:update": ("invoices:write",),
    "plan:basic:read": ("plans:read",),
    "member:basic:read": ("customers:read",),
    "member:email:read": ("customers:read",),
    "payment:basic:read": ("customers:read",),
}

CREATE = ("invoice:create", "plan:basic:read")
READ = ("invoice:basic:read", "plan:basic:read")
UPDATE = ("invoice:update",)


def scopes_of(permissions: tuple[str, ...]) -> list[str]:
    return sorted({scope for permission in permissions for scope in PERMISSIONS[permission]})


async def authorize(request: Request, permissions: tuple[str, ...]) -> Principal:
    principal = await authenticate(request)
    for scope in scopes_of(permissions):
        check_scope(principal, scope)
    return principal


def permitted(*permissions: str) -> Any:
    async def dependency(request: Request) -> Principal:
        return await authorize(request, permissions)

    return Depends(dependency)
