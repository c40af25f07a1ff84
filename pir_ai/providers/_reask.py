"""Re-ask the model when its answer fails validation, sending the errors back.

Only validation failures are re-asked: the answer broke the schema (hard) or a
grounding check (soft). Transport faults are the SDKs' business and provider
errors (rate limit, truncation, refusal...) propagate unchanged. A re-ask sends
the conversation so far, the model's bad answer as an assistant message, and
the errors as a user message. Attempts are bounded, and so are tokens: a re-ask
is sent only if its worst case (estimated input + ``max_output_tokens``) fits
in what is left of ``max_total_tokens``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from tenacity import AsyncRetrying, RetryCallState, Retrying, retry_if_exception_type, wait_none
from tenacity.stop import stop_after_attempt, stop_base

from pir_ai.errors import InvalidOutputError
from pir_ai.providers._base import Completion, CompletionRequest, Message, Provider
from pir_ai.providers._metered import estimate_input_tokens

__all__ = ["Validated", "ValidationFailure", "acomplete_validated", "complete_validated"]

log = logging.getLogger(__name__)

T = TypeVar("T")
Check = Callable[[Completion], tuple[T, list[str]]]


class ValidationFailure(Exception):
    """Raised by a check when no value can be built from the answer (schema failure)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass
class Validated(Generic[T]):
    """A value that passed the schema, the soft problems left, and every completion paid for."""

    value: T
    problems: list[str]
    completions: list[Completion]


class _Reask(Exception):
    def __init__(self, errors: list[str], *, hard: bool) -> None:
        self.errors = errors
        self.hard = hard
        super().__init__("; ".join(errors))


@dataclass
class _Conversation(Generic[T]):
    request: CompletionRequest
    check: Check[T]
    completions: list[Completion] = field(default_factory=list)
    best: tuple[T, list[str]] | None = None

    @property
    def tokens_used(self) -> int:
        return sum(c.usage.input_tokens + c.usage.output_tokens for c in self.completions)

    def judge(self, completion: Completion) -> T:
        """The value when it passes; else raise _Reask, with the next request ready."""
        self.completions.append(completion)
        try:
            if completion.schema_errors:
                raise ValidationFailure(completion.schema_errors)
            value, problems = self.check(completion)
        except ValidationFailure as failure:
            self._prepare_reask(completion, failure.errors)
            raise _Reask(failure.errors, hard=True) from failure
        if not problems:
            return value
        if self.best is None or len(problems) < len(self.best[1]):
            self.best = (value, problems)
        self._prepare_reask(completion, problems)
        raise _Reask(problems, hard=False)

    def _prepare_reask(self, completion: Completion, errors: list[str]) -> None:
        log.info("re-asking %s: %d problem(s)", completion.model, len(errors))
        listed = "\n".join(f"- {error}" for error in errors)
        feedback = (
            f"Your answer did not pass validation:\n{listed}\n"
            "Answer again with the complete, corrected answer."
        )
        turns = (
            Message(role="assistant", content=completion.text),
            Message(role="user", content=feedback),
        )
        self.request = self.request.model_copy(
            update={"messages": (*self.request.messages, *turns)}
        )

    def result_after_last_attempt(self, last: _Reask, provider: Provider) -> Validated[T]:
        if self.best is not None:
            return Validated(self.best[0], self.best[1], self.completions)
        raise InvalidOutputError(
            f"the answer failed validation after {len(self.completions)} attempt(s): "
            + "; ".join(last.errors),
            provider=provider.name,
            model=provider.model,
            completions=self.completions,
        )


class _stop_when_out_of_tokens(stop_base):
    def __init__(self, conversation: _Conversation[Any], max_total_tokens: int | None) -> None:
        self.conversation = conversation
        self.max_total_tokens = max_total_tokens

    def __call__(self, retry_state: RetryCallState) -> bool:
        if self.max_total_tokens is None:
            return False
        request = self.conversation.request
        worst_case = estimate_input_tokens(request) + request.max_output_tokens
        return self.conversation.tokens_used + worst_case > self.max_total_tokens


def _retrying_options(
    conversation: _Conversation[Any], max_attempts: int, budget: int | None
) -> Any:
    return {
        "stop": stop_after_attempt(max_attempts) | _stop_when_out_of_tokens(conversation, budget),
        "retry": retry_if_exception_type(_Reask),
        "wait": wait_none(),
        "reraise": True,
    }


def complete_validated(
    provider: Provider,
    request: CompletionRequest,
    check: Check[T],
    *,
    max_attempts: int = 2,
    max_total_tokens: int | None = None,
) -> Validated[T]:
    """Ask, check, and re-ask with the errors while attempts and tokens remain.

    ``check`` raises ``ValidationFailure`` when it cannot build the value (hard) or
    returns ``(value, problems)`` with soft problems. An answer that fails the
    request's JSON schema is a hard failure before ``check`` runs. At the end, the
    value with the fewest soft problems is returned; with only hard failures,
    ``InvalidOutputError`` is raised.
    """
    conversation = _Conversation(request, check)
    retrying = Retrying(**_retrying_options(conversation, max_attempts, max_total_tokens))
    try:
        value = retrying(lambda: conversation.judge(provider.complete(conversation.request)))
    except _Reask as last:
        return conversation.result_after_last_attempt(last, provider)
    return Validated(value, [], conversation.completions)


async def acomplete_validated(
    provider: Provider,
    request: CompletionRequest,
    check: Check[T],
    *,
    max_attempts: int = 2,
    max_total_tokens: int | None = None,
) -> Validated[T]:
    """Async twin of ``complete_validated``."""
    conversation = _Conversation(request, check)
    retrying = AsyncRetrying(**_retrying_options(conversation, max_attempts, max_total_tokens))

    async def attempt() -> T:
        return conversation.judge(await provider.acomplete(conversation.request))

    try:
        value: T = await retrying(attempt)
    except _Reask as last:
        return conversation.result_after_last_attempt(last, provider)
    return Validated(value, [], conversation.completions)
