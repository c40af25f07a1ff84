"""PagerDuty REST API v2: incidents and log entries.

``{log_entries: [...]}`` (newest first in PagerDuty's examples) gives the full story:
trigger, acknowledge, escalate, assign, notify, annotate, resolve. ``{incidents: [...]}``
(or ``{incident: {...}}``) gives only ``created_at``, ``acknowledgements[]`` and
``resolved_at``; those points are used when the same file has no log entries for the
incident. Each log entry, and each incident time point, is one record.
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
    moment_event_id,
    name_of,
)
from pir_ai.ingest._timeparse import TimestampError


class PagerDutyRestFormat:
    """PagerDuty REST v2 ``incidents`` and ``log_entries`` responses."""

    name = "pagerduty"
    kind = "alerts"
    recognised_by = (
        'JSON with "log_entries" or "incidents" whose items have "type" and "created_at"'
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for REST log-entry or incident lists (or a single incident)."""
        text = json_head(sample.head)
        if not text or not has_keys(text, "created_at"):
            return False
        if has_keys(text, "event_type") or has_keys(text, "messages"):
            return False  # webhooks: pagerduty_webhook reads them
        if has_keys(text, "log_entries"):
            return True
        incident = has_keys(text, "incidents") or has_keys(text, "incident")
        return incident and ('"incident"' in text) and has_keys(text, "type")

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every log entry and, for incidents without log entries, their time points."""
        builder = AlertFileBuilder(path, self.name, options.tz)
        payloads = list(iter_payloads(path, "PagerDuty REST JSON (log_entries or incidents)"))
        logged = {
            text_of(mapping_of(mapping_of(e).get("incident")).get("id"))
            for p in payloads
            for e in list_of(mapping_of(p.value).get("log_entries"))
        }
        reader = LogEntryReader(builder)
        for payload in payloads:
            body = mapping_of(payload.value)
            entries = body.get("log_entries")
            incidents = body.get("incidents")
            single = body.get("incident")
            if payload.error is not None:
                builder.read()
                builder.skip(payload.location, payload.error)
                continue
            if isinstance(entries, list):
                reader.read_entries(payload, entries, "log_entries")
            if isinstance(incidents, list):
                for index, incident in enumerate(incidents):
                    where = record_location(payload, f"incidents[{index}]")
                    read_incident_moments(builder, payload, where, incident, logged)
            elif isinstance(single, dict) and not isinstance(entries, list):
                where = record_location(payload, "incident")
                read_incident_moments(builder, payload, where, single, logged)
            elif not isinstance(entries, list):
                builder.read()
                builder.skip(
                    payload.location,
                    f"expected PagerDuty log_entries[] or incidents[], found {short(body)}",
                )
        return builder.result()


def read_incident_moments(
    builder: AlertFileBuilder,
    payload: Payload,
    location: str,
    incident: object,
    logged: set[str],
) -> None:
    """Count and read an incident's trigger, acknowledgements and resolution as records."""
    if not isinstance(incident, dict):
        builder.read()
        builder.skip(location, f"expected an incident object, found {short(incident)}")
        return
    attrs = incident_attrs(incident)
    points: list[tuple[str, object, EventKind, Mapping[str, Any]]] = [
        (f"{location}.created_at", incident.get("created_at"), EventKind.ALERT_TRIGGERED, {})
    ]
    for index, ack in enumerate(list_of(incident.get("acknowledgements"))):
        ack_map = mapping_of(ack)
        points.append(
            (
                f"{location}.acknowledgements[{index}]",
                ack_map.get("at"),
                EventKind.ALERT_ACKNOWLEDGED,
                mapping_of(ack_map.get("acknowledger")),
            )
        )
    if incident.get("resolved_at") or text_of(incident.get("status")) == "resolved":
        resolver = mapping_of(incident.get("last_status_change_by"))
        points.append(
            (
                f"{location}.resolved_at",
                incident.get("resolved_at"),
                EventKind.ALERT_RESOLVED,
                resolver,
            )
        )
    for where, value, kind, who in points:
        builder.read()
        if attrs["incident_id"] and attrs["incident_id"] in logged:
            reason = f"incident {attrs['incident_id']} is told by its log entries in this file"
            builder.skip(where, reason, folded=True)
            continue
        try:
            ts = builder.timestamp(value)
        except TimestampError as err:
            builder.skip(where, f"incident {attrs['incident_id'] or '?'}: {err}")
            continue
        verb = {
            "alert_triggered": "Triggered",
            "alert_acknowledged": "Acknowledged",
            "alert_resolved": "Resolved",
        }[kind.value]
        title = text_of(incident.get("summary")) or attrs["alertname"]
        builder.add(
            make_pd_event(
                builder,
                payload,
                where,
                event_id=moment_event_id(attrs["incident_id"] or title, kind, ts.isoformat()),
                ts_value=ts,
                kind=kind,
                actor=name_of(who)
                or (attrs["service"] if kind is EventKind.ALERT_TRIGGERED else ""),
                text=f"{verb}: {title}" + (f" by {name_of(who)}" if name_of(who) else ""),
                attrs={**attrs, "status": text_of(incident.get("status"))},
                is_bot=kind is EventKind.ALERT_TRIGGERED,
            )
        )


FORMAT = PagerDutyRestFormat()
