"""The offline engine: a complete draft from the events alone, no model, no key.

Every section is filled from facts computed in code, each statement citing its
events, or holds the question the review meeting must answer. The draft says
it was produced without a model.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import UTC, datetime

from pir_ai.draft._offline import judgement, narrative
from pir_ai.draft._offline.actions import action_items
from pir_ai.draft._offline.context import DraftContext, gather
from pir_ai.draft._offline.review_pack import review_pack
from pir_ai.events import Incident
from pir_ai.facts import Facts
from pir_ai.postmortem import AuditRecord, DraftMetadata, Postmortem

GENERATOR = "offline"


def title(ctx: DraftContext) -> str:
    """'<alert> on <service>' from the detecting alert, else a plain fallback."""
    if ctx.alertname and ctx.service:
        return f"{ctx.alertname} on {ctx.service}"
    if ctx.alertname or ctx.service:
        return f"Incident: {ctx.alertname or ctx.service}"
    readable = (e.channel for e in ctx.events if e.channel and _READABLE.fullmatch(e.channel))
    channel = next(readable, None)
    if channel:
        return f"Incident in {channel}"
    start = ctx.metrics.impact_start
    return f"Incident of {start.ts:%Y-%m-%d}" if start else "Incident"


_READABLE = re.compile(r"[#\w][\w .#-]{0,39}")
"""A channel name a reader recognises ("inc-checkout"), not an id ("19:ab...@thread.v2")."""


def _input_hash(incident: Incident) -> str:
    digest = hashlib.sha256("\n".join(e.id for e in incident.events).encode("utf-8"))
    return digest.hexdigest()[:16]


def draft_offline(incident: Incident, facts: Facts) -> Postmortem:
    """Draft a postmortem from ``incident`` and its ``facts`` without a model.

    Findings are left empty: verification and linting run once, on every draft, after it.
    """
    started = datetime.now(UTC)
    clock = time.perf_counter()
    ctx = gather(facts)
    items = action_items(ctx.events)
    draft = Postmortem(
        title=title(ctx),
        severity=ctx.severity,
        summary=narrative.summary(ctx),
        impact=ctx.figures,
        detection=narrative.detection(ctx),
        response=narrative.response(ctx),
        recovery=narrative.recovery(ctx),
        timeline=list(facts.timeline),
        metrics=ctx.metrics,
        trigger=narrative.trigger_claim(ctx),
        contributing_factors=judgement.contributing_factors(ctx),
        five_whys=judgement.five_whys(ctx),
        went_well=judgement.went_well(ctx),
        went_poorly=judgement.went_poorly(ctx),
        lucky=judgement.lucky(ctx),
        action_items=items,
        open_questions=judgement.open_questions(ctx, items),
        review_pack=review_pack(ctx.events, ctx.metrics),
        metadata=DraftMetadata(
            generator=GENERATOR,
            produced_without_model=True,
            created_at=started,
            sources=sorted({f.path for f in incident.report.files if f.events_produced}),
        ),
    )
    draft.metadata.audit.append(
        AuditRecord(
            provider=GENERATOR,
            model="none",
            prompt_version="none",
            input_hash=_input_hash(incident),
            started_at=started,
            duration_s=round(time.perf_counter() - clock, 6),
        )
    )
    return draft
