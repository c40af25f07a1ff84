"""PagerDuty REST v2: log entries (newest first, PII in notify) and incidents."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, by_name, merge_results

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("pagerduty")

FIXTURES = ALL_FIXTURES / "pagerduty"
LOG_ENTRIES = FIXTURES / "log_entries_newest_first.json"
INCIDENTS = FIXTURES / "incidents.json"


def parse(path: Path) -> ParseResult:
    return FORMAT.parse(path, IngestOptions())


def test_newest_first_log_entries_become_oldest_first_events_with_kinds() -> None:
    events = parse(LOG_ENTRIES).events
    assert [e.kind for e in events] == [
        EventKind.ALERT_TRIGGERED,
        EventKind.ALERT_NOTIFIED,
        EventKind.ALERT_ESCALATED,
        EventKind.ALERT_NOTIFIED,
        EventKind.ALERT_ACKNOWLEDGED,
        EventKind.ALERT_ANNOTATED,
        EventKind.ALERT_RESOLVED,
    ]
    assert [e.ts for e in events] == sorted(e.ts for e in events)


def test_same_second_entries_keep_their_real_order() -> None:
    events = parse(LOG_ENTRIES).events
    escalate, notify = events[2], events[3]
    assert escalate.ts == notify.ts
    assert (escalate.kind, notify.kind) == (EventKind.ALERT_ESCALATED, EventKind.ALERT_NOTIFIED)


def test_notify_entries_keep_name_and_channel_but_no_contact_details() -> None:
    notified = [e for e in parse(LOG_ENTRIES).events if e.kind is EventKind.ALERT_NOTIFIED]
    assert [e.text for e in notified] == [
        "Notified Ana Lima by email",
        "Notified Raj Patel by phone",
    ]
    for event in notified:
        blob = event.text + " ".join(event.attrs.values())
        assert "@" not in blob
        assert "555" not in blob


def test_annotation_keeps_the_note_and_local_offset_becomes_utc() -> None:
    note = next(e for e in parse(LOG_ENTRIES).events if e.kind is EventKind.ALERT_ANNOTATED)
    assert note.ts == datetime(2024, 5, 1, 15, 5, tzinfo=UTC)
    assert "Rolling back checkout 2024.05.01-3" in note.text
    assert note.actor == "Ana Lima"


def test_actors_come_from_agent_summaries() -> None:
    events = parse(LOG_ENTRIES).events
    assert events[0].actor == "Datadog"
    assert events[0].is_bot
    assert events[0].text == "Triggered through the API: Checkout 5xx rate above 5% (7.2% over 5m)"
    assert events[4].actor == "Ana Lima"
    assert events[4].attrs["incident_id"] == "PT4KHLK"


def test_incidents_give_trigger_acknowledgement_and_resolution() -> None:
    result = parse(INCIDENTS)
    assert [(e.kind, e.attrs["incident_number"]) for e in result.events] == [
        (EventKind.ALERT_TRIGGERED, "1234"),
        (EventKind.ALERT_ACKNOWLEDGED, "1234"),
        (EventKind.ALERT_RESOLVED, "1234"),
        (EventKind.ALERT_TRIGGERED, "1235"),
        (EventKind.ALERT_ACKNOWLEDGED, "1235"),
    ]
    assert result.events[2].actor == "Ana Lima"
    assert result.report.records_read == 5


def test_incident_moments_and_log_entries_from_two_files_are_one_event_each() -> None:
    events, report = merge_results([parse(INCIDENTS), parse(LOG_ENTRIES)])
    moments = [e for e in events if e.attrs.get("incident_id") == "PT4KHLK"]
    kinds = [e.kind for e in moments]
    assert kinds.count(EventKind.ALERT_TRIGGERED) == 1
    assert kinds.count(EventKind.ALERT_ACKNOWLEDGED) == 1
    assert kinds.count(EventKind.ALERT_RESOLVED) == 1
    assert report.skipped_count == 3


def test_incidents_with_log_entries_in_the_same_file_defer_to_them(tmp_path: Path) -> None:
    import orjson

    combined = tmp_path / "both.json"
    body = orjson.loads(INCIDENTS.read_bytes()) | orjson.loads(LOG_ENTRIES.read_bytes())
    combined.write_bytes(orjson.dumps(body))
    result = parse(combined)
    deferred = [s for s in result.report.skipped if "told by its log entries" in s.reason]
    assert len(deferred) == 3
    assert len(result.events) == 7 + 2


def test_incident_number_is_read_from_a_reference_summary() -> None:
    events = parse(LOG_ENTRIES).events
    assert {e.attrs["incident_number"] for e in events} == {"1234"}
