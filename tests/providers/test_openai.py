"""The OpenAI adapter against hand-written cassettes of the chat completions wire format."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
import yaml
from vcr.errors import CannotOverwriteExistingCassetteException

from pir_ai.errors import (
    AuthenticationError,
    ContextLengthError,
    InvalidOutputError,
    ProviderTimeoutError,
    RateLimitError,
    RefusalError,
    TruncationError,
)
from pir_ai.providers import Completion, StopReason, complete_validated, get_provider
from tests.cassettes import (
    CASSETTES,
    SCHEMA,
    cassette_vcr,
    incident_request,
    never_answering_client,
)

replay = cassette_vcr()


@pytest.fixture(autouse=True)
def _no_ambient_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Waits the SDK asked for, without waiting."""
    waited: list[float] = []
    monkeypatch.setattr("openai._base_client.time.sleep", waited.append)
    return waited


def provider(**options: object) -> Any:
    return get_provider("openai:gpt-4.1-mini", api_key="sk-test", **options)


def title_of(completion: Completion) -> tuple[dict[str, object], list[str]]:
    return completion.parsed, []


def test_success_parses_structured_output_and_prices_usage() -> None:
    with replay.use_cassette("openai/success.yaml") as cassette:
        completion = provider().complete(incident_request())
    assert cassette.all_played
    assert completion.parsed == {
        "title": "Checkout returned HTTP 500 after deploy 8812",
        "severity": "SEV2",
    }  # the null strict mode forced into the optional "impact" is dropped again
    assert completion.schema_errors == []
    assert (completion.usage.input_tokens, completion.usage.output_tokens) == (118, 24)
    assert completion.model == "gpt-4.1-mini-2025-04-14"
    assert completion.stop_reason is StopReason.END
    assert completion.cost_usd == pytest.approx((118 * 0.40 + 24 * 1.60) / 1e6)
    assert completion.latency_s > 0


def test_request_uses_strict_json_schema_and_the_call_timeout() -> None:
    params = provider().request_params(incident_request())
    response_format = params["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title", "severity", "impact"]
    assert params["timeout"] == 30.0


def test_rate_limit_waits_as_long_as_retry_after_says(sleeps: list[float]) -> None:
    with replay.use_cassette("openai/rate_limited_then_success.yaml") as cassette:
        completion = provider(max_retries=2).complete(incident_request())
    assert cassette.play_count == 2
    assert sleeps == [3.0]
    assert completion.parsed is not None


def test_rate_limit_without_retries_left_raises_with_retry_after(sleeps: list[float]) -> None:
    with (
        replay.use_cassette("openai/rate_limited_then_success.yaml"),
        pytest.raises(RateLimitError) as caught,
    ):
        provider(max_retries=0).complete(incident_request())
    assert caught.value.retry_after == 3.0
    assert (caught.value.provider, caught.value.model) == ("openai", "gpt-4.1-mini")
    assert sleeps == []


def test_server_error_is_retried_then_succeeds(sleeps: list[float]) -> None:
    with replay.use_cassette("openai/server_error_then_success.yaml") as cassette:
        completion = provider().complete(incident_request())
    assert cassette.play_count == 2
    assert len(sleeps) == 1
    assert completion.parsed is not None


def test_timeout_is_retried_then_ends_in_provider_timeout_error(sleeps: list[float]) -> None:
    http_client, attempts = never_answering_client()
    client = openai.OpenAI(api_key="sk-test", max_retries=2, http_client=http_client)
    with pytest.raises(ProviderTimeoutError, match="30 s"):
        provider(client=client).complete(incident_request())
    assert len(attempts) == 3
    assert len(sleeps) == 2


def test_invalid_json_is_re_asked_with_the_error_and_then_accepted() -> None:
    with replay.use_cassette("openai/invalid_json_then_valid.yaml") as cassette:
        result = complete_validated(provider(), incident_request(), title_of, max_attempts=2)
    assert cassette.all_played
    assert result.value["severity"] == "SEV2"
    first, second = result.completions
    assert first.parsed is None and "not valid JSON" in first.schema_errors[0]
    assert second.schema_errors == []


