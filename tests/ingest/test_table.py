"""Generic tables: CSV, JSON Lines, JSON arrays; declared schemas; naive times."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name, load_incident

from .fuzzing import FIXTURES

FORMAT = by_name("table")


TABLE = FIXTURES / "table"


def parse(name: str, **options: Any) -> ParseResult:
    return FORMAT.parse(TABLE / name, IngestOptions(**options))


def sniff(path: Path, head: bytes | None = None) -> bool:
    return FORMAT.sniff(Sniff(path, path.read_bytes() if head is None else head))


def test_csv_columns_found_by_common_names() -> None:
    first = parse("deploys.csv").events[0]
    assert (first.ts, first.actor, first.text) == (
        datetime(2024, 5, 1, 11, 52, 10, tzinfo=UTC),
        "priya",
        "Deploy started",
    )
    assert first.attrs == {"service": "payment-gateway", "version": "2024.05.01-2"}
    assert first.kind is EventKind.CHANGE


def test_csv_quoted_multi_line_field_keeps_its_line() -> None:
    second = parse("deploys.csv").events[1]
    assert second.text == "Deploy finished\ncanary at 100%"
    assert second.ref.line == 3


def test_csv_bad_rows_are_skipped_with_their_lines() -> None:
    result = parse("deploys.csv")
    assert [(s.location, s.reason) for s in result.report.skipped] == [
        ("line 5", "expected a time in 'timestamp', found 'not a time'"),
        ("line 6", "expected 5 columns, found 4"),
    ]
    assert result.events[-1].ts == datetime(2024, 5, 1, 10, 11, 30, tzinfo=UTC)


def test_declared_schema_maps_columns_and_zone() -> None:
    events = parse("changes.csv", tz=ZoneInfo("America/New_York")).events
    assert [(e.ts, e.actor, e.text) for e in events] == [
        (datetime(2024, 5, 1, 11, 40, tzinfo=UTC), "Tom Becker", "Raised DB pool to 50"),
        (datetime(2024, 5, 1, 12, 5, tzinfo=UTC), "Priya Raman", "Lowered gateway timeout"),
    ]
    assert events[0].attrs == {"ticket": "CHG-1201"}


def test_declared_dayfirst_reads_csv_dates_day_first_in_the_declared_zone() -> None:
    result = parse("eu_changes.csv")
    assert [(e.ts, e.attrs["ticket"]) for e in result.events] == [
        (datetime(2024, 4, 3, 8, 0, tzinfo=UTC), "CHG-3301"),
        (datetime(2024, 4, 3, 8, 45, tzinfo=UTC), "CHG-3302"),
        (datetime(2024, 4, 13, 7, 15, tzinfo=UTC), "CHG-3310"),
    ]
    assert [(s.location, "day-first" in s.reason) for s in result.report.skipped] == [
        ("line 5", True)
    ]
    assert result.report.warnings == []


def test_undeclared_ambiguous_csv_dates_stay_month_first_and_say_so() -> None:
    result = parse("us_changes.csv")
    assert [e.ts.date() for e in result.events] == [datetime(2024, 3, 4).date()] * 2
    warning = next(w for w in result.report.warnings if "month-first" in w)
    assert "'03/04/2024 10:00'" in warning and "line 2" in warning
    assert "us_changes.csv.schema.json" in warning


def test_json_lines_showing_day_first_are_read_day_first_with_a_warning() -> None:
    result = parse("eu_flags.jsonl")
    assert [e.ts.date() for e in result.events] == [
        datetime(2024, 4, 3).date(),
        datetime(2024, 4, 3).date(),
        datetime(2024, 3, 28).date(),
    ]
    warning = next(w for w in result.report.warnings if "day-first" in w)
    assert "28.03.2024 16:00:00" in warning and "line 3" in warning


def test_schema_sidecar_is_claimed_and_reads_as_no_records() -> None:
    sidecar = TABLE / "changes.csv.schema.json"
    assert sniff(sidecar)
    result = FORMAT.parse(sidecar, IngestOptions())
    assert (result.events, result.report.records_read) == ([], 0)


def test_schema_can_declare_another_kind(tmp_path: Path) -> None:
    data = tmp_path / "pages.csv"
    data.write_text("sent;body\n2024-05-01T12:00:00Z;Paged the DBA\n")
    (tmp_path / "pages.csv.schema.json").write_text('{"timestamp": "sent", "kind": "message"}')
    event = FORMAT.parse(data, IngestOptions()).events[0]
    assert (event.kind, event.text) == (EventKind.MESSAGE, "body: Paged the DBA")


def test_invalid_schema_is_an_error_naming_the_sidecar(tmp_path: Path) -> None:
    data = tmp_path / "x.csv"
    data.write_text("time,text\n2024-05-01T12:00:00Z,hi\n")
    (tmp_path / "x.csv.schema.json").write_text('{"timestamp": "time", "tz": "Mars/Base"}')
    with pytest.raises(MalformedSourceError) as caught:
        FORMAT.parse(data, IngestOptions())
    assert caught.value.path.endswith("x.csv.schema.json")
    assert caught.value.location == "tz"


def test_json_lines_keep_nested_values_and_skip_bad_lines() -> None:
    result = parse("flags.jsonl")
    assert result.events[0].attrs["rollout"] == '{"percent":50}'
    assert result.events[0].ts == datetime(2024, 5, 1, 11, 49, 0, 250000, tzinfo=UTC)
    assert [s.location for s in result.report.skipped] == ["line 3", "line 4"]


def test_json_array_with_epoch_times() -> None:
    result = parse("audit.json")
    assert [e.ts for e in result.events] == [
        datetime(2024, 5, 1, 11, 52, 10, tzinfo=UTC),
        datetime(2024, 5, 1, 11, 53, 10, 500000, tzinfo=UTC),
    ]
    assert result.events[0].actor == "ci-bot"
    assert [s.location for s in result.report.skipped] == ["[2]"]


def test_naive_times_are_utc_with_a_naive_warning() -> None:
    result = parse("naive.csv")
    assert result.events[0].ts == datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert result.report.warnings[0].startswith("naive")


def test_naive_times_use_tz_when_given() -> None:
    result = parse("naive.csv", tz=ZoneInfo("Asia/Tokyo"))
    assert result.events[0].ts == datetime(2024, 5, 1, 0, tzinfo=UTC)
    assert result.report.warnings == []


def test_without_text_column_the_other_columns_are_the_text(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("ts,service,status\n2024-05-01T12:00:00Z,api,degraded\n")
    event = FORMAT.parse(path, IngestOptions()).events[0]
    assert event.text == "service: api; status: degraded"


def test_sniff_leaves_other_formats_alone() -> None:
    assert all(sniff(p) for p in TABLE.iterdir())
    slack_day = b'[{"type": "message", "user": "U1", "text": "hi", "ts": "1714564330.000100"}]'
    alertmanager = b'{"version": "4", "status": "firing", "alerts": [{"startsAt": "2024"}]}'
    untimed = b"name,value\nalpha,1\nbeta,2\n"
    nested = b'[{"timestamp": "2024-05-01T12:00:00Z", "alerts": [{"a": 1}]}]'
    for head in (slack_day, alertmanager, untimed, nested, b"hello\n"):
        assert not FORMAT.sniff(Sniff(Path("x.json"), head))


def test_folder_with_a_schema_sidecar_loads_through_the_registry(tmp_path: Path) -> None:
    for name in ("changes.csv", "changes.csv.schema.json"):
        (tmp_path / name).write_bytes((TABLE / name).read_bytes())
    incident = load_incident(tmp_path)
    assert [f.format for f in incident.report.files] == ["table", "table"]
    assert [e.actor for e in incident.events] == ["Tom Becker", "Priya Raman"]
