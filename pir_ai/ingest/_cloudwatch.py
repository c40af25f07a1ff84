"""AWS CloudWatch alarm state changes, delivered through SNS or EventBridge.

SNS wraps the alarm as a JSON *string* in ``Sns.Message`` (decoded a second time
here). Files may hold the Lambda envelope ``{"Records": [{"Sns": {...}}]}``, the bare
``Sns`` object an HTTP subscription receives, an array or JSON Lines of either, or
EventBridge "CloudWatch Alarm State Change" events. A record is one notification.
``ALARM`` becomes ``alert_triggered``, ``OK`` ``alert_resolved`` and
``INSUFFICIENT_DATA`` ``alert_annotated`` (the metric stopped reporting).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from pir_ai.events import EventKind, make_event_id
from pir_ai.ingest._alert_payloads import (
    Payload,
    has_keys,
    list_of,
    mapping_of,
    record_location,
    short,
    text_of,
)
from pir_ai.ingest._alert_reader import JsonAlertFormat, PayloadReader

_KINDS = {
    "ALARM": (EventKind.ALERT_TRIGGERED, "firing"),
    "OK": (EventKind.ALERT_RESOLVED, "resolved"),
    "INSUFFICIENT_DATA": (EventKind.ALERT_ANNOTATED, "insufficient_data"),
}
_ALARM_IN_STRING = re.compile(r'AlarmName\\?"\s*:')


def _notifications(payload: Payload) -> Iterator[tuple[str, object, Mapping[str, Any]]]:
    """(location, notification, SNS envelope) for each notification in one payload."""
    body = mapping_of(payload.value)
    if isinstance(body.get("Records"), list):
        for index, record in enumerate(body["Records"]):
            sns = mapping_of(mapping_of(record).get("Sns"))
            yield record_location(payload, f"Records[{index}]"), sns or record, sns
    elif "detail-type" in body or "Message" in body or "Sns" in body:
        sns = mapping_of(body.get("Sns")) or body
        yield payload.location, sns, sns if "Message" in sns else {}
    else:
        yield payload.location, payload.value, {}


def _alarm_fields(notification: Mapping[str, Any]) -> dict[str, Any] | str:
    """The alarm as SNS-message field names, or the reason it is not an alarm."""
    if notification.get("detail-type") == "CloudWatch Alarm State Change":
        detail = mapping_of(notification.get("detail"))
        state = mapping_of(detail.get("state"))
        previous = mapping_of(detail.get("previousState"))
        config = mapping_of(detail.get("configuration"))
        return {
            "AlarmName": detail.get("alarmName"),
            "AlarmDescription": config.get("description"),
            "NewStateValue": state.get("value"),
            "OldStateValue": previous.get("value"),
            "NewStateReason": state.get("reason"),
            "StateChangeTime": state.get("timestamp") or notification.get("time"),
            "Region": notification.get("region"),
            "AWSAccountId": notification.get("account"),
            "AlarmArn": ",".join(text_of(r) for r in list_of(notification.get("resources"))),
            "Trigger": {},
        }
    kind = text_of(notification.get("Type"))
    if kind and kind != "Notification":
        return f"SNS {kind} message, not an alarm notification"
    message = notification.get("Message")
    if isinstance(message, str):
        try:
            message = orjson.loads(message)
        except orjson.JSONDecodeError:
            return f"Sns.Message is not JSON (an email-formatted alarm?): {short(message)}"
    if not isinstance(message, dict) or "AlarmName" not in message:
        return f"expected a CloudWatch alarm (AlarmName, NewStateValue), found {short(message)}"
    return message


def _metric(trigger: Mapping[str, Any]) -> str:
    """``Namespace/MetricName``; metric-math alarms list their expression and inputs."""
    name = text_of(trigger.get("MetricName"))
    if name:
        return "/".join(p for p in (text_of(trigger.get("Namespace")), name) if p)
    parts = []
    for item in map(mapping_of, list_of(trigger.get("Metrics"))):
        metric = mapping_of(mapping_of(item.get("MetricStat")).get("Metric"))
        if text_of(item.get("Expression")):
            label = text_of(item.get("Label")) or text_of(item.get("Id"))
            parts.append(f"{label} = {text_of(item.get('Expression'))}")
        elif metric:
            parts.append(f"{text_of(metric.get('Namespace'))}/{text_of(metric.get('MetricName'))}")
    return "; ".join(parts)


class _Reader(PayloadReader):
    def read_payload(self, payload: Payload) -> None:
        for location, notification, sns in _notifications(payload):
            self.builder.read()
            self._read_one(payload, location, notification, sns)

    def _read_one(
        self, payload: Payload, location: str, notification: object, sns: Mapping[str, Any]
    ) -> None:
        builder = self.builder
        alarm = _alarm_fields(mapping_of(notification))
        if isinstance(alarm, str):
            builder.skip(location, alarm)
            return
        name = text_of(alarm.get("AlarmName")) or "unnamed alarm"
        state = text_of(alarm.get("NewStateValue")).upper()
        if state not in _KINDS:
            found = f"found {state!r}"
            builder.skip(
                location, f"alarm {name}: expected ALARM, OK or INSUFFICIENT_DATA, {found}"
            )
            return
        raw_time = alarm.get("StateChangeTime") or sns.get("Timestamp")
        ts = self.time_or_skip(raw_time, location, f"alarm {name}: StateChangeTime")
        if ts is None:
            return
        kind, status = _KINDS[state]
        when = ts.isoformat()
        trigger = mapping_of(alarm.get("Trigger"))
        dimensions = ", ".join(
            f"{text_of(mapping_of(d).get('name'))}={text_of(mapping_of(d).get('value'))}"
            for d in list_of(trigger.get("Dimensions"))
        )
        reason = text_of(alarm.get("NewStateReason"))
        description = text_of(alarm.get("AlarmDescription"))
        text = f"[{state}] {name}" + (f": {description}" if description else "")
        if reason:
            text += f" ({reason})"
        attrs = {
            "alertname": name,
            "status": status,
            "state": state,
            "old_state": text_of(alarm.get("OldStateValue")),
            "region": text_of(alarm.get("Region")),
            "account": text_of(alarm.get("AWSAccountId")),
            "alarm_arn": text_of(alarm.get("AlarmArn")),
            "metric": _metric(trigger),
            "threshold": text_of(trigger.get("Threshold")),
            "dimensions": dimensions,
            "sns_message_id": text_of(sns.get("MessageId")),
        }
        self.add(
            payload,
            location,
            event_id=make_event_id(builder.format_name, attrs["alarm_arn"] or name, state, when),
            ts=ts,
            kind=kind,
            actor="CloudWatch",
            text=text,
            channel=name,
            attrs=attrs,
            repeat=f"repeat delivery of {name} {state} at {when}",
        )


class CloudWatchFormat(JsonAlertFormat):
    """CloudWatch alarms via SNS (Lambda envelope or bare Sns object) or EventBridge."""

    name = "cloudwatch"
    recognised_by = (
        'JSON with an SNS envelope ("EventSource": "aws:sns", "TopicArn") whose Message holds'
        ' "AlarmName", or EventBridge "CloudWatch Alarm State Change" events'
    )
    holds = "CloudWatch alarm JSON (SNS or EventBridge)"
    reader = _Reader

    def sniff_json(self, text: str) -> bool:
        """True for SNS-delivered alarms or EventBridge alarm state changes."""
        if "CloudWatch Alarm State Change" in text and has_keys(text, "detail-type"):
            return True
        sns = has_keys(text, "TopicArn") or '"aws:sns"' in text
        return sns and _ALARM_IN_STRING.search(text) is not None


FORMAT = CloudWatchFormat()
