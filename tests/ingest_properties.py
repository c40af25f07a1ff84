"""What every parser property test checks: bad input raises only ``SourceError``s."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pir_ai.errors import SourceError
from pir_ai.ingest import IngestOptions, SourceFormat

MEETING_START = datetime(2024, 5, 1, 14, 0, tzinfo=UTC)


def parse_bytes_or_source_error(fmt: SourceFormat, data: bytes, name: str) -> None:
    """Parse ``data`` saved as ``name``: it either parses with exact accounting or raises a
    ``SourceError``; anything else propagates and fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            result = fmt.parse(path, IngestOptions(meeting_start=MEETING_START))
        except SourceError:
            return
        report = result.report
        assert report.records_read == report.events_produced + len(report.skipped)
        assert len(result.events) == report.events_produced
