"""Plain-text transcripts: Zoom, timestamped lines, Teams/Otter, Google Meet; naive times."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name

from .fuzzing import FIXTURES, MEETING_START

FORMAT = by_name("transcript-text")


TXT = FIXTURES / "transcript_txt"


def parse(name: str, **options: Any) -> ParseResult:
    return FORMAT.parse(TXT / name, IngestOptions(**options))


def test_zoom_saved_transcript_reads_wall_clock_times() -> None:
    events = parse("zoom_saved_transcript.txt").events
    assert [e.actor for e in events] == ["Priya Raman", "Tom Becker", "Priya Raman"]
    assert events[0].ts == datetime(2024, 5, 1, 14, 2, 13, tzinfo=UTC)
    assert events[0].attrs["clock"] == "wall"


def test_multi_line_utterance_is_joined() -> None:
    events = parse("zoom_saved_transcript.txt").events
    assert events[1].text == (
        "Yes. I'm looking at the payments dashboard: https://grafana.example.com/d/pay"
        " The error rate is 38%."
    )


def test_naive_wall_clock_times_use_tz() -> None:
    events = parse("zoom_saved_transcript.txt", tz=ZoneInfo("America/New_York")).events
    assert events[0].ts == datetime(2024, 5, 1, 18, 2, 13, tzinfo=UTC)


def test_naive_meeting_start_without_tz_warns_naive() -> None:
    report = parse("zoom_saved_transcript.txt").report
    assert any(w.startswith("naive") for w in report.warnings)


def test_timestamped_lines_from_zero_are_offsets() -> None:
    events = parse("timestamped_lines.txt", meeting_start=MEETING_START).events
    assert [e.ts.strftime("%H:%M:%S") for e in events] == [
        "14:00:04",
        "14:00:15",
        "14:01:02",
        "14:02:30",
    ]
    assert {e.attrs["clock"] for e in events} == {"offset"}


def test_unprefixed_line_continues_the_utterance() -> None:
    events = parse("timestamped_lines.txt", meeting_start=MEETING_START).events
    assert events[1].text == (
        "Database primary is failing health checks. continued: replica promotion is next."
    )
    assert events[3].actor == "Marcus O'Neil"


def test_teams_copy_paste_minutes_seconds_are_offsets() -> None:
    events = parse("teams_copy_paste.txt", meeting_start=MEETING_START).events
    assert [(e.actor, e.attrs["offset"]) for e in events] == [
        ("Lee Chen", "00:00:05.000"),
        ("Sam Ortiz", "00:00:12.000"),
        ("Lee Chen", "00:01:03.000"),
    ]


def test_google_meet_paragraphs_take_the_last_time_line() -> None:
    events = parse("google_meet.txt", meeting_start=MEETING_START).events
    assert [(e.actor, e.attrs["offset"]) for e in events] == [
        ("Ana Silva", "00:00:00.000"),
        ("Lee Chen", "00:00:00.000"),
        ("Ana Silva", "00:05:00.000"),
    ]


def test_wall_clock_call_across_midnight_rolls_the_date() -> None:
    start = datetime(2024, 5, 1, 23, 55, tzinfo=UTC)
    events = parse("across_midnight.txt", meeting_start=start).events
    assert [e.ts for e in events] == [
        datetime(2024, 5, 1, 23, 58, tzinfo=UTC),
        datetime(2024, 5, 2, 0, 3, 30, tzinfo=UTC),
    ]


def test_no_meeting_start_is_an_error() -> None:
    with pytest.raises(MalformedSourceError, match="meeting-start"):
        parse("teams_copy_paste.txt")


def test_ids_differ_per_utterance_and_repeat_per_run() -> None:
    first = [e.id for e in parse("google_meet.txt", meeting_start=MEETING_START).events]
    again = [e.id for e in parse("google_meet.txt", meeting_start=MEETING_START).events]
    assert first == again
    assert len(set(first)) == 3


def test_sniff_claims_transcripts_but_not_logs_or_json() -> None:
    assert all(FORMAT.sniff(Sniff(p, p.read_bytes())) for p in TXT.iterdir())
    log = b"2024-01-02T03:04:05Z deploy started\n2024-01-02T03:05:00Z deploy done\n"
    assert not FORMAT.sniff(Sniff(Path("d.log"), log))
    levels = b"12:00:01 INFO: starting\n12:00:02 ERROR: failed\n"
    assert not FORMAT.sniff(Sniff(Path("d.log"), levels))
    assert not FORMAT.sniff(Sniff(Path("x.json"), b'[{"ts": "12:00:01 Bob: hi"}]'))
