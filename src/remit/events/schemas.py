"""How an event reads in the API (and, later, in webhook bodies)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from remit.events.models import Event
from remit.kernel.fields import OutTimestamp


class EventData(BaseModel):
    """`object`, and for some types more about the change (`final` on invoice.payment_failed)."""

    model_config = ConfigDict(extra="allow")

    object: dict[str, Any]


class EventOut(BaseModel):
    object: Literal["event"] = "event"
    id: str
    livemode: bool
    type: str
    created_at: OutTimestamp
    data: EventData
    related_object: dict[str, str]
    actor: str
    request_id: str | None

    @classmethod
    def of(cls, event: Event) -> EventOut:
        return cls(
            id=event.id,
            livemode=event.livemode,
            type=event.type,
            created_at=event.created_at,
            data=EventData(object=event.data, **(event.details or {})),
            related_object={"id": event.object_id, "type": event.object_type},
            actor=event.actor,
            request_id=event.request_id,
        )
