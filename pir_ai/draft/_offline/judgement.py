"""Sections that need judgement: asked as questions, or stated only from measured facts.

Went well / went poorly use fixed, documented thresholds on computed durations:
acknowledged within ``FAST_ACK_S`` is good, later than ``SLOW_ACK_S`` is poor;
detected within ``FAST_DETECT_S`` of impact start is good, later than
``SLOW_DETECT_S`` is poor; mitigated within ``FAST_MITIGATE_S`` of detection is
good, later than ``SLOW_MITIGATE_S`` is poor. Everything else is a question.
"""

from __future__ import annotations

import re

from pir_ai.draft._offline.context import DraftContext
from pir_ai.events import Event, EventKind
from pir_ai.facts import COMMS, SeverityBasis, describe, format_duration, is_human, states
from pir_ai.postmortem import (
    ActionItem,
    Claim,
    DetectionSource,
    MomentBasis,
    WhyStatus,
    WhyStep,
)

FAST_ACK_S = 5 * 60
SLOW_ACK_S = 15 * 60
FAST_DETECT_S = 5 * 60
SLOW_DETECT_S = 15 * 60
FAST_MITIGATE_S = 30 * 60
SLOW_MITIGATE_S = 60 * 60


def _span(ctx: DraftContext, seconds: int | None, *events: Event | None) -> tuple[str, list[str]]:
    return format_duration(seconds or 0), [e.id for e in events if e is not None]


def contributing_factors(ctx: DraftContext) -> list[Claim]:
    """Questions the review answers about why the incident happened and lasted."""
    factors: list[Claim] = []
    if ctx.trigger is not None:
        factors.append(
            Claim(
                text="What about the candidate trigger change let it cause impact, and which "
                "check (test, review, canary, staged rollout) could have stopped it?",
                evidence=[ctx.trigger.id],
                needs_review=True,
            )
        )
    factors.append(
        Claim(
            text="Which conditions in the system (dependencies, capacity, configuration, "
            "retries) turned the trigger into customer impact?",
            needs_review=True,
        )
    )
    m = ctx.metrics
    if m.time_to_detect_s is not None and m.time_to_detect_s > FAST_DETECT_S:
        text, ids = _span(ctx, m.time_to_detect_s, *map(ctx.event_at, (m.impact_start, m.detected)))
        factors.append(
            Claim(text=f"What delayed detection by {text}?", evidence=ids, needs_review=True)
        )
    mitigate_after = _mitigation_after_detection(ctx)
    if mitigate_after is not None and mitigate_after > FAST_MITIGATE_S:
        text, ids = _span(ctx, mitigate_after, *map(ctx.event_at, (m.detected, m.mitigated)))
        factors.append(
            Claim(
                text=f"What made mitigation take {text} after detection?",
                evidence=ids,
                needs_review=True,
            )
        )
    factors.append(
        Claim(
            text="Did tooling or process (runbooks, access, dashboards, handovers) slow the "
            "response?",
            needs_review=True,
        )
    )
    return factors


def _mitigation_after_detection(ctx: DraftContext) -> int | None:
    m = ctx.metrics
    if m.mitigated is None or m.detected is None:
        return None
    return round((m.mitigated.ts - m.detected.ts).total_seconds())


def five_whys(ctx: DraftContext) -> list[WhyStep]:
    """A 5-whys chain of open questions, anchored on the events where there are any."""
    alert = ctx.event_at(ctx.metrics.detected)
    symptom = describe(alert) if alert else "the incident happen"
    steps = [
        WhyStep(question=f"Why did this happen? ({symptom})", evidence=[alert.id] if alert else []),
        WhyStep(
            question="Why did the candidate trigger change result in this failure?"
            if ctx.trigger
            else "What change or condition started the failure?",
            evidence=[ctx.trigger.id] if ctx.trigger else [],
        ),
        WhyStep(question="Why was the problem not caught before it reached production?"),
        WhyStep(question="Why was the impact as large and as long as it was?"),
        WhyStep(question="Why did our safeguards not limit it, and what should change?"),
    ]
    assert all(step.status is WhyStatus.QUESTION for step in steps)
    return steps


def went_well(ctx: DraftContext) -> list[Claim]:
    """Measured facts that went well, then a question for the review."""
    m = ctx.metrics
    claims: list[Claim] = []
    if m.time_to_acknowledge_s is not None and m.time_to_acknowledge_s <= FAST_ACK_S:
        text, ids = _span(
            ctx, m.time_to_acknowledge_s, *map(ctx.event_at, (m.detected, m.acknowledged))
        )
        claims.append(Claim(text=f"Acknowledged within {text} of detection.", evidence=ids))
    by_monitoring = m.detection_source is DetectionSource.MONITORING
    if by_monitoring and m.time_to_detect_s is not None and m.time_to_detect_s <= FAST_DETECT_S:
        text, ids = _span(ctx, m.time_to_detect_s, *map(ctx.event_at, (m.impact_start, m.detected)))
        claims.append(Claim(text=f"Monitoring detected the impact within {text}.", evidence=ids))
    after = _mitigation_after_detection(ctx)
    if after is not None and after <= FAST_MITIGATE_S:
        text, ids = _span(ctx, after, *map(ctx.event_at, (m.detected, m.mitigated)))
        claims.append(Claim(text=f"Mitigated within {text} of detection.", evidence=ids))
    claims.append(Claim(text="What else went well?", needs_review=True))
    return claims


