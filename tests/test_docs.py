"""The docs' commands run as written (README: "every page shows commands that actually run").

Each page's ```bash blocks run in order, in one bash with `set -euo pipefail`, from the
repository root, against a live `remit serve`. `curl` is wrapped so that a 5xx answer or a
transport failure fails the page; 4xx answers are shown on purpose by some examples.
A command line ending in `# ⇒ <text>` must print exactly <text>.

The shell is a fresh one, as a reader's second terminal is: it holds the basics of a login
(`PATH`, `HOME`, the locale) and the installation's two settings that every `remit` command
reads — `REMIT_DATABASE_URL` and `REMIT_SECRET_KEY`, which `make serve` leaves implicit on
SQLite — and `REMIT`, the served URL that pages default to `http://127.0.0.1:8000`. Nothing
else: a variable a page needs, the page sets (the server is started as the pages say, e.g.
with `REMIT_WEBHOOK_ALLOW_PRIVATE=1`).

The README's quickstart runs as written, verbatim, in a shell with nothing but the login
basics, against `remit serve` on port 8000 in a directory of its own (`test_readme_quickstart`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import remit_env, serve

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "docs/api.md",
    "docs/money.md",
    "docs/numbering.md",
    "docs/webhooks.md",
    "docs/payments.md",
    "docs/corrections.md",
    "docs/billing.md",
    "docs/hosted.md",
    "docs/einvoicing.md",
    "docs/dialects/retempo.md",
    "docs/dialects/reepay.md",
    "docs/dialects/rapyd.md",
    "docs/dialects/whop.md",
    "docs/operations.md",
]
LOGIN = ("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "TERM", "TMPDIR")
BLOCK = re.compile(r"```bash\n(.*?)```", re.DOTALL)

PRELUDE = r"""
set -euo pipefail
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT  # background helpers end with the page
curl() {
  # A command that asks for its own output or status (-o, -w, -D) gets curl untouched.
  case " $* " in *" -o "*|*" -w "*|*" -D "*) command curl "$@"; return;; esac
  local body code
  body=$(mktemp)
  code=$(command curl -sS -o "$body" -w '%{http_code}' "$@") \
    || { echo "curl failed: $*" >&2; return 1; }
  cat "$body"; rm -f "$body"
  if [ "$code" -ge 500 ]; then echo "HTTP $code from: $*" >&2; return 1; fi
}
"""


EXPECTATION = re.compile(r"^(?P<command>[^#\s].*?)\s+# ⇒ (?P<expected>.+?)\s*$")
CHECK = """__out=$({command})
printf '%s\\n' "$__out"
if [ "$__out" != {expected} ]; then echo "expected: "{expected}"; got: $__out" >&2; exit 1; fi"""


def checked(line: str) -> str:
    """A `command  # ⇒ text` line becomes: run it, print its output, fail unless it is text."""
    match = EXPECTATION.match(line)
    if match is None:
        return line
    return CHECK.format(command=match["command"], expected=shlex.quote(match["expected"]))


def expectations(page: str) -> int:
    return sum(bool(EXPECTATION.match(line)) for line in commands(page).splitlines())


def commands(page: str) -> str:
    return "\n".join(BLOCK.findall((ROOT / page).read_text()))


@pytest.mark.parametrize("page", PAGES)
def test_page_commands_run(page: str, database: MigratedDatabase, tmp_path: Path) -> None:
    remit = ROOT / ".venv" / "bin" / "remit"
    assert remit.exists(), "the docs call .venv/bin/remit, which `make` creates"
    if "node " in commands(page) and shutil.which("node") is None:
        pytest.skip("Node.js is not installed; the page verifies a webhook with it")
    env = remit_env(database.url, TEST_SECRET, REMIT_WEBHOOK_ALLOW_PRIVATE="1")
    with serve(env, tmp_path) as server:
        script = PRELUDE + "\n".join(checked(line) for line in commands(page).splitlines())
        installation = {"REMIT_DATABASE_URL": database.url, "REMIT_SECRET_KEY": TEST_SECRET}
        result = subprocess.run(
            ["bash", "-c", script], cwd=ROOT, env=fresh_shell(installation, REMIT=server.url),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert result.returncode == 0, f"{page} failed:\n{result.stderr}\n{result.stdout[-3000:]}"
    assert "Traceback" not in result.stdout + result.stderr


def fresh_shell(*settings: dict[str, str], **variables: str) -> dict[str, str]:
    """A new terminal's environment: the login basics, then what is given, nothing more."""
    basics = {name: os.environ[name] for name in LOGIN if name in os.environ}
    for given in settings:
        basics |= given
    return basics | variables


def test_every_page_checks_some_outputs() -> None:
    assert all(expectations(page) >= 5 for page in PAGES)


README_PORT = 8000  # as the README says: `make serve` answers on http://127.0.0.1:8000


def test_readme_quickstart(tmp_path: Path) -> None:
    """The quickstart, as a newcomer runs it: `make serve` in one terminal, in a checkout of
    its own (here: a directory that links the repository's files, so `./remit.db` is new),
    then the second block verbatim in a new terminal. (The third, `make test`, is what CI
    runs.) The invoice it makes is the one the text describes, open and not charged."""
    serve_block, first_invoice, test_block = BLOCK.findall((ROOT / "README.md").read_text())[:3]
    assert (serve_block.strip(), test_block.strip()) == ("make serve", "make test")
    for name in ("Makefile", "pyproject.toml", "requirements", "src", ".venv"):
        (tmp_path / name).symlink_to(ROOT / name)
    with socket.socket() as probe:
        taken = probe.connect_ex(("127.0.0.1", README_PORT)) == 0
    assert not taken, f"port {README_PORT}, which the README serves on, is taken by another program"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        ["bash", "-c", serve_block], cwd=tmp_path, env=fresh_shell(),
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{README_PORT}/healthz", server, tmp_path / "serve.log")
        result = subprocess.run(
            ["bash", "-c", "set -euo pipefail\n" + first_invoice], cwd=tmp_path,
            env=fresh_shell(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        invoice = json.loads(result.stdout)
        assert (invoice["object"], invoice["status"], invoice["collection_method"]) == (
            "invoice", "open", "send_invoice")  # fmt: skip
        assert (invoice["number"], invoice["subtotal"], invoice["tax_amount"]) == (
            "#0001", "450.00", "37.13")  # fmt: skip
        assert invoice["total"] == invoice["amount_remaining"] == "487.13"
        assert invoice["hosted_url"].startswith(f"http://127.0.0.1:{README_PORT}/i/")
        assert (tmp_path / "remit.db").is_file()  # the checkout's own database
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped: said above
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _wait_for(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120  # `make` may first check the venv
    while time.monotonic() < deadline:
        assert server.poll() is None, f"make serve stopped:\n{log.read_text()}"
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"make serve did not answer:\n{log.read_text()}")
