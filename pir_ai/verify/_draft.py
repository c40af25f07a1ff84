"""Grounding checks on a draft: every citation, time, figure, link and instruction.

``verify_draft`` never edits the draft: it returns findings for human review.

- PIR101 a cited id does not resolve to an event.
- PIR102 a time or date written in the text is not the time of a cited event, not a
  computed key moment, and not written in a cited event's own text.
- PIR103 a figure in the impact section is not in a cited event's text nor computed.
- PIR104 a claim has no evidence and is not marked ``needs_review``.
- PIR105 a link, command or instruction in the draft that no trustworthy source contains
  (sources that read like a prompt injection do not count; a link counts as written or
  as redaction showed it to the model, see ``verify_links``), text that itself reads
  like an injection, or a claim resting on an event that does (category security).

Times of events are compared in UTC, at the precision the text writes them
(``14:02`` matches any second of that minute; ``2pm`` any minute of that hour).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pir_ai.events import Event
from pir_ai.facts import format_duration
from pir_ai.findings import Category, Finding, Location, Severity, rule_name
from pir_ai.postmortem import IncidentMetrics, Postmortem
from pir_ai.verify._echo import InjectedText, echo_findings, severity_findings
from pir_ai.verify._links import SourceLinks
from pir_ai.verify._scan import (
    Written,
    WrittenTime,
    find_commands,
    find_injection,
    find_links,
    find_numbers,
    find_times,
)
from pir_ai.verify._texts import Checked, checked_texts

__all__ = ["Checked", "SourceIndex", "checked_texts", "verify_checked", "verify_draft"]


@dataclass(frozen=True)
class SourceIndex:
    """What verification reads from the incident's events, computed once per incident.

    Attributes:
        events: event id -> event.
        suspect: ids of events whose text reads like an instruction to a model.
        trusted_text: every other event's text, casefolded, for link and command look-ups.
        times: every event's time, for text that cites nothing.
    """

    events: Mapping[str, Event]
    suspect: frozenset[str]
    trusted_text: str
    times: tuple[datetime, ...]
    injected: InjectedText = field(default_factory=InjectedText)
    """What the instruction-like sentences of suspect events say (issue 7)."""
    links: SourceLinks = field(default_factory=SourceLinks, compare=False)
    """The trusted events' links as redaction shows them to a model."""

    @classmethod
    def of(cls, events: Mapping[str, Event]) -> SourceIndex:
        """Index ``events``."""
        suspect = frozenset(i for i, e in events.items() if find_injection(e.text))
        trusted = "\n".join(e.text for i, e in events.items() if i not in suspect)
        times = tuple(e.ts for e in events.values())
        injected = InjectedText.of(events, suspect, trusted)
        return cls(events, suspect, trusted.casefold(), times, injected, SourceLinks(trusted))


def verify_draft(draft: Postmortem, events: Mapping[str, Event]) -> list[Finding]:
    """Grounding and security findings for ``draft`` against the incident's ``events``."""
    sources = SourceIndex.of(events)
    findings = verify_checked(checked_texts(draft), sources, metrics=draft.metrics)
    findings += severity_findings(draft.severity, events, sources.suspect)
    return findings + _timeline(draft, events)


def verify_checked(
    items: Iterable[Checked], sources: SourceIndex, *, metrics: IncidentMetrics
) -> list[Finding]:
    """The checks of ``verify_draft`` on loose pieces of text (a section, map-step notes)."""
    findings: list[Finding] = []
    events = sources.events
    moments = _moment_times(metrics)
    durations = _duration_numbers(metrics)
    for item in items:
        cited = [events[i] for i in item.evidence if i in events]
        findings += _unresolved(item, events)
        if item.claim and not item.evidence and not item.needs_review:
            findings.append(_finding("PIR104", item, "claim cites no event", Severity.WARNING))
        cited_text = " ".join(e.text for e in cited)
        written_times = find_times(item.text)
        if written_times:
            allowed = [e.ts for e in cited] if cited else list(sources.times)
            for written in written_times:
                if not _time_supported(written, allowed + moments, cited_text):
                    findings.append(_time_finding(item, written, bool(cited)))
        if item.impact:
            stated = {n.value for n in find_numbers(cited_text)}
            if item.computed:
                stated |= durations
            for number in find_numbers(item.text):
                if number.value not in stated:
                    findings.append(_number_finding(item, number))
        security = _security(item, sources)
        # An echo of an injection is reported once: not again beside its link or command.
        findings += security or echo_findings(item.field, item.text, sources.injected)
        findings += [_injected_source(item, i) for i in item.evidence if i in sources.suspect]
    return findings


