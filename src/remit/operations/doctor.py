"""`remit doctor`: is this installation ready to serve? One finding per check — `ok`,
`warning` (works, though probably not as meant) or `problem` (fails, or will) — each with how
to fix it. The checks only look: they apply no migration and write no secret file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from remit.api_keys.models import ApiKey
from remit.api_keys.service import SEALED_PURPOSE
from remit.config import ConfigError, Settings
from remit.db.engine import backend_of
from remit.db.migrate import UnknownRevision, pending_migrations
from remit.db.session import Database
from remit.kernel.crypto import SecretBox, Unsealable
from remit.kernel.links import DEFAULT_PUBLIC_URL
from remit.kernel.secrets import Secrets
from remit.operations.database import DatabaseUnusable, check_location, described, reach
from remit.webhooks.models import WebhookEndpoint
from remit.webhooks.signing import SECRET_PURPOSE as WEBHOOK_PURPOSE
from remit.wiring import database

Status = Literal["ok", "warning", "problem", "skipped"]
STORE_CHECKS = ("database", "migrations", "secret")
LOOPBACK = {"localhost", "127.0.0.1", "::1"}  # an http:// link there is no eavesdropper's
MIN_SECRET_LENGTH = 32  # `remit secret generate` makes 64 characters
DATABASE_FIX = (
    "set REMIT_DATABASE_URL to a database remit can open (sqlite:///path/to/remit.db, or "
    "postgresql://user:password@host:5432/database with its server running)"
)
SECRET_FIX = "export REMIT_SECRET_KEY=$(remit secret generate), and keep it: it cannot be recovered"
ROTATED_FIX = (
    "set the secret they were sealed with again; or keep this one and rotate each webhook "
    "endpoint's secret and reissue Rapyd keys (docs/hosted.md)"
)
PDF_FIX = (
    "install WeasyPrint's system libraries (Pango 1.44 or newer: `apt install libpango-1.0-0 "
    "libpangoft2-1.0-0`); https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"
)
PUBLIC_URL_FIX = (
    "set REMIT_PUBLIC_URL to where customers reach this server, e.g. https://billing.example.com"
)


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    detail: str
    fix: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


async def examine(environ: Mapping[str, str]) -> list[Finding]:
    """Every check, in the order an operator would fix them."""
    try:
        settings = Settings.from_env(environ)
    except (ConfigError, ValueError) as exc:
        skipped = [Finding(name, "skipped", "the settings are wrong") for name in STORE_CHECKS]
        store = [Finding("settings", "problem", str(exc), "correct the variable named"), *skipped]
    else:
        store = await check_store(settings)
    pdf = await asyncio.to_thread(check_pdf)
    return [*store, pdf, check_public_url(environ.get("REMIT_PUBLIC_URL"))]


async def check_store(settings: Settings) -> list[Finding]:
    """The database, its schema, and the secret that signs and seals what is in it."""
    url = settings.database_url
    if not_yet := _sqlite_file_to_come(url):
        made = Finding("migrations", "skipped", "no database yet")
        return [not_yet, made, await check_secret(settings, None)]
    try:
        version = await reach(url)
    except DatabaseUnusable as exc:
        unopened = Finding("migrations", "skipped", "the database cannot be opened")
        return [Finding("database", "problem", str(exc), DATABASE_FIX), unopened,
                await check_secret(settings, None)]  # fmt: skip
    db = database(url, pool_size=1)
    try:
        migrations = await check_migrations(db)
        current = db if migrations.status == "ok" else None  # older tables may lack columns
        reached = Finding("database", "ok", f"{version} at {described(url)}")
        return [reached, migrations, await check_secret(settings, current)]
    finally:
        await db.dispose()


def _sqlite_file_to_come(url: str) -> Finding | None:
    """An SQLite file that does not exist yet is made by the first `remit migrate` or `remit
    serve` (opening it here would make an empty one)."""
    try:
        check_location(url)
    except DatabaseUnusable:
        return None  # `reach` says why
    database_file = make_url(url).database
    if backend_of(url) != "sqlite" or not database_file or Path(database_file).exists():
        return None
    come = f"the SQLite file {database_file} does not exist yet"
    return Finding("database", "warning", come, "run `remit migrate` (`remit serve` does too)")


async def check_migrations(db: Database) -> Finding:
    try:
        pending = await pending_migrations(db.engine)
    except UnknownRevision as exc:
        return Finding(
            "migrations", "problem", str(exc), "run the newer remit, or restore a backup"
        )
    if pending:
        many = "migration is" if pending == 1 else "migrations are"
        fix = "run `remit migrate` (`remit serve` applies them when it starts)"
        return Finding("migrations", "problem", f"{pending} {many} pending", fix)
    return Finding("migrations", "ok", "the schema is at the newest migration")


async def check_secret(settings: Settings, db: Database | None) -> Finding:
    """Set, long enough, and (with a current schema) the one the database's secrets were
    sealed with: a changed secret breaks webhook signatures and Rapyd keys silently."""
    try:
        secret, source = _configured_secret(settings)
    except ConfigError as exc:
        return Finding("secret", "problem", str(exc), SECRET_FIX)
    sealed = await _newest_sealed(db) if db is not None else []
    if secret is None:
        if sealed:
            lost = f"{source} is missing, yet the database holds secrets sealed with it"
            return Finding("secret", "problem", lost, ROTATED_FIX)
        return Finding("secret", "ok", f"none yet: `remit serve` generates {source}")
    if len(secret) < MIN_SECRET_LENGTH:
        short = f"{source} is too short: {len(secret)} characters, {MIN_SECRET_LENGTH} at least"
        return Finding("secret", "problem", short, SECRET_FIX)
    unopened = [what for what, purpose, token in sealed if not _opens(secret, purpose, token)]
    if unopened:
        changed = f"{source} does not open the secret sealed for {unopened[0]}: it was changed"
        return Finding("secret", "problem", changed, ROTATED_FIX)
    opens = " and opens the secrets sealed in the database" if sealed else ""
    return Finding("secret", "ok", f"{source} is set ({len(secret)} characters){opens}")


def _configured_secret(settings: Settings) -> tuple[str | None, str]:
    """(the secret or None, where it comes from); never makes one."""
    if settings.secret_key:
        return settings.secret_key, "REMIT_SECRET_KEY"
    if backend_of(settings.database_url) != "sqlite":
        settings.resolve_secret()  # raises: PostgreSQL needs REMIT_SECRET_KEY
    path = settings.kept_secret_file()
    try:
        return path.read_text().strip(), f"the secret file {path}"
    except FileNotFoundError:
        return None, f"the secret file {path}"
    except OSError as exc:
        raise ConfigError(f"cannot read the secret file {path}: {exc.strerror}") from None


async def _newest_sealed(db: Database) -> list[tuple[str, str, str]]:
    """(what, purpose, sealed text) of the newest sealed secret of each kind."""
    async with db.read() as session:
        endpoint = await _newest(session, WebhookEndpoint.id, WebhookEndpoint.secret_sealed)
        key = await _newest(session, ApiKey.id, ApiKey.secret_sealed)
    found = [(f"webhook endpoint {endpoint[0]}", WEBHOOK_PURPOSE, endpoint[1])] if endpoint else []
    return found + ([(f"API key {key[0]}", SEALED_PURPOSE, key[1])] if key else [])


async def _newest(session: AsyncSession, id_column: Any, sealed: Any) -> tuple[str, str] | None:
    statement = select(id_column, sealed).where(sealed.is_not(None)).order_by(id_column.desc())
    row = (await session.execute(statement.limit(1))).first()
    return (row[0], row[1]) if row else None


def _opens(secret: str, purpose: str, token: str) -> bool:
    try:
        SecretBox(Secrets.from_text(secret), purpose).open(token)
    except Unsealable:
        return False
    return True


def check_pdf() -> Finding:
    """WeasyPrint loads Pango and friends when imported: a missing library fails here, and
    would fail every invoice PDF."""
    try:
        import weasyprint

        document = weasyprint.HTML(string="<p>remit</p>").write_pdf()
    except Exception as exc:  # OSError for a missing library; anything else is as fatal
        cannot = f"WeasyPrint cannot render a PDF: {_first_line(exc)}"
        return Finding("pdf", "problem", cannot, PDF_FIX)
    if not document.startswith(b"%PDF-"):
        return Finding("pdf", "problem", "WeasyPrint rendered something other than a PDF", PDF_FIX)
    return Finding("pdf", "ok", f"WeasyPrint {weasyprint.__version__} renders PDFs")


def check_public_url(raw: str | None) -> Finding:
    if not raw:
        unset = f"REMIT_PUBLIC_URL is not set: invoice links point to {DEFAULT_PUBLIC_URL}"
        return Finding("public url", "warning", unset, PUBLIC_URL_FIX)
    wrong = _url_problem(raw)
    if wrong:
        return Finding("public url", "problem", f"REMIT_PUBLIC_URL {wrong}", PUBLIC_URL_FIX)
    links = f"invoice links point to {raw.rstrip('/')}/i/…"
    if urlsplit(raw).scheme == "http" and urlsplit(raw).hostname not in LOOPBACK:
        return Finding("public url", "warning", f"{links}, unencrypted", PUBLIC_URL_FIX)
    return Finding("public url", "ok", links)


def _url_problem(raw: str) -> str | None:
    try:
        parts = urlsplit(raw)
        _ = parts.port  # raises for a port that is not a number
    except ValueError:
        return "is not a URL"
    if parts.scheme not in ("http", "https"):
        return "must start with https:// (or http://)"
    if not parts.hostname or any(c.isspace() for c in raw):
        return "has no host name" if not parts.hostname else "holds spaces"
    if parts.username or parts.password or parts.query or parts.fragment:
        return "must be a plain address: no user, query or fragment"
    return None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
