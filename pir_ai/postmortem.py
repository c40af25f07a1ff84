"""The ``Postmortem`` model. Field descriptions double as the schema a model fills.

Every statement is a ``Claim`` that carries the ids of the events behind it. Times
and durations are never free text: they live in ``TimelineEntry`` and
``IncidentMetrics``, computed in code from events.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pir_ai.findings import Finding


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Claim(_Model):
    """A statement and the events that support it. No evidence means: ask the review."""

    text: str
    evidence: list[str] = Field(default_factory=list, description="Ids of supporting events.")
    needs_review: bool = Field(
        default=False, description="True when the review meeting must confirm or answer it."
    )


class TimelineEntry(_Model):
    """A key moment. ``ts`` is always the timestamp of ``event_id``."""

    ts: datetime
    event_id: str
    text: str
    actor: str | None = None
    label: str | None = Field(
        default=None,
        description="Key moment: 'impact_start', 'detected', 'acknowledged', 'first_response', "
        "'mitigated', 'resolved', 'trigger', or None for context.",
    )


class MomentBasis(StrEnum):
    """How a key moment's time was chosen."""

    OBSERVED = "observed"
    """The time of a record that shows it (an alert, an error record, a report)."""
    STATED = "stated by a responder"
    """A time a person wrote ("since 06:16"); the moment cites their message."""
    ESTIMATED = "estimated"
    """Inferred from a record that precedes the symptoms (the change that caused them)."""
    FIRST_SIGN = "first sign"
    """No record precedes the detecting one: impact may have begun earlier."""


class DetectionSource(StrEnum):
    """Who first knew: a monitored alert, a customer, or someone inside the company."""

    MONITORING = "monitoring"
    CUSTOMER = "customer"
    EMPLOYEE = "employee"


class MomentCandidate(_Model):
    """A record that could fix a key moment, and why it was considered."""

    ts: datetime
    event_id: str
    basis: MomentBasis
    reason: str


class Moment(_Model):
    """A key moment of the incident, with the event that fixes its time and how it was chosen.

    ``ts`` is the cited event's time, except for a ``stated`` moment, whose time is the
    one the cited message states.
    """

    ts: datetime
    event_id: str
    basis: MomentBasis = MomentBasis.OBSERVED
    reason: str = ""
    candidates: list[MomentCandidate] = Field(
        default_factory=list, description="The other records considered, earliest first."
    )


class IncidentMetrics(_Model):
    """Key moments and the durations between them, all computed from events in code.

    ``time_to_detect_s`` is None when impact start is only the detection's own first sign:
    the sources do not say how long impact went unnoticed.
    """

    impact_start: Moment | None = None
    detected: Moment | None = None
    detection_source: DetectionSource | None = None
    acknowledged: Moment | None = None
    first_response: Moment | None = None
    partially_mitigated: Moment | None = None
    mitigated: Moment | None = None
    resolved: Moment | None = None
    time_to_detect_s: int | None = Field(default=None, description="detected - impact_start")
    time_to_acknowledge_s: int | None = Field(default=None, description="acknowledged - detected")
    time_to_mitigate_s: int | None = Field(default=None, description="mitigated - impact_start")
    time_to_resolve_s: int | None = Field(default=None, description="resolved - impact_start")


class ImpactFigure(_Model):
    """A number stated in the sources (or computed), with what it measures."""

    value: str = Field(description="The figure as stated: '38%', '1,204 orders', '41 min'.")
    measure: str = Field(description="What it measures: 'error rate', 'orders failed'...")
    text: str = Field(description="The sentence it appears in, or how it was computed.")
    evidence: list[str] = Field(default_factory=list)
    computed: bool = Field(default=False, description="Computed in code from event times.")
    needs_review: bool = Field(
        default=False, description="Sources disagree on it (two different totals): confirm."
    )


class WhyStatus(StrEnum):
    """How far a step of the 5-whys chain is supported."""

    SUPPORTED = "supported"
    QUESTION = "question"
    INCONCLUSIVE = "inconclusive"


class WhyStep(_Model):
    """One step of the 5-whys chain."""

    question: str
    answer: str | None = None
    evidence: list[str] = Field(default_factory=list)
    status: WhyStatus = WhyStatus.QUESTION


class Priority(StrEnum):
    """Action-item priority."""

    MUST_FIX = "Must-fix"
    SHOULD_FIX = "Should-fix"
    NICE_TO_HAVE = "Nice-to-have"


class ActionType(StrEnum):
    """What an action item does about the incident."""

    MITIGATE = "mitigate"
    PREVENT = "prevent"
    DETECT = "detect"
    PROCESS = "process"


