"""Precision and recall of the linter per family and per rule on labelled sets.

Usage: python evals/lint/score.py [--sentences FILE] [--items FILE] [--real [LABELS ...]]
                                  [--show-errors] [--json]

* blame: a sentence counts as flagged when any PIR2xx rule fires on it (lint_text).
* vague action items: an item counts as flagged when PIR301 (weak verb), PIR306
  (unmeasurable), PIR307 (unbounded) or PIR308 (behavioral) fires; owner, date and
  priority are field checks and are not part of this family.
* per rule: for each code, findings on records labelled positive (true) and on records
  labelled clean (false); for records naming the rule they expect (``rule``), how many
  that rule caught.
* ``--real``: also the real-prose labels (``real_prose/*.jsonl``; without arguments the
  development sets posthog and dfds), each document linted whole by ``real_prose.py``,
  and, for several files, all of them together.

Exit status 1 when a curated family misses its target (P >= 0.95, R >= 0.90) or a
real-prose set misses its own (P >= 0.90, R >= 0.80).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from evals.lint import real_prose
from pir_ai.lint import LintConfig, lint_action_item, lint_text

HERE = Path(__file__).parent
VAGUE_RULES = ("PIR301", "PIR306", "PIR307", "PIR308")
TARGET_P, TARGET_R = 0.95, 0.90
REAL_TARGET_P, REAL_TARGET_R = 0.90, 0.80


def _records(path: Path) -> Iterator[dict[str, str]]:
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as err:
                raise SystemExit(f"{path}:{n}: not JSON: {err}") from err


def _blame_codes(text: str) -> set[str]:
    return {f.code for f in lint_text(text, config=LintConfig(select=["PIR2"]))}


def _vague_codes(text: str) -> set[str]:
    return {f.code for f in lint_action_item(text, config=LintConfig(select=list(VAGUE_RULES)))}


def _blame(text: str) -> bool:
    return bool(_blame_codes(text))


def _vague(text: str) -> bool:
    return bool(_vague_codes(text))


def score(
    path: Path, positive: str, flagged: Callable[[str], bool | set[str]], show: bool
) -> dict[str, Any]:
    """Precision and recall of ``flagged`` against records labelled ``positive``.

    ``flagged`` returns the codes that fired (a bool is taken as one anonymous code).
    """
    tp = fp = fn = tn = 0
    true_by: Counter[str] = Counter()
    false_by: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    for rec in _records(path):
        truth = rec["label"] == positive
        got = flagged(rec["text"])
        codes = got if isinstance(got, set) else ({"any"} if got else set())
        (true_by if truth else false_by).update(codes)
        if truth and rec.get("rule"):
            expected[rec["rule"]] += 1
            caught[rec["rule"]] += rec["rule"] in codes
        if truth and codes:
            tp += 1
        elif codes:
            fp += 1
            if show:
                print(f"  FP {sorted(codes)} [{rec.get('guard', '')}] {rec['text']}")
        elif truth:
            fn += 1
            if show:
                print(f"  FN [{rec.get('rule', '')}] {rec['text']}")
        else:
            tn += 1
    return {
        "n": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "per_rule": {
            code: {
                "true": true_by[code],
                "false": false_by[code],
                "expected": expected[code],
                "caught_by_it": caught[code],
            }
            for code in sorted(set(true_by) | set(false_by) | set(expected))
        },
    }


def _together(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Several real-prose results as one set: units and findings summed."""
    tp, fp, fn = (sum(r[k] for r in results) for k in ("tp", "fp", "fn"))
    per_rule: dict[str, dict[str, int]] = {}
    for r in results:
        for code, v in r["per_rule"].items():
            into = per_rule.setdefault(code, {"true": 0, "false": 0})
            into["true"] += v["true"]
            into["false"] += v["false"]
    return {
        "units": sum(r["units"] for r in results),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "per_rule": dict(sorted(per_rule.items())),
    }


def _per_rule(result: dict[str, Any]) -> str:
    parts = []
    for code, v in result["per_rule"].items():
        part = f"{code} {v['true']}/{v['false']}"
        if v.get("expected"):
            part += f" (caught {v['caught_by_it']}/{v['expected']})"
        parts.append(part)
    return ", ".join(parts) or "none"


def _line(name: str, r: dict[str, Any], p_target: float, r_target: float) -> tuple[str, bool]:
    met = r["precision"] >= p_target and r["recall"] >= r_target
    n = r.get("n", r.get("units"))
    return (
        f"{name:24} n={n:4} P={r['precision']:.3f} R={r['recall']:.3f} "
        f"tp={r['tp']} fp={r['fp']} fn={r['fn']} {'ok' if met else 'BELOW TARGET'}\n"
        f"{'':24} per rule, findings true/false: {_per_rule(r)}",
        met,
    )


def main(argv: list[str] | None = None) -> int:
    """Print the figures per family and per rule; non-zero exit when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=Path, default=HERE / "sentences.jsonl")
    parser.add_argument("--items", type=Path, default=HERE / "action_items.jsonl")
    parser.add_argument(
        "--real", type=Path, nargs="*", help="real-prose labels (default: the dev sets)"
    )
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, Any]] = {
        "blame": score(args.sentences, "blame", _blame_codes, args.show_errors),
        "vague_action_item": score(args.items, "vague", _vague_codes, args.show_errors),
    }
    targets = {name: (TARGET_P, TARGET_R) for name in results}
    if args.real is not None:
        if not real_prose.CORPUS.is_dir():
            print(
                f"no corpus at {real_prose.CORPUS}: the real postmortems are not in this repository"
            )
            return 2
        real = {
            f"blame real:{path.stem}": real_prose.score(path, real_prose.CORPUS, args.show_errors)
            for path in args.real or list(real_prose.DEV_SETS)
        }
        if len(real) > 1:
            real["blame real:together"] = _together(list(real.values()))
        results.update(real)
        targets.update(dict.fromkeys(real, (REAL_TARGET_P, REAL_TARGET_R)))
    if args.json:
        print(json.dumps(results, indent=2))
    ok = True
    for name, r in results.items():
        line, met = _line(name, r, *targets[name])
        ok &= met
        if not args.json:
            print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
