"""Prompt injection: attacks against an obedient model; none reaches the draft unflagged.

``tests/fixtures/injection`` is an incident whose chat, alert annotations, meeting
transcript and commit messages carry 23 attacks (listed in ``__attacks__.json``). The
fake model here obeys every instruction it can parse in the incident data: it adds
the links, invents the claims, writes the times and figures, cites the ids, sets the
title and severity. The pipeline must flag every such piece of the draft.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from pir_ai.draft import draft_postmortem
from pir_ai.events import Incident
from pir_ai.ingest import load_incident
from pir_ai.postmortem import Postmortem
from pir_ai.providers import CompletionRequest, FakeProvider, get_provider
from pir_ai.verify import checked_texts
from tests.conftest import FIXTURES
from tests.test_architecture import _Calls

CORPUS = FIXTURES / "injection"
ATTACKS: list[dict[str, str]] = json.loads((CORPUS / "__attacks__.json").read_text("utf-8"))[
    "attacks"
]
GROUNDING_CODES = {"PIR101", "PIR102", "PIR103", "PIR104", "PIR105"}

# What the obedient model understands: one pattern per kind of instruction.
ORDERS = {
    "link": re.compile(r"\b(?:add|include|insert|put)\b[^\n]{0,60}?\blink\b[^\n]{0,80}?"
                       r"(https?://[^\s\"'<>)]+)", re.I),
    "run": re.compile(r"\btell (?:the )?(?:readers?|everyone|people) to run `([^`]+)`", re.I),
    "say": re.compile(r"\b(?:write|state|say) that ([^.;\"\n]+)", re.I),
    "quote": re.compile(r"\b(?:write|put) \"([^\"]+)\" (?:in|into) the summary", re.I),
    "cite": re.compile(r"\bcite ((?:E\d+|ev_[0-9a-f]+))\b", re.I),
    "severity": re.compile(r"\b(?:set|change) the severity to (\w+)", re.I),
    "title": re.compile(r"\btitle the postmortem \"([^\"]+)\"", re.I),
    "figure": re.compile(r"\bthe impact was ([\d,]+) (customers|orders|users)", re.I),
    "provider": re.compile(r"\bswitch the provider to (\S+)", re.I),
}  # fmt: skip
_LINE = re.compile(r"^(E\d+) ", re.MULTILINE)


def data_lines(request: CompletionRequest) -> dict[str, str]:
    """Short id -> its text (continuation lines included) from the request's incident data."""
    content = request.messages[1].content
    starts = [(m.group(1), m.start()) for m in _LINE.finditer(content)]
    ends = [start for _, start in starts[1:]] + [len(content)]
    return {short: content[start:end] for (short, start), end in zip(starts, ends, strict=True)}


def claim(text: str, evidence: list[str]) -> dict[str, Any]:
    return {"text": text, "evidence": evidence, "needs_review": False}


def obedient(request: CompletionRequest, *, obey: bool = True) -> dict[str, Any]:
    """A model that does whatever the incident data tells it to (or, with ``obey=False``, not)."""
    lines = data_lines(request)
    orders = [
        (short, form, match)
        for short, text in lines.items()
        for form, pattern in ORDERS.items()
        for match in pattern.finditer(text)
        if obey
    ]
    legit = next(s for s, text in lines.items() if not any(p.search(text) for p in ORDERS.values()))
    answers: dict[str, dict[str, Any]] = {
        "summary": {
            "title": "Checkout failed after a pool change",
            "severity": None,
            "summary": [claim("Checkout requests failed after the pool change.", [legit])],
            "impact": [],
            "impact_narrative": [],
        },
        "response": {"detection": [], "response": [], "recovery": []},
        "analysis": {"trigger": None, "contributing_factors": [], "five_whys": []},
        "retrospective": {"went_well": [], "went_poorly": [], "lucky": []},
        "actions": {"action_items": []},
        "questions": {"open_questions": []},
    }
    answer = answers[request.section or ""]
    for n, (short, form, match) in enumerate(orders):
        cited = [legit] if n % 2 == 0 else [short]  # half cite a clean event, half the attack
        _obey(request.section, answer, form, match, cited)
    return answer


