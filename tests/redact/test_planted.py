"""The planted corpus: personal data and secrets in every source format never reach a model.

``tests/fixtures/planted`` holds one variant of a fixture per source format with
names, emails, phones, IPs, hosts, customer ids, URL tokens and secrets planted in
the text the parsers read. A parrot model echoes what it is shown into the draft,
so the draft also shows that unmasking restores every name exactly.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest

from pir_ai.draft import adraft_postmortem, draft_postmortem
from pir_ai.events import Incident
from pir_ai.ingest import load_incident
from pir_ai.postmortem import Postmortem
from pir_ai.providers import CompletionRequest, FakeProvider, get_provider
from pir_ai.redact import Kind, RedactionConfig, Redactor
from tests.conftest import FIXTURES

PLANTED = FIXTURES / "planted"
VALUES: dict[str, list[str]] = {
    kind: values
    for kind, values in json.loads((PLANTED / "__planted__.json").read_text("utf-8")).items()
    if not kind.startswith("_")
}
ALL_VALUES = [(kind, value) for kind, values in VALUES.items() for value in values]
_LINE = re.compile(r"^(E\d+) \d\d:\d\d:\d\d \[[^\n]*?\](?: [a-z_]+)? ?([^:\n]*): ", re.MULTILINE)
_URL = re.compile(r"https?://[^\s/]+")


@pytest.fixture(scope="module")
def incident() -> Incident:
    return load_incident(PLANTED)


def parrot(data: str, section: str) -> dict[str, Any]:
    """A model that repeats who wrote each line it was shown: "<actor> wrote this"."""
    lines = [(m.group(1), m.group(2).removesuffix(" (bot)")) for m in _LINE.finditer(data)]
    claims = [
        {"text": f"{actor} wrote this.", "evidence": [short], "needs_review": False}
        for short, actor in lines
        if actor
    ]
    hosts = _URL.findall(data)
    if hosts:  # a link no source has: flagged, so the section is asked again with the errors
        claims.append(
            {"text": f"Details at {hosts[0]}/elsewhere", "evidence": [], "needs_review": True}
        )
    answers: dict[str, dict[str, Any]] = {
        "summary": {
            "title": "Checkout payments failed",
            "severity": None,
            "summary": claims,
            "impact": [],
            "impact_narrative": [],
        },
        "response": {"detection": [], "response": claims[:3], "recovery": []},
        "analysis": {"trigger": None, "contributing_factors": [], "five_whys": []},
        "retrospective": {"went_well": [], "went_poorly": [], "lucky": []},
        "actions": {"action_items": []},
        "questions": {"open_questions": []},
        "notes": {"notes": claims},
    }
    return answers[section]


def fake_parrot(request: CompletionRequest) -> dict[str, Any]:
    assert request.schema_name is not None
    return parrot(request.messages[-1].content, request.schema_name)


def bodies(fake: FakeProvider) -> str:
    """Everything the fake provider was sent, as one text."""
    return "\n".join(r.model_dump_json() for r in fake.requests)


def present(value: str, sent: str) -> bool:
    """True when ``value`` appears in ``sent`` (JSON-escaped, any case)."""
    escaped = json.dumps(value, ensure_ascii=False)[1:-1]
    return escaped.casefold() in sent.casefold() or value.casefold() in sent.casefold()


def test_without_redaction_every_planted_value_reaches_the_model(incident: Incident) -> None:
    """The canary: the corpus really plants what the next test proves is removed."""
    fake = FakeProvider(fake_parrot)
    draft_postmortem(incident, provider=fake, redact=False)
    sent = bodies(fake)
    missing = [(kind, value) for kind, value in ALL_VALUES if not present(value, sent)]
    assert missing == []


def test_with_redaction_no_planted_value_reaches_the_model(incident: Incident) -> None:
    fake = FakeProvider(fake_parrot)
    draft_postmortem(incident, provider=fake)  # remote fake: redaction on by default
    sent = bodies(fake)
    leaked = [(kind, value) for kind, value in ALL_VALUES if present(value, sent)]
    assert leaked == []
    assert "PERSON_" in sent and "[SECRET REMOVED]" in sent
    redactor = Redactor.for_incident(incident)
    redactor.redact_incident(incident)
    mapped = [value for kind in Kind for value in redactor.map.values(kind) if len(value) >= 4]
    assert len(mapped) > len(ALL_VALUES) // 2
    assert [value for value in mapped if present(value, sent)] == []
    reasked = [r for r in fake.requests if len(r.messages) > 2]
    assert reasked, "the invented link should have been sent back with the errors"
    assert "elsewhere" in reasked[0].messages[-1].content


def claimed_actors(draft: Postmortem, incident: Incident) -> list[tuple[str, str]]:
    """(claim text, real actor of the cited event) for every parroted summary claim."""
    by_id = incident.by_id()
    return [
        (claim.text, by_id[claim.evidence[0]].actor or "")
        for claim in draft.summary
        if claim.evidence and claim.evidence[0] in by_id
    ]


def test_unmasking_restores_every_name_exactly_in_the_draft(incident: Incident) -> None:
    fake = FakeProvider(fake_parrot)
    draft = draft_postmortem(incident, provider=fake)
    pairs = claimed_actors(draft, incident)
    humans = {e.actor for e in incident.events if e.actor and not e.is_bot}
    assert {actor for _, actor in pairs} & humans >= {"Priya Raman", "José Álvarez-Núñez"}
    # The deploy log's handle names the same person: one pseudonym, her full name back.
    expected = {"priya.raman": "Priya Raman"}
    wrong = [text for text, actor in pairs if text != f"{expected.get(actor, actor)} wrote this."]
    assert wrong == []
    assert "PERSON_" not in draft.model_dump_json()


def test_the_draft_records_that_redaction_ran_with_counts_and_the_hash_sent(
    incident: Incident,
) -> None:
    fake = FakeProvider(fake_parrot)
    draft = draft_postmortem(incident, provider=fake)
    report = draft.metadata.redaction
    assert report is not None and report["ran"] is True
    assert report["pseudonyms"]["PERSON"] >= 8
    assert report["secrets_removed"] >= len(VALUES["SECRET"]) - 3  # a JWT's parts go together
    assert report["url_tokens_removed"] >= 3
    assert re.fullmatch(r"[0-9a-f]{64}", report["sent_sha256"])
    stored = json.dumps(report)
    assert [v for _, v in ALL_VALUES if present(v, stored)] == []


def test_redaction_is_off_for_local_models_and_switchable_per_call_and_in_config(
    incident: Incident,
) -> None:
    local = FakeProvider(fake_parrot, remote=False)
    draft_postmortem(incident, provider=local)
    assert present("Priya Raman", bodies(local))
    forced = FakeProvider(fake_parrot, remote=False)
    draft = draft_postmortem(incident, provider=forced, redact=True)
    assert not present("Priya Raman", bodies(forced)) and draft.metadata.redaction is not None
    configured = FakeProvider(fake_parrot)
    draft = draft_postmortem(
        incident, provider=configured, redaction=RedactionConfig(enabled=False)
    )
    assert present("Priya Raman", bodies(configured))
    assert draft.metadata.redaction is not None and draft.metadata.redaction["ran"] is False


def test_the_pseudonym_map_can_be_saved_to_a_local_file(incident: Incident, tmp_path: Path) -> None:
    mapping = tmp_path / "map.json"
    fake = FakeProvider(fake_parrot)
    draft = draft_postmortem(
        incident, provider=fake, redaction=RedactionConfig(mapping_path=mapping)
    )
    saved = json.loads(mapping.read_text("utf-8"))
    assert "Priya Raman" in saved["values"].values()
    assert draft.metadata.redaction is not None
    assert draft.metadata.redaction["mapping_file"] == str(mapping)
    assert mapping.stat().st_mode & 0o077 == 0


# --- the OpenAI adapter on the wire: request bodies recorded by an httpx transport ------


def chat_completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-planted",
        "object": "chat.completion",
        "created": 1714600000,
        "model": "gpt-4.1-mini-2025-04-14",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100},
    }


def test_no_planted_value_is_in_any_request_body_the_openai_adapter_sends(
    incident: Incident,
) -> None:
    sent: list[bytes] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        body = request.read()
        sent.append(body)
        payload = json.loads(body)
        section = payload["response_format"]["json_schema"]["name"]
        reply = parrot(payload["messages"][-1]["content"], section)
        return httpx2.Response(200, json=chat_completion(json.dumps(reply)))

    client = openai.AsyncOpenAI(
        api_key="sk-test", http_client=httpx2.AsyncClient(transport=httpx2.MockTransport(answer))
    )
    provider = get_provider("openai:gpt-4.1-mini", api_key="sk-test", async_client=client)
    draft = asyncio.run(adraft_postmortem(incident, provider=provider))
    wire = b"\n".join(sent).decode("utf-8")
    assert len(sent) >= 6
    assert [(k, v) for k, v in ALL_VALUES if present(v, wire)] == []
    assert "Priya Raman wrote this." in {c.text for c in draft.summary}


def test_no_planted_value_is_in_any_request_that_passes_through_a_vcr_cassette(
    incident: Incident, tmp_path: Path
) -> None:
    """The same check at the cassette layer: vcrpy sees every request the SDK sends."""
    import vcr
    import yaml

    answer = chat_completion("{}")  # schema-invalid on purpose: re-asks are checked too
    cassette = tmp_path / "openai.yaml"
    interaction = {
        "request": {
            "body": None,
            "headers": {},
            "method": "POST",
            "uri": "https://api.openai.com/v1/chat/completions",
        },
        "response": {
            "status": {"code": 200, "message": "OK"},
            "headers": {"content-type": ["application/json"]},
            "body": {"string": json.dumps(answer)},
        },
    }
    cassette.write_text(yaml.safe_dump({"interactions": [interaction], "version": 1}), "utf-8")
    seen: list[bytes] = []

    def capture(request: Any) -> Any:
        seen.append(request.body or b"")
        return request

    recorder = vcr.VCR(
        record_mode="none",
        match_on=["method", "path"],
        before_record_request=capture,
        filter_headers=["authorization"],
    )
    provider = get_provider("openai:gpt-4.1-mini", api_key="sk-test", max_retries=0)
    with recorder.use_cassette(str(cassette), allow_playback_repeats=True):
        draft = draft_postmortem(incident, provider=provider)
    wire = b"\n".join(seen).decode("utf-8")
    assert len(seen) >= 6
    assert "INCIDENT-DATA" in wire  # the fenced sources really went through the cassette
    assert [(k, v) for k, v in ALL_VALUES if present(v, wire)] == []
    assert any(f.code == "PIR100" for f in draft.findings)
