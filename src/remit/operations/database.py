"""Whether the configured database can be opened, said in one line an operator can act on.

Every command that uses the database opens it this way first: a server that is down, an
unknown host, a database or role that does not exist, a missing directory for an SQLite file
would otherwise end in a driver's traceback, halfway through the command.
"""

from __future__ import annotations

import socket
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from remit.db.engine import backend_of, create_engine


class DatabaseUnusable(Exception):
    """The database cannot be opened; the message says why and what to do."""


def described(url: str) -> str:
    """The URL as an operator wrote it: no password, no driver name."""
    parsed = make_url(url)
    plain = parsed.set(drivername=parsed.get_backend_name())
    return plain.render_as_string(hide_password=True)


def check_location(url: str) -> None:
    """SQLite makes its file, not the directory the file is in; and a database in memory would
    be a different one for every connection."""
    if backend_of(url) != "sqlite":
        return
    database = make_url(url).database
    if not database or database == ":memory:":
        raise DatabaseUnusable(
            "an SQLite database must be a file: set REMIT_DATABASE_URL=sqlite:///path/to/remit.db"
        )
    path = Path(database)
    if not path.parent.is_dir():
        raise DatabaseUnusable(
            f"the directory {path.parent} for the SQLite database does not exist: "
            f"create it (mkdir -p {path.parent}) or change REMIT_DATABASE_URL"
        )
    if path.is_dir():
        raise DatabaseUnusable(f"{path} is a directory, not an SQLite file: fix REMIT_DATABASE_URL")


async def reach(url: str) -> str:
    """Connect once and name what answered ("PostgreSQL 15.2", "SQLite 3.45.1")."""
    check_location(url)
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            version = connection.dialect.server_version_info or ()
    except Exception as exc:  # whatever stops a connection is the operator's to fix: say which
        raise DatabaseUnusable(
            f"cannot open the database {described(url)}: {_reason(exc)}; check REMIT_DATABASE_URL"
        ) from None
    finally:
        await engine.dispose()
    name = "SQLite" if backend_of(url) == "sqlite" else "PostgreSQL"
    return f"{name} {'.'.join(str(part) for part in version)}".strip()


def _reason(exc: BaseException) -> str:
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    if isinstance(cause, socket.gaierror):
        return "unknown host"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused (is its server running, on that host and port?)"
    if isinstance(cause, TimeoutError):
        return "timed out"
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__
