"""Deploy and change logs: one event per line that starts with a timestamp.

Lines that do not start with a timestamp (a traceback, a wrapped message) belong
to the record above them. Recognised leading timestamps: ISO-8601 with ``T`` or a
space, optional fraction (``.`` or Python logging's ``,``), optional ``Z``/offset/
``UTC``, optionally in brackets: ``[2024-01-02 03:04:05,678]``. Syslog's
``May  1 11:52:10`` has no year and is not read. Another layout can be declared
with a ``pattern`` (named groups ``ts``, and optionally ``text``, ``actor``,
``level``) in the ``<file>.schema.json`` sidecar described in ``table_schema``.
Naive times use the schema's ``tz``, else ``--tz``, else UTC with a warning.
A pattern's numeric dates (``03/04/2024``) read in the sidecar's ``dayfirst`` order,
else in the order the file shows, else month-first with a warning (``date_order``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from pir_ai.errors import MalformedSourceError, SourceError
from pir_ai.events import Event, EventKind, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._date_order import DateOrder, DateOrderError
from pir_ai.ingest._table_schema import TableSchema, date_order, load_schema, schema_path
from pir_ai.ingest._textlines import head_lines, iter_text_lines
from pir_ai.ingest._timeparse import TimestampError, parse_iso

NAME = "deploy-log"
LEADING_TIMESTAMP = re.compile(
    r"^\s*\[?(?P<ts>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
    r"(?:\s?(?:Z|UTC|[+-]\d{2}:?\d{2}))?)\]?(?:\s+|$)(?P<text>.*)$"
)
_LEVEL = re.compile(r"\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\b")
_ACTOR = re.compile(r"\b(?:user|actor|author|by)[=:]\s*\"?(?P<actor>[\w.@-]+)", re.I)
_DECIMAL_COMMA = re.compile(r"(\d),(\d)")
_SNIFF_LINES = 20


@dataclass
class _Entry:
    line: int
    ts: str
    text: list[str]
    actor: str | None = None
    level: str | None = None
    extra: list[str] = field(default_factory=list)


def _pattern(path: Path, schema: TableSchema | None) -> re.Pattern[str]:
    if schema is None or schema.pattern is None:
        return LEADING_TIMESTAMP
    try:
        compiled = re.compile(schema.pattern)
    except re.error as err:
        raise MalformedSourceError(
            schema_path(path), "a valid regular expression", location="pattern", found=str(err)
        ) from err
    if "ts" not in compiled.groupindex:
        raise MalformedSourceError(
            schema_path(path), "a pattern with a named group (?P<ts>...)", location="pattern"
        )
    return compiled


def _start(match: re.Match[str], number: int) -> _Entry:
    groups = match.groupdict()
    text = (groups.get("text") or "").strip()
    level = groups.get("level") or None
    if level is None:
        found = _LEVEL.search(text[:60])
        level = found.group(1) if found else None
    actor = groups.get("actor") or None
    if actor is None:
        found_actor = _ACTOR.search(text)
        actor = found_actor["actor"] if found_actor else None
    return _Entry(number, groups["ts"] or "", [text], actor, level)


def _entries(
    path: Path, pattern: re.Pattern[str], report: FileReport
) -> Iterator[_Entry | SkippedRecord]:
    current: _Entry | None = None
    for number, line in iter_text_lines(path, report.warnings):
        match = pattern.match(line)
        if match:
            if current is not None:
                yield current
            current = _start(match, number)
        elif current is not None:
            current.text.append(line.rstrip())
        elif line.strip():
            reason = f"expected a line starting with a timestamp, found {line.strip()[:60]!r}"
            yield SkippedRecord(location=f"line {number}", reason=reason)
    if current is not None:
        yield current


def _event(
    path: Path, entry: _Entry, tz: tzinfo | None, order: DateOrder, report: FileReport
) -> Event | str:
    raw = _DECIMAL_COMMA.sub(r"\1.\2", entry.ts).replace("UTC", "Z").replace(" Z", "Z")
    try:
        ts, was_naive = order.read(raw, f"line {entry.line}", tz, parse_iso)
    except DateOrderError as err:
        return str(err)
    except TimestampError:
        return f"expected a timestamp, found {entry.ts[:40]!r}"
    if was_naive and tz is None and not any(w.startswith("naive") for w in report.warnings):
        report.warnings.append("naive log times read as UTC; pass --tz to change")
    text = "\n".join(entry.text).strip()
    attrs = {"level": entry.level} if entry.level else {}
    return Event(
        id=make_event_id(NAME, entry.ts, str(entry.line), text),
        ts=ts,
        source=NAME,
        kind=EventKind.CHANGE,
        actor=entry.actor,
        text=text,
        ref=SourceRef(path=str(path), record=f"line {entry.line}", line=entry.line),
        attrs=attrs,
    )


class DeployLogFormat:
    """Line-oriented logs whose records start with a timestamp."""

    name = NAME
    kind = "changes"
    recognised_by = "lines starting with an ISO-8601 or [yyyy-mm-dd hh:mm:ss,fff] timestamp"

    def sniff(self, sample: Sniff) -> bool:
        """True when the first line and at least one more start with a timestamp."""
        if sample.head is None:
            return False
        try:
            pattern = _pattern(sample.path, load_schema(sample.path))
        except SourceError:
            return False
        lines = head_lines(sample.head, limit=_SNIFF_LINES)
        if not lines or not pattern.match(lines[0]):
            return False
        return len(lines) == 1 or sum(1 for ln in lines if pattern.match(ln)) >= 2

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """One change event per timestamped line, continuation lines included in its text."""
        report = FileReport(path=str(path), format=NAME)
        schema = load_schema(path)
        pattern = _pattern(path, schema)
        tz = (schema.zone() if schema else None) or options.tz
        order = date_order(path, schema)
        events: list[Event] = []
        for entry in _entries(path, pattern, report):
            report.records_read += 1
            if isinstance(entry, SkippedRecord):
                report.skipped.append(entry)
                continue
            result = _event(path, entry, tz, order, report)
            if isinstance(result, Event):
                events.append(result)
            else:
                report.skipped.append(SkippedRecord(location=f"line {entry.line}", reason=result))
        order.settle(events, report.warnings)
        report.events_produced = len(events)
        return ParseResult(events=events, report=report)


FORMAT = DeployLogFormat()
