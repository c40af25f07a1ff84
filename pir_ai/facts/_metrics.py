"""Facts computed in code from typed events: key moments, durations, key timeline, figures.

Nothing here is guessed. Each key moment is the time of one event, found by rules
that read the event's kind first and its words only where a kind cannot say it:

- ``impact_start``: the earliest alert that fired, unless a person reported the
  symptoms ("seeing 5xx", "checkout is failing", "chats from customers", "could not
  be processed") in the hour before it; then that report.
- ``detected``: the first alert that fired. Alerts come from the alerting tool's own
  file when one was given; the copies a bot posted in chat are used only otherwise
  (a bot copy that ``links`` to the tool's event is always counted once). With no
  alert at all, the first human report of symptoms.
- ``acknowledged``: the first ``alert_acknowledged`` or human message after detection
  that acknowledges ("ack", "on it", "I'm looking"), whichever comes first.
- ``first_response``: the first human message or transcript cue after detection.
- ``mitigated``: the first rollback, revert or failover change after detection (a
  change record not merely "started", or a deploy bot saying "rollback complete"), or
  a human message saying so in the past tense ("rolled back", "rollback complete",
  "mitigated", "errors back to normal").
- ``resolved``: the last ``alert_resolved`` after which no alert fires again; else
  a human message declaring the incident resolved.

Questions ("rolled back yet?") and negations ("not mitigated") never count.
Durations are whole seconds, rounded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from pir_ai.events import Event, EventKind
from pir_ai.facts._figures import stated_figures
from pir_ai.facts._phrases import (
    ACK,
    COMPLETED,
    CUSTOMER_REPORT,
    MITIGATION_CHANGE,
    MITIGATION_DONE,
    NOT_YET,
    OBSERVED_SYMPTOM,
    PARTIAL,
    RESOLVED_SAY,
    STARTED_ONLY,
)
from pir_ai.facts._signals import alert_events, distinct_events, is_change, is_human, states
from pir_ai.facts._timeline import timeline_entries
from pir_ai.facts._trigger import find_trigger
from pir_ai.postmortem import ImpactFigure, IncidentMetrics, Moment, TimelineEntry

REPORT_WINDOW = timedelta(hours=1)
"""How long before the first alert a human symptom report may mark impact start."""


def moment(event: Event | None) -> Moment | None:
    """The ``Moment`` an event fixes, or None."""
    return None if event is None else Moment(ts=event.ts, event_id=event.id)


def _first(events: Sequence[Event], accept: Callable[[Event], bool]) -> Event | None:
    return next((e for e in events if accept(e)), None)


def _human_reports(
    events: Sequence[Event], before: datetime | None
) -> tuple[Event | None, Event | None]:
    """The first report of symptoms of any kind, and the first seen first-hand."""
    window = [
        e
        for e in events
        if (before is None or before - REPORT_WINDOW <= e.ts < before) and is_human(e)
    ]
    relayed = _first(window, lambda e: states(CUSTOMER_REPORT, e.text, actual=True))
    observed = _first(
        window,
        lambda e: (
            states(OBSERVED_SYMPTOM, e.text, actual=True)
            and not states(CUSTOMER_REPORT, e.text, actual=True)
        ),
    )
    first = min((e for e in (observed, relayed) if e), key=lambda e: e.ts, default=None)
    return first, observed


def _is_mitigation(event: Event) -> bool:
    if event.kind is EventKind.CHANGE:
        if "commit" in event.attrs:
            return False  # a revert commit mitigates nothing until it is deployed
        words = " ".join([event.text, *event.attrs.values()])
        started = STARTED_ONLY.search(words) and not COMPLETED.search(words)
        return bool(MITIGATION_CHANGE.search(words)) and not started
    if is_change(event) or (is_human(event) and event.kind is EventKind.MESSAGE):
        partial = any(int(a) < int(b) for a, b in PARTIAL.findall(event.text))
        pending = partial or NOT_YET.search(event.text)
        return not pending and states(MITIGATION_DONE, event.text)
    return False


def _resolution(events: Sequence[Event], after: datetime) -> Event | None:
    triggered = alert_events(events, EventKind.ALERT_TRIGGERED)
    resolved = alert_events(events, EventKind.ALERT_RESOLVED)
    if resolved and (not triggered or resolved[-1].ts >= triggered[-1].ts):
        return resolved[-1]
    return _first(events, lambda e: e.ts >= after and is_human(e) and states(RESOLVED_SAY, e.text))


def seconds_between(start: Moment | None, end: Moment | None) -> int | None:
    """Whole seconds from one moment to another, or None if either is missing."""
    if start is None or end is None:
        return None
    return round((end.ts - start.ts).total_seconds())


def compute_metrics(events: Sequence[Event]) -> IncidentMetrics:
    """Key moments and TTD/TTA/TTM/TTR (seconds) from the events, by the rules above."""
    stream = distinct_events(events)
    triggered = alert_events(stream, EventKind.ALERT_TRIGGERED)
    first_alert = triggered[0] if triggered else None
    report, observed = _human_reports(stream, first_alert.ts if first_alert else None)
    detected = observed or first_alert or report
    start = report or first_alert
    if detected is None or start is None:
        return IncidentMetrics()
    after = detected.ts
    acked = _first(
        stream,
        lambda e: (
            e.ts >= after
            and (e.kind is EventKind.ALERT_ACKNOWLEDGED or (is_human(e) and states(ACK, e.text)))
        ),
    )
    responded = _first(stream, lambda e: e.ts >= after and is_human(e))
    mitigated = _first(stream, lambda e: e.ts >= after and _is_mitigation(e))
    resolved = _resolution(stream, mitigated.ts if mitigated else after)
    metrics = IncidentMetrics(
        impact_start=moment(start),
        detected=moment(detected),
        acknowledged=moment(acked),
        first_response=moment(responded),
        mitigated=moment(mitigated),
        resolved=moment(resolved),
    )
    metrics.time_to_detect_s = seconds_between(metrics.impact_start, metrics.detected)
    metrics.time_to_acknowledge_s = seconds_between(metrics.detected, metrics.acknowledged)
    metrics.time_to_mitigate_s = seconds_between(metrics.impact_start, metrics.mitigated)
    metrics.time_to_resolve_s = seconds_between(metrics.impact_start, metrics.resolved)
    return metrics


def format_duration(seconds: int) -> str:
    """'45 s', '12 min', '1 h 5 min': how durations are written everywhere."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 90:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def find_impact_figures(events: Sequence[Event]) -> list[ImpactFigure]:
    """Figures people stated from impact start on (each citing its event), then durations
    computed from the key moments."""

    stream = distinct_events(events)
    return impact_figures(stream, compute_metrics(stream))


