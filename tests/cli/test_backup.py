"""`remit backup PATH` and the restore drill of docs/operations.md: a copy made while the
server writes is one consistent state, restores by copying the two files back, and the
restored installation opens the invoice links the original sent."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from pathlib import Path

import httpx
import pytest

from tests.cli.conftest import new_account, one_line_error
from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import remit_env, run_cli, serve

pytestmark = pytest.mark.processes


def _invoice(client: httpx.Client, customer: str) -> dict[str, str]:
    created = client.post("/v1/invoices", json={
        "customer": customer, "collection_method": "send_invoice", "days_until_due": 14,
        "lines": [{"description": "Support", "quantity": "1", "unit_amount": "120.00"}],
    })  # fmt: skip
    assert created.status_code == 201, created.text
    finalized = client.post(f"/v1/invoices/{created.json()['id']}/finalize")
    assert finalized.status_code == 200, finalized.text
    return finalized.json()


class _Writer(threading.Thread):
    """Creates customers one after the other until stopped: the load a backup runs under."""

    def __init__(self, client: httpx.Client) -> None:
        super().__init__(daemon=True)
        self.client, self.stopping, self.created = client, threading.Event(), list[str]()

    def run(self) -> None:
        while not self.stopping.is_set():
            answer = self.client.post("/v1/customers", json={"name": f"C{len(self.created)}"})
            assert answer.status_code == 201, answer.text
            self.created.append(answer.json()["id"])


def test_restore_drill_on_sqlite(tmp_path: Path) -> None:
    live, kept, restored = (tmp_path / name for name in ("live", "kept", "restored"))
    for directory in (live, kept, restored):
        directory.mkdir()
    env = remit_env(f"sqlite:///{live}/remit.db")  # the secret is kept beside the file
    with serve(env, tmp_path) as server:
        key = new_account(env)["api_key"]
        headers = {"Authorization": f"Bearer {key}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
            customer = client.post("/v1/customers", json={"name": "Ada"}).json()["id"]
            invoice = _invoice(client, customer)
            writer = _Writer(client)
            writer.start()
            while len(writer.created) < 20:  # the backup starts while writes go on
                threading.Event().wait(0.01)
            written_before = len(writer.created)
            made = run_cli("backup", str(kept / "remit.db"), env=env)
            writer.stopping.set()
            writer.join()
    assert made.returncode == 0, made.stderr
    assert "integrity ok" in made.stdout and "remit.db.secret" in made.stdout
    assert (kept / "remit.db.secret").stat().st_mode & 0o777 == 0o600

    backed_up = _customer_ids(kept / "remit.db") - {customer}
    copied = len(backed_up)  # one state: the first `copied` customers written, none after
    assert copied >= written_before
    assert backed_up == set(writer.created[:copied])

    for name in ("remit.db", "remit.db.secret"):  # the restore: two files, copied back
        shutil.copy2(kept / name, restored / name)
    env = remit_env(f"sqlite:///{restored}/remit.db")
    with (
        serve(env, tmp_path) as server,
        httpx.Client(base_url=server.url, headers=headers, timeout=30) as client,
    ):
        again = client.get(f"/v1/invoices/{invoice['id']}")
        assert again.status_code == 200, again.text
        assert (again.json()["number"], again.json()["total"]) == (
            invoice["number"], invoice["total"])  # fmt: skip
        link = invoice["hosted_url"].split("/i/", 1)[1]
        page = client.get(f"/i/{link}")
        assert page.status_code == 200 and invoice["number"] in page.text
        next_one = _invoice(client, customer)  # numbering goes on without a gap
    assert _sequence(next_one["number"]) == _sequence(invoice["number"]) + 1


def _customer_ids(database: Path) -> set[str]:
    connection = sqlite3.connect(database)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM customers")}
    finally:
        connection.close()


def _sequence(number: str) -> int:
    digits = re.search(r"(\d+)$", number)
    assert digits, number
    return int(digits[1])


def test_refuses_to_overwrite_and_to_copy_the_database_onto_itself(tmp_path: Path) -> None:
    env = remit_env(f"sqlite:///{tmp_path}/remit.db")
    assert run_cli("migrate", env=env).returncode == 0
    first = run_cli("backup", str(tmp_path / "copy.db"), env=env)
    assert first.returncode == 0, first.stderr
    assert "exists" in one_line_error(run_cli("backup", str(tmp_path / "copy.db"), env=env))
    assert run_cli("backup", "--force", str(tmp_path / "copy.db"), env=env).returncode == 0
    itself = one_line_error(run_cli("backup", str(tmp_path / "remit.db"), env=env))
    assert "is the database itself" in itself
    missing = one_line_error(run_cli("backup", str(tmp_path / "no" / "copy.db"), env=env))
    assert "does not exist" in missing


def test_a_secret_from_the_environment_is_not_copied(tmp_path: Path) -> None:
    env = remit_env(f"sqlite:///{tmp_path}/remit.db", TEST_SECRET)
    assert run_cli("migrate", env=env).returncode == 0
    (tmp_path / "kept").mkdir()
    made = run_cli("backup", str(tmp_path / "kept"), env=env)  # into a directory: same name
    assert made.returncode == 0, made.stderr
    assert "REMIT_SECRET_KEY" in made.stdout
    assert (tmp_path / "kept" / "remit.db").is_file()
    assert not (tmp_path / "kept" / "remit.db.secret").exists()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_points_at_pg_dump(fresh: MigratedDatabase, tmp_path: Path) -> None:
    env = remit_env(fresh.url, TEST_SECRET)
    message = one_line_error(run_cli("backup", str(tmp_path / "x"), env=env))
    assert "pg_dump --format=custom" in message and "docs/operations.md#backups" in message
    assert not (tmp_path / "x").exists()
