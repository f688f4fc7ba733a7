"""The outbox: every event gets one delivery row per subscribed endpoint, in the event's own
transaction (SPEC §7). `install()` puts the hooks on remit's session class, once, when the
composition root (`remit.wiring`) builds the runtime: from then on no code path that records
an event — API, worker or CLI — can forget its webhooks.

After such a commit, workers are woken: by `NOTIFY remit_wakeup` on PostgreSQL (sent at
commit, never on rollback) and by the in-process callbacks of `Database.wakeups`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, bindparam, event, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from remit.db.base import WAKEUPS, RemitSession
from remit.db.engine import dialect_of
from remit.events.models import Event
from remit.kernel.ids import id_time, new_id
from remit.webhooks.formats import format_of
from remit.webhooks.models import WebhookDelivery, WebhookEndpoint

CHANNEL = "remit_wakeup"
PING = "ping"  # sent to one endpoint on request, never fanned out
_SUBSCRIBERS = "remit_subscribers"
_MADE_WORK = "remit_made_work"
# An enabled endpoint of an account, as the fan-out reads it: id, event patterns, format.
Subscriber = Row[str, list[str], str]


def subscribed(patterns: list[str], event_type: str) -> bool:
    return event_type != PING and ("*" in patterns or event_type in patterns)


def new_delivery(
    account_id: str, livemode: bool, endpoint_id: str, event_id: str, event_type: str
) -> WebhookDelivery:
    """A delivery of an event to an endpoint of its account and mode."""
    now = datetime.now(UTC)
    delivery_id = new_id("whd", now)
    created_at = id_time(delivery_id)
    return WebhookDelivery(
        account_id=account_id,
        id=delivery_id,
        livemode=livemode,
        endpoint_id=endpoint_id,
        event_id=event_id,
        event_type=event_type,
        status="pending",
        attempt_count=0,
        next_attempt_at=created_at,
        created_at=created_at,
        updated_at=created_at,
    )


def made_work(session: Session) -> None:
    """Mark the transaction as leaving deliveries to send (and notify PostgreSQL's workers)."""
    if session.info.get(_MADE_WORK):
        return
    session.info[_MADE_WORK] = True
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"NOTIFY {CHANNEL}")


async def schedule_work(session: AsyncSession) -> None:
    """`made_work` for async code: deliveries were made due outside an event (a retry)."""
    info = session.sync_session.info
    if info.get(_MADE_WORK):
        return
    info[_MADE_WORK] = True
    if dialect_of(session) == "postgresql":
        await session.execute(text(f"NOTIFY {CHANNEL}"))


def _subscribers(session: Session, account_id: str, livemode: bool) -> Sequence[Subscriber]:
    """The endpoints of an account's mode: a test event never reaches a live endpoint."""
    cache: dict[tuple[str, bool], Sequence[Subscriber]] = session.info.setdefault(_SUBSCRIBERS, {})
    if (account_id, livemode) not in cache:
        found = session.connection().execute(
            _SUBSCRIBED, {"account_id": account_id, "livemode": livemode}
        )
        cache[account_id, livemode] = found.all()
    return cache[account_id, livemode]


# Built once: every write that records an event asks it (docs/performance.md).
_SUBSCRIBED = select(WebhookEndpoint.id, WebhookEndpoint.events, WebhookEndpoint.format).where(
    WebhookEndpoint.account_id == bindparam("account_id"),
    WebhookEndpoint.livemode == bindparam("livemode"),
    WebhookEndpoint.enabled.is_(True),
    WebhookEndpoint.deleted_at.is_(None),
)


def _deliveries_for_new_events(session: Session, _context: Any, _instances: Any) -> None:
    new_events = sorted((o for o in session.new if isinstance(o, Event)), key=lambda e: e.id)
    for item in new_events:
        for endpoint_id, patterns, style in _subscribers(session, item.account_id, item.livemode):
            if subscribed(patterns, item.type) and format_of(style).carries(item.type):
                delivery = new_delivery(
                    item.account_id, item.livemode, endpoint_id, item.id, item.type
                )
                session.add(delivery)
                made_work(session)


def _wake_workers(session: Session) -> None:
    session.info.pop(_SUBSCRIBERS, None)
    if session.info.pop(_MADE_WORK, False):
        for wake in session.info.get(WAKEUPS, ()):
            wake()


def _forget(session: Session) -> None:
    session.info.pop(_SUBSCRIBERS, None)
    session.info.pop(_MADE_WORK, None)


_HOOKS = (
    ("before_flush", _deliveries_for_new_events),
    ("after_commit", _wake_workers),
    ("after_rollback", _forget),
)


def install() -> None:
    """Hook the outbox into every remit session (idempotent)."""
    for name, hook in _HOOKS:
        if not event.contains(RemitSession, name, hook):
            event.listen(RemitSession, name, hook)