def went_poorly(ctx: DraftContext) -> list[Claim]:
    """Measured facts that went poorly, then a question for the review."""
    m = ctx.metrics
    claims: list[Claim] = []
    start = ctx.event_at(m.impact_start)
    found = ctx.event_at(m.detected)
    slow = m.time_to_detect_s is not None and m.time_to_detect_s > SLOW_DETECT_S
    if m.detection_source in (DetectionSource.CUSTOMER, DetectionSource.EMPLOYEE):
        who = "a customer" if m.detection_source is DetectionSource.CUSTOMER else "a person"
        claims.append(
            Claim(
                text=f"No alert reached anyone before {who} reported the impact.",
                evidence=[found.id] if found else [],
            )
        )
    if slow:
        text, ids = _span(ctx, m.time_to_detect_s, start, found)
        claims.append(Claim(text=f"Detection took {text}.", evidence=ids))
    if m.time_to_acknowledge_s is not None and m.time_to_acknowledge_s > SLOW_ACK_S:
        text, ids = _span(
            ctx, m.time_to_acknowledge_s, *map(ctx.event_at, (m.detected, m.acknowledged))
        )
        claims.append(Claim(text=f"Acknowledgement took {text} after detection.", evidence=ids))
    after = _mitigation_after_detection(ctx)
    if after is not None and after > SLOW_MITIGATE_S:
        text, ids = _span(ctx, after, *map(ctx.event_at, (m.detected, m.mitigated)))
        claims.append(Claim(text=f"Mitigation took {text} after detection.", evidence=ids))
    claims.append(Claim(text="What went poorly or slowed the response?", needs_review=True))
    return claims


def lucky(ctx: DraftContext) -> list[Claim]:
    """Luck is never measurable from the sources: always a question."""
    return [
        Claim(
            text="Where did we get lucky (time of day, traffic level, which people happened "
            "to be online, a fix that happened to be ready)?",
            needs_review=True,
        )
    ]


FOR_REVIEW = re.compile(
    r"\b(for|in|at) the (review|postmortem|retro)\b(?!\s+(doc|document|notes))", re.IGNORECASE
)
MAX_RAISED = 5


def raised_for_review(ctx: DraftContext) -> list[str]:
    """Points people raised "for the review" in the sources, quoted with their event id.

    Commitments ("I'll write up ... for the review") are work, not questions, and are left out.
    """
    raised = []
    for event in ctx.events:
        if not is_human(event) or not FOR_REVIEW.search(event.text):
            continue
        if re.search(r"\bI(?:'ll| will)\b|\b(we should|action item)\b", event.text, re.I):
            continue
        raised.append(
            f"Raised for the review by {ctx.who(event)}: “{event.text.strip()}” ({event.id})"
        )
    return raised[:MAX_RAISED]


def open_questions(ctx: DraftContext, items: list[ActionItem]) -> list[str]:
    """What the review meeting must answer because the sources do not."""
    m = ctx.metrics
    questions: list[str] = []
    stated = ctx.stated_severity
    if stated is None:
        questions.append("What severity was this incident? No source states one.")
    elif stated.basis is SeverityBasis.ALERT_LABEL:
        questions.append(
            f"What severity was this incident? Only an alert's label says {stated.value!r} "
            f"(event {stated.event_id})."
        )
    start = m.impact_start
    if start is not None and start.basis is MomentBasis.FIRST_SIGN:
        questions.append(
            f"When were users first affected? No record before the detection (event "
            f"{start.event_id}) shows impact, so time to detect is unknown."
        )
    elif start is not None:
        questions.append(
            f"Did impact begin at event {start.event_id} ({start.basis.value})? Other "
            f"candidates: {', '.join(c.event_id for c in start.candidates) or 'none'}."
        )
    if ctx.trigger is not None:
        questions.append(f"Did the change in event {ctx.trigger.id} trigger the incident?")
    else:
        questions.append("What triggered the incident? No change record precedes it.")
    measures = " ".join(f.measure for f in ctx.figures if not f.computed)
    if not any(word in measures for word in ("users", "customers", "orders", "checkouts", "money")):
        questions.append("How many users or orders were affected, and what did it cost?")
    if m.mitigated is None:
        questions.append("What mitigated the impact, and when?")
    if m.resolved is None:
        questions.append("When was the incident resolved? No resolution event was found.")
    if not any(is_human(e) and states(COMMS, e.text) for e in ctx.events):
        questions.append("Were customers told (status page, support replies), and when?")
    if not items:
        questions.append("What follow-up actions are needed? None were proposed in the sources.")
    else:
        if any(item.owner is None for item in items):
            questions.append("Who owns each action item without an owner, and by when?")
        questions.append("Which 3 to 5 action items are Must-fix?")
    questions.extend(raised_for_review(ctx))
    if not any(e.kind is EventKind.TRANSCRIPT_CUE for e in ctx.events):
        questions.append("Is there a recording or notes of the incident call to add?")
    return questions
