"""The `remit` command: serve, migrate, check an installation, and operator tasks (accounts,
API keys, the server secret).

Every command reads its database from `REMIT_DATABASE_URL` (default `./remit.db`). What an
operator must fix — a wrong URL, a database that cannot be opened, a missing secret, a port
that is taken — ends a command with one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import logging.config
import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession
from uvicorn.supervisors import Multiprocess

from remit.accounts import service as accounts
from remit.accounts.schemas import AccountOut
from remit.api import logs
from remit.api_keys import service as keys
from remit.api_keys.models import ApiKey
from remit.app import create_app
from remit.config import ConfigError, Settings, new_secret
from remit.context import Context
from remit.db.migrate import UnknownRevision, pending_migrations
from remit.db.migrate import migrate as run_migrations
from remit.db.session import Database
from remit.dialects import dialects
from remit.kernel import collector
from remit.kernel.currencies import UnknownCurrency
from remit.kernel.problems import Problem
from remit.kernel.scopes import UnknownScope, parse_scopes
from remit.kernel.secrets import Secrets
from remit.observability import logformat, tracing
from remit.observability.metrics import MULTIPROCESS_DIR
from remit.operations import doctor as checks
from remit.operations import inventory
from remit.operations.backup import BackupRefused, back_up
from remit.operations.database import DatabaseUnusable, check_location, described, reach
from remit.operations.listener import CannotListen, listen
from remit.runtime import Runtime
from remit.webhooks.ping import ping
from remit.wiring import build_runtime, database
from remit.worker.deliveries import lease_length
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
accounts_app = typer.Typer(help="Create and list accounts (tenants).", no_args_is_help=True)
keys_app = typer.Typer(help="Issue, list and revoke API keys.", no_args_is_help=True)
app.add_typer(accounts_app, name="accounts")
app.add_typer(keys_app, name="keys")
webhooks_app = typer.Typer(help="Webhook endpoints.", no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")
secret_app = typer.Typer(help="The server secret (REMIT_SECRET_KEY).", no_args_is_help=True)
app.add_typer(secret_app, name="secret")

# What an operator must fix; anything else is a bug, and keeps its traceback.
OPERATOR_ERRORS = (ConfigError, DatabaseUnusable, UnknownRevision, CannotListen)
MAX_NAME_LENGTH = 255  # the column's
ONBOARDING = (
    "remit: no API key yet? In another terminal run\n"
    "  .venv/bin/remit accounts create --name 'My company' --json\n"
    "and send the printed api_key as `Authorization: Bearer <api_key>`."
)


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except (ValueError, ConfigError) as exc:
        raise _fail(str(exc)) from None


def _run(main: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a problem an operator must fix ends it in one line."""
    try:
        return asyncio.run(main)
    except Problem as exc:
        raise _fail(exc.detail) from None
    except OPERATOR_ERRORS as exc:
        raise _fail(str(exc)) from None


def _runtime(settings: Settings, *, embedded_worker: bool = False) -> Runtime:
    """The runtime of a command that serves or works; its database is checked first (making
    the secret would otherwise make an SQLite file's missing directory too)."""
    try:
        check_location(settings.database_url)
        return build_runtime(settings, embedded_worker=embedded_worker)
    except (ConfigError, DatabaseUnusable) as exc:
        raise _fail(str(exc)) from None


async def _current_database(url: str) -> Database:
    """The database, once it is known to open and to have the newest schema."""
    await reach(url)
    db = database(url, pool_size=1)
    try:
        await _require_current(db)
    except BaseException:
        await db.dispose()
        raise
    return db


async def _require_current(db: Database) -> None:
    pending = await pending_migrations(db.engine)
    if pending:
        many = "migration is" if pending == 1 else "migrations are"
        raise _fail(
            f"the database schema is not current ({pending} {many} pending): "
            "run `remit migrate` first"
        )


@dataclass(frozen=True)
class _NoSecret(Secrets):
    """For commands that seldom need the secret (issuing Rapyd keys seals one): needing it
    then says, in one line, how to set it."""

    reason: str = ""

    def derive(self, purpose: str) -> bytes:
        raise ConfigError(self.reason)


