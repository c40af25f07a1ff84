"""What every transcript format shares: the meeting start, speaker prefixes, cue events.

Transcript times are offsets from the start of the recording (WebVTT, SRT) or
wall-clock times without a date (plain-text exports). Either way they need the
meeting's start to become UTC. The start comes, in this order, from:

1. ``IngestOptions.meeting_start`` (``--meeting-start``);
2. a line in the file itself: ``meeting_start: 2024-05-01T14:30:00Z``; in WebVTT
   it is a comment, ``NOTE meeting_start: 2024-05-01T14:30:00Z``, or a header line;
3. a Zoom recording file name, ``GMT20240101-153000_Recording.transcript.vtt``
   (Zoom names these files in UTC).

A start without a zone is read in ``IngestOptions.tz``, else UTC with a "naive"
warning in the report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pir_ai.errors import MalformedSourceError, MissingMeetingStartError
from pir_ai.events import Event, EventKind, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._base import IngestOptions
from pir_ai.ingest._timeparse import TimestampError, parse_iso

MEETING_START_EXPECTED = (
    "a meeting start: --meeting-start, a 'NOTE meeting_start: <ISO>' line,"
    " or a Zoom GMTyyyymmdd-hhmmss file name"
)
_DECLARED_START = re.compile(
    r"^\s*(?:NOTE\s+)?meeting[_ -]start\s*[:=]\s*(?P<value>\S.*?)\s*$", re.I
)
_ZOOM_FILE_NAME = re.compile(r"GMT(?P<date>\d{8})-(?P<time>\d{6})")

# Words people write before a colon that are labels, not speakers ("Note: ...").
_LABELS = frozenset(
    (
        "note", "notes", "update", "fyi", "ps", "todo", "action", "action item", "question",
        "answer", "edit", "re", "example", "summary", "warning", "error", "info", "tip", "status",
        "decision", "q", "a", "agenda", "next steps", "follow up", "reminder",
    )
)  # fmt: skip
_MAX_NAME_WORDS = 5
_MAX_NAME_CHARS = 64


def declared_start(line: str) -> str | None:
    """The value of a ``meeting_start: <ISO>`` line (``NOTE`` prefix allowed), else None."""
    match = _DECLARED_START.match(line)
    return match.group("value") if match else None


def resolve_meeting_start(
    path: Path, options: IngestOptions, declared: str | None, warnings: list[str]
) -> datetime:
    """The meeting start in UTC, from the option, the file's declaration, or a Zoom file name.

    Raises:
        MissingMeetingStartError: no start is known.
        MalformedSourceError: the declared start is not a timestamp.
    """
    if options.meeting_start is not None:
        return _aware(options.meeting_start, options, "--meeting-start", warnings)
    if declared is not None:
        try:
            parsed, was_naive = parse_iso(declared, options.tz)
        except TimestampError as err:
            raise MalformedSourceError(
                path, "an ISO-8601 meeting_start", location="meeting_start", found=repr(declared)
            ) from err
        if was_naive and options.tz is None:
            warnings.append(f"naive meeting_start {declared!r} read as UTC; pass --tz to change")
        return parsed
    match = _ZOOM_FILE_NAME.search(path.name)
    if match:
        try:
            return datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S").replace(
                tzinfo=UTC
            )
        except ValueError:
            pass
    raise MissingMeetingStartError(path, MEETING_START_EXPECTED, found="none of these")


def _aware(value: datetime, options: IngestOptions, what: str, warnings: list[str]) -> datetime:
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    if options.tz is None:
        warnings.append(f"naive {what} {value.isoformat()} read as UTC; pass --tz to change")
    return value.replace(tzinfo=options.tz or UTC).astimezone(UTC)


def looks_like_name(prefix: str) -> bool:
    """True when text before a colon could be a person's display name (not a URL or a time)."""
    words = prefix.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and len(prefix) <= _MAX_NAME_CHARS
        and prefix == prefix.strip()
        and any(ch.isalpha() for ch in prefix)
        and not prefix[0].isdigit()
        and not any(ch in prefix for ch in ':/\\<>[]{}=|"')
    )


def _is_label(prefix: str) -> bool:
    return prefix.casefold() in _LABELS


class SpeakerPrefixes:
    """Splits ``Name: text`` (Zoom style) only where the prefix is a speaker.

    A prefix counts when it looks like a name and is not a label like ``Note``, and
    either recurs as a prefix in the transcript or is written in title case; so
    ``https://x``, ``10:30`` and ``Note:`` stay part of the text.
    """

    def __init__(self, texts: Iterable[str], known: Iterable[str] = ()) -> None:
        counts = Counter(p for p in map(_raw_prefix, texts) if p is not None)
        self._recurring = {p for p, n in counts.items() if n >= 2} | set(known)

    def split(self, text: str) -> tuple[str | None, str]:
        """(speaker, rest) when ``text`` starts with a speaker prefix, else (None, text)."""
        prefix = _raw_prefix(text)
        if prefix is None or not looks_like_name(prefix) or _is_label(prefix):
            return None, text
        if prefix in self._recurring or all(w[:1].isupper() for w in prefix.split()):
            return prefix, text[len(prefix) + 2 :].strip()
        return None, text


