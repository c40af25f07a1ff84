"""What a draft is made with: one configuration object, and the overrides a call may give."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, TypedDict, Unpack

from pir_ai.draft._prompts import DEFAULT_SET
from pir_ai.draft._sections.request import DraftHooks
from pir_ai.draft._sections.run import Progress
from pir_ai.providers import Provider
from pir_ai.redact import RedactionConfig


class DraftOptions(TypedDict, total=False):
    """The fields of ``DraftConfig``, as keyword overrides of ``draft_postmortem``."""

    provider: str | Provider
    provider_options: Mapping[str, Any]
    tz: tzinfo | None
    meeting_start: datetime | None
    strict: bool
    prompts: str
    instructions: Mapping[str, str] | None
    concurrency: int
    progress: Progress | None
    context_tokens: int | None
    max_output_tokens: int
    hooks: DraftHooks | None
    redact: bool | None
    redaction: RedactionConfig | None


@dataclass(frozen=True, kw_only=True)
class DraftConfig:
    """Everything a draft is made with, held once and reused across drafts.

    Attributes:
        provider: ``"offline"`` (default: the offline drafter, no model), a provider
            string such as ``"openai:gpt-4.1-mini"``, or a ``Provider`` instance.
        provider_options: passed to ``get_provider`` when ``provider`` is a string.
        tz: zone for naive timestamps in the sources.
        meeting_start: wall-clock start of a recorded call, for transcript offsets.
        strict: fail on any unreadable record instead of skipping it.
        prompts: prompt set to draft with (model drafts only).
        instructions: section name -> instructions replacing the shipped ones (sections:
            summary, response, analysis, retrospective, actions, questions).
        concurrency: at most this many model requests in flight.
        progress: ``progress(stage, done, total)``, called as the work advances.
        context_tokens: plan for this context window instead of the model's.
        max_output_tokens: limit of each model answer.
        hooks: where redaction and unmasking plug in (advanced).
        redact: pseudonymise people and contact details and remove secrets before
            anything is sent; None follows ``redaction.enabled``, else redacts for
            remote providers only. The returned draft is unmasked.
        redaction: redaction settings (patterns, host names, map file); docs/security.md.
    """

    provider: str | Provider = "offline"
    provider_options: Mapping[str, Any] = field(default_factory=dict)
    tz: tzinfo | None = None
    meeting_start: datetime | None = None
    strict: bool = False
    prompts: str = DEFAULT_SET
    instructions: Mapping[str, str] | None = None
    concurrency: int = 4
    progress: Progress | None = None
    context_tokens: int | None = None
    max_output_tokens: int = 4096
    hooks: DraftHooks | None = None
    redact: bool | None = None
    redaction: RedactionConfig | None = None

    def replace(self, **overrides: Unpack[DraftOptions]) -> DraftConfig:
        """A copy with ``overrides`` applied."""
        return dataclasses.replace(self, **overrides) if overrides else self

    def report(self, stage: str, done: int, total: int) -> None:
        """Tell ``progress``, when one is set."""
        if self.progress is not None:
            self.progress(stage, done, total)
