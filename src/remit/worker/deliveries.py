"""Webhook delivery: lease due deliveries, send them, record each attempt.

- **Claim** (one short transaction): the oldest pending delivery of each enabled endpoint
  that is due and not leased, `FOR UPDATE SKIP LOCKED` so concurrent workers take different
  rows, is leased to this worker (`leased_until`). Only an endpoint's oldest pending delivery
  is eligible, so an event never overtakes an earlier one to the same endpoint.
- **Send** (no transaction open): signed POST with a timeout.
- **Record** (one short transaction): the attempt row; the delivery succeeded, failed for
  good, or is due again after a backoff; the endpoint's failure streak, and disabling it
  after three days of failures.

A worker that dies between claim and record loses nothing: its lease runs out and another
worker sends the delivery again (at least once; receivers dedupe by `webhook-id`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import aliased

from remit import __version__
from remit.api.runtime import Runtime
from remit.context import Context, utc_now
from remit.events import service as events
from remit.events.models import Event
from remit.kernel.crypto import Unsealable
from remit.kernel.ids import new_id
from remit.webhooks import schedule, ssrf
from remit.webhooks.formats import SigningKeysMissing, format_of, render_body
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from remit.webhooks.schemas import WebhookEndpointOut

log = logging.getLogger("remit.worker")

Delivery, Endpoint = WebhookDelivery, WebhookEndpoint


@dataclass(frozen=True)
class Job:
    account_id: str
    delivery_id: str
    event_id: str
    url: str
    format: str
    keys: tuple[str, ...]  # what the format signs with; empty when `key_error` says why
    body: str
    key_error: str | None = None


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None
    latency_ms: int
    error: str | None


def lease_length(runtime: Runtime) -> timedelta:
    """Long enough for one attempt and its recording; a dead worker's lease ends after it."""
    return timedelta(seconds=runtime.settings.webhook_timeout_seconds * 2 + 5)


async def claim(
    runtime: Runtime, worker_id: str, limit: int, delivery_id: str | None = None
) -> list[Job]:
    """Lease up to `limit` due deliveries (or exactly `delivery_id`, whatever the order)."""
    async with runtime.db.write() as session:
        now = utc_now()
        statement = select(Delivery).where(
            Delivery.status == "pending",
            or_(Delivery.leased_until.is_(None), Delivery.leased_until < now),
        )
        if delivery_id is None:
            statement = statement.where(
                Delivery.next_attempt_at <= now,
                tuple_(Delivery.account_id, Delivery.id).in_(_oldest_per_endpoint()),
            )
        else:
            statement = statement.join(
                Endpoint,
                and_(Endpoint.account_id == Delivery.account_id,
                     Endpoint.id == Delivery.endpoint_id),
            ).where(Delivery.id == delivery_id, *_enabled())  # fmt: skip
        statement = statement.order_by(Delivery.next_attempt_at).limit(limit)
        found = list(
            await session.scalars(statement.with_for_update(of=Delivery, skip_locked=True))
        )
        for delivery in found:
            delivery.leased_until, delivery.lease_owner = now + lease_length(runtime), worker_id
        return await _jobs(session, runtime.secrets, found)


def _enabled():  # type: ignore[no-untyped-def]
    return Endpoint.enabled.is_(True), Endpoint.deleted_at.is_(None)


def _oldest_per_endpoint():  # type: ignore[no-untyped-def]
    """Each enabled endpoint's oldest pending delivery, the only one it may be sent next.
    Found from the endpoints, one index probe each, so a claim costs the same however long
    the backlog; asking each pending delivery whether an older one exists visited the whole
    backlog on every claim (docs/performance.md)."""
    older = aliased(Delivery)
    oldest = (
        select(func.min(older.id))
        .where(older.account_id == Endpoint.account_id, older.endpoint_id == Endpoint.id,
               older.status == "pending")
        .scalar_subquery()
    )  # fmt: skip
    return select(Endpoint.account_id, oldest).where(*_enabled())


async def _jobs(session, secrets, deliveries: list[WebhookDelivery]) -> list[Job]:  # type: ignore[no-untyped-def]
    if not deliveries:
        return []
    endpoint_keys = {(d.account_id, d.endpoint_id) for d in deliveries}
    event_keys = {(d.account_id, d.event_id) for d in deliveries}
    endpoints = {
        (e.account_id, e.id): e
        for e in await session.scalars(
            select(Endpoint).where(tuple_(Endpoint.account_id, Endpoint.id).in_(endpoint_keys))
        )
    }
    found_events = {
        (e.account_id, e.id): e
        for e in await session.scalars(
            select(Event).where(tuple_(Event.account_id, Event.id).in_(event_keys))
        )
    }
    now = utc_now()
    jobs = []
    for delivery in deliveries:
        endpoint = endpoints[(delivery.account_id, delivery.endpoint_id)]
        style = format_of(endpoint.format)
        keys, key_error = (), None
        try:
            keys = await style.signing_keys(session, secrets, endpoint, now)
        except Unsealable:
            key_error = "the signing secret cannot be read (was REMIT_SECRET_KEY changed?)"
        except SigningKeysMissing as exc:
            key_error = str(exc)
        item = found_events[(delivery.account_id, delivery.event_id)]
        jobs.append(
            Job(
                delivery.account_id,
                delivery.id,
                item.id,
                endpoint.url,
                endpoint.format,
                keys,
                render_body(style, item, keys),
                key_error,
            )
        )
    return jobs


