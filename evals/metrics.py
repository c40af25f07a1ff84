"""Metrics that score one draft against one dataset's gold answers.

Each metric is a plain function of (draft, incident, gold) so a reader can check
what it measures. Scores are in [0, 1] unless the name says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pir_ai import Incident, Postmortem
from pir_ai.findings import Category, Severity
from pir_ai.postmortem import IncidentMetrics, Moment
from pir_ai.verify import checked_texts

MOMENTS = ("impact_start", "detected", "acknowledged", "mitigated", "resolved")
DURATIONS = {
    "ttd_min": "time_to_detect_s",
    "tta_min": "time_to_acknowledge_s",
    "ttm_min": "time_to_mitigate_s",
    "ttr_min": "time_to_resolve_s",
}
TIME_TOLERANCE_S = 1.0


class KeyEvent(BaseModel):
    """A record the draft's timeline must show."""

    model_config = ConfigDict(extra="forbid")

    ts: datetime
    contains: str


class Gold(BaseModel):
    """Known answers for one dataset (schema documented in evals/datasets/README.md)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str
    meeting_start: datetime | None = None
    tz: str | None = None
    moments: dict[str, datetime | None]
    ttd_min: float | None = None
    tta_min: float | None = None
    ttm_min: float | None = None
    ttr_min: float | None = None
    key_events: list[KeyEvent]
    impact_figures: list[str] = Field(default_factory=list)
    trigger: str = ""
    contributing_factors: list[str] = Field(default_factory=list)
    action_item_themes: list[str] = Field(default_factory=list)
    expected_owners: list[str] = Field(default_factory=list)
    # Bundles modelled on real postmortems (evals/datasets/README.md) also state these.
    modelled_on: str | None = None
    detection_source: Literal["monitoring", "customer", "employee"] | None = None
    detected_by: str | None = None
    severity: str | None = None
    partially_mitigated: datetime | None = None
    transcript_start: datetime | None = None
    moment_notes: dict[str, str] = Field(default_factory=dict)
    moments_v1: dict[str, datetime | None] | None = None
    """The answers under the first definitions, kept where gold v2 changed them."""


def _same_time(a: datetime, b: datetime) -> bool:
    return abs((a - b).total_seconds()) <= TIME_TOLERANCE_S


def _normalise_figure(text: str) -> str:
    return re.sub(r"[\s,]", "", text.lower())


def _cited_ids(draft: Postmortem) -> Iterator[str]:
    """Each item's evidence once, as verification reads it, then the timeline's events."""
    seen_items: set[str] = set()
    for checked in checked_texts(draft):
        item = checked.field.rsplit(".", 1)[0]  # impact[0].value and impact[0].text: one item
        if item not in seen_items:
            seen_items.add(item)
            yield from checked.evidence
    for entry in draft.timeline:
        yield entry.event_id


def key_event_recall(draft: Postmortem, incident: Incident, gold: Gold) -> float:
    """Share of gold key events shown in the timeline (same time, cited event contains text)."""
    if not gold.key_events:
        return 1.0
    by_id = incident.by_id()
    found = 0
    for key in gold.key_events:
        for entry in draft.timeline:
            event = by_id.get(entry.event_id)
            if event is None or not _same_time(entry.ts, key.ts):
                continue
            if key.contains.lower() in (event.text or "").lower():
                found += 1
                break
    return found / len(gold.key_events)


def key_event_precision(draft: Postmortem, incident: Incident, gold: Gold) -> float:
    """Share of labelled timeline moments that match a gold key event or gold moment time."""
    labelled = [e for e in draft.timeline if e.label]
    if not labelled:
        return 0.0
    gold_times = [k.ts for k in gold.key_events] + [t for t in gold.moments.values() if t]
    hits = sum(1 for e in labelled if any(_same_time(e.ts, t) for t in gold_times))
    return hits / len(labelled)


def moment_exactness(draft: Postmortem, gold: Gold) -> float:
    """Share of gold moments the draft computed to the second."""
    expected = {k: v for k, v in gold.moments.items() if v is not None}
    if not expected:
        return 1.0
    exact = 0
    for name, when in expected.items():
        moment: Moment | None = getattr(draft.metrics, name, None)
        if moment is not None and _same_time(moment.ts, when):
            exact += 1
    return exact / len(expected)


EXACT_S = 60.0
"""A computed moment within a minute of the gold one counts as right (issue 13)."""


def _within(got: float | None, want: float | None, *, share: float = 0.0) -> float | None:
    if want is None:
        return None
    if got is None:
        return 0.0
    return float(abs(got - want) <= max(EXACT_S, share * abs(want)))


def moment_scores(m: IncidentMetrics, gold: Gold) -> dict[str, float | None]:
    """Per-moment figures: exact within 60 s (1/0), error in seconds, detection source,
    TTD/TTM within 10 % or 60 s, the gold impact start among the candidates shown, and
    whether the chosen impact start says how it was chosen."""
    out: dict[str, float | None] = {}
    for name in ("impact_start", "detected", "mitigated"):
        want = gold.moments.get(name)
        got: Moment | None = getattr(m, name)
        error = None if want is None or got is None else (got.ts - want).total_seconds()
        out[f"{name}_error_s"] = error
        out[f"{name}_exact"] = (
            None if want is None else float(error is not None and abs(error) <= EXACT_S)
        )
    start = gold.moments.get("impact_start")
    shown = (
        []
        if m.impact_start is None
        else [m.impact_start.ts, *(c.ts for c in m.impact_start.candidates)]
    )
    out["impact_start_among_candidates"] = (
        None
        if start is None
        else float(any(abs((t - start).total_seconds()) <= EXACT_S for t in shown))
    )
    out["basis_shown"] = float(m.impact_start is not None and bool(m.impact_start.reason))
    source = m.detection_source.value if m.detection_source else None
    out["detection_source_right"] = (
        None if gold.detection_source is None else float(source == gold.detection_source)
    )
    minutes = {
        "ttd_ok": ("ttd_min", m.time_to_detect_s),
        "ttm_ok": ("ttm_min", m.time_to_mitigate_s),
    }
    for key, (gold_name, got_s) in minutes.items():
        want_min = getattr(gold, gold_name)
        out[key] = _within(got_s, None if want_min is None else want_min * 60, share=0.10)
    return out


def duration_errors_min(draft: Postmortem, gold: Gold) -> dict[str, float | None]:
    """Absolute error in minutes per duration (None when gold or draft lacks it)."""
    errors: dict[str, float | None] = {}
    for gold_name, metric_name in DURATIONS.items():
        expected = getattr(gold, gold_name)
        got = getattr(draft.metrics, metric_name)
        errors[gold_name] = None if expected is None or got is None else abs(got / 60 - expected)
    return errors


def impact_recall(draft: Postmortem, gold: Gold) -> float:
    """Share of gold impact figures the draft reports."""
    if not gold.impact_figures:
        return 1.0
    # A gold figure may carry its noun ("3 partners") where the draft splits it into
    # value "3" and measure "partners": both spellings count.
    reported = {_normalise_figure(f.value) for f in draft.impact}
    reported |= {_normalise_figure(f"{f.value} {f.measure}") for f in draft.impact}
    hits = sum(1 for f in gold.impact_figures if _normalise_figure(f) in reported)
    return hits / len(gold.impact_figures)


def unsupported_figure_rate(draft: Postmortem, incident: Incident) -> float:
    """Share of stated (not computed) figures whose value is absent from every cited event."""
    stated = [f for f in draft.impact if not f.computed]
    if not stated:
        return 0.0
    by_id = incident.by_id()
    unsupported = 0
    for figure in stated:
        texts = [_normalise_figure(by_id[i].text) for i in figure.evidence if i in by_id]
        if not any(_normalise_figure(figure.value) in t for t in texts):
            unsupported += 1
    return unsupported / len(stated)


def citation_validity(draft: Postmortem, incident: Incident) -> float:
    """Share of cited event ids that resolve to an event of the incident."""
    ids = list(_cited_ids(draft))
    if not ids:
        return 0.0
    known = incident.by_id()
    return sum(1 for i in ids if i in known) / len(ids)


def action_items_passing_lint(draft: Postmortem) -> float | None:
    """Share of action items with no action-item finding of warning or above."""
    if not draft.action_items:
        return None
    failing: set[int] = set()
    for finding in draft.findings:
        if finding.category is not Category.ACTION_ITEM:
            continue
        if finding.severity.rank < Severity.WARNING.rank:
            continue
        match = re.match(r"action_items\[(\d+)\]", finding.location.field or "")
        if match:
            failing.add(int(match.group(1)))
    return 1 - len(failing) / len(draft.action_items)


def blame_findings(draft: Postmortem) -> int:
    """Number of blame-language findings in the draft (lower is better)."""
    return sum(1 for f in draft.findings if f.category is Category.BLAME)


def model_answers_rejected(draft: Postmortem) -> int:
    """Model answers that failed validation after re-asking and were replaced (PIR100)."""
    return sum(1 for f in draft.findings if f.code == "PIR100")


def grounding_findings(draft: Postmortem) -> int:
    """Statements verification could not tie to the sources (PIR101-PIR105 findings)."""
    return sum(1 for f in draft.findings if f.category is Category.GROUNDING and f.code != "PIR100")


def section_completeness(draft: Postmortem) -> float:
    """Share of sections that are filled or say what the review must answer."""
    filled = [
        bool(draft.summary),
        bool(draft.impact or draft.impact_narrative),
        bool(draft.detection),
        bool(draft.response),
        bool(draft.recovery),
        bool(draft.timeline),
        draft.metrics.detected is not None,
        draft.trigger is not None,
        bool(draft.contributing_factors),
        bool(draft.five_whys),
        bool(draft.went_well),
        bool(draft.went_poorly),
        bool(draft.lucky),
        bool(draft.action_items or draft.open_questions),
        bool(draft.review_pack.agenda),
    ]
    return sum(filled) / len(filled)


def score(draft: Postmortem, incident: Incident, gold: Gold, wall_s: float) -> dict[str, Any]:
    """Every metric for one dataset, as a flat JSON-ready mapping."""
    errors = duration_errors_min(draft, gold)
    known_errors = [e for e in errors.values() if e is not None]
    return {
        "key_event_recall": key_event_recall(draft, incident, gold),
        "key_event_precision": key_event_precision(draft, incident, gold),
        "moment_exactness": moment_exactness(draft, gold),
        **moment_scores(draft.metrics, gold),
        "duration_error_max_min": max(known_errors) if known_errors else None,
        "impact_recall": impact_recall(draft, gold),
        "unsupported_figure_rate": unsupported_figure_rate(draft, incident),
        "citation_validity": citation_validity(draft, incident),
        "action_items_passing_lint": action_items_passing_lint(draft),
        "blame_findings": blame_findings(draft),
        "grounding_findings": grounding_findings(draft),
        "model_answers_rejected": model_answers_rejected(draft),
        "section_completeness": section_completeness(draft),
        "tokens_in": draft.metadata.tokens_in,
        "tokens_out": draft.metadata.tokens_out,
        "cost_usd": draft.metadata.cost_usd,
        "wall_s": round(wall_s, 3),
        "events": len(incident.events),
        "skipped_records": incident.report.skipped_count,
    }
