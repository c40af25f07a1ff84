"""``make bench``: speed and memory as ratios against baselines measured in the same run.

Nothing here asserts a time: it prints one table, with the target of each row, so a
reader can compare runs on different machines. Timings are the best CPU time of a few
runs (see ``rows.best_time``).

Run: ``python -m benchmarks`` (100,000 messages / events; a few minutes), or
``python -m benchmarks --messages 20000`` for a quicker run at a fifth of the scale
(the pipeline rows then compare 2,000 and 20,000 events).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from pathlib import Path

from benchmarks.ingest import floor_row, ingest_row, memory_row
from benchmarks.lint_rows import cold_row, lint_row
from benchmarks.pipeline import pipeline_rows, token_row
from benchmarks.rows import Row, print_table
from evals.generate import generate_large_incident, generate_slack_export


def run(work: Path, messages: int, repeat: int) -> list[Row]:
    """Generate the inputs under ``work`` and measure every row."""
    print(f"generating inputs ({messages:,} messages / events) ...", file=sys.stderr)
    slack = generate_slack_export(work / "slack", messages)
    large = generate_large_incident(work / "large", events=messages)
    small = generate_large_incident(work / "small", events=max(messages // 10, 1_000))
    rows: list[Row] = []
    print("ingest ...", file=sys.stderr)
    alertmanager = large / "alerts" / "alertmanager.jsonl"
    rows.append(ingest_row("Slack export", slack, repeat))
    rows.append(floor_row("Slack export", slack, repeat))
    rows.append(ingest_row("Alertmanager JSONL", alertmanager, repeat))
    rows.append(floor_row("Alertmanager JSONL", alertmanager, repeat))
    print("memory ...", file=sys.stderr)
    rows.append(memory_row(slack))
    print("pipeline ...", file=sys.stderr)
    rows += pipeline_rows(small, large, repeat)
    print("tokens ...", file=sys.stderr)
    rows.append(token_row(large))
    print("lint ...", file=sys.stderr)
    rows.append(lint_row())
    rows.append(cold_row(work))
    return rows


def main() -> int:
    """Run every benchmark and print one table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--messages", type=int, default=100_000, help="Slack messages and incident events"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pir-ai-bench-") as tmp:
        rows = run(Path(tmp), args.messages, args.repeat)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([r.as_dict() for r in rows], indent=2), encoding="utf-8")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(peak RSS of this benchmark process: {peak_mb} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
