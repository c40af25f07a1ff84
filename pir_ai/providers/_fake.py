"""A scripted provider for tests and demos: no network, every request recorded.

Give it a list of answers, played in order (``str`` is the raw text, ``dict`` or
``list`` is JSON, an ``Exception`` is raised), or a function of the request::

    fake = FakeProvider([{"title": "Checkout outage"}, RateLimitError(...)])
    fake = FakeProvider(lambda request: {"echo": request.messages[-1].content})

Usage is counted with tiktoken so budgets and costs behave as with a real model.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from pir_ai.budget import count_tokens
from pir_ai.errors import ProviderError
from pir_ai.providers._base import Completion, CompletionRequest, StopReason, Usage
from pir_ai.providers._metered import MeteredProvider, estimate_input_tokens

__all__ = ["FakeProvider", "ScriptItem"]

ScriptItem = str | dict[str, Any] | list[Any] | Exception
Answer = str | dict[str, Any] | list[Any]


class FakeProvider(MeteredProvider):
    """``fake``: answers from a script or a function; ``.requests`` lists what it was sent."""

    name = "fake"

    def __init__(
        self,
        script: Sequence[ScriptItem] | Callable[[CompletionRequest], Answer],
        *,
        model: str = "fake",
        remote: bool = True,
        **metered: Any,
    ) -> None:
        super().__init__(model, **metered)
        self.remote = remote
        self.requests: list[CompletionRequest] = []
        self._script = script if callable(script) else list(script)
        self._played = 0

    @property
    def exhausted(self) -> bool:
        """True when a scripted list has no answer left."""
        return isinstance(self._script, list) and self._played >= len(self._script)

    def _next_answer(self, request: CompletionRequest) -> Answer:
        self.requests.append(request)
        if callable(self._script):
            return self._script(request)
        if self.exhausted:
            raise ProviderError(
                f"script exhausted: request {len(self.requests)} but only "
                f"{len(self._script)} answers scripted",
                provider=self.name,
                model=self.model,
            )
        item = self._script[self._played]
        self._played += 1
        if isinstance(item, Exception):
            raise item
        return item

    def _send(self, request: CompletionRequest) -> Completion:
        answer = self._next_answer(request)
        structured = not isinstance(answer, str)
        text = json.dumps(answer, ensure_ascii=False) if structured else str(answer)
        return Completion(
            text=text,
            parsed=answer if structured and request.json_schema is not None else None,
            usage=Usage(
                input_tokens=estimate_input_tokens(request), output_tokens=count_tokens(text)
            ),
            provider=self.name,
            model=self.model,
            stop_reason=StopReason.END,
        )

    async def _asend(self, request: CompletionRequest) -> Completion:
        return self._send(request)
