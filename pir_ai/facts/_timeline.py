"""Which events make the key timeline, and how each is described in one line."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from itertools import islice

from pir_ai.events import Event, EventKind
from pir_ai.facts._figures import states_figure
from pir_ai.facts._signals import alert_events, is_change, is_human, states
from pir_ai.facts._trigger import VERSION_REF, is_candidate_change, trigger_refs
from pir_ai.postmortem import IncidentMetrics, MomentBasis, TimelineEntry

MAX_TEXT = 160
MAX_CONTEXT_PER_RULE = 3
MAX_FINDINGS = 4

KEY_LABELS = (
    "trigger",
    "impact_start",
    "detected",
    "acknowledged",
    "first_response",
    "mitigated",
    "resolved",
)
_LABEL_WORDS = {
    "trigger": "Candidate trigger",
    "impact_start": "Impact start",
    "detected": "Detected",
    "acknowledged": "Acknowledged",
    "first_response": "First response",
    "mitigated": "Mitigated",
    "resolved": "Resolved",
}

ESCALATION = re.compile(
    r"(?:^|\s)@(here|channel)\b|\b(escalat\w*|paging|paged|page (in|the)|pull(ing)? (\w+ )?in"
    r"|loop(ing)? (\w+ )?in|i'?m (the )?(ic|incident commander)|i'?ll (be|take) (the )?ic"
    r"|taking ic|declar\w+ (an |the |a )?(sev|incident))\b",
    re.IGNORECASE,
)
COMMS = re.compile(
    r"\bstatus ?page\b.{0,20}\b(posted|updated?|set to|published)\b|\bstatus ?page:"
    r"|\bcustomer (email|comms|communication|update)\b",
    re.IGNORECASE,
)
DECISION = re.compile(r"\b(decision|decided|we'?re going to|going with)\b", re.IGNORECASE)
CODE_TOKEN = re.compile(
    r"`[^`]+`|\b\w+_\w+\b|\b[A-Za-z]*[a-z][A-Z]\w*|\b[A-Z]{2,}[a-z]+\w*|\b\d+(?:\.\d+){2,}\b"
)
"""What findings look like in chat: `code`, snake_case, CamelCase, OOMKilled, 3.8.0."""
URL = re.compile(r"https?://\S+")
SIGNAL_LEAD = timedelta(minutes=15)
"""How long before impact start a cluster warning is kept as an early signal."""
PEAK = re.compile(r"\bpeak(ed|s)?\s+(at|of)\s+\d", re.IGNORECASE)


_KIND_WORDS = {
    EventKind.ALERT_TRIGGERED: "Alert fired",
    EventKind.ALERT_RESOLVED: "Alert resolved",
    EventKind.ALERT_ACKNOWLEDGED: "Alert acknowledged",
    EventKind.ALERT_ESCALATED: "Alert escalated",
    EventKind.CHANGE: "Change",
}
_ALERT_KINDS = frozenset(_KIND_WORDS) - {EventKind.CHANGE}


def describe(event: Event) -> str:
    """One line saying what an event records, in the source's own words.

    An alert keeps its first sentence (its summary); the rest repeats labels.
    """
    text = " ".join(event.text.split())
    if event.kind in _ALERT_KINDS:
        text = re.split(r"(?<=[.!])\s", text, maxsplit=1)[0]
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1].rstrip() + "…"
    prefix = _KIND_WORDS.get(event.kind)
    name = event.attrs.get("alertname")
    if prefix is None:
        return text or event.kind.value
    if name and name in text:
        return text
    if name:
        prefix = f"{prefix} ({name})"
    return f"{prefix}: {text}" if text else prefix


def _said_in_chat(event: Event) -> bool:
    """Context comes from the chat; a call's cue saying the same thing would repeat it."""
    return is_human(event) and event.kind is EventKind.MESSAGE


def _finding(event: Event) -> bool:
    """A statement in chat naming something technical: what responders found."""
    text = URL.sub("", event.text)
    return (
        _said_in_chat(event) and not text.rstrip().endswith("?") and bool(CODE_TOKEN.search(text))
    )


