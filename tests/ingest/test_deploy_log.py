"""Deploy logs: ISO and Python-logging timestamps, continuation lines, declared patterns."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name

from .fuzzing import FIXTURES

FORMAT = by_name("deploy-log")


LOGS = FIXTURES / "deploy_log"
DATA = sorted(p for p in LOGS.iterdir() if not p.name.endswith(".schema.json"))


def parse(name: str, **options: Any) -> ParseResult:
    return FORMAT.parse(LOGS / name, IngestOptions(**options))


def test_iso_lines_with_z_offset_and_utc_suffix() -> None:
    events = parse("deploy.log").events
    assert [e.ts for e in events] == [
        datetime(2024, 5, 1, 11, 52, 10, tzinfo=UTC),
        datetime(2024, 5, 1, 11, 52, 41, 120000, tzinfo=UTC),
        datetime(2024, 5, 1, 11, 53, 40, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 9, 12, tzinfo=UTC),
        datetime(2024, 5, 1, 12, 10, 5, tzinfo=UTC),
    ]
    assert {e.kind for e in events} == {EventKind.CHANGE}
    assert parse("deploy.log").report.warnings == []


def test_level_and_actor_are_picked_from_the_line() -> None:
    events = parse("deploy.log").events
    assert [e.attrs["level"] for e in events] == ["INFO", "INFO", "INFO", "WARN", "INFO"]
    assert [e.actor for e in events] == ["priya", None, None, None, "tom"]


def test_python_logging_comma_fraction_and_traceback_continuation() -> None:
    events = parse("python_logging.log", tz=ZoneInfo("Europe/Berlin")).events
    assert events[0].ts == datetime(2024, 5, 1, 9, 52, 10, 123000, tzinfo=UTC)
    assert events[1].text.splitlines()[-1] == "RuntimeError: lock timeout"
    assert [e.ref.line for e in events] == [1, 2, 7]


def test_naive_times_without_tz_are_utc_with_a_naive_warning() -> None:
    result = parse("python_logging.log")
    assert result.events[0].ts == datetime(2024, 5, 1, 11, 52, 10, 123000, tzinfo=UTC)
    assert result.report.warnings[0].startswith("naive")


def test_declared_pattern_reads_a_custom_layout_in_its_zone() -> None:
    result = parse("custom.log")
    assert [(e.ts, e.actor, e.text) for e in result.events] == [
        (datetime(2024, 5, 1, 11, 52, 10, tzinfo=UTC), "ana", "Deployed checkout 1.4.2"),
        (datetime(2024, 5, 1, 12, 5, tzinfo=UTC), "ana", "Rolled back checkout to 1.4.1"),
    ]
    assert [s.location for s in result.report.skipped] == ["line 3"]


def test_declared_dayfirst_reads_03_04_as_the_third_of_april() -> None:
    result = parse("eu_deploys.log")
    assert [e.ts for e in result.events] == [
        datetime(2024, 4, 3, 8, 0, 12, tzinfo=UTC),
        datetime(2024, 4, 3, 8, 4, 55, tzinfo=UTC),
        datetime(2024, 4, 3, 8, 31, 2, tzinfo=UTC),
    ]
    assert result.report.warnings == []


def test_a_date_that_contradicts_the_declared_order_is_skipped_with_its_line() -> None:
    skipped = parse("eu_deploys.log").report.skipped
    assert [s.location for s in skipped] == ["line 4"]
    assert "day-first" in skipped[0].reason and "04/25/2024" in skipped[0].reason


def test_undeclared_ambiguous_dates_stay_month_first_and_say_so() -> None:
    result = parse("undeclared_order.log")
    assert [e.ts.date() for e in result.events] == [datetime(2024, 3, 4).date()] * 2
    warning = next(w for w in result.report.warnings if "month-first" in w)
    assert "03/04/2024 10:00:12" in warning and "line 1" in warning
    assert "dayfirst" in warning and "undeclared_order.log.schema.json" in warning


def test_a_date_only_day_first_fits_makes_the_file_day_first_with_a_warning() -> None:
    result = parse("overnight.log")
    assert [e.ts for e in result.events] == [
        datetime(2024, 4, 12, 23, 52, 40, tzinfo=UTC),
        datetime(2024, 4, 12, 23, 58, 3, tzinfo=UTC),
        datetime(2024, 4, 13, 0, 4, 19, tzinfo=UTC),
    ]
    warning = next(w for w in result.report.warnings if "day-first" in w)
    assert "13/04/2024 00:04:19" in warning and "line 3" in warning


def test_pattern_without_ts_group_is_an_error(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text("a|b\n")
    (tmp_path / "x.log.schema.json").write_text('{"pattern": "^(?P<text>.*)$"}')
    with pytest.raises(MalformedSourceError) as caught:
        FORMAT.parse(log, IngestOptions())
    assert caught.value.location == "pattern"


def test_lines_before_the_first_timestamp_are_skipped_not_lost(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text("deploy log v2\n2024-05-01T12:00:00Z started\n")
    report = FORMAT.parse(log, IngestOptions()).report
    assert [s.location for s in report.skipped] == ["line 1"]
    assert report.events_produced == 1


def test_sniff_claims_logs_but_not_syslog_csv_or_transcripts() -> None:
    assert all(FORMAT.sniff(Sniff(p, p.read_bytes())) for p in DATA)
    syslog = b"May  1 11:52:10 host deployer[4121]: started\nMay  1 11:53:40 host x: done\n"
    csv = b"timestamp,message\n2024-05-01T12:00:00Z,started\n"
    vtt = b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n"
    for head in (syslog, csv, vtt):
        assert not FORMAT.sniff(Sniff(Path("x.log"), head))
