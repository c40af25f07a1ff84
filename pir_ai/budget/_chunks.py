"""Split condensed lines into chunks that fit a model's context, leaving room to answer."""

from __future__ import annotations

from collections.abc import Sequence

from pir_ai.budget._condense import CondensedLine

OUTPUT_RESERVE = 4096
"""Tokens of the context window kept free for the answer."""


def chunk_lines(lines: Sequence[CondensedLine], budget: int) -> list[list[CondensedLine]]:
    """Split ``lines`` in time order into chunks of at most ``budget`` tokens each.

    A single line longer than the budget still gets a chunk of its own: lines are already
    cut at ``budget.MAX_LINE_CHARS``, so that only happens with absurdly small budgets.
    """
    chunks: list[list[CondensedLine]] = []
    current: list[CondensedLine] = []
    used = 0
    for line in lines:
        cost = line.tokens + 1
        if current and used + cost > budget:
            chunks.append(current)
            current, used = [], 0
        current.append(line)
        used += cost
    if current:
        chunks.append(current)
    return chunks


def input_budget(context_tokens: int, *, reserve: int = OUTPUT_RESERVE) -> int:
    """Tokens a prompt may use in a context of ``context_tokens``."""
    return max(context_tokens - reserve, 0)