async def send(http: httpx.AsyncClient, runtime: Runtime, job: Job) -> Outcome:
    started = time.monotonic()
    status_code, error = None, None
    try:
        if job.key_error is not None:
            raise SigningKeysMissing(job.key_error)
        await ssrf.check(job.url, allow_private=runtime.settings.webhook_allow_private)
        signed = format_of(job.format).headers(job.keys, job.event_id, utc_now(), job.body, job.url)
        headers = {
            **signed,
            "content-type": "application/json",
            "user-agent": f"remit-webhooks/{__version__}",
        }
        response = await http.post(
            job.url,
            content=job.body.encode(),
            headers=headers,
            timeout=runtime.settings.webhook_timeout_seconds,
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}: {response.text[:200]}"
    except ssrf.UrlNotAllowed as exc:
        error = f"URL not allowed: {exc}"
    except SigningKeysMissing as exc:
        error = str(exc)
    except httpx.TimeoutException:
        error = f"timed out after {runtime.settings.webhook_timeout_seconds:g} s"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    latency = int((time.monotonic() - started) * 1000)
    return Outcome(error is None, status_code, latency, error)


async def record(runtime: Runtime, job: Job, outcome: Outcome, worker_id: str) -> None:
    async with runtime.db.write() as session:
        ctx = runtime.context(session, job.account_id, "worker")
        delivery = await session.scalar(
            select(Delivery)
            .where(Delivery.account_id == job.account_id, Delivery.id == job.delivery_id)
            .with_for_update()
        )
        if delivery is None:
            return
        endpoint = await session.scalar(
            select(Endpoint)
            .where(Endpoint.account_id == job.account_id, Endpoint.id == delivery.endpoint_id)
            .with_for_update()
        )
        next_at = None if outcome.ok else _next_attempt(runtime, delivery, ctx.now)
        session.add(_attempt(ctx, delivery, outcome, next_at, worker_id))
        if delivery.lease_owner == worker_id and delivery.status == "pending":
            _settle(delivery, outcome, next_at, ctx.now)
        if endpoint is not None:
            await _track_endpoint(ctx, runtime, endpoint, outcome)


def _next_attempt(runtime: Runtime, delivery: WebhookDelivery, now: datetime) -> datetime | None:
    settings = runtime.settings
    return schedule.next_attempt(
        delivery.attempt_count + 1,
        now,
        delivery.created_at,
        timedelta(seconds=settings.webhook_retry_base_seconds),
        timedelta(seconds=settings.webhook_retry_window_seconds),
    )


def _attempt(
    ctx: Context,
    delivery: WebhookDelivery,
    outcome: Outcome,
    next_at: datetime | None,
    worker_id: str,
) -> WebhookAttempt:
    return WebhookAttempt(
        account_id=delivery.account_id, id=new_id("wha", ctx.now), delivery_id=delivery.id,
        attempted_at=ctx.now, status_code=outcome.status_code, latency_ms=outcome.latency_ms,
        error=outcome.error, next_attempt_at=next_at, worker=worker_id,
    )  # fmt: skip


def _settle(
    delivery: WebhookDelivery, outcome: Outcome, next_at: datetime | None, now: datetime
) -> None:
    delivery.attempt_count += 1
    delivery.leased_until = delivery.lease_owner = None
    delivery.updated_at = now
    if outcome.ok:
        delivery.status, delivery.delivered_at = "succeeded", now
    elif next_at is None:
        delivery.status = "failed"  # given up: the window is over
    else:
        delivery.next_attempt_at = next_at


async def _track_endpoint(
    ctx: Context, runtime: Runtime, endpoint: WebhookEndpoint, outcome: Outcome
) -> None:
    """Keep the failure streak; after a whole window of failures, disable the endpoint."""
    if outcome.ok:
        endpoint.failing_since = None
        return
    endpoint.failing_since = endpoint.failing_since or ctx.now
    window = timedelta(seconds=runtime.settings.webhook_retry_window_seconds)
    if endpoint.enabled and ctx.now - endpoint.failing_since >= window:
        endpoint.enabled, endpoint.updated_at = False, ctx.now
        endpoint.disabled_reason = f"every delivery failed for {window}"
        await ctx.session.flush()  # disabled before its own event is fanned out
        events.record(ctx, "webhook_endpoint.disabled", WebhookEndpointOut.of(endpoint))
        log.warning("disabled webhook endpoint %s after %s of failures", endpoint.id, window)
