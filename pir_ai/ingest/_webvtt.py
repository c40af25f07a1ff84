"""WebVTT call transcripts (Zoom, Teams, Meet) to transcript-cue events.

Cue timing, tags and voices are read by webvtt-py, one block at a time, so every
cue keeps its line number. Speakers come from ``<v Name>`` voice tags (closing
``</v>`` optional) or, in Zoom files, from a ``Name: text`` prefix.

Policy for broken cues: a block with a ``-->`` timing line that is not valid, or a
text block with no timing line at all, raises ``MalformedSourceError`` naming the
file and line: a transcript with a hole in it would silently misplace what was said.
A cue with valid timing but no text is counted as skipped.

The meeting start is resolved as documented in ``transcript_common``: for WebVTT
write it as ``NOTE meeting_start: 2024-05-01T14:30:00Z`` (or a header line
``meeting_start: ...`` under ``WEBVTT``).

Microsoft Teams cuts one utterance into several cues (ids ``<GUID>/<N>-<M>``: fragment
M of utterance N) and a speaker who goes on into the next utterance gets a new N. In a
Teams file (every cue id in that shape), consecutive cues of one speaker with at most
2 s between them become one event (``speaker_runs.merge_speaker_runs``: the first
cue's id and time, the last one's end, at most a minute of speech); each folded cue is
counted as skipped with the cue it joined. Other WebVTT files (Zoom, Meet, numbered
cues) keep one event per cue, as Zoom writes one utterance per cue. A Teams transcript
fetched through Graph (``/transcripts/{id}/content``) has no cue ids, so it cannot be
told from other voice-tagged files and keeps one event per cue too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from pir_ai.errors import MalformedSourceError
from pir_ai.events import FileReport
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._speaker_runs import merge_speaker_runs
from pir_ai.ingest._transcript_common import (
    Cue,
    SpeakerPrefixes,
    cue_events,
    declared_start,
    decode_text,
    resolve_meeting_start,
    split_lines,
)

NAME = "webvtt"
_ARROW = "-->"
_INLINE_TIMESTAMP = re.compile(r"<(?:\d+:)?\d{2}:\d{2}\.\d{3}>")
_TEAMS_CUE_ID = re.compile(r"^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/\d+-\d+$", re.I)
_TIMING_EXPECTED = "a cue timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm' (hours optional)"


@dataclass(frozen=True)
class _Block:
    first_line: int
    lines: list[str]


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Blocks separated by blank lines; as in webvtt-py, a ``-->`` line that cannot be the
    timing line of the current block starts a new one."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        in_header = first == 1
        starts_new = (
            bool(block) and _ARROW in line and (in_header or len(block) > 1 or _ARROW in block[0])
        )
        # Only an empty line ends a block: YouTube cues carry lines of a single space.
        if (not line or starts_new) and block:
            yield _Block(first, block)
            block = []
        if line:
            if not block:
                first = number
            block.append(line)
    if block:
        yield _Block(first, block)


def _timing_line(block: _Block) -> int | None:
    for index, line in enumerate(block.lines[:2]):
        if _ARROW in line:
            return block.first_line + index
    return None


@dataclass(frozen=True)
class _ReadCue:
    cue: Cue
    voice: str | None
    lines: list[str]
    karaoke: bool
    """Has inline ``<00:00:01.000>`` timestamps: YouTube auto-captions, which roll."""


def _read_cue(path: Path, block: _Block, ordinal: int) -> _ReadCue:
    """The cue of a block, its ``<v>`` voice and text lines; raises at a broken timing."""
    timing_at = _timing_line(block)
    if timing_at is None:
        raise MalformedSourceError(
            path,
            _TIMING_EXPECTED,
            location=f"line {block.first_line + min(1, len(block.lines) - 1)}",
            found=repr(block.lines[min(1, len(block.lines) - 1)][:80]),
        )
    try:
        parsed = webvtt.from_string("WEBVTT\n\n" + "\n".join(block.lines)).captions
    except (MalformedCaptionError, MalformedFileError, ValueError):
        parsed = []
    if len(parsed) != 1:
        raise MalformedSourceError(
            path,
            _TIMING_EXPECTED,
            location=f"line {timing_at}",
            found=repr(block.lines[timing_at - block.first_line][:80]),
        )
    caption = parsed[0]
    lines = [html.unescape(t).strip() for t in caption.text.split("\n") if t.strip()]
    voice = html.unescape(caption.voice).strip() if caption.voice else None
    cue = Cue(
        ordinal=ordinal,
        line=timing_at,
        start=timedelta(milliseconds=caption.start_time.in_milliseconds()),
        end=timedelta(milliseconds=caption.end_time.in_milliseconds()),
        speaker=voice,
        text=" ".join(lines),
        cue_id=caption.identifier,
    )
    return _ReadCue(cue, voice, lines, bool(_INLINE_TIMESTAMP.search(caption.raw_text)))


def _drop_rolled_lines(raw: list[_ReadCue]) -> list[_ReadCue]:
    """YouTube auto-captions repeat the previous cue's last line first: keep only new text."""
    rolled: list[_ReadCue] = []
    previous: list[str] = []
    for item in raw:
        lines = item.lines
        repeats = bool(previous and lines and lines[0] == previous[-1])
        if repeats:
            lines = lines[1:]
        cue = replace(item.cue, text=" ".join(lines), repeats_previous=repeats and not lines)
        rolled.append(replace(item, cue=cue, lines=lines))
        previous = item.lines
    return rolled


