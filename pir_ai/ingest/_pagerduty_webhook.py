"""PagerDuty webhooks: v3 ``{"event": {...}}`` and the older v2 ``{"messages": [...]}``.

v3 dispatches on ``event_type``: ``data`` is an incident for most types (numbered by
``number``, not ``incident_number``), but for ``incident.annotated`` it is an
``incident_note`` whose incident sits in ``data.incident``. v2 messages embed log
entries, read like the REST ones. One v3 event, or one v2 message, is one record
(each embedded log entry is its own record).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pir_ai.events import EventKind
from pir_ai.ingest._alert_payloads import (
    AlertFileBuilder,
    Payload,
    has_keys,
    iter_payloads,
    json_head,
    list_of,
    mapping_of,
    record_location,
    short,
    text_of,
)
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._pagerduty import (
    LogEntryReader,
    incident_attrs,
    make_pd_event,
    name_of,
    pd_event_id,
)
from pir_ai.ingest._timeparse import TimestampError

V3_KINDS = {
    "incident.triggered": EventKind.ALERT_TRIGGERED,
    "incident.reopened": EventKind.ALERT_TRIGGERED,
    "incident.acknowledged": EventKind.ALERT_ACKNOWLEDGED,
    "incident.resolved": EventKind.ALERT_RESOLVED,
    "incident.escalated": EventKind.ALERT_ESCALATED,
    "incident.reassigned": EventKind.ALERT_ESCALATED,
    "incident.delegated": EventKind.ALERT_ESCALATED,
    "incident.responder.added": EventKind.ALERT_ESCALATED,
    "incident.annotated": EventKind.ALERT_ANNOTATED,
    "incident.responder.replied": EventKind.ALERT_ANNOTATED,
    "incident.status_update_published": EventKind.ALERT_ANNOTATED,
}
"""v3 event types to kinds; the rest (priority, bridge, workflow, service.*) are ``system``."""


def _v3_text(event_type: str, data: Mapping[str, Any], incident: Mapping[str, Any]) -> str:
    title = text_of(incident.get("title")) or name_of(incident)
    number = text_of(incident.get("number")) or text_of(incident.get("incident_number"))
    label = f"[#{number}] {title}" if number else title
    verb = event_type.removeprefix("incident.").replace("_", " ").replace(".", " ")
    if event_type == "incident.annotated":
        return f"Note on {label}: {text_of(data.get('content'))}"
    if event_type == "incident.status_update_published":
        return f"Status update on {label}: {text_of(data.get('message'))}"
    return f"{verb.capitalize()}: {label}"


class PagerDutyWebhookFormat:
    """PagerDuty v3 webhook events and v2 webhook messages."""

    name = "pagerduty-webhook"
    kind = "alerts"
    recognised_by = (
        'JSON with "event" holding "event_type" and "occurred_at" (v3), or "messages" with'
        ' "incident.*" events (v2)'
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for v3 webhook events or v2 webhook messages."""
        text = json_head(sample.head)
        if not text:
            return False
        v3 = has_keys(text, "event", "event_type", "occurred_at")
        v2 = has_keys(text, "messages", "event") and '"incident.' in text
        return v3 or v2

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every webhook event (v3) or message (v2) in ``path``."""
        builder = AlertFileBuilder(path, self.name, options.tz)
        entries = LogEntryReader(builder)
        for payload in iter_payloads(path, "PagerDuty webhook JSON"):
            body = mapping_of(payload.value)
            if payload.error is not None:
                builder.read()
                builder.skip(payload.location, payload.error)
            elif isinstance(body.get("event"), dict):
                builder.read()
                self._v3(builder, entries.seen, payload, body["event"])
            elif isinstance(body.get("messages"), list):
                for index, message in enumerate(body["messages"]):
                    self._v2(builder, entries, payload, f"messages[{index}]", message)
            else:
                builder.read()
                builder.skip(
                    payload.location, f"expected a webhook event or messages[], found {short(body)}"
                )
        return builder.result()

    def _v3(
        self,
        builder: AlertFileBuilder,
        seen: set[str],
        payload: Payload,
        event: Mapping[str, Any],
    ) -> None:
        event_type = text_of(event.get("event_type"))
        data = mapping_of(event.get("data"))
        note = event_type == "incident.annotated" or text_of(data.get("type")) == "incident_note"
        incident = mapping_of(data.get("incident")) if note else data
        kind = V3_KINDS.get(event_type, EventKind.SYSTEM)
        try:
            ts = builder.timestamp(event.get("occurred_at"))
        except TimestampError as err:
            builder.skip(payload.location, f"webhook {event_type or 'event'}: occurred_at {err}")
            return
        attrs = {**incident_attrs(incident), "event_type": event_type}
        if not attrs["alertname"]:
            attrs["alertname"] = name_of(incident)
        agent = mapping_of(event.get("agent"))
        fallback = (
            text_of(event.get("id")) or f"{attrs['incident_id']}|{event_type}|{ts.isoformat()}"
        )
        event_id = pd_event_id(kind, attrs["incident_id"], ts.isoformat(), "webhook", fallback)
        if event_id in seen:
            reason = f"repeat delivery of {event_type} at {ts.isoformat()}"
            builder.skip(payload.location, reason, folded=True)
            return
        seen.add(event_id)
        builder.add(
            make_pd_event(
                builder,
                payload,
                payload.location,
                event_id=event_id,
                ts_value=ts,
                kind=kind,
                actor=name_of(agent) or text_of(mapping_of(event.get("client")).get("name")),
                text=_v3_text(event_type, data, incident),
                attrs={**attrs, "status": text_of(incident.get("status"))},
                is_bot=text_of(agent.get("type")) in ("service_reference", "integration_reference"),
            )
        )

    def _v2(
        self,
        builder: AlertFileBuilder,
        entries: LogEntryReader,
        payload: Payload,
        location: str,
        message: object,
    ) -> None:
        body = mapping_of(message)
        log_entries = list_of(body.get("log_entries"))
        if log_entries:
            entries.read_entries(
                payload, log_entries, f"{location}.log_entries", body.get("incident")
            )
            return
        builder.read()
        builder.skip(
            record_location(payload, location),
            f"v2 message {text_of(body.get('event')) or '?'} has no log_entries to read",
        )


FORMAT = PagerDutyWebhookFormat()
