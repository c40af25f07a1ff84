"""Anthropic's Messages API through the official SDK.

Structured output goes through tool use: a single tool whose ``input_schema`` is
the requested schema, and ``tool_choice`` forcing the model to call it. The
tool's input is the answer. System messages travel in the ``system`` field. The
SDK (2.x) no longer takes ``temperature``, so the request's temperature is not sent.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

import anthropic

from pir_ai.errors import ContextLengthError, RefusalError, TruncationError
from pir_ai.providers._base import Completion, CompletionRequest, StopReason, Usage
from pir_ai.providers._sdk_provider import SDKProvider

__all__ = ["AnthropicProvider"]

_STOP_REASONS = {
    "end_turn": StopReason.END,
    "stop_sequence": StopReason.END,
    "tool_use": StopReason.TOOL_USE,
    "max_tokens": StopReason.MAX_TOKENS,
    "refusal": StopReason.REFUSAL,
}
_WRAPPED_KEY = "value"


class AnthropicProvider(SDKProvider[anthropic.Anthropic, anthropic.AsyncAnthropic]):
    """``anthropic:MODEL``: Claude models. Options as ``OpenAIProvider``'s."""

    name = "anthropic"
    sdk: ClassVar[Any] = anthropic

    def new_client(self, **options: Any) -> anthropic.Anthropic:
        """A sync SDK client made with ``options``."""
        return anthropic.Anthropic(**options)

    def new_async_client(self, **options: Any) -> anthropic.AsyncAnthropic:
        """An async SDK client made with ``options``."""
        return anthropic.AsyncAnthropic(**options)

    def request_params(self, request: CompletionRequest) -> dict[str, Any]:
        """The keyword arguments of ``messages.create`` for ``request``."""
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_output_tokens,
            "messages": [
                {"role": m.role, "content": m.content}
                for m in request.messages
                if m.role != "system"
            ],
            "timeout": request.timeout_s,
        }
        if system:
            params["system"] = system
        schema = request.json_schema
        if schema is not None:
            if schema.get("type") != "object":
                # Tool input must be an object; carry other answers in one property.
                schema = {"type": "object", "properties": {_WRAPPED_KEY: schema}}
                schema["required"] = [_WRAPPED_KEY]
            params["tools"] = [
                {
                    "name": request.schema_name,
                    "description": "Record the answer. Its input must follow the schema exactly.",
                    "input_schema": schema,
                }
            ]
            params["tool_choice"] = {"type": "tool", "name": request.schema_name}
        return params

    def _send(self, request: CompletionRequest) -> Completion:
        try:
            message = self.client.messages.create(**self.request_params(request))
        except anthropic.AnthropicError as err:
            raise self.wrap_error(err, request) from err
        return self.to_completion(message, request)

    async def _asend(self, request: CompletionRequest) -> Completion:
        try:
            message = await self.async_client.messages.create(**self.request_params(request))
        except anthropic.AnthropicError as err:
            raise self.wrap_error(err, request) from err
        return self.to_completion(message, request)

    def to_completion(self, message: Any, request: CompletionRequest) -> Completion:
        """Our ``Completion`` from an ``anthropic.types.Message``."""
        where: dict[str, Any] = {"provider": self.name, "model": self.model}
        stop = message.stop_reason
        texts = [block.text for block in message.content if block.type == "text"]
        if stop == "refusal":
            said = " ".join(texts).strip()
            raise RefusalError(f"the model refused{': ' + said if said else ''}", **where)
        if stop == "max_tokens":
            raise TruncationError(
                "the answer was cut off at the output-token limit; raise max_output_tokens "
                "or shorten the input",
                **where,
            )
        if stop == "model_context_window_exceeded":
            raise ContextLengthError("the answer ran out of context window", **where)
        parsed: Any = None
        tool_inputs = [block.input for block in message.content if block.type == "tool_use"]
        if request.json_schema is not None and tool_inputs:
            parsed = tool_inputs[0]
            if request.json_schema.get("type") != "object" and isinstance(parsed, dict):
                parsed = parsed.get(_WRAPPED_KEY)
            text = json.dumps(parsed, ensure_ascii=False)
        else:
            text = "".join(texts)
        return Completion(
            text=text,
            parsed=parsed,
            usage=Usage(
                input_tokens=message.usage.input_tokens, output_tokens=message.usage.output_tokens
            ),
            provider=self.name,
            model=message.model or self.model,
            stop_reason=_STOP_REASONS.get(stop or "", StopReason.OTHER),
        )
