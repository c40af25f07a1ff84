"""Vendor timestamp quirks all land on aware UTC datetimes, or a TimestampError."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.ingest import TimestampError, parse_any, parse_epoch, parse_iso

from .builders import read_alerts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015-11-07T00:14:20Z", datetime(2015, 11, 7, 0, 14, 20, tzinfo=UTC)),
        ("2013-03-06T15:28:51-05:00", datetime(2013, 3, 6, 20, 28, 51, tzinfo=UTC)),
        ("2015-06-03T17:43:27.123+0000", datetime(2015, 6, 3, 17, 43, 27, 123000, tzinfo=UTC)),
        (
            "2018-03-07T06:33:21.873077559-05:00",
            datetime(2018, 3, 7, 11, 33, 21, 873077, tzinfo=UTC),
        ),
        ("Wed Apr 20 10:03:36 2022 -0400", datetime(2022, 4, 20, 14, 3, 36, tzinfo=UTC)),
    ],
)
def test_iso_and_rfc2822_forms_become_utc(raw: str, expected: datetime) -> None:
    assert parse_iso(raw) == (expected, False)


def test_epoch_units_are_told_apart_by_magnitude() -> None:
    seconds = datetime(2017, 8, 14, 11, 25, 56, tzinfo=UTC)
    assert parse_epoch(1502709956) == seconds
    assert parse_epoch(1502709956288) == seconds.replace(microsecond=288000)
    assert parse_epoch(1502709956288000110) == seconds.replace(microsecond=288000)


def test_slack_ts_keeps_its_microseconds() -> None:
    assert parse_any("1736554746.482349")[0].microsecond == 482349


def test_naive_values_use_the_given_zone_and_say_so() -> None:
    value, naive = parse_iso("2024-05-14 09:00:00", ZoneInfo("Europe/Paris"))
    assert naive is True
    assert value == datetime(2024, 5, 14, 7, 0, tzinfo=UTC)


def test_an_unknown_zone_name_is_an_error_not_a_naive_time() -> None:
    with pytest.raises(TimestampError):
        parse_iso("Wed Apr 20 10:03:36 XYZT 2022")


def test_go_zero_time_means_unset(tmp_path: Path) -> None:
    def resolved(ends_at: str) -> dict[str, object]:
        start = "2023-12-31T23:00:00Z"
        return {
            "status": "resolved",
            "labels": {"alertname": "A"},
            "startsAt": start,
            "endsAt": ends_at,
        }

    unset = read_alerts(tmp_path, resolved("0001-01-01T00:00:00Z"))
    assert unset.events == [] and "Go zero time" in unset.report.skipped[0].reason
    (ended,) = read_alerts(tmp_path, resolved("2024-01-01T00:00:00Z")).events
    assert ended.end_ts == datetime(2024, 1, 1, tzinfo=UTC)


@given(st.integers(min_value=0, max_value=99_999_999_999), st.integers(0, 999_999))
def test_the_plain_seconds_fast_path_agrees_with_the_decimal_path(whole: int, micro: int) -> None:
    text = f"{whole}.{micro:06d}"
    expected = datetime.fromtimestamp(whole, tz=UTC).replace(microsecond=micro)
    assert parse_epoch(text) == expected
    assert parse_epoch(Decimal(text)) == expected
