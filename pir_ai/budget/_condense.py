"""Fit an incident into a model's context: condense and give short ids.

Condensing keeps what a reviewer needs and drops what only costs tokens:

- noise goes: ``system`` events (joins, leaves, topic changes), bot copies of events
  another source already recorded (``links``), and short human chatter ("ok", "+1")
  far from every key moment;
- what lies outside the incident goes: messages before ``SPAN_LEAD`` ahead of the first
  key moment or after ``SPAN_TAIL`` past the last one, and changes more than
  ``CHANGE_LEAD`` before it; alerts outside the span stay, grouped;
- repeated alerts (same source, kind and alert name) and bot messages repeated word for
  word become one line with a count, the first and the last time;
- every human message within ``window`` of a key moment is kept whole, and so is every
  key event, change, and message that states something (see ``is_chatter``).

Every kept line gets a short id (``E1``, ``E2`` ...) in time order; the model cites
short ids and code maps them back to the real event ids. ``budget_chunks`` splits the
lines into chunks that fit a context, ``budget_measure`` measures the result.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pir_ai.budget._tokens import count_tokens
from pir_ai.events import Event, EventKind
from pir_ai.facts import compute_metrics, distinct_events, is_human, key_timeline
from pir_ai.postmortem import IncidentMetrics, Moment, TimelineEntry

KEY_WINDOW = timedelta(minutes=15)
"""Human messages this close to a key moment are always kept whole."""
MAX_LINE_CHARS = 1200
"""Longer texts (pasted logs, stack traces) are cut here, with a marker saying so."""
SPAN_LEAD = timedelta(hours=2)
"""Messages this long before the first key moment still belong to the incident."""
SPAN_TAIL = timedelta(hours=1)
"""Messages this long after the last key moment still belong to the incident."""
CHANGE_LEAD = timedelta(hours=24)
"""Changes this long before the first key moment may have triggered it."""

_ALERT_KINDS = frozenset(kind for kind in EventKind if kind.value.startswith("alert_"))
_CHATTER = re.compile(
    r"^\W*(ok(ay)?|k|kk|ack|\+1|thanks?( you)?|thx|ty|yes|yep|yeah|no|nope|lgtm|sure|cool"
    r"|nice|great|on it|looking|same|me too|brb|back|here|:\w+:)\W*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class CondensedLine:
    """One line of the condensed incident, as the model sees it.

    Attributes:
        short_id: what the model cites (``E12``).
        event_id: the real event it resolves to (the first one, for a group).
        ts: time of that event.
        text: the line shown to the model, short id first.
        members: every event the line stands for (a group of repeats has many).
        key: True for key moments (metrics, key timeline, changes).
        tokens: ``count_tokens(text)``.
    """

    short_id: str
    event_id: str
    ts: datetime
    text: str
    members: tuple[str, ...]
    key: bool
    tokens: int


@dataclass
class CondensedIncident:
    """The incident as prompts carry it, with the short-id map and an account of what went."""

    lines: list[CondensedLine]
    metrics: IncidentMetrics
    dropped: Counter[str] = field(default_factory=Counter)
    grouped: int = 0

    @property
    def short_ids(self) -> dict[str, str]:
        """Short id -> real event id."""
        return {line.short_id: line.event_id for line in self.lines}

    @property
    def citations(self) -> dict[str, tuple[str, ...]]:
        """Short id -> the events a citation of it stands for.

        One event for most lines; for a group of repeats, its first and last, since the
        line shows both times ("repeated 12 times until ...") and a claim may use either.
        """
        return {
            line.short_id: (line.event_id, line.members[-1])
            if len(line.members) > 1
            else (line.event_id,)
            for line in self.lines
        }

    @property
    def tokens(self) -> int:
        """Tokens of all lines together (one per line for the newline, roughly)."""
        return sum(line.tokens + 1 for line in self.lines)

    def render(self, lines: Sequence[CondensedLine] | None = None) -> str:
        """The lines as prompt text, with a date header where the UTC day changes."""
        out: list[str] = []
        day = None
        for line in self.lines if lines is None else lines:
            if line.ts.date() != day:
                day = line.ts.date()
                out.append(f"--- {day.isoformat()} (UTC) ---")
            out.append(line.text)
        return "\n".join(out)


def is_chatter(text: str) -> bool:
    """True for messages that carry no information on their own ("ok", "+1", "thanks")."""
    return not text.strip() or bool(_CHATTER.match(text))


@dataclass(frozen=True)
class IncidentSpan:
    """When the incident happened, widened by the lead and tail margins.

    ``end`` is None while the incident has no resolution: everything after counts.
    """

    start: datetime
    end: datetime | None
    changes_from: datetime

    def holds(self, event: Event) -> bool:
        """True when ``event`` belongs to the incident by its time (changes reach further)."""
        start = self.changes_from if event.kind is EventKind.CHANGE else self.start
        return start <= event.ts and (self.end is None or event.ts <= self.end)


def incident_span(metrics: IncidentMetrics) -> IncidentSpan | None:
    """The span of the key moments with margins, or None when no moment is known."""
    moments = [m.ts for m in _moments(metrics) if m is not None]
    if not moments:
        return None
    first = min(moments)
    end = max(moments) + SPAN_TAIL if metrics.resolved is not None else None
    return IncidentSpan(first - SPAN_LEAD, end, first - CHANGE_LEAD)


def _moments(metrics: IncidentMetrics) -> list[Moment | None]:
    return [
        metrics.impact_start,
        metrics.detected,
        metrics.acknowledged,
        metrics.first_response,
        metrics.mitigated,
        metrics.resolved,
    ]


def key_event_ids(
    events: Sequence[Event],
    metrics: IncidentMetrics,
    timeline: Sequence[TimelineEntry] | None = None,
) -> set[str]:
    """Events the draft must be able to cite: key moments, key timeline, changes in the span."""
    ids = {m.event_id for m in _moments(metrics) if m is not None}
    if timeline is None:
        timeline = key_timeline(events, metrics)
    ids.update(entry.event_id for entry in timeline)
    span = incident_span(metrics)
    ids.update(
        e.id for e in events if e.kind is EventKind.CHANGE and (span is None or span.holds(e))
    )
    return ids


def condense(
    events: Sequence[Event],
    *,
    metrics: IncidentMetrics | None = None,
    timeline: Sequence[TimelineEntry] | None = None,
    window: timedelta = KEY_WINDOW,
) -> CondensedIncident:
    """Condense ``events`` for a prompt (see the module docstring for the rules).

    ``metrics`` and ``timeline`` are computed when not given.
    """
    metrics = metrics if metrics is not None else compute_metrics(events)
    if timeline is None:
        timeline = key_timeline(events, metrics)
    stream = distinct_events(events)
    dropped: Counter[str] = Counter()
    dropped["linked duplicate"] = len(events) - len(stream)
    keys = key_event_ids(stream, metrics, timeline)
    span = incident_span(metrics)
    anchors = {m.event_id for m in _moments(metrics) if m is not None}
    anchors.update(entry.event_id for entry in timeline)
    key_times = sorted(e.ts for e in stream if e.id in anchors)
    groups: dict[tuple[str, ...], list[Event]] = {}
    order: list[tuple[str, ...]] = []
    for event in stream:
        reason = _drop_reason(event, keys, span, key_times, window)
        if reason is not None:
            dropped[reason] += 1
            continue
        group = _group_key(event, keys)
        if group not in groups:
            groups[group] = []
            order.append(group)
        groups[group].append(event)
    lines = [_line(f"E{n}", groups[g], keys) for n, g in enumerate(order, start=1)]
    grouped = sum(len(groups[g]) - 1 for g in order)
    return CondensedIncident(lines=lines, metrics=metrics, dropped=dropped, grouped=grouped)


def _drop_reason(
    event: Event,
    keys: set[str],
    span: IncidentSpan | None,
    key_times: Sequence[datetime],
    window: timedelta,
) -> str | None:
    if event.id in keys:
        return None
    if event.kind is EventKind.SYSTEM:
        return "system event"
    if event.kind not in _ALERT_KINDS and span is not None and not span.holds(event):
        return "outside the incident span"
    if _far_chatter(event, keys, key_times, window):
        return "chatter far from key moments"
    return None


def _far_chatter(
    event: Event, keys: set[str], key_times: Sequence[datetime], window: timedelta
) -> bool:
    if not is_human(event) or event.id in keys or not is_chatter(event.text):
        return False
    return not _near(event.ts, key_times, window)


def _near(ts: datetime, key_times: Sequence[datetime], window: timedelta) -> bool:
    i = bisect_left(key_times, ts)
    neighbours = key_times[max(i - 1, 0) : i + 1]
    return any(abs(ts - k) <= window for k in neighbours)


def _group_key(event: Event, keys: set[str]) -> tuple[str, ...]:
    """Repeats share a key; everything else is keyed by its own id."""
    if event.id in keys:
        return ("event", event.id)
    if event.kind in _ALERT_KINDS:
        name = event.attrs.get("alertname") or _DIGITS.sub("#", event.text)[:120]
        return ("alert", event.kind.value, event.source, name)
    if event.is_bot:
        return ("bot", event.actor or "", " ".join(event.text.split()))
    return ("event", event.id)


def _line(short_id: str, members: list[Event], keys: set[str]) -> CondensedLine:
    first, last = members[0], members[-1]
    text = first.text.strip() or first.kind.value.replace("_", " ")
    if len(text) > MAX_LINE_CHARS:
        text = f"{text[:MAX_LINE_CHARS]} …[{len(text) - MAX_LINE_CHARS} more characters cut]"
    text = " ".join(text.split()) if first.kind in _ALERT_KINDS else text.replace("\n", "\n    ")
    channel = (first.channel or "").replace("[", "(").replace("]", ")")
    where = first.source + (f" #{channel}" if channel else "")
    kind = "" if first.kind in (EventKind.MESSAGE, EventKind.TRANSCRIPT_CUE) else f" {first.kind}"
    who = f" {first.actor}" + (" (bot)" if first.is_bot else "") if first.actor else ""
    line = f"{short_id} {first.ts:%H:%M:%S} [{where}]{kind}{who}: {text}"
    if len(members) > 1:
        line += f" (repeated {len(members)} times until {last.ts:%Y-%m-%d %H:%M:%S})"
    return CondensedLine(
        short_id=short_id,
        event_id=first.id,
        ts=first.ts,
        text=line,
        members=tuple(e.id for e in members),
        key=first.id in keys,
        tokens=count_tokens(line),
    )
