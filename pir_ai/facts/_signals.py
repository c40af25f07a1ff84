"""What kind of signal an event is: a person speaking, a change, an alert, a statement.

The predicates every fact rule reads first; they look at the event's kind before its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from pir_ai.events import Event, EventKind
from pir_ai.facts._phrases import DEPLOY_WORDS, HYPOTHETICAL, NEGATED

_HUMAN_KINDS = (EventKind.MESSAGE, EventKind.TRANSCRIPT_CUE)
_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")


def is_human(event: Event) -> bool:
    """A message or transcript cue written or spoken by a person."""
    return event.kind in _HUMAN_KINDS and not event.is_bot and bool(event.actor)


def is_change(event: Event) -> bool:
    """A change record, or a deploy bot's message about a deploy, rollback or revert."""
    if event.kind is EventKind.CHANGE:
        return True
    return (
        event.kind is EventKind.MESSAGE and event.is_bot and bool(DEPLOY_WORDS.search(event.text))
    )


def alert_events(events: Sequence[Event], kind: EventKind) -> list[Event]:
    """Alert events of ``kind``, from the alerting tools themselves when they are present.

    A source that also produced chat messages is a chat export: its alerts are copies a
    bot posted, later than the tool's own record and often repeated. They are used only
    when no alerting tool's file was given.
    """
    chat_sources = {e.source for e in events if e.kind is EventKind.MESSAGE}
    same = [e for e in events if e.kind is kind]
    tool = [e for e in same if e.source not in chat_sources]
    return tool or same


def distinct_events(events: Sequence[Event]) -> list[Event]:
    """Events in time order, each happening once: of events that ``links`` join, the
    alerting tool's own record is kept (else the earliest), and bot copies are dropped."""
    chat_sources = {e.source for e in events if e.kind is EventKind.MESSAGE}
    by_id = {e.id: e for e in events}

    def rank(event: Event) -> tuple[bool, datetime, str]:
        return (event.source in chat_sources, event.ts, event.id)

    def is_copy(event: Event) -> bool:
        if not event.links:
            return False
        linked = [by_id[link] for link in event.links if link in by_id]
        return any(rank(other) < rank(event) for other in linked)

    return sorted((e for e in events if not is_copy(e)), key=lambda e: e.ts)


def states(pattern: re.Pattern[str], text: str, *, actual: bool = False) -> bool:
    """True when ``text`` asserts ``pattern``: not in a question, not negated just before;
    with ``actual``, not in a sentence about what would or will happen either."""
    if not pattern.search(text):
        return False
    for sentence in _SENTENCE_END.split(text):
        if sentence.rstrip().endswith("?") or (actual and HYPOTHETICAL.search(sentence)):
            continue
        for match in pattern.finditer(sentence):
            if not NEGATED.search(sentence[: match.start()]):
                return True
    return False
