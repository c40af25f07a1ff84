"""A finding: something in a draft or a postmortem that a human should look at."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Category(StrEnum):
    """Rule families. Each has its own code prefix."""

    STRUCTURE = "structure"  # PIR0xx
    GROUNDING = "grounding"  # PIR1xx
    BLAME = "blame"  # PIR2xx
    ACTION_ITEM = "action_item"  # PIR3xx
    SECURITY = "security"  # PIR4xx: injection, unsupported links and instructions


class Severity(StrEnum):
    """The Vale ladder: only ``error`` fails a CI gate by default."""

    INFO = "info"
    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for thresholds: info < suggestion < warning < error."""
        return list(Severity).index(self)


RULE_NAMES: dict[str, str] = {
    # PIR0xx structure
    "PIR001": "missing-section",
    "PIR002": "empty-section",
    "PIR003": "equal-priorities",
    "PIR004": "timeline-order",
    "PIR005": "unplaced-transcript",
    # PIR1xx grounding (checked by pir_ai.verify, emitted through the lint registry)
    "PIR100": "model-answer-rejected",
    "PIR101": "unresolved-citation",
    "PIR102": "unsupported-time",
    "PIR103": "unsupported-figure",
    "PIR104": "uncited-claim",
    "PIR105": "unsourced-link",
    # PIR2xx blame
    "PIR201": "counterfactual-person",
    "PIR202": "failure-verb-person",
    "PIR203": "human-error-label",
    "PIR204": "character-judgment",
    "PIR205": "person-as-cause",
    "PIR206": "blame-question",
    "PIR207": "hindsight-obviousness",
    "PIR208": "recurrence-shaming",
    "PIR209": "individual-remediation",
    "PIR210": "rule-violation-person",
    "PIR211": "animated-language",
    "PIR212": "team-blame",
    # PIR3xx action items
    "PIR301": "weak-verb",
    "PIR302": "missing-owner",
    "PIR303": "group-owner",
    "PIR304": "multiple-owners",
    "PIR305": "missing-deadline",
    "PIR306": "unmeasurable",
    "PIR307": "unbounded",
    "PIR308": "behavioral",
    "PIR309": "missing-priority",
    "PIR310": "compound-item",
}
"""Every PIR code and its name: the one table. A rule, a verifier or a drafting step that
reports a code takes its name from here; ``pir_ai.lint`` registers one rule per code."""


def rule_name(code: str) -> str:
    """The name of rule ``code`` (``PIR201`` -> ``counterfactual-person``)."""
    return RULE_NAMES[code]


class Location(BaseModel):
    """Where a finding points: a line and column in a file, or a field path in a draft."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int | None = Field(default=None, description="1-based line.")
    column: int | None = Field(default=None, description="1-based column.")
    end_line: int | None = None
    end_column: int | None = None
    field: str | None = Field(default=None, description="Field path, e.g. 'action_items[2].owner'.")

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.line}:{self.column or 1}"
        return self.field or "document"


class Finding(BaseModel):
    """One finding for human review, with a rewrite when one can be suggested."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable rule code, e.g. 'PIR201'.")
    category: Category
    severity: Severity
    message: str
    location: Location = Field(default_factory=Location)
    matched: str | None = Field(default=None, description="The text the rule matched.")
    suggestion: str | None = Field(default=None, description="A rewrite in the what/how form.")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    name: str | None = Field(default=None, description="Rule name, e.g. 'counterfactual-person'.")


def unique_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in order, each (code, place, matched text, message) once."""
    seen: set[tuple[str, str | None, str | None, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        key = (finding.code, finding.location.field, finding.matched, finding.message)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept
