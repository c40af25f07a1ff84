"""Real published postmortems (``../shared/corpus``, when present) read as documents."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from pir_ai.findings import Finding
from pir_ai.lint import lint_markdown
from tests.conftest import REPO

CORPUS = REPO.parent / "shared" / "corpus" / "postmortems"
DOCUMENTS = sorted(p for p in CORPUS.rglob("*") if p.is_file()) if CORPUS.is_dir() else []
_ATX = re.compile(r"^(#{1,6})\s")
_FENCE = re.compile(r"^\s*(```|~~~)")

pytestmark = pytest.mark.skipif(not DOCUMENTS, reason="../shared/corpus/postmortems is absent")


@cache
def _findings(path: Path) -> list[Finding]:
    """Each document is linted once for all the tests here: the grammar pass is not free."""
    return lint_markdown(path.read_text("utf-8"))


def _heading_levels(lines: list[str]) -> dict[int, int]:
    """1-based line -> level of each ATX heading outside fenced code."""
    levels: dict[int, int] = {}
    fenced = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (m := _ATX.match(line)):
            levels[number] = len(m.group(1))
    return levels


def _fenced_lines(lines: list[str]) -> set[int]:
    inside: set[int] = set()
    fenced = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line) or fenced:
            inside.add(number)
        if _FENCE.match(line):
            fenced = not fenced
    return inside


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_a_real_postmortem_reads_with_findings_inside_its_prose(path: Path) -> None:
    text = path.read_text("utf-8")
    lines = text.splitlines()
    headings = _heading_levels(lines)
    fenced = _fenced_lines(lines)
    for finding in _findings(path):
        line = finding.location.line or 0
        assert 1 <= line <= text.count("\n") + 1
        if finding.category == "blame":
            assert line not in headings and line not in fenced, finding


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_no_section_with_subsections_is_called_empty(path: Path) -> None:
    text = path.read_text("utf-8")
    headings = _heading_levels(text.splitlines())
    order = sorted(headings)
    for finding in _findings(path):
        if finding.code != "PIR002":
            continue
        line = finding.location.line or 0
        following = [n for n in order if n > line]
        assert not following or headings[following[0]] <= headings[line], finding


def test_posthogs_incident_timeline_with_day_subsections_is_not_empty() -> None:
    path = CORPUS / "posthog" / "2025-10-21-feature-flags-recurring-outages.md"
    assert "## Incident Timeline\n\n### " in path.read_text("utf-8")
    assert not [f for f in _findings(path) if f.code == "PIR002"]
