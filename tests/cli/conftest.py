"""The `remit` command as an operator runs it: real processes, real databases of each backend.

`fresh` is a migrated database of the test's own (for tests that count what is in it or
change its secret); `blank` is one with no migration applied. Helpers check the CLI's promise
about errors: exit code 1, one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory

from remit.db.migrate import alembic_config
from tests.conftest import (
    MigratedDatabase,
    _create_pg_database,
    _drop_pg_database,
    drop_database,
    make_database,
    postgres_admin_url,
)
from tests.processes import cli_json, run_cli

CLOSED_POSTGRES = "postgresql://postgres@127.0.0.1:1/remit"  # nothing listens on port 1


@pytest.fixture
async def fresh(backend: str, tmp_path: Path) -> AsyncIterator[MigratedDatabase]:
    created = await make_database(backend, str(tmp_path), "cli")
    yield created
    await drop_database(created)


@pytest.fixture
async def blank(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an existing, empty database."""
    if backend == "sqlite":
        path = tmp_path / "blank.db"
        sqlite3.connect(path).close()
        yield f"sqlite:///{path}"
        return
    admin = postgres_admin_url()
    assert admin
    name = f"remit_test_blank_{secrets.token_hex(4)}"
    url = await _create_pg_database(admin, name)
    yield url
    await _drop_pg_database(admin, name)


def migrations_in_all() -> int:
    return len(list(ScriptDirectory.from_config(alembic_config()).walk_revisions()))


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The line a command failed with, once it is checked that it failed as promised."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def new_account(env: dict[str, str], name: str = "Acme") -> dict[str, Any]:
    return cli_json("accounts", "create", "--name", name, "--json", env=env)


def doctor(env: dict[str, str]) -> tuple[int, dict[str, dict[str, str]]]:
    """(exit code, each check's finding by name) of `remit doctor --json`."""
    result = run_cli("doctor", "--json", env=env)
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is (result.returncode == 0)
    return result.returncode, {finding["check"]: finding for finding in report["checks"]}
