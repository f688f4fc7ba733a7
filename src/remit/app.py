"""The ASGI application: routers, error handling, request ids, metrics, health, and the
API's documentation served from the package (no CDN: `/docs` works offline)."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from prometheus_client.registry import Collector
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import InstrumentedAttribute
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from remit import __version__, dialects
from remit.accounts.endpoints import router as account_router
from remit.api import errors, logs, openapi
from remit.api.limits import RequestLimitsMiddleware
from remit.api.metrics import RequestMetricsMiddleware
from remit.api.metrics import endpoint as metrics_endpoint
from remit.api.middleware import RequestIdMiddleware, SecurityHeadersMiddleware
from remit.api.runtime import runtime_of
from remit.balances.endpoints import router as balances_router
from remit.billing.clock_endpoints import router as test_clocks_router
from remit.billing.endpoints import router as subscription_changes_router
from remit.collection.endpoints import router as collection_router
from remit.config import Settings
from remit.context import utc_now
from remit.credit_notes.endpoints import router as credit_notes_router
from remit.customers.endpoints import router as customers_router
from remit.einvoicing.endpoints import router as einvoicing_router
from remit.events.endpoints import router as events_router
from remit.hosted.endpoints import router as hosted_router
from remit.hosted.pdf_endpoints import router as pdf_router
from remit.invoices.endpoints import router as invoices_router
from remit.invoices.item_endpoints import router as invoice_items_router
from remit.kernel import collector
from remit.observability import metrics, pool, tracing
from remit.payments.endpoints import router as payments_router
from remit.plans.endpoints import router as catalog_router
from remit.refunds.endpoints import router as refunds_router
from remit.refunds.models import Refund
from remit.runtime import Runtime
from remit.settlements.models import Settlement
from remit.subscriptions.endpoints import router as subscriptions_router
from remit.usage.endpoints import router as usage_router
from remit.usage.meter_endpoints import router as meters_router
from remit.webhooks.endpoints import router as webhooks_router
from remit.webhooks.models import WebhookDelivery
from remit.wiring import build_runtime
from remit.worker.runner import Worker

log = logging.getLogger("remit.api")
SWAGGER_UI = "/static/swagger-ui"  # the swagger-ui-bundle package's files
REDOC = "/static/redoc"  # ReDoc's bundle, as the fastapi-offline package ships it
REDOC_FILES = files("fastapi_offline") / "static"

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
    einvoicing_router,
    pdf_router,
    invoice_items_router,
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
        pool_counted = pool.instrument(runtime.db.engine)
        if runtime.embedded_worker:
            worker = asyncio.create_task(Worker(runtime).run(stop))
        yield
        stop.set()
        if worker is not None:
            await worker
        await runtime.db.dispose()
        pool_counted()
        metrics.process_exited(os.getpid())

    app = FastAPI(
        title="remit",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # A span per request when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md)
        telemetry=tracing.install(runtime.settings, runtime.db.engine, tracing.API),
        docs_url=None,  # served below, from the package
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
    app.add_middleware(RequestMetricsMiddleware)  # counts and logs the refusals above too
    app.add_middleware(RequestIdMiddleware)  # outermost: refusals above carry the id too
    for router in ROUTERS:
        app.include_router(router)
    dialects.mount(app)
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["health"])
    scrape = metrics_endpoint([outbox_figures])
    app.add_api_route("/metrics", scrape, methods=["GET"], include_in_schema=False)
    _serve_docs(app)
    openapi.install(app)
    return app


def serving_app() -> FastAPI:
    """One process of `remit serve --workers N` (uvicorn imports it by name), with its worker."""
    app = create_app(build_runtime(Settings.from_env(), embedded_worker=True))
    collector.tune()
    return app


def serving_api() -> FastAPI:
    """One process of `remit serve --workers N --no-worker`."""
    app = create_app()
    collector.tune()
    return app


def _serve_docs(app: FastAPI) -> None:
    """Swagger UI from the swagger-ui-bundle package, ReDoc's standalone bundle from the
    fastapi-offline package: both pages load nothing from a CDN."""
    app.mount(SWAGGER_UI, StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")
    app.mount(REDOC, StaticFiles(directory=str(REDOC_FILES)), name="redoc")

    async def docs(_: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png",
        )

    async def redoc(_: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            redoc_js_url=f"{REDOC}/redoc.standalone.js",
            redoc_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png",
            with_google_fonts=False,
        )

    app.add_api_route("/docs", docs, methods=["GET"], include_in_schema=False)
    app.add_api_route("/redoc", redoc, methods=["GET"], include_in_schema=False)


async def healthz(request: Request) -> JSONResponse:
    """200 once the database answers; 503 otherwise."""
    await runtime_of(request).db.ping()
    return JSONResponse({"status": "ok"})


async def outbox_figures(runtime: Runtime) -> Iterable[Collector]:
    """Every outbox as /metrics shows it — the work waiting for someone else's answer: webhook
    deliveries waiting (due now or retrying later), and processor charges and refunds whose
    outcome is not known yet (the worker asks again) — each with the age of its oldest. Each
    question is what a partial index holds (`…_due`, `…_unresolved…`), so it reads the backlog
    only. A database that does not answer says so as `remit_database_up 0`, and the other
    metrics are still answered."""
    figures: dict[str, tuple[str, float]] = {}
    try:
        async with runtime.db.read() as session:
            for name, (created_at, waiting, depth_help, age_help) in OUTBOXES.items():
                query = select(func.count(), func.min(created_at)).where(*waiting)
                depth, oldest = (await session.execute(query)).one()
                age = (utc_now() - oldest) if oldest is not None else timedelta(0)
                figures[f"{name}_pending"] = (depth_help, depth)
                figures[f"{name}_oldest_age_seconds"] = (age_help, age.total_seconds())
    except (DBAPIError, OSError) as exc:
        log.warning("metrics: the outbox could not be read: %s", exc.__class__.__name__)
        return [metrics.Figures({"remit_database_up": (DATABASE_UP, 0)})]
    return [metrics.Figures({"remit_database_up": (DATABASE_UP, 1), **figures})]


DATABASE_UP = "1 when the database answered the scrape's query, 0 when it did not."
OUTBOXES: dict[
    str, tuple[InstrumentedAttribute[datetime], tuple[ColumnElement[bool], ...], str, str]
] = {
    "remit_webhook_outbox": (
        WebhookDelivery.created_at,
        (WebhookDelivery.status == "pending",),
        "Webhook deliveries not yet delivered nor given up (due now or retrying).",
        "Seconds since the oldest pending webhook delivery was made (0 when none).",
    ),
    "remit_charge_outbox": (
        Settlement.created_at,
        (Settlement.status == "pending", Settlement.processor != "manual"),
        "Processor charges whose outcome is not known yet (the worker asks again).",
        "Seconds since the oldest of those charges began (0 when none).",
    ),
    "remit_refund_outbox": (
        Refund.created_at,
        (Refund.status == "pending", Refund.processor != "manual"),
        "Processor refunds whose outcome is not known yet (the worker asks again).",
        "Seconds since the oldest of those refunds began (0 when none).",
    ),
}
