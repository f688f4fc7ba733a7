"""Settings from the environment (`REMIT_*`), read once at start-up.

| variable | default |
|---|---|
| `REMIT_DATABASE_URL` | `sqlite+aiosqlite:///./remit.db` |
| `REMIT_SECRET_KEY` | kept in `<sqlite file>.secret` (made once); required on PostgreSQL |
| `REMIT_DB_POOL_SIZE` | 10 |
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from remit.db.engine import backend_of, normalize_url

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./remit.db"


class ConfigError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str | None = None
    pool_size: int = 10

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        return cls(
            database_url=normalize_url(environ.get("REMIT_DATABASE_URL") or DEFAULT_DATABASE_URL),
            secret_key=environ.get("REMIT_SECRET_KEY") or None,
            pool_size=int(environ.get("REMIT_DB_POOL_SIZE", "10")),
        )

    def resolve_secret(self) -> str:
        """The server secret: `REMIT_SECRET_KEY`, or on SQLite one generated once and kept."""
        if self.secret_key:
            return self.secret_key
        if backend_of(self.database_url) != "sqlite":
            raise ConfigError("REMIT_SECRET_KEY must be set when the database is PostgreSQL")
        return _kept_secret(_secret_path(_sqlite_path(self.database_url)))


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
    value = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its secret
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value