def _raw_prefix(text: str) -> str | None:
    head, sep, _ = text.partition(": ")
    return head if sep else None


@dataclass(frozen=True)
class Cue:
    """One utterance of a transcript before it is placed in time.

    ``start`` and ``end`` are offsets from the meeting start, or for wall-clock
    formats the offset of the time of day from the meeting start's midnight.
    """

    ordinal: int
    line: int
    start: timedelta
    end: timedelta | None
    speaker: str | None
    text: str
    cue_id: str | None = None
    merged: tuple[Cue, ...] = ()
    """Later cues of the same speaker folded into this one (``speaker_runs``)."""
    repeats_previous: bool = False
    """All its text repeats the cue before (YouTube rolling captions): nothing new is lost."""


def offset_text(offset: timedelta) -> str:
    """An offset as ``HH:MM:SS.mmm`` (``-`` before the start), the way the attrs record it."""
    sign = "-" if offset < timedelta(0) else ""
    millis = abs(int(offset.total_seconds() * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def cue_events(
    cues: Sequence[Cue],
    *,
    path: Path,
    source: str,
    start: datetime,
    report: FileReport,
    extra_attrs: dict[str, str] | None = None,
) -> list[Event]:
    """Events for the cues, placed at ``start`` + offset; empty cues are counted as skipped.

    Every cue is a record read: a cue folded into an earlier one (``Cue.merged``) is
    counted as skipped, its reason naming the cue whose event holds its text, so
    records read = events + skipped still counts cues.
    """
    events: list[Event] = []
    channel = path.name.split(".", 1)[0]
    for cue in cues:
        report.records_read += 1 + len(cue.merged)
        location = f"line {cue.line}" if cue.line else f"cue {cue.ordinal}"
        for folded in cue.merged:
            report.skipped.append(
                SkippedRecord(
                    location=f"line {folded.line}" if folded.line else f"cue {folded.ordinal}",
                    reason=f"merged into cue {cue.ordinal} ({location}): same speaker, consecutive",
                    folded=True,
                )
            )
        if not cue.text.strip():
            reason = "cue has no new text"
            skip = SkippedRecord(location=location, reason=reason, folded=cue.repeats_previous)
            report.skipped.append(skip)
            continue
        try:
            ts = start + cue.start
            end_ts = start + cue.end if cue.end is not None else None
        except OverflowError as err:
            raise MalformedSourceError(
                path, "a cue offset within a meeting", location=location, found=str(cue.start)
            ) from err
        attrs = {"offset": offset_text(cue.start), **(extra_attrs or {})}
        if cue.end is not None:
            attrs["end_offset"] = offset_text(cue.end)
        if cue.cue_id:
            attrs["cue_id"] = cue.cue_id
        if cue.merged:
            attrs["cues"] = str(1 + len(cue.merged))
        events.append(
            Event(
                id=make_event_id(source, start.isoformat(), str(cue.ordinal), attrs["offset"]),
                ts=ts,
                end_ts=end_ts,
                source=source,
                kind=EventKind.TRANSCRIPT_CUE,
                actor=cue.speaker,
                text=cue.text,
                channel=channel,
                ref=SourceRef(path=str(path), record=f"cue {cue.ordinal}", line=cue.line or None),
                attrs=attrs,
            )
        )
    report.events_produced += len(events)
    return events


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    """Transcript bytes to text: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1252.

    Windows tools still write cp1252 subtitles; reading them is better than refusing,
    so the fallback is taken with a warning. Bytes cp1252 cannot map raise.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise _undecodable(path, data, err) from err
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_err:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as err:
            raise _undecodable(path, data, utf8_err) from err
    warnings.append("not UTF-8: read as Windows-1252")
    return text


def _undecodable(path: Path, data: bytes, err: UnicodeDecodeError) -> MalformedSourceError:
    line = data.count(b"\n", 0, err.start) + 1
    return MalformedSourceError(
        path,
        "UTF-8, UTF-16 or Windows-1252 text",
        location=f"line {line}",
        found=f"byte {data[err.start : err.start + 1]!r}",
    )


def split_lines(text: str) -> list[str]:
    """Lines split on CRLF, CR and LF only (not on U+2028 and friends, as WebVTT says)."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and not lines[-1]:
        lines.pop()
    return lines
