"""The docs' commands run as written (README: "every page shows commands that actually run").

Each page's ```bash blocks run in order, in one bash with `set -euo pipefail`, from the
repository root, against a live `remit serve`. `curl` is wrapped so that a 5xx answer or a
transport failure fails the page; 4xx answers are shown on purpose by some examples.
A command line ending in `# ⇒ <text>` must print exactly <text>.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET, MigratedDatabase
from tests.processes import free_port, remit_env, serve

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
    "docs/operations.md",
]
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
    env = remit_env(
        database.url, TEST_SECRET, REMIT_WEBHOOK_ALLOW_PRIVATE="1", WEBHOOK_PORT=str(free_port())
    )
    with serve(env, tmp_path) as server:
        script = PRELUDE + "\n".join(checked(line) for line in commands(page).splitlines())
        result = subprocess.run(
            ["bash", "-c", script], cwd=ROOT, env=env | {"REMIT": server.url},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert result.returncode == 0, f"{page} failed:\n{result.stderr}\n{result.stdout[-3000:]}"
    assert "Traceback" not in result.stdout + result.stderr


def test_every_page_checks_some_outputs() -> None:
    assert all(expectations(page) >= 5 for page in PAGES)