def test_invalid_json_with_no_attempt_left_raises_invalid_output() -> None:
    with (
        replay.use_cassette("openai/invalid_json_then_valid.yaml"),
        pytest.raises(InvalidOutputError, match="not valid JSON"),
    ):
        complete_validated(provider(), incident_request(), title_of, max_attempts=1)


def test_output_cut_at_max_tokens_raises_truncation() -> None:
    with (
        replay.use_cassette("openai/truncated.yaml"),
        pytest.raises(TruncationError, match="max_output_tokens"),
    ):
        provider().complete(incident_request(max_output_tokens=8))


def test_refusal_raises_refusal_error_with_the_models_words() -> None:
    with replay.use_cassette("openai/refusal.yaml"), pytest.raises(RefusalError, match="sorry"):
        provider().complete(incident_request())


def test_bad_key_raises_authentication_error() -> None:
    with (
        replay.use_cassette("openai/unauthorized.yaml"),
        pytest.raises(AuthenticationError) as caught,
    ):
        provider().complete(incident_request())
    assert caught.value.status == 401


def test_context_length_rejection_raises_context_length_error() -> None:
    with (
        replay.use_cassette("openai/context_length_exceeded.yaml"),
        pytest.raises(ContextLengthError),
    ):
        provider().complete(incident_request())


def test_request_without_a_cassette_interaction_fails_instead_of_reaching_the_network() -> None:
    with (
        replay.use_cassette("openai/empty.yaml"),
        pytest.raises(CannotOverwriteExistingCassetteException),
    ):
        provider(max_retries=0).complete(incident_request())


def test_async_twin_replays_the_same_cassette() -> None:
    import asyncio

    async def ask() -> Completion:
        return await provider().acomplete(incident_request())

    with replay.use_cassette("openai/success.yaml"):
        completion = asyncio.run(ask())
    assert completion.parsed is not None and completion.parsed["severity"] == "SEV2"


def test_reasoning_models_are_not_sent_a_temperature() -> None:
    o4_mini: Any = get_provider("openai:o4-mini", api_key="sk-test")
    params = o4_mini.request_params(incident_request())
    assert "temperature" not in params


def test_azure_addresses_the_deployment_with_the_api_version() -> None:
    azure: Any = get_provider(
        "azure:pir-gpt41mini",
        endpoint="https://pir-test.openai.azure.com",
        api_key="az-test",
        api_version="2024-10-21",
    )
    assert azure.name == "azure"
    assert str(azure.client.base_url).startswith("https://pir-test.openai.azure.com/openai")
    assert azure.request_params(incident_request())["model"] == "pir-gpt41mini"
    assert json.dumps(SCHEMA)  # the shared schema stays JSON-serialisable


def test_recording_scrubs_the_api_key(tmp_path: Path) -> None:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"error": {"message": "gone", "type": "x"}})

    client = openai.OpenAI(
        api_key="sk-live-secret",
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(answer)),
    )
    recorder = cassette_vcr()
    with (
        recorder.use_cassette(str(tmp_path / "recorded.yaml"), record_mode="all"),
        contextlib.suppress(Exception),
    ):
        provider(client=client).complete(incident_request())
    recorded = (tmp_path / "recorded.yaml").read_text(encoding="utf-8")
    assert "chat/completions" in recorded
    assert "sk-live-secret" not in recorded and "authorization" not in recorded.lower()


def test_committed_cassettes_carry_no_credential_headers() -> None:
    for cassette in CASSETTES.rglob("*.yaml"):
        for interaction in yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]:
            sent = {name.lower() for name in interaction["request"]["headers"]}
            assert not sent & {"authorization", "x-api-key", "api-key"}, cassette


def test_retry_after_longer_than_the_cap_fails_at_once_instead_of_sleeping(
    sleeps: list[float],
) -> None:
    with (
        replay.use_cassette("openai/rate_limited_for_90s.yaml") as cassette,
        pytest.raises(RateLimitError) as caught,
    ):
        provider(max_retries=2, max_retry_wait_s=60).complete(incident_request())
    assert caught.value.retry_after == 90.0
    assert cassette.play_count == 1
    assert sleeps == []
