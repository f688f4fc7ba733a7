"""Record events. Called by every service in the transaction of its change (the outbox)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from remit.context import Context
from remit.events.models import Event
from remit.kernel.ids import id_time


def record(
    ctx: Context, event_type: str, snapshot: BaseModel, details: dict[str, Any] | None = None
) -> Event:
    """Write `event_type` with the object as it is now; it commits (or not) with the change.
    `details` say more about the change than the object does (they appear beside it)."""
    data: dict[str, Any] = snapshot.model_dump(mode="json")
    event_id = ctx.log_id("evt")
    event = Event(
        account_id=ctx.account_id,
        livemode=ctx.livemode,
        id=event_id,
        type=event_type,
        object_type=data["object"],
        object_id=data["id"],
        data=data,
        details=details,
        actor=ctx.actor,
        request_id=ctx.request_id,
        created_at=id_time(event_id),
    )
    ctx.session.add(event)
    return event
