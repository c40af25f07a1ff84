"""Cross-source steps after every file is parsed: order, and drop exact duplicates."""

from __future__ import annotations

from pir_ai.events import Event, IngestReport, SkippedRecord
from pir_ai.ingest.base import ParseResult


def merge_results(results: list[ParseResult]) -> tuple[list[Event], IngestReport]:
    """Merge parse results into one stream, sorted by time (stable across sources).

    An event whose id was already produced by another file (the same webhook
    payload saved twice) is moved to that file's skipped list, so the report
    still accounts for every record.
    """
    seen: dict[str, str] = {}
    events: list[Event] = []
    for result in results:
        kept: list[Event] = []
        for event in result.events:
            first_path = seen.get(event.id)
            if first_path is not None:
                result.report.skipped.append(
                    SkippedRecord(
                        location=event.ref.record,
                        reason=f"duplicate of the same record already read from {first_path}",
                    )
                )
                result.report.events_produced -= 1
                continue
            seen[event.id] = event.ref.path
            kept.append(event)
        events.extend(kept)
    events.sort(key=lambda e: e.ts)
    report = IngestReport(files=[r.report for r in results])
    return events, report
