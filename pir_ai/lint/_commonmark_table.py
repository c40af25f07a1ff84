"""A pipe table read as a postmortem uses one: action items, timeline rows, or prose cells."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._commonmark_inline import LineKind, Prose, inline_prose
from pir_ai.lint._commonmark_kinds import line_kinds
from pir_ai.lint._document import TimelineRow
from pir_ai.lint._timeline_time import parse_row_time

_ACTION_COL = ("action", "item", "task", "description", "follow-up", "follow up", "what", "todo")
_OWNER_COL = ("owner", "assignee", "dri", "who", "assigned")
_DUE_COL = ("due", "deadline", "eta", "target", "date", "when", "by")
_PRIORITY_COL = ("priority", "pri", "prio", "p", "severity")
_TIME_COL = ("time", "timestamp", "when", "utc", "date", "time (utc)")
_ROW_LEAD = re.compile(r"[ \t>]*\|?")
_PIPE = re.compile(r"(?<!\\)\|")


@dataclass
class Cell:
    """One cell: its source text (trimmed), where that starts, and its parsed inline token."""

    raw: str
    start: int
    inline: Token | None


@dataclass
class TableParts:
    """What a table holds, in the reader's terms."""

    items: list[ItemInput] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)
    prose: list[tuple[LineKind, Prose]] = field(default_factory=list)


def _raw_cells(source: str, start: int, end: int) -> list[tuple[str, int]]:
    """(trimmed text, offset) of each cell of the row at ``source[start:end]``."""
    lead = _ROW_LEAD.match(source, start, end)
    at = lead.end() if lead else start
    body = source[at:end].rstrip()
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[tuple[str, int]] = []
    pos = at
    for part in _PIPE.split(body):
        indent = len(part) - len(part.lstrip())
        cells.append((part.strip(), pos + indent))
        pos += len(part) + 1
    return cells


def _rows(tokens: Sequence[Token], source: str, line_starts: Sequence[int]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    inlines: list[Token] = []
    line = 0
    for token in tokens:
        if token.type == "tr_open" and token.map:
            line, inlines = token.map[0], []
        elif token.type == "inline":
            inlines.append(token)
        elif token.type == "tr_close":
            end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(source)
            raw = _raw_cells(source, line_starts[line], end)
            rows.append(
                [
                    Cell(text, at, inlines[k] if k < len(inlines) else None)
                    for k, (text, at) in enumerate(raw)
                ]
            )
    return rows


def _column(headers: Sequence[str], names: tuple[str, ...]) -> int | None:
    for i, header in enumerate(headers):
        clean = re.sub(r"[*_`]", "", header).strip().lower()
        if clean in names or any(clean.startswith(n + " ") for n in names):
            return i
    return None


def _item(headers: Sequence[str], row: Sequence[Cell], action: int) -> ItemInput:
    spans: dict[str, tuple[int, int]] = {}
    values: dict[str, str | None] = {}
    for name, names in (
        ("text", _ACTION_COL),
        ("owner", _OWNER_COL),
        ("due", _DUE_COL),
        ("priority", _PRIORITY_COL),
    ):
        index = action if name == "text" else _column(headers, names)
        cell = row[index] if index is not None and index < len(row) else None
        values[name] = cell.raw if cell else None
        if cell is not None:
            spans[name] = (cell.start, cell.start + len(cell.raw))
    spans.setdefault("text", (0, 0))
    return ItemInput(
        text=values["text"] or "",
        owner=values["owner"],
        due=values["due"],
        priority=values["priority"],
        spans=spans,
    )


def _cell_prose(cell: Cell, source: str) -> list[tuple[LineKind, Prose]]:
    if cell.inline is None or not cell.raw:
        return []
    end = cell.start + len(cell.raw)
    kinds = line_kinds(cell.inline.content)
    return inline_prose(cell.inline.children or [], source, cell.start, end, kinds)


def read_table(
    tokens: Sequence[Token],
    source: str,
    line_starts: Sequence[int],
    section: str | None,
    part: int,
) -> TableParts:
    """The parts of the table whose tokens (``table_open`` to ``table_close``) are given.

    ``section`` is the canonical key of the section it is in; ``part`` numbers the heading
    it sits under, for its timeline rows.
    """
    header, *rows = _rows(tokens, source, line_starts) or [[]]
    headers = [cell.raw for cell in header]
    action = _column(headers, _ACTION_COL)
    owner = _column(headers, _OWNER_COL)
    time = _column(headers, _TIME_COL)
    is_actions = action is not None and (owner is not None or section == "action_items")
    out = TableParts()
    for row in rows:
        if is_actions and action is not None and action < len(row):
            out.items.append(_item(headers, row, action))
            continue
        if time is not None and time < len(row) and section == "timeline":
            ts, _ = parse_row_time(row[time].raw)
            end = row[-1].start + len(row[-1].raw)
            out.timeline.append(TimelineRow(ts, row[0].start, end, part))
        for k, cell in enumerate(row):
            if k != time:
                out.prose.extend(_cell_prose(cell, source))
    return out
