"""PagerDuty incident CSV exports (web UI "Download CSV", Analytics / Insights).

There is no single canonical column set: columns are found by header through an
alias map (``Created`` / ``created_at`` / ``created_on`` ...). Dates come as ISO or
``MM/DD/YYYY hh:mm:ss AM``; times without a zone use ``IngestOptions.tz`` (or UTC,
with a "naive ..." warning). Each row gives up to three time points, trigger,
first acknowledgement and resolution, and each point is one record. Rows are streamed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

from pir_ai.errors import MalformedSourceError
from pir_ai.events import EventKind
from pir_ai.ingest._alert_payloads import AlertFileBuilder, Payload, head_text
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._pagerduty import make_pd_event, moment_event_id
from pir_ai.ingest._timeparse import TimestampError

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "incidentid"),
    "number": ("incidentnumber", "number", "#", "incidentno"),
    "title": ("title", "description", "incidenttitle", "summary", "incident"),
    "created": ("created", "createdat", "createdon", "triggeredat", "opened", "openedat"),
    "acknowledged": ("acknowledged", "acknowledgedat", "firstacknowledged", "firstackat"),
    "resolved": ("resolved", "resolvedat", "resolvedon", "closed", "closedat"),
    "seconds_to_first_ack": ("secondstofirstack", "timetofirstack", "ttaseconds"),
    "seconds_to_resolve": ("secondstoresolve", "timetoresolve", "ttrseconds"),
    "urgency": ("urgency",),
    "status": ("status", "currentstatus"),
    "service": ("service", "servicename"),
    "escalation_policy": ("escalationpolicy", "escalationpolicyname"),
    "priority": ("priority",),
    "acknowledged_by": ("acknowledgedby", "firstacknowledgedby"),
    "resolved_by": ("resolvedby",),
    "assigned_to": ("assignedto", "assignees"),
}
"""Our field name to normalised header spellings (lower case, letters, digits and '#')."""

_PAGERDUTY_ONLY = {"urgency", "escalation_policy", "seconds_to_first_ack", "seconds_to_resolve"}


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9#]", "", header.strip().lower())


def map_columns(headers: list[str]) -> dict[str, str]:
    """Our field name -> the header that holds it, for the headers present."""
    by_normal = {_normal(h): h for h in headers}
    found: dict[str, str] = {}
    for field, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in by_normal:
                found[field] = by_normal[alias]
                break
    return found


class PagerDutyCsvFormat:
    """PagerDuty incident CSV exports, columns found by header aliases."""

    name = "pagerduty-csv"
    kind = "alerts"
    recognised_by = (
        "CSV whose header has a created-time column and a PagerDuty column"
        " (Urgency, Escalation Policy, seconds_to_first_ack, seconds_to_resolve)"
    )

    def sniff(self, sample: Sniff) -> bool:
        """True when the CSV header names a creation time and a PagerDuty-only column."""
        text = head_text(sample.head)
        if not text or text.lstrip()[:1] in ("{", "["):
            return False
        first_line = text.splitlines()[0] if text.splitlines() else ""
        try:
            headers = next(csv.reader([first_line]))
        except (csv.Error, StopIteration):
            return False
        columns = map_columns(headers)
        return "created" in columns and bool(_PAGERDUTY_ONLY & columns.keys())

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Stream the rows; each gives trigger, acknowledgement and resolution points."""
        builder = AlertFileBuilder(path, self.name, options.tz)
        with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.DictReader(handle)
            try:
                headers = reader.fieldnames or []
            except csv.Error as err:
                raise MalformedSourceError(
                    path, "a CSV header", location="line 1", found=str(err)
                ) from err
            columns = map_columns(list(headers))
            if "created" not in columns:
                raise MalformedSourceError(
                    path,
                    "a created-time column (Created, created_at, created_on)",
                    location="line 1",
                    found=f"columns {', '.join(headers)[:120]}",
                )
            row_number = 0
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    builder.read()
                    builder.skip(f"line {reader.line_num}", f"unreadable CSV row: {err}")
                    continue
                row_number += 1
                self._row(builder, reader.line_num, row_number, row, columns)
        return builder.result()

    def _row(
        self,
        builder: AlertFileBuilder,
        line: int,
        row_number: int,
        row: Mapping[str, object],
        columns: Mapping[str, str],
    ) -> None:
        def cell(field: str) -> str:
            value = row.get(columns[field]) if field in columns else None
            return value.strip() if isinstance(value, str) else ""

        payload = Payload(f"line {line}", line, None)
        number = cell("number")
        incident = cell("id") or number or f"row {row_number}"
        title = cell("title")
        attrs = {
            "incident_id": cell("id"),
            "incident_number": number,
            "alertname": title,
            "service": cell("service"),
            "urgency": cell("urgency"),
            "priority": cell("priority"),
            "escalation_policy": cell("escalation_policy"),
            "status": cell("status"),
        }
        label = f"[#{number}] {title}" if number else title
        builder.read()
        try:
            created = builder.timestamp(cell("created"))
        except TimestampError as err:
            builder.skip(f"line {line} created", f"incident {incident}: created {err}")
            created = None
        if created is not None:
            builder.add(
                make_pd_event(
                    builder,
                    payload,
                    f"line {line} created",
                    event_id=moment_event_id(
                        incident, EventKind.ALERT_TRIGGERED, created.isoformat()
                    ),
                    ts_value=created,
                    kind=EventKind.ALERT_TRIGGERED,
                    actor=cell("service"),
                    text=f"Triggered: {label}",
                    attrs=attrs,
                    is_bot=True,
                )
            )
        points = (
            (
                "acknowledged",
                "seconds_to_first_ack",
                "acknowledged_by",
                EventKind.ALERT_ACKNOWLEDGED,
                "Acknowledged",
            ),
            ("resolved", "seconds_to_resolve", "resolved_by", EventKind.ALERT_RESOLVED, "Resolved"),
        )
        for field, seconds_field, by_field, kind, verb in points:
            at = cell(field)
            seconds = cell(seconds_field)
            if not at and not seconds:
                continue
            builder.read()
            where = f"line {line} {field}"
            when = self._point(builder, at, seconds, created)
            if isinstance(when, str):
                builder.skip(where, f"incident {incident}: {field} {when}")
                continue
            who = cell(by_field)
            builder.add(
                make_pd_event(
                    builder,
                    payload,
                    where,
                    event_id=moment_event_id(incident, kind, when.isoformat()),
                    ts_value=when,
                    kind=kind,
                    actor=who,
                    text=f"{verb}: {label}" + (f" by {who}" if who else ""),
                    attrs={**attrs, "status": "resolved"}
                    if kind is EventKind.ALERT_RESOLVED
                    else attrs,
                )
            )

    @staticmethod
    def _point(
        builder: AlertFileBuilder, at: str, seconds: str, created: datetime | None
    ) -> datetime | str:
        """The time of a point from its own column, else created + seconds; or why not."""
        if at:
            try:
                return builder.timestamp(at)
            except TimestampError as err:
                return str(err)
        if created is None:
            return "has only a duration and the creation time is unknown"
        try:
            return created + timedelta(seconds=float(seconds))
        except (ValueError, OverflowError):
            return f"expected seconds, found {seconds!r}"


FORMAT = PagerDutyCsvFormat()
