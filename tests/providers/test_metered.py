"""What every adapter shares: context check, bounded concurrency, prices, strict schemas."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from pir_ai.errors import ConfigError, ContextLengthError
from pir_ai.postmortem import Postmortem
from pir_ai.providers import (
    Completion,
    CompletionRequest,
    FakeProvider,
    Message,
    MeteredProvider,
    Usage,
    get_provider,
)


def ask(text: str = "Summarise INC-42.", **changes: Any) -> CompletionRequest:
    request = CompletionRequest(messages=(Message(role="user", content=text),))
    return request.model_copy(update=changes)


class SlowProvider(MeteredProvider):
    """Answers after a pause and records how many calls were in flight at once."""

    name = "slow"

    def __init__(self, **options: Any) -> None:
        super().__init__("slow-1", **options)
        self.in_flight = 0
        self.most_in_flight = 0

    def _send(self, request: CompletionRequest) -> Completion:
        return Completion(text="ok", provider=self.name, model=self.model)

    async def _asend(self, request: CompletionRequest) -> Completion:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0.01)
        self.in_flight -= 1
        return Completion(
            text="ok", provider=self.name, model=self.model, usage=Usage(input_tokens=1000)
        )


def test_async_calls_are_bounded_per_provider_instance() -> None:
    slow = SlowProvider(max_concurrency=2)

    async def ten_at_once() -> list[Completion]:
        return await asyncio.gather(*(slow.acomplete(ask()) for _ in range(10)))

    assert len(asyncio.run(ten_at_once())) == 10
    assert slow.most_in_flight == 2
    assert len(asyncio.run(ten_at_once())) == 10  # a second event loop gets its own semaphore


def test_max_concurrency_below_one_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="max_concurrency"):
        SlowProvider(max_concurrency=0)


def test_request_that_cannot_fit_is_refused_before_any_call() -> None:
    fake = FakeProvider(["never"], model="small", context_window=1_000)
    with pytest.raises(ContextLengthError, match=r"1000-token context window") as caught:
        fake.complete(ask("word " * 900, max_output_tokens=200))
    assert fake.requests == []
    assert (caught.value.provider, caught.value.model) == ("fake", "small")


def test_request_that_fits_is_sent() -> None:
    fake = FakeProvider(["ok"], context_window=1_000)
    assert fake.complete(ask("word " * 100, max_output_tokens=200)).text == "ok"


def test_price_override_sets_the_cost_of_each_call() -> None:
    slow = SlowProvider(prices={"slow-1": {"input": 2.0, "output": 0.0}})
    completion = asyncio.run(slow.acomplete(ask()))
    assert completion.cost_usd == pytest.approx(1000 * 2.0 / 1e6)
    assert completion.latency_s >= 0.01


def test_prices_file_named_by_pir_ai_prices(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"gateway-model": [1.5, 6.0]}), encoding="utf-8")
    monkeypatch.setenv("PIR_AI_PRICES", str(prices))
    table = SlowProvider(prices={"other": {"input": 1, "output": 1}}).prices
    assert table.cost("gateway-model", 1_000_000, 1_000_000) == pytest.approx(7.5)
    assert table.cost("gpt-4.1-mini-2025-04-14", 1_000_000, 0) == pytest.approx(0.40)
    assert table.price("gpt-5.4") is None  # not priced as gpt-5


def test_malformed_price_is_a_config_error_naming_the_model() -> None:
    with pytest.raises(ConfigError, match="'cheap'"):
        SlowProvider(prices={"cheap": "free"})


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema the OpenAI adapter sends in strict mode for ``schema``."""
    openai = get_provider("openai:gpt-4.1-mini", api_key="sk-test")
    params = openai.request_params(ask(json_schema=schema))
    sent: dict[str, Any] = params["response_format"]["json_schema"]["schema"]
    return sent


def _schemas(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, list):
        return [o for item in node for o in _schemas(item)]
    if not isinstance(node, dict):
        return []
    return [node] + [o for value in node.values() for o in _schemas(value)]


def _objects(node: Any) -> list[dict[str, Any]]:
    return [s for s in _schemas(node) if s.get("type") == "object" or "properties" in s]


def test_strict_schema_closes_every_object_and_requires_every_property() -> None:
    strict = strict_json_schema(Postmortem.model_json_schema())
    objects = _objects(strict)
    assert len(objects) > 5
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])
    assert not any("default" in schema for schema in _schemas(strict))
    assert "default" in json.dumps(Postmortem.model_json_schema()["properties"]["status"])


def test_optional_property_becomes_nullable_and_the_null_is_dropped_again() -> None:
    schema = {
        "type": "object",
        "properties": {"owner": {"type": "string"}, "due": {"type": ["string", "null"]}},
        "required": [],
    }
    strict = strict_json_schema(schema)
    assert strict["properties"]["owner"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert strict["properties"]["due"] == {"type": ["string", "null"]}
    fake = FakeProvider(['{"owner": null, "due": null}'])
    assert fake.complete(ask(json_schema=schema)).parsed == {"due": None}


def test_ref_with_siblings_is_inlined_for_strict_mode() -> None:
    schema = {
        "$defs": {"Sev": {"type": "string", "enum": ["SEV1", "SEV2"]}},
        "type": "object",
        "properties": {"severity": {"$ref": "#/$defs/Sev", "description": "How bad."}},
        "required": ["severity"],
    }
    severity = strict_json_schema(schema)["properties"]["severity"]
    assert severity == {"type": "string", "enum": ["SEV1", "SEV2"], "description": "How bad."}
