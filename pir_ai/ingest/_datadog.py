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
from pathlib import Path
from typing import Any

from pir_ai.events import Event, EventKind, SourceRef, make_event_id
from pir_ai.ingest._alert_payloads import (
    AlertFileBuilder,
    Payload,
    has_keys,
    iter_payloads,
    json_head,
    mapping_of,
    record_location,
    short,
    text_of,
)
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._timeparse import TimestampError

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


class DatadogFormat:
    """Datadog monitor webhooks (default or custom templates) and Events API v1 JSON."""

    name = "datadog"
    kind = "alerts"
    recognised_by = (
        'JSON with "event_type" plus "last_updated" or "alert_transition" (webhook), or'
        ' "events" with "date_happened" (Events API v1)'
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for Datadog webhook bodies or Events API answers."""
        text = json_head(sample.head)
        if not text:
            return False
        if has_keys(text, "events", "date_happened"):
            return True
        lowered = text.lower()
        webhook = has_keys(lowered, "event_type") and has_keys(lowered, "last_updated")
        return webhook or has_keys(lowered, "alert_transition")

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every notification or event in ``path``."""
        builder = AlertFileBuilder(path, self.name, options.tz)
        seen: set[str] = set()
        for payload in iter_payloads(path, "Datadog webhook or Events API JSON"):
            body = mapping_of(payload.value)
            if payload.error is not None:
                builder.read()
                builder.skip(payload.location, payload.error)
            elif isinstance(body.get("events"), list):
                for index, item in enumerate(body["events"]):
                    builder.read()
                    location = record_location(payload, f"events[{index}]")
                    self._read_one(builder, payload, location, item, seen)
            else:
                builder.read()
                self._read_one(builder, payload, payload.location, payload.value, seen)
        return builder.result()

    def _read_one(
        self,
        builder: AlertFileBuilder,
        payload: Payload,
        location: str,
        raw: object,
        seen: set[str],
    ) -> None:
        if not isinstance(raw, dict):
            builder.skip(location, f"expected a Datadog event object, found {short(raw)}")
            return
        fields = _fields(raw)
        title = _first(fields, "title", "event_title", "alert_title")
        when = _first(fields, "date", "date_happened", "last_updated", "timestamp")
        if not title and not when:
            builder.skip(location, f"expected a Datadog event (title, date), found {short(raw)}")
            return
        try:
            ts = builder.timestamp(when)
        except TimestampError as err:
            builder.skip(location, f"event {title or '?'}: date {err}")
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
        event_id = make_event_id(self.name, event_key or name, transition, ts.isoformat())
        if event_id in seen:
            reason = f"repeat delivery of Datadog event {event_key or name}"
            builder.skip(location, reason, folded=True)
            return
        seen.add(event_id)
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
        builder.add(
            Event(
                id=event_id,
                ts=ts,
                source=self.name,
                kind=kind,
                actor="Datadog",
                text=f"{title}: {body}" if body else title or body,
                ref=SourceRef(path=str(builder.path), record=location, line=payload.line),
                channel=name or None,
                is_bot=True,
                attrs={k: v for k, v in attrs.items() if v},
            )
        )


FORMAT = DatadogFormat()
