"""Render a ``Postmortem`` as a Markdown document a team can review.

Times are written only from ``TimelineEntry.ts`` and ``IncidentMetrics`` moments,
which are event timestamps, so every time shown is the time of a real event.
The draft's creation time stays in the JSON: it is not an event's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from pir_ai.facts import format_duration
from pir_ai.postmortem import (
    Claim,
    IncidentMetrics,
    InputSummary,
    Moment,
    MomentBasis,
    MomentCandidate,
    Postmortem,
    WhyStep,
)

NEEDS_REVIEW = "(to confirm in review)"
OFFLINE_BANNER = (
    "> **Drafted without a model (offline engine).** Facts are computed from the "
    "sources; judgement is left to the review as questions."
)


def utc_time(ts: datetime) -> str:
    """An event time as UTC ISO 8601 with seconds: '2024-05-14T06:18:30Z'."""
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def cell(text: object) -> str:
    """A table cell: pipes escaped, line breaks flattened, empty shown as a dash."""
    value = "" if text is None else str(text)
    value = " ".join(value.split()).replace("|", "\\|")
    return value or "—"


def cite(ids: Iterable[str]) -> str:
    """Evidence ids as ' [ev_…] [ev_…]', or '' without evidence."""
    return "".join(f" [{i}]" for i in ids)


def claim_line(claim: Claim) -> str:
    """One claim as a list item with its evidence and review mark."""
    mark = f" {NEEDS_REVIEW}" if claim.needs_review else ""
    return f"- {claim.text}{cite(claim.evidence)}{mark}"


def _claims(claims: Sequence[Claim], empty: str) -> list[str]:
    return [claim_line(c) for c in claims] or [f"- {empty} {NEEDS_REVIEW}"]


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _moment(found: Moment | None) -> str:
    return "—" if found is None else f"{utc_time(found.ts)} [{found.event_id}]"


def _basis(found: Moment | None) -> str:
    if found is None:
        return ""
    return f"{found.basis.value}: {found.reason}" if found.reason else found.basis.value


def _candidate(c: MomentCandidate) -> str:
    # A stated time is the writer's, quoted in the reason; the record is cited by id.
    when = "" if c.basis is MomentBasis.STATED else f"{utc_time(c.ts)} "
    return f"- {when}[{c.event_id}] {c.basis.value}: {cell(c.reason)}"


def _metrics(m: IncidentMetrics) -> list[str]:
    def dur(seconds: int | None) -> str:
        return "not computable" if seconds is None else format_duration(seconds)

    unknown_start = m.impact_start is not None and m.impact_start.basis is MomentBasis.FIRST_SIGN
    ttd = (
        "unknown: no record before the detection shows impact; when were users first affected?"
        if unknown_start and m.time_to_detect_s is None
        else dur(m.time_to_detect_s)
    )
    rows = [
        ("Time to detect (TTD)", ttd, "impact start → detected"),
        ("Time to acknowledge (TTA)", dur(m.time_to_acknowledge_s), "detected → acknowledged"),
        ("Time to mitigate (TTM)", dur(m.time_to_mitigate_s), "impact start → mitigated"),
        ("Time to resolve (TTR)", dur(m.time_to_resolve_s), "impact start → resolved"),
    ]
    moments = [
        ("Impact start", m.impact_start),
        ("Detected" + (f" ({m.detection_source.value})" if m.detection_source else ""), m.detected),
        ("Acknowledged", m.acknowledged),
        ("First response", m.first_response),
        ("Partially mitigated", m.partially_mitigated),
        ("Mitigated", m.mitigated),
        ("Resolved", m.resolved),
    ]
    shown = [(n, f) for n, f in moments if f is not None or n != "Partially mitigated"]
    lines = [
        *_table(("Metric", "Value", "Between"), rows),
        "",
        *_table(
            ("Moment", "UTC time and event", "How it was chosen"),
            ((n, _moment(f), _basis(f)) for n, f in shown),
        ),
    ]
    for name, found in (("impact start", m.impact_start), ("detection", m.detected)):
        if found is not None and found.candidates:
            lines += ["", f"Other candidates for {name}, for review:"]
            lines += [_candidate(c) for c in found.candidates]
    return lines


def _why(i: int, step: WhyStep) -> str:
    answer = f" — {step.answer}" if step.answer else ""
    return f"{i}. {step.question}{answer}{cite(step.evidence)} _({step.status.value})_"


def _sections(pm: Postmortem) -> list[tuple[str, list[str]]]:
    timeline = _table(
        ("UTC time", "Event", "Actor", "What happened"),
        ((utc_time(t.ts), t.event_id, t.actor, t.text) for t in pm.timeline),
    )
    impact = _table(
        ("Figure", "Measure", "Evidence"),
        (
            (f.value + (" (computed)" if f.computed else ""), f.measure, " ".join(f.evidence))
            for f in pm.impact
        ),
    )
    items = _table(
        ("Action", "Owner", "Due", "Priority", "Type", "Addresses", "Evidence"),
        (
            (
                a.text + (f" — outcome: {a.outcome}" if a.outcome else ""),
                a.owner or "unassigned",
                a.due.isoformat() if a.due else None,
                a.priority.value if a.priority else None,
                a.type.value if a.type else None,
                a.addresses,
                " ".join(a.evidence),
            )
            for a in pm.action_items
        ),
    )
    trigger = [claim_line(pm.trigger)] if pm.trigger else [f"- Unknown {NEEDS_REVIEW}"]
    return [
        ("Summary", _claims(pm.summary, "No summary.")),
        (
            "Impact",
            [
                *impact,
                *(["", *map(claim_line, pm.impact_narrative)] if pm.impact_narrative else []),
            ],
        ),
        ("Detection", _claims(pm.detection, "How was it detected?")),
        ("Response", _claims(pm.response, "How did the response go?")),
        ("Recovery", _claims(pm.recovery, "How was service restored?")),
        ("Key metrics", _metrics(pm.metrics)),
        ("Timeline", timeline),
        ("Trigger", trigger),
        ("Contributing factors", _claims(pm.contributing_factors, "What contributed?")),
        ("5 whys", [_why(i, s) for i, s in enumerate(pm.five_whys, 1)] or ["- Not started."]),
        ("What went well", _claims(pm.went_well, "What went well?")),
        ("What went poorly", _claims(pm.went_poorly, "What went poorly?")),
        ("Where we got lucky", _claims(pm.lucky, "Where did we get lucky?")),
        ("Action items", items),
        ("Open questions", [f"- {q}" for q in pm.open_questions] or ["- None."]),
    ]


def _review(pm: Postmortem) -> list[str]:
    pack = pm.review_pack
    lines = [f"**Agenda ({pack.total_minutes} min)**", ""]
    lines += [
        f"1. {a.title} — {a.minutes} min" + (f": {a.notes}" if a.notes else "") for a in pack.agenda
    ]
    lines += ["", "**Suggested attendees**", ""]
    lines += [
        f"- {a.role}: {a.name or 'to be named'}" + (f" — {a.why}" if a.why else "")
        for a in pack.attendees
    ]
    lines += ["", "**Opening statement**", "", f"> {pack.opening_statement or '—'}", ""]
    lines += ["**Questions, reframed from who/why to what/how**", ""]
    lines += [f"- {q.reframed} (from: “{q.original}”)" for q in pack.questions] or [
        "- No who/why questions in the sources to reframe."
    ]
    return lines


def _findings(pm: Postmortem) -> list[str]:
    if not pm.findings:
        return ["No findings."]
    return _table(
        ("Code", "Severity", "Location", "Message", "Suggestion"),
        ((f.code, f.severity.value, str(f.location), f.message, f.suggestion) for f in pm.findings),
    )


def _footer(pm: Postmortem) -> list[str]:
    meta = pm.metadata
    made = "no model" if meta.produced_without_model else meta.generator
    parts = [f"generator `{meta.generator}` ({made})"]
    if meta.prompt_version:
        parts.append(f"prompt version `{meta.prompt_version}`")
    if meta.tokens_in or meta.tokens_out:
        parts.append(f"{meta.tokens_in} tokens in, {meta.tokens_out} out")
    if meta.cost_usd:
        parts.append(f"cost ${meta.cost_usd:.4f}")
    lines = ["---", "", f"_Provenance: {'; '.join(parts)}._", ""]
    lines += [f"- source: `{s}`" for s in meta.sources]
    if meta.inputs is not None:
        lines += ["", *_inputs_lines(meta.inputs)]
    return lines


def _inputs_lines(inputs: InputSummary) -> list[str]:
    """What was read and what was not: nothing is left out without saying so.

    Folded records (repeats, copies) lost nothing and are only counted; unreadable ones
    are listed per file. A draft made before the split says "skipped", as it did.
    """
    split = inputs.folded + inputs.unreadable == inputs.skipped
    skips = (
        f"{inputs.folded} records folded into other events (repeats, copies), "
        f"{inputs.unreadable} unreadable"
        if split
        else f"{inputs.skipped} records skipped"
    )
    lines = [
        f"_Inputs: {inputs.records_read} records read from {inputs.files} inputs; "
        f"{inputs.events} events; {skips}, each with its reason "
        "(`pir-ai events PATH --report`)._"
    ]
    not_read = set(inputs.not_read)
    lines += [f"- not read (no known format): `{p}`" for p in inputs.not_read]
    lines += [
        f"- left off the timeline (no start time; give --meeting-start): `{p}`"
        for p in inputs.unplaced
    ]
    label, by_file = (
        ("unreadable", inputs.unreadable_by_file) if split else ("skipped", inputs.skipped_by_file)
    )
    lines += [
        f"- {label} in `{path}`: {count}" for path, count in by_file.items() if path not in not_read
    ]
    lines += [f"- warning: {w}" for w in inputs.warnings]
    return lines


def render_markdown(pm: Postmortem) -> str:
    """The whole draft as Markdown: sections, review pack, findings, provenance."""
    lines = [f"# {pm.title}", ""]
    lines.append(
        f"**Severity:** {pm.severity or f'unknown {NEEDS_REVIEW}'} · **Status:** {pm.status}"
    )
    lines.append("")
    if pm.metadata.produced_without_model:
        lines += [OFFLINE_BANNER, ""]
    for title, body in _sections(pm):
        lines += [f"## {title}", "", *body, ""]
    lines += ["## Review meeting", "", *_review(pm), ""]
    lines += ["## For human review", "", *_findings(pm), ""]
    lines += _footer(pm)
    return "\n".join(lines).rstrip() + "\n"
