"""Datadog monitor webhooks (default and custom templates) and Events API v1."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, by_name

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("datadog")

FIXTURES = ALL_FIXTURES / "datadog"


def parse(name: str) -> ParseResult:
    return FORMAT.parse(FIXTURES / name, IngestOptions())


def test_default_template_reads_epoch_millisecond_strings_and_title_prefixes() -> None:
    events = parse("monitor_webhook_default.jsonl").events
    assert [(e.kind, e.ts) for e in events] == [
        (EventKind.ALERT_TRIGGERED, datetime(2024, 5, 1, 14, 57, tzinfo=UTC)),
        (EventKind.ALERT_RESOLVED, datetime(2024, 5, 1, 15, 33, 30, tzinfo=UTC)),
    ]
    assert events[0].attrs["alertname"] == "Checkout p99 latency above 2s"
    assert events[0].attrs["transition"] == "Triggered"
    assert events[1].attrs["status"] == "resolved"


def test_markdown_body_loses_markers_and_snapshot_images_but_keeps_text() -> None:
    text = parse("monitor_webhook_default.jsonl").events[0].text
    assert "%%%" not in text
    assert "p.datadoghq.com/snapshot" not in text
    assert "Checkout p99 latency is **3.4s** (threshold 2s)" in text


def test_same_webhook_delivered_twice_is_a_counted_repeat() -> None:
    report = parse("monitor_webhook_default.jsonl").report
    assert (report.records_read, report.events_produced) == (3, 2)
    assert report.skipped[0].location == "line 2"
    assert "7540117712343417856" in report.skipped[0].reason


def test_custom_template_fields_are_found_nested_and_transition_wins() -> None:
    (event,) = parse("custom_template_nested.json").events
    assert event.kind is EventKind.ALERT_TRIGGERED
    assert event.attrs["status"] == "warning"
    assert event.attrs["alertname"] == "[P2] Ledger queue depth high"
    assert event.attrs["monitor_id"] == "11223344"
    assert event.attrs["tags"] == "env:prod,queuename:ledger-events,team:payments"
    assert event.ts == datetime(2024, 5, 1, 14, 50, tzinfo=UTC)
    assert "8,412 messages" in event.text


def test_events_api_uses_epoch_seconds_and_alert_type() -> None:
    result = parse("events_api_v1.json")
    assert [(e.kind, e.ts.strftime("%H:%M:%S")) for e in result.events] == [
        (EventKind.ALERT_TRIGGERED, "14:57:00"),
        (EventKind.ALERT_ANNOTATED, "14:49:10"),
        (EventKind.ALERT_RESOLVED, "15:33:30"),
    ]
    assert result.events[1].attrs["tags"] == "env:prod,service:checkout,version:2024.05.01-3"
    (skip,) = result.report.skipped
    assert skip.location == "events[3]"


def test_unknown_zone_name_is_a_skipped_record_not_a_naive_time(tmp_path: Path) -> None:
    path = tmp_path / "odd_zone.json"
    path.write_text('{"title": "[Triggered] x", "date": "2024-05-01 10:00:00 ABCD"}')
    result = FORMAT.parse(path, IngestOptions())
    assert result.events == []
    assert "not a timestamp" in result.report.skipped[0].reason
