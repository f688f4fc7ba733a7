"""The `remit` command: serve, migrate, and operator tasks (accounts, API keys).

Every command reads its database from `REMIT_DATABASE_URL` (default `./remit.db`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
import uvicorn
from sqlalchemy.engine import make_url

from remit.accounts import service as accounts
from remit.accounts.schemas import AccountOut
from remit.api import logs
from remit.api_keys import service as keys
from remit.api_keys.schemas import ApiKeyOut
from remit.app import create_app
from remit.config import ConfigError, Settings
from remit.context import Context
from remit.db.migrate import is_current
from remit.db.migrate import migrate as run_migrations
from remit.dialects import dialects
from remit.kernel.currencies import UnknownCurrency
from remit.kernel.problems import Problem
from remit.kernel.scopes import UnknownScope, parse_scopes
from remit.kernel.secrets import Secrets
from remit.webhooks.ping import ping
from remit.wiring import build_runtime, database
from remit.worker.runner import Worker, deliver_now

try:  # the worker's event loop; uvloop is not built for Windows
    import uvloop
except ImportError:  # pragma: no cover - Windows
    HAS_UVLOOP = False  # asyncio's own loop then
else:
    HAS_UVLOOP = True

T = TypeVar("T")


class Mode(StrEnum):
    """The mode of a key (and of everything it sees and makes)."""

    test = "test"
    live = "live"


app = typer.Typer(
    help="remit — a self-hosted invoicing engine.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
accounts_app = typer.Typer(help="Create accounts (tenants).", no_args_is_help=True)
keys_app = typer.Typer(help="Issue and revoke API keys.", no_args_is_help=True)
app.add_typer(accounts_app, name="accounts")
app.add_typer(keys_app, name="keys")
webhooks_app = typer.Typer(help="Webhook endpoints.", no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except (ValueError, ConfigError) as exc:
        raise _fail(str(exc)) from None


def _run_in_transaction(
    operation: Callable[[Any], Awaitable[T]], account_id: str = "", *, livemode: bool = False
) -> T:
    """Run `operation(ctx)` in one write transaction, as the CLI actor, in one mode."""

    settings = _settings()
    try:
        secrets = Secrets.from_text(settings.resolve_secret())
    except ConfigError as exc:
        secrets = Secrets.unavailable(str(exc))

    async def run() -> T:
        db = database(settings.database_url, pool_size=1)
        try:
            if not await is_current(db.engine):
                raise _fail("the database schema is not current: run `remit migrate` first")
            async with db.write() as session:
                ctx = Context(
                    session=session,
                    account_id=account_id,
                    secrets=secrets,
                    livemode=livemode,
                    actor="cli",
                    public_url=settings.public_url,
                )
                return await operation(ctx)
        finally:
            await db.dispose()

    try:
        return asyncio.run(run())
    except Problem as exc:
        raise _fail(exc.detail) from None


def _print(payload: dict[str, Any], as_json: bool, human: str) -> None:
    typer.echo(json.dumps(payload, indent=2) if as_json else human)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
    worker: Annotated[
        bool, typer.Option(help="Also run a worker (webhooks, timers) in this process.")
    ] = True,
) -> None:
    """Apply pending migrations, then serve the API (and, unless --no-worker, the worker)."""

    settings = _settings()
    try:
        runtime = build_runtime(settings, embedded_worker=worker)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    asyncio.run(run_migrations(settings.database_url))
    typer.echo(f"remit: database {_redacted(settings.database_url)} is up to date")
    typer.echo(
        "remit: no API key yet? In another terminal run\n"
        "  .venv/bin/remit accounts create --name 'My company' --json\n"
        "and send the printed api_key as `Authorization: Bearer <api_key>`."
    )
    uvicorn.run(
        create_app(runtime),
        host=host,
        port=port,
        access_log=access_log,
        log_level="info",
        server_header=False,
    )


@app.command()
def worker() -> None:
    """Run a worker: deliver webhooks and fire invoice timers until stopped (SIGTERM/^C)."""

    worker_logging()
    settings = _settings()
    try:
        runtime = build_runtime(settings)
    except ConfigError as exc:
        raise _fail(str(exc)) from None

    async def run() -> None:
        if not await is_current(runtime.db.engine):
            raise _fail("the database schema is not current: run `remit migrate` first")
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        try:
            await Worker(runtime).run(stop)
        finally:
            await runtime.db.dispose()

    _run_fast(run())


def worker_logging() -> None:
    """The standalone worker's log lines, escaped and redacted as the server's are (a worker
    logs what requests brought: ids, URLs, problems)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logs.install()


def _run_fast(main: Coroutine[Any, Any, None]) -> None:
    """On uvloop where it is installed, as `remit serve` runs under uvicorn: the worker's
    event loop turns over for every delivery sent."""
    if not HAS_UVLOOP:
        asyncio.run(main)
        return
    uvloop.run(main)


@app.command()
def migrate() -> None:
    """Apply pending database migrations and exit."""

    settings = _settings()
    asyncio.run(run_migrations(settings.database_url))
    typer.echo(f"remit: database {_redacted(settings.database_url)} is up to date")


