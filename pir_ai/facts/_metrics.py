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

import bisect
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from itertools import islice

from pir_ai.events import Event, EventKind
from pir_ai.facts._figures import stated_figures
from pir_ai.facts._measures import by_measure
from pir_ai.facts._moments import find_detection, find_impact_start
from pir_ai.facts._phrases import (
    ACK,
    COMPLETED,
    FAILED_CHANGE,
    MITIGATION_CHANGE,
    MITIGATION_DONE,
    NOT_YET,
    PARTIAL,
    PARTIAL_MITIGATION,
    RESOLVED_SAY,
    STARTED_ONLY,
)
from pir_ai.facts._signals import alert_events, distinct_events, is_change, is_human, states
from pir_ai.facts._timeline import timeline_entries
from pir_ai.facts._trigger import find_trigger, is_candidate_change
from pir_ai.postmortem import ImpactFigure, IncidentMetrics, Moment, MomentBasis, TimelineEntry


def moment(event: Event | None, reason: str = "") -> Moment | None:
    """The ``Moment`` an event fixes (observed at its time), or None."""
    return None if event is None else Moment(ts=event.ts, event_id=event.id, reason=reason)


def _first(
    events: Sequence[Event], accept: Callable[[Event], bool], since: datetime | None = None
) -> Event | None:
    """The first event (at ``since`` or later, in the time-ordered ``events``) accepted."""
    start = 0 if since is None else bisect.bisect_left(events, since, key=lambda e: e.ts)
    return next((e for e in islice(events, start, None) if accept(e)), None)


def _is_mitigation(event: Event) -> bool:
    if event.kind is EventKind.CHANGE:
        if "commit" in event.attrs or not is_candidate_change(event):
            return False  # a revert commit mitigates nothing until it is deployed
        words = " ".join([event.text, *event.attrs.values()])
        started = STARTED_ONLY.search(words) and not COMPLETED.search(words)
        failed = FAILED_CHANGE.search(event.text)
        return bool(MITIGATION_CHANGE.search(words)) and not started and not failed
    if is_change(event) or (is_human(event) and event.kind is EventKind.MESSAGE):
        partial = any(int(a) < int(b) for a, b in PARTIAL.findall(event.text))
        pending = partial or NOT_YET.search(event.text) or PARTIAL_MITIGATION.search(event.text)
        return not pending and states(MITIGATION_DONE, event.text)
    return False


def _resolution(events: Sequence[Event], after: datetime) -> Event | None:
    triggered = alert_events(events, EventKind.ALERT_TRIGGERED)
    resolved = alert_events(events, EventKind.ALERT_RESOLVED)
    if resolved and (not triggered or resolved[-1].ts >= triggered[-1].ts):
        return resolved[-1]
    return _first(events, lambda e: is_human(e) and states(RESOLVED_SAY, e.text), since=after)


def seconds_between(start: Moment | None, end: Moment | None) -> int | None:
    """Whole seconds from one moment to another, or None if either is missing."""
    if start is None or end is None:
        return None
    return round((end.ts - start.ts).total_seconds())


def compute_metrics(events: Sequence[Event], *, tz: tzinfo | None = None) -> IncidentMetrics:
    """Key moments and TTD/TTA/TTM/TTR (seconds) from the events, by the rules above.

    ``tz`` is the zone times people write without one are read in (the incident's).
    """
    return metrics_of(distinct_events(events), tz=tz)


def metrics_of(stream: Sequence[Event], *, tz: tzinfo | None = None) -> IncidentMetrics:
    """``compute_metrics`` of a stream that is already distinct and time-ordered."""
    detection = find_detection(stream)
    if detection is None:
        return IncidentMetrics()
    start = find_impact_start(stream, detection, tz)
    detected = Moment(
        ts=detection.event.ts,
        event_id=detection.event.id,
        reason=detection.reason,
        candidates=list(detection.candidates),
    )
    after = detected.ts
    acked = _first(
        stream,
        lambda e: e.kind is EventKind.ALERT_ACKNOWLEDGED or (is_human(e) and states(ACK, e.text)),
        since=after,
    )
    responded = _first(stream, lambda e: is_human(e) and e.id != detected.event_id, since=after)
    mitigated = _first(stream, _is_mitigation, since=after)
    until = mitigated.ts if mitigated else None
    partial = _first(
        stream,
        lambda e: (until is None or e.ts < until) and _is_partial_mitigation(e),
        since=after,
    )
    resolved = _resolution(stream, mitigated.ts if mitigated else after)
    metrics = IncidentMetrics(
        impact_start=start,
        detected=detected,
        detection_source=detection.source,
        acknowledged=moment(acked),
        first_response=moment(responded),
        partially_mitigated=moment(partial) if mitigated else None,
        mitigated=moment(mitigated),
        resolved=moment(resolved),
    )
    if start.basis is not MomentBasis.FIRST_SIGN:
        metrics.time_to_detect_s = seconds_between(metrics.impact_start, metrics.detected)
    metrics.time_to_acknowledge_s = seconds_between(metrics.detected, metrics.acknowledged)
    metrics.time_to_mitigate_s = seconds_between(metrics.impact_start, metrics.mitigated)
    metrics.time_to_resolve_s = seconds_between(metrics.impact_start, metrics.resolved)
    return metrics


def _is_partial_mitigation(event: Event) -> bool:
    if not (is_human(event) and event.kind is EventKind.MESSAGE):
        return False
    return bool(PARTIAL_MITIGATION.search(event.text)) and states(PARTIAL_MITIGATION, event.text)


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
    return impact_figures(stream, metrics_of(stream))


def impact_figures(stream: Sequence[Event], metrics: IncidentMetrics) -> list[ImpactFigure]:
    """Figures stated in the distinct ``stream`` from impact start on, then the durations."""
    since = metrics.impact_start.ts if metrics.impact_start else None
    return by_measure(stated_figures(stream, since=since)) + computed_figures(metrics)


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
