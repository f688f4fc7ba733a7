"""`make bench` keeps working (docs/performance.md): a quick run of three scenarios on SQLite,
through the same entry point, writes a result whose figures are measured, not empty."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.processes
@pytest.mark.slow
def test_a_quick_run_measures_creates_the_ceiling_and_webhooks(tmp_path: Path) -> None:
    scenarios = "statements,create,webhooks"
    command = [sys.executable, "-m", "bench", "--quick", "--backends", "sqlite",
               "--scenarios", scenarios, "--out", str(tmp_path)]  # fmt: skip
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "| sqlite | 1. create, 3 lines, 8 client(s) |" in finished.stdout
    [saved] = tmp_path.glob("*-partial-quick.json")
    [result] = json.loads(saved.read_text())["backends"]
    for row in result["create"]:
        assert row["api"]["per_second"] > 0 and row["api"]["server_cpu_ms"] > 0
        assert row["ceiling"]["per_second"] > row["api"]["per_second"]  # measured, not empty
    hooks = result["webhooks"]
    assert hooks["count"] == hooks["expected"] > 0 and hooks["per_second"] > 0
    assert result["statements"]["create_3_lines"] > 0 and result["peak_rss_mb"] > 0
