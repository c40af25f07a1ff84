"""CloudWatch alarms through SNS (JSON inside a string) and EventBridge."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pir_ai.events import EventKind
from pir_ai.ingest import IngestOptions, ParseResult, by_name

from .fuzzing import FIXTURES as ALL_FIXTURES

FORMAT = by_name("cloudwatch")

FIXTURES = ALL_FIXTURES / "cloudwatch"


def parse(name: str) -> ParseResult:
    return FORMAT.parse(FIXTURES / name, IngestOptions())


def test_sns_message_string_is_decoded_and_plus0000_offset_read() -> None:
    event = parse("lambda_sns_alarm.json").events[0]
    assert event.kind is EventKind.ALERT_TRIGGERED
    assert event.ts == datetime(2024, 5, 1, 14, 59, 3, 412000, tzinfo=UTC)
    assert event.attrs["alertname"] == "checkout-alb-5xx"
    assert event.attrs["metric"] == "AWS/ApplicationELB/HTTPCode_Target_5XX_Count"
    assert event.attrs["dimensions"] == "LoadBalancer=app/checkout-prod/50dc6c495c0c9188"
    assert event.attrs["threshold"] == "50.0"
    assert event.text.startswith("[ALARM] checkout-alb-5xx: Checkout ALB 5xx above 50/min (")
    assert event.ref.record == "Records[0]"


def test_same_notification_delivered_twice_is_a_counted_repeat() -> None:
    report = parse("lambda_sns_alarm.json").report
    assert (report.records_read, report.events_produced) == (2, 1)
    assert report.skipped[0].location == "Records[1]"
    assert report.skipped[0].reason.startswith("repeat delivery of checkout-alb-5xx ALARM")


def test_bare_sns_objects_map_states_and_skip_subscription_confirmation() -> None:
    result = parse("http_subscription.jsonl")
    assert [(e.kind, e.attrs["alertname"]) for e in result.events] == [
        (EventKind.ALERT_ANNOTATED, "ledger-queue-depth"),
        (EventKind.ALERT_RESOLVED, "checkout-alb-5xx"),
    ]
    (skip,) = result.report.skipped
    assert skip.location == "line 1"
    assert "SubscriptionConfirmation" in skip.reason


def test_resolution_shares_the_alarm_identity_of_the_trigger() -> None:
    fired = parse("lambda_sns_alarm.json").events[0]
    resolved = parse("http_subscription.jsonl").events[1]
    assert fired.attrs["alarm_arn"] == resolved.attrs["alarm_arn"]
    assert fired.id != resolved.id


def test_metric_math_alarm_describes_its_expression() -> None:
    event = parse("metric_math_alarm.json").events[0]
    assert event.attrs["metric"] == "Error ratio = m2/m1; Checkout/Requests; Checkout/Errors"
    assert event.attrs["region"] == "EU (Ireland)"


def test_eventbridge_state_change_uses_the_state_timestamp() -> None:
    event = parse("eventbridge_state_change.json").events[0]
    assert event.kind is EventKind.ALERT_TRIGGERED
    assert event.ts == datetime(2024, 5, 1, 14, 59, 3, 409000, tzinfo=UTC)
    assert event.attrs["old_state"] == "OK"
    assert "Checkout p99 latency above 2s" in event.text


def test_plain_text_message_is_skipped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "email.json"
    path.write_text(
        '{"Type": "Notification", "TopicArn": "arn:aws:sns:x", "Timestamp": "2024-05-01T00:00:00Z",'
        ' "Message": "You are receiving this email because your Amazon CloudWatch Alarm"}'
    )
    (skip,) = FORMAT.parse(path, IngestOptions()).report.skipped
    assert "not JSON" in skip.reason
