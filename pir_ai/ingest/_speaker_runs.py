"""One speaker going on across several cues: one utterance, one event.

Microsoft Teams cuts an utterance into cues of a few seconds and starts a new
utterance when the speaker pauses, so a single answer can be five cues. Read one
event per cue, the timeline and the drafting prompt repeat the speaker five times
and cut sentences in half. ``webvtt`` folds such runs in Teams files; every folded
cue stays accounted for (``transcript_common.cue_events`` counts it as skipped,
naming the cue whose event holds its text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from pir_ai.ingest._transcript_common import Cue

MERGE_GAP = timedelta(seconds=2)
"""Longest pause between one speaker's cues that still continues one utterance."""
MERGE_SPAN = timedelta(seconds=60)
"""Longest time from an utterance's first cue to a cue folded into it, so its event's
time stays within a minute of everything said in it."""


def merge_speaker_runs(cues: Sequence[Cue]) -> list[Cue]:
    """Fold each cue into the one before when the same speaker goes on after a short pause.

    A cue joins the run before it when it has text, names the same speaker, starts at
    most ``MERGE_GAP`` after the previous cue ends, and at most ``MERGE_SPAN`` after the
    run's first cue starts. The run becomes one cue: the first's start, id and line, the
    last's end, the texts joined by a space, the folded cues kept in ``merged`` so
    ``cue_events`` can account for each of them.
    """
    runs: list[Cue] = []
    for cue in cues:
        head = runs[-1] if runs else None
        last = head.merged[-1] if head is not None and head.merged else head
        if (
            head is not None
            and last is not None
            and cue.speaker is not None
            and cue.speaker == head.speaker
            and cue.text.strip()
            and head.text.strip()
            and cue.start - (last.end if last.end is not None else last.start) <= MERGE_GAP
            and cue.start - head.start <= MERGE_SPAN
        ):
            runs[-1] = replace(
                head, end=cue.end, text=f"{head.text} {cue.text}", merged=(*head.merged, cue)
            )
        else:
            runs.append(cue)
    return runs
