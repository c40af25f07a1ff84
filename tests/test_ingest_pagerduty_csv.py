"""PagerDuty CSV exports: header aliases, US dates, naive times and the tz option."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions
from pir_ai.ingest._pagerduty_csv import FORMAT, map_columns
from tests.alert_fuzzing import EDITS, assert_only_source_errors, mutate

FIXTURES = Path(__file__).parent / "fixtures" / "pagerduty"
UI = FIXTURES / "incidents_ui_export.csv"
ANALYTICS = FIXTURES / "incidents_analytics.csv"


def test_header_aliases_find_the_same_fields_in_both_exports() -> None:
    ui = map_columns(["Incident Number", "Title", "Created", "Resolved", "Escalation Policy"])
    analytics = map_columns(["incident_number", "description", "created_at", "seconds_to_resolve"])
    assert ui["number"] == "Incident Number"
    assert analytics["number"] == "incident_number"
    assert (ui["created"], analytics["created"]) == ("Created", "created_at")
    assert analytics["title"] == "description"


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


@pytest.mark.parametrize("path", [UI, ANALYTICS])
def test_accounting_holds(path: Path) -> None:
    report = FORMAT.parse(path, IngestOptions()).report
    assert report.records_read == report.events_produced + len(report.skipped) > 0


@given(EDITS)
def test_mutated_csv_raises_only_source_errors(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, bytes]]
) -> None:
    path = tmp_path_factory.mktemp("pdc") / "input.csv"
    path.write_bytes(mutate(UI.read_bytes(), edits))
    assert_only_source_errors(FORMAT, path)


@given(st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=5))
def test_arbitrary_rows_raise_only_source_errors(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Incident Number", "Created", "Acknowledged", "seconds_to_resolve", "Urgency"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("pdc") / "input.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert_only_source_errors(FORMAT, path)


def test_csv_moments_are_the_same_events_as_the_rest_incident() -> None:
    from pir_ai.ingest._merge import merge_results
    from pir_ai.ingest._pagerduty_rest import FORMAT as REST

    rest = REST.parse(FIXTURES / "incidents.json", IngestOptions())
    events, report = merge_results([rest, FORMAT.parse(ANALYTICS, IngestOptions())])
    assert len(events) == len(rest.events)
    assert report.skipped_count == 5
