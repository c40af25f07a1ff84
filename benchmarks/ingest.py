"""Ingest rows: throughput against a bare ``orjson.loads`` pass, and peak memory.

The baseline only decodes JSON. Ingest decodes the same bytes, then sniffs the format,
normalises every record (times to UTC, mrkdwn to text, names from users.json), builds
typed events with stable ids, accounts for every record, links and sorts: the ratio says
what all of that costs on top of decoding.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import orjson

from benchmarks.rows import Row, best_time
from pir_ai import load_incident
from pir_ai.events import Event, EventKind, SourceRef, collector_paused


def _json_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.json*") if p.is_file())


def bare_decode(root: Path) -> int:
    """Baseline: decode every JSON / JSON Lines file under ``root`` with orjson, nothing else.

    Returns the number of values decoded, so the pass cannot be optimised away.
    """
    decoded = 0
    for path in _json_files(root):
        data = path.read_bytes()
        if path.suffix == ".jsonl":
            for line in data.splitlines():
                if line.strip():
                    orjson.loads(line)
                    decoded += 1
        else:
            orjson.loads(data)
            decoded += 1
    return decoded


def _records(value: object) -> list[object]:
    """What one event is made from in these inputs: Slack messages (objects with a ``ts``),
    an Alertmanager payload's alerts. users.json and channels.json entries make none."""
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict) and "ts" in item]
    if isinstance(value, dict) and isinstance(value.get("alerts"), list):
        return list(value["alerts"])
    return [value]


def event_floor(root: Path) -> int:
    """The least any reader that builds Python events can do: decode, then one constant Event.

    ``bare_decode`` plus one ``Event.trusted`` per record (message, alert) with fields fixed
    in advance, so no time is parsed, no id hashed and no text read. Every real reader does
    at least this, so ``bare_decode`` time over this time bounds the ratio a pure-Python
    reader can reach, whatever else it skips.
    """
    when = datetime(2024, 1, 1, tzinfo=UTC)
    ref = SourceRef.trusted(str(root), "record")
    built = 0
    for path in _json_files(root):
        data = path.read_bytes()
        values = (
            [orjson.loads(line) for line in data.splitlines() if line.strip()]
            if path.suffix == ".jsonl"
            else [orjson.loads(data)]
        )
        for value in values:
            for _ in _records(value):
                Event.trusted(id="ev", ts=when, source="floor", kind=EventKind.MESSAGE, ref=ref)
                built += 1
    return built


def floor_row(label: str, target: Path, repeat: int) -> Row:
    """``bare_decode`` against ``event_floor``: the best ratio a pure-Python reader can reach."""
    root = target if target.is_dir() else target.parent
    built = event_floor(root)  # also warms the page cache, as ingest_row's first load does
    with collector_paused():  # as load_incident does, so the floor is not slowed by the GC
        base_s = best_time(lambda: bare_decode(root), repeat * 3)
        floor_s = best_time(lambda: event_floor(root), repeat * 3)
    return Row(
        f"{label}: ceiling for any pure-Python reader (decode + 1 constant Event per record)",
        f"{built:,} records: {floor_s:.3f} vs bare orjson {base_s:.3f} CPU s",
        base_s / floor_s,
        "reference: the row above cannot exceed this",
        lambda r: True,
    )


def ingest_row(label: str, target: Path, repeat: int) -> Row:
    """``load_incident(target)`` against ``bare_decode`` over the same files, best of ``repeat``.

    Both rates count the events ingest produces, so the figure is the time ratio
    (baseline seconds / ingest seconds); 1.0 would mean ingest is as fast as decoding.
    """
    root = target if target.is_dir() else target.parent
    load_incident(target)  # warm: registry, entry points and regexes load once per process
    incident = load_incident(target)
    events, records = len(incident.events), incident.report.records_read
    del incident
    base_s = best_time(lambda: bare_decode(root), repeat * 3)
    pir_s = best_time(lambda: load_incident(target), repeat)
    ratio = base_s / pir_s
    return Row(
        f"{label} ingest ({events:,} events from {records:,} records)",
        f"{events / pir_s:,.0f} ev/s vs bare orjson {events / base_s:,.0f} ev/s"
        f" ({pir_s:.3f} vs {base_s:.3f} CPU s)",
        ratio,
        ">= 0.5",
        lambda r: r >= 0.5,
    )


_MEMORY_PROBE = """
import sys
from pir_ai import load_incident

def peak_kib():
    # VmHWM belongs to this process image; on Linux ru_maxrss would carry over the
    # parent's peak through fork + exec. Elsewhere (no /proc) ru_maxrss is all there is.
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes

base = peak_kib()
incident = load_incident(sys.argv[1])
print(base, peak_kib(), len(incident.events))
"""


def memory_row(export: Path) -> Row:
    """Peak RSS of a fresh process that imports pir_ai and loads a Slack export."""
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(export)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    base_kb, peak_kb, events = (int(x) for x in out)
    peak_mb = peak_kb / 1024
    return Row(
        f"Peak memory, {events:,}-message Slack export",
        f"{peak_mb:,.0f} MB peak RSS, fresh process (after imports: {base_kb / 1024:,.0f} MB)",
        peak_mb,
        "<= 400 MB",
        lambda r: r <= 400,
    )
