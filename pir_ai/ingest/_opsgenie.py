"""Opsgenie alerts: outgoing webhook bodies and REST v2 responses (alert, logs, notes).

Webhook: ``{action, alert{alertId, message, createdAt (epoch ms), updatedAt (epoch ns),
username, note?}, source, integrationName}``: two time units in one object, told apart
by magnitude. ``Create`` happens at ``createdAt``; every other action at ``updatedAt``.

REST: ``{data, took, requestId}`` where ``data`` is an alert (its creation, and the
acknowledgement and close that ``report.ackTime`` / ``closeTime`` place in
milliseconds after creation), or a list of alerts, log lines (``offset`` in ns) or notes.
Each of those time points is one record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from pir_ai.events import EventKind, make_event_id
from pir_ai.ingest._alert_payloads import (
    Payload,
    has_keys,
    list_of,
    mapping_of,
    record_location,
    scrub_contact_details,
    short,
    text_of,
)
from pir_ai.ingest._alert_reader import JsonAlertFormat, PayloadReader

_ACTION_KINDS = {
    "create": EventKind.ALERT_TRIGGERED,
    "acknowledge": EventKind.ALERT_ACKNOWLEDGED,
    "close": EventKind.ALERT_RESOLVED,
    "addnote": EventKind.ALERT_ANNOTATED,
    "customaction": EventKind.ALERT_ANNOTATED,
    "escalate": EventKind.ALERT_ESCALATED,
    "escalatetonext": EventKind.ALERT_ESCALATED,
    "assignownership": EventKind.ALERT_ESCALATED,
    "takeownership": EventKind.ALERT_ESCALATED,
    "addrecipient": EventKind.ALERT_ESCALATED,
    "addteam": EventKind.ALERT_ESCALATED,
    "addresponder": EventKind.ALERT_ESCALATED,
}
"""Other actions (UnAcknowledge, AddTags, Snooze, Delete, ...) are ``system`` events."""

_LOG_KINDS = (
    (re.compile(r"\bunacknowledged\b", re.I), EventKind.SYSTEM),
    (re.compile(r"\backnowledged\b", re.I), EventKind.ALERT_ACKNOWLEDGED),
    (re.compile(r"\bclosed\b", re.I), EventKind.ALERT_RESOLVED),
    (re.compile(r"\bcreated\b", re.I), EventKind.ALERT_TRIGGERED),
    (re.compile(r"escalat", re.I), EventKind.ALERT_ESCALATED),
    (re.compile(r"\bnotif|\bsent\b.*\bto\b", re.I), EventKind.ALERT_NOTIFIED),
    (re.compile(r"\bnote\b", re.I), EventKind.ALERT_ANNOTATED),
)


def _second(ts: datetime) -> str:
    """An action's time to the second: webhooks say ns, REST reports ms after creation."""
    return ts.isoformat()[:19]


def _log_kind(text: str) -> EventKind:
    for pattern, kind in _LOG_KINDS:
        if pattern.search(text):
            return kind
    return EventKind.SYSTEM


