"""Citing a condensed group of repeats stands for its first and its last event."""

from __future__ import annotations

import re
from typing import Any

from pir_ai.budget import condense
from pir_ai.events import Incident
from pir_ai.providers import CompletionRequest, FakeProvider
from tests.draft.test_model_drafting import good_answer, model_draft, short_ids
from tests.drafting_support import checkout_story

_GROUP = re.compile(r"repeated (\d+) times until \d{4}-\d\d-\d\d (\d\d:\d\d):\d\d")


def _story_with_a_flapping_alert() -> Incident:
    incident, _ = checkout_story(latency_alerts=5)  # refired: condensed into one line
    return incident


def test_the_condensed_group_cites_its_first_and_last_event() -> None:
    incident = _story_with_a_flapping_alert()
    latency = [e.id for e in incident.events if e.attrs.get("alertname") == "CheckoutLatencyHigh"]
    condensed = condense(incident.events)
    group = next(line for line in condensed.lines if len(line.members) > 1)
    assert set(group.members) <= set(latency) and group.members[-1] == latency[-1]
    assert condensed.citations[group.short_id] == (group.event_id, latency[-1])
    single = next(line for line in condensed.lines if len(line.members) == 1)
    assert condensed.citations[single.short_id] == (single.event_id,)


def test_a_claim_using_the_groups_last_time_is_grounded_by_citing_the_group() -> None:
    incident = _story_with_a_flapping_alert()
    latency = [e.id for e in incident.events if e.attrs.get("alertname") == "CheckoutLatencyHigh"]

    def model(request: CompletionRequest) -> dict[str, Any]:
        answer = good_answer(request)
        if request.section == "response":
            short, line = next((s, t) for s, t in short_ids(request).items() if _GROUP.search(t))
            match = _GROUP.search(line)
            assert match is not None
            answer["recovery"][0] = {
                "text": f"The latency alert refired {match.group(1)} times until {match.group(2)}.",
                "evidence": [short],
                "needs_review": False,
            }
        return answer

    group = next(line for line in condense(incident.events).lines if len(line.members) > 1)
    fake = FakeProvider(model)
    draft = model_draft(incident, fake)
    assert draft.recovery[0].evidence == [group.event_id, latency[-1]]
    assert "06:29" in draft.recovery[0].text
    assert not [f for f in draft.findings if f.location.field == "recovery[0].text"]
