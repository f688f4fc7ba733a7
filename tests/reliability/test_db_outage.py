"""Database outage: PostgreSQL is stopped and started again under load.

While it is down the API answers 503 with `Retry-After` (never a 500, never later than its
request timeout); once it is back the API recovers by itself, and the worker delivers every
event — those it was retrying when the database went away included.

The database is a private cluster in a temporary directory (the machine's own server is
shared and never touched); the test is skipped only when PostgreSQL's binaries are absent.
"""

from __future__ import annotations

import asyncio
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest

from remit.db.migrate import migrate
from tests.processes import Server, cli_json, free_port, remit_env, serve
from tests.webhooks.receiver import Receiver, running_receiver

pytestmark = [pytest.mark.processes, pytest.mark.slow]

REQUEST_TIMEOUT = 5.0
BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))


@dataclass
class Cluster:
    """A PostgreSQL cluster of our own: `stop()` and `start()` it at will."""

    bin_dir: Path
    data: Path
    port: int

    def _as_owner(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, f"{command[0]} failed: {done.stdout}{done.stderr}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        log = str(self.data / "server.log")
        self._as_owner(str(self.bin_dir / "pg_ctl"), "-D", str(self.data / "db"), "-o", options,
                       "-l", log, "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._as_owner(str(self.bin_dir / "pg_ctl"), "-D", str(self.data / "db"), "-m", "fast",
                       "-w", "stop")  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/remit"


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    if not BINARIES:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    if os.geteuid() == 0 and not _has_user("postgres"):
        pytest.skip("running as root, and there is no `postgres` user to own the cluster")
    # Directly under /tmp: pytest's own temporary directories are closed to other users.
    data = Path(tempfile.mkdtemp(prefix="remit-outage-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    found = Cluster(Path(BINARIES[-1]).parent, data, free_port())
    found._as_owner(str(found.bin_dir / "initdb"), "-D", str(data / "db"), "-A", "trust",
                    "-U", "postgres")  # fmt: skip
    found.start()
    try:
        yield found
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(found.bin_dir / "pg_ctl"), "-D",
             str(data / "db"), "-m", "immediate", "stop"],
            capture_output=True, check=False,
        )  # fmt: skip
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


@dataclass
class Answer:
    status: int  # 0: no answer at all
    seconds: float
    retry_after: str | None
    media_type: str


async def hammer(client: httpx.AsyncClient, stop: asyncio.Event, answers: list[Answer]) -> None:
    while not stop.is_set():
        started = time.monotonic()
        try:
            response = await client.post("/v1/customers", json={"name": "Under load"})
            answer = Answer(response.status_code, time.monotonic() - started,
                            response.headers.get("retry-after"),
                            response.headers.get("content-type", ""))  # fmt: skip
        except httpx.HTTPError:
            answer = Answer(0, time.monotonic() - started, None, "")
        answers.append(answer)
        await asyncio.sleep(0.02)


async def customer_event_ids(client: httpx.AsyncClient) -> set[str]:
    """Every event made after the endpoint (its own creation is not sent to it)."""
    found, params = set(), {"limit": 100}
    while True:
        listed = (await client.get("/v1/events", params=params)).json()
        found |= {e["id"] for e in listed["data"] if e["type"].startswith("customer.")}
        if not listed["has_more"]:
            return found
        params["starting_after"] = listed["next_cursor"]


async def wait_healthy(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=server.url, timeout=REQUEST_TIMEOUT + 2) as client:
        while time.monotonic() < deadline:
            if (await client.get("/healthz")).status_code == 200:
                return
            await asyncio.sleep(0.2)
    raise AssertionError("the API did not recover once the database was back")


async def test_a_database_outage_is_503_then_recovery_with_nothing_lost(
    cluster: Cluster, receiver: Receiver, tmp_path: Path
) -> None:
    admin = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres")
    await admin.execute("CREATE DATABASE remit")
    await admin.close()
    await migrate(cluster.url)
    env = remit_env(cluster.url, "outage-secret-" + "o" * 32, REMIT_WEBHOOK_ALLOW_PRIVATE="1",
                    REMIT_WORKER_POLL_SECONDS="0.2", REMIT_WEBHOOK_RETRY_BASE_SECONDS="0.2",
                    REMIT_REQUEST_TIMEOUT_SECONDS=str(REQUEST_TIMEOUT))  # fmt: skip
    key = cli_json("accounts", "create", "--name", "Outage Co", "--json", env=env)["api_key"]
    # The receiver fails at first: deliveries are still being retried when the database goes.
    hooks = receiver.plan("/hooks", *([500] * 6))

    with serve(env, tmp_path) as server:
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=30) as client:
            assert (await client.post("/v1/webhook_endpoints", json={"url": hooks})).is_success
            stop, answers = asyncio.Event(), []
            load = asyncio.gather(*(hammer(client, stop, answers) for _ in range(3)))
            await asyncio.sleep(1.0)
            await asyncio.to_thread(cluster.stop)
            down_from = len(answers)
            await asyncio.sleep(3.0)
            down_until = len(answers)
            await asyncio.to_thread(cluster.start)
            await wait_healthy(server, 30)
            await asyncio.sleep(1.0)
            stop.set()
            await load

            during = answers[down_from:down_until]
            assert during, "no request was made while the database was down"
            assert {a.status for a in answers} <= {201, 503}, {a.status for a in answers}
            refused = [a for a in during if a.status == 503]
            assert refused and all(a.retry_after for a in refused)
            assert all(a.media_type.startswith("application/problem+json") for a in refused)
            assert max(a.seconds for a in answers) < REQUEST_TIMEOUT + 2
            assert answers[-1].status == 201  # recovered, without a restart

            created = await customer_event_ids(client)
            await receiver.wait_for(lambda: created <= set(receiver.event_ids("/hooks")), 60)
