"""Log lines: what a request brings (its path, ids, the messages of its errors) is escaped,
so that one record is one line and no request can forge another record."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from remit.api import logs
from remit.app import create_app
from remit.wiring import build_runtime
from tests import conftest
from tests.conftest import MigratedDatabase
from tests.support import TenantApi, create_tenant

FORGED = "2026-01-01 00:00:00,000 CRITICAL remit.api payout sent to attacker"


@pytest.fixture
async def hurried(database: MigratedDatabase) -> AsyncIterator[TenantApi]:
    """An app that times out every request at its first wait: it logs the request's path."""
    settings = dataclasses.replace(
        conftest.test_settings(database.url), request_timeout_seconds=1e-6
    )
    runtime = build_runtime(settings)
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://remit.test") as client:
        yield await create_tenant(runtime, client)
    await runtime.db.dispose()


class TestLogForging:
    async def test_a_newline_in_the_path_is_one_escaped_line(
        self, hurried: TenantApi, caplog: pytest.LogCaptureFixture
    ) -> None:
        path = "/v1/customers/cus_x%0d%0a" + FORGED.replace(" ", "%20") + "%1b[2J%c2%85"
        with caplog.at_level(logging.WARNING, logger="remit.api"):
            response = await hurried.get(path)
        assert response.status_code == 503, response.text
        [record] = [r for r in caplog.records if "timed out" in r.getMessage()]
        message = record.getMessage()
        assert "\n" not in message and "\r" not in message, message
        assert "cus_x\\r\\n2026-01-01" in message and "\\x1b[2J\\x85" in message, message
        lines = [line for line in caplog.text.splitlines() if "payout sent" in line]
        assert len(lines) == 1 and "timed out" in lines[0], caplog.text

    @pytest.mark.parametrize(
        ("text", "escaped"),
        [
            ("a\nb", "a\\nb"),
            ("a\r\nb", "a\\r\\nb"),
            ("tab\there", "tab\\there"),
            ("nul\x00bell\x07esc\x1bdel\x7f", "nul\\x00bell\\x07esc\\x1bdel\\x7f"),
            ("next\x85line\u2028sep\u2029", "next\\x85line\\u2028sep\\u2029"),
            ("café 請求書 💸", "café 請求書 💸"),  # printable text is left as it is
        ],
    )
    def test_control_characters_are_escaped(self, text: str, escaped: str) -> None:
        assert logs.escape_controls(text) == escaped

    def test_arguments_of_any_type_are_escaped_and_numbers_kept(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        logs.install()
        with caplog.at_level(logging.INFO, logger="remit.worker"):
            logging.getLogger("remit.worker").info(
                "%s %d %s", ValueError(f"bad\n{FORGED}"), 3, "/i/eyJa.eyJb.sig\nx"
            )
        [record] = caplog.records
        assert record.getMessage() == f"bad\\n{FORGED} 3 /i/[redacted]\\nx"

    def test_every_logger_of_remit_is_escaped(self) -> None:
        """A new `logging.getLogger("remit.…")` must be listed in `logs.LOGGERS`."""
        source = Path(logs.__file__).parents[1]
        named = {
            name
            for file in source.rglob("*.py")
            for name in re.findall(r"getLogger\(\"(remit[\w.]*)\"\)", file.read_text())
        }
        assert named and named <= set(logs.LOGGERS), named - set(logs.LOGGERS)


class TestStandaloneWorker:
    @pytest.mark.parametrize("log_format", ["text", "json"])
    def test_the_worker_process_escapes_its_lines_too(self, log_format: str) -> None:
        """`remit worker` never builds the app: its logging sets the filter itself. A JSON
        line's message is read as JSON reads it."""
        forged = repr("inv_x\n" + FORGED)
        script = (
            "import logging\n"
            "from remit.cli import worker_logging\n"
            "worker_logging()\n"
            f"logging.getLogger('remit.worker').warning('invoice %s failed', {forged})\n"
        )
        env = {**os.environ, "REMIT_LOG_FORMAT": log_format}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env
        )
        assert done.returncode == 0, done.stderr
        lines = [line for line in done.stderr.splitlines() if "payout sent" in line]
        if log_format == "json":
            lines = [json.loads(line)["message"] for line in lines]
        assert len(lines) == 1 and "inv_x\\n" in lines[0] and "failed" in lines[0], done.stderr
