"""The labelled sets meet the acceptance shape, and the linter keeps its targets on them.

The independent held-out measurement happens elsewhere; this guards against regressions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pir_ai.lint import lint_markdown, lint_text
from tests.conftest import REPO

EVALS = REPO / "evals" / "lint"
GUARDS = {
    "system-subject",
    "failed-over",
    "neutral-fact",
    "quote",
    "code",
    "negation",
    "meta",
    "forward-should",
}


def _load(name: str) -> list[dict[str, str]]:
    text = (EVALS / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_sentence_set_is_large_balanced_and_covers_every_guard() -> None:
    records = _load("sentences.jsonl")
    labels = Counter(r["label"] for r in records)
    assert len(records) >= 250
    assert abs(labels["blame"] - labels["clean"]) <= 0.1 * len(records)
    assert {r.get("guard") for r in records if r["label"] == "clean"} >= GUARDS


def test_action_item_set_is_large_and_half_vague() -> None:
    records = _load("action_items.jsonl")
    labels = Counter(r["label"] for r in records)
    assert len(records) >= 150
    assert labels["vague"] == labels["clean"]


def test_scorer_reports_targets_met_on_the_labelled_sets() -> None:
    done = subprocess.run(
        [sys.executable, str(EVALS / "score.py")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "blame" in done.stdout and "vague_action_item" in done.stdout


@given(st.text(max_size=400))
def test_lint_text_never_crashes_and_spans_stay_inside(text: str) -> None:
    for finding in lint_text(text):
        assert finding.location.line is not None
        assert 1 <= finding.location.line <= text.count("\n") + 1


@given(
    st.lists(
        st.sampled_from(
            [
                "# T\n",
                "## Summary\n",
                "## Action items\n",
                "| Action | Owner | Due |\n",
                "|---|---|---|\n",
                "| Look into it | TBD | ASAP |\n",
                "- [ ] Fix the issue — owner: @x, due: 2025-01-01\n",
                "```\n",
                "<!-- pir-ai ignore -->\n",
                "<!-- pir-ai disable PIR2",
                "> quoted\n",
                "\n",
                "Hugo should have known.\n",
                "| 14:02 | The alert fired |\n",
                "text | with | pipes\n",
            ]
        ),
        max_size=30,
    )
)
def test_lint_markdown_never_crashes_on_odd_documents(parts: list[str]) -> None:
    text = "".join(parts)
    for finding in lint_markdown(text):
        assert finding.location.line is None or finding.location.line >= 1