def _run_in_transaction(
    operation: Callable[[Any], Awaitable[T]], account_id: str = "", *, livemode: bool = False
) -> T:
    """Run `operation(ctx)` in one write transaction, as the CLI actor, in one mode."""

    settings = _settings()
    try:
        check_location(settings.database_url)  # before the secret, whose file makes directories
        secrets = Secrets.from_text(settings.resolve_secret())
    except DatabaseUnusable as exc:
        raise _fail(str(exc)) from None
    except ConfigError as exc:
        secrets = _NoSecret(b"", str(exc))

    async def run() -> T:
        db = await _current_database(settings.database_url)
        try:
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

    return _run(run())


def _query(read: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `read(session)` in one read transaction."""

    url = _settings().database_url

    async def run() -> T:
        db = await _current_database(url)
        try:
            async with db.read() as session:
                return await read(session)
        finally:
            await db.dispose()

    return _run(run())


def _print(payload: dict[str, Any], as_json: bool, human: str) -> None:
    typer.echo(json.dumps(payload, indent=2) if as_json else human)


def _table(header: list[str], rows: list[list[str]]) -> str:
    table = [header, *rows]
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    lines = ("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in table)
    return "\n".join(line.rstrip() for line in lines)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "-"


def _name(value: str) -> str:
    """A name to store: not blank, and short enough for its column."""
    if not value.strip():
        raise _fail("--name must not be empty")
    if len(value) > MAX_NAME_LENGTH:
        raise _fail(f"--name is {len(value)} characters long; at most {MAX_NAME_LENGTH} fit")
    return value.strip()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).")] = 8000,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
    worker: Annotated[
        bool, typer.Option(help="Also run a worker (webhooks, timers) in each API process.")
    ] = True,
    workers: Annotated[int, typer.Option(help="API processes answering on the one port.")] = 1,
) -> None:
    """Apply pending migrations, then serve the API (and, unless --no-worker, the worker)."""

    settings = _settings()
    if workers < 1:
        raise _fail(f"--workers must be at least 1, not {workers}")
    try:
        listener = listen(host, port)  # first: a taken port is refused before anything changes
    except CannotListen as exc:
        raise _fail(str(exc)) from None
    runtime = _runtime(settings, embedded_worker=worker)
    applied, has_accounts = _run(_prepare(settings.database_url))
    typer.echo(_migrated(settings.database_url, applied))
    if not has_accounts:
        typer.echo(ONBOARDING)
    logs = logformat.log_config(logformat.chosen(settings.log_format), access_log=access_log)
    if workers == 1:
        _serve(runtime, listener, logs)
    else:
        _serve_processes(listener, logs, workers=workers, worker=worker)


async def _prepare(url: str) -> tuple[int, bool]:
    """(migrations applied, whether any account exists)."""
    await reach(url)
    applied = await run_migrations(url)
    db = database(url, pool_size=1)
    try:
        async with db.read() as session:
            return applied, await inventory.has_accounts(session)
    finally:
        await db.dispose()


def _migrated(url: str, applied: int) -> str:
    if not applied:
        return f"remit: database {described(url)} is up to date"
    return f"remit: applied {applied} migration{'s' if applied > 1 else ''} to {described(url)}"


def _serving(listener: socket.socket, processes: int = 1) -> dict[str, Any]:
    """What uvicorn is told however many processes serve: where (for its messages: it
    serves on `listener` itself), and how to log (remit writes the access log itself)."""
    host, port = listener.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    many = f" with {processes} processes" if processes > 1 else ""
    typer.echo(f"remit: serving http://{shown}:{port}{many} (stop with ^C)")
    return {"host": host, "port": port, "access_log": False, "server_header": False}


def _serve(runtime: Runtime, listener: socket.socket, logs: dict[str, Any]) -> None:
    config = uvicorn.Config(create_app(runtime), **_serving(listener), log_config=logs)
    collector.tune()
    server = uvicorn.Server(config)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises ^C again after shutting down
        server.run(sockets=[listener])
    if not server.started:
        raise typer.Exit(code=3)  # uvicorn has said why (the app's start-up failed)


def _serve_processes(
    listener: socket.socket, logs: dict[str, Any], *, workers: int, worker: bool
) -> None:
    """`workers` processes on the one socket, under uvicorn's supervisor; each imports the
    app by name. Their metrics meet in a fresh directory, removed when they stop."""
    factory = "remit.app:serving_app" if worker else "remit.app:serving_api"
    metrics_dir = tempfile.mkdtemp(prefix="remit-metrics-")
    os.environ[MULTIPROCESS_DIR] = metrics_dir  # before the processes import the client
    try:
        config = uvicorn.Config(
            factory, factory=True, workers=workers, **_serving(listener, workers), log_config=logs
        )
        with contextlib.suppress(KeyboardInterrupt):
            Multiprocess(config, sockets=[listener]).run()
    finally:
        del os.environ[MULTIPROCESS_DIR]
        shutil.rmtree(metrics_dir, ignore_errors=True)


@app.command()
def worker() -> None:
    """Run a worker: deliver webhooks and fire invoice timers until stopped (SIGTERM/^C)."""

    worker_logging()
    settings = _settings()
    runtime = _runtime(settings)
    tracing.install(settings, runtime.db.engine, tracing.WORKER)  # OTEL_EXPORTER_OTLP_ENDPOINT

    async def run() -> None:
        try:
            await reach(settings.database_url)
            await _require_current(runtime.db)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, stop.set)
            await Worker(runtime).run(stop)
        finally:
            await runtime.db.dispose()

    collector.tune()
    try:
        _run_fast(run())
    except OPERATOR_ERRORS as exc:
        raise _fail(str(exc)) from None


def worker_logging() -> None:
    """The standalone worker's log lines, escaped and redacted as the server's are (a worker
    logs what requests brought: ids, URLs, problems), as JSON or text (REMIT_LOG_FORMAT)."""
    try:
        log_format = logformat.chosen(Settings.from_env().log_format)
    except ConfigError:  # the command itself says what is wrong, in one line
        log_format = logformat.chosen(None)
    logging.config.dictConfig(logformat.log_config(log_format))
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

    url = _settings().database_url

    async def run() -> int:
        await reach(url)
        return await run_migrations(url)

    typer.echo(_migrated(url, _run(run())))


@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check what serving needs — the database, its migrations, the server secret, PDF
    rendering, the public URL — and say how to fix what is wrong (exit code 1 if anything
    is)."""

    findings = asyncio.run(checks.examine(os.environ))
    problems = sum(finding.status == "problem" for finding in findings)
    if as_json:
        payload = {"ok": not problems, "checks": [finding.as_json() for finding in findings]}
        typer.echo(json.dumps(payload, indent=2))
    else:
        typer.echo(_report(findings, problems))
    if problems:
        raise typer.Exit(code=1)


def _report(findings: list[checks.Finding], problems: int) -> str:
    lines = []
    for finding in findings:
        lines.append(f"{finding.status:<8} {finding.check:<11} {finding.detail}")
        if finding.fix and finding.status in ("problem", "warning"):
            lines.append(f"{'':<21}fix: {finding.fix}")
    verdict = f"{problems} problem{'s' if problems > 1 else ''}" if problems else "ready to serve"
    return "\n".join([*lines, f"remit doctor: {verdict}"])


@app.command()
def backup(
    path: Annotated[Path, typer.Argument(help="File (or directory) to write the copy to.")],
    force: Annotated[bool, typer.Option(help="Replace an existing backup at PATH.")] = False,
) -> None:
    """Copy the SQLite database, consistently, while remit runs (and the secret kept beside
    it, to PATH.secret). PostgreSQL: use pg_dump (docs/operations.md#backups)."""

    settings = _settings()
    try:
        made = back_up(settings, path, overwrite=force)
    except BackupRefused as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"remit: backed up {described(settings.database_url)} to {made.database} "
               f"({made.size} bytes, integrity ok)")  # fmt: skip
    if made.secret is not None:
        typer.echo(f"remit: the server secret is in {made.secret}: keep it with the backup")
    else:
        typer.echo("remit: the server secret is REMIT_SECRET_KEY's: keep it apart, safely")


