"""The linter's rows: throughput on the labelled mix, and one postmortem linted cold.

Both compare against a one-regex pass over the same text, measured in the same run.
Each copy of the mix is linted by its own ``lint_text`` call: one call keeps the parses
of its sentences, and a text made of repeated copies would be parsed only once.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.rows import Row, best_time
from pir_ai.lint import lint_text
from pir_ai.lint._grammar_prefilter import passes
from pir_ai.lint._parser import model_name
from pir_ai.lint._text import split_sentences

REPO = Path(__file__).parent.parent
LINT_SENTENCES = REPO / "evals" / "lint" / "sentences.jsonl"
EXAMPLES = REPO / "evals" / "lint" / "postmortems"
CORPUS = REPO.parent / "shared" / "corpus" / "postmortems" / "posthog"
BASELINE = re.compile(r"\bshould have\b", re.IGNORECASE)
COLD_SENTENCES = 300

_COLD = """
import json, re, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
t0 = time.perf_counter()
re.compile(r"\\bshould have\\b", re.IGNORECASE).findall(text)
t1 = time.perf_counter()
from pir_ai.lint import lint_markdown
t2 = time.perf_counter()
lint_markdown(text)
t3 = time.perf_counter()
lint_markdown(text)
t4 = time.perf_counter()
print(json.dumps({"regex": t1 - t0, "import": t2 - t1, "first": t3 - t2, "warm": t4 - t3}))
"""
"""Times, in a fresh process: the one-regex pass, importing the linter, the first lint
(which loads the parser) and a second lint of the same text."""


def _mix() -> list[str]:
    lines = LINT_SENTENCES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def lint_row(copies: int = 10, repeat: int = 5) -> Row:
    """``lint_text`` over the labelled eval sentences (half blaming), one call per copy."""
    text = " ".join(_mix())
    n = len(split_sentences(text)) * copies
    parsed = sum(passes(s.text) for s in split_sentences(text)) / (n / copies)
    lint_text(text)  # load the parser, the lexicons and the rule registry
    base_s = best_time(lambda: [BASELINE.findall(text) for _ in range(copies)], repeat)
    lint_s = best_time(lambda: [lint_text(text) for _ in range(copies)], repeat)
    rate = n / lint_s
    return Row(
        f"Lint throughput, lint_text ({n:,} sentences, half blaming; {parsed:.0%} parsed"
        f" by {model_name() or 'no parser'})",
        f"{rate:,.0f} sentences/s = {base_s / lint_s:.5f} x one-regex pass ({n / base_s:,.0f}/s)",
        rate,
        ">= 20,000 /s",
        lambda r: r >= 20_000,
    )


def cold_document(target: int = COLD_SENTENCES) -> tuple[str, str]:
    """A postmortem of about ``target`` sentences and where it comes from.

    Real published prose when ``../shared`` holds the PostHog postmortems (read, never
    copied), else the five example postmortems followed by the mix's distinct sentences.
    """
    docs = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    source = "PostHog postmortems" if docs else "example postmortems + labelled sentences"
    parts = [p.read_text("utf-8") for p in docs or sorted(EXAMPLES.glob("0*.md"))]
    if not docs:
        parts.append(" ".join(_mix()))
    kept: list[str] = []
    count = 0
    for paragraph in "\n\n".join(parts).split("\n\n"):
        if count >= target:
            break
        kept.append(paragraph)
        count += len(split_sentences(paragraph))
    return "\n\n".join(kept), f"{count} sentences of {source}"


def _cold(path: Path, repeat: int) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", _COLD, str(path)], check=True, text=True, capture_output=True
        )
        runs.append(json.loads(done.stdout))
    return min(runs, key=lambda r: r["import"] + r["first"])


def cold_row(work: Path, repeat: int = 3) -> Row:
    """One postmortem linted by a fresh process: importing the linter, loading the parser
    and linting, in wall time (best of ``repeat`` processes)."""
    text, source = cold_document()
    path = work / "cold-postmortem.md"
    path.write_text(text, encoding="utf-8")
    t = _cold(path, repeat)
    total = t["import"] + t["first"]
    return Row(
        f"Lint one postmortem cold ({source}), fresh process, wall",
        f"{total:.2f} s (import {t['import']:.2f}, first lint with parser load "
        f"{t['first']:.2f}, warm {t['warm']:.3f}) = {total / t['regex']:,.0f} x one-regex "
        f"pass ({t['regex'] * 1000:.2f} ms)",
        total,
        "<= 0.3 s",
        lambda s: s <= 0.3,
    )
