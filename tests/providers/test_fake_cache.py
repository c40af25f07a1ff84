"""FakeProvider, the offline provider and the on-disk response cache."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pir_ai.draft import Drafter, OfflineDrafter
from pir_ai.errors import ConfigError, ProviderError, RateLimitError
from pir_ai.providers import (
    CachingProvider,
    CompletionRequest,
    FakeProvider,
    Message,
    Provider,
    ResponseCache,
    get_provider,
    request_hash,
)
from tests.drafting_support import checkout_story, offline_draft

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


def ask(text: str = "count the alerts", **changes: object) -> CompletionRequest:
    request = CompletionRequest(messages=(Message(role="user", content=text),))
    return request.model_copy(update=changes)


def test_fake_plays_its_script_in_order_and_records_requests() -> None:
    fake = FakeProvider(["plain text", {"n": 3}])
    first = fake.complete(ask("one"))
    second = fake.complete(ask("two", json_schema=SCHEMA))
    assert (first.text, first.parsed) == ("plain text", None)
    assert second.parsed == {"n": 3} and second.text == '{"n": 3}'
    assert [r.messages[0].content for r in fake.requests] == ["one", "two"]
    assert fake.exhausted


def test_fake_raises_scripted_provider_errors_after_recording_the_request() -> None:
    limit = RateLimitError("slow down", provider="fake", model="fake", retry_after=2.0)
    fake = FakeProvider([limit])
    with pytest.raises(RateLimitError) as caught:
        fake.complete(ask())
    assert caught.value is limit
    assert len(fake.requests) == 1


def test_fake_says_when_its_script_runs_out() -> None:
    fake = FakeProvider(["only"])
    fake.complete(ask())
    with pytest.raises(ProviderError, match="script exhausted: request 2 but only 1"):
        fake.complete(ask())


def test_fake_answers_with_a_function_of_the_request() -> None:
    fake = FakeProvider(lambda request: {"n": len(request.messages[-1].content)})
    completion = asyncio.run(fake.acomplete(ask("four", json_schema=SCHEMA)))
    assert completion.parsed == {"n": 4}


def test_fake_answers_are_checked_against_the_schema() -> None:
    fake = FakeProvider([{"n": "three"}, "{not json"])
    off_schema = fake.complete(ask(json_schema=SCHEMA))
    not_json = fake.complete(ask(json_schema=SCHEMA))
    assert off_schema.schema_errors == ["$.n: 'three' is not of type 'integer'"]
    assert not_json.parsed is None and "not valid JSON" in not_json.schema_errors[0]


def test_fake_counts_usage_with_tiktoken() -> None:
    completion = FakeProvider(["hello world"]).complete(ask("hello world"))
    assert completion.usage.output_tokens == 2
    assert completion.usage.input_tokens == 2 + 4  # text + per-message overhead


def test_the_offline_engine_takes_no_prompts_it_drafts_whole_postmortems() -> None:
    offline = OfflineDrafter()
    assert isinstance(offline, Drafter) and not isinstance(offline, Provider)
    with pytest.raises(ConfigError, match="offline"):
        get_provider("offline")
    draft = offline_draft(checkout_story()[0])
    assert draft.metadata.produced_without_model is True and draft.metadata.generator == "offline"


def test_cache_hit_returns_the_stored_answer_without_calling_the_model(tmp_path: Path) -> None:
    fake = FakeProvider([{"n": 1}])
    cached = CachingProvider(fake, ResponseCache(tmp_path))
    fresh = cached.complete(ask(json_schema=SCHEMA))
    again = cached.complete(ask(json_schema=SCHEMA))
    assert (fresh.cached, again.cached) == (False, True)
    assert again.parsed == fresh.parsed == {"n": 1}
    assert len(fake.requests) == 1


def test_cache_key_changes_with_the_request_but_not_the_timeout() -> None:
    base = request_hash("openai", "gpt-4.1-mini", ask())
    assert base == request_hash("openai", "gpt-4.1-mini", ask(timeout_s=5.0))
    assert base != request_hash("openai", "gpt-4.1-mini", ask("other"))
    assert base != request_hash("openai", "gpt-4.1", ask())
    assert base != request_hash("anthropic", "gpt-4.1-mini", ask())


def test_cache_miss_for_a_different_request_calls_the_model(tmp_path: Path) -> None:
    fake = FakeProvider(["a", "b"])
    cached = CachingProvider(fake, ResponseCache(tmp_path))
    assert cached.complete(ask("first")).text == "a"
    assert cached.complete(ask("second")).text == "b"


def test_async_cache_hit(tmp_path: Path) -> None:
    cached = CachingProvider(FakeProvider(["a"]), ResponseCache(tmp_path))

    async def twice() -> tuple[bool, bool]:
        first = await cached.acomplete(ask())
        second = await cached.acomplete(ask())
        return first.cached, second.cached

    assert asyncio.run(twice()) == (False, True)


def test_unreadable_cache_entry_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = request_hash("fake", "fake", ask())
    entry = tmp_path / key[:2] / f"{key}.json"
    entry.parent.mkdir(parents=True)
    entry.write_text("{truncated", encoding="utf-8")
    assert cache.get(key) is None
    cached = CachingProvider(FakeProvider(["fresh"]), cache)
    assert cached.complete(ask()).text == "fresh"
    assert cache.get(key) is not None
