"""Short ids a model cites inside its prose are lifted into the evidence, not shown."""

from __future__ import annotations

import pytest

from pir_ai.budget import condense
from pir_ai.postmortem import Claim
from tests.draft.test_model_drafting import Answer, StoryModel, draft_with, grounding
from tests.drafting_support import checkout_story


def summarised_as(text: str) -> Claim:
    """The draft's first summary claim when the model writes ``text``, citing nothing else."""

    def inline(answer: Answer) -> Answer:
        answer["summary"][0] = {"text": text, "evidence": [], "needs_review": False}
        return answer

    draft, _ = draft_with(StoryModel({"summary": inline}, always=True))
    return draft.summary[0]


def event_ids(short_ids: list[str]) -> list[str]:
    """What the pipeline maps cited short ids to; an id it never showed stays as written."""
    incident, _ = checkout_story()
    citations = condense(incident.events).citations
    return [event for short in short_ids for event in citations.get(short, (short,))]


@pytest.mark.parametrize(
    ("text", "kept", "ids"),
    [
        ("Checkout errors rose to 38% (E12).", "Checkout errors rose to 38%.", ["E12"]),
        ("The deploy [E3, E7] went out.", "The deploy went out.", ["E3", "E7"]),
        ("Rolled back (see e9 and E10).", "Rolled back.", ["E9", "E10"]),
        ("Pool exhausted (events E2; E4)", "Pool exhausted", ["E2", "E4"]),
    ],
)
def test_bracketed_short_ids_leave_the_text_for_the_evidence(
    text: str, kept: str, ids: list[str]
) -> None:
    claim = summarised_as(text)
    assert (claim.text, claim.evidence) == (kept, event_ids(ids))


@pytest.mark.parametrize(
    "text",
    [
        "As E12 shows, the pool filled.",  # bare: cutting it would break the sentence
        "Short ids (E1, E2, ...) of the events.",  # not only ids inside the brackets
        "The e2e suite (E2E) passed.",
        "Instances (m5, c5) were resized.",
    ],
)
def test_anything_but_a_bracketed_group_of_short_ids_is_left_as_written(text: str) -> None:
    claim = summarised_as(text)
    assert (claim.text, claim.evidence) == (text, [])


def test_an_inline_citation_becomes_the_claims_evidence_with_real_ids() -> None:
    def inline(answer: Answer) -> Answer:
        claim = answer["summary"][0]
        claim["text"] = f"Checkout payments failed after a deploy ({claim['evidence'][0]})."
        claim["evidence"] = []
        return answer

    draft, _ = draft_with(StoryModel({"summary": inline}, always=True))
    _, roles = checkout_story()
    assert draft.summary[0].text == "Checkout payments failed after a deploy."
    assert draft.summary[0].evidence == [roles["deploy"].id]
    assert draft.findings == []


def test_an_inline_id_the_prompt_never_showed_is_flagged_not_dropped() -> None:
    def invented(answer: Answer) -> Answer:
        answer["recovery"][0]["text"] += " (E999)"
        return answer

    draft, _ = draft_with(StoryModel({"response": invented}, always=True))
    assert "E999" not in draft.recovery[0].text
    assert "E999" in draft.recovery[0].evidence
    assert ("PIR101", "recovery[0].text") in grounding(draft.findings)
