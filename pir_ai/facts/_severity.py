"""The incident's severity, as the sources state it, with the record that states it.

In this order:

1. a statement in any message, topic or bot post ("Declaring SEV1", "Severity: SEV2"),
   the earliest;
2. the paging tool's priority of the incident (PagerDuty ``priority``, Opsgenie
   ``priority`` on a page raised by hand);
3. last resort, an alert's own ``severity`` label, marked as such: an alert labelled
   "warning" says how its rule was tuned, not how bad the incident was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pir_ai.events import Event, EventKind

SEV_STATEMENT = re.compile(r"\b(SEV|Sev|sev)[ -]?(?P<level>[0-5])\b")
PRIORITY_VALUE = re.compile(r"^\s*(P[0-5]|SEV[ -]?[0-5])\b", re.IGNORECASE)


class SeverityBasis(StrEnum):
    """Where the severity was read."""

    STATED = "stated in the sources"
    PAGING_PRIORITY = "the paging tool's priority"
    ALERT_LABEL = "an alert's severity label (last resort)"


@dataclass(frozen=True)
class SeverityFact:
    """A severity, the event that states it, and where it was read."""

    value: str
    event_id: str
    basis: SeverityBasis


def find_severity(events: Sequence[Event]) -> SeverityFact | None:
    """The incident's severity, by the order in the module docstring."""
    for event in events:
        match = SEV_STATEMENT.search(event.text)
        if match:
            return SeverityFact(f"SEV{match['level']}", event.id, SeverityBasis.STATED)
    for event in events:
        if event.kind is not EventKind.ALERT_TRIGGERED:
            continue
        priority = event.attrs.get("priority", "")
        found = PRIORITY_VALUE.match(priority)
        if found:
            value = found.group(1).upper().replace(" ", "").replace("-", "")
            return SeverityFact(value, event.id, SeverityBasis.PAGING_PRIORITY)
    for event in events:
        if event.kind is EventKind.ALERT_TRIGGERED and event.attrs.get("severity"):
            return SeverityFact(event.attrs["severity"], event.id, SeverityBasis.ALERT_LABEL)
    return None
