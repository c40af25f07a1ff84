"""Draft the sections: one request per section group, independent groups in parallel.

Stage 1 groups read only the incident data; stage 2 groups also read what stage 1
drafted (action items address the contributing factors). A group whose answer
fails validation after its re-ask, or is cut off at the output limit, is drafted
by the offline engine instead, and a finding says so; soft grounding problems left
after the re-ask stay in the draft, each kept as a finding.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from pir_ai.draft._sections.check import section_check
from pir_ai.draft._sections.run import DraftRun
from pir_ai.draft._sections.schemas import SECTION_FIELDS, SECTIONS, SectionSpec
from pir_ai.errors import InvalidOutputError, TruncationError
from pir_ai.postmortem import IncidentMetrics, Postmortem

Fallback = Callable[[], Postmortem]


def key_moment_facts(metrics: IncidentMetrics, short_of: Mapping[str, str]) -> str:
    """The key moments computed in code, named by short id (no times: code adds those)."""
    names = ("impact_start", "detected", "acknowledged", "first_response", "mitigated", "resolved")
    lines = []
    for name in names:
        moment = getattr(metrics, name)
        if moment is not None and moment.event_id in short_of:
            lines.append(f"- {name.replace('_', ' ')}: {short_of[moment.event_id]}")
    return "\n".join(lines) or "- no key moment could be computed from the events"


def section_probe_budget(run: DraftRun, facts: str) -> int:
    """Data tokens every section request can carry, leaving room for earlier answers."""
    budgets = []
    for spec in SECTIONS:
        probe = run.request(
            instructions=run.prompts.instructions(spec.name),
            data="",
            schema=spec.json_schema,
            schema_name=spec.name,
            section=spec.name,
            facts=facts,
        )
        reserve = run.max_output_tokens if spec.reads else 0
        budgets.append(run.data_budget(probe) - reserve)
    return min(budgets)


async def draft_sections(
    run: DraftRun, data: str, facts: str, fallback: Fallback
) -> dict[str, Any]:
    """Postmortem field values for every section group, with real event ids."""
    fields: dict[str, Any] = {}
    answers: dict[str, BaseModel] = {}
    total = len(SECTIONS)
    done = 0
    run.report("sections", 0, total)

    async def one(spec: SectionSpec) -> None:
        nonlocal done
        earlier = "".join(
            f"\n\nDrafted so far ({name}):\n{answers[name].model_dump_json()}"
            for name in spec.reads
            if name in answers
        )
        request = run.request(
            instructions=run.prompts.instructions(spec.name),
            data=data + earlier,
            schema=spec.json_schema,
            schema_name=spec.name,
            section=spec.name,
            facts=facts,
        )
        check = section_check(spec.model, run.ids, run.sources, run.metrics, run.hooks.to_draft)
        try:
            result = await run.ask(request, check)
        except (InvalidOutputError, TruncationError) as err:
            run.flag_failure(spec.name, err, "the offline engine's draft is used for it")
            offline = fallback()
            fields.update({f: getattr(offline, f) for f in SECTION_FIELDS[spec.name]})
        else:
            answers[spec.name] = result.value.answer
            fields.update(result.value.fields)
            run.findings.extend(result.value.findings)
        finally:
            done += 1
            run.report("sections", done, total)

    for stage in sorted({spec.stage for spec in SECTIONS}):
        await asyncio.gather(*(one(spec) for spec in SECTIONS if spec.stage == stage))
    return fields
