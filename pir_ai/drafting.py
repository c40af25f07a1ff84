"""Orchestration: incident in, validated ``Postmortem`` out.

The offline engine is the default and needs no model. Model providers plug in
through ``pir_ai.providers``; whatever drafts, the same validation pass runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from pir_ai.events import Incident
from pir_ai.ingest.load import load_incident
from pir_ai.model_draft import adraft_with_model, dedupe_findings
from pir_ai.offline.engine import draft_offline
from pir_ai.postmortem import InputSummary, Postmortem
from pir_ai.prompts import DEFAULT_SET, load_prompts
from pir_ai.providers.base import Provider
from pir_ai.redact import RedactionConfig, redaction_hooks, should_redact, unredacted
from pir_ai.sections.request import DraftHooks
from pir_ai.sections.run import Progress
from pir_ai.validate import validate_postmortem

__all__ = ["adraft_postmortem", "draft_postmortem"]

Sources = str | Path | Iterable[str | Path] | Incident


def draft_postmortem(
    paths: Sources,
    *,
    provider: str | Provider = "offline",
    tz: tzinfo | None = None,
    meeting_start: datetime | None = None,
    strict: bool = False,
    prompts: str = DEFAULT_SET,
    instructions: Mapping[str, str] | None = None,
    concurrency: int = 4,
    progress: Progress | None = None,
    context_tokens: int | None = None,
    max_output_tokens: int = 4096,
    hooks: DraftHooks | None = None,
    redact: bool | None = None,
    redaction: RedactionConfig | None = None,
    **provider_options: Any,
) -> Postmortem:
    """Draft a blameless postmortem from an incident's files.

    Args:
        paths: files and folders the incident left behind, or an already loaded ``Incident``.
        provider: ``"offline"`` (default, no model), a provider string such as
            ``"openai:gpt-4.1-mini"``, or a ``Provider`` instance.
        tz: zone for naive timestamps in the sources.
        meeting_start: wall-clock start of a recorded call, for transcript offsets.
        strict: fail on any unreadable record instead of skipping it.
        prompts: prompt set to draft with (model providers only).
        instructions: section name -> instructions replacing the shipped ones, for teams
            whose template differs (sections: summary, response, analysis, retrospective,
            actions, questions).
        concurrency: at most this many model requests in flight.
        progress: ``progress(stage, done, total)``, called as the work advances.
        context_tokens: plan for this context window instead of the model's.
        max_output_tokens: limit of each model answer.
        hooks: where redaction and unmasking plug in (advanced).
        redact: pseudonymise people and contact details and remove secrets before
            anything is sent; None (default) follows ``redaction.enabled``, else redacts
            for remote providers only. The returned draft is unmasked.
        redaction: redaction settings (patterns, host names, map file); see docs/security.md.
        **provider_options: passed to ``pir_ai.providers.get_provider``.

    Returns:
        The draft, with findings for human review attached.

    Raises:
        SourceError: an input could not be read. ProviderError: the model failed.
        ConfigError: an unknown provider, prompt set or section.
    """
    incident = _incident(paths, tz, meeting_start, strict)
    chosen = _provider(provider, provider_options)
    if chosen is None:
        return _draft_offline(incident, progress)
    return asyncio.run(
        adraft_postmortem(
            incident,
            provider=chosen,
            prompts=prompts,
            instructions=instructions,
            concurrency=concurrency,
            progress=progress,
            context_tokens=context_tokens,
            max_output_tokens=max_output_tokens,
            hooks=hooks,
            redact=redact,
            redaction=redaction,
        )
    )


async def adraft_postmortem(
    paths: Sources,
    *,
    provider: str | Provider = "offline",
    tz: tzinfo | None = None,
    meeting_start: datetime | None = None,
    strict: bool = False,
    prompts: str = DEFAULT_SET,
    instructions: Mapping[str, str] | None = None,
    concurrency: int = 4,
    progress: Progress | None = None,
    context_tokens: int | None = None,
    max_output_tokens: int = 4096,
    hooks: DraftHooks | None = None,
    redact: bool | None = None,
    redaction: RedactionConfig | None = None,
    **provider_options: Any,
) -> Postmortem:
    """Async twin of ``draft_postmortem``: independent sections are drafted concurrently."""
    incident = _incident(paths, tz, meeting_start, strict)
    chosen = _provider(provider, provider_options)
    if chosen is None:
        return _draft_offline(incident, progress)
    session = None  # issue 7: with redaction the model run reads only a redacted copy
    if should_redact(chosen, redact, redaction):
        session = redaction_hooks(incident, redaction, hooks)
        hooks = session.hooks
    draft = await adraft_with_model(
        incident if session is None else session.incident,
        chosen,
        prompts=load_prompts(prompts, overrides=instructions),
        hooks=hooks,
        concurrency=concurrency,
        progress=progress,
        context_tokens=context_tokens,
        max_output_tokens=max_output_tokens,
    )
    # issue 7: unmask once and record the report, or record that nothing was redacted
    draft = unredacted(draft) if session is None else session.finish(draft)
    if progress is not None:
        progress("verify", 0, 1)
    validated = _validated(draft, incident)
    if progress is not None:
        progress("verify", 1, 1)
    return validated


def _draft_offline(incident: Incident, progress: Progress | None) -> Postmortem:
    if progress is not None:
        progress("offline", 0, 1)
    draft = _validated(draft_offline(incident), incident)
    if progress is not None:
        progress("offline", 1, 1)
    return draft


def _incident(
    paths: Sources, tz: tzinfo | None, meeting_start: datetime | None, strict: bool
) -> Incident:
    if isinstance(paths, Incident):
        return paths
    return load_incident(paths, tz=tz, meeting_start=meeting_start, strict=strict)


def _provider(spec: str | Provider, options: Mapping[str, Any]) -> Provider | None:
    """The provider to ask, or None when the offline engine drafts."""
    if spec == "offline":
        return None
    if isinstance(spec, str):
        from pir_ai.providers import get_provider

        spec = get_provider(spec, **options)
    return None if getattr(spec, "drafts_without_model", False) else spec


def _validated(draft: Postmortem, incident: Incident) -> Postmortem:
    """The validation pass (lint and grounding), keeping the drafting step's own findings.

    Grounding findings the re-ask loop left are found again by the lint pass; each is
    listed once.
    """
    validated = validate_postmortem(draft, incident)
    metadata = validated.metadata.model_copy(update={"inputs": summarise_inputs(incident)})
    return validated.model_copy(
        update={"findings": dedupe_findings(validated.findings), "metadata": metadata}
    )


def summarise_inputs(incident: Incident) -> InputSummary:
    """The ingest report in short, so a draft says what it was made from and what not."""
    report = incident.report
    warnings = list(
        dict.fromkeys([*report.warnings, *(w for f in report.files for w in f.warnings)])
    )
    return InputSummary(
        files=len(report.files),
        records_read=report.records_read,
        events=len(incident.events),
        skipped=report.skipped_count,
        skipped_by_file={f.path: len(f.skipped) for f in report.files if f.skipped},
        folded=report.folded_count,
        unreadable=report.unreadable_count,
        unreadable_by_file={
            f.path: count for f in report.files if (count := sum(not s.folded for s in f.skipped))
        },
        not_read=[f.path for f in report.files if f.format == "unknown"],
        warnings=warnings[:10],
    )
