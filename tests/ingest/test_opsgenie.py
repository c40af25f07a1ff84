"""Opsgenie webhooks (ms and ns in one object) and REST v2 alert, logs and notes."""

from __future__ import annotations

from datetime import UTC, datetime

from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, by_name, merge_results

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("opsgenie")

FIXTURES = ALL_FIXTURES / "opsgenie"


def parse(name: str) -> ParseResult:
    return FORMAT.parse(FIXTURES / name, IngestOptions())


def test_webhook_create_uses_milliseconds_and_later_actions_nanoseconds() -> None:
    events = parse("webhook_lifecycle.jsonl").events
    assert [(e.kind, e.ts) for e in events] == [
        (EventKind.ALERT_TRIGGERED, datetime(2024, 5, 1, 14, 57, 12, 104000, tzinfo=UTC)),
        (EventKind.ALERT_ACKNOWLEDGED, datetime(2024, 5, 1, 15, 0, 1, 764002, tzinfo=UTC)),
        (EventKind.ALERT_ANNOTATED, datetime(2024, 5, 1, 15, 5, 0, 123, tzinfo=UTC)),
        (EventKind.ALERT_RESOLVED, datetime(2024, 5, 1, 15, 35, 10, 511000, tzinfo=UTC)),
    ]


def test_webhook_actor_note_and_repeat() -> None:
    result = parse("webhook_lifecycle.jsonl")
    ack, note = result.events[1], result.events[2]
    assert ack.actor == "ana.lima@example.com"
    assert note.text == (
        "AddNote: Checkout 5xx rate above 5% (note: Rolling back checkout 2024.05.01-3)"
    )
    assert result.events[0].attrs["alert_id"] == "70413a06-38d6-4c85-92b8-5ebc900d42e2"
    (skip,) = result.report.skipped
    assert skip.location == "line 3"
    assert skip.reason.startswith("repeat of Opsgenie")


def test_rest_alert_places_ack_and_close_after_creation() -> None:
    result = parse("rest_alert.json")
    assert [(e.kind, e.ts, e.ref.record) for e in result.events] == [
        (EventKind.ALERT_TRIGGERED, datetime(2024, 5, 1, 14, 57, 12, 104000, tzinfo=UTC), "data"),
        (
            EventKind.ALERT_ACKNOWLEDGED,
            datetime(2024, 5, 1, 15, 0, 1, 764000, tzinfo=UTC),
            "data.report.ackTime",
        ),
        (
            EventKind.ALERT_RESOLVED,
            datetime(2024, 5, 1, 15, 35, 10, 511000, tzinfo=UTC),
            "data.report.closeTime",
        ),
    ]
    assert result.events[1].actor == "ana.lima@example.com"
    assert result.report.records_read == 3


def test_rest_logs_are_typed_by_their_text_and_scrub_contact_details() -> None:
    events = parse("rest_logs.json").events
    kinds = [e.kind for e in events]
    assert kinds == [
        EventKind.ALERT_RESOLVED,
        EventKind.ALERT_ANNOTATED,
        EventKind.ALERT_ACKNOWLEDGED,
        EventKind.ALERT_NOTIFIED,
        EventKind.ALERT_NOTIFIED,
        EventKind.ALERT_TRIGGERED,
    ]
    notified = [e.text for e in events if e.kind is EventKind.ALERT_NOTIFIED]
    assert notified == [
        "Sent [SMS] notification to Ana Lima ([phone])",
        "Sent [email] notification to Ana Lima ([email])",
    ]


def test_rest_log_offset_in_nanoseconds_gives_the_time() -> None:
    ack = parse("rest_logs.json").events[2]
    assert ack.ts == datetime(2024, 5, 1, 15, 0, 1, 764002, tzinfo=UTC)


def test_webhook_and_rest_alert_state_the_same_moments_once() -> None:
    events, report = merge_results([parse("rest_alert.json"), parse("webhook_lifecycle.jsonl")])
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.ALERT_TRIGGERED) == 1
    assert kinds.count(EventKind.ALERT_ACKNOWLEDGED) == 1
    assert kinds.count(EventKind.ALERT_RESOLVED) == 1
    assert report.skipped_count == 1 + 3
