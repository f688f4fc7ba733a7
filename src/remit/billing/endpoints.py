"""`PATCH /v1/subscriptions/{id}` (a change, prorated), `POST /v1/subscriptions/{id}/cancel`
(what canceling now leaves, billed) and `GET /v1/subscriptions/{id}/upcoming_invoice` (the
billing run's next invoice, previewed)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from remit.api import operations
from remit.api.auth import require
from remit.api.errors import field_errors
from remit.api.routing import RemitRoute
from remit.api_keys.service import Principal
from remit.billing import cancel, changes
from remit.context import Context
from remit.invoices.models import Invoice
from remit.invoices.schemas import InvoiceOut
from remit.kernel.problems import FieldError, validation_problem
from remit.subscriptions.models import Subscription
from remit.subscriptions.schemas import (
    CancelIn,
    ItemChangeIn,
    SubscriptionOut,
    SubscriptionUpdate,
)

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"], route_class=RemitRoute)

# `items[0][plan]=plan_…&items[0][quantity]=5`: Stripe's form encoding of a list of objects.
_ITEM_PARAM = re.compile(r"items\[(?P<n>[0-9]{1,2})\]\[(?P<field>id|plan|quantity|deleted)\]")
_BOOLEANS = {"true": True, "false": False}


def _present(subscription: Subscription, _ctx: Context) -> SubscriptionOut:
    return SubscriptionOut.of(subscription)


def _present_invoice(invoice: Invoice, ctx: Context) -> InvoiceOut:
    return InvoiceOut.of(invoice, ctx.links)


@router.patch("/{subscription_id}", response_model=SubscriptionOut)
async def update_subscription(
    subscription_id: str,
    body: SubscriptionUpdate,
    request: Request,
    principal: Principal = require("subscriptions:write"),
) -> Response:
    """Change items (`{id, quantity}`, `{id, plan}`, `{id, deleted: true}`, or `{plan,
    quantity}` to add one), prorated as `proration_behavior` says; and
    `cancel_at_period_end`, `metadata`. 409 `subscription_not_updatable` unless the
    subscription is active, past_due or trialing; 400 `subscription_items_mismatch`,
    `subscription_items_empty` or `subscription_item_metered` for items it cannot bill."""
    return await operations.write(
        request,
        principal,
        lambda ctx: changes.update_subscription(ctx, subscription_id, body),
        _present,
    )


@router.post("/{subscription_id}/cancel", response_model=SubscriptionOut)
async def cancel_subscription(
    subscription_id: str,
    request: Request,
    body: CancelIn | None = None,
    principal: Principal = require("subscriptions:write"),
) -> Response:
    """Now, or with `at_period_end: true` when the current period ends. Now, `prorate: true`
    credits the unused time of the period paid in advance as pending invoice items, and the
    metered usage not billed yet is invoiced at once. 409 `subscription_canceled` if it is."""
    options = body or CancelIn()
    return await operations.write(
        request,
        principal,
        lambda ctx: cancel.cancel_subscription(
            ctx, subscription_id, at_period_end=options.at_period_end, prorate=options.prorate
        ),
        _present,
    )


@router.get("/{subscription_id}/upcoming_invoice", response_model=InvoiceOut)
async def upcoming_invoice(
    subscription_id: str, request: Request, principal: Principal = require("subscriptions:read")
) -> Response:
    """The next invoice the billing run will make, as it would be now (never stored). With
    `items[n][id|plan|quantity|deleted]`, as if that change were made now (prorated). 409
    `invoice_upcoming_none` when the run bills no further period."""
    proposed = proposed_items(request.query_params)
    return await operations.read(
        request,
        principal,
        lambda ctx: changes.upcoming_invoice(ctx, subscription_id, proposed),
        _present_invoice,
    )


def proposed_items(query: QueryParams) -> list[ItemChangeIn] | None:
    """The `items[n][field]` query parameters as the items of a change (None without any),
    or the 400 naming each bad one."""
    found: dict[int, dict[str, Any]] = {}
    errors: list[FieldError] = []
    for name, value in query.multi_items():
        if not name.startswith("items"):
            continue
        match = _ITEM_PARAM.fullmatch(name)
        if match is None:
            message = "must be items[<n>][id|plan|quantity|deleted]"
            errors.append(FieldError(name, message, "unknown_parameter"))
            continue
        found.setdefault(int(match["n"]), {})[match["field"]] = _typed(match["field"], value)
    if not errors and sorted(found) != list(range(len(found))):
        errors.append(FieldError("items", "must be numbered from 0, without gaps", "invalid"))
    if errors:
        raise validation_problem(errors)
    if not found:
        return None
    try:
        update = SubscriptionUpdate.model_validate({"items": [found[n] for n in sorted(found)]})
    except ValidationError as exc:
        raise validation_problem(field_errors(exc.errors())) from None
    return update.items


def _typed(field: str, value: str) -> Any:
    """A query value as the JSON body would carry it (what is not one stays text, and is
    refused by the item's validation)."""
    if field == "quantity" and value.isascii() and value.isdigit():
        return int(value)
    if field == "deleted":
        return _BOOLEANS.get(value, value)
    return value
