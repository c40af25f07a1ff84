"""Datadog monitor notifications (webhook integration) and Events API v1 lists.

The webhook body is user-templated: the default template sends ``title``, ``body``,
``date`` and ``last_updated`` (epoch milliseconds as strings), ``event_type``, ``id``
and ``org``; many teams add ``alert_transition``, ``alert_id``, ``tags`` or nest the
fields under ``metadata``. Keys are therefore looked up case-insensitively, one level
deep. The transition comes from ``alert_transition`` or the title prefix
(``[Triggered]``, ``[Recovered]``, ``[Warn]``, ``[No Data]``, ``[Re-Triggered]``,
optionally ``... on {scope}``). ``GET /api/v1/events`` answers ``{events: [...]}``
with ``date_happened`` in epoch seconds; one record per event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pir_ai.events import EventKind, make_event_id
from pir_ai.ingest._alert_payloads import (
    Payload,
    has_keys,
    mapping_of,
    record_location,
    short,
    text_of,
)
from pir_ai.ingest._alert_reader import JsonAlertFormat, PayloadReader

_TITLE_TRANSITION = re.compile(
    r"\[(?P<transition>(?:Re-)?(?:Triggered|Recovered|Warn|No Data)|Renotify)(?: on [^\]]*)?\]\s*",
    re.IGNORECASE,
)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_STATUS_BY_TRANSITION = {
    "triggered": ("firing", EventKind.ALERT_TRIGGERED),
    "re-triggered": ("firing", EventKind.ALERT_TRIGGERED),
    "warn": ("warning", EventKind.ALERT_TRIGGERED),
    "re-warn": ("warning", EventKind.ALERT_TRIGGERED),
    "no data": ("no_data", EventKind.ALERT_TRIGGERED),
    "re-no data": ("no_data", EventKind.ALERT_TRIGGERED),
    "recovered": ("resolved", EventKind.ALERT_RESOLVED),
    "renotify": ("firing", EventKind.ALERT_TRIGGERED),
}
_STATUS_BY_ALERT_TYPE = {
    "error": ("firing", EventKind.ALERT_TRIGGERED),
    "warning": ("warning", EventKind.ALERT_TRIGGERED),
    "success": ("resolved", EventKind.ALERT_RESOLVED),
}


def _fields(obj: Mapping[str, Any]) -> dict[str, Any]:
    """Keys lower-cased, nested objects flattened one level (top-level keys win)."""
    flat: dict[str, Any] = {}
    for value in obj.values():
        if isinstance(value, dict):
            for key, inner in value.items():
                flat.setdefault(str(key).lower(), inner)
    for key, value in obj.items():
        if not isinstance(value, dict):
            flat[str(key).lower()] = value
    return flat


def _first(fields: Mapping[str, Any], *names: str) -> str:
    for name in names:
        text = text_of(fields.get(name))
        if text and not text.startswith("$"):  # "$DATE": a variable the template left unset
            return text
    return ""


def _plain_body(body: str) -> str:
    """Markdown body to one readable paragraph: ``%%%`` markers and snapshot images dropped."""
    text = _IMAGE.sub("", body.replace("%%%", ""))
    lines = [line.strip() for line in text.splitlines() if line.strip() and line.strip() != "-"]
    return " ".join(lines)


def _tags(value: object) -> str:
    if isinstance(value, list):
        return ",".join(text_of(t) for t in value if text_of(t))
    return text_of(value)


class _Reader(PayloadReader):
    def read_payload(self, payload: Payload) -> None:
        body = mapping_of(payload.value)
        if isinstance(body.get("events"), list):
            for index, item in enumerate(body["events"]):
                self.builder.read()
                self._read_one(payload, record_location(payload, f"events[{index}]"), item)
        else:
            self.builder.read()
            self._read_one(payload, payload.location, payload.value)

    def _read_one(self, payload: Payload, location: str, raw: object) -> None:
        builder = self.builder
        if not isinstance(raw, dict):
            builder.skip(location, f"expected a Datadog event object, found {short(raw)}")
            return
        fields = _fields(raw)
        title = _first(fields, "title", "event_title", "alert_title")
        when = _first(fields, "date", "date_happened", "last_updated", "timestamp")
        if not title and not when:
            builder.skip(location, f"expected a Datadog event (title, date), found {short(raw)}")
            return
        ts = self.time_or_skip(when, location, f"event {title or '?'}: date")
        if ts is None:
            return
        match = _TITLE_TRANSITION.search(title)
        transition = _first(fields, "alert_transition") or (match["transition"] if match else "")
        name = _TITLE_TRANSITION.sub("", title, count=1).strip() if match else title
        status, kind = _STATUS_BY_TRANSITION.get(
            transition.lower(),
            _STATUS_BY_ALERT_TYPE.get(
                _first(fields, "alert_type").lower(), ("", EventKind.ALERT_ANNOTATED)
            ),
        )
        event_key = _first(fields, "id", "event_id") or _first(fields, "aggreg_key")
        body = _plain_body(_first(fields, "body", "event_msg", "text", "description", "message"))
        attrs = {
            "alertname": name,
            "status": status,
            "transition": transition,
            "monitor_id": _first(fields, "alert_id", "monitor_id"),
            "event_id": event_key,
            "priority": _first(fields, "alert_priority", "priority"),
            "scope": _first(fields, "alert_scope"),
            "hostname": _first(fields, "hostname", "host_name", "host"),
            "tags": _tags(fields.get("tags")),
            "event_type": _first(fields, "event_type", "source_type_name"),
            "link": _first(fields, "link", "url", "source_url"),
        }
        self.add(
            payload,
            location,
            event_id=make_event_id(
                builder.format_name, event_key or name, transition, ts.isoformat()
            ),
            ts=ts,
            kind=kind,
            actor="Datadog",
            text=f"{title}: {body}" if body else title or body,
            channel=name,
            attrs=attrs,
            repeat=f"repeat delivery of Datadog event {event_key or name}",
        )


class DatadogFormat(JsonAlertFormat):
    """Datadog monitor webhooks (default or custom templates) and Events API v1 JSON."""

    name = "datadog"
    recognised_by = (
        'JSON with "event_type" plus "last_updated" or "alert_transition" (webhook), or'
        ' "events" with "date_happened" (Events API v1)'
    )
    holds = "Datadog webhook or Events API JSON"
    reader = _Reader

    def sniff_json(self, text: str) -> bool:
        """True for Datadog webhook bodies or Events API answers."""
        if has_keys(text, "events", "date_happened"):
            return True
        lowered = text.lower()
        webhook = has_keys(lowered, "event_type") and has_keys(lowered, "last_updated")
        return webhook or has_keys(lowered, "alert_transition")


FORMAT = DatadogFormat()
