"""API key scopes (SPEC §2): `<resource>:read`, `<resource>:write`, or `*` for everything.

A `:write` scope includes the matching `:read`, as with Stripe's restricted keys.
"""

from __future__ import annotations

from remit.kernel.problems import FieldError, Forbidden

RESOURCES = (
    "account",
    "customers",
    "products",
    "plans",
    "subscriptions",
    "invoices",
    "credit_notes",
    "refunds",
    "events",
    "webhooks",
)
ALL = "*"
KNOWN: frozenset[str] = frozenset(
    {ALL} | {f"{resource}:{access}" for resource in RESOURCES for access in ("read", "write")}
)


class UnknownScope(ValueError):
    pass


def parse_scopes(text: str | list[str]) -> list[str]:
    """`"invoices:read, customers:read"` → a sorted, de-duplicated, checked list."""
    items = text.split(",") if isinstance(text, str) else text
    scopes = sorted({item.strip() for item in items if item.strip()})
    unknown = [scope for scope in scopes if scope not in KNOWN]
    if unknown or not scopes:
        raise UnknownScope(", ".join(unknown) or "no scope given")
    return scopes


def allows(granted: list[str] | tuple[str, ...], needed: str) -> bool:
    if ALL in granted or needed in granted:
        return True
    resource, _, access = needed.partition(":")
    return access == "read" and f"{resource}:write" in granted


def ensure(
    granted: list[str] | tuple[str, ...],
    needed: str,
    detail: str | None = None,
    *,
    param: str | None = None,
) -> None:
    """Refuse (403 `insufficient_scope`, naming the scope and, given one, the parameter that
    asked for it) unless `granted` allows `needed`."""
    if allows(granted, needed):
        return
    errors = [FieldError(param, f"needs the '{needed}' scope", Forbidden.code)] if param else None
    raise Forbidden(
        detail or f"This API key lacks the '{needed}' scope.", errors=errors, required_scope=needed
    )
