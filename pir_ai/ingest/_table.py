"""Any CSV, JSON Lines or JSON array of flat records with a timestamp column.

The most general reader, so it sniffs last and claims a file only when a column
named like a time (``timestamp``, ``time``, ``ts``, ``date``, ``created_at``,
``@timestamp``…) holds a readable time in the first record, or when a
``<file>.schema.json`` sidecar declares the columns (see ``table_schema``).
Slack-style message arrays are left to the chat readers. Rows are streamed
(CSV, JSON Lines); a row without a readable time is skipped with its line.
Every column that is not the time, text or actor is kept in ``attrs``. Numeric
dates (``03/04/2024``) read in the sidecar's ``dayfirst`` order, else in the order
the file shows, else month-first with a warning (see ``date_order``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import orjson

from pir_ai.errors import MalformedSourceError, SourceError
from pir_ai.events import Event, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._date_order import DateOrder, DateOrderError
from pir_ai.ingest._jsonio import BOM, iter_json_lines, looks_like_json_lines, read_json
from pir_ai.ingest._table_schema import (
    ACTOR_NAMES,
    TEXT_NAMES,
    TIMESTAMP_NAMES,
    TableSchema,
    date_order,
    is_schema_file,
    load_schema,
    pick_column,
)
from pir_ai.ingest._textlines import head_lines, iter_text_lines
from pir_ai.ingest._timeparse import TimestampError, parse_any

NAME = "table"
_DELIMITERS = ",;\t|"
# Keys that mark another reader's records (Slack messages, Teams Graph messages).
_FOREIGN_KEYS = frozenset({"client_msg_id", "blocks", "subtype", "bot_id", "@odata.type"})
Row = dict[str, Any]


@dataclass(frozen=True)
class _Layout:
    kind: str  # "csv", "jsonl" or "json"
    delimiter: str = ","


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return orjson.dumps(value).decode()


def _timed(record: Row, schema: TableSchema | None) -> bool:
    """True when the record has a time column with a readable time in it."""
    column = pick_column(list(record), schema.timestamp if schema else None, TIMESTAMP_NAMES)
    if column is None:
        return False
    try:
        parse_any(record[column])
    except TimestampError:
        return False
    return True


def _foreign(record: Row) -> bool:
    return record.get("type") == "message" or bool(_FOREIGN_KEYS & record.keys())


def _csv_layout(head: bytes, schema: TableSchema | None) -> _Layout | None:
    lines = head_lines(head, limit=2)
    if len(lines) < 2:
        return None
    counts = {d: lines[0].count(d) for d in _DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        return None
    try:
        header, first = list(csv.reader(lines, delimiter=delimiter))[:2]
    except csv.Error:
        return None
    if len(first) != len(header):
        return None
    return (
        _Layout("csv", delimiter) if _timed(dict(zip(header, first, strict=True)), schema) else None
    )


def _first_array_record(head: bytes) -> Any:
    text = head.removeprefix(BOM).decode("utf-8", "replace").lstrip()
    if not text.startswith("["):
        return None
    try:
        return json.JSONDecoder().raw_decode(text, text.index("[") + 1 + _spaces(text[1:]))[0]
    except (ValueError, IndexError):
        return None


def _spaces(text: str) -> int:
    return len(text) - len(text.lstrip())


def detect_layout(path: Path, head: bytes, schema: TableSchema | None) -> _Layout | None:
    """How the file is laid out, when it is a table this reader should claim."""
    body = head.removeprefix(BOM).lstrip()
    if body.startswith(b"{"):
        if not looks_like_json_lines(head):
            return None
        first = orjson.loads(next(ln for ln in body.splitlines() if ln.strip()))
        return _Layout("jsonl") if _timed(first, schema) and not _foreign(first) else None
    if body.startswith(b"["):
        record = _first_array_record(head)
        if not isinstance(record, dict) or _foreign(record):
            return None
        flat = not any(isinstance(v, (dict, list)) for v in record.values())
        return _Layout("json") if flat and _timed(record, schema) else None
    return _csv_layout(head, schema)


def _csv_rows(path: Path, layout: _Layout, warnings: list[str]) -> Iterator[tuple[int, Any]]:
    lines = (line + "\n" for _, line in iter_text_lines(path, warnings))
    reader = csv.reader(lines, delimiter=layout.delimiter)
    try:
        header = next(reader, [])
        previous = reader.line_num
        for values in reader:
            start, previous = previous + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                reason = f"expected {len(header)} columns, found {len(values)}"
                yield start, SkippedRecord(location=f"line {start}", reason=reason)
                continue
            yield start, dict(zip(header, values, strict=True))
    except csv.Error as err:
        raise MalformedSourceError(
            path, "CSV rows", location=f"line {reader.line_num}", found=str(err)
        ) from err


def _rows(
    path: Path, layout: _Layout, warnings: list[str]
) -> Iterator[tuple[str, int | None, Any]]:
    """(location, line, record or the reason it is unreadable), streamed where possible."""
    if layout.kind == "csv":
        for line, row in _csv_rows(path, layout, warnings):
            yield f"line {line}", line, row
    elif layout.kind == "jsonl":
        for line, value in iter_json_lines(path):
            if isinstance(value, orjson.JSONDecodeError):
                reason = f"expected a JSON object, found invalid JSON ({value.msg})"
                value = SkippedRecord(location=f"line {line}", reason=reason)
            yield f"line {line}", line, value
    else:
        data = read_json(path, "a JSON array of records")
        if not isinstance(data, list):
            raise MalformedSourceError(path, "a JSON array of records", found=type(data).__name__)
        for index, value in enumerate(data):
            yield f"[{index}]", None, value


class _RowReader:
    """Turns records into events with one schema, zone and report."""

    def __init__(
        self,
        path: Path,
        schema: TableSchema,
        tz: tzinfo | None,
        order: DateOrder,
        report: FileReport,
    ):
        self.path, self.schema, self.tz, self.report = path, schema, tz, report
        self.order = order

    def _time(self, raw: Any, location: str) -> tuple[datetime, bool]:
        if isinstance(raw, str):
            return self.order.read(raw, location, self.tz, parse_any)
        return parse_any(raw, self.tz)

    def event(self, record: Row, location: str, line: int | None, ordinal: int) -> Event | str:
        columns = list(record)
        ts_col = pick_column(columns, self.schema.timestamp, TIMESTAMP_NAMES)
        if ts_col is None:
            return f"expected a time column ({self.schema.timestamp or 'timestamp, time, ts…'})"
        raw_ts = record[ts_col]
        try:
            ts, was_naive = self._time(raw_ts, location)
        except DateOrderError as err:
            return str(err)
        except TimestampError:
            return f"expected a time in {ts_col!r}, found {_scalar_text(raw_ts)[:60]!r}"
        if (
            was_naive
            and self.tz is None
            and not any(w.startswith("naive") for w in self.report.warnings)
        ):
            self.report.warnings.append(f"naive times in {ts_col!r} read as UTC; pass --tz")
        text_col = pick_column(columns, self.schema.text, TEXT_NAMES)
        actor_col = pick_column(columns, self.schema.actor, ACTOR_NAMES)
        channel_col = self.schema.channel if self.schema.channel in record else None
        used = {ts_col, text_col, actor_col, channel_col}
        attrs = {k: _scalar_text(v) for k, v in record.items() if k not in used}
        attrs = {k: v for k, v in attrs.items() if v}
        text = _scalar_text(record.get(text_col)) if text_col else ""
        if not text_col:
            text = "; ".join(f"{k}: {v}" for k, v in attrs.items())
        actor = _scalar_text(record.get(actor_col)) if actor_col else ""
        channel = _scalar_text(record.get(channel_col)) if channel_col else ""
        return Event(
            id=make_event_id(NAME, str(ordinal), _scalar_text(raw_ts), actor, text),
            ts=ts,
            source=NAME,
            kind=self.schema.kind,
            actor=actor or None,
            text=text,
            channel=channel or None,
            ref=SourceRef(path=str(self.path), record=location, line=line),
            attrs=attrs,
        )


class TableFormat:
    """CSV, JSON Lines or a JSON array of flat records, with a time column."""

    name = NAME
    kind = "changes"
    recognised_by = (
        "CSV/JSON Lines/JSON array whose first record has a time column (timestamp, time, ts,"
        " date, created_at, @timestamp), or a <file>.schema.json sidecar"
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for a table with a readable time column, or a schema sidecar."""
        if sample.head is None:
            return False
        if is_schema_file(sample.path):
            return True
        try:
            schema = load_schema(sample.path)
            return detect_layout(sample.path, sample.head, schema) is not None
        except (SourceError, ValueError, StopIteration, csv.Error):
            return False

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """One event per row; rows without a readable time are skipped with their line."""
        report = FileReport(path=str(path), format=NAME)
        if is_schema_file(path):
            report.warnings.append(f"schema for {path.name.removesuffix('.schema.json')}")
            return ParseResult(events=[], report=report)
        schema = load_schema(path)
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
        layout = detect_layout(path, head, schema)
        if layout is None:
            raise MalformedSourceError(
                path,
                "CSV, JSON Lines or a JSON array with a time column, or a <file>.schema.json",
                location="line 1",
            )
        zone = (schema.zone() if schema else None) or options.tz
        order = date_order(path, schema)
        reader = _RowReader(path, schema or TableSchema(), zone, order, report)
        events: list[Event] = []
        for ordinal, (location, line, record) in enumerate(_rows(path, layout, report.warnings), 1):
            report.records_read += 1
            if isinstance(record, SkippedRecord):
                outcome: Event | str = record.reason
            elif isinstance(record, dict):
                outcome = reader.event(record, location, line, ordinal)
            else:
                outcome = f"expected a record (an object), found {type(record).__name__}"
            if isinstance(outcome, Event):
                events.append(outcome)
            else:
                report.skipped.append(SkippedRecord(location=location, reason=outcome))
        order.settle(events, report.warnings)
        report.events_produced = len(events)
        return ParseResult(events=events, report=report)


FORMAT = TableFormat()
