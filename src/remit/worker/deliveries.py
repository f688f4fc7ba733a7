"""Webhook delivery: lease due deliveries, send them, record each attempt.

- **Claim** (one short transaction): the oldest pending delivery of each enabled endpoint
  that is due and not leased, `FOR UPDATE SKIP LOCKED` so concurrent workers take different
  rows, is leased to this worker (`leased_until`). Only an endpoint's oldest pending delivery
  is eligible, so an event never overtakes an earlier one to the same endpoint.
- **Send** (no transaction open): signed POST with a timeout, through aiohttp (a fifteenth
  of httpx's CPU per request under concurrency; docs/performance.md), to an address the
  SSRF guard has checked (`ssrf.GuardedResolver`: the only lookup of the receiver's name).
- **Record** (one short transaction for a batch of finished attempts, `worker.batches`):
  each attempt row; each delivery succeeded, failed for good, or is due again after a
  backoff, unless its lease was lost; each endpoint's failure streak, and disabling it after
  three days of failures. A batch of successes is three statements, whatever its size.

A `ping` (`remit webhooks test`) is sent once, for whoever asked to see it: it is not tried
again and does not count towards disabling the endpoint. A ping waiting for its retry would
be the endpoint's oldest pending delivery, and hold back every real event behind it.

A worker that dies between claim and record loses nothing: its lease runs out and another
worker sends the delivery again (at least once; receivers dedupe by `webhook-id`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, TypeVar

import aiohttp
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    Update,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from remit import __version__
from remit.config import Settings
from remit.context import Context, utc_now
from remit.db.repository import Keyed, TenantModel, keyed_clause
from remit.events import service as events
from remit.events.models import Event
from remit.kernel.caching import typed_cache
from remit.kernel.crypto import Unsealable
from remit.kernel.ids import new_id
from remit.kernel.secrets import Secrets
from remit.observability.metrics import DELIVERIES, WORKER_LAG
from remit.runtime import Runtime
from remit.webhooks import schedule, ssrf
from remit.webhooks.fanout import PING
from remit.webhooks.formats import EventView, SigningKeysMissing, format_of, signing_keys
from remit.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from remit.webhooks.schemas import WebhookEndpointOut

log = logging.getLogger("remit.worker")

Delivery, Endpoint = WebhookDelivery, WebhookEndpoint
M = TypeVar("M", bound=TenantModel)
ERROR_BODY_CHARS = 200  # of a refusing public receiver's answer, kept with the attempt
_WITHOUT_FLUSH_WAIT = text("SET LOCAL synchronous_commit = off")


@dataclass(frozen=True)
class Job:
    account_id: str
    livemode: bool
    delivery_id: str
    endpoint_id: str
    event_id: str
    event_type: str
    url: str
    format: str
    keys: tuple[str, ...]  # what the format signs with; empty when `key_error` says why
    body: str
    attempt_count: int  # attempts before this one (the lease keeps it so until recorded)
    created_at: datetime  # of the delivery: the retry window runs from it
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
    """Lease up to `limit` due deliveries (or exactly `delivery_id`, whatever the order).

    On PostgreSQL the lease commits without waiting for its WAL flush: a lease lost in a
    database crash only lets the delivery be claimed again, which at-least-once allows."""
    async with runtime.db.write() as session:
        if not runtime.db.is_sqlite:
            await session.execute(_WITHOUT_FLUSH_WAIT)
        now = utc_now()
        if delivery_id is None:
            statement, params = _due(), {"now": now, "room": limit}
        else:
            statement, params = _one(), {"now": now, "delivery_id": delivery_id}
        found = list(await session.scalars(statement, params))
        for due in found:
            WORKER_LAG.observe(max((now - (due.next_attempt_at or now)).total_seconds(), 0))
        if found:  # one UPDATE for the whole lease
            keys = Keyed((d.account_id, d.id) for d in found)
            lease = {"until": now + lease_length(runtime), "owner": worker_id}
            await session.execute(_lease(keys.accounts), keys.params | lease)
        return await _jobs(session, runtime.secrets, found)


def _now() -> BindParameter[datetime]:
    return bindparam("now", type_=Delivery.leased_until.type)


def _claimable() -> Select[WebhookDelivery]:
    lease_free = or_(Delivery.leased_until.is_(None), Delivery.leased_until < _now())
    return select(Delivery).where(Delivery.status == "pending", lease_free)


@cache
def _due() -> Select[WebhookDelivery]:
    """Due deliveries that are their endpoint's oldest pending one, oldest due first (built
    once: composing it again for every claim cost as much CPU as running it)."""
    return (
        _claimable()
        .where(
            Delivery.next_attempt_at <= _now(),
            tuple_(Delivery.account_id, Delivery.id).in_(_oldest_per_endpoint()),
        )
        .order_by(Delivery.next_attempt_at)
        .limit(bindparam("room", type_=Integer))
        .with_for_update(of=Delivery, skip_locked=True)
    )


@cache
def _one() -> Select[WebhookDelivery]:
    """One delivery by id, due or not, if its endpoint is enabled (`remit webhooks test`)."""
    endpoint = and_(Endpoint.account_id == Delivery.account_id, Endpoint.id == Delivery.endpoint_id)
    return (
        _claimable()
        .join(Endpoint, endpoint)
        .where(Delivery.id == bindparam("delivery_id"), *_enabled())
        .with_for_update(of=Delivery, skip_locked=True)
    )


@cache
def _lease(accounts: int) -> Update:
    return (
        update(Delivery)
        .where(keyed_clause(Delivery, accounts))
        .values(leased_until=bindparam("until"), lease_owner=bindparam("owner"))
        .execution_options(synchronize_session=False)
    )


def _enabled() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return Endpoint.enabled.is_(True), Endpoint.deleted_at.is_(None)


def _oldest_per_endpoint() -> Select[str, str | None]:
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


@typed_cache
def _by_keys(model: type[M], accounts: int, *, locked: bool = False) -> Select[M]:
    statement = select(model).where(keyed_clause(model, accounts))
    if locked:  # in key order, so that concurrent workers cannot deadlock
        statement = statement.order_by(model.account_id, model.id).with_for_update()
    return statement


async def _rows(
    session: AsyncSession, model: type[M], keys: Keyed, *, locked: bool = False
) -> dict[tuple[str, str], M]:
    found = await session.scalars(_by_keys(model, keys.accounts, locked=locked), keys.params)
    return {(row.account_id, row.id): row for row in found}


async def _jobs(
    session: AsyncSession, secrets: Secrets, deliveries: list[WebhookDelivery]
) -> list[Job]:
    if not deliveries:
        return []
    endpoints = await _rows(
        session, Endpoint, Keyed((d.account_id, d.endpoint_id) for d in deliveries)
    )
    found_events = await _rows(
        session, Event, Keyed((d.account_id, d.event_id) for d in deliveries)
    )
    now = utc_now()
    jobs = []
    for delivery in deliveries:
        endpoint = endpoints[(delivery.account_id, delivery.endpoint_id)]
        style = format_of(endpoint.format)
        keys: tuple[str, ...] = ()
        key_error = None
        try:
            keys = await signing_keys(session, secrets, endpoint, style.keys, now)
        except Unsealable:
            key_error = "the signing secret cannot be read (was REMIT_SECRET_KEY changed?)"
        except SigningKeysMissing as exc:
            key_error = str(exc)
        item = found_events[(delivery.account_id, delivery.event_id)]
        jobs.append(
            Job(
                delivery.account_id, delivery.livemode, delivery.id, delivery.endpoint_id, item.id,
                delivery.event_type, endpoint.url, endpoint.format, keys,
                style.body(EventView.of(item), keys), delivery.attempt_count, delivery.created_at,
                key_error,
            )
        )  # fmt: skip
    return jobs


def http_client(settings: Settings) -> aiohttp.ClientSession:
    """The worker's HTTP client: keep-alive connections up to the worker's concurrency, no
    cookies kept between receivers, no proxy from the environment (which would connect
    where the guard never looked), names resolved only through the SSRF guard."""
    resolver = ssrf.GuardedResolver(allow_private=settings.webhook_allow_private)
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=settings.worker_concurrency, resolver=resolver),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=settings.webhook_timeout_seconds),
    )


async def send(http: aiohttp.ClientSession, runtime: Runtime, job: Job) -> Outcome:
    started = time.monotonic()
    status_code, error = None, None
    timeout = runtime.settings.webhook_timeout_seconds
    try:
        if job.key_error is not None:
            raise SigningKeysMissing(job.key_error)
        ssrf.check_literal(job.url, allow_private=runtime.settings.webhook_allow_private)
        signed = format_of(job.format).headers(job.keys, job.event_id, utc_now(), job.body, job.url)
        headers = {
            **signed,
            "content-type": "application/json",
            "user-agent": f"remit-webhooks/{__version__}",
        }
        async with http.post(
            job.url, data=job.body.encode(), headers=headers, allow_redirects=False
        ) as response:
            status_code = response.status
            # Read (a bounded part of) every answer, so the connection can be used again.
            answer = await response.content.read(ERROR_BODY_CHARS * 4)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}{_excerpt(runtime, answer)}"
    except ssrf.UrlNotAllowed as exc:
        error = f"URL not allowed: {exc}"
    except SigningKeysMissing as exc:
        error = str(exc)
    except TimeoutError:
        error = f"timed out after {timeout:g} s"
    except aiohttp.ClientError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    latency = int((time.monotonic() - started) * 1000)
    return Outcome(error is None, status_code, latency, error)


def _excerpt(runtime: Runtime, answer: bytes) -> str:
    """The start of a refusing receiver's answer, kept with the attempt where the account can
    read it: only while the guard holds, when the receiver is known to be at a public address.
    With `REMIT_WEBHOOK_ALLOW_PRIVATE` it may be an internal service, whose answers are not
    the account's to read (which address answered cannot be asked: aiohttp has already handed
    the connection back to its pool)."""
    if runtime.settings.webhook_allow_private:
        return " (its answer is not kept while private addresses are allowed)"
    return f": {answer.decode(errors='replace')[:ERROR_BODY_CHARS]}"


async def record(runtime: Runtime, results: Sequence[tuple[Job, Outcome]], worker_id: str) -> None:
    """Record finished attempts, all in one transaction: the attempts in one INSERT, the
    deliveries in one UPDATE (each only if this worker still holds its lease: a lost lease
    means another worker has taken the delivery over), then the endpoints' failure streaks."""
    async with runtime.db.write() as session:
        now = utc_now()
        attempts, settled = [], []
        for job, outcome in results:
            next_at = None if outcome.ok else _next_attempt(runtime, job, now)
            attempts.append(_attempt(job, outcome, next_at, worker_id, now))
            settled.append(_settled(job, outcome, next_at, worker_id, now))
        await session.execute(insert(WebhookAttempt.__table__), attempts)
        await session.execute(_settle(), settled)
        await _track_endpoints(runtime, session, results)
    for row in settled:  # committed
        DELIVERIES.labels(OUTCOMES[row["new_status"]]).inc()