@accounts_app.command("create")
def accounts_create(
    name: Annotated[str, typer.Option(help="The business's name.")],
    currency: Annotated[str, typer.Option(help="Default invoice currency.")] = "USD",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create an account and its first two API keys (scope `*`): a test key and a live key.

    `api_key` is the test key: test mode's objects are apart from live mode's, its invoices
    can be paid with the simulator's test cards and never move money (docs/api.md)."""

    async def create(ctx: Any) -> tuple[Any, Any, Any]:
        account = await accounts.create_account(ctx, name, currency)
        test_key = await keys.issue_key(ctx, ["*"], name="default test")
        ctx.livemode = True
        live_key = await keys.issue_key(ctx, ["*"], name="default live")
        return account, test_key, live_key

    try:
        account, test_key, live_key = _run_in_transaction(create)
    except UnknownCurrency:
        raise _fail(f"unknown currency {currency!r}") from None
    payload = {
        "account": AccountOut.of(account, 1, False).model_dump(mode="json"),
        "api_key": test_key.secret,
        "test_api_key": test_key.secret,
        "live_api_key": live_key.secret,
    }
    human = (
        f"account       {account.id}\ntest api key  {test_key.secret}  (shown once)\n"
        f"live api key  {live_key.secret}  (shown once)"
    )
    _print(payload, as_json, human)


@keys_app.command("create")
def keys_create(
    account: Annotated[str, typer.Option(help="The account id (acct_…).")],
    scopes: Annotated[
        str, typer.Option(help="Comma-separated, e.g. invoices:read,customers:read")
    ] = "*",
    name: Annotated[str | None, typer.Option(help="A label for the key.")] = None,
    kind: Annotated[
        str,
        typer.Option(
            help="`remit` (a bearer key) or a dialect's credentials: `rapyd`, `reepay`, "
            "`retempo`, `whop`."
        ),
    ] = "remit",
    mode: Annotated[
        Mode, typer.Option(help="`test` (objects apart, test cards) or `live` (real money).")
    ] = Mode.test,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Issue an API key for an account (or a provider dialect's credentials, `--kind`), in
    one mode: the key sees and makes only that mode's objects."""

    try:
        scope_list = parse_scopes(scopes)
    except UnknownScope as exc:
        raise _fail(f"unknown scope: {exc}") from None
    livemode = mode is Mode.live

    if kind != "remit":
        _issue_dialect_credentials(account, kind, scope_list, as_json, livemode)
        return

    async def create(ctx: Any) -> Any:
        await accounts.get_account(ctx)
        return await keys.issue_key(ctx, scope_list, name=name)

    issued = _run_in_transaction(create, account_id=account, livemode=livemode)
    payload = {"api_key": issued.secret, "key": ApiKeyOut.of(issued.key).model_dump(mode="json")}
    _print(payload, as_json, f"key {issued.key.id}\napi key  {issued.secret}  (shown once)")


def _issue_dialect_credentials(
    account: str, kind: str, scope_list: list[str], as_json: bool, livemode: bool
) -> None:

    dialect = dialects().get(kind)
    if dialect is None:
        raise _fail(f"unknown key kind '{kind}': use remit or one of {', '.join(dialects())}")

    async def create(ctx: Any) -> dict[str, Any]:
        await accounts.get_account(ctx)
        return await dialect.issue_credentials(ctx, scope_list)

    credentials = _run_in_transaction(create, account_id=account, livemode=livemode)
    text = "\n".join(f"{name:<11} {value}" for name, value in credentials.items())
    _print(credentials, as_json, text + "\n(the secret is shown once)")


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="The key id (key_…).")]) -> None:
    """Revoke an API key at once; requests with it get 401."""

    key = _run_in_transaction(lambda ctx: keys.revoke_key(ctx, key_id))
    typer.echo(f"revoked {key.id}")


@webhooks_app.command("test")
def webhooks_test(
    endpoint_id: Annotated[str, typer.Argument(help="The endpoint id (we_…).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Send a `ping` event to one endpoint now and print how it answered (once: a failed ping
    is not retried, and holds back none of the endpoint's events)."""

    settings = _settings()
    try:
        runtime = build_runtime(settings)
    except ConfigError as exc:
        raise _fail(str(exc)) from None

    async def run() -> tuple[str, object]:
        try:
            delivery_id = await ping(runtime, endpoint_id)
            return delivery_id, await deliver_now(runtime, delivery_id)
        finally:
            await runtime.db.dispose()

    try:
        delivery_id, outcome = asyncio.run(run())
    except Problem as exc:
        raise _fail(exc.detail) from None
    result = {
        "delivery": delivery_id,
        "ok": getattr(outcome, "ok", False),
        "status_code": getattr(outcome, "status_code", None),
        "latency_ms": getattr(outcome, "latency_ms", None),
        "error": getattr(outcome, "error", "the endpoint is disabled or the ping is already out"),
    }
    _print(
        result,
        as_json,
        f"ping {delivery_id}: " + ("ok" if result["ok"] else f"failed ({result['error']})"),
    )
    if not result["ok"]:
        raise typer.Exit(code=1)


def _redacted(url: str) -> str:

    return make_url(url).render_as_string(hide_password=True)


def main() -> None:
    app(prog_name="remit")


if __name__ == "__main__":
    main()
