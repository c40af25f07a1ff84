"""Kubernetes events (``kubectl get events -o json``) to change events.

Reads core/v1 Events and events.k8s.io/v1 Events (``regarding``, ``note``,
``deprecated*`` fields), as a ``List``/``EventList``, a single Event, or JSON Lines.

Time: modern clusters often leave ``lastTimestamp`` null and set only ``eventTime``, so
the time of an event is the first of ``lastTimestamp`` → ``eventTime`` →
``series.lastObservedTime`` → ``metadata.creationTimestamp``. One Event object stands
for repeats: when its count is above 1 it becomes a span, ``ts`` = first seen
(``firstTimestamp``, else ``eventTime``) and ``end_ts`` = last seen, with
``attrs["count"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._jsonio import iter_json_lines, looks_like_json_lines, read_json
from pir_ai.ingest._timeparse import TimestampError, is_unset, parse_iso

NAME = "k8s-events"
_EVENT_KIND = re.compile(rb'"kind"\s*:\s*"Event(?:List)?"')
_EVENT_FIELDS = re.compile(rb'"(?:involvedObject|regarding)"\s*:\s*\{')


def _get(item: dict[str, Any], *path: str) -> Any:
    value: Any = item
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _first_set(item: dict[str, Any], *paths: tuple[str, ...]) -> str | None:
    for path in paths:
        value = _get(item, *path)
        if isinstance(value, str) and not is_unset(value):
            return value
    return None


def _count(item: dict[str, Any]) -> int:
    for path in (("count",), ("series", "count"), ("deprecatedCount",)):
        value = _get(item, *path)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return 1


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Times:
    """The times of one Event: its point time and, for repeats, first and last seen."""

    def __init__(self, item: dict[str, Any]) -> None:
        self.point = _first_set(
            item,
            ("lastTimestamp",),
            ("deprecatedLastTimestamp",),
            ("eventTime",),
            ("series", "lastObservedTime"),
            ("metadata", "creationTimestamp"),
        )
        self.first = _first_set(item, ("firstTimestamp",), ("deprecatedFirstTimestamp",))
        self.first = self.first or _first_set(item, ("eventTime",))
        self.last = _first_set(
            item, ("lastTimestamp",), ("deprecatedLastTimestamp",), ("series", "lastObservedTime")
        )


def _parse_time(value: str, options: IngestOptions, report: FileReport) -> datetime:
    ts, was_naive = parse_iso(value, options.tz)
    if was_naive and options.tz is None and not any(w.startswith("naive") for w in report.warnings):
        report.warnings.append("naive event times read as UTC; pass --tz to change")
    return ts


def _event(
    path: Path, item: dict[str, Any], location: str, options: IngestOptions, report: FileReport
) -> Event | str:
    """The event, or the reason the record is skipped."""
    times = _Times(item)
    if times.point is None:
        return "expected lastTimestamp, eventTime, series.lastObservedTime or creationTimestamp"
    count = _count(item)
    try:
        ts = _parse_time(times.point, options, report)
        end_ts = None
        if count > 1 and times.first and times.last:
            first = _parse_time(times.first, options, report)
            last = _parse_time(times.last, options, report)
            if first < last:
                ts, end_ts = first, last
    except TimestampError as err:
        return f"expected RFC 3339 event times: {err}"
    target = item.get("involvedObject") or item.get("regarding") or {}
    target = target if isinstance(target, dict) else {}
    obj = f"{_text(target.get('kind'))}/{_text(target.get('name'))}".strip("/")
    reason = _text(item.get("reason"))
    level = _text(item.get("type"))
    message = _text(item.get("message")) or _text(item.get("note"))
    component = (
        _text(_get(item, "source", "component"))
        or _text(item.get("reportingComponent"))
        or _text(item.get("reportingController"))
        or _text(_get(item, "deprecatedSource", "component"))
    )
    namespace = _text(target.get("namespace")) or _text(_get(item, "metadata", "namespace"))
    attrs = {
        "reason": reason,
        "type": level,
        "object": obj,
        "namespace": namespace,
        "field_path": _text(target.get("fieldPath")),
        "host": _text(_get(item, "source", "host")) or _text(item.get("reportingInstance")),
        "count": str(count),
    }
    uid = _text(_get(item, "metadata", "uid")) or f"{namespace}/{_get(item, 'metadata', 'name')}"
    headline = " ".join(part for part in (level, reason, obj) if part)
    return Event(
        id=make_event_id(NAME, uid, str(count), times.point),
        ts=ts,
        end_ts=end_ts,
        source=NAME,
        kind=EventKind.CHANGE,
        actor=component or None,
        is_bot=True,
        text=f"{headline}: {message}" if message else headline,
        channel=namespace or None,
        ref=SourceRef(path=str(path), record=location),
        attrs={k: v for k, v in attrs.items() if v},
    )


def _items(path: Path, head: bytes) -> Iterator[tuple[str, Any]]:
    if looks_like_json_lines(head):
        for line, value in iter_json_lines(path):
            yield f"line {line}", value
        return
    data = read_json(path, "kubectl get events -o json output")
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        for index, item in enumerate(data["items"]):
            yield f"items[{index}]", item
    elif isinstance(data, dict) and data.get("kind") == "Event":
        yield "event", data
    else:
        raise MalformedSourceError(
            path, "an EventList/List with items, or an Event", found=type(data).__name__
        )


class KubernetesEventsFormat:
    """``kubectl get events -o json`` (core/v1 and events.k8s.io/v1)."""

    name = NAME
    kind = "changes"
    recognised_by = 'JSON with "kind": "Event"/"EventList" and involvedObject or regarding'

    def sniff(self, sample: Sniff) -> bool:
        """True for JSON whose records are Kubernetes Events."""
        head = sample.head
        if head is None or not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            return False
        return bool(_EVENT_KIND.search(head) and _EVENT_FIELDS.search(head))

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """One change event (point or span) per Event object."""
        report = FileReport(path=str(path), format=NAME)
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
        events: list[Event] = []
        for location, item in _items(path, head):
            report.records_read += 1
            if isinstance(item, orjson.JSONDecodeError):
                reason = f"expected a JSON object, found invalid JSON ({item.msg})"
            elif not isinstance(item, dict):
                reason = f"expected an Event object, found {type(item).__name__}"
            else:
                result = _event(path, item, location, options, report)
                if isinstance(result, Event):
                    events.append(result)
                    continue
                reason = result
            report.skipped.append(SkippedRecord(location=location, reason=reason))
        report.events_produced = len(events)
        return ParseResult(events=events, report=report)


FORMAT = KubernetesEventsFormat()