class ActionItem(_Model):
    """A follow-up: a verifiable change with one owner and a date."""

    text: str = Field(description="Leading verifiable verb, specific object.")
    outcome: str | None = Field(default=None, description="Measurable end state.")
    owner: str | None = Field(default=None, description="One participant's name, or None.")
    due: date | None = None
    priority: Priority | None = None
    type: ActionType | None = None
    addresses: str | None = Field(default=None, description="The factor it addresses.")
    evidence: list[str] = Field(default_factory=list)


class AgendaItem(_Model):
    """One slot of the review meeting."""

    title: str
    minutes: int
    notes: str | None = None


class Attendee(_Model):
    """A suggested attendee of the review, by role."""

    role: str
    name: str | None = None
    why: str | None = None


class Reframe(_Model):
    """A who/why question rewritten in the what/how form."""

    original: str
    reframed: str


class ReviewPack(_Model):
    """Everything needed to run the review meeting."""

    agenda: list[AgendaItem] = Field(default_factory=list)
    attendees: list[Attendee] = Field(default_factory=list)
    opening_statement: str = ""
    questions: list[Reframe] = Field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        """Length of the agenda."""
        return sum(item.minutes for item in self.agenda)


class AuditRecord(_Model):
    """One model call, or one offline run: what ran, on what, for how long."""

    provider: str
    model: str
    prompt_version: str
    input_hash: str
    section: str | None = None
    started_at: datetime
    duration_s: float
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    cached: bool = False


class InputSummary(_Model):
    """What the draft was made from, in short: the ingest report's account."""

    files: int = Field(description="Inputs read (a Slack export folder counts once).")
    records_read: int
    events: int = Field(description="Events the draft was made from.")
    skipped: int = Field(description="Records skipped, each with a reason in the report.")
    skipped_by_file: dict[str, int] = Field(
        default_factory=dict, description="File to records skipped in it."
    )
    folded: int = Field(
        default=0, description="Of the skipped, repeats or copies kept in another event."
    )
    unreadable: int = Field(
        default=0,
        description="Of the skipped, records that could not be read. folded + unreadable"
        " == skipped, except in drafts made before the split (both 0).",
    )
    unreadable_by_file: dict[str, int] = Field(
        default_factory=dict, description="File to records in it that could not be read."
    )
    not_read: list[str] = Field(
        default_factory=list, description="Files met in a folder that no format reads."
    )
    unplaced: list[str] = Field(
        default_factory=list,
        description="Transcripts left off the timeline: no start time and nothing aligned.",
    )
    warnings: list[str] = Field(default_factory=list)


class DraftMetadata(_Model):
    """How the draft was made."""

    generator: str = Field(description="'offline' or 'provider:model'.")
    produced_without_model: bool
    prompt_version: str | None = None
    created_at: datetime
    sources: list[str] = Field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    audit: list[AuditRecord] = Field(default_factory=list)
    inputs: InputSummary | None = Field(
        default=None, description="What was read; `pir-ai events --report` has every reason."
    )
    redaction: dict[str, Any] | None = Field(
        default=None, description="Redaction report: counts per kind and hash of what was sent."
    )


class Postmortem(_Model):
    """A blameless postmortem draft. Render with ``pir_ai.render_markdown`` or ``to_json()``."""

    title: str
    severity: str | None = None
    status: str = "draft"
    summary: list[Claim] = Field(default_factory=list)
    impact: list[ImpactFigure] = Field(default_factory=list)
    impact_narrative: list[Claim] = Field(default_factory=list)
    detection: list[Claim] = Field(default_factory=list)
    response: list[Claim] = Field(default_factory=list)
    recovery: list[Claim] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    metrics: IncidentMetrics = Field(default_factory=IncidentMetrics)
    trigger: Claim | None = None
    contributing_factors: list[Claim] = Field(default_factory=list)
    five_whys: list[WhyStep] = Field(default_factory=list)
    went_well: list[Claim] = Field(default_factory=list)
    went_poorly: list[Claim] = Field(default_factory=list)
    lucky: list[Claim] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    open_questions: list[str] = Field(default_factory=list)
    review_pack: ReviewPack = Field(default_factory=ReviewPack)
    findings: list[Finding] = Field(default_factory=list)
    metadata: DraftMetadata

    def to_json(self, *, indent: int | None = 2) -> str:
        """Render as JSON that round-trips through ``Postmortem.model_validate_json``."""
        return self.model_dump_json(indent=indent)