OUTCOMES = {"succeeded": "succeeded", "pending": "retrying", "failed": "failed"}


def _next_attempt(runtime: Runtime, job: Job, now: datetime) -> datetime | None:
    if job.event_type == PING:  # sent once: a ping waiting to be retried holds back events
        return None
    settings = runtime.settings
    return schedule.next_attempt(
        job.attempt_count + 1,
        now,
        job.created_at,
        timedelta(seconds=settings.webhook_retry_base_seconds),
        timedelta(seconds=settings.webhook_retry_window_seconds),
    )


def _attempt(
    job: Job, outcome: Outcome, next_at: datetime | None, worker_id: str, now: datetime
) -> dict[str, Any]:
    return {
        "account_id": job.account_id, "livemode": job.livemode, "id": new_id("wha", now),
        "delivery_id": job.delivery_id,
        "attempted_at": now, "status_code": outcome.status_code,
        "latency_ms": outcome.latency_ms, "error": outcome.error, "next_attempt_at": next_at,
        "worker": worker_id,
    }  # fmt: skip


def _settled(
    job: Job, outcome: Outcome, next_at: datetime | None, worker_id: str, now: datetime
) -> dict[str, Any]:
    """Succeeded; given up (the window is over: no next attempt); or due again at `next_at`."""
    status = "succeeded" if outcome.ok else "pending" if next_at else "failed"
    return {
        "match_account": job.account_id, "match_id": job.delivery_id, "match_owner": worker_id,
        "new_status": status, "next_at": next_at,
        "new_delivered_at": now if outcome.ok else None,
        "now": now,
    }  # fmt: skip


