"""Precision and recall of the linter per family on the labelled sets in this folder.

Usage: python evals/lint/score.py [--sentences FILE] [--items FILE] [--show-errors]

* blame: a sentence counts as flagged when any PIR2xx rule fires on it (lint_text).
* vague action items: an item counts as flagged when PIR301 (weak verb), PIR306
  (unmeasurable), PIR307 (unbounded) or PIR308 (behavioral) fires; owner, date and
  priority are field checks and are not part of this family.

Exit status 1 when a family misses its target (P >= 0.95, R >= 0.90).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pir_ai.lint import LintConfig, lint_action_item, lint_text

HERE = Path(__file__).parent
VAGUE_RULES = ("PIR301", "PIR306", "PIR307", "PIR308")
TARGET_P, TARGET_R = 0.95, 0.90


def _records(path: Path) -> Iterator[dict[str, str]]:
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as err:
                raise SystemExit(f"{path}:{n}: not JSON: {err}") from err


def _blame(text: str) -> bool:
    return bool(lint_text(text, config=LintConfig(select=["PIR2"])))


def _vague(text: str) -> bool:
    found = lint_action_item(text, config=LintConfig(select=list(VAGUE_RULES)))
    return bool(found)


def score(
    path: Path, positive: str, flagged: Callable[[str], bool], show: bool
) -> dict[str, float]:
    """Precision and recall of ``flagged`` against records labelled ``positive``."""
    tp = fp = fn = tn = 0
    for rec in _records(path):
        truth = rec["label"] == positive
        got = flagged(rec["text"])
        if truth and got:
            tp += 1
        elif got:
            fp += 1
            if show:
                print(f"  FP [{rec.get('guard', '')}] {rec['text']}")
        elif truth:
            fn += 1
            if show:
                print(f"  FN [{rec.get('rule', '')}] {rec['text']}")
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "n": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures per family; non-zero exit when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=Path, default=HERE / "sentences.jsonl")
    parser.add_argument("--items", type=Path, default=HERE / "action_items.jsonl")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    results = {
        "blame": score(args.sentences, "blame", _blame, args.show_errors),
        "vague_action_item": score(args.items, "vague", _vague, args.show_errors),
    }
    ok = True
    for family, r in results.items():
        met = r["precision"] >= TARGET_P and r["recall"] >= TARGET_R
        ok &= met
        print(
            f"{family:18} n={r['n']:4} P={r['precision']:.3f} R={r['recall']:.3f} "
            f"tp={r['tp']} fp={r['fp']} fn={r['fn']} {'ok' if met else 'BELOW TARGET'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
