"""Walk a draft into the pieces of text that verification reads, with what each cites.

Kept apart from ``pir_ai.verify._draft`` (which checks the pieces) so other readers of a draft,
such as the eval's citation count, walk it the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pir_ai.postmortem import Claim, Postmortem

__all__ = ["Checked", "checked_texts"]


@dataclass(frozen=True)
class Checked:
    """One piece of draft text and what it cites.

    ``claim`` is False for text that need not cite (questions, action items), so PIR104
    does not apply to it; ``impact`` marks text whose figures PIR103 checks.
    """

    field: str
    text: str
    evidence: tuple[str, ...]
    claim: bool = True
    needs_review: bool = False
    impact: bool = False
    computed: bool = False


def checked_texts(draft: Postmortem) -> Iterator[Checked]:
    """Every piece of text in ``draft`` that verification reads, with its field path."""
    claim_lists: dict[str, list[Claim]] = {
        "summary": draft.summary,
        "impact_narrative": draft.impact_narrative,
        "detection": draft.detection,
        "response": draft.response,
        "recovery": draft.recovery,
        "contributing_factors": draft.contributing_factors,
        "went_well": draft.went_well,
        "went_poorly": draft.went_poorly,
        "lucky": draft.lucky,
    }
    if draft.title:
        yield Checked("title", draft.title, (), claim=False)
    if draft.trigger is not None:
        yield _claim("trigger", draft.trigger)
    for name, claims in claim_lists.items():
        for i, claim in enumerate(claims):
            yield _claim(f"{name}[{i}]", claim, impact=name == "impact_narrative")
    for i, fig in enumerate(draft.impact):
        ev = tuple(fig.evidence)
        text = f"{fig.value} {fig.measure}"
        yield Checked(f"impact[{i}].value", text, ev, impact=True, computed=fig.computed)
        if not fig.computed:
            yield Checked(f"impact[{i}].text", fig.text, ev, claim=False, impact=True)
    for i, step in enumerate(draft.five_whys):
        ev = tuple(step.evidence)
        yield Checked(f"five_whys[{i}].question", step.question, ev, claim=False)
        if step.answer is not None:
            supported = step.status == "supported"
            yield Checked(f"five_whys[{i}].answer", step.answer, ev, needs_review=not supported)
    for i, item in enumerate(draft.action_items):
        ev = tuple(item.evidence)
        for part in ("text", "outcome", "addresses"):
            value = getattr(item, part)
            if value:
                yield Checked(f"action_items[{i}].{part}", value, ev, claim=False)
    for i, question in enumerate(draft.open_questions):
        yield Checked(f"open_questions[{i}]", question, (), claim=False)


def _claim(field: str, claim: Claim, *, impact: bool = False) -> Checked:
    return Checked(
        f"{field}.text",
        claim.text,
        tuple(claim.evidence),
        needs_review=claim.needs_review,
        impact=impact,
    )
