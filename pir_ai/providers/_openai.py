"""OpenAI chat completions through the official SDK; Azure OpenAI through the same adapter.

Structured output uses ``response_format={"type": "json_schema", "strict": true}``
with the schema converted to the strict subset. The SDK keeps its own transport
retries (``max_retries``, which honour ``Retry-After``); each call carries the
request's timeout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import openai

from pir_ai.errors import RefusalError, TruncationError
from pir_ai.providers._base import Completion, CompletionRequest, StopReason, Usage
from pir_ai.providers._schema import strict_json_schema
from pir_ai.providers._sdk_provider import SDKProvider

__all__ = [
    "DEFAULT_AZURE_API_VERSION",
    "AzureOpenAIProvider",
    "OpenAIProvider",
    "completion_from_chat",
]

DEFAULT_AZURE_API_VERSION = "2024-10-21"
"""The first GA Azure OpenAI API version with structured outputs."""

# Reasoning models accept only the default temperature.
_NO_TEMPERATURE_PREFIXES = ("o1", "o3", "o4", "gpt-5")

_STOP_REASONS = {
    "stop": StopReason.END,
    "length": StopReason.MAX_TOKENS,
    "content_filter": StopReason.REFUSAL,
    "tool_calls": StopReason.TOOL_USE,
}


class OpenAIProvider(SDKProvider[openai.OpenAI, openai.AsyncOpenAI]):
    """``openai:MODEL``: the OpenAI API (or any server given by ``base_url``).

    Options: ``api_key``, ``base_url``, ``max_retries`` (SDK transport retries,
    default 2), ``timeout_s``, ``max_retry_wait_s``, ``client`` / ``async_client``
    (ready SDK clients), and ``MeteredProvider``'s ``prices``, ``max_concurrency``,
    ``context_window``.
    """

    name = "openai"
    sdk: ClassVar[Any] = openai

    def new_client(self, **options: Any) -> openai.OpenAI:
        """A sync SDK client made with ``options``."""
        return openai.OpenAI(**options)

    def new_async_client(self, **options: Any) -> openai.AsyncOpenAI:
        """An async SDK client made with ``options``."""
        return openai.AsyncOpenAI(**options)

    def request_params(self, request: CompletionRequest) -> dict[str, Any]:
        """The keyword arguments of ``chat.completions.create`` for ``request``."""
        params: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_completion_tokens": request.max_output_tokens,
            "timeout": request.timeout_s,
        }
        if not self.model.startswith(_NO_TEMPERATURE_PREFIXES):
            params["temperature"] = request.temperature
        if request.json_schema is not None:
            params["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name,
                    "schema": strict_json_schema(request.json_schema),
                    "strict": True,
                },
            }
        return params

    def _send(self, request: CompletionRequest) -> Completion:
        try:
            response = self.client.chat.completions.create(**self.request_params(request))
        except openai.OpenAIError as err:
            raise self.wrap_error(err, request) from err
        return self.to_completion(response)

    async def _asend(self, request: CompletionRequest) -> Completion:
        try:
            response = await self.async_client.chat.completions.create(
                **self.request_params(request)
            )
        except openai.OpenAIError as err:
            raise self.wrap_error(err, request) from err
        return self.to_completion(response)

    def to_completion(self, response: Any) -> Completion:
        """Our ``Completion`` from the SDK's ``ChatCompletion``."""
        return completion_from_chat(response.to_dict(), provider=self.name, model=self.model)


def completion_from_chat(body: Mapping[str, Any], *, provider: str, model: str) -> Completion:
    """Our ``Completion`` from a chat completion body (OpenAI wire format, also llama.cpp's)."""
    where: dict[str, Any] = {"provider": provider, "model": model}
    choice = body["choices"][0]
    message = choice.get("message") or {}
    finish = choice.get("finish_reason")
    if message.get("refusal"):
        raise RefusalError(f"the model refused: {message['refusal']}", **where)
    if finish == "content_filter":
        raise RefusalError("the answer was withheld by the content filter", **where)
    if finish == "length":
        raise TruncationError(
            "the answer was cut off at the output-token limit; raise max_output_tokens "
            "or shorten the input",
            **where,
        )
    usage = body.get("usage") or {}
    return Completion(
        text=message.get("content") or "",
        usage=Usage(
            input_tokens=usage.get("prompt_tokens") or 0,
            output_tokens=usage.get("completion_tokens") or 0,
        ),
        provider=provider,
        model=body.get("model") or model,
        stop_reason=_STOP_REASONS.get(finish or "", StopReason.OTHER),
    )


class AzureOpenAIProvider(OpenAIProvider):
    """``azure:DEPLOYMENT``: an Azure OpenAI deployment, addressed by its deployment name."""

    name = "azure"

    def __init__(
        self,
        deployment: str,
        *,
        endpoint: str,
        api_version: str = DEFAULT_AZURE_API_VERSION,
        **options: Any,
    ) -> None:
        super().__init__(deployment, **options)
        del self.client_options["base_url"]
        self.client_options |= {"azure_endpoint": endpoint, "api_version": api_version}

    def new_client(self, **options: Any) -> openai.OpenAI:
        """A sync Azure OpenAI client made with ``options``."""
        return openai.AzureOpenAI(**options)

    def new_async_client(self, **options: Any) -> openai.AsyncOpenAI:
        """An async Azure OpenAI client made with ``options``."""
        return openai.AsyncAzureOpenAI(**options)
