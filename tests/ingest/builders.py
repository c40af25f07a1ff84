"""Events, parse results and alert payloads built by hand: for ``merge_results`` and for
reading one record through a reader."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pir_ai.events import Event, EventKind, FileReport, SourceRef, make_event_id
from pir_ai.ingest import IngestOptions, ParseResult, by_name, merge_results

T0 = datetime(2024, 5, 1, 23, 42, tzinfo=UTC)


def event(
    source: str,
    key: str,
    *,
    kind: EventKind = EventKind.MESSAGE,
    actor: str | None = None,
    minutes: float = 0,
    is_bot: bool = False,
    **attrs: str,
) -> Event:
    """An event of ``source`` whose record is ``key``, ``minutes`` after T0."""
    return Event(
        id=make_event_id(source, key),
        ts=T0 + timedelta(minutes=minutes),
        source=source,
        kind=kind,
        actor=actor,
        ref=SourceRef(path=f"{source}.json", record=key),
        is_bot=is_bot,
        attrs=attrs,
    )


def result(fmt: str, events: list[Event], **extra: object) -> ParseResult:
    """What a reader of ``fmt`` returning ``events`` (and side facts ``extra``) gives."""
    report = FileReport(
        path=f"{fmt}.json", format=fmt, records_read=len(events), events_produced=len(events)
    )
    return ParseResult(events=events, report=report, extra=dict(extra))


def merged(*results: ParseResult) -> dict[str, Event]:
    """The merged events by record."""
    events, _ = merge_results(list(results))
    return {e.ref.record: e for e in events}


def read_alerts(folder: Path, *alerts: dict[str, object]) -> ParseResult:
    """What the Alertmanager reader makes of one firing payload holding ``alerts``."""
    path = folder / "alerts.json"
    path.write_bytes(json.dumps({"status": "firing", "alerts": list(alerts)}).encode())
    return by_name("alertmanager").parse(path, IngestOptions())
