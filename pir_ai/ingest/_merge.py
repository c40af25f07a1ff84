"""Cross-source steps after every file is parsed.

1. Drop exact duplicates (the same record read from two files), counting them.
2. Give each person one name across sources (``actors.actor_renames``).
3. Link alerts a chat bot posted to the alerting tool's own records
   (``alert_links.link_chat_alerts``).
4. Order by time, stable across sources.
"""

from __future__ import annotations

from collections.abc import Mapping

from pir_ai.errors import ConfigError
from pir_ai.events import Event, IngestReport, SkippedRecord
from pir_ai.ingest._actors import actor_renames, apply_renames
from pir_ai.ingest._alert_links import link_chat_alerts
from pir_ai.ingest._base import ParseResult
from pir_ai.ingest._registry import by_name

CHAT_SOURCES = frozenset({"slack", "teams"})
"""Event sources that are chat even when their format is not in the registry."""


def _is_chat_format(name: str) -> bool:
    try:
        return by_name(name).kind == "chat"
    except ConfigError:
        return False


def _people(results: list[ParseResult]) -> list[Mapping[str, str]]:
    people: list[Mapping[str, str]] = []
    for result in results:
        facts = result.extra.get("people")
        if isinstance(facts, list):
            people.extend(p for p in facts if isinstance(p, Mapping))
    return people


def _drop_duplicates(results: list[ParseResult]) -> list[Event]:
    """Events of every result; an id already produced by another file is counted as skipped."""
    seen: dict[str, str] = {}
    events: list[Event] = []
    for result in results:
        for event in result.events:
            first_path = seen.get(event.id)
            if first_path is not None:
                result.report.skipped.append(
                    SkippedRecord(
                        location=event.ref.record,
                        reason=f"duplicate of the same record already read from {first_path}",
                        folded=True,
                    )
                )
                result.report.events_produced -= 1
                continue
            seen[event.id] = event.ref.path
            events.append(event)
    return events


def merge_results(results: list[ParseResult]) -> tuple[list[Event], IngestReport]:
    """Merge parse results into one stream, sorted by time (stable across sources).

    An event whose id was already produced by another file (the same webhook
    payload saved twice) is moved to that file's skipped list, so the report
    still accounts for every record. Actor names are unified across sources and
    chat-posted alerts are linked to the alerting tool's events (see the module
    docstring). Renamed events are also replaced in each result's ``events``.
    """
    chat_sources = set(CHAT_SOURCES)
    for result in results:
        if _is_chat_format(result.report.format):
            chat_sources.update({e.source for e in result.events})
    renames = actor_renames((e for r in results for e in r.events), _people(results))
    for result in results:
        # Renamed in each result's own list, so the originals are freed, not held twice.
        apply_renames(result.events, renames)
    events = _drop_duplicates(results)
    events = link_chat_alerts(events, chat_sources)
    events.sort(key=lambda e: e.ts)
    report = IngestReport(files=[r.report for r in results])
    return events, report
