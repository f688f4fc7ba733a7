"""The ASGI application: routers, error handling, request ids and health."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse

from remit import __version__, dialects
from remit.accounts.endpoints import router as account_router
from remit.api import errors, logs
from remit.api.limits import RequestLimitsMiddleware
from remit.api.middleware import RequestIdMiddleware, SecurityHeadersMiddleware
from remit.api.runtime import runtime_of
from remit.balances.endpoints import router as balances_router
from remit.billing.clock_endpoints import router as test_clocks_router
from remit.billing.endpoints import router as subscription_changes_router
from remit.collection.endpoints import router as collection_router
from remit.config import Settings
from remit.credit_notes.endpoints import router as credit_notes_router
from remit.customers.endpoints import router as customers_router
from remit.einvoicing.endpoints import router as einvoicing_router
from remit.events.endpoints import router as events_router
from remit.hosted.endpoints import router as hosted_router
from remit.invoices.endpoints import router as invoices_router
from remit.invoices.item_endpoints import router as invoice_items_router
from remit.payments.endpoints import router as payments_router
from remit.plans.endpoints import router as catalog_router
from remit.refunds.endpoints import router as refunds_router
from remit.runtime import Runtime
from remit.subscriptions.endpoints import router as subscriptions_router
from remit.usage.endpoints import router as usage_router
from remit.usage.meter_endpoints import router as meters_router
from remit.webhooks.endpoints import router as webhooks_router
from remit.wiring import build_runtime
from remit.worker.runner import Worker

ROUTERS = (
    account_router,
    customers_router,
    balances_router,
    catalog_router,
    subscriptions_router,
    subscription_changes_router,
    test_clocks_router,
    usage_router,
    meters_router,
    invoices_router,
    invoice_items_router,
    einvoicing_router,
    payments_router,
    collection_router,
    credit_notes_router,
    refunds_router,
    events_router,
    webhooks_router,
    hosted_router,
)

DESCRIPTION = """
remit's native API. Authenticate with `Authorization: Bearer <key>`.
Money travels as decimal strings in major units; errors are RFC 9457 problem details;
every POST accepts an `Idempotency-Key`. See docs/api.md.
"""


def create_app(runtime: Runtime | None = None) -> FastAPI:
    runtime = runtime or build_runtime(Settings.from_env())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop, worker = asyncio.Event(), None
        if runtime.embedded_worker:
            worker = asyncio.create_task(Worker(runtime).run(stop))
        yield
        stop.set()
        if worker is not None:
            await worker
        await runtime.db.dispose()

    app = FastAPI(
        title="remit",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.runtime = runtime
    errors.install(app)
    logs.install()
    settings = runtime.settings
    app.add_middleware(
        RequestLimitsMiddleware,
        max_body_bytes=settings.max_body_bytes,
        body_timeout=settings.body_timeout_seconds,
        request_timeout=settings.request_timeout_seconds,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestIdMiddleware)  # outermost: refusals above carry the id too
    for router in ROUTERS:
        app.include_router(router)
    dialects.mount(app)
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["health"])
    return app


async def healthz(request: Request) -> JSONResponse:
    """200 once the database answers; 503 otherwise."""
    await runtime_of(request).db.ping()
    return JSONResponse({"status": "ok"})