@cache
def _settle() -> Update:
    """The deliveries' UPDATE, run once per batch with each delivery's `_settled` values."""
    kept = func.coalesce  # a success or a give-up keeps its last due time
    return (
        update(Delivery.__table__)  # Core: one executemany, not the ORM's per-row bulk update
        .where(
            Delivery.account_id == bindparam("match_account"),
            Delivery.id == bindparam("match_id"),
            Delivery.lease_owner == bindparam("match_owner"),
            Delivery.status == "pending",
        )
        .values(
            attempt_count=Delivery.attempt_count + 1,
            leased_until=None,
            lease_owner=None,
            updated_at=bindparam("now", type_=Delivery.updated_at.type),
            status=bindparam("new_status"),
            next_attempt_at=kept(
                bindparam("next_at", type_=Delivery.next_attempt_at.type), Delivery.next_attempt_at
            ),
            delivered_at=kept(
                bindparam("new_delivered_at", type_=Delivery.delivered_at.type),
                Delivery.delivered_at,
            ),
        )
    )


async def _track_endpoints(
    runtime: Runtime, session: AsyncSession, results: Sequence[tuple[Job, Outcome]]
) -> None:
    """A success ends its endpoint's failure streak (one UPDATE for the batch); a failure
    starts or continues it, and after a whole window of failures disables the endpoint.
    A ping does neither: it tests the endpoint for whoever asked, once."""
    results = [(job, outcome) for job, outcome in results if job.event_type != PING]
    recovered = Keyed((job.account_id, job.endpoint_id) for job, outcome in results if outcome.ok)
    if recovered.accounts:
        await session.execute(_recovered(recovered.accounts), recovered.params)
    failed = [job for job, outcome in results if not outcome.ok]
    if not failed:
        return
    keys = Keyed((job.account_id, job.endpoint_id) for job in failed)
    endpoints = await _rows(session, Endpoint, keys, locked=True)
    for job in failed:
        endpoint = endpoints.get((job.account_id, job.endpoint_id))
        if endpoint is not None:
            await _track_failure(
                runtime.context(session, job.account_id, "worker", livemode=endpoint.livemode),
                runtime,
                endpoint,
            )


@cache
def _recovered(accounts: int) -> Update:
    return (
        update(Endpoint)
        .where(keyed_clause(Endpoint, accounts), Endpoint.failing_since.is_not(None))
        .values(failing_since=None)
        .execution_options(synchronize_session=False)
    )


async def _track_failure(ctx: Context, runtime: Runtime, endpoint: WebhookEndpoint) -> None:
    endpoint.failing_since = endpoint.failing_since or ctx.now
    window = timedelta(seconds=runtime.settings.webhook_retry_window_seconds)
    if endpoint.enabled and ctx.now - endpoint.failing_since >= window:
        endpoint.enabled, endpoint.updated_at = False, ctx.now
        endpoint.disabled_reason = f"every delivery failed for {window}"
        await ctx.session.flush()  # disabled before its own event is fanned out
        events.record(ctx, "webhook_endpoint.disabled", WebhookEndpointOut.of(endpoint))
        log.warning("disabled webhook endpoint %s after %s of failures", endpoint.id, window)
