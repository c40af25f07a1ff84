"""Plain-text call transcripts to transcript-cue events.

Layouts read (one utterance per record; lines that follow are its continuation):

- ``HH:MM:SS Speaker: text`` (also ``[HH:MM:SS] Speaker: text``);
- Zoom "Save transcript": ``[Speaker Name] HH:MM:SS`` then the utterance;
- Teams copy-paste and Otter: ``Speaker Name  0:05`` (two spaces or a tab) then the utterance;
- Google Meet: ``Speaker: text`` paragraphs under periodic ``00:05:00`` lines.

Times carry no date or zone, so a meeting start is required (see
``transcript_common``; a ``meeting_start: <ISO>`` line at the top of the file works).
Whether the times are wall-clock or offsets is decided once per file: ``M:SS`` is an
offset; ``H:MM:SS`` is wall-clock when, read as a time of day on the meeting's date
(in ``--tz``, else UTC), the first one falls within 15 minutes before to 2 hours after
the start (the next day counts, for calls starting near midnight), and an offset
otherwise. Each event records the reading in ``attrs["clock"]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from pir_ai.events import FileReport
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._transcript_common import (
    Cue,
    cue_events,
    declared_start,
    decode_text,
    looks_like_name,
    resolve_meeting_start,
    split_lines,
)

NAME = "transcript-text"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_INLINE = re.compile(rf"^\[?(?P<time>{_TIME})\]?\s+(?P<speaker>[^:\[\]]{{1,64}}?):\s+(?P<text>.*)$")
_ZOOM_HEAD = re.compile(rf"^\[(?P<speaker>[^\]]{{1,64}})\]\s+(?P<time>{_TIME})\s*$")
_NAME_THEN_TIME = re.compile(rf"^(?P<speaker>\S[^\t]{{0,63}}?)(?: {{2,}}|\t)(?P<time>{_TIME})\s*$")
_TIME_ONLY = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}:\d{2})\s*$")
_NAMED_PARAGRAPH = re.compile(r"^(?P<speaker>[^:]{1,64}?):\s+(?P<text>.*)$")
_LOG_LEVELS = frozenset({"info", "debug", "warn", "warning", "error", "trace", "fatal", "critical"})
_WALL_BEFORE = timedelta(minutes=15)
_WALL_AFTER = timedelta(hours=2)


@dataclass
class _Utterance:
    line: int
    time: str
    speaker: str | None
    parts: list[str] = field(default_factory=list)


def _speaker(name: str) -> str | None:
    name = name.strip()
    return name if looks_like_name(name) and name.casefold() not in _LOG_LEVELS else None


def _heading(line: str, clock: str | None) -> _Utterance | None:
    """An utterance starting on this line, or None for a continuation/header line."""
    for pattern in (_INLINE, _ZOOM_HEAD, _NAME_THEN_TIME):
        match = pattern.match(line)
        if match and _speaker(match["speaker"]):
            text = match.groupdict().get("text") or ""
            return _Utterance(0, match["time"], _speaker(match["speaker"]), [text] if text else [])
    match = _NAMED_PARAGRAPH.match(line)
    if clock is not None and match and _speaker(match["speaker"]):
        return _Utterance(0, clock, _speaker(match["speaker"]), [match["text"]])
    return None


def _utterances(lines: list[str]) -> Iterator[_Utterance]:
    current: _Utterance | None = None
    clock: str | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        only_time = _TIME_ONLY.match(line)
        if only_time:
            clock = only_time["time"]
            continue
        heading = _heading(line, clock)
        if heading is not None:
            if current is not None:
                yield current
            heading.line = number
            current = heading
        elif current is not None and line:
            current.parts.append(line)
    if current is not None:
        yield current


def _clock(value: str) -> timedelta:
    parts = [int(p) for p in value.split(":")]
    if len(parts) == 2:
        return timedelta(minutes=parts[0], seconds=parts[1])
    return timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])


def _wall_day(first: str, start: datetime, tz: tzinfo | None) -> datetime | None:
    """Midnight of the meeting's day when ``first`` reads as a wall-clock time, else None."""
    if first.count(":") != 2:
        return None
    local = start.astimezone(tz or UTC)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    for day in (midnight, midnight + timedelta(days=1)):
        if start - _WALL_BEFORE <= day + _clock(first) <= start + _WALL_AFTER:
            return day
    return None


def _cues(
    utterances: list[_Utterance], start: datetime, tz: tzinfo | None
) -> tuple[list[Cue], str]:
    day = _wall_day(utterances[0].time, start, tz) if utterances else None
    cues: list[Cue] = []
    previous = timedelta(0)
    for ordinal, item in enumerate(utterances, start=1):
        moment = _clock(item.time)
        if day is not None and moment < previous - timedelta(hours=12):
            day += timedelta(days=1)  # the call ran past midnight
        previous = moment
        offset = (day + moment - start) if day is not None else moment
        text = " ".join(p for p in item.parts if p)
        cues.append(Cue(ordinal, item.line, offset, None, item.speaker, text))
    return cues, "wall" if day is not None else "offset"


class TextTranscriptFormat:
    """Plain-text transcripts with times and speakers on each utterance."""

    name = NAME
    kind = "transcript"
    recognised_by = "lines '[Name] HH:MM:SS', 'HH:MM:SS Name: text' or 'Name  0:05' (2 or more)"

    def sniff(self, sample: Sniff) -> bool:
        """True when at least two of the first lines start an utterance with a time."""
        if sample.head is None or sample.head.lstrip().startswith((b"{", b"[{", b"WEBVTT")):
            return False
        text = sample.head[:8192].decode("utf-8", "replace").lstrip("\ufeff")
        lines = [ln.strip() for ln in split_lines(text)[:80]]
        timed = sum(1 for ln in lines if _heading(ln, None) is not None)
        if timed >= 2:
            return True
        # Google Meet: bare time lines with named paragraphs under them.
        if not any(_TIME_ONLY.match(ln) for ln in lines):
            return False
        return sum(1 for ln in lines if _heading(ln, "00:00:00") is not None) >= 2

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every utterance; times placed through the meeting start."""
        report = FileReport(path=str(path), format=NAME)
        lines = split_lines(decode_text(path, path.read_bytes(), report.warnings))
        utterances = list(_utterances(lines))
        if not utterances:
            return ParseResult(events=[], report=report)
        first_utterance = utterances[0].line
        declared = next(
            (v for ln in lines[: first_utterance - 1] if (v := declared_start(ln))), None
        )
        start = resolve_meeting_start(path, options, declared, report.warnings)
        cues, clock = _cues(utterances, start, options.tz)
        events = cue_events(
            cues, path=path, source=NAME, start=start, report=report, extra_attrs={"clock": clock}
        )
        return ParseResult(events=events, report=report)


FORMAT = TextTranscriptFormat()
