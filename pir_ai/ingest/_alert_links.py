"""Link an alert a chat bot posted to the same alert read from the alerting tool.

A bot copy in chat and the tool's own record are the same happening when they
have the same kind (triggered, acknowledged, resolved...), name the same alert
(alertname, title or incident number, compared loosely) and lie within
``LINK_WINDOW`` of each other. Both get the other's id in ``links``; the chat
copy also gets ``attrs["copy_of"]`` naming the tool event it repeats, so counts
can keep the tool's record and drop the copy.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from datetime import timedelta

from pir_ai.events import Event, EventKind

LINK_WINDOW = timedelta(minutes=10)
"""How far apart a chat copy and the tool's record of one alert may be."""

ALERT_KINDS = frozenset(
    {
        EventKind.ALERT_TRIGGERED,
        EventKind.ALERT_ACKNOWLEDGED,
        EventKind.ALERT_ESCALATED,
        EventKind.ALERT_NOTIFIED,
        EventKind.ALERT_ANNOTATED,
        EventKind.ALERT_RESOLVED,
    }
)
_TAGS = re.compile(r"^\s*(\[[^\]]*\]\s*)+")
_NOTE = re.compile(r"\s*\([^)]*\)\s*$")


def _title_key(value: str) -> str:
    text = _NOTE.sub("", _TAGS.sub("", value))
    return " ".join(text.casefold().split()).strip(" .:-")


def alert_keys(event: Event) -> set[str]:
    """The names an alert event goes by: alertname, title, first word, incident number."""
    keys: set[str] = set()
    for attr in ("alertname", "alert_title", "title"):
        value = event.attrs.get(attr)
        if value and _title_key(value):
            keys.add("name:" + _title_key(value))
    number = event.attrs.get("incident_number")
    if number:
        keys.add("number:" + number.strip().lstrip("#"))
    return keys


def link_chat_alerts(events: Sequence[Event], chat_sources: Collection[str]) -> list[Event]:
    """Events with chat-posted alerts and their alerting-tool twins linked both ways.

    Each chat copy links to the nearest matching event of every alerting source.
    """
    chat = [e for e in events if e.source in chat_sources and e.kind in ALERT_KINDS]
    tool = [e for e in events if e.source not in chat_sources and e.kind in ALERT_KINDS]
    if not chat or not tool:
        return list(events)
    tool.sort(key=lambda e: e.ts)
    tool_times = [e.ts for e in tool]
    tool_keys = {e.id: alert_keys(e) for e in tool}
    added: dict[str, list[str]] = {}
    copy_of: dict[str, str] = {}
    for copy in chat:
        keys = alert_keys(copy)
        nearest: dict[str, Event] = {}
        start = bisect_left(tool_times, copy.ts - LINK_WINDOW)
        stop = bisect_right(tool_times, copy.ts + LINK_WINDOW)
        for twin in tool[start:stop]:
            if twin.kind is not copy.kind:
                continue
            if not keys & tool_keys[twin.id]:
                continue
            best = nearest.get(twin.source)
            if best is None or abs(twin.ts - copy.ts) < abs(best.ts - copy.ts):
                nearest[twin.source] = twin
        for twin in sorted(nearest.values(), key=lambda e: abs(e.ts - copy.ts)):
            added.setdefault(copy.id, []).append(twin.id)
            added.setdefault(twin.id, []).append(copy.id)
            copy_of.setdefault(copy.id, twin.id)
    linked = []
    for event in events:
        new = [i for i in added.get(event.id, []) if i not in event.links]
        if not new:
            linked.append(event)
            continue
        update: dict[str, object] = {"links": (*event.links, *dict.fromkeys(new))}
        if event.id in copy_of:
            update["attrs"] = {**event.attrs, "copy_of": copy_of[event.id]}
        linked.append(event.trusted_copy(update))
    return linked
