"""Prometheus Alertmanager webhook payloads (version "4") to alert events.

One payload is one alert *group*: its ``alerts[]`` may mix firing and resolved
alerts, and Alertmanager re-sends the whole group every ``repeat_interval``. A record
is one alert inside a payload. Firing alerts become ``alert_triggered`` at
``startsAt``; resolved alerts with a real ``endsAt`` become ``alert_resolved`` at
``endsAt``. ``endsAt`` = ``0001-01-01T00:00:00Z`` (the Go zero time) means "not set".
Repeats of the same alert (fingerprint + startsAt + status) are counted as skipped.

Grafana unified alerting sends the same shape; ``grafana.py`` reuses ``read_alert_groups``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pir_ai.events import Event, EventKind, SourceRef, collector_paused, make_event_id
from pir_ai.ingest._alert_payloads import (
    AlertFileBuilder,
    Payload,
    has_keys,
    iter_payloads,
    json_head,
    mapping_of,
    record_location,
    short,
    string_map,
    text_of,
)
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._timeparse import TimestampError, is_unset

_FNV_OFFSET = 14695981039346656037
_FNV_PRIME = 1099511628211
_MASK = (1 << 64) - 1
_SEPARATOR = 0xFF

ExtraDetails = Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, str]]
"""(payload, alert) -> extra attrs for formats that extend the Alertmanager shape."""


def alertmanager_fingerprint(labels: Mapping[str, str]) -> str:
    """The fingerprint Alertmanager itself computes for a label set.

    FNV-1a 64 over the labels sorted by name, each name and value followed by a 0xFF
    byte (prometheus/common ``model.LabelSet.Fingerprint``), as 16 hex digits.
    """
    digest = _FNV_OFFSET
    for name in sorted(labels):
        for chunk in (name.encode("utf-8"), labels[name].encode("utf-8")):
            for byte in (*chunk, _SEPARATOR):
                digest = ((digest ^ byte) * _FNV_PRIME) & _MASK
    return f"{digest:016x}"


def _service(labels: Mapping[str, str]) -> str:
    return labels.get("service") or labels.get("app") or labels.get("job") or ""


def _alert_text(status: str, name: str, labels: Mapping[str, str], notes: Mapping[str, str]) -> str:
    parts = [f"[{status.upper()}] {name}"]
    summary = notes.get("summary") or notes.get("message") or notes.get("title") or ""
    description = notes.get("description", "")
    if summary:
        parts[0] += f": {summary}"
        if description and description != summary and summary[-1] not in ".!?":
            parts[0] += "."
    if description and description != summary:
        parts.append(description)
    keyed = [f"{key}={labels[key]}" for key in ("service", "severity") if labels.get(key)]
    if keyed:
        parts.append(f"({', '.join(keyed)})")
    return " ".join(parts)


class AlertGroupReader:
    """Reads Alertmanager-shaped alert groups from one file, remembering the alerts seen.

    ``extra_details`` adds format-specific attrs (Grafana: ``org_id``, ``values``); a
    ``values`` attr is also appended to the event text, since it often holds the figure.
    """

    def __init__(
        self, builder: AlertFileBuilder, actor: str, extra_details: ExtraDetails | None
    ) -> None:
        self.builder = builder
        self.actor = actor
        self.extra_details = extra_details
        self.seen: set[tuple[str, str, str]] = set()

    def read_payload(self, payload: Payload) -> None:
        """Count and read every alert of one payload (or skip the payload as one record)."""
        value = payload.value
        if payload.error is not None:
            self.builder.read()
            self.builder.skip(payload.location, payload.error)
            return
        group = mapping_of(value)
        if "alerts" in group and isinstance(group["alerts"], list):
            alerts = group["alerts"]
            if not alerts:
                self.builder.warn(f"{payload.location}: payload has an empty alerts[] list")
            truncated = group.get("truncatedAlerts")
            if isinstance(truncated, int) and not isinstance(truncated, bool) and truncated > 0:
                self.builder.warn(
                    f"{payload.location}: Alertmanager left out {truncated} alert(s) of this group"
                    " (max_alerts); they are not in the file"
                )
            for index, alert in enumerate(alerts):
                self.builder.read()
                self.read_alert(payload, group, alert, record_location(payload, f"alerts[{index}]"))
        elif "labels" in group and "startsAt" in group:
            # Prometheus posts bare alerts (no group) to Alertmanager's own API.
            self.builder.read()
            self.read_alert(payload, {}, group, payload.location)
        else:
            self.builder.read()
            self.builder.skip(
                payload.location,
                f"expected a webhook payload with alerts[], found {short(value)}",
            )

    def read_alert(
        self, payload: Payload, group: Mapping[str, Any], raw: object, location: str
    ) -> None:
        """Turn one (already counted) alert into an event, or skip it with the reason."""
        if not isinstance(raw, dict):
            self.builder.skip(location, f"expected an alert object, found {short(raw)}")
            return
        labels = string_map(raw.get("labels"))
        name = labels.get("alertname") or text_of(group.get("title")) or "unnamed alert"
        status = text_of(raw.get("status")) or text_of(group.get("status")) or "firing"
        if status not in ("firing", "resolved"):
            reason = f"alert {name}: expected status firing or resolved, found {status!r}"
            self.builder.skip(location, reason)
            return
        try:
            starts = self._time(raw.get("startsAt"))
            ends = self._time(raw.get("endsAt"))
        except TimestampError as err:
            self.builder.skip(location, f"alert {name}: {err}")
            return
        if status == "resolved" and ends is None:
            reason = f"resolved alert {name} has no end time (endsAt unset or the Go zero time)"
            self.builder.skip(location, reason)
            return
        if status == "firing" and starts is None:
            reason = f"firing alert {name} has no startsAt, found {short(raw.get('startsAt'))}"
            self.builder.skip(location, reason)
            return
        fingerprint = text_of(raw.get("fingerprint")) or alertmanager_fingerprint(labels)
        starts_at = starts.isoformat() if starts is not None else ""
        key = (fingerprint, starts_at, status)
        if key in self.seen:
            reason = (
                f"repeat notification of {name} (fingerprint {fingerprint}, startsAt {starts_at})"
            )
            self.builder.skip(location, reason, folded=True)
            return
        self.seen.add(key)
        resolved = status == "resolved"
        attrs = {
            "alertname": name,
            "fingerprint": fingerprint,
            "severity": labels.get("severity", ""),
            "service": _service(labels),
            "status": status,
            "starts_at": starts_at,
            "ends_at": ends.isoformat() if resolved and ends is not None else "",
            "receiver": text_of(group.get("receiver")),
            "generator_url": text_of(raw.get("generatorURL")),
        }
        if self.extra_details is not None:
            attrs.update(self.extra_details(group, raw))
        text = _alert_text(status, name, labels, string_map(raw.get("annotations")))
        if attrs.get("values"):
            text += f" (values: {attrs['values']})"
        ts = ends if resolved else starts
        assert ts is not None  # both None cases were skipped above
        builder = self.builder
        builder.add(
            Event.trusted(
                id=make_event_id(builder.format_name, fingerprint, starts_at, status),
                ts=ts,
                end_ts=ends if resolved else None,
                source=builder.format_name,
                kind=EventKind.ALERT_RESOLVED if resolved else EventKind.ALERT_TRIGGERED,
                actor=self.actor,
                text=text,
                ref=SourceRef.trusted(builder.path_text, location, payload.line),
                channel=attrs["service"] or name,
                is_bot=True,
                attrs={k: v for k, v in attrs.items() if v},
            )
        )

    def _time(self, value: object) -> datetime | None:
        return None if is_unset(value) else self.builder.timestamp(value)


def read_alert_groups(
    path: Path,
    options: IngestOptions,
    *,
    format_name: str,
    actor: str,
    expected: str,
    extra_details: ExtraDetails | None = None,
) -> ParseResult:
    """Read Alertmanager-shaped payloads (one, an array, or JSON Lines) from ``path``.

    Raises:
        MalformedSourceError: a non JSON Lines file is not valid JSON.
    """
    builder = AlertFileBuilder(path, format_name, options.tz)
    reader = AlertGroupReader(builder, actor, extra_details)
    with collector_paused():
        for payload in iter_payloads(path, expected):
            reader.read_payload(payload)
    return builder.result()


class AlertmanagerFormat:
    """Prometheus Alertmanager webhook payloads, alone, in an array, or as JSON Lines."""

    name = "alertmanager"
    kind = "alerts"
    recognised_by = (
        'JSON with "alerts" or "labels" and "startsAt" keys, without Grafana\'s "orgId";'
        " one payload, an array, or JSON Lines"
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for Alertmanager-shaped JSON that is not a Grafana unified payload."""
        text = json_head(sample.head)
        return (
            bool(text)
            and has_keys(text, "startsAt")
            and (has_keys(text, "alerts") or has_keys(text, "labels"))
            and not has_keys(text, "orgId")
        )

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every alert of every payload in ``path``."""
        return read_alert_groups(
            path,
            options,
            format_name=self.name,
            actor="Alertmanager",
            expected="Alertmanager webhook JSON (an object with alerts[])",
        )


FORMAT = AlertmanagerFormat()
