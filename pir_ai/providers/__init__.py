"""Model providers: one small protocol, many backends.

``get_provider("openai:gpt-4.1-mini")`` and friends return a ``Provider`` with
``complete(request)`` and ``await acomplete(request)``. See docs/providers.md.
"""

from __future__ import annotations

from pir_ai.providers._base import (
    Completion,
    CompletionRequest,
    Message,
    Provider,
    StopReason,
    Usage,
)
from pir_ai.providers._cache import CachingProvider, ResponseCache, request_hash
from pir_ai.providers._fake import FakeProvider
from pir_ai.providers._metered import MeteredProvider, estimate_input_tokens
from pir_ai.providers._reask import (
    Validated,
    ValidationFailure,
    acomplete_validated,
    complete_validated,
)
from pir_ai.providers._registry import ENTRY_POINT_GROUP, available_providers, get_provider

__all__ = [
    "ENTRY_POINT_GROUP",
    "CachingProvider",
    "Completion",
    "CompletionRequest",
    "FakeProvider",
    "Message",
    "MeteredProvider",
    "Provider",
    "ResponseCache",
    "StopReason",
    "Usage",
    "Validated",
    "ValidationFailure",
    "acomplete_validated",
    "available_providers",
    "complete_validated",
    "estimate_input_tokens",
    "get_provider",
    "request_hash",
]
