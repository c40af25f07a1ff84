"""The ``Facts`` of an incident: everything computed from its events, once, in code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from pir_ai.events import Event, Incident
from pir_ai.facts._metrics import impact_figures, metrics_of
from pir_ai.facts._moments import between
from pir_ai.facts._severity import SeverityFact, find_severity
from pir_ai.facts._signals import distinct_events
from pir_ai.facts._timeline import timeline_entries
from pir_ai.facts._trigger import find_trigger
from pir_ai.postmortem import ImpactFigure, IncidentMetrics, TimelineEntry


@dataclass(frozen=True)
class Facts:
    """What the code knows about an incident before anything is drafted.

    ``events`` is the distinct, time-ordered stream (bot copies of an alert dropped);
    ``figures`` are the impact figures people stated from impact start on, then the
    durations computed from the key moments; ``timeline`` holds the key moments and the
    context a reader needs; ``trigger`` is the candidate change, when one is found;
    ``severity`` is the one the sources state, with its record.
    """

    events: tuple[Event, ...]
    metrics: IncidentMetrics
    trigger: Event | None
    figures: tuple[ImpactFigure, ...]
    timeline: tuple[TimelineEntry, ...]
    severity: SeverityFact | None = None


SEVERITY_MARGIN = timedelta(hours=6)
"""How far around the incident a severity statement is looked for."""


def _incident_window(stream: Sequence[Event], metrics: IncidentMetrics) -> Sequence[Event]:
    """The events from an hour before impact start to some hours after resolution."""
    if metrics.impact_start is None:
        return stream
    end = metrics.resolved or metrics.mitigated
    last = (end.ts if end else stream[-1].ts) + SEVERITY_MARGIN
    return between(stream, metrics.impact_start.ts - timedelta(hours=1), last)


def compute_facts(source: Incident | Sequence[Event]) -> Facts:
    """The facts of an incident (or of a list of events), computed in code."""
    events = source.events if isinstance(source, Incident) else source
    zone = ZoneInfo(source.tz) if isinstance(source, Incident) and source.tz else None
    stream = distinct_events(events)
    metrics = metrics_of(stream, tz=zone)
    trigger = find_trigger(stream, metrics)
    return Facts(
        events=tuple(stream),
        metrics=metrics,
        trigger=trigger,
        figures=tuple(impact_figures(stream, metrics)),
        timeline=tuple(timeline_entries(stream, metrics, trigger)),
        severity=find_severity(_incident_window(stream, metrics)),
    )
