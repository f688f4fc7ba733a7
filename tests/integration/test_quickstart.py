"""The README's quickstart: `remit serve` on a fresh directory with nothing configured
(what `make serve` runs once the virtual environment exists)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.processes import cli_json, remit_env, run_cli, serve

pytestmark = pytest.mark.processes


class TestFirstRun:
    def test_serves_on_an_sqlite_file_with_a_kept_secret(self, tmp_path: Path) -> None:
        env = remit_env(database_url=None)  # nothing configured: ./remit.db, generated secret
        with serve(env, tmp_path, cwd=tmp_path) as server:
            assert "accounts create" in server.output()  # how to get an API key
            assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
            created = cli_json(
                "accounts", "create", "--name", "First", "--json", env=env, cwd=tmp_path
            )
            headers = {"Authorization": f"Bearer {created['api_key']}"}
            body = {"customer": {"email": "a@example.com"}, "lines": [{"unit_amount": "10"}],
                    "status": "open"}  # fmt: skip
            response = httpx.post(f"{server.url}/v1/invoices", headers=headers, json=body)
            invoice = response.json()
            assert response.status_code == 201 and invoice["number"] == "#0001"
        secret_file = tmp_path / "remit.db.secret"
        assert (tmp_path / "remit.db").exists()
        assert secret_file.stat().st_mode & 0o777 == 0o600
        secret = secret_file.read_text()
        with serve(env, tmp_path, cwd=tmp_path) as server:  # a restart keeps the secret
            again = httpx.get(f"{server.url}/v1/invoices/{invoice['id']}", headers=headers).json()
        assert secret_file.read_text() == secret
        assert again["public_token"] == invoice["public_token"]

    def test_admin_commands_on_an_unmigrated_database_say_what_to_do(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path / 'new.db'}")
        result = run_cli("accounts", "create", "--name", "Too Early", env=env)
        assert result.returncode == 1
        assert "remit migrate" in result.stderr and "Traceback" not in result.stderr