def impact_figures(stream: Sequence[Event], metrics: IncidentMetrics) -> list[ImpactFigure]:
    """Figures stated in the distinct ``stream`` from impact start on, then the durations."""
    since = metrics.impact_start.ts if metrics.impact_start else None
    return stated_figures(stream, since=since) + computed_figures(metrics)


def computed_figures(metrics: IncidentMetrics) -> list[ImpactFigure]:
    """Incident durations from the key moments, marked ``computed``."""
    spans = [
        ("impact duration (impact start to mitigation)", metrics.mitigated, "mitigated"),
        ("incident duration (impact start to resolution)", metrics.resolved, "resolved"),
    ]
    figures: list[ImpactFigure] = []
    start = metrics.impact_start
    for measure, end, word in spans:
        seconds = seconds_between(start, end)
        if start is None or end is None or seconds is None:
            continue
        figures.append(
            ImpactFigure(
                value=format_duration(seconds),
                measure=measure,
                text=f"Computed from the impact-start event {start.event_id} to the {word} "
                f"event {end.event_id}.",
                evidence=[start.event_id, end.event_id],
                computed=True,
            )
        )
    return figures


def key_timeline(events: Sequence[Event], metrics: IncidentMetrics) -> list[TimelineEntry]:
    """The key moments plus the context a reader needs, in time order; ts == event ts."""

    stream = distinct_events(events)
    return timeline_entries(stream, metrics, find_trigger(stream, metrics))
