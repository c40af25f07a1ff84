"""The re-ask loop: only validation failures, bounded in attempts and tokens."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pir_ai.errors import InvalidOutputError, TruncationError
from pir_ai.providers import (
    Completion,
    CompletionRequest,
    FakeProvider,
    Message,
    ValidationFailure,
    acomplete_validated,
    complete_validated,
)

SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "cites": {"type": "array"}},
    "required": ["title", "cites"],
}
REQUEST = CompletionRequest(
    messages=(Message(role="user", content="Title the incident, citing event ids."),),
    json_schema=SCHEMA,
    max_output_tokens=200,
)


def grounded(completion: Completion) -> tuple[str, list[str]]:
    """Soft problem: every cited id must be a known event."""
    answer: dict[str, Any] = completion.parsed
    unknown = [c for c in answer["cites"] if c not in {"ev-1", "ev-2"}]
    return answer["title"], [f"citation {c} does not resolve" for c in unknown]


def test_valid_first_answer_is_returned_without_a_re_ask() -> None:
    fake = FakeProvider([{"title": "Checkout outage", "cites": ["ev-1"]}])
    result = complete_validated(fake, REQUEST, grounded)
    assert (result.value, result.problems) == ("Checkout outage", [])
    assert len(fake.requests) == 1


def test_schema_failure_is_sent_back_after_the_bad_answer() -> None:
    fake = FakeProvider(['{"title": 7}', {"title": "Checkout outage", "cites": []}])
    result = complete_validated(fake, REQUEST, grounded)
    assert result.value == "Checkout outage"
    reask = fake.requests[1].messages
    assert [m.role for m in reask] == ["user", "assistant", "user"]
    assert reask[1].content == '{"title": 7}'
    assert "$.title: 7 is not of type 'string'" in reask[2].content
    assert "'cites' is a required property" in reask[2].content


def test_soft_problems_are_re_asked_and_the_best_answer_kept() -> None:
    fake = FakeProvider(
        [
            {"title": "A", "cites": ["ev-9", "ev-8"]},
            {"title": "B", "cites": ["ev-1", "ev-7"]},
        ]
    )
    result = complete_validated(fake, REQUEST, grounded, max_attempts=2)
    assert result.value == "B"
    assert result.problems == ["citation ev-7 does not resolve"]
    assert len(result.completions) == 2
    assert "citation ev-9 does not resolve" in fake.requests[1].messages[-1].content


def test_hard_failure_on_the_last_attempt_raises_invalid_output() -> None:
    fake = FakeProvider(["nope", "still nope", "never asked"])
    with pytest.raises(InvalidOutputError, match="after 2 attempt"):
        complete_validated(fake, REQUEST, grounded, max_attempts=2)
    assert len(fake.requests) == 2


def test_check_raising_validation_failure_is_a_hard_failure() -> None:
    def strict(completion: Completion) -> tuple[str, list[str]]:
        raise ValidationFailure(["title must name the service"])

    fake = FakeProvider([{"title": "x", "cites": []}] * 3)
    with pytest.raises(InvalidOutputError, match="title must name the service"):
        complete_validated(fake, REQUEST, strict, max_attempts=3)
    assert len(fake.requests) == 3


def test_provider_errors_are_not_re_asked() -> None:
    cut = TruncationError("cut", provider="fake", model="fake")
    fake = FakeProvider([cut, {"title": "never", "cites": []}])
    with pytest.raises(TruncationError):
        complete_validated(fake, REQUEST, grounded, max_attempts=3)
    assert len(fake.requests) == 1


def test_token_budget_stops_re_asking_before_it_would_be_exceeded() -> None:
    fake = FakeProvider(["bad"] * 5)
    with pytest.raises(InvalidOutputError, match="after 1 attempt"):
        # The first call uses ~20 tokens; a re-ask could use ~30 in + 200 out: over 150.
        complete_validated(fake, REQUEST, grounded, max_attempts=5, max_total_tokens=150)
    assert len(fake.requests) == 1


def test_generous_budget_allows_the_re_ask() -> None:
    fake = FakeProvider(["bad", {"title": "ok", "cites": []}])
    result = complete_validated(fake, REQUEST, grounded, max_attempts=5, max_total_tokens=10_000)
    assert result.value == "ok"


def test_async_twin_re_asks_the_same_way() -> None:
    fake = FakeProvider(['{"title": 1}', {"title": "Checkout outage", "cites": ["ev-2"]}])
    result = asyncio.run(acomplete_validated(fake, REQUEST, grounded))
    assert result.value == "Checkout outage"
    assert fake.requests[1].messages[1].role == "assistant"
