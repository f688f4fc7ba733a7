"""The processes of a benchmark run: `remit serve`, `remit worker`, the load generator, the
ceiling and the receiver — each its own OS process, as in production."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.processes import Server, free_port, start_worker, stop
from tests.processes import remit_env as test_env
from tests.processes import serve as live_server

PYTHON = sys.executable
__all__ = ["free_port"]  # for the scenarios


def remit_env(database_url: str, secret: str) -> dict[str, str]:
    return test_env(database_url, secret, REMIT_WEBHOOK_ALLOW_PRIVATE="1")


def remit(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, "-m", "remit.cli", *args], env=env, check=True, capture_output=True)


def cpu_seconds(pids: list[int], *, ended_children: bool = False) -> float:
    """User + system CPU time the processes used so far: on a shared machine, CPU per request
    is steadier than wall-clock time, which counts waiting for a core. With `ended_children`,
    the time of the children they have reaped too; a process that ended meanwhile counts 0."""
    last = 15 if ended_children else 13  # utime, stime (, cutime, cstime)
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if ended_children:  # a backend that ended between the listing and the read
                continue
            raise
        ticks += sum(int(field) for field in fields[11:last])
    return ticks / os.sysconf("SC_CLK_TCK")


def postgres_pids() -> list[int]:
    """PostgreSQL's processes on this machine (the benchmark's server is local): their CPU
    per request is the database's share of the work."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:  # gone since the listing
                continue
    return found


def postgres_cpu_seconds() -> float:
    """CPU time of PostgreSQL's live processes, plus that of the backends that have ended
    (the postmaster reaps them: their time is its children's time), so connections opened
    and closed during a run count too."""
    return cpu_seconds(postgres_pids(), ended_children=True)


def machine_ticks() -> tuple[int, int]:
    """Busy and total CPU ticks of the whole machine, all cores (`/proc/stat`)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


class RssMonitor:
    """The peak resident set size of a process, sampled every 100 ms (plus the kernel's own
    high-water mark at the end)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _read(self, field: str) -> int:
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
        return 0

    def _watch(self) -> None:
        while not self._stop.wait(0.1):
            self.peak_kb = max(self.peak_kb, self._read("VmRSS"))

    def stop(self) -> float:
        self.peak_kb = max(self.peak_kb, self._read("VmHWM"))
        self._stop.set()
        self._thread.join()
        return round(self.peak_kb / 1024, 1)


@contextmanager
def serve(env: dict[str, str], logs: Path) -> Iterator[Server]:
    """A `remit serve` without its embedded worker; `.rss` follows its memory."""
    with live_server(env, logs, extra_args=["--no-worker"]) as server:
        server.rss = RssMonitor(server.process.pid)
        try:
            yield server
        finally:
            server.rss.stop()


@contextmanager
def worker(env: dict[str, str], logs: Path) -> Iterator[subprocess.Popen[str]]:
    process = start_worker(env, logs)
    try:
        yield process
    finally:
        stop(process)


def run_json(module: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run `python -m bench.<module> SPEC` in its own process; its last line is the result."""
    result = subprocess.run(
        [PYTHON, "-m", f"bench.{module}", json.dumps(spec)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.{module} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextmanager
def receiver(port: int, expected: int, timeout: float) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [PYTHON, "-m", "bench.receiver", str(port), str(expected), str(timeout)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise RuntimeError("the webhook receiver did not start")
    try:
        yield process
    finally:
        stop(process)
