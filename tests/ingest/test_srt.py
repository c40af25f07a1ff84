"""SRT transcripts: BOM, CRLF, cp1252, missing and out-of-order indices, broken blocks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event
from pir_ai.ingest import IngestOptions, Sniff, by_name

from .fuzzing import FIXTURES, MEETING_START

FORMAT = by_name("srt")


SRT = FIXTURES / "srt"
ZOOM = SRT / "GMT20240301-091000_call.srt"


def parse(path: Path) -> list[Event]:
    return FORMAT.parse(path, IngestOptions(meeting_start=MEETING_START)).events


def test_zoom_file_name_places_bom_crlf_cues_in_utc() -> None:
    events = FORMAT.parse(ZOOM, IngestOptions()).events
    assert events[0].ts == datetime(2024, 3, 1, 9, 10, 1, tzinfo=UTC)
    assert events[0].end_ts == datetime(2024, 3, 1, 9, 10, 4, 500000, tzinfo=UTC)
    assert events[0].text == "Latency on the API went up at 09:12."


def test_out_of_order_indices_keep_file_order_and_ids() -> None:
    events = FORMAT.parse(ZOOM, IngestOptions()).events
    assert [e.attrs["cue_id"] for e in events] == ["1", "3", "2", "4"]
    assert [e.ref.line for e in events] == [2, 6, 10, 14]


def test_name_prefix_is_the_speaker_but_not_a_url_sentence() -> None:
    events = FORMAT.parse(ZOOM, IngestOptions()).events
    assert [e.actor for e in events] == ["JANE DOE", "JOHN ROE", None, None]
    assert events[2].text == "The rollback finished: see https://deploy.example.com/42"


def test_dialogue_dashes_stay_in_one_cue() -> None:
    events = FORMAT.parse(ZOOM, IngestOptions()).events
    assert events[3].text == "- Is it recovering? - Yes, errors are dropping."


def test_missing_indices_and_dot_times_are_read() -> None:
    events = parse(SRT / "no_index_dots.srt")
    assert [e.text for e in events] == [
        "No index on this one.",
        "Dots instead of commas.",
        "And a stray index.",
    ]
    assert "cue_id" not in events[0].attrs
    assert events[1].attrs["offset"] == "00:00:03.500"


def test_windows_1252_text_is_read_with_a_warning() -> None:
    result = FORMAT.parse(SRT / "cp1252.srt", IngestOptions(meeting_start=MEETING_START))
    assert result.events[0].text == "Le café – service is back € fine."
    assert result.report.warnings == ["not UTF-8: read as Windows-1252"]


def test_broken_timing_names_the_line() -> None:
    with pytest.raises(MalformedSourceError) as caught:
        parse(SRT / "broken.srt")
    assert caught.value.location == "line 6"
    assert caught.value.found == "'00:00:04,000 -> 00:00:05,000'"


def test_without_meeting_start_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "call.srt"
    path.write_bytes((SRT / "no_index_dots.srt").read_bytes())
    with pytest.raises(MalformedSourceError, match="meeting-start"):
        FORMAT.parse(path, IngestOptions())


def test_sniff_is_content_based() -> None:
    assert all(FORMAT.sniff(Sniff(p, p.read_bytes())) for p in SRT.iterdir())
    assert not FORMAT.sniff(Sniff(Path("a.srt"), b"WEBVTT\n\n00:01.000 --> 00:02.000\nx\n"))
    assert not FORMAT.sniff(Sniff(Path("a.srt"), b'{"items": []}'))
