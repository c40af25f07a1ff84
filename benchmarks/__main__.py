"""``make bench``: speed and memory as ratios against baselines measured in the same run.

Nothing here asserts a time: it prints one table, with the target of each row, so a
reader can compare runs on different machines. Run: ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from benchmarks.rows import Row, print_table


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _json_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.json*") if p.is_file())


def bare_decode(root: Path) -> None:
    """Baseline: decode every JSON / JSON Lines file under ``root`` with orjson, nothing else."""
    for path in _json_files(root):
        data = path.read_bytes()
        if path.suffix == ".jsonl":
            for line in data.splitlines():
                if line.strip():
                    orjson.loads(line)
        else:
            orjson.loads(data)


def ingest_rows(work: Path, messages: int) -> list[Row]:
    """Slack-export and Alertmanager ingest against a bare orjson pass over the same files."""
    from evals.generate import generate_large_incident, generate_slack_export

    from pir_ai import load_incident

    rows = []
    slack = generate_slack_export(work / "slack", messages)
    incident_dir = generate_large_incident(work / "large", events=messages)
    alert_files = sorted(incident_dir.rglob("*alertmanager*.jsonl"))
    for label, target in (("Slack export", slack), ("Alertmanager JSONL", alert_files)):
        root = target if isinstance(target, Path) else target[0].parent
        base_s = _timed(lambda root=root: bare_decode(root))
        started = time.perf_counter()
        events = len(load_incident(target).events)
        pir_s = time.perf_counter() - started
        rows.append(
            Row(
                f"{label} ingest ({events:,} events)",
                f"{events / pir_s:,.0f} ev/s vs bare orjson {events / base_s:,.0f} ev/s",
                (events / pir_s) / (events / base_s),
                ">= 0.5",
                lambda r: r >= 0.5,
            )
        )
    return rows


_MEMORY_PROBE = """
import resource, sys
from pir_ai import load_incident
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
incident = load_incident(sys.argv[1])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base, peak, len(incident.events))
"""


def memory_row(work: Path, messages: int) -> Row:
    """Peak RSS of a fresh process loading a generated Slack export."""
    from evals.generate import generate_slack_export

    export = generate_slack_export(work / "slack-mem", messages)
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(export)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    base_kb, peak_kb, events = (int(x) for x in out)
    peak_mb = peak_kb / 1024
    return Row(
        f"Peak memory, {events:,}-message Slack export",
        f"{peak_mb:,.0f} MB (interpreter + imports {base_kb / 1024:,.0f} MB)",
        peak_mb,
        "<= 400 MB",
        lambda r: r <= 400,
    )


def pipeline_rows(work: Path) -> list[Row]:
    """Offline drafting time per 10,000 events at 10k and 100k, and its growth."""
    from evals.generate import generate_large_incident

    from pir_ai import draft_postmortem, load_incident

    per_10k = {}
    for size in (10_000, 100_000):
        folder = generate_large_incident(work / f"pipe-{size}", events=size)
        incident = load_incident(sorted(p for p in folder.iterdir() if p.name != "gold.json"))
        seconds = _timed(lambda i=incident: draft_postmortem(i))
        per_10k[size] = seconds / (len(incident.events) / 10_000)
    growth = per_10k[100_000] / per_10k[10_000]
    return [
        Row(
            "Offline draft, per 10k events (10k)",
            f"{per_10k[10_000]:.3f} s",
            per_10k[10_000],
            "baseline",
            lambda r: True,
        ),
        Row(
            "Offline draft, per 10k events (100k)",
            f"{per_10k[100_000]:.3f} s",
            per_10k[100_000],
            "baseline",
            lambda r: True,
        ),
        Row(
            "Growth per-10k time, 10k -> 100k",
            f"x{growth:.2f}",
            growth,
            "<= 1.5 (near linear)",
            lambda r: r <= 1.5,
        ),
    ]


def token_row(work: Path) -> Row:
    """Prompt tokens sent for a 100k-event incident against a naive dump of every source."""
    from evals.generate import generate_large_incident
    from pir_ai.budget import condense_ratio

    from pir_ai import load_incident

    folder = generate_large_incident(work / "tokens", events=100_000)
    incident = load_incident(sorted(p for p in folder.iterdir() if p.name != "gold.json"))
    ratio = condense_ratio(incident, "gpt-4.1-mini")
    return Row(
        "Prompt tokens vs naive dump (100k events)",
        f"{ratio:.3f}",
        ratio,
        "<= 0.2",
        lambda r: r <= 0.2,
    )


def lint_row() -> Row:
    """Lint throughput on the labelled sentence set, against a bare regex pass baseline."""
    import re

    from pir_ai import lint_text

    lines = Path("evals/lint/sentences.jsonl").read_text(encoding="utf-8").splitlines()
    sentences = [json.loads(line)["text"] for line in lines if line.strip()] * 40
    pattern = re.compile(r"\bshould have\b", re.IGNORECASE)
    base_s = _timed(lambda: [pattern.search(s) for s in sentences])
    lint_s = _timed(lambda: [lint_text(s) for s in sentences])
    rate = len(sentences) / lint_s
    return Row(
        f"Lint throughput ({len(sentences):,} sentences)",
        f"{rate:,.0f} sentences/s (one-regex pass {len(sentences) / base_s:,.0f}/s)",
        rate,
        ">= 20,000 /s",
        lambda r: r >= 20_000,
    )


def main() -> int:
    """Run every benchmark and print one table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="pir-ai-bench-") as tmp:
        work = Path(tmp)
        rows += ingest_rows(work, args.messages)
        rows.append(memory_row(work, args.messages))
        rows += pipeline_rows(work)
        rows.append(token_row(work))
    rows.append(lint_row())
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([r.as_dict() for r in rows], indent=2), encoding="utf-8")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(peak RSS of this process: {peak_mb} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
