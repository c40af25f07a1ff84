"""Draft with a model: condense, fit the context (map-reduce), draft sections, assemble.

Times, durations, the timeline, computed figures and the review pack come from code
(``pir_ai.facts``, the offline engine's review pack); the model writes only prose
that cites events by short id, and every answer is verified before it is kept.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

from pir_ai.budget import condense, context_window
from pir_ai.draft._offline.engine import draft_offline
from pir_ai.draft._offline.review_pack import review_pack
from pir_ai.draft._prompts import PromptSet
from pir_ai.draft._sections.generate import draft_sections, key_moment_facts, section_probe_budget
from pir_ai.draft._sections.notes import incident_data
from pir_ai.draft._sections.request import DraftHooks
from pir_ai.draft._sections.run import MAX_DATA_TOKENS, DraftRun, Progress
from pir_ai.events import Incident
from pir_ai.facts import compute_facts, computed_figures
from pir_ai.postmortem import DraftMetadata, ImpactFigure, Postmortem
from pir_ai.providers import Provider

__all__ = ["adraft_with_model", "provider_context_window"]


def provider_context_window(provider: Provider) -> int:
    """The provider's own context window when it knows one, else the model table's."""
    own = getattr(provider, "context_window", None)
    return own if isinstance(own, int) and own > 0 else context_window(provider.model)


async def adraft_with_model(
    incident: Incident,
    provider: Provider,
    *,
    prompts: PromptSet,
    hooks: DraftHooks | None = None,
    concurrency: int = 4,
    progress: Progress | None = None,
    context_tokens: int | None = None,
    max_output_tokens: int = 4096,
    max_data_tokens: int = MAX_DATA_TOKENS,
) -> Postmortem:
    """A draft written by ``provider``; findings hold what failed verification.

    Args:
        incident: the loaded incident.
        provider: the model to ask.
        prompts: the prompt set (version recorded on the draft).
        hooks: where redaction (source text to prompt text) and unmasking plug in.
        concurrency: at most this many requests in flight.
        progress: ``progress(stage, done, total)`` callback.
        context_tokens: the context window to plan for, instead of the model's.
        max_output_tokens: limit of each answer.
        max_data_tokens: incident data per request at most; more is map-reduced to notes.
    """
    started = datetime.now(UTC)
    hooks = hooks or DraftHooks()
    events = incident.events
    computed = compute_facts(incident)
    metrics = computed.metrics
    timeline = list(computed.timeline)
    run = DraftRun(
        provider=provider,
        prompts=prompts,
        events=incident.by_id(),
        metrics=metrics,
        condensed=condense(events, metrics=metrics, timeline=timeline),
        context_tokens=context_tokens or provider_context_window(provider),
        hooks=hooks,
        max_output_tokens=max_output_tokens,
        concurrency=concurrency,
        progress=progress,
        max_data_tokens=max_data_tokens,
    )
    run.report("condense", 1, 1)
    facts = key_moment_facts(metrics, run.short_ids)
    data = await incident_data(run, section_probe_budget(run, facts))
    offline = functools.cache(lambda: draft_offline(incident, computed))
    fields = await draft_sections(run, data, facts, offline)
    stated: list[ImpactFigure] = [f for f in fields.pop("impact", []) if not f.computed]
    draft = Postmortem(
        **fields,
        impact=stated + computed_figures(metrics),
        timeline=timeline,
        metrics=metrics,
        review_pack=review_pack(events, metrics),
        findings=list(run.findings),
        metadata=_metadata(run, incident, started),
    )
    return hooks.to_draft(draft)


def _metadata(run: DraftRun, incident: Incident, started: datetime) -> DraftMetadata:
    totals: dict[str, Any] = {
        "tokens_in": sum(a.tokens_in for a in run.audit),
        "tokens_out": sum(a.tokens_out for a in run.audit),
        "cost_usd": round(sum(a.cost_usd for a in run.audit), 6),
    }
    return DraftMetadata(
        generator=f"{run.provider.name}:{run.provider.model}",
        produced_without_model=False,
        prompt_version=run.prompts.version,
        created_at=started,
        sources=sorted({f.path for f in incident.report.files}),
        audit=run.audit,
        **totals,
    )
