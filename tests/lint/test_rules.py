"""Every rule fails its failing examples and passes its passing ones (from the registry)."""

from __future__ import annotations

from typing import Any

import pytest

from pir_ai.lint import (
    LintConfig,
    Rule,
    all_rules,
    lint_action_item,
    lint_markdown,
    lint_postmortem,
    lint_text,
)

RULES = all_rules()


def _codes(rule: Rule, example: Any) -> set[str]:
    only = LintConfig(select=[rule.code])
    if rule.kind == "sentence":
        return {f.code for f in lint_text(example, config=only)}
    if rule.kind == "item":
        item = {"text": example} if isinstance(example, str) else example
        found = lint_action_item(
            item["text"],
            item.get("owner"),
            item.get("due"),
            priority=item.get("priority"),
            config=only,
        )
        return {f.code for f in found}
    if rule.kind == "document":
        return {f.code for f in lint_markdown(example, config=only)}
    assert rule.kind == "draft"
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
