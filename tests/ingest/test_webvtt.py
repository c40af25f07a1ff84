"""WebVTT transcripts: Zoom, Teams and Meet variants, the traps of FORMATS.md 12.8."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name, load_incident

from .fuzzing import FIXTURES

FORMAT = by_name("webvtt")


VTT = FIXTURES / "webvtt"
ZOOM = VTT / "GMT20240501-143000_Recording.transcript.vtt"
TEAMS_FRAGMENTS = VTT / "teams_bridge_fragments.vtt"


def parse(path: Path, **options: Any) -> ParseResult:
    return FORMAT.parse(path, IngestOptions(**options))


def test_zoom_file_name_gives_the_meeting_start_in_utc() -> None:
    events = parse(ZOOM).events
    assert events[0].ts == datetime(2024, 5, 1, 14, 30, 2, 120000, tzinfo=UTC)
    assert events[0].end_ts == datetime(2024, 5, 1, 14, 30, 6, 480000, tzinfo=UTC)
    assert events[0].attrs["offset"] == "00:00:02.120"
    assert all(e.kind is EventKind.TRANSCRIPT_CUE for e in events)


def test_zoom_name_prefix_becomes_the_speaker() -> None:
    events = parse(ZOOM).events
    assert events[0].actor == "Priya Raman"
    assert events[0].text.startswith("OK, let's start.")


def test_zoom_prefix_is_not_split_on_urls_times_or_labels() -> None:
    events = parse(ZOOM).events
    by_id = {e.attrs["cue_id"]: e for e in events}
    assert by_id["2"].actor == "Tom Becker"
    assert by_id["2"].text == (
        "The dashboard is at https://grafana.example.com/d/checkout: error rate is 38%."
    )
    assert by_id["3"].actor is None
    assert by_id["3"].text == "Note: this part was recorded late."
    assert by_id["4"].text == "We rolled back the payment-gateway deploy at 10:30: it didn't help."


def test_lower_case_prefix_counts_when_it_recurs() -> None:
    events = parse(ZOOM).events
    assert [e.actor for e in events if e.attrs["cue_id"] in {"5", "6"}] == ["tom becker"] * 2


def test_cue_without_speaker_is_kept_with_no_actor() -> None:
    last = parse(ZOOM).events[-1]
    assert (last.actor, last.text) == (None, "(inaudible)")


def test_numeric_cue_ids_are_not_text() -> None:
    events = parse(ZOOM).events
    assert [e.attrs["cue_id"] for e in events] == ["1", "2", "3", "4", "5", "6", "7"]
    assert not any(e.text.strip().isdigit() for e in events)


def test_teams_bom_crlf_guid_ids_and_voice_tags() -> None:
    events = parse(VTT / "teams_meeting.vtt").events
    # Marcus's fragments 13-0 and 13-1 are one utterance: one event (see the merge tests).
    assert [e.actor for e in events] == ["Ana Silva", "Marcus O'Neil"]
    assert events[0].attrs["cue_id"] == "b6d2f8a4-0c5e-4d3a-9b0e-1f2a3c4d5e6f/12-0"
    assert events[0].text == "Database failover finished at 13:02 UTC."


def test_teams_cues_of_one_speaker_within_two_seconds_are_one_event() -> None:
    events = parse(TEAMS_FRAGMENTS).events
    assert [(e.actor, e.attrs["cue_id"].rsplit("/", 1)[1]) for e in events] == [
        ("Ana Silva", "18-0"),
        ("Marcus O'Neil", "20-0"),
        ("Ana Silva", "21-0"),
        ("Ana Silva", "22-0"),  # nine seconds after the cue before: a new event
        ("Marcus O'Neil", "23-0"),
        ("Marcus O'Neil", "23-3"),  # over a minute after 23-0 started: a new event
    ]
    first = events[0]
    assert first.text == (
        "We lost the payments-db primary at 9:01, failover to the replica took about a minute."
        " Card payments failed for all of that minute."
    )
    assert (first.ts, first.end_ts) == (
        datetime(2024, 6, 3, 9, 15, 5, 120000, tzinfo=UTC),
        datetime(2024, 6, 3, 9, 15, 14, 350000, tzinfo=UTC),
    )
    assert (first.attrs["offset"], first.attrs["end_offset"]) == ("00:00:05.120", "00:00:14.350")
    assert first.attrs["cues"] == "3"


def test_merged_teams_cues_are_counted_as_skipped_with_the_line_they_joined() -> None:
    report = parse(TEAMS_FRAGMENTS).report
    assert (report.records_read, report.events_produced) == (10, 6)
    assert [(s.location, s.reason) for s in report.skipped] == [
        ("line 10", "merged into cue 1 (line 6): same speaker, consecutive"),
        ("line 14", "merged into cue 1 (line 6): same speaker, consecutive"),
        ("line 34", "merged into cue 7 (line 30): same speaker, consecutive"),
        ("line 38", "merged into cue 7 (line 30): same speaker, consecutive"),
    ]


def test_consecutive_zoom_cues_of_one_speaker_stay_separate_events() -> None:
    events = parse(ZOOM).events
    assert [e.text for e in events if e.actor == "tom becker"] == [
        "Looking at the connection pool now.",
        "Pool is exhausted, max 50 connections.",
    ]


_TEAMS_CUES = st.lists(
    st.tuples(
        st.sampled_from(["Ana Silva", "Marcus O'Neil"]),
        st.integers(0, 4000),  # pause before the cue, ms
        st.integers(200, 30_000),  # cue length, ms
    ),
    min_size=1,
    max_size=12,
)


@given(_TEAMS_CUES)
def test_merging_teams_cues_loses_no_word_and_counts_every_cue(
    cues: list[tuple[str, int, int]],
) -> None:
    blocks, words, clock = ["WEBVTT", "", "NOTE meeting_start: 2024-06-03T09:15:00Z", ""], [], 0
    for n, (speaker, pause, length) in enumerate(cues):
        start, clock = clock + pause, clock + pause + length
        words.append(f"w{n}")
        blocks += [
            f"5c1e9a7d-3b2f-4d6a-8e0c-7f9b1a2d3c4e/{n}-0",
            f"{_vtt_time(start)} --> {_vtt_time(clock)}",
            f"<v {speaker}>w{n}</v>",
            "",
        ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "teams.vtt"
        path.write_text("\n".join(blocks))
        result = parse(path)
    assert result.report.records_read == len(cues)
    assert " ".join(e.text for e in result.events).split() == words
    for event in result.events:
        assert event.end_ts is not None and event.ts <= event.end_ts


def _vtt_time(millis: int) -> str:
    seconds, ms = divmod(millis, 1000)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{ms:03d}"


def test_voice_without_closing_tag_and_entities_are_read() -> None:
    events = parse(VTT / "teams_meeting.vtt").events
    assert events[1].text == (
        "Replication lag is back under a second & alerts cleared so I think we are good."
    )


def test_note_meeting_start_with_offset_is_converted_to_utc() -> None:
    events = parse(VTT / "teams_meeting.vtt").events
    assert events[0].ts == datetime(2024, 5, 1, 13, 0, 3, 150000, tzinfo=UTC)


def test_note_and_style_blocks_are_not_cues() -> None:
    result = parse(VTT / "teams_meeting.vtt")
    assert result.report.records_read == 3
    assert not any("color" in e.text or "Microsoft Teams" in e.text for e in result.events)


def test_hourless_timings_and_header_meeting_start() -> None:
    events = parse(VTT / "hourless_meet.vtt", tz=ZoneInfo("Europe/Paris")).events
    assert events[0].ts == datetime(2024, 5, 1, 7, 0, 16, 500000, tzinfo=UTC)
    assert events[2].ts == datetime(2024, 5, 1, 8, 2, 3, tzinfo=UTC)
    assert events[0].text == "Who is on call for payments?"
    assert events[0].actor == "Lee Chen"


def test_naive_meeting_start_without_tz_is_utc_with_a_naive_warning() -> None:
    result = parse(VTT / "hourless_meet.vtt")
    assert result.events[0].ts == datetime(2024, 5, 1, 9, 0, 16, 500000, tzinfo=UTC)
    assert [w for w in result.report.warnings if w.startswith("naive")]


def test_meeting_start_option_wins_over_file_metadata() -> None:
    start = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    events = parse(ZOOM, meeting_start=start).events
    assert events[0].ts == datetime(2024, 1, 2, 3, 4, 7, 120000, tzinfo=UTC)


def test_no_meeting_start_is_an_error_naming_the_options() -> None:
    with pytest.raises(MalformedSourceError) as caught:
        parse(VTT / "no_meeting_start.vtt")
    assert "--meeting-start" in str(caught.value)
    assert caught.value.path.endswith("no_meeting_start.vtt")


def test_broken_timing_line_names_the_file_and_line() -> None:
    with pytest.raises(MalformedSourceError) as caught:
        parse(VTT / "broken_cue.vtt")
    assert caught.value.location == "line 10"
    assert "-->" in caught.value.expected
    assert caught.value.found == "'00:00:05.000 -> 00:00:09.000'"


def test_missing_timing_line_names_the_line() -> None:
    with pytest.raises(MalformedSourceError) as caught:
        parse(VTT / "missing_timing.vtt")
    assert caught.value.location == "line 10"


def test_cue_without_text_is_skipped_and_counted() -> None:
    result = parse(VTT / "empty_cue.vtt")
    assert [e.text for e in result.events] == ["something.", "something else."]
    assert [s.location for s in result.report.skipped] == ["line 10"]


def test_header_only_file_has_no_events() -> None:
    result = parse(VTT / "header_only.vtt")
    assert (result.events, result.report.records_read) == ([], 0)


def test_ids_are_stable_and_ignore_the_folder(tmp_path: Path) -> None:
    copy = tmp_path / ZOOM.name
    copy.write_bytes(ZOOM.read_bytes())
    assert [e.id for e in parse(ZOOM).events] == [e.id for e in parse(copy).events]
    assert len({e.id for e in parse(ZOOM).events}) == 7


def test_events_point_back_to_the_timing_line() -> None:
    first = parse(ZOOM).events[0]
    assert (first.ref.line, first.ref.record) == (4, "cue 1")


def test_sniff_accepts_bom_and_rejects_lookalikes() -> None:
    head = (VTT / "teams_meeting.vtt").read_bytes()
    assert FORMAT.sniff(Sniff(path=Path("x"), head=head))
    assert not FORMAT.sniff(Sniff(path=Path("x"), head=b"WEBVTTX\n"))
    assert not FORMAT.sniff(Sniff(path=Path("x"), head=b"1\n00:00:01,000 --> 00:00:02,000\n"))
    assert not FORMAT.sniff(Sniff(path=Path("x"), head=None))


def test_load_incident_detects_vtt_and_applies_the_meeting_start() -> None:
    start = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    incident = load_incident(VTT / "teams_meeting.vtt", meeting_start=start)
    assert incident.report.files[0].format == "webvtt"
    assert incident.events[0].ts == datetime(2024, 5, 1, 9, 0, 3, 150000, tzinfo=UTC)


def test_load_incident_stops_at_a_broken_cue_with_its_line() -> None:
    with pytest.raises(MalformedSourceError, match=r"broken_cue\.vtt:line 10: expected"):
        load_incident(VTT / "broken_cue.vtt")


def test_youtube_rolling_captions_keep_only_new_text() -> None:
    result = parse(VTT / "youtube_auto_captions.vtt")
    assert [e.text for e in result.events] == [
        "welcome to the incident review",
        "the database failed over",
    ]
    assert [(s.location, s.reason) for s in result.report.skipped] == [
        ("line 11", "cue has no new text"),
        ("line 19", "cue has no new text"),
    ]


def test_repeated_lines_are_kept_outside_youtube_captions(tmp_path: Path) -> None:
    path = tmp_path / "GMT20240501-143000.vtt"
    cue = "00:00:0{0}.000 --> 00:00:0{0}.500\n<v Ana>Yes.\n\n"
    path.write_text("WEBVTT\n\n" + cue.format(1) + cue.format(2))
    assert [e.text for e in parse(path).events] == ["Yes.", "Yes."]
