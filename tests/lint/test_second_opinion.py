"""The optional model second opinion re-scores candidates and never adds findings."""

from __future__ import annotations

import pytest

from pir_ai.errors import ProviderError
from pir_ai.lint import lint_action_item, lint_text, rescore
from pir_ai.providers import FakeProvider

TEXT = "Marta forgot to renew the certificate. Root cause: human error."


def test_model_can_drop_a_candidate_it_rejects_and_keep_one_it_accepts() -> None:
    findings = lint_text(TEXT)
    assert [f.code for f in findings] == ["PIR202", "PIR203"]
    fake = FakeProvider(
        [
            {
                "scores": [
                    {"index": 0, "applies": False, "confidence": 0.95},
                    {"index": 1, "applies": True, "confidence": 0.9},
                ]
            }
        ]
    )
    kept = rescore(findings, fake, source=TEXT)
    assert [f.code for f in kept] == ["PIR203"]
    assert kept[0].confidence == 0.93
    [request] = fake.requests
    assert "forgot to" in request.messages[-1].content
    assert request.json_schema is not None


def test_model_cannot_add_findings_or_touch_field_checks() -> None:
    findings = lint_action_item("Look into the cache misses.", None, "ASAP")
    fake = FakeProvider(
        [
            {
                "scores": [
                    {"index": 0, "applies": False, "confidence": 1.0},
                    {"index": 7, "applies": True, "confidence": 1.0},
                ]
            }
        ]
    )
    kept = rescore(findings, fake)
    assert {f.code for f in kept} == {f.code for f in findings} - {"PIR301"}
    assert "owner" not in fake.requests[0].messages[-1].content.split('"rule"')[0]


def test_provider_failure_leaves_findings_unchanged() -> None:
    findings = lint_text(TEXT)
    fake = FakeProvider([ProviderError("down", provider="fake", model="fake")])
    with pytest.warns(UserWarning, match="findings unchanged"):
        assert rescore(findings, fake) == findings


def test_malformed_answer_is_ignored() -> None:
    findings = lint_text(TEXT)
    with pytest.warns(UserWarning, match="not JSON"):
        assert rescore(findings, FakeProvider(["not json"])) == findings
    assert rescore(findings, FakeProvider([{"scores": [{"index": "0"}]}])) == findings


def test_no_candidates_means_no_request() -> None:
    fake = FakeProvider([])
    assert rescore([], fake) == []
    assert fake.requests == []
