"""Slack Web API JSON: history (newest first), replies, slackdump, lone day files, name lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind, make_event_id
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name, load_incident

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("slack-api")

API = ALL_FIXTURES / "slack_api"
HISTORY = API / "C01INCCHK.history.json"
REPLIES = API / "C01INCCHK.replies.1714607110.001000.json"
SLACKDUMP = API / "slackdump" / "CHY5HUESG.json"
DAY_FILE = API / "day-file.json"
WORKSPACE = ALL_FIXTURES / "slack_export" / "workspace"


def parse(path: Path) -> ParseResult:
    return FORMAT.parse(path, IngestOptions())


def by_ts(result: ParseResult) -> dict[str, Event]:
    return {e.attrs["ts"]: e for e in result.events}


def test_history_newest_first_comes_out_oldest_first() -> None:
    result = parse(HISTORY)
    assert [e.attrs["ts"] for e in result.events] == [
        "1714606925.000200",
        "1714607110.001000",
        "1714609800.003000",
        "1714609925.000500",
    ]


def test_channel_id_comes_from_the_file_name_and_ids_match_the_export() -> None:
    event = by_ts(parse(HISTORY))["1714607110.001000"]
    assert event.attrs["channel_id"] == "C01INCCHK"
    assert event.id == make_event_id("slack", "C01INCCHK", "1714607110.001000")


def test_users_list_beside_the_dump_names_actors_and_mentions() -> None:
    event = by_ts(parse(HISTORY))["1714607110.001000"]
    assert event.actor == "priya"
    assert event.text == "I'm on it, paging @Marco Diaz"
    assert event.attrs["email"] == "priya@acme.example"


def test_replies_point_at_the_parent_which_starts_the_page() -> None:
    events = by_ts(parse(REPLIES))
    parent = events["1714607110.001000"]
    assert parent.thread is None
    assert events["1714607400.002000"].thread == parent.id
    assert events["1714609800.003000"].thread == parent.id


def test_history_and_replies_together_count_the_broadcast_and_parent_once() -> None:
    incident = load_incident([HISTORY, REPLIES])
    ids = [e.id for e in incident.events]
    assert len(ids) == len(set(ids)) == 5
    report = incident.report
    assert report.records_read == report.events_produced + report.skipped_count == 7
    assert report.skipped_count == 2


def test_api_dump_and_export_of_the_same_channel_are_one_event_per_message() -> None:
    incident = load_incident([WORKSPACE, HISTORY])
    broadcast = [e for e in incident.events if e.attrs.get("ts") == "1714609800.003000"]
    assert len(broadcast) == 1


def test_alert_bot_messages_in_api_json_become_alert_events() -> None:
    events = by_ts(parse(HISTORY))
    firing, resolved = events["1714606925.000200"], events["1714609925.000500"]
    assert (firing.kind, resolved.kind) == (EventKind.ALERT_TRIGGERED, EventKind.ALERT_RESOLVED)
    assert firing.attrs["alertname"] == resolved.attrs["alertname"] == "HighErrorRate"
    assert firing.is_bot


def test_slackdump_thread_replies_are_read_and_threaded() -> None:
    result = parse(SLACKDUMP)
    events = by_ts(result)
    parent, reply = events["1714606990.000100"], events["1714607020.000200"]
    assert parent.channel == "ops-alerts"
    assert reply.thread == parent.id
    assert reply.ref.record == "messages[0].slackdump_thread_replies[0]"


def test_blocks_fill_an_empty_text_with_links_and_snapshot_names() -> None:
    reply = by_ts(parse(SLACKDUMP))["1714607020.000200"]
    assert reply.actor == "Priya Raman"
    assert reply.text == "yes, see status page (https://status.acme.example/incidents/42) @dana"


def test_opsgenie_bot_profile_message_is_an_alert() -> None:
    event = by_ts(parse(SLACKDUMP))["1714607005.000300"]
    assert event.kind is EventKind.ALERT_TRIGGERED
    assert event.actor == "Opsgenie"
    assert event.attrs["incident_number"] == "42"


def test_message_without_user_or_bot_has_no_actor_but_is_kept() -> None:
    event = by_ts(parse(SLACKDUMP))["1714607009.000400"]
    assert event.actor is None
    assert event.text == "image only"


def test_lone_day_file_skips_a_message_without_ts_and_says_where() -> None:
    result = parse(DAY_FILE)
    assert [s.location for s in result.report.skipped] == ["[1]"]
    assert result.events[0].text == "Seeing 5xx on checkout && cart"
    assert any("no channel id" in w for w in result.report.warnings)


def test_users_list_alone_is_zero_records_not_an_unknown_file() -> None:
    result = parse(API / "users.json")
    assert result.events == []
    assert result.report.records_read == 0


def test_error_response_is_a_source_error_naming_the_slack_error(tmp_path: Path) -> None:
    path = tmp_path / "C0123456.json"
    path.write_text('{"ok": false, "error": "channel_not_found"}', encoding="utf-8")
    with pytest.raises(MalformedSourceError, match="channel_not_found"):
        parse(path)


def test_truncated_single_file_is_an_error_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "C0123456.json"
    path.write_bytes(HISTORY.read_bytes()[:300])
    with pytest.raises(MalformedSourceError) as caught:
        parse(path)
    assert caught.value.location is not None and caught.value.location.startswith("line")


def test_other_json_is_not_claimed() -> None:
    teams = b'{"value": [{"id": "1616964509832", "messageType": "message"}]}'
    assert not FORMAT.sniff(Sniff(Path("x.json"), teams))
    assert not FORMAT.sniff(Sniff(Path("x.json"), b'[{"labels": {"alertname": "X"}}]'))
