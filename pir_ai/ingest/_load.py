"""``load_incident``: paths in, one ordered event stream and an exact report out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path

from pir_ai.errors import (
    EmptyInputError,
    MissingMeetingStartError,
    SourceError,
    StrictModeError,
    UnknownFormatError,
)
from pir_ai.events import Event, FileReport, Incident, IngestReport, SkippedRecord, collector_paused
from pir_ai.ingest._align import PLACEHOLDER_START, align_transcript
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff, SourceFormat
from pir_ai.ingest._merge import merge_results
from pir_ai.ingest._registry import by_name, detect
from pir_ai.ingest._transcript_common import MEETING_START_EXPECTED

SNIFF_BYTES = 64 * 1024


def sniff_sample(path: Path) -> Sniff:
    """The sample sniffers look at: the first 64 KiB of a file, nothing for a folder or zip."""
    if path.is_dir() or path.suffix.lower() == ".zip":
        return Sniff(path=path, head=None)
    with path.open("rb") as handle:
        return Sniff(path=path, head=handle.read(SNIFF_BYTES))


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".") or path.name.startswith("__")


def _inputs(path: Path, *, named: bool = True) -> Iterator[tuple[Path, SourceFormat | None]]:
    """Yield (input, format) pairs under ``path``. A folder a format claims whole is one input.

    A file the user named that is empty or of no known format is an error. The same
    file met while walking a folder (a README next to the exports) yields ``None``:
    the caller records it as skipped, so it is reported rather than fatal or lost.
    """
    if not path.exists():
        raise EmptyInputError(path, "an existing file or folder", found="nothing at that path")
    sample = sniff_sample(path)
    if path.is_dir():
        fmt = detect(sample)
        if fmt is not None:
            yield path, fmt
            return
        children = sorted(p for p in path.iterdir() if not _is_hidden(p))
        for child in children:
            yield from _inputs(child, named=False)
        return
    if sample.head is not None and not sample.head.strip(b"\xef\xbb\xbf \t\r\n"):
        if not named:
            yield path, None
            return
        raise EmptyInputError(
            path, "an incident record (chat, alerts, transcript or changes)", found="an empty file"
        )
    fmt = detect(sample)
    if fmt is None and named:
        raise UnknownFormatError(
            path,
            "a known format (run `pir-ai formats` to list them)",
            found=_describe(sample),
        )
    yield path, fmt


def _describe(sample: Sniff) -> str:
    head = (sample.head or b"")[:40].decode("utf-8", "replace").replace("\n", "\\n")
    return f"content starting {head!r}"


def _unread_file(
    path: Path, *, reason: str | None = None, fmt: SourceFormat | None = None
) -> ParseResult:
    """The report of a file that yields nothing: no format reads it, or it failed whole."""
    if reason is None:
        sample = sniff_sample(path)
        found = "an empty file" if not (sample.head or b"").strip() else _describe(sample)
        reason = f"not read: expected a known format (see `pir-ai formats`), found {found}"
    report = FileReport(
        path=str(path),
        format="unknown" if fmt is None else fmt.name,
        records_read=1,
        skipped=[SkippedRecord(location="whole file", reason=reason)],
    )
    return ParseResult(events=[], report=report)


def _read_all(
    path_list: list[Path], options: IngestOptions, format: str | None
) -> tuple[list[ParseResult], list[str]]:
    """Parse every input under ``path_list``; strict mode stops at the first unreadable record.

    A file met in a folder walk that fails as a whole is recorded as unread, so one bad
    file never sinks the others; a file the user named raises. A transcript without a
    start is read last and placed by aligning it with the chat (``_align``); the paths of
    those nothing aligned with are returned beside the results.
    """
    results: list[ParseResult] = []
    unplaced: list[tuple[Path, SourceFormat]] = []
    for root in path_list:
        pairs: list[tuple[Path, SourceFormat | None]] = (
            [(root, by_name(format))] if format else list(_inputs(root))
        )
        if not pairs:
            raise EmptyInputError(root, "at least one incident file", found="an empty folder")
        for path, fmt in pairs:
            try:
                result = _unread_file(path) if fmt is None else fmt.parse(path, options)
            except MissingMeetingStartError:
                assert fmt is not None
                unplaced.append((path, fmt))
                continue
            except SourceError as err:
                if path == root or options.strict:
                    raise
                result = _unread_file(path, reason=f"not read: {err}", fmt=fmt)
            results.append(_checked(path, result, options))
    if not unplaced:
        return results, []
    others = [e for r in results for e in r.events]
    placed = [_checked(p, _placed(p, fmt, options, others), options) for p, fmt in unplaced]
    left_off = [r.report.path for r in placed if not r.events]
    return results + placed, left_off


def _checked(path: Path, result: ParseResult, options: IngestOptions) -> ParseResult:
    """``result``, unless strict mode refuses a record it could not read."""
    unreadable = [s for s in result.report.skipped if not s.folded]
    if options.strict and unreadable:
        raise _strict_error(path, unreadable[0])
    return result


def _placed(
    path: Path, fmt: SourceFormat, options: IngestOptions, others: list[Event]
) -> ParseResult:
    """A start-less transcript, read at the start its lines align to, or recorded unread."""
    offsets = fmt.parse(path, replace(options, meeting_start=PLACEHOLDER_START))
    alignment = align_transcript(offsets.events, others)
    if alignment is None:
        reason = (
            f"not placed: {MEETING_START_EXPECTED} was missing and none of its lines matched "
            f"the chat; give it with --meeting-start (meeting_start= in the API)"
        )
        return _unread_file(path, reason=reason, fmt=fmt)
    result = fmt.parse(path, replace(options, meeting_start=alignment.start))
    result.report.warnings.append(alignment.describe())
    return result


def _strict_error(path: Path, first: SkippedRecord) -> StrictModeError:
    """Strict mode refuses records it could not read. A record folded into another event
    (an Alertmanager repeat, a copy) lost nothing, so it passes: refusing it would fail
    every ordinary alert log."""
    return StrictModeError(
        path,
        "every record readable (strict mode)",
        location=first.location,
        found=f"an unreadable record ({first.reason})",
    )


def load_incident(
    paths: str | Path | Iterable[str | Path],
    *,
    tz: tzinfo | None = None,
    meeting_start: datetime | None = None,
    strict: bool = False,
    format: str | None = None,
    received_at: datetime | None = None,
) -> Incident:
    """Read every file under ``paths`` into one time-ordered ``Incident``.

    Formats are detected by content. Records a parser cannot read are skipped and
    counted in ``incident.report`` with their location and reason.

    Args:
        paths: files, folders (searched recursively) or Slack export zips.
        tz: zone for naive timestamps; without it they are read as UTC with a warning.
        meeting_start: wall-clock start of a recorded call, for transcript offsets.
        strict: raise ``StrictModeError`` instead of skipping an unreadable record
            (records folded into another event, such as repeats, still pass).
        format: force a format by name instead of sniffing (see ``pir-ai formats``).
        received_at: when webhook payloads without any timestamp of their own (legacy
            Grafana alerts) were received; without it such records are skipped.

    Raises:
        SourceError: a path is missing or empty, a file's format is unknown, or a
            file is unreadable as a whole (each names the file and what was expected).
    """
    path_list = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    if not path_list:
        raise EmptyInputError("(no paths)", "at least one file or folder")
    options = IngestOptions(
        tz=tz, meeting_start=meeting_start, strict=strict, received_at=received_at
    )
    # One pause around reading and merging: see events.collector_paused for why.
    with collector_paused():
        results, left_off = _read_all(path_list, options, format)
        events, report = merge_results(results)
    report.unplaced = left_off
    if not events:
        reasons = "; ".join(f"{f.path}: {f.skipped[0].reason}" for f in report.files if f.skipped)
        raise EmptyInputError(
            ", ".join(str(p) for p in path_list),
            "at least one readable incident record",
            found=reasons or "no records",
        )
    if tz is None and any(w.startswith("naive") for f in report.files for w in f.warnings):
        report.warnings.append("naive timestamps were read as UTC; pass tz= (--tz) to change")
    return Incident(events=events, report=report, tz=getattr(tz, "key", None))


__all__ = ["IngestReport", "load_incident", "sniff_sample"]
