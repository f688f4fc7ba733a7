"""A live `remit serve` on the session's database, for the suites that attack it over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import Server, remit_env, serve

# Loose enough for fuzzing; the limits themselves are tested with tight ones.
FUZZ_LIMITS = {"REMIT_API_RATE_LIMIT": "1000000", "REMIT_PUBLIC_RATE_LIMIT": "1000000"}


@pytest.fixture(scope="module")
def live_server(
    database: MigratedDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    env = remit_env(database.url, TEST_SECRET, REMIT_WEBHOOK_ALLOW_PRIVATE="1", **FUZZ_LIMITS)
    with serve(env, Path(tmp_path_factory.mktemp("served")), extra_args=["--no-worker"]) as server:
        yield server
