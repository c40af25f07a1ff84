"""OpenAI-compatible servers: json_schema first, JSON mode plus local checks when rejected."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import openai
import pytest

from pir_ai.errors import BadRequestError
from pir_ai.providers import CompletionRequest, Message, get_provider

BASE_URL = "http://localhost:8080/v1"
SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "minutes": {"type": "integer"}},
    "required": ["title", "minutes"],
}
REQUEST = CompletionRequest(
    messages=(
        Message(role="system", content="You title incidents."),
        Message(role="user", content="Checkout failed for 29 minutes."),
    ),
    json_schema=SCHEMA,
    max_output_tokens=100,
)


def chat_completion(content: str) -> dict[str, Any]:
    """A llama.cpp server / vLLM style chat completion body."""
    return {
        "id": "chatcmpl-local-1",
        "object": "chat.completion",
        "created": 1764239100,
        "model": "qwen2.5-7b-instruct",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52},
    }


class Server:
    """A fake compat server: rejects json_schema like older llama.cpp servers do."""

    def __init__(self, answers: list[str], *, reject: str | None = None, status: int = 400) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.answers = answers
        self.reject = reject
        self.status = status

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        if self.reject and body.get("response_format", {}).get("type") == "json_schema":
            error = {"code": self.status, "message": self.reject, "type": "invalid_request_error"}
            return httpx2.Response(self.status, json={"error": error})
        return httpx2.Response(200, json=chat_completion(self.answers.pop(0)))


def compat(server: Server) -> Any:
    client = openai.OpenAI(
        api_key="not-needed",
        base_url=BASE_URL,
        max_retries=0,
        http_client=httpx2.Client(transport=httpx2.MockTransport(server)),
    )
    return get_provider("openai-compat:qwen2.5-7b-instruct", base_url=BASE_URL, client=client)


def test_server_with_json_schema_support_gets_it_and_max_tokens() -> None:
    server = Server(['{"title": "Checkout failure", "minutes": 29}'])
    completion = compat(server).complete(REQUEST)
    assert completion.parsed == {"title": "Checkout failure", "minutes": 29}
    assert server.bodies[0]["response_format"]["type"] == "json_schema"
    assert server.bodies[0]["max_tokens"] == 100
    assert "max_completion_tokens" not in server.bodies[0]


def test_rejected_json_schema_falls_back_to_json_mode_with_the_schema_in_the_prompt() -> None:
    server = Server(
        ['{"title": "Checkout failure", "minutes": 29}', '{"title": "Again", "minutes": 1}'],
        reject="Unsupported response_format type: json_schema",
    )
    provider = compat(server)
    completion = provider.complete(REQUEST)
    assert completion.parsed == {"title": "Checkout failure", "minutes": 29}
    retried = server.bodies[1]
    assert retried["response_format"] == {"type": "json_object"}
    assert [m["role"] for m in retried["messages"]] == ["system", "user"]
    assert '"minutes"' in retried["messages"][0]["content"]
    assert retried["messages"][0]["content"].startswith("You title incidents.")
    provider.complete(REQUEST)
    assert len(server.bodies) == 3  # remembered: no second json_schema attempt


def test_a_server_error_naming_response_format_also_falls_back_to_json_mode() -> None:
    # llama-cpp-python's server answers an unsupported json_schema with HTTP 500.
    server = Server(
        ['{"title": "Checkout failure", "minutes": 29}'],
        reject="response_format json_schema is not supported by this server",
        status=500,
    )
    completion = compat(server).complete(REQUEST)
    assert completion.parsed == {"title": "Checkout failure", "minutes": 29}
    assert server.bodies[-1]["response_format"] == {"type": "json_object"}


def test_json_mode_answers_are_checked_locally_against_the_schema() -> None:
    server = Server(['{"title": "Checkout failure"}'], reject="response_format not supported")
    completion = compat(server).complete(REQUEST)
    assert completion.schema_errors == ["$: 'minutes' is a required property"]


def test_other_bad_requests_are_not_mistaken_for_missing_schema_support() -> None:
    server = Server([], reject="model 'qwen2.5-7b-instruct' not found")
    with pytest.raises(BadRequestError, match="not found"):
        compat(server).complete(REQUEST)
    assert len(server.bodies) == 1