@secret_app.command("generate")
def secret_generate() -> None:
    """Print a new random secret for REMIT_SECRET_KEY (it signs invoice links and seals
    webhook secrets: keep it, and change it only as docs/hosted.md says)."""

    typer.echo(new_secret())


@accounts_app.command("create")
def accounts_create(
    name: Annotated[str, typer.Option(help="The business's name.")],
    currency: Annotated[str, typer.Option(help="Default invoice currency.")] = "USD",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create an account and its first two API keys (scope `*`): a test key and a live key.

    `api_key` is the test key: test mode's objects are apart from live mode's, its invoices
    can be paid with the simulator's test cards and never move money (docs/api.md)."""

    name = _name(name)

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


@accounts_app.command("list")
def accounts_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List every account, oldest first: id, name, default currency, when it was made, and
    how many active test and live keys it has."""

    summaries = _query(inventory.account_summaries)
    if as_json:
        _print({"object": "list", "data": [s.as_json() for s in summaries]}, True, "")
        return
    if not summaries:
        typer.echo("no accounts yet: make one with `remit accounts create --name …`")
        return
    rows = [
        [s.account.id, s.account.name, s.account.default_currency, _when(s.account.created_at),
         str(s.test_keys), str(s.live_keys)]
        for s in summaries
    ]  # fmt: skip
    typer.echo(_table(["ID", "NAME", "CURRENCY", "CREATED", "TEST KEYS", "LIVE KEYS"], rows))


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
    one mode: the key sees and makes only that mode's objects.

    Every kind prints `key` (the key as `keys list` shows it, with its `secret`) and
    `api_key` (the secret); a dialect's credentials keep their own names besides."""

    try:
        scope_list = parse_scopes(scopes)
    except UnknownScope as exc:
        raise _fail(f"unknown scope: {exc}") from None
    label = None if name is None else _name(name)
    livemode = mode is Mode.live

    if kind != "remit":
        _issue_dialect_credentials(account, kind, scope_list, as_json, livemode)
        return

    async def create(ctx: Any) -> Any:
        await accounts.get_account(ctx)
        return await keys.issue_key(ctx, scope_list, name=label)

    issued = _run_in_transaction(create, account_id=account, livemode=livemode)
    payload = {"api_key": issued.secret, "key": inventory.key_json(issued.key, issued.secret)}
    _print(payload, as_json, f"key {issued.key.id}\napi key  {issued.secret}  (shown once)")


def _issue_dialect_credentials(
    account: str, kind: str, scope_list: list[str], as_json: bool, livemode: bool
) -> None:

    dialect = dialects().get(kind)
    if dialect is None:
        raise _fail(f"unknown key kind '{kind}': use remit or one of {', '.join(dialects())}")

    async def create(ctx: Any) -> tuple[dict[str, Any], ApiKey]:
        await accounts.get_account(ctx)
        credentials = await dialect.issue_credentials(ctx, scope_list)
        return credentials, await ctx.session.get(ApiKey, credentials["key_id"])

    credentials, key = _run_in_transaction(create, account_id=account, livemode=livemode)
    secret = _secret_among(credentials, key)
    payload = {**credentials, "key": inventory.key_json(key, secret), "api_key": secret}
    text = "\n".join(f"{name:<11} {value}" for name, value in credentials.items())
    _print(payload, as_json, text + "\n(the secret is shown once)")


def _secret_among(credentials: dict[str, Any], key: ApiKey) -> str:
    """Which of a dialect's credentials is the secret (Reepay's `private_key`, Rapyd's
    `secret_key`, …): the one whose SHA-256 the key stores (api_keys.service)."""
    return next(
        value
        for value in credentials.values()
        if isinstance(value, str) and hashlib.sha256(value.encode()).hexdigest() == key.secret_hash
    )


@keys_app.command("list")
def keys_list(
    account: Annotated[str, typer.Option(help="The account id (acct_…).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List an account's keys, revoked ones too: id, kind, mode, scopes, the secret's last
    characters (never the secret: only its hash is kept), when made and revoked."""

    found = _query(lambda session: inventory.keys_of(session, account))
    if as_json:
        _print({"object": "list", "data": [inventory.key_json(k) for k in found]}, True, "")
        return
    rows = [
        [key.id, key.kind, "live" if key.livemode else "test", ",".join(key.scopes),
         key.name or "-", f"…{key.hint}", _when(key.created_at), _when(key.revoked_at)]
        for key in found
    ]  # fmt: skip
    header = ["ID", "KIND", "MODE", "SCOPES", "NAME", "SECRET", "CREATED", "REVOKED"]
    typer.echo(_table(header, rows))


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
    runtime = _runtime(settings)

    async def run() -> tuple[str, object]:
        try:
            await reach(settings.database_url)
            delivery_id = await ping(runtime, endpoint_id, hold=lease_length(runtime))
            return delivery_id, await deliver_now(runtime, delivery_id)
        finally:
            await runtime.db.dispose()

    delivery_id, outcome = _run(run())
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


def main() -> None:
    app(prog_name="remit")


if __name__ == "__main__":
    main()