def _is_header(block: _Block) -> bool:
    return block.first_line == 1 and block.lines[0].startswith("WEBVTT")


def _is_non_cue(block: _Block) -> bool:
    head = block.lines[0]
    word = head.split(maxsplit=1)[0] if head.split() else ""
    return word in {"NOTE", "STYLE", "REGION"} and not any(_ARROW in ln for ln in block.lines[1:])


class WebVTTFormat:
    """WebVTT transcripts; cue offsets placed in UTC through the meeting start."""

    name = NAME
    kind = "transcript"
    recognised_by = "first line 'WEBVTT' (after an optional BOM)"

    def sniff(self, sample: Sniff) -> bool:
        """True when the file starts with the ``WEBVTT`` signature."""
        if sample.head is None:
            return False
        head = sample.head.removeprefix(b"\xef\xbb\xbf")
        return head.startswith(b"WEBVTT") and head[6:7] in (b"", b" ", b"\t", b"\r", b"\n")

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every cue; raise ``MalformedSourceError`` at the line of a broken one."""
        report = FileReport(path=str(path), format=NAME)
        text = decode_text(path, path.read_bytes(), report.warnings)
        lines = split_lines(text)
        if not lines or not lines[0].startswith("WEBVTT"):
            found = repr(lines[0][:40]) if lines else "an empty file"
            raise MalformedSourceError(
                path, "a first line 'WEBVTT'", location="line 1", found=found
            )
        declared: str | None = None
        raw: list[_ReadCue] = []
        for block in _blocks(lines):
            if _is_header(block) or _is_non_cue(block):
                for line in block.lines:
                    declared = declared or declared_start(line)
                continue
            raw.append(_read_cue(path, block, ordinal=len(raw) + 1))
        if any(item.karaoke for item in raw):
            raw = _drop_rolled_lines(raw)
        voices = {item.voice for item in raw if item.voice}
        prefixes = SpeakerPrefixes((r.cue.text for r in raw if not r.voice), known=voices)
        cues = [r.cue if r.voice else _with_prefix_speaker(r.cue, prefixes) for r in raw]
        if _is_teams(cues):
            cues = merge_speaker_runs(cues)
        if not cues:
            return ParseResult(events=[], report=report)
        start = resolve_meeting_start(path, options, declared, report.warnings)
        events = cue_events(cues, path=path, source=NAME, start=start, report=report)
        return ParseResult(events=events, report=report)


def _is_teams(cues: list[Cue]) -> bool:
    """Every cue has an id, each in Teams' ``<GUID>/<N>-<M>`` shape."""
    return bool(cues) and all(c.cue_id and _TEAMS_CUE_ID.match(c.cue_id) for c in cues)


def _with_prefix_speaker(cue: Cue, prefixes: SpeakerPrefixes) -> Cue:
    speaker, text = prefixes.split(cue.text)
    if speaker is None:
        return cue
    return replace(cue, speaker=speaker, text=text)


FORMAT = WebVTTFormat()
