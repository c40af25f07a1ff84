"""Build small incidents from events in tests: a clock in minutes, sources and actors by name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pir_ai.events import Event, EventKind, FileReport, Incident, IngestReport, SourceRef

T0 = datetime(2024, 5, 14, 6, 0, tzinfo=UTC)
"""Minute 0 of every built incident."""


def at(minute: float) -> datetime:
    """The time ``minute`` minutes after ``T0``."""
    return T0 + timedelta(minutes=minute)


class IncidentBuilder:
    """Collects events in order and hands back an ``Incident`` with an exact report."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(
        self,
        minute: float,
        kind: EventKind,
        text: str = "",
        *,
        actor: str | None = None,
        source: str = "slack",
        channel: str | None = "inc",
        is_bot: bool = False,
        links: tuple[str, ...] = (),
        attrs: dict[str, str] | None = None,
    ) -> Event:
        """Append an event ``minute`` minutes after ``T0`` and return it."""
        number = len(self.events)
        event = Event(
            id=f"ev_{number:012x}",
            ts=at(minute),
            source=source,
            kind=kind,
            actor=actor,
            text=text,
            ref=SourceRef(path=f"{source}.json", record=f"[{number}]"),
            channel=channel,
            is_bot=is_bot,
            attrs=attrs or {},
            links=links,
        )
        self.events.append(event)
        return event

    def say(self, minute: float, actor: str, text: str, channel: str = "inc") -> Event:
        """A person's chat message."""
        return self.add(minute, EventKind.MESSAGE, text, actor=actor, channel=channel)

    def speak(self, minute: float, actor: str, text: str) -> Event:
        """A cue of a recorded call."""
        return self.add(
            minute, EventKind.TRANSCRIPT_CUE, text, actor=actor, source="webvtt", channel="call"
        )

    def bot(self, minute: float, text: str, *, actor: str = "shipit") -> Event:
        """A bot's chat message (deploy bots, integrations)."""
        return self.add(minute, EventKind.MESSAGE, text, actor=actor, is_bot=True)

    def alert(
        self,
        minute: float,
        kind: EventKind = EventKind.ALERT_TRIGGERED,
        name: str = "CheckoutHighErrorRate",
        **labels: str,
    ) -> Event:
        """An event from the alerting tool's own file."""
        word = "FIRING" if kind is EventKind.ALERT_TRIGGERED else "RESOLVED"
        return self.add(
            minute,
            kind,
            f"[{word}] {name}: checkout-api 5xx ratio above 5%",
            actor="Alertmanager",
            source="alertmanager",
            channel="checkout-api",
            is_bot=True,
            attrs={"alertname": name, **labels},
        )

    def incident(self) -> Incident:
        """The events in time order, with one file report per source."""
        counts: dict[str, int] = {}
        for event in self.events:
            counts[event.ref.path] = counts.get(event.ref.path, 0) + 1
        files = [
            FileReport(path=path, format=path.split(".")[0], records_read=n, events_produced=n)
            for path, n in counts.items()
        ]
        ordered = sorted(self.events, key=lambda e: e.ts)
        return Incident(events=ordered, report=IngestReport(files=files))
