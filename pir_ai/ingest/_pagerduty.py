"""PagerDuty's vocabulary, shared by the REST, webhook and CSV readers.

Log entry types and their kinds, readable names of references, incident attrs, and
the ids of trigger / acknowledge / resolve moments: those get ids from the incident,
the kind and the second they happened, so the same moment read from an incidents
file, a log-entries file, a webhook archive or a CSV export is recognised as one.

``LogEntryReader`` reads log entries (REST ``log_entries`` and v2 webhook messages).
Notify entries name a person and carry their phone number or email: only the name
and the channel type are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pir_ai.events import Event, EventKind, SourceRef, make_event_id
from pir_ai.ingest._alert_payloads import (
    AlertFileBuilder,
    Payload,
    mapping_of,
    record_location,
    short,
    text_of,
)
from pir_ai.ingest._timeparse import TimestampError

_NUMBER_IN_SUMMARY = re.compile(r"\[#(\d+)\]")

ID_NAMESPACE = "pagerduty"
"""Every PagerDuty format makes ids in one namespace, so one happening has one id."""

LOG_ENTRY_KINDS = {
    "trigger": EventKind.ALERT_TRIGGERED,
    "acknowledge": EventKind.ALERT_ACKNOWLEDGED,
    "resolve": EventKind.ALERT_RESOLVED,
    "escalate": EventKind.ALERT_ESCALATED,
    "exhaust_escalation_path": EventKind.ALERT_ESCALATED,
    "repeat_escalation_path": EventKind.ALERT_ESCALATED,
    "assign": EventKind.ALERT_ESCALATED,
    "delegate": EventKind.ALERT_ESCALATED,
    "notify": EventKind.ALERT_NOTIFIED,
    "annotate": EventKind.ALERT_ANNOTATED,
}
"""Log entry type (without ``_log_entry``) to kind; the other types are ``system``."""

MOMENT_KINDS = (EventKind.ALERT_TRIGGERED, EventKind.ALERT_ACKNOWLEDGED, EventKind.ALERT_RESOLVED)
"""Kinds whose events are identified by incident and second (``moment_event_id``)."""


def name_of(reference: object) -> str:
    """A PagerDuty reference's readable name: ``summary``, else ``name``, else its id."""
    ref = mapping_of(reference)
    return text_of(ref.get("summary")) or text_of(ref.get("name")) or text_of(ref.get("id"))


def moment_event_id(incident_id: str, kind: EventKind, ts_iso: str) -> str:
    """The id of a trigger/acknowledge/resolve moment, whichever PagerDuty file states it.

    Seconds only: the REST API writes whole seconds, webhooks add milliseconds. The
    actor is left out because CSV exports may not name the acknowledger.
    """
    return make_event_id(ID_NAMESPACE, "moment", incident_id, kind.value, ts_iso[:19])


def pd_event_id(kind: EventKind, incident_id: str, ts_iso: str, *record_key: str) -> str:
    """A moment's shared id, else an id from the record's own key."""
    if kind in MOMENT_KINDS and incident_id:
        return moment_event_id(incident_id, kind, ts_iso)
    return make_event_id(ID_NAMESPACE, *record_key)


def incident_attrs(incident: Mapping[str, Any]) -> dict[str, str]:
    """What every event of an incident records about it (``number`` is the v3 webhook name)."""
    number = text_of(incident.get("incident_number")) or text_of(incident.get("number"))
    if not number:  # references only carry it in their summary: "[#1234] title"
        found = _NUMBER_IN_SUMMARY.match(text_of(incident.get("summary")))
        number = found[1] if found else ""
    return {
        "incident_id": text_of(incident.get("id")),
        "incident_number": number,
        "alertname": text_of(incident.get("title")) or text_of(incident.get("summary")),
        "service": name_of(incident.get("service")),
        "urgency": text_of(incident.get("urgency")),
        "priority": name_of(incident.get("priority")),
        "incident_key": text_of(incident.get("incident_key")),
    }


def make_pd_event(
    builder: AlertFileBuilder,
    payload: Payload,
    location: str,
    *,
    event_id: str,
    ts_value: Any,
    kind: EventKind,
    actor: str,
    text: str,
    attrs: Mapping[str, str],
    is_bot: bool = False,
) -> Event:
    """An event of a PagerDuty format, with the attrs that are set."""
    return Event(
        id=event_id,
        ts=ts_value,
        source=builder.format_name,
        kind=kind,
        actor=actor or None,
        text=text,
        ref=SourceRef(path=str(builder.path), record=location, line=payload.line),
        channel=attrs.get("service") or None,
        is_bot=is_bot,
        attrs={k: v for k, v in attrs.items() if v},
    )


