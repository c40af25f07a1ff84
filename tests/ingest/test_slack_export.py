"""Slack workspace export: folder and zip, threads across day files, bots, mrkdwn, accounting."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind, make_event_id
from pir_ai.ingest import IngestOptions, ParseResult, Sniff, by_name

from .fuzzing import assert_accounted
from .reader_cases import BROKEN_DAY, WORKSPACE, zip_folder

FORMAT = by_name("slack-export")


def parse(path: Path) -> ParseResult:
    return FORMAT.parse(path, IngestOptions())


def by_ts(result: ParseResult) -> dict[str, Event]:
    return {e.attrs["ts"]: e for e in result.events}


def test_folder_and_zip_are_recognised_but_a_plain_folder_is_not(tmp_path: Path) -> None:
    assert FORMAT.sniff(Sniff(WORKSPACE, None))
    archive = tmp_path / "export.zip"
    zip_folder(WORKSPACE, archive)
    assert FORMAT.sniff(Sniff(archive, None))
    assert not FORMAT.sniff(Sniff(WORKSPACE / "inc-checkout-errors", None))
    (tmp_path / "not.zip").write_bytes(b"PK\x03\x04 truncated")
    assert not FORMAT.sniff(Sniff(tmp_path / "not.zip", None))


def test_every_message_of_every_conversation_becomes_one_event() -> None:
    result = parse(WORKSPACE)
    assert_accounted(result)
    assert result.report.records_read == 16
    assert result.report.skipped == []
    channels = {e.channel for e in result.events}
    assert channels == {"inc-checkout-errors", "sec-private", "DM priya, Marco Diaz"}
    assert [e.ts for e in result.events] == sorted(e.ts for e in result.events)


def test_zip_with_a_top_level_folder_reads_the_same_events(tmp_path: Path) -> None:
    archive = tmp_path / "acme Slack export.zip"
    zip_folder(WORKSPACE, archive, prefix="acme-export/")
    zipped = parse(archive)
    folder = parse(WORKSPACE)
    assert [e.model_dump(exclude={"ref"}) for e in zipped.events] == [
        e.model_dump(exclude={"ref"}) for e in folder.events
    ]


def test_time_comes_from_ts_not_from_the_day_file_name() -> None:
    # Trap 12.1: the export splits days in the workspace zone (Los Angeles), not UTC.
    event = by_ts(parse(WORKSPACE))["1714612200.000600"]
    assert event.ref.record.startswith("inc-checkout-errors/2024-05-01.json")
    assert event.ts == datetime(2024, 5, 2, 1, 10, 0, 600, tzinfo=UTC)


def test_ts_is_kept_as_the_exact_string_and_is_the_id_key() -> None:
    event = by_ts(parse(WORKSPACE))["1714607110.001000"]
    assert event.attrs["ts"] == "1714607110.001000"
    assert event.id == make_event_id("slack", "C01INCCHK", "1714607110.001000")
    assert event.ts.microsecond == 1000


def test_thread_replies_in_another_day_file_point_at_their_parent() -> None:
    events = by_ts(parse(WORKSPACE))
    parent = events["1714607110.001000"]
    next_day_reply = events["1714634100.004000"]
    assert next_day_reply.ref.record.startswith("inc-checkout-errors/2024-05-02.json")
    assert next_day_reply.thread == parent.id
    assert events["1714607400.002000"].thread == parent.id
    assert parent.thread is None


def test_thread_broadcast_is_one_reply_not_a_second_copy(tmp_path: Path) -> None:
    copy = tmp_path / "export"
    shutil.copytree(WORKSPACE, copy)
    day = copy / "inc-checkout-errors" / "2024-05-01.json"
    # The same broadcast saved again (as API dumps do) must be counted once.
    text = day.read_text(encoding="utf-8").rstrip().removesuffix("]")
    broadcast = (
        '{"type":"message","ts":"1714609800.003000","user":"U01PRIYA",'
        '"text":"Error rate back to baseline","thread_ts":"1714607110.001000"}'
    )
    day.write_text(text + "," + broadcast + "]", encoding="utf-8")
    result = parse(copy)
    assert_accounted(result)
    copies = [e for e in result.events if e.attrs["ts"] == "1714609800.003000"]
    assert len(copies) == 1
    assert copies[0].attrs["subtype"] == "thread_broadcast"
    assert any("already read" in s.reason for s in result.report.skipped)


def test_bot_message_with_empty_text_takes_its_content_from_attachments() -> None:
    event = by_ts(parse(WORKSPACE))["1714606950.000300"]
    assert event.is_bot
    assert event.actor == "PagerDuty"
    assert "High error rate on checkout-api" in event.text
    assert "Service: checkout-api" in event.text


@pytest.mark.parametrize(
    ("ts", "kind", "attrs"),
    [
        ("1714606925.000200", EventKind.ALERT_TRIGGERED, {"alertname": "HighErrorRate"}),
        ("1714609925.000500", EventKind.ALERT_RESOLVED, {"alertname": "HighErrorRate"}),
        ("1714606950.000300", EventKind.ALERT_TRIGGERED, {"incident_number": "1234"}),
        (
            "1714607160.000400",
            EventKind.ALERT_ACKNOWLEDGED,
            {"incident_number": "1234", "alert_by": "Priya Raman"},
        ),
        ("1714634400.000800", EventKind.ALERT_RESOLVED, {"incident_number": "1234"}),
    ],
)
def test_alert_bot_posts_become_alert_events(
    ts: str, kind: EventKind, attrs: dict[str, str]
) -> None:
    event = by_ts(parse(WORKSPACE))[ts]
    assert event.kind is kind
    assert event.is_bot
    assert attrs.items() <= event.attrs.items()


def test_human_messages_stay_messages_even_when_they_say_resolved() -> None:
    event = by_ts(parse(WORKSPACE))["1714612300.000700"]
    assert event.kind is EventKind.MESSAGE
    assert not event.is_bot


def test_mentions_channels_groups_and_links_read_as_names() -> None:
    # Trap 12.2: every entity form, then one unescape pass (&amp;lt; stays &lt;).
    text = by_ts(parse(WORKSPACE))["1714607110.001000"].text
    assert "@checkout-oncall" in text
    assert "the 5xx dashboard (https://grafana.acme.example/d/abc?orgId=1&from=now-1h)" in text
    assert "errors &lt; 10%" in text
    assert "cc @Marco Diaz in #general and #deploys" in text
    assert "`if a<b|c`" in text
    assert "<@" not in text and "<#" not in text


def test_label_less_channel_mention_uses_channels_json() -> None:
    event = by_ts(parse(WORKSPACE))["1714607050.000100"]
    assert event.text == "@Marco Diaz can you check the last deploy in #deploys?"


def test_private_channel_from_groups_json_keeps_its_name_and_escapes() -> None:
    event = by_ts(parse(WORKSPACE))["1714607000.000100"]
    assert event.channel == "sec-private"
    assert event.attrs["channel_id"] == "G01SECPRV"
    assert event.text == "Checked logs: <redacted> keys rotated & revoked"


def test_joins_and_leaves_are_system_events() -> None:
    events = by_ts(parse(WORKSPACE))
    assert events["1714606800.000100"].kind is EventKind.SYSTEM
    assert events["1714635000.000900"].kind is EventKind.SYSTEM
    assert events["1714635000.000900"].text == "@Marco Diaz has left the channel"


def test_actor_names_follow_the_users_json_resolution_order() -> None:
    events = by_ts(parse(WORKSPACE))
    assert events["1714607110.001000"].actor == "priya"  # profile.display_name first
    assert events["1714607400.002000"].actor == "Marco Diaz"  # empty display_name skipped
    assert events["1714612250.000650"].actor == "jlee"  # deleted user: handle
    assert events["1714612300.000700"].actor == "Sam Guest"  # not in users.json: snapshot


def test_emails_from_users_json_are_kept_for_matching_people() -> None:
    result = parse(WORKSPACE)
    event = by_ts(result)["1714607110.001000"]
    assert event.attrs["email"] == "priya@acme.example"
    assert event.attrs["real_name"] == "Priya Raman"
    people = result.extra["people"]
    assert {"name": "priya", "real_name": "Priya Raman", "email": "priya@acme.example"} in people


def test_files_are_named_and_their_token_urls_never_kept() -> None:
    result = parse(WORKSPACE)
    event = by_ts(result)["1714612200.000600"]
    assert event.attrs["files"] == "error-rate.png"
    assert "[file: error-rate.png]" in event.text
    assert all("xoxe" not in e.model_dump_json() for e in result.events)


def test_message_without_text_or_known_user_does_not_crash() -> None:
    event = by_ts(parse(WORKSPACE))["1714612250.000650"]
    assert event.text == "[file: heap-dump-summary.txt]"


def test_edits_are_recorded() -> None:
    event = by_ts(parse(WORKSPACE))["1714607400.002000"]
    assert event.attrs["edited_ts"] == "1714607460.000000"


def test_a_broken_day_file_is_one_skipped_record_and_other_days_load() -> None:
    result = parse(BROKEN_DAY)
    assert_accounted(result)
    assert [s.location for s in result.report.skipped] == [
        "incident/2024-05-02.json",
        "incident/2024-05-03.json[1]",
    ]
    assert "line 3" in result.report.skipped[0].reason
    assert "ts" in result.report.skipped[1].reason
    assert len(result.events) == 3


def test_a_truncated_users_json_is_an_error_naming_it(tmp_path: Path) -> None:
    copy = tmp_path / "export"
    shutil.copytree(WORKSPACE, copy)
    users = copy / "users.json"
    users.write_bytes(users.read_bytes()[:200])
    with pytest.raises(MalformedSourceError) as caught:
        parse(copy)
    assert "users.json" in caught.value.path
    assert caught.value.location is not None and caught.value.location.startswith("line")


def test_a_corrupt_zip_is_a_source_error(tmp_path: Path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x05\x06" + b"\x00" * 10)
    with pytest.raises(MalformedSourceError):
        parse(bad)


def test_files_the_export_does_not_contain_are_named_in_a_warning(tmp_path: Path) -> None:
    copy = tmp_path / "incident"
    shutil.copytree(WORKSPACE, copy)
    (copy / "pagerduty-incidents.json").write_text('{"incidents": []}', encoding="utf-8")
    result = parse(copy)
    assert any("pagerduty-incidents.json" in w for w in result.report.warnings)
    assert not any("users.json" in w for w in result.report.warnings)
