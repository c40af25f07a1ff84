"""SRT (SubRip) transcripts to transcript-cue events, read with the ``srt`` library.

Accepts what real files contain: a BOM, CRLF, Windows-1252 text, missing or
out-of-order indices, ``.`` instead of ``,`` in times. Speakers are taken from a
``NAME: text`` prefix when it looks like a name (see ``transcript_common``).

Policy for broken blocks, as for WebVTT: text ``srt`` cannot read raises
``MalformedSourceError`` naming the line. Offsets need a meeting start:
``--meeting-start`` or a Zoom ``GMTyyyymmdd-hhmmss`` file name (SRT has no comments).
"""

from __future__ import annotations

import re
from pathlib import Path

import srt

from pir_ai.errors import MalformedSourceError
from pir_ai.events import FileReport
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._transcript_common import (
    Cue,
    SpeakerPrefixes,
    cue_events,
    decode_text,
    resolve_meeting_start,
    split_lines,
)

NAME = "srt"
_TIME = r"\d+:\d+:\d+[,.]\d*"
_TIMING_LINE = re.compile(rf"\s*{_TIME} *-[ -] *> *{_TIME}")
_INDEX_LINE = re.compile(r"\s*\d+\s*")


def _first_bad_line(text: str, err: srt.SRTParseError) -> tuple[int, str]:
    """Line number and text of the first unreadable line (an index line is not the culprit)."""
    first = text.count("\n", 0, err.expected_start) + 1
    lines = err.unmatched_content.split("\n")
    for number, line in enumerate(lines, start=first):
        if line.strip() and not _INDEX_LINE.fullmatch(line):
            return number, line.strip()
    return first, "blank text"


class SrtFormat:
    """SubRip subtitles; offsets placed in UTC through the meeting start."""

    name = NAME
    kind = "transcript"
    recognised_by = "an index line then 'HH:MM:SS,mmm --> HH:MM:SS,mmm', or a timing line first"

    def sniff(self, sample: Sniff) -> bool:
        """True when the first block is ``[index]`` + an SRT timing line."""
        if sample.head is None:
            return False
        text = sample.head[:4096].decode("utf-8", "replace").lstrip("\ufeff")
        lines = [ln for ln in split_lines(text) if ln.strip()][:2]
        if not lines:
            return False
        if _TIMING_LINE.match(lines[0]):
            return True
        return (
            len(lines) == 2
            and _INDEX_LINE.fullmatch(lines[0]) is not None
            and _TIMING_LINE.match(lines[1]) is not None
        )

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every subtitle; raise ``MalformedSourceError`` at the line srt cannot read."""
        report = FileReport(path=str(path), format=NAME)
        text = decode_text(path, path.read_bytes(), report.warnings).lstrip("\ufeff")
        timing_lines = [
            number
            for number, line in enumerate(split_lines(text), start=1)
            if _TIMING_LINE.match(line)
        ]
        try:
            subtitles = list(srt.parse(text))
        except srt.SRTParseError as err:
            line, found = _first_bad_line(text, err)
            raise MalformedSourceError(
                path,
                "an SRT block: index, 'HH:MM:SS,mmm --> HH:MM:SS,mmm', text",
                location=f"line {line}",
                found=repr(found[:80]),
            ) from err
        except (ValueError, OverflowError) as err:
            raise MalformedSourceError(
                path, "SRT times 'HH:MM:SS,mmm'", location="a timing line", found=str(err)[:80]
            ) from err
        prefixes = SpeakerPrefixes(" ".join(s.content.split()) for s in subtitles)
        cues = []
        for ordinal, subtitle in enumerate(subtitles, start=1):
            speaker, body = prefixes.split(" ".join(subtitle.content.split()))
            line = timing_lines[ordinal - 1] if ordinal <= len(timing_lines) else 0
            cues.append(
                Cue(
                    ordinal=ordinal,
                    line=line,
                    start=subtitle.start,
                    end=subtitle.end,
                    speaker=speaker,
                    text=body,
                    cue_id=None if subtitle.index is None else str(subtitle.index),
                )
            )
        if not cues:
            return ParseResult(events=[], report=report)
        start = resolve_meeting_start(path, options, None, report.warnings)
        events = cue_events(cues, path=path, source=NAME, start=start, report=report)
        return ParseResult(events=events, report=report)


FORMAT = SrtFormat()
