"""A ``Postmortem`` seen by the linter: prose by field path, items, and its sections."""

from __future__ import annotations

from collections.abc import Iterator

from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._document import DocInput, Section, TimelineRow
from pir_ai.postmortem import Claim, Postmortem

_CLAIM_LISTS = (
    "summary",
    "impact_narrative",
    "detection",
    "response",
    "recovery",
    "contributing_factors",
    "went_well",
    "went_poorly",
    "lucky",
)


def draft_prose(pm: Postmortem) -> Iterator[tuple[str, str]]:
    """(field path, text) of every prose field a reader sees."""
    for name in _CLAIM_LISTS:
        claims: list[Claim] = getattr(pm, name)
        for i, claim in enumerate(claims):
            yield f"{name}[{i}].text", claim.text
    if pm.trigger is not None:
        yield "trigger.text", pm.trigger.text
    for i, entry in enumerate(pm.timeline):
        yield f"timeline[{i}].text", entry.text
    for i, figure in enumerate(pm.impact):
        yield f"impact[{i}].text", figure.text
    for i, step in enumerate(pm.five_whys):
        yield f"five_whys[{i}].question", step.question
        if step.answer:
            yield f"five_whys[{i}].answer", step.answer
    for i, question in enumerate(pm.open_questions):
        yield f"open_questions[{i}]", question
    if pm.review_pack.opening_statement:
        yield "review_pack.opening_statement", pm.review_pack.opening_statement
    for i, reframe in enumerate(pm.review_pack.questions):
        # ``original`` is the blame question being reframed, on purpose; lint the reframe.
        yield f"review_pack.questions[{i}].reframed", reframe.reframed


def draft_items(pm: Postmortem) -> Iterator[tuple[str, ItemInput]]:
    """(field path, item) for every action item."""
    for i, item in enumerate(pm.action_items):
        yield (
            f"action_items[{i}]",
            ItemInput(
                text=item.text,
                owner=item.owner,
                due=item.due,
                priority=item.priority.value if item.priority else None,
                outcome=item.outcome,
            ),
        )


def draft_document(pm: Postmortem) -> DocInput:
    """Sections present in the draft (a section is present when it has content)."""
    present = {
        "summary": bool(pm.summary),
        "impact": bool(pm.impact or pm.impact_narrative),
        "timeline": bool(pm.timeline),
        "causes": bool(pm.contributing_factors or pm.trigger or pm.five_whys),
        "action_items": bool(pm.action_items),
    }
    sections = [Section(key, key, 0, 0, False) for key, ok in present.items() if ok]
    timeline = [TimelineRow(entry.ts, 0, 0) for entry in pm.timeline]
    items = [item for _, item in draft_items(pm)]
    return DocInput(sections=sections, items=items, timeline=timeline, from_draft=True)
