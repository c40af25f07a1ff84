"""The one pass every draft goes through, whoever drafted it: grounding and lint, once."""

from __future__ import annotations

from pir_ai.draft._config import DraftConfig
from pir_ai.events import Incident
from pir_ai.findings import unique_findings
from pir_ai.lint import lint_postmortem
from pir_ai.postmortem import InputSummary, Postmortem

VERIFY = "verify"


def incident_roster(incident: Incident) -> list[str]:
    """Names of the people who took part: actors of non-bot events."""
    return sorted({e.actor for e in incident.events if e.actor and not e.is_bot})


def verified(draft: Postmortem, incident: Incident, config: DraftConfig) -> Postmortem:
    """A copy of ``draft`` with its findings and the inputs it was made from.

    The linter runs every rule once, grounding (``pir_ai.verify``) included. Findings
    the drafting step left (a model answer rejected, grounding the re-asks could not
    fix) come first; each finding is listed once.
    """
    config.report(VERIFY, 0, 1)
    metadata = draft.metadata.model_copy(update={"inputs": summarise_inputs(incident)})
    described = draft.model_copy(update={"metadata": metadata}, deep=True)
    found = lint_postmortem(described, events=incident.by_id(), roster=incident_roster(incident))
    checked = described.model_copy(
        update={"findings": unique_findings([*draft.findings, *found])}, deep=True
    )
    config.report(VERIFY, 1, 1)
    return checked


def summarise_inputs(incident: Incident) -> InputSummary:
    """The ingest report in short, so a draft says what it was made from and what not."""
    report = incident.report
    warnings = list(
        dict.fromkeys([*report.warnings, *(w for f in report.files for w in f.warnings)])
    )
    return InputSummary(
        files=len(report.files),
        records_read=report.records_read,
        events=len(incident.events),
        skipped=report.skipped_count,
        skipped_by_file={f.path: len(f.skipped) for f in report.files if f.skipped},
        folded=report.folded_count,
        unreadable=report.unreadable_count,
        unreadable_by_file={
            f.path: count for f in report.files if (count := sum(not s.folded for s in f.skipped))
        },
        not_read=[f.path for f in report.files if f.format == "unknown"],
        unplaced=list(report.unplaced),
        warnings=warnings[:10],
    )
