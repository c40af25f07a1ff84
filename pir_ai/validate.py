"""The validation pass every draft goes through, whoever drafted it."""

from __future__ import annotations

from pir_ai.events import Incident
from pir_ai.lint import lint_postmortem
from pir_ai.postmortem import Postmortem


def incident_roster(incident: Incident) -> list[str]:
    """Names of the people who took part: actors of non-bot events."""
    return sorted({e.actor for e in incident.events if e.actor and not e.is_bot})


def validate_postmortem(draft: Postmortem, incident: Incident) -> Postmortem:
    """A copy of ``draft`` with ``findings`` filled: lint, structure and grounding.

    Findings already on the draft (e.g. left by the re-ask loop) are kept; the same
    finding is never listed twice.
    """
    found = lint_postmortem(draft, events=incident.by_id(), roster=incident_roster(incident))
    merged = list(draft.findings)
    seen = {f.model_dump_json() for f in merged}
    for finding in found:
        key = finding.model_dump_json()
        if key not in seen:
            seen.add(key)
            merged.append(finding)
    return draft.model_copy(update={"findings": merged}, deep=True)
