"""The soak script itself works: a short run serves traffic, delivers every webhook and
draws its plot (the ten-minute run is `make soak`, on demand)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.processes, pytest.mark.slow]
SCRIPT = Path(__file__).resolve().parents[2] / "soak" / "run.py"


def test_a_short_soak_runs_clean_and_draws_its_plot(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--minutes", "0.25", "--clients", "2",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["requests"] > 0 and summary["error_count"] == 0, run.stdout + run.stderr
    assert summary["webhooks_lost"] == 0 and summary["webhooks_received"] > 0
    assert (tmp_path / "soak.png").read_bytes().startswith(b"\x89PNG")
