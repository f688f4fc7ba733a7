"""Settings from the environment (`REMIT_*`), read once at start-up.

| variable | default |
|---|---|
| `REMIT_DATABASE_URL` | `sqlite+aiosqlite:///./remit.db` |
| `REMIT_SECRET_KEY` | kept in `<sqlite file>.secret` (made once); required on PostgreSQL |
| `REMIT_DB_POOL_SIZE` | 10 |
| `REMIT_PUBLIC_URL` | `http://127.0.0.1:8000` (where customers reach hosted invoice pages) |
| `REMIT_PUBLIC_RATE_LIMIT` | 120 (requests a minute per client address to public pages) |
| `REMIT_API_RATE_LIMIT` | 6000 (requests a minute per API key, in bursts up to as many) |
| `REMIT_MAX_BODY_BYTES` | 1048576 (larger request bodies are refused with 413) |
| `REMIT_BODY_TIMEOUT_SECONDS` | 30 (a client that sends its body slower is cut off with 408) |
| `REMIT_REQUEST_TIMEOUT_SECONDS` | 30 (a request not answered by then gets 503 + Retry-After) |
| `REMIT_WORKER_POLL_SECONDS` | 1 (how often a worker looks for work without being woken) |
| `REMIT_WEBHOOK_RETRY_BASE_SECONDS` | 30 (first retry delay; doubles per attempt) |
| `REMIT_WEBHOOK_RETRY_WINDOW_SECONDS` | 259200 (3 days of retries, then give up / disable) |
| `REMIT_WEBHOOK_TIMEOUT_SECONDS` | 10 (per delivery attempt) |
| `REMIT_WEBHOOK_ALLOW_PRIVATE` | 0 (1 allows loopback and private addresses: development) |
| `REMIT_WORKER_CONCURRENCY` | 32 (deliveries in flight per worker) |
| `REMIT_CHARGE_RECOVERY_SECONDS` | 60 (a charge unanswered this long is asked about again) |
| `REMIT_IDEMPOTENCY_RETENTION_HOURS` | 24 (Idempotency-Keys replay this long; then purged) |
| `REMIT_RETEMPO_ANONYMOUS_ACCOUNT` | unset (`acct_…`: Retempo requests without a key act as it) |
| `REMIT_RETEMPO_CONFIRMER` | `immediate` (how Retempo settlements are confirmed, see docs) |
| `REMIT_METRICS_TOKEN` | unset (`/metrics` is open; set, it takes it as a Bearer token) |
| `REMIT_LOG_FORMAT` | `json`, or `text` when stderr is a terminal |
| `OTEL_EXPORTER_OTLP_ENDPOINT` | unset (set, traces are exported there: observability.tracing) |
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from remit.db.engine import UnsupportedDatabase, backend_of, normalize_url

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./remit.db"
LOG_FORMATS = ("json", "text")


class ConfigError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str | None = None
    pool_size: int = 10
    worker_poll_seconds: float = 1.0
    webhook_retry_base_seconds: float = 30.0
    webhook_retry_window_seconds: float = 3 * 24 * 3600.0
    webhook_timeout_seconds: float = 10.0
    webhook_allow_private: bool = False
    worker_concurrency: int = 32
    charge_recovery_seconds: float = 60.0
    public_url: str = "http://127.0.0.1:8000"
    public_rate_limit: int = 120
    retempo_anonymous_account: str | None = None
    retempo_confirmer: str = "immediate"
    api_rate_limit: int = 6000
    max_body_bytes: int = 1024 * 1024
    body_timeout_seconds: float = 30.0
    request_timeout_seconds: float = 30.0
    idempotency_retention_hours: float = 24.0
    metrics_token: str | None = None
    log_format: str | None = None  # json | text; None: by whether stderr is a terminal
    otlp_endpoint: str | None = None  # where traces go; None: no tracing

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        def number(name: str, default: float) -> float:
            raw = environ.get(name)
            try:
                value = float(raw) if raw else default
            except ValueError:
                raise ConfigError(f"{name} must be a number, not {raw!r}") from None
            if value <= 0:
                raise ConfigError(f"{name} must be positive")
            return value

        return cls(
            database_url=_database_url(environ.get("REMIT_DATABASE_URL") or DEFAULT_DATABASE_URL),
            secret_key=environ.get("REMIT_SECRET_KEY") or None,
            pool_size=int(number("REMIT_DB_POOL_SIZE", 10)),
            worker_poll_seconds=number("REMIT_WORKER_POLL_SECONDS", 1.0),
            webhook_retry_base_seconds=number("REMIT_WEBHOOK_RETRY_BASE_SECONDS", 30.0),
            webhook_retry_window_seconds=number(
                "REMIT_WEBHOOK_RETRY_WINDOW_SECONDS", 3 * 24 * 3600.0
            ),
            webhook_timeout_seconds=number("REMIT_WEBHOOK_TIMEOUT_SECONDS", 10.0),
            webhook_allow_private=environ.get("REMIT_WEBHOOK_ALLOW_PRIVATE", "0") in ("1", "true"),
            worker_concurrency=int(number("REMIT_WORKER_CONCURRENCY", 32)),
            charge_recovery_seconds=number("REMIT_CHARGE_RECOVERY_SECONDS", 60.0),
            public_url=environ.get("REMIT_PUBLIC_URL") or "http://127.0.0.1:8000",
            public_rate_limit=int(number("REMIT_PUBLIC_RATE_LIMIT", 120)),
            retempo_anonymous_account=environ.get("REMIT_RETEMPO_ANONYMOUS_ACCOUNT") or None,
            retempo_confirmer=environ.get("REMIT_RETEMPO_CONFIRMER") or "immediate",
            api_rate_limit=int(number("REMIT_API_RATE_LIMIT", 6000)),
            max_body_bytes=int(number("REMIT_MAX_BODY_BYTES", 1024 * 1024)),
            body_timeout_seconds=number("REMIT_BODY_TIMEOUT_SECONDS", 30.0),
            request_timeout_seconds=number("REMIT_REQUEST_TIMEOUT_SECONDS", 30.0),
            idempotency_retention_hours=number("REMIT_IDEMPOTENCY_RETENTION_HOURS", 24.0),
            metrics_token=environ.get("REMIT_METRICS_TOKEN") or None,
            log_format=_log_format(environ.get("REMIT_LOG_FORMAT") or None),
            otlp_endpoint=_otlp_endpoint(environ),
        )

    def resolve_secret(self) -> str:
        """The server secret: `REMIT_SECRET_KEY`, or on SQLite one generated once and kept."""
        if self.secret_key:
            return self.secret_key
        if backend_of(self.database_url) != "sqlite":
            raise ConfigError(
                "REMIT_SECRET_KEY must be set when the database is PostgreSQL: make one with "
                "`remit secret generate`"
            )
        return _kept_secret(self.kept_secret_file())

    def kept_secret_file(self) -> Path:
        """Where SQLite keeps the secret it generated: `<database file>.secret`."""
        return _secret_path(_sqlite_path(self.database_url))


def new_secret() -> str:
    """A server secret: 64 URL-safe characters (384 random bits)."""
    return secrets.token_urlsafe(48)


def _log_format(value: str | None) -> str | None:
    if value not in (None, *LOG_FORMATS):
        raise ConfigError(f"REMIT_LOG_FORMAT must be json or text, not {value!r}")
    return value


def _otlp_endpoint(environ: Mapping[str, str]) -> str | None:
    """Where traces are exported, by OpenTelemetry's own variables: none unless an OTLP
    endpoint is set, nor when `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    if environ.get("OTEL_TRACES_EXPORTER", "").strip().lower() == "none":
        return None
    endpoint = environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or environ.get(
        "OTEL_EXPORTER_OTLP_ENDPOINT"
    )
    return endpoint or None


def _database_url(url: str) -> str:
    try:
        return normalize_url(url)
    except UnsupportedDatabase as exc:
        raise ConfigError(f"REMIT_DATABASE_URL: {exc}") from None
    except (ArgumentError, ValueError):  # the URL itself is not shown: it may hold a password
        raise ConfigError(
            "REMIT_DATABASE_URL is not a database URL: use sqlite:///path/to/remit.db or "
            "postgresql://user:password@host:5432/database"
        ) from None


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ConfigError("an SQLite database must be a file; set REMIT_DATABASE_URL")
    return Path(database)


def _secret_path(database: Path) -> Path:
    return database.with_name(database.name + ".secret")


def _kept_secret(path: Path) -> str:
    """Read the secret file, creating it (mode 0600, exclusively) the first time."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = new_secret()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its secret
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value
