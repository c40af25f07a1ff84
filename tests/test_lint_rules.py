"""Every rule fails its failing examples and passes its passing ones (from the registry)."""

from __future__ import annotations

from typing import Any

import pytest

from pir_ai.lint import all_rules, lint_markdown, lint_postmortem
from pir_ai.lint._action_items import item_example
from pir_ai.lint import lint_action_item, lint_text
from pir_ai.lint import LintConfig
from pir_ai.lint._grounding import verifier
from pir_ai.lint._registry import Kind, Rule

RULES = all_rules()


def _codes(rule: Rule, example: Any) -> set[str]:
    only = LintConfig(select=[rule.code])
    if rule.kind is Kind.SENTENCE:
        return {f.code for f in lint_text(example, config=only)}
    if rule.kind is Kind.ITEM:
        item = item_example(example)
        found = lint_action_item(
            item.text, item.owner, item.due, priority=item.priority, config=only
        )
        return {f.code for f in found}
    if rule.kind is Kind.DOCUMENT:
        return {f.code for f in lint_markdown(example, config=only)}
    if verifier() is None:
        pytest.skip("pir_ai.verify._draft is not available yet")
    pm, events = example()
    return {f.code for f in lint_postmortem(pm, events=events, config=only)}


def _cases(which: str) -> list[Any]:
    return [
        pytest.param(r, ex, id=f"{r.code}-{i}")
        for r in RULES
        for i, ex in enumerate(getattr(r, which))
    ]


@pytest.mark.parametrize(("rule", "example"), _cases("fails"))
def test_rule_flags_its_failing_example(rule: Rule, example: Any) -> None:
    assert rule.code in _codes(rule, example)


@pytest.mark.parametrize(("rule", "example"), _cases("passes"))
def test_rule_passes_its_passing_example(rule: Rule, example: Any) -> None:
    assert rule.code not in _codes(rule, example)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_declares_a_failing_and_a_passing_example(rule: Rule) -> None:
    assert rule.fails, f"{rule.code} has no failing example"
    assert rule.passes, f"{rule.code} has no passing example"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_documents_what_why_example_rewrite(rule: Rule) -> None:
    for heading in ("What it catches:", "Why:", "Example:", "Rewrite:"):
        assert heading in rule.doc, f"{rule.code} docstring lacks {heading!r}"
