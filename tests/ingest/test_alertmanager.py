"""Alertmanager webhook payloads: statuses, the Go zero endsAt, repeats, JSON Lines, errors."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, by_name

from .builders import read_alerts
from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("alertmanager")
FIXTURES = ALL_FIXTURES / "alertmanager"
FNV_OFFSET, FNV_PRIME = 14695981039346656037, 1099511628211


def parse(name: str) -> ParseResult:
    return FORMAT.parse(FIXTURES / name, IngestOptions())


def label_signature(labels: Mapping[str, str]) -> str:
    """Prometheus' ``LabelSet.Fingerprint``, written out: FNV-1a 64 over the sorted labels,
    each name and value followed by 0xFF, as 16 hex digits."""
    digest = FNV_OFFSET
    for name in sorted(labels):
        for byte in (*name.encode(), 0xFF, *labels[name].encode(), 0xFF):
            digest = ((digest ^ byte) * FNV_PRIME) % 2**64
    return f"{digest:016x}"


def test_group_with_mixed_statuses_gives_one_event_per_alert() -> None:
    result = parse("group_mixed_status.json")
    kinds = [(e.kind, e.ts) for e in result.events]
    assert kinds == [
        # -05:00 and nanoseconds, normalised to UTC microseconds
        (EventKind.ALERT_TRIGGERED, datetime(2024, 5, 1, 14, 58, 12, 873077, tzinfo=UTC)),
        (EventKind.ALERT_RESOLVED, datetime(2024, 5, 1, 15, 21, 42, 120000, tzinfo=UTC)),
    ]
    resolved = result.events[1]
    assert resolved.end_ts == resolved.ts
    assert resolved.attrs["starts_at"] == "2024-05-01T14:52:12.873000+00:00"


def test_event_text_and_attrs_name_the_alert() -> None:
    event = parse("group_mixed_status.json").events[0]
    assert event.text == (
        "[FIRING] CheckoutHighErrorRate: Checkout 5xx rate above 5%. "
        "7.2% of checkout requests failed over the last 5 minutes. "
        "(service=checkout, severity=critical)"
    )
    assert event.attrs["alertname"] == "CheckoutHighErrorRate"
    assert event.attrs["fingerprint"] == "5f2b1c0e9a7d3e41"
    assert event.attrs["severity"] == "critical"
    assert event.attrs["service"] == "checkout"
    assert event.attrs["status"] == "firing"
    assert event.actor == "Alertmanager"
    assert event.is_bot
    assert event.ref.record == "alerts[0]"


def test_firing_alert_ignores_the_go_zero_end_time() -> None:
    event = parse("group_mixed_status.json").events[0]
    assert event.end_ts is None
    assert "ends_at" not in event.attrs


def test_repeats_are_skipped_with_their_reason_and_bad_line_is_counted() -> None:
    result = parse("repeats_and_resolve.jsonl")
    report = result.report
    assert report.records_read == 8
    assert [(e.kind.value, e.ref.line) for e in result.events] == [
        ("alert_triggered", 1),
        ("alert_triggered", 1),
        ("alert_resolved", 3),
        ("alert_resolved", 5),
    ]
    reasons = [s.reason for s in report.skipped]
    repeats = [r for r in reasons if r.startswith("repeat notification of KubePodCrashLooping")]
    assert len(repeats) == 3
    assert [s.location for s in report.skipped if "invalid JSON" in s.reason] == ["line 4"]


def test_same_start_written_with_another_offset_is_still_a_repeat() -> None:
    skipped = parse("repeats_and_resolve.jsonl").report.skipped
    assert skipped[0].location == "line 2 alerts[0]"
    assert "startsAt 2024-05-01T15:02:03.500000+00:00" in skipped[0].reason


def test_missing_fingerprint_is_computed_like_alertmanager() -> None:
    event = parse("repeats_and_resolve.jsonl").events[0]
    labels = {
        "alertname": "KubePodCrashLooping",
        "namespace": "payments",
        "pod": "ledger-6d9f7b-x2k4q",
        "service": "ledger",
        "severity": "warning",
    }
    assert event.attrs["fingerprint"] == label_signature(labels)


def test_fingerprint_matches_prometheus_label_signature(tmp_path: Path) -> None:
    # Value from prometheus/common model/signature_test.go (labelsToSignature).
    labels = {"name": "garland, briggs", "fear": "love is not enough"}
    assert int(label_signature(labels), 16) == 5799056148416392346
    computed = read_alerts(tmp_path, {"labels": labels, "startsAt": "2024-05-01T10:00:00Z"}).events[
        0
    ]
    assert int(computed.attrs["fingerprint"], 16) == 5799056148416392346
    unlabelled = read_alerts(tmp_path, {"labels": {}, "startsAt": "2024-05-01T10:00:00Z"}).events[0]
    assert unlabelled.attrs["fingerprint"] == f"{14695981039346656037:016x}"


def test_resolved_alert_with_zero_end_time_is_skipped_not_guessed() -> None:
    result = parse("array_of_payloads.json")
    assert [e.kind for e in result.events] == [EventKind.ALERT_TRIGGERED, EventKind.ALERT_RESOLVED]
    (skip,) = result.report.skipped
    assert skip.location == "[1] alerts[1]"
    assert "Go zero time" in skip.reason


def test_bare_prometheus_alerts_without_status_are_firing() -> None:
    result = parse("prometheus_post_alerts.json")
    assert [e.kind for e in result.events] == [EventKind.ALERT_TRIGGERED] * 2
    assert result.events[0].ts == datetime(2024, 5, 1, 11, 40, tzinfo=UTC)
    assert len({e.attrs["fingerprint"] for e in result.events}) == 2


def test_event_ids_are_stable_across_runs_and_folders(tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere.json"
    copy.write_bytes((FIXTURES / "group_mixed_status.json").read_bytes())
    first = [e.id for e in parse("group_mixed_status.json").events]
    again = [e.id for e in FORMAT.parse(copy, IngestOptions()).events]
    assert first == again
    assert len(set(first)) == 2


def test_truncated_json_raises_with_line_and_column(tmp_path: Path) -> None:
    data = (FIXTURES / "group_mixed_status.json").read_bytes()
    broken = tmp_path / "truncated.json"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(MalformedSourceError) as info:
        FORMAT.parse(broken, IngestOptions())
    assert info.value.location is not None
    assert info.value.location.startswith("line ")
    assert "column" in info.value.location


def test_payload_without_alerts_is_one_skipped_record(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('[{"receiver": "x", "status": "firing"}, 3]')
    report = FORMAT.parse(path, IngestOptions()).report
    assert report.records_read == 2
    assert [s.location for s in report.skipped] == ["[0]", "[1]"]


def test_out_of_range_start_is_a_skipped_record(tmp_path: Path) -> None:
    path = tmp_path / "edge.json"
    path.write_text(
        '{"alerts": [{"status": "firing", "labels": {"alertname": "A"},'
        ' "startsAt": "0001-01-01T00:00:00+01:00"},'
        ' {"status": "firing", "labels": {"alertname": "B"},'
        ' "startsAt": "9999-12-31T23:59:59-01:00"}]}'
    )
    report = FORMAT.parse(path, IngestOptions()).report
    reasons = [s.reason for s in report.skipped]
    assert "firing alert A has no startsAt" in reasons[0]
    assert "out of range" in reasons[1]


def test_firing_alert_with_a_future_expiry_is_not_resolved(tmp_path: Path) -> None:
    # Alertmanager's API (and Prometheus' POST) put the expiry of a firing alert in endsAt.
    path = tmp_path / "expiry.json"
    path.write_text(
        '{"status": "firing", "alerts": [{"status": "firing", "labels": {"alertname": "A"},'
        ' "startsAt": "2024-05-01T10:00:00Z", "endsAt": "2024-05-01T10:04:00Z"}]}'
    )
    (event,) = FORMAT.parse(path, IngestOptions()).events
    assert event.kind is EventKind.ALERT_TRIGGERED
    assert event.ts == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert event.end_ts is None


def test_truncated_group_is_reported_as_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "truncated_group.json"
    path.write_text(
        '{"truncatedAlerts": 3, "status": "firing", "alerts": [{"status": "firing",'
        ' "labels": {"alertname": "A"}, "startsAt": "2024-05-01T10:00:00Z"}]}'
    )
    report = FORMAT.parse(path, IngestOptions()).report
    assert report.warnings == [
        "payload: Alertmanager left out 3 alert(s) of this group (max_alerts);"
        " they are not in the file"
    ]
