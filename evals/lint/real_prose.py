"""Blame precision and recall on real published postmortems, per rule.

Usage: python evals/lint/real_prose.py [LABELS.jsonl ...] [--corpus DIR] [--show-errors]

The labels (``real_prose/*.jsonl``) were written by people who had not seen the linter's
output: one unit per sentence, list item, table cell or heading of each document, with
its first line, ``label`` blame/clean and a reason. Each document is linted whole with
``lint_markdown`` (as ``pir-ai lint`` does); a PIR2xx finding belongs to the unit whose
span (its first line up to the next unit's) holds the finding's line, or, when several
units start on that line, to the first of them whose text holds the matched words. A unit is flagged
when any PIR2xx finding belongs to it. Precision counts units, not findings, so one
sentence with two findings is one call; the per-rule table counts findings.

The documents are read from ``../shared/corpus/postmortems`` (not in this repository);
without them this prints why and exits 2. ``dfds_holdout.jsonl`` is a holdout: score it
once per round, never tune on it.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pir_ai.findings import Finding
from pir_ai.lint import LintConfig, lint_markdown

HERE = Path(__file__).parent
CORPUS = HERE.parents[2] / "shared" / "corpus" / "postmortems"
DEV_SETS = (HERE / "real_prose" / "posthog.jsonl", HERE / "real_prose" / "dfds.jsonl")


def _units(path: Path) -> dict[str, list[dict[str, Any]]]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            unit = json.loads(line)
            by_doc[unit["doc"]].append(unit)
    for units in by_doc.values():
        units.sort(key=lambda u: u["line"])
    return by_doc


def _unit_of(finding: Finding, units: list[dict[str, Any]], starts: list[int]) -> int:
    """The unit holding ``finding``: among the units starting on its line (a paragraph on
    one line holds several sentences) the first whose text holds the matched words, else
    the last unit starting at or before its line."""
    line = finding.location.line or 1
    last = bisect.bisect_right(starts, line) - 1
    first = bisect.bisect_left(starts, line)
    matched = " ".join((finding.matched or "").split())
    for index in range(first, last + 1):
        if matched and matched in " ".join(units[index]["text"].split()):
            return index
    return last


def score(path: Path, corpus: Path, show: bool) -> dict[str, Any]:
    """Unit-level precision/recall of the PIR2xx rules over one labels file."""
    tp = fp = fn = 0
    rule_tp: Counter[str] = Counter()
    rule_fp: Counter[str] = Counter()
    by_doc = _units(path)
    for doc, units in by_doc.items():
        text = (corpus / doc).read_text("utf-8")
        starts = [u["line"] for u in units]
        flagged: dict[int, set[str]] = defaultdict(set)
        for finding in lint_markdown(text, config=LintConfig(select=["PIR2"])):
            index = _unit_of(finding, units, starts)
            if index >= 0:
                flagged[index].add(finding.code)
        for index, unit in enumerate(units):
            truth = unit["label"] == "blame"
            codes = flagged.get(index, set())
            for code in codes:
                (rule_tp if truth else rule_fp)[code] += 1
            if truth and codes:
                tp += 1
            elif codes:
                fp += 1
                if show:
                    print(f"  FP {sorted(codes)} {doc}:{unit['line']} {unit['text'][:110]}")
            elif truth:
                fn += 1
                if show:
                    print(f"  FN [{unit.get('type')}] {doc}:{unit['line']} {unit['text'][:110]}")
    return {
        "units": sum(len(u) for u in by_doc.values()),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "per_rule": {
            code: {"true": rule_tp[code], "false": rule_fp[code]}
            for code in sorted(set(rule_tp) | set(rule_fp))
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures per labels file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="*", type=Path, default=list(DEV_SETS))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: the real postmortems are not in this repository")
        return 2
    for path in args.labels:
        r = score(path, args.corpus, args.show_errors)
        rules = ", ".join(f"{c} {v['true']}/{v['false']}" for c, v in r["per_rule"].items())
        print(
            f"{path.name:20} units={r['units']:4} P={r['precision']:.3f} R={r['recall']:.3f} "
            f"tp={r['tp']} fp={r['fp']} fn={r['fn']}  per rule (true/false): {rules}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