def log_entry_text(entry: Mapping[str, Any], kind: EventKind) -> str:
    """Readable text of a log entry; a notify entry keeps only the name and channel type."""
    channel = mapping_of(entry.get("channel"))
    if kind is EventKind.ALERT_NOTIFIED:
        notification = mapping_of(entry.get("notification")) or mapping_of(
            channel.get("notification")
        )
        how = text_of(notification.get("type")) or text_of(channel.get("type")) or "a channel"
        how = how.removesuffix("_notification").replace("_", " ")
        return f"Notified {name_of(entry.get('user')) or 'a responder'} by {how}"
    summary = text_of(entry.get("summary"))
    if kind is EventKind.ALERT_ANNOTATED:
        note = text_of(entry.get("note")) or text_of(channel.get("summary"))
        return f"{summary}: {note}" if note and note not in summary else summary
    detail = text_of(mapping_of(entry.get("event_details")).get("description"))
    if kind is EventKind.ALERT_TRIGGERED and detail and detail not in summary:
        return f"{summary}: {detail}"
    return summary


class LogEntryReader:
    """Turns log entries into events, oldest first, remembering ids already produced."""

    def __init__(self, builder: AlertFileBuilder) -> None:
        self.builder = builder
        self.seen: set[str] = set()

    def read_entries(
        self, payload: Payload, entries: list[Any], field: str, incident: object = None
    ) -> None:
        """Read a list of log entries; ``incident`` fills in entries that omit theirs."""
        order = list(enumerate(entries))
        times = [self.builder.maybe_timestamp(mapping_of(e).get("created_at")) for e in entries]
        known = [t for t in times if t is not None]
        if len(known) > 1 and known[0] > known[-1]:
            order.reverse()  # newest first: read oldest first so ties keep their real order
        for index, entry in order:
            self.builder.read()
            self.read_entry(payload, record_location(payload, f"{field}[{index}]"), entry, incident)

    def read_entry(
        self, payload: Payload, location: str, entry: object, incident: object = None
    ) -> None:
        """One log entry to one event (or a counted skip)."""
        builder = self.builder
        if not isinstance(entry, dict):
            builder.skip(location, f"expected a log entry object, found {short(entry)}")
            return
        entry_type = text_of(entry.get("type")).removesuffix("_reference")
        short_type = entry_type.removesuffix("_log_entry")
        kind = LOG_ENTRY_KINDS.get(short_type, EventKind.SYSTEM)
        try:
            ts = builder.timestamp(entry.get("created_at"))
        except TimestampError as err:
            builder.skip(location, f"log entry {text_of(entry.get('id')) or '?'}: created_at {err}")
            return
        inc = {**mapping_of(incident), **mapping_of(entry.get("incident"))}
        agent = mapping_of(entry.get("agent"))
        attrs = {
            **incident_attrs(inc),
            "log_type": entry_type,
            "log_entry_id": text_of(entry.get("id")),
            "channel_type": text_of(mapping_of(entry.get("channel")).get("type")),
            "agent_type": text_of(agent.get("type")),
        }
        if not attrs["alertname"]:
            attrs["alertname"] = name_of(inc)
        if kind is EventKind.ALERT_NOTIFIED:
            attrs["notified"] = name_of(entry.get("user"))
        key = attrs["log_entry_id"] or f"{attrs['incident_id']}|{ts.isoformat()}|{entry_type}"
        event_id = pd_event_id(kind, attrs["incident_id"], ts.isoformat(), "log_entry", key)
        if event_id in self.seen:
            reason = f"repeat of PagerDuty {short_type} at {ts.isoformat()}"
            builder.skip(location, reason, folded=True)
            return
        self.seen.add(event_id)
        actor = name_of(agent) or name_of(entry.get("user"))
        builder.add(
            make_pd_event(
                builder,
                payload,
                location,
                event_id=event_id,
                ts_value=ts,
                kind=kind,
                actor=actor,
                text=log_entry_text(entry, kind),
                attrs=attrs,
                is_bot=attrs["agent_type"] in ("service_reference", "integration_reference"),
            )
        )
