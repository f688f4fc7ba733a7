"""`remit backup PATH`: a consistent copy of a running SQLite installation (docs/operations.md).

- SQLite's online backup API copies the database page by page under its own locks, so the
  copy is one consistent state even while `remit serve` and `remit worker` keep writing (a
  plain `cp` of a database in WAL mode can miss what sits in the `-wal` file).
- The copy is checked (`PRAGMA integrity_check`) before the command says it is done, and
  written beside the target first, then renamed into place: a failed backup leaves no file
  that looks like a good one.
- The server secret that SQLite keeps in `<database>.secret` is copied to `PATH.secret`
  (mode 0600): without it a restored installation could not open the invoice links it sent
  nor the webhook secrets it sealed. A secret given in `REMIT_SECRET_KEY` is the operator's
  to keep; the command says so.
- PostgreSQL is backed up with its own tools (`pg_dump`): the command refuses and points at
  the recipe rather than reimplementing them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from remit.config import Settings
from remit.db.engine import backend_of
from remit.operations.database import DatabaseUnusable, check_location, described

PG_DUMP_RECIPE = (
    "PostgreSQL is backed up with pg_dump: "
    'pg_dump --format=custom --file=remit.dump "$REMIT_DATABASE_URL" '
    "(docs/operations.md#backups)"
)


class BackupRefused(Exception):
    """The backup was not made; the message says why and what to do."""


@dataclass(frozen=True)
class Backup:
    database: Path
    size: int
    secret: Path | None  # where the kept secret was copied, if the installation keeps one


def back_up(settings: Settings, target: Path, *, overwrite: bool = False) -> Backup:
    url = settings.database_url
    if backend_of(url) != "sqlite":
        raise BackupRefused(PG_DUMP_RECIPE)
    try:
        check_location(url)
    except DatabaseUnusable as exc:
        raise BackupRefused(str(exc)) from None
    source = Path(make_url(url).database or "")
    if not source.is_file():
        raise BackupRefused(f"there is no database at {described(url)} to back up")
    target = target.expanduser()
    if target.is_dir():
        target = target / source.name
    if target.resolve() == source.resolve():
        raise BackupRefused(f"{target} is the database itself: choose another path")
    if not target.parent.is_dir():
        raise BackupRefused(f"the directory {target.parent} does not exist: create it first")
    secret_target = target.with_name(target.name + ".secret")
    if not overwrite and (target.exists() or secret_target.exists()):
        raise BackupRefused(f"{target} exists: choose another path or pass --force")
    _copy_database(source, target)
    kept = settings.kept_secret_file() if not settings.secret_key else None
    copied = None
    if kept is not None and kept.is_file():
        _copy_secret(kept, secret_target)
        copied = secret_target
    return Backup(target, target.stat().st_size, copied)


def _copy_database(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            _connect(f"file:{source}?mode=ro", uri=True) as origin,
            _connect(str(partial)) as copy,
        ):
            origin.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            verdict = copy.execute("PRAGMA integrity_check").fetchone()
        if verdict is None or verdict[0] != "ok":
            raise BackupRefused(f"the copy failed its integrity check: {verdict}")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupRefused(f"cannot back up {source}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)


class _connect:
    """A sqlite3 connection closed on leaving (sqlite3's own context manager only commits)."""

    def __init__(self, database: str, *, uri: bool = False) -> None:
        self.connection = sqlite3.connect(database, uri=uri)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *_: object) -> None:
        self.connection.close()


def _copy_secret(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle, source.open("rb") as origin:
        shutil.copyfileobj(origin, handle)
    os.replace(partial, target)