def _early_signals(events: Sequence[Event], start: datetime) -> list[Event]:
    """Cluster symptoms (NodeNotReady, OOMKilling) recorded shortly before impact start."""
    return [
        e
        for e in events
        if e.kind is EventKind.CHANGE
        and not is_candidate_change(e)
        and start - SIGNAL_LEAD <= e.ts < start
    ][:2]


def _mentions(refs: set[str]) -> Callable[[Event], bool]:
    def mentions(event: Event) -> bool:
        statement = not event.text.rstrip().endswith("?")
        return statement and bool(refs & set(VERSION_REF.findall(event.text)))

    return mentions


def _context(
    events: Sequence[Event],
    start: datetime | None,
    end: datetime | None,
    trigger: Event | None,
    mitigated: datetime | None = None,
) -> list[Event]:
    """What a reader needs between impact start and resolution: escalations, decisions,
    changes, talk about the trigger change, the peak, customer comms, other alerts."""
    if start is None:
        return []
    window = [e for e in events if e.ts >= start and (end is None or e.ts <= end)]
    refs = trigger_refs(events, trigger) if trigger is not None else set()
    rules: list[tuple[Callable[[Event], bool], int]] = [
        (lambda e: e.kind is EventKind.ALERT_ESCALATED, MAX_CONTEXT_PER_RULE),
        (lambda e: _said_in_chat(e) and states(ESCALATION, e.text), MAX_CONTEXT_PER_RULE),
        (lambda e: _said_in_chat(e) and states(DECISION, e.text), 2),
        (is_change, MAX_CONTEXT_PER_RULE),
        (lambda e: _said_in_chat(e) and _mentions(refs)(e), MAX_CONTEXT_PER_RULE),
        (lambda e: _said_in_chat(e) and states_figure(e.text), 1),
        (lambda e: _said_in_chat(e) and states(PEAK, e.text), 1),
        (lambda e: _said_in_chat(e) and states(COMMS, e.text), 2),
    ]
    found_until = mitigated or end
    picked: list[Event] = _early_signals(events, start)
    findings = (e for e in window if _finding(e) and (found_until is None or e.ts <= found_until))
    picked += islice(findings, MAX_FINDINGS)
    for rule, limit in rules:
        picked.extend(islice((e for e in window if rule(e)), limit))
    seen_alerts: set[str] = set()
    for event in alert_events(window, EventKind.ALERT_TRIGGERED):
        name = event.attrs.get("alertname")
        if name and name not in seen_alerts:
            seen_alerts.add(name)
            picked.append(event)
    return picked


def timeline_entries(
    events: Sequence[Event], metrics: IncidentMetrics, trigger: Event | None
) -> list[TimelineEntry]:
    """Entries for the key moments (one per event, first label wins) plus context."""
    by_id = {e.id: e for e in events}
    labels: dict[str, list[str]] = {}
    if trigger is not None:
        labels[trigger.id] = ["trigger"]
    stated: dict[str, str] = {}
    for label in KEY_LABELS[1:]:
        found = getattr(metrics, label)
        if found is None or found.event_id not in by_id:
            continue
        if found.basis is MomentBasis.STATED:
            # The message is not the moment: it says when the moment was.
            stated[found.event_id] = f"{_LABEL_WORDS[label]} as stated ({found.ts:%H:%M} UTC). "
        else:
            labels.setdefault(found.event_id, []).append(label)
    start = metrics.impact_start.ts if metrics.impact_start else None
    end = metrics.resolved.ts if metrics.resolved else None
    mitigated = metrics.mitigated.ts if metrics.mitigated else None
    chosen = {e.id: e for e in _context(events, start, end, trigger, mitigated)}
    chosen.update({event_id: by_id[event_id] for event_id in [*labels, *stated]})
    entries = []
    for event in sorted(chosen.values(), key=lambda e: e.ts):
        roles = labels.get(event.id, [])
        text = stated.get(event.id, "") + describe(event)
        if roles:
            text = f"{' / '.join(_LABEL_WORDS[r] for r in roles)}. {text}"
        entries.append(
            TimelineEntry(
                ts=event.ts,
                event_id=event.id,
                text=text,
                actor=event.actor,
                label=roles[0] if roles else None,
            )
        )
    return entries
