"""Fitting an incident into a model's context: token counts, condensing, chunking.

``condense(events)`` turns the event stream into short cited lines (key events kept
whole, chatter dropped, repeats grouped); ``chunk_lines`` splits them to fit a budget.
"""

from pir_ai.budget._chunks import OUTPUT_RESERVE, chunk_lines, input_budget
from pir_ai.budget._condense import CondensedIncident, CondensedLine, condense, is_chatter
from pir_ai.budget._measure import CondenseStats, condense_ratio, naive_dump
from pir_ai.budget._tokens import (
    CHARS_PER_TOKEN_ESTIMATE,
    DEFAULT_CONTEXT_WINDOW,
    context_window,
    count_tokens,
    encoding_for_model,
)

__all__ = [
    "CHARS_PER_TOKEN_ESTIMATE",
    "DEFAULT_CONTEXT_WINDOW",
    "OUTPUT_RESERVE",
    "CondenseStats",
    "CondensedIncident",
    "CondensedLine",
    "chunk_lines",
    "condense",
    "condense_ratio",
    "context_window",
    "count_tokens",
    "encoding_for_model",
    "input_budget",
    "is_chatter",
    "naive_dump",
]
