"""The candidate trigger: the change nearest before impact start, always for review.

A change is a change record (git, deploy logs, Kubernetes) or a deploy bot's message.
Kubernetes events other than rollouts (NodeNotReady, BackOff, OOMKilling) are
symptoms, not changes, and are never a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from pir_ai.events import Event
from pir_ai.facts._phrases import COMPLETED
from pir_ai.facts._signals import is_change, is_human
from pir_ai.postmortem import IncidentMetrics

TRIGGER_WINDOW = timedelta(hours=24)
"""How long before impact start a change may be the candidate trigger."""
ANNOUNCE_WINDOW = timedelta(minutes=10)
"""How close to a change a person's message must be to count as announcing it."""
VERSION_REF = re.compile(r"(?<![\w.])(?:v?\d+(?:[.-]\d+)+|#\d{2,})(?![\w.])")
"""Versions and pull-request numbers: '2024.05.14-3', 'v2.31.0', '#4821'."""


CLUSTER_CHANGES = frozenset({"ScalingReplicaSet", "SuccessfulRescale", "DeploymentRollback"})
"""Kubernetes event reasons that record a change; other reasons record symptoms."""


def is_candidate_change(event: Event) -> bool:
    """A change that could have started the incident (not a symptom a cluster recorded)."""
    if not is_change(event):
        return False
    reason = event.attrs.get("reason")
    return reason is None or reason in CLUSTER_CHANGES


def find_trigger(events: Sequence[Event], metrics: IncidentMetrics) -> Event | None:
    """The change nearest before impact start (within a day): a candidate, for review.

    When the nearest record is a deploy finishing, the record of the same deploy
    starting (same version or pull-request number) is returned: the change began there.
    """
    if metrics.impact_start is None:
        return None
    start = metrics.impact_start.ts
    changes = [
        e for e in events if is_candidate_change(e) and start - TRIGGER_WINDOW <= e.ts <= start
    ]
    if not changes:
        return None
    nearest = max(changes, key=lambda e: e.ts)
    refs = set(VERSION_REF.findall(nearest.text))
    if refs and COMPLETED.search(nearest.text):
        same = [
            e
            for e in changes
            if "commit" not in e.attrs and refs & set(VERSION_REF.findall(e.text))
        ]
        return min(same, key=lambda e: e.ts, default=nearest)
    return nearest


def trigger_refs(events: Sequence[Event], trigger: Event) -> set[str]:
    """Versions and PR numbers naming the trigger, from it and from people announcing it."""
    refs = set(VERSION_REF.findall(trigger.text))
    for event in events:
        if is_human(event) and abs(event.ts - trigger.ts) <= ANNOUNCE_WINDOW:
            found = set(VERSION_REF.findall(event.text))
            if found & refs:
                refs |= found
    return refs
