"""What every model adapter does around the call itself.

Before: refuse a request that cannot fit the model's context window. Around:
bound concurrent async calls with a semaphore per provider instance, time the
call. After: parse and check structured output against the request's schema,
price the usage. Adapters subclass ``MeteredProvider`` and implement ``_send``
and ``_asend`` only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import weakref
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from pir_ai.budget import context_window, count_tokens, encoding_for_model
from pir_ai.errors import ConfigError, ContextLengthError
from pir_ai.providers._base import Completion, CompletionRequest
from pir_ai.providers._pricing import PriceTable, load_price_table
from pir_ai.providers._schema import parse_and_check, schema_errors

__all__ = ["MeteredProvider", "estimate_input_tokens"]

log = logging.getLogger(__name__)

# Chat formats add a few tokens per message for role and separators.
_TOKENS_PER_MESSAGE = 4


def estimate_input_tokens(request: CompletionRequest, encoding: str = "o200k_base") -> int:
    """Tokens the request's messages and schema will take, counted with tiktoken."""
    total = sum(_TOKENS_PER_MESSAGE + count_tokens(m.content, encoding) for m in request.messages)
    if request.json_schema is not None:
        total += count_tokens(json.dumps(request.json_schema), encoding)
    return total


class MeteredProvider(ABC):
    """Base of pir_ai's built-in adapters: context check, concurrency, cost, latency, schema."""

    name: str = "provider"
    remote: bool = True

    def __init__(
        self,
        model: str,
        *,
        prices: Mapping[str, Any] | PriceTable | None = None,
        max_concurrency: int = 4,
        context_window: int | None = None,
    ) -> None:
        if max_concurrency < 1:
            raise ConfigError(f"max_concurrency must be at least 1, found {max_concurrency}")
        self.model = model
        self.max_concurrency = max_concurrency
        self.prices = prices if isinstance(prices, PriceTable) else load_price_table(prices)
        self._context_window = context_window
        self._warned_unpriced = False
        self._semaphores: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, asyncio.Semaphore
        ] = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name}:{self.model})"

    @property
    def context_window(self) -> int:
        """Tokens the model accepts, input and output together."""
        return self._context_window or context_window(self.model)

    def check_fits(self, request: CompletionRequest) -> int:
        """Estimated input tokens; ContextLengthError when input + max output exceed the window."""
        needed = estimate_input_tokens(request, encoding_for_model(self.model))
        window = self.context_window
        if needed + request.max_output_tokens > window:
            raise ContextLengthError(
                f"request needs about {needed} input tokens + {request.max_output_tokens} output "
                f"tokens, more than the {window}-token context window; shorten the input or "
                "lower max_output_tokens",
                provider=self.name,
                model=self.model,
            )
        return needed

    def complete(self, request: CompletionRequest) -> Completion:
        """Answer ``request``; raise ``ProviderError`` subclasses on failure."""
        self.check_fits(request)
        started = time.perf_counter()
        completion = self._send(request)
        return self._finish(request, completion, time.perf_counter() - started)

    async def acomplete(self, request: CompletionRequest) -> Completion:
        """Async twin of ``complete``, at most ``max_concurrency`` at a time per provider."""
        self.check_fits(request)
        async with self._semaphore():
            started = time.perf_counter()
            completion = await self._asend(request)
        return self._finish(request, completion, time.perf_counter() - started)

    def _semaphore(self) -> asyncio.Semaphore:
        # An asyncio.Semaphore binds to the loop that first waits on it; keep one per loop.
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:
            semaphore = self._semaphores[loop] = asyncio.Semaphore(self.max_concurrency)
        return semaphore

    def _finish(
        self, request: CompletionRequest, completion: Completion, latency_s: float
    ) -> Completion:
        usage = completion.usage
        price = self.prices.price(completion.model) or self.prices.price(self.model)
        if price is None and self.remote and not self._warned_unpriced:
            self._warned_unpriced = True
            log.warning(
                "%s: no price known for model %r; cost is reported as 0.0 "
                "(pass prices= or set PIR_AI_PRICES)",
                self.name,
                completion.model,
            )
        update: dict[str, Any] = {
            "latency_s": latency_s,
            "cost_usd": price.cost(usage.input_tokens, usage.output_tokens) if price else 0.0,
        }
        schema = request.json_schema
        if schema is not None:
            if completion.parsed is None:
                update["parsed"], update["schema_errors"] = parse_and_check(completion.text, schema)
            else:
                update["schema_errors"] = schema_errors(completion.parsed, schema)
        return completion.model_copy(update=update)

    @abstractmethod
    def _send(self, request: CompletionRequest) -> Completion:
        """Make the call; return text (and parsed JSON when already structured) and usage."""

    @abstractmethod
    async def _asend(self, request: CompletionRequest) -> Completion:
        """Async twin of ``_send``."""
