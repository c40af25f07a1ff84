"""Grafana alerting webhooks: unified alerting (Grafana 8+) and legacy dashboard alerts.

Unified payloads are Alertmanager-shaped plus ``orgId``, ``title`` and ``state``, and
each alert may carry ``values`` or ``valueString``; they are read by the Alertmanager
reader. Legacy payloads (Grafana 7 and older) carry no time at all: they become events
only when ``IngestOptions.received_at`` says when they arrived; otherwise each is
skipped with the reason, never placed at a guessed time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pir_ai.events import EventKind, make_event_id
from pir_ai.ingest._alert_payloads import (
    AlertFileBuilder,
    Payload,
    has_keys,
    list_of,
    mapping_of,
    string_map,
    text_of,
)
from pir_ai.ingest._alert_reader import JsonAlertFormat, PayloadReader
from pir_ai.ingest._alertmanager import AlertGroupReader
from pir_ai.ingest._base import IngestOptions, ParseResult
from pir_ai.ingest._timeparse import localise

LEGACY_NO_TIME = "legacy Grafana alert has no timestamp"
_LEGACY_KINDS = {
    "alerting": EventKind.ALERT_TRIGGERED,
    "no_data": EventKind.ALERT_TRIGGERED,
    "ok": EventKind.ALERT_RESOLVED,
    "pending": EventKind.SYSTEM,
    "paused": EventKind.SYSTEM,
}


def _format_values(values: object) -> str:
    if isinstance(values, dict):
        return ", ".join(f"{k}={text_of(v)}" for k, v in sorted(values.items()) if text_of(v))
    return text_of(values)


def unified_details(group: Mapping[str, Any], alert: Mapping[str, Any]) -> dict[str, str]:
    """Grafana's additions to the Alertmanager alert: org, values and links."""
    return {
        "org_id": text_of(alert.get("orgId")) or text_of(group.get("orgId")),
        "values": _format_values(alert.get("values")) or text_of(alert.get("valueString")),
        "dashboard_url": text_of(alert.get("dashboardURL")),
        "panel_url": text_of(alert.get("panelURL")),
        "silence_url": text_of(alert.get("silenceURL")),
    }


def is_legacy(payload: Mapping[str, Any]) -> bool:
    """True for a Grafana <= 7 dashboard alert (``ruleId``/``evalMatches``, no ``alerts``)."""
    return "alerts" not in payload and ("evalMatches" in payload or "ruleId" in payload)


class _Reader(PayloadReader):
    def __init__(self, builder: AlertFileBuilder, options: IngestOptions) -> None:
        super().__init__(builder, options)
        self.unified = AlertGroupReader(builder, "Grafana", unified_details)

    def read_payload(self, payload: Payload) -> None:
        body = mapping_of(payload.value)
        if is_legacy(body):
            self.builder.read()
            self._legacy(payload, body)
        else:
            self.unified.read_payload(payload)

    def result(self) -> ParseResult:
        if any(s.reason.startswith(LEGACY_NO_TIME) for s in self.builder.skipped):
            self.builder.warn("legacy Grafana alerts carry no time; pass received_at to place them")
        return super().result()

    def _legacy(self, payload: Payload, body: Mapping[str, Any]) -> None:
        builder, options = self.builder, self.options
        name = text_of(body.get("ruleName")) or text_of(body.get("title")) or "unnamed rule"
        state = text_of(body.get("state")).lower()
        if options.received_at is None:
            builder.skip(payload.location, f"{LEGACY_NO_TIME} (rule {name}, state {state or '?'})")
            return
        kind = _LEGACY_KINDS.get(state)
        if kind is None:
            builder.skip(
                payload.location,
                f"rule {name}: expected state alerting|ok|no_data|pending|paused, found {state!r}",
            )
            return
        received, _ = localise(options.received_at, options.tz)
        matches = [
            f"{text_of(m.get('metric')) or 'value'}={text_of(m.get('value'))}"
            for m in list_of(body.get("evalMatches"))
            if isinstance(m, dict)
        ]
        text = text_of(body.get("title")) or f"[{state}] {name}"
        if text_of(body.get("message")):
            text += f": {text_of(body.get('message'))}"
        if matches:
            text += f" (values: {', '.join(matches)})"
        tags = string_map(body.get("tags"))
        attrs = {
            "alertname": name,
            "rule_id": text_of(body.get("ruleId")),
            "state": state,
            "status": "resolved" if kind is EventKind.ALERT_RESOLVED else "firing",
            "severity": tags.get("severity", ""),
            "service": tags.get("service", ""),
            "rule_url": text_of(body.get("ruleUrl")),
            "time_source": "received_at option",
        }
        self.add(
            payload,
            payload.location,
            event_id=make_event_id(
                builder.format_name, "legacy", attrs["rule_id"] or name, state, payload.location
            ),
            ts=received,
            kind=kind,
            actor="Grafana",
            text=text,
            channel=attrs["service"] or name,
            attrs=attrs,
        )


class GrafanaFormat(JsonAlertFormat):
    """Grafana alerting webhooks, unified and legacy, alone, in an array or as JSON Lines.

    Legacy payloads need ``IngestOptions.received_at``.
    """

    name = "grafana"
    recognised_by = (
        'JSON with "orgId" plus Alertmanager-style "alerts"/"startsAt" (unified), or'
        ' "ruleId"/"evalMatches" (legacy)'
    )
    holds = "Grafana webhook JSON"
    reader = _Reader

    def sniff_json(self, text: str) -> bool:
        """True for unified (Alertmanager shape + orgId) or legacy dashboard alert JSON."""
        unified = has_keys(text, "orgId", "alerts", "startsAt")
        legacy = has_keys(text, "ruleId", "state") and (
            has_keys(text, "evalMatches") or has_keys(text, "ruleName")
        )
        return unified or legacy


FORMAT = GrafanaFormat()
