"""Queries on `events`."""

from __future__ import annotations

from remit.db.repository import TenantRepository
from remit.events.models import Event
from remit.kernel.pagination import Page, PageRequest


class EventRepository(TenantRepository[Event]):
    model = Event
    kind = "event"

    async def list(
        self, request: PageRequest, *, event_type: str | None, related_object: str | None
    ) -> Page[Event]:
        statement = self.select()
        if event_type is not None:
            statement = statement.where(Event.type == event_type)
        if related_object is not None:
            statement = statement.where(Event.object_id == related_object)
        return await self.page(statement, request)