class _Reader(PayloadReader):
    def read_payload(self, payload: Payload) -> None:
        body = mapping_of(payload.value)
        if isinstance(body.get("alert"), dict) and "action" in body:
            self.builder.read()
            self.webhook(payload, body)
        elif isinstance(body.get("data"), list):
            for index, item in enumerate(body["data"]):
                self.rest_item(payload, record_location(payload, f"data[{index}]"), item)
        elif isinstance(body.get("data"), dict):
            self.rest_item(payload, record_location(payload, "data"), body["data"])
        else:
            self.builder.read()
            self.builder.skip(
                payload.location,
                f"expected an Opsgenie webhook (action, alert) or REST data, found {short(body)}",
            )

    def add_point(
        self,
        payload: Payload,
        location: str,
        *,
        key: tuple[str, ...],
        ts: datetime,
        kind: EventKind,
        actor: str,
        text: str,
        attrs: Mapping[str, str],
    ) -> None:
        """Keep one time point of an alert, once: ``key`` (alert, action, second) names it."""
        self.add(
            payload,
            location,
            event_id=make_event_id(self.builder.format_name, *key),
            ts=ts,
            kind=kind,
            actor=actor,
            text=text,
            channel=attrs.get("alertname", ""),
            attrs=attrs,
            is_bot=kind is EventKind.ALERT_TRIGGERED,
            repeat=f"repeat of Opsgenie {' '.join(key[:2])}",
        )

    def webhook(self, payload: Payload, body: Mapping[str, Any]) -> None:
        alert = mapping_of(body.get("alert"))
        action = text_of(body.get("action"))
        kind = _ACTION_KINDS.get(action.lower().replace("_", ""), EventKind.SYSTEM)
        raw_time = alert.get("createdAt") if kind is EventKind.ALERT_TRIGGERED else None
        raw_time = raw_time or alert.get("updatedAt") or alert.get("createdAt")
        ts = self.time_or_skip(raw_time, payload.location, f"Opsgenie {action or 'action'}: time")
        if ts is None:
            return
        message = text_of(alert.get("message"))
        source = text_of(mapping_of(body.get("source")).get("name"))
        note = text_of(alert.get("note"))
        text = f"{action}: {message}" + (f" (note: {note})" if note else "")
        attrs = {
            "alertname": message,
            "alert_id": text_of(alert.get("alertId")),
            "tiny_id": text_of(alert.get("tinyId")),
            "alias": text_of(alert.get("alias")),
            "action": action,
            "priority": text_of(alert.get("priority")),
            "entity": text_of(alert.get("entity")),
            "tags": ",".join(text_of(t) for t in list_of(alert.get("tags"))),
            "integration": text_of(body.get("integrationName")),
            "status": "resolved" if kind is EventKind.ALERT_RESOLVED else "",
        }
        actor = text_of(alert.get("username")) or source
        key = (attrs["alert_id"] or message, action, _second(ts))
        self.add_point(
            payload,
            payload.location,
            key=key,
            ts=ts,
            kind=kind,
            actor=actor,
            text=text,
            attrs=attrs,
        )

    def rest_item(self, payload: Payload, location: str, item: object) -> None:
        if not isinstance(item, dict):
            self.builder.read()
            self.builder.skip(
                location, f"expected an Opsgenie alert, log or note, found {short(item)}"
            )
        elif "log" in item or "note" in item:
            self.builder.read()
            self.rest_line(payload, location, item)
        else:
            self.rest_alert(payload, location, item)

    def rest_line(self, payload: Payload, location: str, item: Mapping[str, Any]) -> None:
        is_note = "note" in item and "log" not in item
        text = text_of(item.get("note") if is_note else item.get("log"))
        # offset is epoch ns as a string: finer than createdAt, and always UTC
        raw_time = item.get("offset") or item.get("createdAt")
        ts = self.time_or_skip(raw_time, location, f"Opsgenie {'note' if is_note else 'log'}: time")
        if ts is None:
            return
        kind = EventKind.ALERT_ANNOTATED if is_note else _log_kind(text)
        if kind is EventKind.ALERT_NOTIFIED:
            text = scrub_contact_details(text)
        attrs = {"log_type": text_of(item.get("type")), "offset": text_of(item.get("offset"))}
        key = ("note" if is_note else "log", attrs["offset"] or ts.isoformat(), text)
        owner = text_of(item.get("owner"))
        self.add_point(
            payload, location, key=key, ts=ts, kind=kind, actor=owner, text=text, attrs=attrs
        )

    def rest_alert(self, payload: Payload, location: str, alert: Mapping[str, Any]) -> None:
        self.builder.read()
        message = text_of(alert.get("message")) or text_of(alert.get("alias"))
        created = self.time_or_skip(
            alert.get("createdAt"), location, f"alert {message or '?'}: createdAt"
        )
        if created is None:
            return
        report = mapping_of(alert.get("report"))
        attrs = {
            "alertname": message,
            "alert_id": text_of(alert.get("id")),
            "tiny_id": text_of(alert.get("tinyId")),
            "alias": text_of(alert.get("alias")),
            "priority": text_of(alert.get("priority")),
            "tags": ",".join(text_of(t) for t in list_of(alert.get("tags"))),
            "count": text_of(alert.get("count")),
        }
        alert_key = attrs["alert_id"] or message
        description = text_of(alert.get("description"))
        text = f"Create: {message}" + (f" ({description})" if description else "")
        source = text_of(alert.get("source"))
        self.add_point(
            payload,
            location,
            key=(alert_key, "Create", _second(created)),
            ts=created,
            kind=EventKind.ALERT_TRIGGERED,
            actor=source,
            text=text,
            attrs=attrs,
        )
        points = (
            ("ackTime", "acknowledgedBy", "Acknowledge", EventKind.ALERT_ACKNOWLEDGED),
            ("closeTime", "closedBy", "Close", EventKind.ALERT_RESOLVED),
        )
        for field, by, action, kind in points:
            if field not in report:
                continue
            self.builder.read()
            where = f"{location}.report.{field}"
            millis = report.get(field)
            if isinstance(millis, bool) or not isinstance(millis, (int, float)) or millis < 0:
                self.builder.skip(
                    where, f"expected milliseconds after creation, found {short(millis)}"
                )
                continue
            try:
                ts = created + timedelta(milliseconds=millis)
            except OverflowError:
                self.builder.skip(where, f"{field} out of range: {short(millis)}")
                continue
            status = {"status": "resolved"} if kind is EventKind.ALERT_RESOLVED else {}
            self.add_point(
                payload,
                where,
                key=(alert_key, action, _second(ts)),
                ts=ts,
                kind=kind,
                actor=text_of(report.get(by)),
                text=f"{action}: {message}",
                attrs={**attrs, **status},
            )


class OpsgenieFormat(JsonAlertFormat):
    """Opsgenie webhook bodies and REST v2 alert, log and note responses."""

    name = "opsgenie"
    recognised_by = (
        'JSON with "action" and an "alert" holding "alertId" (webhook), or "data" with'
        ' "took" and "requestId" (REST v2)'
    )
    holds = "Opsgenie webhook or REST v2 JSON"
    reader = _Reader

    def sniff_json(self, text: str) -> bool:
        """True for Opsgenie webhook bodies or REST v2 responses."""
        webhook = has_keys(text, "action", "alert", "alertId")
        rest = has_keys(text, "data", "took", "requestId")
        return webhook or rest


FORMAT = OpsgenieFormat()
