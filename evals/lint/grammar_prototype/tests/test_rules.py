"""Each rule's failing examples fire that rule; its passing examples fire no blame rule."""

from __future__ import annotations

import pytest
from blamegrammar import RULES, find_blame, passes
from blamegrammar.lexicon import patterns, words

FAILS = [(r.code, s) for r in RULES for s in r.fails]
PASSES = [(r.code, s) for r in RULES for s in r.passes]


@pytest.mark.parametrize(("code", "sentence"), FAILS)
def test_fails_fire_their_rule(code: str, sentence: str) -> None:
    assert passes(sentence), "the pre-filter must let a failing example through"
    [hits] = find_blame([sentence])
    assert code in {h.code for h in hits}, hits


@pytest.mark.parametrize(("code", "sentence"), PASSES)
def test_passes_are_clean(code: str, sentence: str) -> None:
    [hits] = find_blame([sentence])
    assert hits == [], hits


def test_rules_name_existing_lexicons() -> None:
    for rule in RULES:
        for name in rule.lexicons:
            assert words(name) or patterns(name), (rule.code, name)


def test_hit_fields() -> None:
    [hits] = find_blame(["The deployer should have understood the risk."])
    [hit] = hits
    assert hit.code == "PIR201"
    assert hit.agent == "The deployer"
    assert hit.predicate == "should have understood"
    assert "'The deployer' is the agent of 'should have understood'" in hit.message
    assert "the risk" in hit.rewrite
    sentence = "The deployer should have understood the risk."
    assert sentence[hit.start : hit.end].startswith("The deployer")


def test_reporting_verb_passes_clause_on() -> None:
    [hits] = find_blame(
        ["Engineers determined that a recent deployment introduced an incorrect setting."]
    )
    assert hits == []


def test_batch_keeps_order_and_skips_gated() -> None:
    out = find_blame(["Disk usage grew 4% per hour.", "Marta forgot to renew the certificate."])
    assert out[0] == [] and out[1][0].agent == "Marta"
