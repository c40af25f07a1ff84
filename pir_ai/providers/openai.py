"""OpenAI chat completions through the official SDK; Azure OpenAI through the same adapter.

Structured output uses ``response_format={"type": "json_schema", "strict": true}``
with the schema converted to the strict subset. The SDK keeps its own transport
retries (``max_retries``, which honour ``Retry-After``); each call carries the
request's timeout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import openai

from pir_ai.errors import ProviderError, RefusalError, TruncationError
from pir_ai.providers.base import Completion, CompletionRequest, StopReason, Usage
from pir_ai.providers.metered import MeteredProvider
from pir_ai.providers.retry_cap import (
    DEFAULT_MAX_RETRY_WAIT_S,
    async_retry_cap_hooks,
    retry_cap_hooks,
)
from pir_ai.providers.schema import strict_json_schema
from pir_ai.providers.sdk_errors import from_sdk_error

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


class OpenAIProvider(MeteredProvider):
    """``openai:MODEL``: the OpenAI API (or any server given by ``base_url``)."""

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        max_retries: int = 2,
        timeout_s: float = 120.0,
        max_retry_wait_s: float = DEFAULT_MAX_RETRY_WAIT_S,
        client: openai.OpenAI | None = None,
        async_client: openai.AsyncOpenAI | None = None,
        **metered: Any,
    ) -> None:
        super().__init__(model, **metered)
        self.max_retries = max_retries
        self.max_retry_wait_s = max_retry_wait_s
        self._client_options: dict[str, Any] = {
            "api_key": api_key,
            "base_url": base_url,
            "max_retries": max_retries,
            "timeout": timeout_s,
        }
        self._client = client
        self._async_client = async_client

    @property
    def client(self) -> openai.OpenAI:
        """The SDK client, made on first use."""
        if self._client is None:
            self._client = openai.OpenAI(
                **self._client_options,
                http_client=openai.DefaultHttpxClient(
                    event_hooks=retry_cap_hooks(self.max_retry_wait_s)
                ),
            )
        return self._client

    @property
    def async_client(self) -> openai.AsyncOpenAI:
        """The async SDK client, made on first use."""
        if self._async_client is None:
            self._async_client = openai.AsyncOpenAI(
                **self._client_options,
                http_client=openai.DefaultAsyncHttpxClient(
                    event_hooks=async_retry_cap_hooks(self.max_retry_wait_s)
                ),
            )
        return self._async_client

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
            raise self._wrap(err, request) from err
        return self.to_completion(response)

    async def _asend(self, request: CompletionRequest) -> Completion:
        try:
            response = await self.async_client.chat.completions.create(
                **self.request_params(request)
            )
        except openai.OpenAIError as err:
            raise self._wrap(err, request) from err
        return self.to_completion(response)

    def _wrap(self, err: openai.OpenAIError, request: CompletionRequest) -> ProviderError:
        mapped = from_sdk_error(
            err, openai, provider=self.name, model=self.model, timeout_s=request.timeout_s
        )
        return mapped or ProviderError(str(err), provider=self.name, model=self.model)

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
        api_key: str | None = None,
        api_version: str = DEFAULT_AZURE_API_VERSION,
        max_retries: int = 2,
        timeout_s: float = 120.0,
        max_retry_wait_s: float = DEFAULT_MAX_RETRY_WAIT_S,
        **metered: Any,
    ) -> None:
        options: dict[str, Any] = {
            "azure_endpoint": endpoint,
            "api_key": api_key,
            "api_version": api_version,
            "max_retries": max_retries,
            "timeout": timeout_s,
        }
        super().__init__(
            deployment,
            client=openai.AzureOpenAI(
                **options,
                http_client=openai.DefaultHttpxClient(
                    event_hooks=retry_cap_hooks(max_retry_wait_s)
                ),
            ),
            async_client=openai.AsyncAzureOpenAI(
                **options,
                http_client=openai.DefaultAsyncHttpxClient(
                    event_hooks=async_retry_cap_hooks(max_retry_wait_s)
                ),
            ),
            max_retries=max_retries,
            timeout_s=timeout_s,
            max_retry_wait_s=max_retry_wait_s,
            **metered,
        )
