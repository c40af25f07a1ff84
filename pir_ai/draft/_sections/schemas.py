"""What the model fills for each section: small pydantic models, citing short ids.

Each section's JSON schema is derived from its model. Answers cite short ids
(``E12``); ``to_postmortem_fields`` maps them back to real event ids, after lifting
ids cited inline in the prose into the evidence (``inline_ids``). An id the map does
not know is kept as written, so verification reports it (PIR101) instead of it vanishing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pir_ai.draft._sections.inline_ids import lift_inline_ids
from pir_ai.postmortem import (
    ActionItem,
    ActionType,
    Claim,
    ImpactFigure,
    Priority,
    WhyStatus,
    WhyStep,
)

Citations = Mapping[str, tuple[str, ...]]
"""Short id -> the event ids it stands for (a group of repeats: first and last)."""

_EVIDENCE = "Short ids (E1, E2, ...) of the events that support it; empty when none does."


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ClaimOut(_Out):
    """A statement and the events behind it."""

    text: str = Field(description="One factual, blameless sentence. No times, no links.")
    evidence: list[str] = Field(description=_EVIDENCE)
    needs_review: bool = Field(description="True when the review meeting must confirm it.")


class FigureOut(_Out):
    """A figure stated in a cited event."""

    value: str = Field(description="The figure exactly as written in the cited event.")
    measure: str = Field(description="What it measures: 'error rate', 'orders failed'...")
    text: str = Field(description="The sentence of the event it appears in.")
    evidence: list[str] = Field(description=_EVIDENCE)


class WhyOut(_Out):
    """One step of the 5-whys chain."""

    question: str = Field(description="What/how question, never who/why about a person.")
    answer: str | None = Field(description="The answer the events show, or null.")
    evidence: list[str] = Field(description=_EVIDENCE)
    status: WhyStatus


class ActionOut(_Out):
    """A follow-up. The due date is left to the review."""

    text: str = Field(description="Leading verifiable verb and a specific object.")
    outcome: str | None = Field(description="Measurable end state.")
    owner: str | None = Field(description="One participant's name proposed in the data, or null.")
    priority: Priority
    type: ActionType
    addresses: str | None = Field(description="The contributing factor it addresses.")
    evidence: list[str] = Field(description=_EVIDENCE)


class SummaryOut(_Out):
    """Title, executive summary and impact."""

    title: str
    severity: str | None
    summary: list[ClaimOut]
    impact: list[FigureOut]
    impact_narrative: list[ClaimOut]


class ResponseOut(_Out):
    """Detection, response and recovery."""

    detection: list[ClaimOut]
    response: list[ClaimOut]
    recovery: list[ClaimOut]


class AnalysisOut(_Out):
    """Trigger, contributing factors and the 5-whys chain."""

    trigger: ClaimOut | None
    contributing_factors: list[ClaimOut]
    five_whys: list[WhyOut]


class RetrospectiveOut(_Out):
    """What went well, what went poorly, where we got lucky."""

    went_well: list[ClaimOut]
    went_poorly: list[ClaimOut]
    lucky: list[ClaimOut]


class ActionsOut(_Out):
    """Action items."""

    action_items: list[ActionOut]


class QuestionsOut(_Out):
    """Open questions for the review."""

    open_questions: list[str]


class NotesOut(_Out):
    """Intermediate notes of the map step: short statements citing short ids."""

    notes: list[ClaimOut]


@dataclass(frozen=True)
class SectionSpec:
    """One section group: its answer model, its stage, and the sections it reads.

    Sections of the same stage do not depend on each other and run in parallel;
    ``reads`` lists earlier sections whose answer is shown to this one.
    """

    name: str
    model: type[_Out]
    stage: int
    reads: tuple[str, ...] = ()

    @property
    def json_schema(self) -> dict[str, Any]:
        """The JSON schema of the answer."""
        return self.model.model_json_schema()


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("summary", SummaryOut, 1),
    SectionSpec("response", ResponseOut, 1),
    SectionSpec("analysis", AnalysisOut, 1),
    SectionSpec("retrospective", RetrospectiveOut, 1),
    SectionSpec("actions", ActionsOut, 2, reads=("analysis",)),
    SectionSpec("questions", QuestionsOut, 2, reads=("analysis",)),
)
"""Every section group, in stage order."""

SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    spec.name: tuple(spec.model.model_fields) for spec in SECTIONS
}
"""Postmortem fields each section fills."""


def _ids(short: list[str], ids: Citations) -> list[str]:
    resolved = (ids.get(s.strip(), (s.strip(),)) for s in short)
    return list(dict.fromkeys(event for events in resolved for event in events))


def _claim(out: ClaimOut, ids: Citations) -> Claim:
    text, lifted = lift_inline_ids(out.text)
    evidence = _ids([*out.evidence, *lifted], ids)
    return Claim(text=text, evidence=evidence, needs_review=out.needs_review)


def to_postmortem_fields(answer: BaseModel, ids: Citations) -> dict[str, Any]:
    """The answer as ``Postmortem`` field values, short ids mapped through ``ids``."""
    fields: dict[str, Any] = {}
    for name in type(answer).model_fields:
        value = getattr(answer, name)
        fields[name] = _convert(value, ids)
    return fields


def _convert(value: Any, ids: Citations) -> Any:
    if isinstance(value, list):
        return [_convert(item, ids) for item in value]
    if isinstance(value, ClaimOut):
        return _claim(value, ids)
    if isinstance(value, FigureOut):
        text, lifted = lift_inline_ids(value.text)
        return ImpactFigure(
            value=value.value,
            measure=value.measure,
            text=text,
            evidence=_ids([*value.evidence, *lifted], ids),
        )
    if isinstance(value, WhyOut):
        question, asked = lift_inline_ids(value.question)
        answer, answered = lift_inline_ids(value.answer) if value.answer else (None, [])
        return WhyStep(
            question=question,
            answer=answer,
            evidence=_ids([*value.evidence, *asked, *answered], ids),
            status=value.status,
        )
    if isinstance(value, ActionOut):
        text, lifted = lift_inline_ids(value.text)
        return ActionItem(
            text=text,
            outcome=value.outcome,
            owner=value.owner,
            priority=value.priority,
            type=value.type,
            addresses=value.addresses,
            evidence=_ids([*value.evidence, *lifted], ids),
        )
    return value
