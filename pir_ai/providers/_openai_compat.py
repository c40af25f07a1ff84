"""OpenAI-compatible servers by ``base_url``: Ollama, vLLM, llama.cpp server, LM Studio, LiteLLM.

They speak the chat completions API but not all of them accept
``response_format={"type": "json_schema"}``. The adapter tries it first; when the
server rejects it (HTTP 400, or a 5xx as llama.cpp's server sends, naming
``response_format`` or ``json_schema``), it
remembers that and falls back to JSON mode (``{"type": "json_object"}``) with the
schema spelled out in a system message. Either way the answer is checked
locally against the schema and problems land in ``Completion.schema_errors``.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Literal
from urllib.parse import urlsplit

from pir_ai.errors import BadRequestError, ProviderUnavailableError
from pir_ai.providers._base import Completion, CompletionRequest, Message
from pir_ai.providers._openai import OpenAIProvider

__all__ = ["OpenAICompatProvider"]

log = logging.getLogger(__name__)

JsonMode = Literal["auto", "json_schema", "json_object"]
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
_UNSUPPORTED_HINTS = ("response_format", "json_schema", "json schema")


def is_local_url(base_url: str) -> bool:
    """True when ``base_url`` points at this machine (text does not leave it)."""
    return (urlsplit(base_url).hostname or "") in _LOCAL_HOSTS


class OpenAICompatProvider(OpenAIProvider):
    """``openai-compat:MODEL`` with ``base_url=``: any server speaking chat completions."""

    name = "openai-compat"

    def __init__(
        self,
        model: str,
        *,
        base_url: str,
        api_key: str | None = None,
        json_mode: JsonMode = "auto",
        **options: Any,
    ) -> None:
        # Local servers ignore the key, but the SDK insists on one.
        super().__init__(model, base_url=base_url, api_key=api_key or "not-needed", **options)
        self.base_url = base_url
        self.remote = not is_local_url(base_url)
        self.json_mode: JsonMode = json_mode

    def request_params(self, request: CompletionRequest) -> dict[str, Any]:
        """Like OpenAI's, with ``max_tokens`` (widely supported) and the JSON mode in use."""
        if request.json_schema is not None and self.json_mode == "json_object":
            request = _with_schema_instructions(request)
        params = super().request_params(request)
        params["max_tokens"] = params.pop("max_completion_tokens")
        if request.json_schema is not None and self.json_mode == "json_object":
            params["response_format"] = {"type": "json_object"}
        return params

    def _send(self, request: CompletionRequest) -> Completion:
        try:
            return super()._send(request)
        except (BadRequestError, ProviderUnavailableError) as err:
            if not self._fall_back(err, request):
                raise
        return super()._send(request)

    async def _asend(self, request: CompletionRequest) -> Completion:
        try:
            return await super()._asend(request)
        except (BadRequestError, ProviderUnavailableError) as err:
            if not self._fall_back(err, request):
                raise
        return await super()._asend(request)

    def _fall_back(
        self, err: BadRequestError | ProviderUnavailableError, request: CompletionRequest
    ) -> bool:
        """Switch to JSON mode when the server rejected json_schema; False if it did not."""
        message = str(err).lower()
        if (
            request.json_schema is None
            or self.json_mode != "auto"
            or not any(hint in message for hint in _UNSUPPORTED_HINTS)
        ):
            return False
        log.info("%s rejected json_schema output; using JSON mode plus local checks", self.base_url)
        self.json_mode = "json_object"
        return True


def _with_schema_instructions(request: CompletionRequest) -> CompletionRequest:
    schema = json.dumps(request.json_schema, ensure_ascii=False)
    instruction = (
        "Answer with a single JSON object and nothing else. "
        f"It must satisfy this JSON schema:\n{schema}"
    )
    # Many chat templates accept one system message, and only first: merge into it.
    messages = list(request.messages)
    if messages and messages[0].role == "system":
        messages[0] = Message(role="system", content=f"{messages[0].content}\n\n{instruction}")
    else:
        messages.insert(0, Message(role="system", content=instruction))
    return request.model_copy(update={"messages": tuple(messages)})
