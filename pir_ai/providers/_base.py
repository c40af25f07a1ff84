"""The provider protocol and its request/response types. Never SDK types.

Small like httpx's transport: ``complete(request)`` and ``await acomplete(request)``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field


class Message(BaseModel):
    """One chat message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class CompletionRequest(BaseModel):
    """What pir_ai asks a model for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    messages: tuple[Message, ...]
    json_schema: dict[str, Any] | None = Field(
        default=None, description="JSON schema the answer must satisfy (structured output)."
    )
    schema_name: str = "answer"
    max_output_tokens: int = 4096
    temperature: float = 0.0
    timeout_s: float = 120.0
    prompt_version: str | None = None
    section: str | None = Field(default=None, description="Draft section, for the audit trail.")


class StopReason(StrEnum):
    """Why the model stopped, normalised across vendors."""

    END = "end"
    MAX_TOKENS = "max_tokens"
    REFUSAL = "refusal"
    TOOL_USE = "tool_use"
    OTHER = "other"


class Usage(BaseModel):
    """Tokens in and out of one call."""

    model_config = ConfigDict(extra="forbid")

    input_tokens: int = 0
    output_tokens: int = 0


class Completion(BaseModel):
    """What a model answered, in pir_ai's terms."""

    model_config = ConfigDict(extra="forbid")

    text: str
    parsed: Any | None = Field(default=None, description="Parsed JSON when a schema was asked.")
    usage: Usage = Field(default_factory=Usage)
    provider: str
    model: str
    stop_reason: StopReason = StopReason.END
    cost_usd: float = 0.0
    latency_s: float = 0.0
    cached: bool = False
    schema_errors: list[str] = Field(
        default_factory=list,
        description="Why the answer does not satisfy the request's schema (empty when it does).",
    )


@runtime_checkable
class Provider(Protocol):
    """A model pir_ai can draft with. Sync and async twins, named alike."""

    name: str
    model: str
    remote: bool
    """True when text leaves the machine: redaction is on by default for remote providers."""

    def complete(self, request: CompletionRequest) -> Completion:
        """Answer ``request``; raise ``ProviderError`` subclasses on failure."""
        ...

    async def acomplete(self, request: CompletionRequest) -> Completion:
        """Async twin of ``complete``."""
        ...
