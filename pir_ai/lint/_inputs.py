"""PIR005: a source the draft was made without, because it could not be placed in time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

from pir_ai.events import Event
from pir_ai.findings import Category, Severity
from pir_ai.lint._context import LintContext
from pir_ai.lint._registry import Hit, Kind, rule
from pir_ai.postmortem import DraftMetadata, InputSummary, Postmortem

_T0 = datetime(2025, 3, 4, 14, 2, tzinfo=UTC)
Example = tuple[Postmortem, dict[str, Event]]


def _draft(unplaced: list[str]) -> Example:
    meta = DraftMetadata(
        generator="offline",
        produced_without_model=True,
        created_at=_T0,
        inputs=InputSummary(files=1, records_read=1, events=0, skipped=1, unplaced=unplaced),
    )
    return Postmortem(title="Checkout errors", metadata=meta), {}


def _unplaced_transcript(
    pm: Postmortem, events: Mapping[str, Event], ctx: LintContext
) -> Iterator[Hit]:
    """A call transcript left off the timeline: no start time, and none of its lines
    matched the chat closely enough to place it.

    What it catches: a transcript whose cues carry only offsets, which the draft could not use.
    Why: what was said on the call is missing from the timeline, and nothing says so in it.
    Example: a Zoom ``.vtt`` with no time in its name and no ``NOTE meeting_start:`` line.
    Rewrite: draft again with ``--meeting-start`` (``meeting_start=`` in the API).
    """
    for path in pm.metadata.inputs.unplaced if pm.metadata.inputs else ():
        yield Hit(message=path, field="metadata.inputs.unplaced")


rule(
    "PIR005",
    Category.STRUCTURE,
    Severity.WARNING,
    Kind.DRAFT,
    message="the transcript {m} has no start time and nothing aligned it with the chat: it is "
    "left off the timeline",
    suggestion="Give the call's start with --meeting-start (meeting_start= in the API), "
    "or add a 'NOTE meeting_start: <ISO>' line to the file, and draft again.",
    fails=(lambda: _draft(["incident/bridge.vtt"]),),
    passes=(lambda: _draft([]),),
)(_unplaced_transcript)
