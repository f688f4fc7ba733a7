"""Real `remit` processes for tests that need them: servers on loopback, CLI invocations."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

REMIT = [sys.executable, "-m", "remit.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def remit_env(database_url: str | None, secret: str | None = None, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("REMIT_")}
    if database_url is not None:
        env["REMIT_DATABASE_URL"] = database_url
    if secret is not None:
        env["REMIT_SECRET_KEY"] = secret
    env.update(extra)
    return env


def run_cli(
    *args: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*REMIT, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def cli_json(*args: str, env: dict[str, str], cwd: Path | None = None) -> Any:
    result = run_cli(*args, env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class Server:
    """A `remit serve` process; `url` is its base URL."""

    def __init__(self, process: subprocess.Popen[str], port: int, log: Path) -> None:
        self.process, self.port, self.log = process, port, log
        self.url = f"http://127.0.0.1:{port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serve(
    env: dict[str, str],
    log_dir: Path,
    *,
    cwd: Path | None = None,
    timeout: float = 60,
    extra_args: list[str] | None = None,
) -> Iterator[Server]:
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [*REMIT, "serve", "--port", str(port), "--no-access-log", *(extra_args or [])],
            env=env,
            cwd=cwd,
            stdout=handle,
            stderr=subprocess.STDOUT,
            text=True,
        )
    server = Server(process, port, log)
    try:
        _wait_healthy(server, timeout)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def api_client(server: Server, key: str) -> httpx.AsyncClient:
    """An async client of a served process, authenticated with `key`."""
    return httpx.AsyncClient(
        base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=60
    )


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"remit serve exited early:\n{server.output()}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"remit serve did not become healthy:\n{server.output()}")


def start_worker(env: dict[str, str], log_dir: Path) -> subprocess.Popen[str]:
    """A `remit worker` process (stop it with `.terminate()` or `.kill()`)."""
    log = (log_dir / f"worker-{time.monotonic_ns()}.log").open("w")
    return subprocess.Popen(
        [*REMIT, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT, text=True
    )


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
