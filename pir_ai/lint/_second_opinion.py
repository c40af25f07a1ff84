"""An optional second opinion from a model: it re-scores the rules' candidates, nothing more.

The model sees each candidate (rule, matched text, its sentence) and answers whether it
is really a problem and how sure it is. It can lower or raise a candidate's confidence
and, below a threshold, drop it; it can never add a finding or move a span. Field
checks (owner, deadline, priority) and structure findings are deterministic and are
not sent. Never required: the linter runs fully offline without it.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from typing import Any

from pir_ai.errors import ProviderError
from pir_ai.findings import Category, Finding
from pir_ai.providers import CompletionRequest, Message, Provider, get_provider

PROMPT_VERSION = "lint-rescore-1"
_SYSTEM = (
    "You review candidate findings of a blameless-postmortem linter. For each candidate, "
    "decide if the rule's concern really applies in context. Blame rules: is a person or team "
    "judged (counterfactual, failure verb, cause, trait), rather than a system described or a "
    "neutral fact stated? Action-item rules: does the item lack a verifiable end state? "
    "Answer only with JSON matching the schema; one entry per candidate index."
)
_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "scores": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "index": {"type": "integer"},
                    "applies": {"type": "boolean"},
                    "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                },
                "required": ["index", "applies", "confidence"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["scores"],
    "additionalProperties": False,
}
_RESCORED = (Category.BLAME, Category.ACTION_ITEM)


def _context(finding: Finding, source: str | None) -> str:
    if source is None or finding.location.line is None:
        return finding.matched or ""
    lines = source.splitlines()
    index = finding.location.line - 1
    return lines[index].strip() if 0 <= index < len(lines) else ""


def _candidates(findings: Sequence[Finding]) -> list[int]:
    """Indices of findings a model may re-score: span findings of blame and item rules."""
    return [
        i
        for i, f in enumerate(findings)
        if f.category in _RESCORED and f.matched and not _is_field(f)
    ]


def _is_field(finding: Finding) -> bool:
    field = finding.location.field or ""
    return field.split(".")[-1] in ("owner", "due", "priority")


def _request(
    findings: Sequence[Finding], picked: list[int], source: str | None
) -> CompletionRequest:
    listing = [
        {
            "index": n,
            "rule": f"{findings[i].code} {findings[i].name}",
            "matched": findings[i].matched,
            "context": _context(findings[i], source),
        }
        for n, i in enumerate(picked)
    ]
    return CompletionRequest(
        messages=(
            Message(role="system", content=_SYSTEM),
            Message(role="user", content=json.dumps({"candidates": listing}, ensure_ascii=False)),
        ),
        json_schema=_SCHEMA,
        schema_name="lint_rescore",
        max_output_tokens=64 + 40 * len(listing),
        prompt_version=PROMPT_VERSION,
        section="lint",
    )


def _scores(answer: Any, count: int) -> dict[int, tuple[bool, float]]:
    """Valid scores by candidate index; anything malformed or out of range is ignored."""
    scores: dict[int, tuple[bool, float]] = {}
    entries = answer.get("scores", []) if isinstance(answer, dict) else []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        index, applies, confidence = (
            entry.get("index"),
            entry.get("applies"),
            entry.get("confidence"),
        )
        if (
            isinstance(index, int)
            and 0 <= index < count
            and isinstance(applies, bool)
            and isinstance(confidence, int | float)
            and 0 <= confidence <= 1
        ):
            scores[index] = (applies, float(confidence))
    return scores


def rescore(
    findings: Sequence[Finding],
    provider: str | Provider,
    *,
    source: str | None = None,
    drop_below: float = 0.5,
) -> list[Finding]:
    """Findings with model-adjusted confidence; candidates the model rejects with a
    resulting confidence under ``drop_below`` are dropped. On a provider error the
    findings are returned unchanged with a warning (the second opinion is never required)."""
    picked = _candidates(findings)
    if not picked:
        return list(findings)
    model = get_provider(provider)
    try:
        completion = model.complete(_request(findings, picked, source))
    except ProviderError as err:
        warnings.warn(f"second opinion skipped, findings unchanged: {err}", stacklevel=2)
        return list(findings)
    answer = completion.parsed
    if answer is None:
        try:
            answer = json.loads(completion.text)
        except json.JSONDecodeError:
            warnings.warn("second opinion skipped: the model's answer is not JSON", stacklevel=2)
            return list(findings)
    scores = _scores(answer, len(picked))
    result: list[Finding] = []
    position = {i: n for n, i in enumerate(picked)}
    for i, finding in enumerate(findings):
        score = scores.get(position[i]) if i in position else None
        if score is None:
            result.append(finding)
            continue
        applies, confidence = score
        combined = confidence if applies else 1.0 - confidence
        adjusted = round(0.3 * finding.confidence + 0.7 * combined, 3)
        if adjusted >= drop_below:
            result.append(finding.model_copy(update={"confidence": adjusted}))
    return result
