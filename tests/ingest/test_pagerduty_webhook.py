"""PagerDuty v3 webhooks (incident.annotated carries a note) and v2 messages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, by_name, merge_results

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("pagerduty-webhook")
REST = by_name("pagerduty")

FIXTURES = ALL_FIXTURES / "pagerduty"
V3 = FIXTURES / "webhook_v3_events.jsonl"


def parse(path: Path) -> ParseResult:
    return FORMAT.parse(path, IngestOptions())


def test_v3_events_dispatch_on_event_type() -> None:
    events = parse(V3).events
    assert [(e.kind, e.attrs["event_type"]) for e in events] == [
        (EventKind.ALERT_TRIGGERED, "incident.triggered"),
        (EventKind.ALERT_ACKNOWLEDGED, "incident.acknowledged"),
        (EventKind.ALERT_ANNOTATED, "incident.annotated"),
        (EventKind.SYSTEM, "incident.priority_updated"),
        (EventKind.ALERT_RESOLVED, "incident.resolved"),
    ]
    assert events[0].ts == datetime(2024, 5, 1, 14, 57, 12, 781000, tzinfo=UTC)
    assert events[0].text == "Triggered: [#1234] Checkout 5xx rate above 5%"
    assert events[0].attrs["incident_number"] == "1234"


def test_annotated_event_is_a_note_on_its_incident_not_an_incident() -> None:
    (note,) = parse(FIXTURES / "webhook_v3_annotated.json").events
    assert note.kind is EventKind.ALERT_ANNOTATED
    assert note.attrs["incident_id"] == "PT4KHLK"
    assert note.attrs["incident_id"] != "P7SQ9XO"  # the note's own id
    assert note.text == (
        "Note on Checkout 5xx rate above 5%: "
        "Rolling back checkout 2024.05.01-3; canary error rate dropping"
    )
    assert note.actor == "Ana Lima"


def test_repeat_delivery_is_counted() -> None:
    report = parse(V3).report
    assert report.records_read == 6
    (skip,) = report.skipped
    assert skip.location == "line 3"
    assert skip.reason.startswith("repeat delivery of incident.acknowledged")


def test_webhook_and_rest_acknowledgement_are_one_event() -> None:
    events, _ = merge_results([REST.parse(FIXTURES / "incidents.json", IngestOptions()), parse(V3)])
    acks = [
        e
        for e in events
        if e.kind is EventKind.ALERT_ACKNOWLEDGED and e.attrs["incident_id"] == "PT4KHLK"
    ]
    assert len(acks) == 1


def test_v2_messages_read_their_log_entries() -> None:
    result = parse(FIXTURES / "webhook_v2_messages.json")
    (event,) = result.events
    assert event.kind is EventKind.ALERT_ACKNOWLEDGED
    assert event.ref.record == "messages[0].log_entries[0]"
    assert event.attrs["incident_number"] == "1234"
