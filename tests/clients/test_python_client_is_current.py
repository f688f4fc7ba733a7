"""The committed client clients/python is what `make client` writes from today's OpenAPI
document: an API changed without regenerating the client fails here, naming the files."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "clients" / "python"
SKIPPED = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"}


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not SKIPPED.intersection(path.relative_to(root).parts)
        and not path.name.endswith(".egg-info")
    }


def differences(committed: dict[str, bytes], fresh: dict[str, bytes]) -> str:
    lines = [f"missing: {name}" for name in sorted(fresh.keys() - committed.keys())]
    lines += [f"not generated any more: {name}" for name in sorted(committed.keys() - fresh)]
    for name in sorted(committed.keys() & fresh.keys()):
        if committed[name] != fresh[name]:
            old, new = committed[name].decode().splitlines(), fresh[name].decode().splitlines()
            lines += list(difflib.unified_diff(old, new, name, name, n=1, lineterm=""))[:40]
    return "\n".join(lines)


class TestPythonClient:
    def test_committed_client_matches_a_fresh_generation(self, tmp_path: Path) -> None:
        output = tmp_path / "python"
        result = subprocess.run(
            [sys.executable, str(ROOT / "clients" / "generate.py"), "--output-path", str(output)],
            capture_output=True, text=True, timeout=300, cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        changes = differences(tree(COMMITTED), tree(output))
        if changes:
            pytest.fail(f"clients/python is out of date: run `make client`\n{changes}", False)

    def test_only_the_native_api_is_in_the_client(self) -> None:
        modules = {path.parent.name for path in (COMMITTED / "remit_client" / "api").glob("*/*.py")}
        assert {"invoices", "customers", "settlements"} <= modules
        assert not modules & {"hosted", "health", "retempo", "whop", "rapyd", "reepay"}