def _unresolved(item: Checked, events: Mapping[str, Event]) -> list[Finding]:
    return [
        _finding("PIR101", item, f"cited id {ev!r} is not an event of this incident", matched=ev)
        for ev in item.evidence
        if ev not in events
    ]


def _time_supported(written: WrittenTime, allowed: list[datetime], cited_text: str) -> bool:
    if written.raw in cited_text:
        return True
    return any(written.matches(ts.astimezone(UTC)) for ts in allowed)


def _time_finding(item: Checked, written: WrittenTime, has_cited: bool) -> Finding:
    against = "any cited event" if has_cited else "any event of the incident"
    return _finding(
        "PIR102",
        item,
        f"time {written.raw!r} is not the time of {against} nor a computed key moment; "
        "times come from the timeline, not from prose",
        matched=written.raw,
    )


def _number_finding(item: Checked, number: Written) -> Finding:
    return _finding(
        "PIR103",
        item,
        f"figure {number.raw!r} does not appear in the cited events' text nor in a computed metric",
        matched=number.raw,
    )


def _security(item: Checked, index: SourceIndex) -> list[Finding]:
    findings: list[Finding] = []
    sources = index.trusted_text
    for link in find_links(item.text):
        if link.casefold() not in sources and not index.links.shows(link):
            message = f"link {link!r} is not in any trustworthy source"
            findings.append(_security_finding(item, message, link))
    for command in find_commands(item.text):
        if command.casefold() not in sources:
            message = f"instruction {command!r} is not in any trustworthy source"
            findings.append(_security_finding(item, message, command))
    for phrase in find_injection(item.text):
        message = f"text reads like an instruction to a model ({phrase!r}): possible injection"
        findings.append(_security_finding(item, message, phrase))
    return findings


def _injected_source(item: Checked, event_id: str) -> Finding:
    message = (
        f"cites {event_id}, whose text reads like an instruction to a model: "
        "confirm this statement in the review"
    )
    return _security_finding(item, message, event_id)


def _security_finding(item: Checked, message: str, matched: str) -> Finding:
    return Finding(
        code="PIR105",
        name=rule_name("PIR105"),
        category=Category.SECURITY,
        severity=Severity.ERROR,
        message=message,
        location=Location(field=item.field),
        matched=matched,
    )


def _timeline(draft: Postmortem, events: Mapping[str, Event]) -> list[Finding]:
    findings: list[Finding] = []
    for i, entry in enumerate(draft.timeline):
        item = Checked(f"timeline[{i}].event_id", entry.text, (entry.event_id,), claim=False)
        event = events.get(entry.event_id)
        if event is None:
            findings += _unresolved(item, events)
        elif event.ts != entry.ts:
            message = f"timeline time {entry.ts.isoformat()} is not the time of {entry.event_id}"
            findings.append(_finding("PIR102", item, message, matched=entry.ts.isoformat()))
    return findings


def _moment_times(m: IncidentMetrics) -> list[datetime]:
    moments = [m.impact_start, m.detected, m.acknowledged, m.first_response, m.mitigated]
    return [x.ts for x in (*moments, m.resolved) if x is not None]


def _duration_numbers(m: IncidentMetrics) -> set[str]:
    seconds = [
        m.time_to_detect_s,
        m.time_to_acknowledge_s,
        m.time_to_mitigate_s,
        m.time_to_resolve_s,
    ]
    if m.impact_start and m.resolved:
        seconds.append(int((m.resolved.ts - m.impact_start.ts).total_seconds()))
    numbers: set[str] = set()
    for value in seconds:
        if value is not None:
            numbers |= {n.value for n in find_numbers(format_duration(value))}
    return numbers


def _finding(
    code: str,
    item: Checked,
    message: str,
    severity: Severity = Severity.ERROR,
    *,
    matched: str | None = None,
) -> Finding:
    return Finding(
        code=code,
        name=rule_name(code),
        category=Category.GROUNDING,
        severity=severity,
        message=message,
        location=Location(field=item.field),
        matched=matched,
    )
