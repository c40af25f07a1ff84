"""What a source format is: a small unit that sniffs content and parses it into events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol, runtime_checkable

from pir_ai.events import Event, FileReport


@dataclass(frozen=True)
class IngestOptions:
    """Options every parser honours.

    Attributes:
        tz: zone for naive timestamps; None means UTC plus a warning in the report.
        meeting_start: wall-clock start of a recorded call, to place transcript offsets.
        strict: turn any unreadable record into a ``StrictModeError`` (folded ones pass).
        received_at: when timestamp-less payloads (Grafana legacy alerts) were received;
            without it such records are skipped, since no time can be given to them.
    """

    tz: tzinfo | None = None
    meeting_start: datetime | None = None
    strict: bool = False
    received_at: datetime | None = None


@dataclass
class ParseResult:
    """What one parser produced from one input: events and the report that accounts for them."""

    events: list[Event]
    report: FileReport
    extra: dict[str, object] = field(default_factory=dict)
    """Side facts for cross-source steps, e.g. ``{"people": [{"name":..., "email":...}]}``."""


@dataclass(frozen=True)
class Sniff:
    """The first bytes of a file (or None for a folder or zip) and its path."""

    path: Path
    head: bytes | None
    """Up to 64 KiB of the file, BOM included; None for folders and zip archives."""


@runtime_checkable
class SourceFormat(Protocol):
    """A readable input format. Register built-ins in ``registry.py``; third parties use the
    ``pir_ai.sources`` entry-point group pointing at an instance.
    """

    name: str
    """Short stable name, e.g. 'slack-export'."""
    kind: str
    """'chat', 'alerts', 'transcript' or 'changes'."""
    recognised_by: str
    """One line for ``pir-ai formats``: how the content is recognised."""

    def sniff(self, sample: Sniff) -> bool:
        """True when the content looks like this format. Must not raise."""
        ...

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read ``path``; raise only ``SourceError``s, skip bad records into the report."""
        ...
