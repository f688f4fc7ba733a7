"""`remit accounts list` and `remit keys list`: what exists, plainly and as JSON, and never a
secret (only a key's last characters, to recognise it)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import new_account, one_line_error
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import cli_json, remit_env, run_cli

pytestmark = pytest.mark.processes


@pytest.fixture
def env(fresh: MigratedDatabase) -> dict[str, str]:
    return remit_env(fresh.url, TEST_SECRET)


class TestAccountsList:
    def test_lists_each_account_with_its_active_keys(self, env: dict[str, str]) -> None:
        acme = new_account(env, "Acme")
        euro = cli_json("accounts", "create", "--name", "Euro GmbH", "--currency", "EUR",
                        "--json", env=env)  # fmt: skip
        extra = cli_json("keys", "create", "--account", euro["account"]["id"], "--mode", "live",
                         "--json", env=env)  # fmt: skip
        revoked = run_cli("keys", "revoke", extra["key"]["id"], env=env)
        assert revoked.returncode == 0, revoked.stderr
        cli_json("keys", "create", "--account", euro["account"]["id"], "--json", env=env)

        listed = cli_json("accounts", "list", "--json", env=env)
        assert listed["object"] == "list"
        assert [(a["id"], a["name"], a["default_currency"], a["test_keys"], a["live_keys"])
                for a in listed["data"]] == [
            (acme["account"]["id"], "Acme", "USD", 1, 1),
            (euro["account"]["id"], "Euro GmbH", "EUR", 2, 1),  # the revoked key is not counted
        ]  # fmt: skip
        assert listed["data"][0]["created_at"] == acme["account"]["created_at"]

        plain = run_cli("accounts", "list", env=env)
        assert plain.returncode == 0, plain.stderr
        header, *rows = plain.stdout.splitlines()
        assert header.split()[:3] == ["ID", "NAME", "CURRENCY"]
        assert rows[0].split()[:3] == [acme["account"]["id"], "Acme", "USD"]
        assert rows[1].split()[:4] == [euro["account"]["id"], "Euro", "GmbH", "EUR"]
        for secret in (acme["test_api_key"], acme["live_api_key"], extra["api_key"]):
            assert secret not in plain.stdout + str(listed)

    def test_an_installation_without_accounts_says_how_to_start(self, env: dict[str, str]) -> None:
        assert cli_json("accounts", "list", "--json", env=env)["data"] == []
        plain = run_cli("accounts", "list", env=env)
        assert plain.returncode == 0 and "remit accounts create" in plain.stdout


class TestKeysList:
    def test_lists_every_key_of_the_account_and_no_secret(self, env: dict[str, str]) -> None:
        account = new_account(env, "Keys Co")
        account_id = account["account"]["id"]
        reader = cli_json("keys", "create", "--account", account_id, "--scopes",
                          "invoices:read", "--name", "reader", "--json", env=env)  # fmt: skip
        reepay = cli_json("keys", "create", "--account", account_id, "--kind", "reepay",
                          "--mode", "live", "--json", env=env)  # fmt: skip
        assert run_cli("keys", "revoke", reader["key"]["id"], env=env).returncode == 0
        other = new_account(env, "Other Co")

        listed = cli_json("keys", "list", "--account", account_id, "--json", env=env)["data"]
        by_id = {key["id"]: key for key in listed}
        assert list(by_id) == sorted(by_id)  # oldest first
        assert len(by_id) == 4  # the account's two first keys, the reader, the Reepay key
        shown = by_id[reader["key"]["id"]]
        assert (shown["kind"], shown["mode"], shown["scopes"], shown["name"]) == (
            "remit", "test", ["invoices:read"], "reader"
        )  # fmt: skip
        assert shown["hint"] == reader["api_key"][-4:] and shown["revoked_at"] is not None
        shown = by_id[reepay["key"]["id"]]
        assert (shown["kind"], shown["mode"], shown["revoked_at"]) == ("reepay", "live", None)
        assert all("secret" not in key for key in listed)

        plain = run_cli("keys", "list", "--account", account_id, env=env)
        assert plain.returncode == 0, plain.stderr
        assert all(key_id in plain.stdout for key_id in by_id)
        assert f"…{reepay['api_key'][-4:]}" in plain.stdout
        secrets = [account["test_api_key"], account["live_api_key"], reader["api_key"],
                   reepay["private_key"]]  # fmt: skip
        assert not any(secret in plain.stdout + str(listed) for secret in secrets)
        assert other["account"]["id"] not in str(listed)

    def test_an_unknown_account_is_refused(self, env: dict[str, str]) -> None:
        result = run_cli("keys", "list", "--account", "acct_01m8000000000000000000000", env=env)
        assert "No such account" in one_line_error(result)


class TestKeysCreate:
    @pytest.mark.parametrize(
        ("kind", "own_fields"),
        [("remit", set()), ("whop", {"key_id"}), ("retempo", {"key_id"}),
         ("reepay", {"private_key", "key_id"}),
         ("rapyd", {"access_key", "secret_key", "key_id"})],
    )  # fmt: skip
    def test_every_kind_answers_one_shape(
        self, kind: str, own_fields: set[str], env: dict[str, str]
    ) -> None:
        account_id = new_account(env, f"{kind} Co")["account"]["id"]
        issued = cli_json("keys", "create", "--account", account_id, "--kind", kind, "--json",
                          env=env)  # fmt: skip
        assert set(issued) == {"key", "api_key"} | own_fields  # the dialect's names, kept
        key = issued["key"]
        assert key["id"].startswith("key_") and key["account"] == account_id
        stored = "remit" if kind in ("whop", "retempo") else kind  # their clients send remit keys
        assert (key["kind"], key["mode"], key["livemode"]) == (stored, "test", False)
        assert key["secret"] == issued["api_key"] and key["hint"] == issued["api_key"][-4:]
        secret_field = {"reepay": "private_key", "rapyd": "secret_key"}.get(kind, "api_key")
        assert issued[secret_field] == issued["api_key"]
        assert issued.get("key_id", key["id"]) == key["id"]
