"""Placing a transcript that carries only offsets: align its lines with the chat.

People on a call say what they also type: "both ALBs have empty target groups" is spoken
a few seconds after (or before) it is posted. Each spoken line that matches a chat message
closely (rapidfuzz's token-set ratio) implies a start: the message's time minus the line's
offset. A start is accepted only when at least ``MIN_AGREEING`` such pairs agree within
``AGREE_WITHIN``; one match alone is too easily a coincidence ("rolling back now"). The
start is the median of the agreeing pairs. Nothing is guessed when nothing agrees: the
caller leaves the transcript off the timeline and says how to give the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import median

from rapidfuzz import fuzz, process, utils

from pir_ai.events import Event, EventKind

PLACEHOLDER_START = datetime(2000, 1, 1, tzinfo=UTC)
"""The start a transcript is first read with, so that each cue's time is its offset."""

MIN_SCORE = 80.0
MIN_WORDS = 5
MIN_AGREEING = 2
AGREE_WITHIN = timedelta(minutes=2)


@dataclass(frozen=True)
class Alignment:
    """A transcript's start found from the chat, and the pairs of lines that fix it."""

    start: datetime
    pairs: tuple[tuple[Event, Event], ...]
    """(cue read at ``PLACEHOLDER_START``, the chat message it matched)."""

    def describe(self) -> str:
        """One line for the ingest report: the start and the lines it rests on."""
        shown = ", ".join(
            f"{cue.ref.record} ~ {message.id} ({message.ts:%H:%M:%S}Z)"
            for cue, message in self.pairs[:3]
        )
        return (
            f"no meeting start given: placed at {self.start:%Y-%m-%dT%H:%M:%SZ} by aligning "
            f"{len(self.pairs)} lines with the chat ({shown}); pass --meeting-start to override"
        )


def align_transcript(cues: Sequence[Event], chat: Sequence[Event]) -> Alignment | None:
    """The start that best lines ``cues`` (read at ``PLACEHOLDER_START``) up with ``chat``.

    ``chat`` holds events from the other sources; only people's messages are used.
    """
    messages = [m for m in chat if m.kind is EventKind.MESSAGE and not m.is_bot and _words(m.text)]
    texts = [utils.default_process(m.text) for m in messages]
    implied: list[tuple[datetime, Event, Event]] = []
    for cue in cues:
        if cue.kind is not EventKind.TRANSCRIPT_CUE or _words(cue.text) < MIN_WORDS:
            continue
        match = process.extractOne(
            utils.default_process(cue.text),
            texts,
            scorer=fuzz.token_set_ratio,
            score_cutoff=MIN_SCORE,
        )
        if match is None:
            continue
        message = messages[match[2]]
        implied.append((message.ts - (cue.ts - PLACEHOLDER_START), cue, message))
    return _consensus(implied)


def _words(text: str) -> int:
    return len(text.split())


def _consensus(implied: list[tuple[datetime, Event, Event]]) -> Alignment | None:
    """The largest group of implied starts that agree within ``AGREE_WITHIN``."""
    implied.sort(key=lambda item: item[0])
    best: list[tuple[datetime, Event, Event]] = []
    low = 0
    for high in range(len(implied)):
        while implied[high][0] - implied[low][0] > AGREE_WITHIN:
            low += 1
        if high - low + 1 > len(best):
            best = implied[low : high + 1]
    if len(best) < MIN_AGREEING:
        return None
    seconds = median(start.timestamp() for start, _, _ in best)
    start = datetime.fromtimestamp(round(seconds), tz=UTC)
    return Alignment(start=start, pairs=tuple((cue, message) for _, cue, message in best))
