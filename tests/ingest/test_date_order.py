"""Numeric dates, one order per file: declared, shown by the file, or month-first and warned."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.events import Event
from pir_ai.ingest import IngestOptions, by_name, parse_any

DEPLOY_LOG = by_name("deploy-log")
TABLE = by_name("table")

PATTERN = r"^(?P<ts>\S+ \S+) (?P<text>.*)$"


@contextmanager
def _log(lines: str, sidecar: str) -> Iterator[Path]:
    """A deploy log and its sidecar in a fresh folder (hypothesis examples share tmp_path)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deploys.log"
        path.write_text(lines)
        (Path(folder) / "deploys.log.schema.json").write_text(sidecar)
        yield path


Read = tuple[list[Event], list[str], list[str]]


def _one_row(folder: Path, value: str, dayfirst: bool | None) -> Read:
    """A table whose one row after an ISO-dated first row holds ``value``, declared day- or
    month-first or not at all: its events, its skip reasons and its warnings."""
    path = folder / f"changes-{dayfirst}.csv"
    path.write_text(f"time,message\n2024-05-01T00:00:00Z,first\n{value},a\n", encoding="utf-8")
    if dayfirst is not None:
        sidecar = folder / f"changes-{dayfirst}.csv.schema.json"
        sidecar.write_text(json.dumps({"timestamp": "time", "dayfirst": dayfirst}))
    result = TABLE.parse(path, IngestOptions(tz=UTC))
    return result.events, [s.reason for s in result.report.skipped], result.report.warnings


def readings(folder: Path, value: str) -> str | None:
    """Which readings a date fits, as the table reader shows it: a day-first only date is
    refused by a month-first declaration, a month-first only one by a day-first one, and
    an undeclared date fitting both is read month-first with a warning."""
    refused_by_day_first = any(
        "expected a day-first date" in r for r in _one_row(folder, value, True)[1]
    )
    refused_by_month_first = any(
        "expected a month-first date" in r for r in _one_row(folder, value, False)[1]
    )
    either = any("fit day-first and month-first" in w for w in _one_row(folder, value, None)[2])
    shown = [
        name
        for name, fits in (
            ("month-first", refused_by_day_first),
            ("day-first", refused_by_month_first),
            ("either", either),
        )
        if fits
    ]
    assert len(shown) <= 1, shown
    return shown[0] if shown else None


@pytest.mark.parametrize(
    ("value", "order"),
    [
        ("03/04/2024 10:00", "either"),
        ("03.04.24", "either"),
        ("25/04/2024", "day-first"),
        ("04-25-2024 09:00", "month-first"),
        ("04/04/2024", None),  # the same date either way
        ("2024/03/04 10:00", None),  # year first is never read day-first
        ("2024-03-04T10:00:00Z", None),
        ("01-May-2024 13:52:10", None),
        ("40/04/2024", None),
        ("1714564330", None),
    ],
)
def test_classify_names_the_readings_a_date_fits(
    tmp_path: Path, value: str, order: str | None
) -> None:
    assert readings(tmp_path, value) == order


def test_year_first_dates_stay_year_month_day_when_day_first_is_declared(tmp_path: Path) -> None:
    events, _, _ = _one_row(tmp_path, "2024/03/04 10:00", dayfirst=True)
    assert [e.ts.date() for e in events] == [date(2024, 5, 1), date(2024, 3, 4)]


def test_month_first_declared_refuses_a_day_first_only_date(tmp_path: Path) -> None:
    path = tmp_path / "x.log"
    path.write_text("03/04/2024 10:00 a\n25/04/2024 10:00 b\n")
    (tmp_path / "x.log.schema.json").write_text(json.dumps({"dayfirst": False, "pattern": PATTERN}))
    result = DEPLOY_LOG.parse(path, IngestOptions(tz=UTC))
    assert result.events[0].ts.month == 3
    (skipped,) = result.report.skipped
    assert skipped.location == "line 2"
    assert re.search(r"month-first.*x\.log\.schema\.json", skipped.reason)


def test_a_file_mixing_orders_keeps_month_first_and_names_both_dates(tmp_path: Path) -> None:
    path = tmp_path / "changes.csv"
    path.write_text("time,message\n25/04/2024 10:00,a\n04/26/2024 10:00,b\n03/04/2024 10:00,c\n")
    result = TABLE.parse(path, IngestOptions(tz=UTC))
    assert result.events[-1].ts == datetime(2024, 3, 4, 10, tzinfo=UTC)
    (warning,) = result.report.warnings
    assert "'25/04/2024 10:00' (line 2)" in warning and "'04/26/2024 10:00' (line 3)" in warning


def test_unambiguous_dates_alone_need_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "changes.csv"
    path.write_text("time,message\n25/04/2024 10:00,a\n26/04/2024 10:00,b\n")
    assert TABLE.parse(path, IngestOptions(tz=UTC)).report.warnings == []


def test_parse_any_passes_dayfirst_to_strings_only() -> None:
    assert parse_any("03/04/2024", UTC, dayfirst=True)[0].month == 4
    epoch = parse_any(1714564330, UTC, dayfirst=True)[0]
    assert epoch == datetime(2024, 5, 1, 11, 52, 10, tzinfo=UTC)


@given(st.lists(st.dates(date(1990, 1, 1), date(2099, 12, 31)), min_size=1, max_size=8))
def test_declared_day_first_logs_read_every_date_as_written(days: list[date]) -> None:
    lines = "".join(f"{d:%d/%m/%Y} 10:00:00 deployed build {i}\n" for i, d in enumerate(days))
    with _log(lines, json.dumps({"dayfirst": True, "pattern": PATTERN})) as path:
        result = DEPLOY_LOG.parse(path, IngestOptions(tz=UTC))
    assert [e.ts.date() for e in result.events] == days
    assert not any("day-first" in w or "month-first" in w for w in result.report.warnings)


@given(st.lists(st.dates(date(1990, 1, 1), date(2099, 12, 31)), min_size=1, max_size=8))
def test_undeclared_logs_never_lose_a_record_and_read_unambiguous_days_right(
    days: list[date],
) -> None:
    lines = "".join(f"{d:%d/%m/%Y} 10:00:00 deployed build {i}\n" for i, d in enumerate(days))
    with _log(lines, json.dumps({"pattern": PATTERN})) as path:
        result = DEPLOY_LOG.parse(path, IngestOptions(tz=UTC))
    assert len(result.events) == len(days)
    shown = any(d.day > 12 for d in days)
    for event, day in zip(result.events, days, strict=True):
        if shown or day.day == day.month or day.day > 12:
            assert event.ts.date() == day
