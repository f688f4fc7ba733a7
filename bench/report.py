"""The results of a run: the machine it ran on, a JSON document, and the table on stdout."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "postgresql": _postgres_version(),
        "commit": _commit(),
    }


def _postgres_version() -> str | None:
    try:
        out = subprocess.run(["postgres", "--version"], capture_output=True, text=True)
    except FileNotFoundError:
        out = subprocess.run(["psql", "--version"], capture_output=True, text=True)
    return out.stdout.strip() or None


def _commit() -> str | None:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or None


def document(
    machine: dict[str, Any],
    results: list[dict[str, Any]],
    *,
    quick: bool,
    seconds: float,
    partial: bool = False,
) -> dict[str, Any]:
    machine = machine | {"load_average_at_end": [round(x, 2) for x in os.getloadavg()]}
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": ("quick" if quick else "full") + (" partial" if partial else ""),
        "seconds": round(seconds, 1),
        "machine": machine,
        "backends": results,
    }


def save(document: dict[str, Any], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    name = document["date"][:10] + "".join(f"-{word}" for word in document["mode"].split()[1:])
    if document["mode"].startswith("quick"):
        name += "-quick"
    path = directory / f"{name}.json"
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


def _ratio(value: float, ceiling: float) -> str:
    return f"{value / ceiling:.2f}" if ceiling else "-"


def _row(backend: str, scenario: str, figures: dict[str, Any], ceiling: float | None) -> str:
    ratio = _ratio(figures["per_second"], ceiling) if ceiling else ""
    return (
        f"| {backend} | {scenario} | {figures['per_second']:.1f} | {figures['p50_ms']:.1f} "
        f"| {figures['p95_ms']:.1f} | {figures['p99_ms']:.1f} | {ratio} "
        f"| {figures.get('server_cpu_ms', '')} | {figures.get('db_cpu_ms', '')} "
        f"| {figures.get('client_cpu_ms', '')} | {figures.get('machine_busy_pct', '')} |"
    )


def table(document: dict[str, Any]) -> str:
    out = [
        "| backend | scenario | per second | p50 ms | p95 ms | p99 ms | ÷ ceiling | API CPU ms "
        "| DB CPU ms | load CPU ms | busy % |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for result in document["backends"]:
        name = result["backend"]
        for row in result.get("create", ()):
            clients, ceiling = row["clients"], row["ceiling"]["per_second"]
            out.append(_row(name, f"1. create, 3 lines, {clients} client(s)", row["api"], ceiling))
            out.append(_row(name, f"ceiling, {clients} connection(s)", row["ceiling"], None))
            out.append(
                _row(name, f"ceiling without counter, {clients}", row["ceiling_draft_rows"], None)
            )
        if "numbering" in result:
            numbering = result["numbering"]
            ceiling = numbering["ceiling"]["per_second"]
            for label, key in (("1 account", "one_account"), ("50 accounts", "fifty_accounts")):
                out.append(_row(name, f"2. create+finalize, {label}, 8", numbering[key], ceiling))
        for row in result.get("lines", ()):
            per_line = row["api"]["p50_ms"] / row["lines"]
            out.append(_row(name, f"3. create, {row['lines']} lines, 1 client", row["api"], None))
            notes.append(f"{name}: {row['lines']} lines: p50 {per_line:.3f} ms per line")
        for row in result.get("lists", ()):
            for query in ("first_page", "deep_page", "filtered"):
                label = f"4. list {query.replace('_', ' ')}, {row['invoices']:,} invoices"
                out.append(_row(name, label, row[query], None))
            notes.append(f"{name}: seeding to {row['invoices']:,} took {row['seed_seconds']} s")
        if "webhooks" in result:
            hooks = result["webhooks"]
            out.append(
                f"| {name} | 5. webhook deliveries ({hooks['count']}/{hooks['expected']}) "
                f"| {hooks['per_second']:.1f} | | | | | | | | |"
            )
        if "billing" in result:
            run = result["billing"]
            out.append(
                f"| {name} | 7. a year of monthly billing, {run['subscriptions']:,} "
                f"subscriptions, one clock advance: {run['seconds']} s (target < "
                f"{run['target_seconds']} s) | {run['per_second']:.1f} | | | | | | "
                f"{run.get('db_cpu_ms', '')} | | {run.get('machine_busy_pct', '')} |"
            )
        if "scale_out" in result:
            one = result["scale_out"]["one_process"]
            two = result["scale_out"]["two_processes"]
            out.append(_row(name, "6. create, 8 clients, 1 API process", one, None))
            out.append(_row(name, "6. create, 8 clients, 2 API processes", two, None))
            notes.append(
                f"{name}: 2 processes ÷ 1 = {_ratio(two['per_second'], one['per_second'])}"
            )
        if "statements" in result:
            counts = result["statements"]
            notes.append(
                f"{name}: SQL statements per create (3 lines, Idempotency-Key) "
                f"{counts['create_3_lines']}, per create+finalize {counts['create_and_finalize']}"
            )
        notes.append(f"{name}: peak RSS of the API process {result['peak_rss_mb']} MB")
    m = document["machine"]
    header = (
        f"{document['date']} ({document['mode']} run, {document['seconds']} s) on {m['cpu']}, "
        f"{m['cores']} cores, {m['memory_gb']} GB; load average {m['load_average_at_start']} "
        f"→ {m['load_average_at_end']}; {m['postgresql']}; commit {m['commit']}"
    )
    return "\n".join([header, "", *out, "", *(f"- {n}" for n in notes)])


if __name__ == "__main__":  # re-print the table of a saved run: python -m bench.report FILE
    import sys

    print(table(json.loads(Path(sys.argv[1]).read_text())))
