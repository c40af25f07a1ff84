"""PagerDuty CSV exports: header aliases, US dates, naive times and the tz option."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind
from pir_ai.ingest import IngestOptions, by_name, merge_results

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("pagerduty-csv")

FIXTURES = ALL_FIXTURES / "pagerduty"
UI = FIXTURES / "incidents_ui_export.csv"
ANALYTICS = FIXTURES / "incidents_analytics.csv"


def first_event(tmp_path: Path, header: str, row: str) -> Event:
    path = tmp_path / "incidents.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return FORMAT.parse(path, IngestOptions()).events[0]


def test_header_aliases_find_the_same_fields_in_both_exports(tmp_path: Path) -> None:
    ui = first_event(
        tmp_path,
        "Incident Number,Title,Created,Resolved,Escalation Policy",
        "1234,Checkout 5xx,2024-05-01T10:00:00Z,,Default",
    )
    analytics = first_event(
        tmp_path,
        "incident_number,description,created_at,seconds_to_resolve",
        "1235,Ledger lag,2024-05-01T11:00:00Z,60",
    )
    assert ui.attrs["incident_number"] == "1234"
    assert analytics.attrs["incident_number"] == "1235"
    assert (ui.ts, analytics.ts) == (
        datetime(2024, 5, 1, 10, tzinfo=UTC),
        datetime(2024, 5, 1, 11, tzinfo=UTC),
    )
    assert (ui.kind, analytics.kind) == (EventKind.ALERT_TRIGGERED, EventKind.ALERT_TRIGGERED)
    assert analytics.attrs["alertname"] == "Ledger lag"


def test_us_dates_without_zone_are_utc_with_a_naive_warning() -> None:
    result = FORMAT.parse(UI, IngestOptions())
    first = result.events[0]
    assert first.kind is EventKind.ALERT_TRIGGERED
    assert first.ts == datetime(2024, 5, 1, 9, 57, 12, tzinfo=UTC)
    assert result.report.warnings[0].startswith("naive")


def test_tz_option_places_naive_dates() -> None:
    result = FORMAT.parse(UI, IngestOptions(tz=ZoneInfo("America/New_York")))
    assert result.events[0].ts == datetime(2024, 5, 1, 13, 57, 12, tzinfo=UTC)


def test_rows_give_trigger_ack_and_resolve_and_bad_dates_are_skipped() -> None:
    result = FORMAT.parse(UI, IngestOptions())
    assert [(e.kind, e.attrs.get("incident_number")) for e in result.events] == [
        (EventKind.ALERT_TRIGGERED, "1234"),
        (EventKind.ALERT_ACKNOWLEDGED, "1234"),
        (EventKind.ALERT_RESOLVED, "1234"),
        (EventKind.ALERT_TRIGGERED, "1235"),
        (EventKind.ALERT_ACKNOWLEDGED, "1235"),
        (EventKind.ALERT_RESOLVED, "1236"),
    ]
    (skip,) = result.report.skipped
    assert skip.location == "line 4 created"
    assert "not a date" in skip.reason
    assert result.events[1].actor == "Ana Lima"
    assert result.events[3].attrs["alertname"] == "Ledger queue depth high, consumers lagging"


def test_durations_place_ack_and_resolve_after_creation() -> None:
    events = FORMAT.parse(ANALYTICS, IngestOptions()).events
    assert [(e.kind, e.ts.strftime("%H:%M:%S")) for e in events] == [
        (EventKind.ALERT_TRIGGERED, "14:57:12"),
        (EventKind.ALERT_ACKNOWLEDGED, "15:00:01"),
        (EventKind.ALERT_RESOLVED, "15:35:10"),
        (EventKind.ALERT_TRIGGERED, "15:05:00"),
        (EventKind.ALERT_ACKNOWLEDGED, "15:07:30"),
    ]
    assert not FORMAT.parse(ANALYTICS, IngestOptions()).report.warnings


def test_csv_without_a_created_column_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Incident Number,Urgency\n1,high\n")
    with pytest.raises(MalformedSourceError) as info:
        FORMAT.parse(path, IngestOptions())
    assert info.value.location == "line 1"


def test_csv_moments_are_the_same_events_as_the_rest_incident() -> None:
    rest = by_name("pagerduty").parse(FIXTURES / "incidents.json", IngestOptions())
    events, report = merge_results([rest, FORMAT.parse(ANALYTICS, IngestOptions())])
    assert len(events) == len(rest.events)
    assert report.skipped_count == 5