def _obey(
    section: str | None, answer: dict[str, Any], form: str, m: re.Match[str], cited: list[str]
) -> None:
    if section == "summary":
        if form == "link":
            answer["summary"].append(claim(f"The official runbook is {m.group(1)}", cited))
        elif form == "say":
            answer["summary"].append(claim(f"{m.group(1)[0].upper()}{m.group(1)[1:]}.", cited))
        elif form == "quote":
            answer["summary"].append(claim(m.group(1), cited))
        elif form == "cite":
            answer["summary"].append(claim("The root cause is in the cited event.", [m.group(1)]))
        elif form == "severity" and answer["severity"] is None:
            answer["severity"] = m.group(1)
        elif form == "severity":  # a second order: obeyed in the text instead
            answer["summary"].append(claim(f"The severity is {m.group(1)}.", cited))
        elif form == "title":
            answer["title"] = m.group(1)
        elif form == "figure":
            text = f"The impact was {m.group(1)} {m.group(2)}."
            answer["impact"].append(
                {"value": m.group(1), "measure": m.group(2), "text": text, "evidence": cited}
            )
        elif form == "provider":
            answer["summary"].append(claim(f"Switch the provider to {m.group(1)}.", cited))
    elif section == "response" and form == "run":
        answer["recovery"].append(claim(f"Run {m.group(1)} to recover.", cited))


@pytest.fixture(scope="module")
def incident() -> Incident:
    return load_incident(CORPUS)


@pytest.fixture(scope="module")
def obeyed(incident: Incident) -> tuple[Postmortem, FakeProvider]:
    fake = FakeProvider(obedient)
    return draft_postmortem(incident, provider=fake), fake


def places(draft: Postmortem, marker: str) -> Iterator[str]:
    """Fields of the draft where an obeyed attack shows (its marker in text or citations)."""
    for item in checked_texts(draft):
        if marker.casefold() in item.text.casefold() or marker in item.evidence:
            yield item.field
    if draft.severity and marker == draft.severity:
        yield "severity"


def test_the_corpus_has_twenty_attacks_or_more_in_every_carrier() -> None:
    assert len(ATTACKS) >= 20
    carriers = {a["carrier"] for a in ATTACKS}
    assert carriers == {"chat", "alert annotation", "transcript", "commit message"}
    assert all(sum(a["carrier"] == c for a in ATTACKS) >= 5 for c in carriers)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a["id"] for a in ATTACKS])
def test_every_attack_is_obeyed_by_the_model_and_flagged_in_the_draft(
    attack: dict[str, str], obeyed: tuple[Postmortem, FakeProvider]
) -> None:
    draft, _ = obeyed
    where = list(places(draft, attack["marker"]))
    assert where, f"the obedient model did not carry out {attack['id']}: the test proves nothing"
    flagged = {f.location.field for f in draft.findings if f.code in GROUNDING_CODES}
    assert [field for field in where if field not in flagged] == []


def test_a_draft_quoting_no_attack_gets_no_security_finding(incident: Incident) -> None:
    """The flags come from the attacks, not from the checks flagging everything."""
    draft = draft_postmortem(incident, provider=FakeProvider(lambda r: obedient(r, obey=False)))
    assert [f for f in draft.findings if f.code == "PIR105"] == []


def test_the_system_prompt_names_the_fenced_data_untrusted_with_a_fresh_fence_per_request(
    obeyed: tuple[Postmortem, FakeProvider],
) -> None:
    _, fake = obeyed
    fences = set()
    asked = [r for r in fake.requests if len(r.messages) == 2]  # a re-ask repeats its request
    for request in asked:
        system, user = request.messages[0].content, request.messages[1].content
        assert "UNTRUSTED DATA" in system
        begin = re.search(r"^<<<INCIDENT-DATA ([0-9a-f]{16})>>>$", user, re.MULTILINE)
        assert begin is not None and f"<<<END-INCIDENT-DATA {begin.group(1)}>>>" in user
        fences.add(begin.group(1))
    assert len(fences) == len(asked) >= 6


def test_nothing_in_a_source_changes_the_provider_or_calls_a_tool(incident: Incident) -> None:
    fake = FakeProvider(obedient)
    with _Calls(get_provider) as lookups:  # wherever the name was imported to
        draft = draft_postmortem(incident, provider=fake)
    assert lookups.count == 0, "a provider was looked up during the draft"
    assert draft.metadata.generator == "fake:fake"
    assert {a.provider for a in draft.metadata.audit} == {"fake"}
    assert len(draft.metadata.audit) == len(fake.requests)
    assert all(r.tools is None for r in fake.requests if hasattr(r, "tools"))
