"""Judge one model answer: schema first (hard), then grounding (soft).

A check maps the answer's short ids back to event ids, validates it against the
section's model (a failure raises ``ValidationFailure``: nothing can be built) and
runs the grounding checks of ``pir_ai.verify._draft`` on it. Grounding problems come back
as text for the re-ask, and as findings kept with the value for human review.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from pir_ai.draft._sections.schemas import Citations, NotesOut, to_postmortem_fields
from pir_ai.findings import Finding
from pir_ai.postmortem import Claim, DraftMetadata, IncidentMetrics, Postmortem
from pir_ai.providers import Completion, ValidationFailure
from pir_ai.verify import Checked, SourceIndex, checked_texts, verify_checked

AnswerT = TypeVar("AnswerT", bound=BaseModel)

_PLACEHOLDER_TIME = "1970-01-01T00:00:00Z"


@dataclass
class SectionAnswer(Generic[AnswerT]):
    """A schema-valid answer, its fields with real ids, and its grounding findings."""

    answer: AnswerT
    fields: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)


Check = Callable[[Completion], tuple[SectionAnswer[AnswerT], list[str]]]


def parse_answer(completion: Completion, model: type[AnswerT]) -> AnswerT:
    """The completion as ``model``; ``ValidationFailure`` listing what is wrong otherwise."""
    raw = completion.parsed
    if raw is None:
        try:
            raw = json.loads(completion.text)
        except json.JSONDecodeError as err:
            raise ValidationFailure([f"the answer is not JSON: {err}"]) from err
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        raise ValidationFailure(
            [f"{'.'.join(str(p) for p in e['loc']) or 'answer'}: {e['msg']}" for e in err.errors()]
        ) from err


def problems_of(findings: list[Finding]) -> list[str]:
    """Findings as the lines sent back to the model on a re-ask."""
    return [f"{f.location.field}: {f.message} [{f.code}]" for f in findings]


def section_check(
    model: type[AnswerT],
    ids: Citations,
    sources: SourceIndex,
    metrics: IncidentMetrics,
    unmask: Callable[[Postmortem], Postmortem] | None = None,
) -> Check[AnswerT]:
    """A check for a section answer of type ``model``.

    ``unmask`` (the pipeline's ``DraftHooks.to_draft``) turns the answer back into the
    sources' words before it is verified against them; the answer itself is kept as
    the model wrote it, and unmasked once with the whole draft.
    """

    def check(completion: Completion) -> tuple[SectionAnswer[AnswerT], list[str]]:
        answer = parse_answer(completion, model)
        fields = to_postmortem_fields(answer, ids)
        draft = _partial_draft(fields, metrics)
        if unmask is not None:
            draft = unmask(draft)
        findings = verify_checked(checked_texts(draft), sources, metrics=metrics)
        return SectionAnswer(answer, fields, findings), problems_of(findings)

    return check


def notes_check(
    ids: Citations,
    sources: SourceIndex,
    metrics: IncidentMetrics,
    label: str,
) -> Check[NotesOut]:
    """A check for map-step notes; findings point at ``<label>.notes[i]``."""

    def check(completion: Completion) -> tuple[SectionAnswer[NotesOut], list[str]]:
        answer = parse_answer(completion, NotesOut)
        notes: list[Claim] = to_postmortem_fields(answer, ids)["notes"]
        findings = verify_checked(_note_items(notes, label), sources, metrics=metrics)
        return SectionAnswer(answer, {"notes": notes}, findings), problems_of(findings)

    return check


def _note_items(notes: list[Claim], label: str) -> Iterator[Checked]:
    for i, note in enumerate(notes):
        yield Checked(
            f"{label}.notes[{i}].text",
            note.text,
            tuple(note.evidence),
            needs_review=note.needs_review,
        )


def _partial_draft(fields: Mapping[str, Any], metrics: IncidentMetrics) -> Postmortem:
    """A draft holding only this section, so the whole-draft checks apply unchanged."""
    metadata = DraftMetadata(
        generator="section-check", produced_without_model=False, created_at=_PLACEHOLDER_TIME
    )
    values = {"title": "", **fields, "metrics": metrics, "metadata": metadata}
    return Postmortem.model_validate(values)
