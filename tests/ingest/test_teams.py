"""Microsoft Teams Graph chatMessage JSON: HTML bodies, mentions, system events, replies."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind, make_event_id
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("teams-graph")

TEAMS = ALL_FIXTURES / "teams"
CHAT = TEAMS / "chat_messages.json"
CHANNEL = TEAMS / "channel_replies.json"
CHANNEL_ID = "19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2"


def parse(path: Path) -> ParseResult:
    return FORMAT.parse(path, IngestOptions())


def by_id(result: ParseResult) -> dict[str, Event]:
    return {e.attrs["message_id"]: e for e in result.events}


def test_page_ordered_newest_first_comes_out_oldest_first() -> None:
    times = [e.ts for e in parse(CHAT).events]
    assert times == sorted(times)
    assert times[0] == datetime(2024, 5, 1, 23, 42, 10, tzinfo=UTC)


def test_malformed_created_time_from_the_graph_docs_is_skipped_with_a_reason() -> None:
    # Trap 12.7: "2021-03-1706:47:05.123Z" lacks the T.
    result = parse(CHAT)
    assert len(result.report.skipped) == 1
    skipped = result.report.skipped[0]
    assert skipped.location == "value[6]"
    assert "2021-03-1706:47:05.123Z" in skipped.reason
    assert "1615943825123" not in by_id(result)


def test_html_body_keeps_mentions_and_links_and_drops_images() -> None:
    event = by_id(parse(CHAT))["1714607250000"]
    assert event.text == (
        "@Marco Diaz can you roll back? Dashboard: 5xx panel (https://grafana.acme.example/d/abc)"
        "\n\ncc @Sam Guest"
    )
    assert event.actor == "Priya Raman"
    assert event.attrs["edited"] == "2024-05-01T23:49:02.000Z"
    assert event.attrs["importance"] == "high"


def test_entities_are_decoded_once_and_emoji_keep_their_character() -> None:
    event = by_id(parse(CHAT))["1714607280000"]
    assert event.text == "Partner gateway also saw 502s <5 min> & recovered 👍"


def test_null_display_name_is_resolved_from_a_mention_of_the_same_user() -> None:
    event = by_id(parse(CHAT))["1714607280000"]
    assert event.actor == "Sam Guest"
    assert event.attrs["user_id"] == "f2b4c3d1-0000-4a6b-9c1d-2e3f4a5b6c7d"


def test_system_event_with_null_from_is_system_and_described() -> None:
    event = by_id(parse(CHAT))["1714606930000"]
    assert event.kind is EventKind.SYSTEM
    assert event.actor is None
    assert event.text == "members added: Marco Diaz"


def test_bot_card_alert_becomes_an_alert_event() -> None:
    event = by_id(parse(CHAT))["1714607040000"]
    assert event.is_bot
    assert event.actor == "Grafana"
    assert event.kind is EventKind.ALERT_TRIGGERED
    assert event.attrs["alertname"] == "HighLatency"
    assert "p99 latency above 2s" in event.text
    assert "View alert" not in event.text


def test_bot_html_ack_becomes_an_acknowledgement() -> None:
    event = by_id(parse(CHANNEL))["1714607160000"]
    assert event.kind is EventKind.ALERT_ACKNOWLEDGED
    assert event.attrs["incident_number"] == "1234"


def test_file_attachments_are_named() -> None:
    event = by_id(parse(CHAT))["1714607520000"]
    assert event.attrs["files"] == "rollback-2024-05-01.log"
    assert event.text == "Rollback log attached\n[file: rollback-2024-05-01.log]"


def test_deleted_message_shell_is_a_system_event() -> None:
    event = by_id(parse(CHAT))["1714610100000"]
    assert event.kind is EventKind.SYSTEM
    assert event.attrs["deleted"] == "2024-05-02T00:36:10.000Z"


def test_replies_point_at_their_parent_and_ids_are_stable() -> None:
    events = by_id(parse(CHANNEL))
    parent = events["1714606960000"]
    assert parent.id == make_event_id("teams", CHANNEL_ID, "1714606960000")
    assert events["1714607100000"].thread == parent.id
    assert parent.thread is None
    assert parent.attrs["subject"] == "SEV2 checkout 5xx"


def test_bare_array_and_array_of_pages_read_the_same_messages(tmp_path: Path) -> None:
    page = json.loads(CHANNEL.read_text(encoding="utf-8"))
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(page["value"]), encoding="utf-8")
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps([page]), encoding="utf-8")
    expected = [e.id for e in parse(CHANNEL).events]
    assert [e.id for e in parse(bare).events] == expected
    assert [e.id for e in parse(pages).events] == expected


def test_non_message_items_are_skipped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(
        '{"value": [42, {"messageType": "message", "createdDateTime": "2024-05-01T00:00:00Z"}]}',
        encoding="utf-8",
    )
    result = parse(path)
    assert [s.location for s in result.report.skipped] == ["value[0]", "value[1]"]
    assert "'id'" in result.report.skipped[1].reason


def test_json_without_value_or_messages_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"error": {"code": "Forbidden"}}', encoding="utf-8")
    with pytest.raises(MalformedSourceError):
        parse(path)


def test_slack_and_alert_json_are_not_claimed() -> None:
    slack = b'{"ok": true, "messages": [{"type": "message", "ts": "1714607110.001000"}]}'
    assert not FORMAT.sniff(Sniff(Path("x.json"), slack))
    assert not FORMAT.sniff(Sniff(Path("x.json"), b'{"version": "4", "alerts": []}'))
