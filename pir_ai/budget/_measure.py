"""Measure condensing: tokens kept against a naive dump, and whether key events survive.

The benchmark reports these figures; the naive dump is every event on one line with
its id, time, source, channel, kind and actor, nothing dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pir_ai.budget._chunks import input_budget
from pir_ai.budget._condense import condense, key_event_ids
from pir_ai.budget._tokens import context_window, count_tokens
from pir_ai.events import Event, Incident
from pir_ai.facts import compute_metrics, distinct_events, key_timeline


def naive_dump(events: Iterable[Event]) -> str:
    """Every event, one line each, nothing dropped: the baseline condensing is measured on."""
    return "\n".join(
        f"{e.id} {e.ts.isoformat()} {e.source} {e.channel or ''} {e.kind} {e.actor or ''}: {e.text}"
        for e in events
    )


@dataclass(frozen=True)
class CondenseStats:
    """How much condensing saved, and whether the events that matter survived it."""

    naive_tokens: int
    condensed_tokens: int
    context_tokens: int
    key_events: int
    key_events_kept: int
    lines: int
    events: int
    dropped: dict[str, int] = field(default_factory=dict)
    grouped: int = 0
    missing_expected: list[str] = field(default_factory=list)
    """Phrases of expected events that no condensed line stands for."""

    @property
    def ratio(self) -> float:
        """Condensed tokens over naive-dump tokens (target: 0.2 or less)."""
        return self.condensed_tokens / self.naive_tokens if self.naive_tokens else 0.0

    @property
    def fits(self) -> bool:
        """True when the condensed incident fits in one prompt without map-reduce."""
        return self.condensed_tokens <= input_budget(self.context_tokens)


def condense_ratio(
    incident: Incident,
    model: str,
    *,
    context_tokens: int | None = None,
    expected: Iterable[tuple[datetime, str]] = (),
) -> CondenseStats:
    """Measure condensing ``incident`` for ``model``: tokens kept vs a naive dump, key events.

    A key event "survives" when it is the event a condensed line's short id resolves to,
    so the draft can cite it. ``expected`` lists events known to matter (a gold file's
    time and a phrase of the text); each survives when a condensed line stands for an
    event at that second whose text contains the phrase.
    """
    metrics = compute_metrics(incident.events)
    timeline = key_timeline(incident.events, metrics)
    condensed = condense(incident.events, metrics=metrics, timeline=timeline)
    keys = key_event_ids(distinct_events(incident.events), metrics, timeline)
    citable = {line.event_id for line in condensed.lines}
    kept = {member for line in condensed.lines for member in line.members}
    by_id = incident.by_id()
    missing = [
        phrase
        for ts, phrase in expected
        if not any(
            phrase in by_id[i].text and abs((by_id[i].ts - ts).total_seconds()) < 1
            for i in kept
            if by_id[i].ts.replace(microsecond=0) == ts.replace(microsecond=0)
        )
    ]
    return CondenseStats(
        naive_tokens=count_tokens(naive_dump(incident.events)),
        condensed_tokens=count_tokens(condensed.render()),
        context_tokens=context_tokens or context_window(model),
        key_events=len(keys),
        key_events_kept=len(keys & citable),
        lines=len(condensed.lines),
        events=len(incident.events),
        dropped=dict(condensed.dropped),
        grouped=condensed.grouped,
        missing_expected=missing,
    )
