"""The facts the offline engine writes from, gathered once from the incident's events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pir_ai.draft._offline.people import participants
from pir_ai.events import Event, EventKind
from pir_ai.facts import Facts, SeverityFact, format_duration, is_human
from pir_ai.postmortem import ImpactFigure, IncidentMetrics, Moment

_SERVICE_LABELS = ("service", "app", "application", "job", "component", "namespace")


@dataclass
class DraftContext:
    """Events without duplicates, key moments, candidate trigger and figures."""

    events: list[Event]
    metrics: IncidentMetrics
    trigger: Event | None
    figures: list[ImpactFigure]
    stated_severity: SeverityFact | None = None
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
    def incident_alert(self) -> Event | None:
        """The detecting alert, else the first alert that fired after detection (the page
        that followed a person's report)."""
        if self.first_alert is not None or self.metrics.detected is None:
            return self.first_alert
        after = self.metrics.detected.ts
        return next(
            (
                e
                for e in self.events
                if e.kind is EventKind.ALERT_TRIGGERED and e.ts >= after and e.is_bot
            ),
            None,
        )

    @property
    def alertname(self) -> str | None:
        """Name of the alert the incident is known by (``incident_alert``)."""
        alert = self.incident_alert
        return alert.attrs.get("alertname") if alert else None

    @property
    def service(self) -> str | None:
        """The affected service, from the labels of ``incident_alert``."""
        alert = self.incident_alert
        if alert is None:
            return None
        return next((alert.attrs[k] for k in _SERVICE_LABELS if alert.attrs.get(k)), None)

    @property
    def severity(self) -> str | None:
        """The severity the sources state (``facts.severity``), if any."""
        return self.stated_severity.value if self.stated_severity else None

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
        stated_severity=facts.severity,
    )
