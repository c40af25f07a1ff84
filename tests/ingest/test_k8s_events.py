"""Kubernetes events: core/v1 and events.k8s.io/v1; FORMATS.md 12.10 traps."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson

from pir_ai.events import Event, EventKind
from pir_ai.ingest import IngestOptions, Sniff, by_name

from .fuzzing import FIXTURES

FORMAT = by_name("k8s-events")


K8S = FIXTURES / "k8s_events"
CORE = K8S / "core_v1_list.json"


def by_reason(path: Path) -> dict[str, Event]:
    return {e.attrs["reason"]: e for e in FORMAT.parse(path, IngestOptions()).events}


def test_core_events_become_change_events_with_object_and_component() -> None:
    scaled = by_reason(CORE)["ScalingReplicaSet"]
    assert scaled.kind is EventKind.CHANGE
    assert scaled.ts == datetime(2024, 5, 1, 11, 52, 40, tzinfo=UTC)
    assert scaled.actor == "deployment-controller"
    assert scaled.channel == "payments"
    assert scaled.text == (
        "Normal ScalingReplicaSet Deployment/payment-gateway:"
        " Scaled up replica set payment-gateway-7d9f8c6b5 to 3"
    )


def test_repeated_event_is_a_span_with_its_count() -> None:
    backoff = by_reason(CORE)["BackOff"]
    assert (backoff.ts, backoff.end_ts) == (
        datetime(2024, 5, 1, 11, 54, 10, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 7, 45, tzinfo=UTC),
    )
    assert backoff.attrs["count"] == "14"
    assert backoff.attrs["type"] == "Warning"


def test_null_last_timestamp_falls_back_to_event_time() -> None:
    oom = by_reason(CORE)["OOMKilling"]
    assert oom.ts == datetime(2024, 5, 1, 11, 53, 58, 412345, tzinfo=UTC)
    assert oom.end_ts is None
    assert oom.actor == "kernel-monitor"


def test_series_gives_the_span_end() -> None:
    unhealthy = by_reason(CORE)["Unhealthy"]
    assert unhealthy.end_ts == datetime(2024, 5, 1, 12, 3, 30, 500000, tzinfo=UTC)
    assert unhealthy.attrs["count"] == "9"


def test_creation_timestamp_is_the_last_fallback() -> None:
    killing = by_reason(CORE)["Killing"]
    assert killing.ts == datetime(2024, 5, 1, 12, 8, 1, tzinfo=UTC)


def test_event_without_any_time_is_skipped_with_its_index() -> None:
    report = FORMAT.parse(CORE, IngestOptions()).report
    assert [s.location for s in report.skipped] == ["items[6]"]
    assert "eventTime" in report.skipped[0].reason


def test_events_k8s_io_v1_fields_are_read() -> None:
    events = by_reason(K8S / "events_k8s_io_v1.json")
    oom = events["OOMKilled"]
    assert oom.text.endswith("Container gateway exceeded its memory limit (512Mi)")
    assert (oom.ts, oom.end_ts) == (
        datetime(2024, 5, 1, 11, 54, 10, 120000, tzinfo=UTC),
        datetime(2024, 5, 1, 11, 59, 40, tzinfo=UTC),
    )
    assert oom.attrs["field_path"] == "spec.containers{gateway}"
    assert events["ScalingReplicaSet"].ts == datetime(2024, 5, 1, 12, 9, tzinfo=UTC)


def test_json_lines_skip_a_truncated_line() -> None:
    result = FORMAT.parse(K8S / "watch.jsonl", IngestOptions())
    assert [e.attrs["reason"] for e in result.events] == ["ScalingReplicaSet", "Pulled"]
    assert [s.location for s in result.report.skipped] == ["line 3"]


def test_ids_are_stable_across_list_and_lines() -> None:
    from_list = by_reason(CORE)["Pulled"].id
    from_lines = by_reason(K8S / "watch.jsonl")["Pulled"].id
    assert from_list == from_lines


def test_sniff_claims_events_not_other_json() -> None:
    assert all(FORMAT.sniff(Sniff(p, p.read_bytes())) for p in K8S.iterdir())
    alertmanager = b'{"version": "4", "status": "firing", "alerts": [{"labels": {}}]}'
    assert not FORMAT.sniff(Sniff(Path("a.json"), alertmanager))
    pods = b'{"kind": "PodList", "items": [{"kind": "Pod", "metadata": {}}]}'
    assert not FORMAT.sniff(Sniff(Path("p.json"), pods))


def test_time_out_of_range_after_its_offset_is_skipped(tmp_path: Path) -> None:
    item = {"kind": "Event", "reason": "X", "lastTimestamp": "9999-12-31T23:59:59-01:00"}
    path = tmp_path / "events.json"
    path.write_bytes(orjson.dumps({"kind": "EventList", "items": [item]}))
    report = FORMAT.parse(path, IngestOptions()).report
    assert report.skipped[0].reason.startswith("expected RFC 3339 event times")
