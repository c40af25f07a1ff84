"""The incident data section prompts read: every condensed line, or map-reduce notes.

When the condensed incident does not fit one prompt, each chunk is summarised into
notes that cite short ids (map); notes still too long are merged in rounds
(reduce). Sections are then drafted from the key events plus the notes, so every
citation still resolves through the same short-id map.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from pir_ai.budget import CondensedLine, chunk_lines, count_tokens
from pir_ai.draft._sections.check import notes_check
from pir_ai.draft._sections.run import DraftRun
from pir_ai.draft._sections.schemas import NotesOut
from pir_ai.errors import ContextLengthError, InvalidOutputError, TruncationError
from pir_ai.postmortem import Claim

MAX_REDUCE_ROUNDS = 6
KEY_SHARE = 3
"""Key events may take up to 1/KEY_SHARE of the data budget next to the notes."""
SLACK = 0.9
"""Chunks are cut at this share of the budget: what ``to_prompt`` changes may grow them."""


async def incident_data(run: DraftRun, budget: int) -> str:
    """The incident as section prompts carry it, within ``budget`` tokens."""
    everything = run.hooks.to_prompt(run.condensed.render())
    if count_tokens(everything) <= budget:
        return everything
    key_text = run.hooks.to_prompt(run.condensed.render(_key_lines(run, budget // KEY_SHARE)))
    notes = await _map(run)
    room = budget - count_tokens(key_text) - 100
    for _ in range(MAX_REDUCE_ROUNDS):
        if count_tokens("\n".join(notes)) <= room:
            break
        shorter = await _reduce(run, notes)
        if count_tokens("\n".join(shorter)) >= count_tokens("\n".join(notes)):
            break
        notes = shorter
    notes = _fit(run, notes, room)
    return (
        f"Key events:\n{key_text}\n\n"
        f"Notes on the whole incident, written from every event in earlier passes:\n"
        + "\n".join(notes)
    )


def _fit(run: DraftRun, notes: list[str], room: int) -> list[str]:
    """The notes that fit ``room``; any cut is a finding, never silent."""
    kept: list[str] = []
    used = 0
    for note in notes:
        used += count_tokens(note) + 1
        if used > room:
            cut = len(notes) - len(kept)
            run.flag_failure(
                "map_notes",
                ContextLengthError(
                    f"notes still exceed {room} tokens after reducing",
                    provider=run.provider.name,
                    model=run.provider.model,
                ),
                f"the last {cut} of {len(notes)} notes were left out of the section prompts",
            )
            break
        kept.append(note)
    return kept


def _key_lines(run: DraftRun, budget: int) -> list[CondensedLine]:
    """Key events, key moments first, in time order, within ``budget`` tokens."""
    m = run.metrics
    moments = {x.event_id for x in (m.impact_start, m.detected, m.mitigated, m.resolved) if x}
    ranked = sorted(
        (li for li in run.condensed.lines if li.key),
        key=lambda li: (li.event_id not in moments, li.ts),
    )
    kept: list[CondensedLine] = []
    used = 0
    for line in ranked:
        if used + line.tokens + 1 > budget:
            continue
        kept.append(line)
        used += line.tokens + 1
    return sorted(kept, key=lambda li: li.ts)


def _probe_budget(run: DraftRun, instructions: str) -> int:
    probe = run.request(
        instructions=instructions,
        data="",
        schema=NotesOut.model_json_schema(),
        schema_name="notes",
        section="notes",
    )
    budget = int(run.data_budget(probe) * SLACK)
    if budget <= 0:
        raise ContextLengthError(
            f"a {run.context_tokens}-token context leaves no room for incident data",
            provider=run.provider.name,
            model=run.provider.model,
        )
    return budget


async def _map(run: DraftRun) -> list[str]:
    chunks = chunk_lines(run.condensed.lines, _probe_budget(run, run.prompts.notes))
    texts = [run.hooks.to_prompt(run.condensed.render(chunk)) for chunk in chunks]
    return await _summarise(run, texts, run.prompts.notes, "map")


async def _reduce(run: DraftRun, notes: Sequence[str]) -> list[str]:
    budget = _probe_budget(run, run.prompts.reduce)
    groups: list[list[str]] = [[]]
    used = 0
    for note in notes:
        cost = count_tokens(note) + 1
        if groups[-1] and used + cost > budget:
            groups.append([])
            used = 0
        groups[-1].append(note)
        used += cost
    return await _summarise(run, ["\n".join(g) for g in groups], run.prompts.reduce, "reduce")


async def _summarise(run: DraftRun, texts: list[str], prompt: str, stage: str) -> list[str]:
    done = 0
    run.report(stage, 0, len(texts))

    async def one(index: int, data: str) -> list[str]:
        nonlocal done
        part = f"{index + 1}"
        instructions = prompt.replace("{part}", part).replace("{parts}", str(len(texts)))
        request = run.request(
            instructions=instructions,
            data=data,
            schema=NotesOut.model_json_schema(),
            schema_name="notes",
            section=f"{stage}:{part}",
        )
        label = f"{stage}_notes[{index}]"
        check = notes_check(run.ids, run.sources, run.metrics, label)
        try:
            result = await run.ask(request, check)
        except (InvalidOutputError, TruncationError) as err:
            run.flag_failure(label, err, "this part is represented by its key events only")
            return []
        finally:
            done += 1
            run.report(stage, done, len(texts))
        run.findings.extend(result.value.findings)
        return [_note_line(note, run.short_ids) for note in result.value.fields["notes"]]

    parts = await asyncio.gather(*(one(i, t) for i, t in enumerate(texts)))
    return [line for part in parts for line in part]


def _note_line(note: Claim, short_of: dict[str, str]) -> str:
    """A note as the next step reads it, citing short ids that resolve (others are findings)."""
    cited = [short_of.get(ev, ev) for ev in note.evidence if ev in short_of]
    return f"- {note.text} [{', '.join(cited)}]" if cited else f"- {note.text}"
