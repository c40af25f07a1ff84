"""Grafana webhooks: unified (Alertmanager-shaped) and legacy (no timestamps)."""

from __future__ import annotations

from datetime import UTC, datetime

from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, by_name

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("grafana")
LEGACY_NO_TIME = "legacy Grafana alert has no timestamp"

FIXTURES = ALL_FIXTURES / "grafana"
UNIFIED = FIXTURES / "unified_firing_and_resolved.json"
LEGACY = FIXTURES / "legacy_dashboard_alerts.jsonl"


def test_unified_alerts_follow_alertmanager_rules() -> None:
    events = FORMAT.parse(UNIFIED, IngestOptions()).events
    assert [(e.kind, e.ts) for e in events] == [
        (EventKind.ALERT_TRIGGERED, datetime(2024, 5, 1, 14, 57, 10, 522893, tzinfo=UTC)),
        (EventKind.ALERT_RESOLVED, datetime(2024, 5, 1, 15, 30, 10, tzinfo=UTC)),
    ]
    assert all(e.source == "grafana" and e.actor == "Grafana" for e in events)


def test_unified_values_reach_the_text_and_attrs() -> None:
    firing, resolved = FORMAT.parse(UNIFIED, IngestOptions()).events
    assert firing.attrs["values"] == "B=3.41, C=1"
    assert firing.text.endswith("(values: B=3.41, C=1)")
    assert firing.attrs["org_id"] == "1"
    assert firing.attrs["fingerprint"] == "c6eadffa33fcdf37"
    assert "value=14.2" in resolved.attrs["values"]


def test_legacy_alerts_without_received_time_are_skipped_with_reason() -> None:
    result = FORMAT.parse(LEGACY, IngestOptions())
    assert result.events == []
    assert [s.location for s in result.report.skipped] == ["line 1", "line 2"]
    assert all(s.reason.startswith(LEGACY_NO_TIME) for s in result.report.skipped)
    assert result.report.warnings


def test_legacy_alerts_take_the_received_time_when_given() -> None:
    received = datetime(2024, 5, 1, 15, 0, tzinfo=UTC)
    result = FORMAT.parse(LEGACY, IngestOptions(received_at=received))
    assert [(e.kind, e.ts) for e in result.events] == [
        (EventKind.ALERT_TRIGGERED, received),
        (EventKind.ALERT_RESOLVED, received),
    ]
    first = result.events[0]
    assert first.text == (
        "[Alerting] Checkout 5xx rate: 5xx responses on checkout above 1000/min"
        " (values: http_5xx_total=2873)"
    )
    assert first.attrs["time_source"] == "received_at option"
    assert first.attrs["severity"] == "critical"
    assert len({e.id for e in result.events}) == 2


def test_naive_received_time_uses_the_tz_option() -> None:
    from zoneinfo import ZoneInfo

    options = IngestOptions(received_at=datetime(2024, 5, 1, 17, 0), tz=ZoneInfo("Europe/Paris"))
    event = FORMAT.parse(LEGACY, options).events[0]
    assert event.ts == datetime(2024, 5, 1, 15, 0, tzinfo=UTC)
