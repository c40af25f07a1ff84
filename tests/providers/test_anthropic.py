"""The Anthropic adapter against hand-written cassettes of the Messages API wire format."""

from __future__ import annotations

import asyncio
from typing import Any

import anthropic
import pytest
from vcr.errors import CannotOverwriteExistingCassetteException

from pir_ai.errors import (
    AuthenticationError,
    InvalidOutputError,
    ProviderTimeoutError,
    ProviderUnavailableError,
    RateLimitError,
    RefusalError,
    TruncationError,
)
from pir_ai.providers import (
    Completion,
    CompletionRequest,
    StopReason,
    complete_validated,
    get_provider,
)
from tests.cassettes import SYSTEM, cassette_vcr, incident_request, never_answering_client

replay = cassette_vcr()

GOOD = {"title": "Checkout returned HTTP 500 after deploy 8812", "severity": "SEV2"}


@pytest.fixture(autouse=True)
def _no_ambient_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_BASE_URL", raising=False)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Waits the SDK asked for, without waiting."""
    waited: list[float] = []
    monkeypatch.setattr("anthropic._base_client.time.sleep", waited.append)
    return waited


def provider(**options: Any) -> Any:
    return get_provider("anthropic:claude-haiku-4-5", api_key="sk-ant-test", **options)


def parsed_value(completion: Completion) -> tuple[Any, list[str]]:
    return completion.parsed, []


def test_success_reads_the_forced_tool_call_as_the_answer() -> None:
    with replay.use_cassette("anthropic/success.yaml") as cassette:
        completion = provider().complete(incident_request())
    assert cassette.all_played
    assert completion.parsed == GOOD
    assert completion.schema_errors == []
    assert completion.stop_reason is StopReason.TOOL_USE
    assert (completion.usage.input_tokens, completion.usage.output_tokens) == (512, 48)
    assert completion.cost_usd == pytest.approx((512 * 1.00 + 48 * 5.00) / 1e6)


def test_request_forces_one_tool_with_the_schema_and_moves_system_out() -> None:
    params = provider().request_params(incident_request())
    assert params["system"] == SYSTEM
    assert [m["role"] for m in params["messages"]] == ["user"]
    assert params["tool_choice"] == {"type": "tool", "name": "answer"}
    assert params["tools"][0]["input_schema"]["required"] == ["title", "severity"]


def test_non_object_schema_is_wrapped_for_the_tool_and_unwrapped_after() -> None:
    request = CompletionRequest(
        messages=incident_request().messages, json_schema={"type": "array", "items": {}}
    )
    schema = provider().request_params(request)["tools"][0]["input_schema"]
    assert schema["type"] == "object" and schema["required"] == ["value"]


@pytest.mark.parametrize(
    ("cassette", "waited"),
    [("rate_limited_then_success", [3.0]), ("server_error_then_success", None)],
    ids=["rate limit waits as long as retry-after says", "server error"],
)
def test_a_retryable_failure_is_retried_then_succeeds(
    cassette: str, waited: list[float] | None, sleeps: list[float]
) -> None:
    with replay.use_cassette(f"anthropic/{cassette}.yaml") as played:
        completion = provider(max_retries=2).complete(incident_request())
    assert played.play_count == 2
    assert len(sleeps) == 1
    assert waited is None or sleeps == waited
    assert completion.parsed == GOOD


def test_rate_limit_without_retries_left_raises_with_retry_after(sleeps: list[float]) -> None:
    with (
        replay.use_cassette("anthropic/rate_limited_then_success.yaml"),
        pytest.raises(RateLimitError) as caught,
    ):
        provider(max_retries=0).complete(incident_request())
    assert caught.value.retry_after == 3.0
    assert caught.value.provider == "anthropic"


def test_overloaded_529_without_retries_left_is_unavailable(sleeps: list[float]) -> None:
    with (
        replay.use_cassette("anthropic/overloaded.yaml"),
        pytest.raises(ProviderUnavailableError) as caught,
    ):
        provider(max_retries=0).complete(incident_request())
    assert caught.value.status == 529


def test_timeout_is_retried_then_ends_in_provider_timeout_error(sleeps: list[float]) -> None:
    http_client, attempts = never_answering_client()
    client = anthropic.Anthropic(api_key="sk-ant-test", max_retries=2, http_client=http_client)
    with pytest.raises(ProviderTimeoutError, match="30 s"):
        provider(client=client).complete(incident_request())
    assert len(attempts) == 3
    assert len(sleeps) == 2


def test_off_schema_tool_input_is_re_asked_with_the_error_and_then_accepted() -> None:
    with replay.use_cassette("anthropic/invalid_output_then_valid.yaml") as cassette:
        result = complete_validated(provider(), incident_request(), parsed_value)
    assert cassette.all_played
    assert result.value == GOOD
    first, second = result.completions
    assert first.schema_errors and first.schema_errors[0].startswith("$.severity")
    assert second.schema_errors == []


def test_off_schema_tool_input_with_no_attempt_left_raises_invalid_output() -> None:
    with (
        replay.use_cassette("anthropic/invalid_output_then_valid.yaml"),
        pytest.raises(InvalidOutputError, match="severity"),
    ):
        complete_validated(provider(), incident_request(), parsed_value, max_attempts=1)


def test_output_cut_at_max_tokens_raises_truncation() -> None:
    with replay.use_cassette("anthropic/truncated.yaml"), pytest.raises(TruncationError):
        provider().complete(incident_request(max_output_tokens=8))


def test_refusal_stop_reason_raises_refusal_error() -> None:
    with replay.use_cassette("anthropic/refusal.yaml"), pytest.raises(RefusalError):
        provider().complete(incident_request())


def test_bad_key_raises_authentication_error() -> None:
    with (
        replay.use_cassette("anthropic/unauthorized.yaml"),
        pytest.raises(AuthenticationError, match="x-api-key"),
    ):
        provider().complete(incident_request())


def test_request_without_a_cassette_interaction_fails_instead_of_reaching_the_network() -> None:
    # The SDK wraps transport failures in APIConnectionError; the cassette's refusal is the cause.
    with (
        replay.use_cassette("anthropic/empty.yaml"),
        pytest.raises(ProviderUnavailableError) as caught,
    ):
        provider(max_retries=0).complete(incident_request())
    sdk_error = caught.value.__cause__
    assert isinstance(sdk_error, anthropic.APIConnectionError)
    assert isinstance(sdk_error.__cause__, CannotOverwriteExistingCassetteException)


def test_async_twin_replays_the_same_cassette() -> None:
    async def ask() -> Completion:
        return await provider().acomplete(incident_request())

    with replay.use_cassette("anthropic/success.yaml"):
        completion = asyncio.run(ask())
    assert completion.parsed == GOOD


def test_retry_after_longer_than_the_cap_fails_at_once_instead_of_sleeping(
    sleeps: list[float],
) -> None:
    with (
        replay.use_cassette("anthropic/rate_limited_for_an_hour.yaml") as cassette,
        pytest.raises(RateLimitError) as caught,
    ):
        provider(max_retries=2).complete(incident_request())
    assert caught.value.retry_after == 3600.0
    assert cassette.play_count == 1
    assert sleeps == []


def test_retry_after_within_the_cap_is_still_honoured(sleeps: list[float]) -> None:
    with replay.use_cassette("anthropic/rate_limited_for_an_hour.yaml"):
        completion = provider(max_retry_wait_s=7200).complete(incident_request())
    assert sleeps == [3600.0]
    assert completion.parsed == GOOD
