"""The repositories of what can live on a test clock (customers, subscriptions, invoices).

Every write to such an object starts with a locked read, and a locked read of an object on a
clock puts the transaction on the clock's time (`service.enter`). So the one rule — a clock's
objects change at the clock's time — holds on every path that changes them: the API's, the
dialects' and the worker's alike."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Protocol, TypeVar

from sqlalchemy.orm import Mapped

from remit.clocks.service import enter
from remit.db.repository import TenantModel, TenantRepository


class Clocked(TenantModel, Protocol):
    test_clock_id: ClassVar[Mapped[str | None]]


C = TypeVar("C", bound=Clocked)


class OnClock(TenantRepository[C]):
    async def find(self, object_id: str, *, lock: bool = False) -> C | None:
        found = await super().find(object_id, lock=lock)
        if lock and found is not None:
            await enter(self.ctx, found.test_clock_id)
        return found

    async def read_ahead(self, object_ids: Iterable[str], *, lock: bool = False) -> list[C]:
        found = await super().read_ahead(object_ids, lock=lock)
        if lock:
            for obj in found:
                await enter(self.ctx, obj.test_clock_id)
        return found
