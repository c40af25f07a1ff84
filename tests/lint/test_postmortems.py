"""Five realistic postmortems lint to exactly the reviewed list of true findings."""

from __future__ import annotations

import json

import pytest

from pir_ai.lint import lint_markdown
from tests.conftest import REPO

FOLDER = REPO / "evals" / "lint" / "postmortems"
EXPECTED = json.loads((FOLDER / "expected.json").read_text("utf-8"))


def test_there_are_five_postmortems_and_each_has_a_reviewed_list() -> None:
    names = sorted(p.name for p in FOLDER.glob("*.md") if p.name != "README.md")
    assert len(names) == 5
    assert sorted(EXPECTED) == names


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_postmortem_findings_equal_the_reviewed_list(name: str) -> None:
    found = lint_markdown((FOLDER / name).read_text("utf-8"))
    assert [[f.code, f.location.line, f.matched] for f in found] == EXPECTED[name]
