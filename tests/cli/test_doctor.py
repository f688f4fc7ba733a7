"""`remit doctor` reports each check — database, migrations, secret, PDF rendering, public
URL — as ok or as a problem with its fix, and exits 1 when anything is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import CLOSED_POSTGRES, doctor, migrations_in_all, new_account
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import cli_json, remit_env, run_cli

pytestmark = pytest.mark.processes

PUBLIC = {"REMIT_PUBLIC_URL": "https://billing.example.com"}
# WeasyPrint without Pango: importing it fails so (weasyprint/__init__.py, cffi's dlopen).
NO_PANGO = "raise OSError(\"cannot load library 'libpango-1.0-0': No such file or directory\")\n"


class TestDoctor:
    def test_a_good_setup_is_ready_to_serve(self, fresh: MigratedDatabase) -> None:
        env = remit_env(fresh.url, TEST_SECRET, **PUBLIC)
        code, found = doctor(env)
        assert code == 0, found
        assert {name: f["status"] for name, f in found.items()} == {
            "database": "ok", "migrations": "ok", "secret": "ok", "pdf": "ok", "public url": "ok"
        }  # fmt: skip
        backend = "SQLite" if fresh.backend == "sqlite" else "PostgreSQL"
        assert found["database"]["detail"].startswith(backend)
        plain = run_cli("doctor", env=env)
        *lines, verdict = plain.stdout.splitlines()
        assert plain.returncode == 0 and verdict == "remit doctor: ready to serve"
        assert all(line.startswith("ok ") for line in lines)

    def test_pending_migrations_are_counted(self, blank: str) -> None:
        env = remit_env(blank, TEST_SECRET, **PUBLIC)
        code, found = doctor(env)
        assert code == 1 and found["migrations"]["status"] == "problem"
        assert found["migrations"]["detail"] == f"{migrations_in_all()} migrations are pending"
        assert "remit migrate" in found["migrations"]["fix"]
        assert run_cli("migrate", env=env).returncode == 0
        code, found = doctor(env)
        assert code == 0 and found["migrations"]["status"] == "ok"

    def test_a_missing_secret_on_postgres_is_a_problem(self, fresh: MigratedDatabase) -> None:
        if fresh.backend != "postgresql":
            pytest.skip("SQLite keeps a secret of its own")
        code, found = doctor(remit_env(fresh.url, None, **PUBLIC))
        assert code == 1 and found["secret"]["status"] == "problem"
        assert "REMIT_SECRET_KEY must be set" in found["secret"]["detail"]
        assert "remit secret generate" in found["secret"]["fix"]
        plain = run_cli("doctor", env=remit_env(fresh.url, None, **PUBLIC))
        assert "problem  secret" in plain.stdout and "remit doctor: 1 problem" in plain.stdout

    def test_a_changed_secret_is_caught_by_what_it_sealed(self, fresh: MigratedDatabase) -> None:
        env = remit_env(fresh.url, TEST_SECRET, **PUBLIC)
        account_id = new_account(env)["account"]["id"]
        # A Rapyd key's secret is sealed with the server secret (an HMAC needs it in clear).
        rapyd = cli_json("keys", "create", "--account", account_id, "--kind", "rapyd", "--json",
                         env=env)  # fmt: skip
        code, found = doctor(env)
        assert code == 0 and "opens the secrets sealed" in found["secret"]["detail"]
        other = run_cli("secret", "generate", env=env).stdout.strip()
        code, found = doctor(env | {"REMIT_SECRET_KEY": other})
        assert code == 1 and found["secret"]["status"] == "problem"
        assert f"API key {rapyd['key_id']}" in found["secret"]["detail"]

    def test_an_unreachable_database_is_named_and_the_rest_still_checked(self) -> None:
        code, found = doctor(remit_env(CLOSED_POSTGRES, TEST_SECRET, **PUBLIC))
        assert code == 1 and found["database"]["status"] == "problem"
        assert "connection refused" in found["database"]["detail"]
        assert found["migrations"]["status"] == "skipped"
        assert found["pdf"]["status"] == "ok" and found["public url"]["status"] == "ok"

    def test_a_short_secret_and_a_malformed_public_url_are_problems(self, tmp_path: Path) -> None:
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", "too-short",
                        REMIT_PUBLIC_URL="billing.example.com")  # fmt: skip
        code, found = doctor(env)
        assert code == 1
        assert found["secret"]["status"] == "problem" and "too short" in found["secret"]["detail"]
        assert found["public url"]["status"] == "problem"
        assert "https://" in found["public url"]["detail"]
        assert not (tmp_path / "remit.db").exists()  # the doctor only looks

    def test_an_unset_public_url_is_a_warning(self, tmp_path: Path) -> None:
        code, found = doctor(remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET))
        assert found["public url"]["status"] == "warning" and code == 0
        assert "REMIT_PUBLIC_URL" in found["public url"]["fix"]

    def test_weasyprint_without_its_libraries_is_a_problem(self, tmp_path: Path) -> None:
        package = tmp_path / "broken" / "weasyprint"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(NO_PANGO)
        env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET, **PUBLIC,
                        PYTHONPATH=str(tmp_path / "broken"))  # fmt: skip
        code, found = doctor(env)
        assert code == 1 and found["pdf"]["status"] == "problem"
        assert "libpango-1.0-0" in found["pdf"]["detail"] and "Pango" in found["pdf"]["fix"]
