"""Summary, detection, response and recovery: claims built from key moments, each cited.

Claims never carry clock times (those live in the timeline and metrics); they carry
durations computed in code and the ids of the events that fix them.
"""

from __future__ import annotations

from pir_ai.draft._offline.context import DraftContext
from pir_ai.draft._offline.people import acting_person
from pir_ai.events import Event, EventKind
from pir_ai.facts import ESCALATION, HEADLINE, describe, is_change, is_human, states
from pir_ai.postmortem import Claim, DetectionSource, MomentBasis

MAX_LISTED_FIGURES = 4
MAX_ESCALATIONS = 3


def _quote(event: Event) -> str:
    return describe(event)


def _ids(*events: Event | None) -> list[str]:
    return list(dict.fromkeys(e.id for e in events if e is not None))


_DETECTED_BY = {
    DetectionSource.MONITORING: "An alert detected the incident{where}.",
    DetectionSource.CUSTOMER: "A customer's report detected the incident{where}.",
    DetectionSource.EMPLOYEE: "{who} detected the incident{where}; no alert reached anyone first.",
}


def _detection_claim(ctx: DraftContext) -> Claim | None:
    found = ctx.event_at(ctx.metrics.detected)
    source = ctx.metrics.detection_source
    if found is None or source is None:
        return None
    where = f" for {ctx.service}" if ctx.service else ""
    text = _DETECTED_BY[source].format(where=where, who=ctx.who(found))
    return Claim(text=f"{text} {_quote(found)}", evidence=[found.id])


def _impact_claim(ctx: DraftContext) -> Claim:
    stated = [f for f in ctx.figures if not f.computed]
    headline = [f for f in stated if HEADLINE.search(f.text)]
    stated = (headline or stated)[:MAX_LISTED_FIGURES]
    if not stated:
        return Claim(
            text="No impact figure is stated in the sources: how many users, requests or "
            "orders were affected, and for how long?",
            needs_review=True,
        )
    parts = "; ".join(f"{f.value} ({f.measure})" for f in stated)
    evidence = list(dict.fromkeys(i for f in stated for i in f.evidence))
    return Claim(text=f"Impact as stated by responders: {parts}.", evidence=evidence)


def trigger_claim(ctx: DraftContext) -> Claim:
    """The candidate trigger, always to be confirmed by the review."""
    if ctx.trigger is None:
        return Claim(
            text="No change record precedes impact start: what triggered the incident?",
            needs_review=True,
        )
    return Claim(
        text=f"The change nearest before impact start was: {_quote(ctx.trigger)}. "
        "Whether it triggered the incident is for the review to confirm.",
        evidence=[ctx.trigger.id],
        needs_review=True,
    )


def summary(ctx: DraftContext) -> list[Claim]:
    """The executive summary: detection, impact, candidate trigger, mitigation, duration."""
    claims = [c for c in (_detection_claim(ctx), _impact_claim(ctx)) if c is not None]
    claims.append(trigger_claim(ctx))
    claims.extend(recovery(ctx)[:2])
    if not ctx.events:
        claims.append(Claim(text="The sources hold no events.", needs_review=True))
    return claims


def detection(ctx: DraftContext) -> list[Claim]:
    """How the incident was found, and how long that took, from ``metrics`` alone."""
    claims = [c for c in (_detection_claim(ctx),) if c is not None]
    m = ctx.metrics
    start = ctx.event_at(m.impact_start)
    found = ctx.event_at(m.detected)
    if m.impact_start is None or start is None or found is None:
        claims.append(Claim(text="How was the incident detected?", needs_review=True))
        return claims
    if m.impact_start.basis is MomentBasis.FIRST_SIGN or m.time_to_detect_s is None:
        claims.append(
            Claim(
                text="No record before the detecting event shows impact, so time to detect "
                "is unknown: when were users first affected?",
                evidence=[found.id],
                needs_review=True,
            )
        )
        return claims
    ttd = ctx.duration(m.time_to_detect_s)
    claims.append(
        Claim(
            text=f"Time to detect: {ttd}, from impact start ({m.impact_start.basis.value}: "
            f"{m.impact_start.reason}) to detection.",
            evidence=_ids(start, found),
        )
    )
    return claims


def response(ctx: DraftContext) -> list[Claim]:
    """Acknowledgement, first human response, escalations and who took part."""
    metrics = ctx.metrics
    claims: list[Claim] = []
    acked = ctx.event_at(metrics.acknowledged)
    found = ctx.event_at(metrics.detected)
    tta = ctx.duration(metrics.time_to_acknowledge_s)
    if acked is not None and tta is not None:
        who = acting_person(acked, ctx.names)
        said = f"{who} acknowledged" if who else "Acknowledged"
        claims.append(
            Claim(
                text=f"{said} {tta} after detection. {_quote(acked)}",
                evidence=_ids(found, acked),
            )
        )
    else:
        claims.append(
            Claim(text="No acknowledgement found in the sources: who took it?", needs_review=True)
        )
    first = ctx.event_at(metrics.first_response)
    if first is not None and first is not acked:
        claims.append(
            Claim(
                text=f"First human response from {ctx.who(first)}. {_quote(first)}",
                evidence=[first.id],
            )
        )
    escalations = [
        e
        for e in ctx.events
        if ctx.in_window(e)
        and (
            e.kind is EventKind.ALERT_ESCALATED
            or (e.kind is EventKind.MESSAGE and is_human(e) and states(ESCALATION, e.text))
        )
    ][:MAX_ESCALATIONS]
    claims.extend(Claim(text=f"Escalation: {_quote(e)}", evidence=[e.id]) for e in escalations)
    people = ctx.responders()
    if people:
        names = ", ".join(ctx.who(e) for e in people)
        claims.append(
            Claim(
                text=f"{len(people)} people wrote in the incident chat: {names}.",
                evidence=[e.id for e in people],
            )
        )
    return claims


def recovery(ctx: DraftContext) -> list[Claim]:
    """Mitigation and resolution, with the computed durations."""
    metrics = ctx.metrics
    start = ctx.event_at(metrics.impact_start)
    mitigated = ctx.event_at(metrics.mitigated)
    ends = (
        (
            "Mitigated",
            mitigated,
            metrics.time_to_mitigate_s,
            "What mitigated the impact, and when?",
        ),
        (
            "Resolved",
            ctx.event_at(metrics.resolved),
            metrics.time_to_resolve_s,
            "When was the incident resolved?",
        ),
    )
    claims = [
        Claim(text=question, needs_review=True)
        if end is None
        else Claim(
            text=f"{word} {ctx.duration(seconds)} after impact start. {_quote(end)}",
            evidence=_ids(start, end),
        )
        for word, end, seconds, question in ends
    ]
    for change in ctx.events:
        if is_change(change) and change is not mitigated and ctx.in_window(change):
            claims.append(
                Claim(text=f"Change during the incident: {_quote(change)}", evidence=[change.id])
            )
    return claims
