"""One drafting run: what every step shares, how a request is sent and accounted for."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, TypeVar

from pydantic import BaseModel

from pir_ai.budget import CondensedIncident, encoding_for_model
from pir_ai.draft._prompts import PromptSet
from pir_ai.draft._sections.check import Check, SectionAnswer
from pir_ai.draft._sections.request import DraftHooks, build_request, request_hash
from pir_ai.errors import InvalidOutputError
from pir_ai.events import Event
from pir_ai.findings import Category, Finding, Location, Severity, rule_name
from pir_ai.postmortem import AuditRecord, IncidentMetrics
from pir_ai.providers import (
    Completion,
    CompletionRequest,
    Provider,
    Validated,
    acomplete_validated,
    estimate_input_tokens,
)
from pir_ai.verify import SourceIndex

AnswerT = TypeVar("AnswerT", bound=BaseModel)

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stages are condense, map, reduce, sections, verify."""

REASK_RESERVE = 2000
"""Tokens kept free for the errors a re-ask sends back (the old answer is counted apart)."""
MAX_DATA_TOKENS = 48_000
"""Incident data one request carries at most, whatever the window. Every section request
carries the data again, so beyond this map-reduce is cheaper (the events are sent once)
and long prompts lose detail in the middle anyway."""


@dataclass
class DraftRun:
    """Everything the steps of one model draft share, and what they account for."""

    provider: Provider
    prompts: PromptSet
    events: Mapping[str, Event]
    metrics: IncidentMetrics
    condensed: CondensedIncident
    context_tokens: int
    hooks: DraftHooks = field(default_factory=DraftHooks)
    max_output_tokens: int = 4096
    concurrency: int = 4
    progress: Progress | None = None
    max_attempts: int = 2
    max_data_tokens: int = MAX_DATA_TOKENS
    audit: list[AuditRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @cached_property
    def ids(self) -> dict[str, tuple[str, ...]]:
        """Short id -> the event ids a citation of it stands for (see ``citations``)."""
        return self.condensed.citations

    @cached_property
    def sources(self) -> SourceIndex:
        """The events indexed once for every verification of this run."""
        return SourceIndex.of(self.events)

    @cached_property
    def short_ids(self) -> dict[str, str]:
        """Event id -> short id."""
        return {real: short for short, real in self.condensed.short_ids.items()}

    @cached_property
    def _semaphore(self) -> asyncio.Semaphore:
        return asyncio.Semaphore(self.concurrency)

    @cached_property
    def _encoding(self) -> str:
        return encoding_for_model(self.provider.model)

    def report(self, stage: str, done: int, total: int) -> None:
        """Tell the caller's progress callback, if any."""
        if self.progress is not None:
            self.progress(stage, done, total)

    def request(
        self,
        *,
        instructions: str,
        data: str,
        schema: dict[str, Any],
        schema_name: str,
        section: str | None,
        facts: str = "",
    ) -> CompletionRequest:
        """A request of this run (its prompt set and output limit)."""
        return build_request(
            self.prompts,
            instructions=instructions,
            data=data,
            schema=schema,
            schema_name=schema_name,
            section=section,
            facts=facts,
            max_output_tokens=self.max_output_tokens,
        )

    def data_budget(self, probe: CompletionRequest) -> int:
        """Tokens the incident data may take in a request like ``probe`` (built with no data).

        The window must hold the request, its answer, and a re-ask: the first answer
        sent back plus the list of errors. Never more than ``max_data_tokens``.
        """
        overhead = estimate_input_tokens(probe, self._encoding)
        room = self.context_tokens - overhead - 2 * self.max_output_tokens - REASK_RESERVE
        return min(room, self.max_data_tokens)

    def fits(self, request: CompletionRequest) -> bool:
        """True when ``request`` and a re-ask of it fit the context window."""
        needed = estimate_input_tokens(request, self._encoding)
        return needed + 2 * self.max_output_tokens + REASK_RESERVE <= self.context_tokens

    async def ask(
        self, request: CompletionRequest, check: Check[AnswerT]
    ) -> Validated[SectionAnswer[AnswerT]]:
        """Send ``request`` (bounded concurrency), re-ask on failures, record the audit.

        Rejected answers are audited too: they were paid for.
        """
        async with self._semaphore:
            started = datetime.now(UTC)
            try:
                result = await acomplete_validated(
                    self.provider, request, check, max_attempts=self.max_attempts
                )
            except InvalidOutputError as err:
                self._audit(
                    request, started, [c for c in err.completions if isinstance(c, Completion)]
                )
                raise
        self._audit(request, started, result.completions)
        return result

    def _audit(
        self, request: CompletionRequest, started: datetime, completions: Sequence[Completion]
    ) -> None:
        digest = request_hash(request)
        for completion in completions:
            self.audit.append(
                AuditRecord(
                    provider=completion.provider,
                    model=completion.model,
                    prompt_version=self.prompts.version,
                    input_hash=digest,
                    section=request.section,
                    started_at=started,
                    duration_s=round(completion.latency_s, 6),
                    tokens_in=completion.usage.input_tokens,
                    tokens_out=completion.usage.output_tokens,
                    cost_usd=completion.cost_usd,
                    cached=completion.cached,
                )
            )

    def flag_failure(self, where: str, error: Exception, fallback: str) -> None:
        """Keep a step that failed validation after its re-asks as a finding for the review."""
        self.findings.append(
            Finding(
                code="PIR100",
                name=rule_name("PIR100"),
                category=Category.GROUNDING,
                severity=Severity.ERROR,
                message=f"the model's answer for {where} was not usable ({error}); {fallback}",
                location=Location(field=where),
            )
        )
