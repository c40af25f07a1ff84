"""The facts the offline engine writes from, gathered once from the incident's events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pir_ai.draft._offline.people import participants
from pir_ai.events import Event, EventKind
from pir_ai.facts import Facts, format_duration, is_human
from pir_ai.postmortem import ImpactFigure, IncidentMetrics, Moment

_SERVICE_LABELS = ("service", "app", "application", "job", "component", "namespace")


@dataclass
class DraftContext:
    """Events without duplicates, key moments, candidate trigger and figures."""

    events: list[Event]
    metrics: IncidentMetrics
    trigger: Event | None
    figures: list[ImpactFigure]
    by_id: dict[str, Event] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.events}
        self.names = participants(self.events)

    def who(self, event: Event) -> str:
        """The fullest name of the event's actor across sources."""
        actor = event.actor or "someone"
        return self.names.get(actor, actor)

    def event_at(self, found: Moment | None) -> Event | None:
        """The event behind a key moment."""
        return None if found is None else self.by_id.get(found.event_id)

    @property
    def first_alert(self) -> Event | None:
        """The detection event when an alert detected the incident."""
        event = self.event_at(self.metrics.detected)
        return event if event and event.kind is EventKind.ALERT_TRIGGERED else None

    @property
    def alertname(self) -> str | None:
        """Name of the alert that detected the incident."""
        return self.first_alert.attrs.get("alertname") if self.first_alert else None

    @property
    def service(self) -> str | None:
        """The affected service, from the detecting alert's labels."""
        alert = self.first_alert
        if alert is None:
            return None
        return next((alert.attrs[k] for k in _SERVICE_LABELS if alert.attrs.get(k)), None)

    @property
    def severity(self) -> str | None:
        """Severity from the detecting alert's labels, else from any alert that fired."""
        alerts = [e for e in self.events if e.kind is EventKind.ALERT_TRIGGERED]
        if self.first_alert is not None:
            alerts.insert(0, self.first_alert)
        for alert in alerts:
            for key in ("severity", "priority", "urgency"):
                if alert.attrs.get(key):
                    return alert.attrs[key]
        return None

    def window(self) -> tuple[datetime | None, datetime | None]:
        """From impact start to resolution (or the last event)."""
        start = self.metrics.impact_start.ts if self.metrics.impact_start else None
        if self.metrics.resolved is not None:
            return start, self.metrics.resolved.ts
        return start, self.events[-1].ts if self.events else None

    def in_window(self, event: Event) -> bool:
        """True for events between impact start and resolution."""
        start, end = self.window()
        return start is not None and end is not None and start <= event.ts <= end

    def responders(self) -> list[Event]:
        """The first chat message of each person who wrote during the incident."""
        first: dict[str, Event] = {}
        for event in self.events:
            if event.kind is EventKind.MESSAGE and is_human(event) and self.in_window(event):
                first.setdefault(event.actor or "", event)
        return list(first.values())

    def duration(self, seconds: int | None) -> str | None:
        """A computed duration as text, or None."""
        return None if seconds is None else format_duration(seconds)


def gather(facts: Facts) -> DraftContext:
    """The context the sections are written from, built once from the incident's facts."""
    return DraftContext(
        events=list(facts.events),
        metrics=facts.metrics,
        trigger=facts.trigger,
        figures=list(facts.figures),
    )
