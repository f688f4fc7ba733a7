"""The `remit` command line (the issue's CLI contract), against real databases and servers."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import cli_json, remit_env, run_cli, serve

pytestmark = pytest.mark.processes


@pytest.fixture
def env(database: MigratedDatabase) -> dict[str, str]:
    return remit_env(database.url, TEST_SECRET)


class TestAccountsCreate:
    def test_prints_the_account_and_a_test_and_a_live_key(self, env: dict[str, str]) -> None:
        printed = cli_json(
            "accounts", "create", "--name", "Acme", "--currency", "EUR", "--json", env=env
        )
        assert set(printed) == {"account", "api_key", "test_api_key", "live_api_key"}
        assert printed["account"]["id"].startswith("acct_")
        assert printed["account"]["name"] == "Acme"
        assert printed["account"]["default_currency"] == "EUR"
        assert printed["api_key"] == printed["test_api_key"]  # the test key, as before
        assert re.fullmatch(r"rk_test_[0-9a-z]{26}_[A-Za-z0-9_-]+", printed["test_api_key"])
        assert re.fullmatch(r"rk_live_[0-9a-z]{26}_[A-Za-z0-9_-]+", printed["live_api_key"])

    def test_the_two_keys_see_two_modes(self, env: dict[str, str], tmp_path: Path) -> None:
        printed = cli_json("accounts", "create", "--name", "Modes Co", "--json", env=env)
        test = {"Authorization": f"Bearer {printed['test_api_key']}"}
        live = {"Authorization": f"Bearer {printed['live_api_key']}"}
        with serve(env, tmp_path) as server:
            made = httpx.post(f"{server.url}/v1/customers", headers=live, json={"name": "L"})
            assert made.status_code == 201 and made.json()["livemode"] is True
            path = f"{server.url}/v1/customers/{made.json()['id']}"
            assert httpx.get(path, headers=live).status_code == 200
            assert httpx.get(path, headers=test).status_code == 404
            account = httpx.get(f"{server.url}/v1/account", headers=live).json()
            assert account["livemode"] is True

    def test_unknown_currency_fails_cleanly(self, env: dict[str, str]) -> None:
        result = run_cli("accounts", "create", "--name", "Acme", "--currency", "ABC", env=env)
        assert result.returncode == 1
        assert "unknown currency" in result.stderr and "Traceback" not in result.stderr


class TestKeys:
    def test_scoped_key_is_issued_used_and_revoked(
        self, env: dict[str, str], tmp_path: Path
    ) -> None:
        account = cli_json("accounts", "create", "--name", "Keys Co", "--json", env=env)
        account_id = account["account"]["id"]
        issued = cli_json(
            "keys", "create", "--account", account_id,
            "--scopes", "invoices:read,customers:read", "--json", env=env,
        )  # fmt: skip
        assert set(issued) == {"api_key", "key"}
        assert issued["key"]["scopes"] == ["customers:read", "invoices:read"]
        assert issued["key"]["account"] == account_id and issued["key"]["id"].startswith("key_")
        assert issued["key"]["secret"] == issued["api_key"]  # one shape for every kind
        with serve(env, tmp_path) as server:
            headers = {"Authorization": f"Bearer {issued['api_key']}"}
            assert httpx.get(f"{server.url}/v1/invoices", headers=headers).status_code == 200
            write = httpx.post(f"{server.url}/v1/customers", headers=headers, json={})
            assert write.status_code == 403 and write.json()["code"] == "insufficient_scope"
            revoked = run_cli("keys", "revoke", issued["key"]["id"], env=env)
            assert revoked.returncode == 0, revoked.stderr
            after = httpx.get(f"{server.url}/v1/invoices", headers=headers)
            assert after.status_code == 401 and after.json()["code"] == "unauthorized"
            owner = {"Authorization": f"Bearer {account['api_key']}"}
            assert httpx.get(f"{server.url}/v1/invoices", headers=owner).status_code == 200

    def test_a_live_key_is_issued_with_mode_live(self, env: dict[str, str], tmp_path: Path) -> None:
        account = cli_json("accounts", "create", "--name", "Live Co", "--json", env=env)
        account_id = account["account"]["id"]
        issued = cli_json(
            "keys", "create", "--account", account_id, "--mode", "live", "--json", env=env
        )
        assert issued["api_key"].startswith("rk_live_") and issued["key"]["livemode"] is True
        default = cli_json("keys", "create", "--account", account_id, "--json", env=env)
        assert default["api_key"].startswith("rk_test_") and default["key"]["livemode"] is False
        bad = run_cli("keys", "create", "--account", account_id, "--mode", "prod", env=env)
        assert bad.returncode != 0
        with serve(env, tmp_path) as server:
            live = {"Authorization": f"Bearer {issued['api_key']}"}
            made = httpx.post(f"{server.url}/v1/customers", headers=live, json={"name": "L"})
            assert made.json()["livemode"] is True

    def test_dialect_credentials_take_a_mode(self, env: dict[str, str], tmp_path: Path) -> None:
        account = cli_json("accounts", "create", "--name", "Reepay Co", "--json", env=env)
        issued = cli_json(
            "keys", "create", "--account", account["account"]["id"], "--kind", "reepay",
            "--mode", "live", "--json", env=env,
        )  # fmt: skip
        with serve(env, tmp_path) as server:
            reepay = httpx.Client(base_url=server.url, auth=(issued["private_key"], ""))
            made = reepay.post("/reepay/v1/customer", json={"handle": "live-1", "email": "a@b.c"})
            assert made.status_code == 200, made.text
            live = {"Authorization": f"Bearer {account['live_api_key']}"}
            test = {"Authorization": f"Bearer {account['test_api_key']}"}
            listed = httpx.get(f"{server.url}/v1/customers", headers=live).json()["data"]
            assert [c["handle"] for c in listed] == ["live-1"]
            assert httpx.get(f"{server.url}/v1/customers", headers=test).json()["data"] == []

    def test_unknown_scope_and_unknown_account_are_refused(self, env: dict[str, str]) -> None:
        bad_scope = run_cli(
            "keys", "create", "--account", "acct_x", "--scopes", "invoices:eat", env=env
        )
        assert bad_scope.returncode == 1 and "unknown scope" in bad_scope.stderr
        no_account = run_cli(
            "keys", "create", "--account", "acct_01m8000000000000000000000", "--json", env=env
        )
        assert no_account.returncode == 1 and "No such account" in no_account.stderr

    def test_revoking_an_unknown_key_fails(self, env: dict[str, str]) -> None:
        result = run_cli("keys", "revoke", "key_01m8000000000000000000000", env=env)
        assert result.returncode == 1 and "No such API key" in result.stderr


class TestMigrate:
    def test_migrate_twice_is_harmless(self, env: dict[str, str]) -> None:
        for _ in range(2):
            result = run_cli("migrate", env=env)
            assert result.returncode == 0, result.stderr
            assert "up to date" in result.stdout
