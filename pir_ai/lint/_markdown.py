"""Read a postmortem written in Markdown: sections, prose, timeline and action items.

Not a full CommonMark parser: it recognises what postmortems use (ATX headings,
paragraphs, lists, pipe tables, fenced code, block quotes, HTML comments) and keeps the
character offset of everything, so findings point at a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._document import DocInput, Section, TimelineRow, section_key
from pir_ai.lint._inline_fields import parse_item_line
from pir_ai.lint._suppress import Suppressions, parse_directive
from pir_ai.lint._timeline_time import parse_row_time

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)

_ACTION_COL = ("action", "item", "task", "description", "follow-up", "follow up", "what", "todo")
_OWNER_COL = ("owner", "assignee", "dri", "who", "assigned")
_DUE_COL = ("due", "deadline", "eta", "target", "date", "when", "by")
_PRIORITY_COL = ("priority", "pri", "prio", "p", "severity")
_TIME_COL = ("time", "timestamp", "when", "utc", "date", "time (utc)")


@dataclass
class Prose:
    """A run of text to lint sentence by sentence, at ``start`` in the document."""

    text: str
    start: int


@dataclass
class MarkdownDoc:
    """What the reader found."""

    text: str
    prose: list[Prose] = field(default_factory=list)
    doc: DocInput = field(default_factory=DocInput)
    suppressions: Suppressions = field(default_factory=Suppressions)


def _cells(line: str, start: int) -> list[tuple[str, int]]:
    """Cells of a pipe-table row with the offset of each cell's text."""
    cells: list[tuple[str, int]] = []
    body = line
    offset = start
    stripped = body.lstrip()
    if stripped.startswith("|"):
        cut = body.index("|") + 1
        body, offset = body[cut:], offset + cut
    if body.rstrip().endswith("|"):
        body = body.rstrip()[:-1]
    pos = 0
    for part in re.split(r"(?<!\\)\|", body):
        lead = len(part) - len(part.lstrip())
        cells.append((part.strip(), offset + pos + lead))
        pos += len(part) + 1
    return cells


def _column(headers: list[str], names: tuple[str, ...]) -> int | None:
    for i, header in enumerate(headers):
        clean = re.sub(r"[*_`]", "", header).strip().lower()
        if clean in names or any(clean.startswith(n + " ") for n in names):
            return i
    return None


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts: list[int] = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line)
        self.out = MarkdownDoc(text=text)
        self.section: str | None = None
        self.current: Section | None = None

    def read(self) -> MarkdownDoc:
        i = 0
        blocks: list[tuple[int, int]] = []
        while i < len(self.lines):
            j = self._block(i)
            line = self._line(i).strip()
            if line and not line.startswith("<!--"):
                blocks.append((i + 1, j))
            i = j
        self._close_section(len(self.text))
        self.out.suppressions.close(len(self.lines), blocks)
        return self.out

    def _line(self, i: int) -> str:
        return self.lines[i].rstrip("\r\n")

    def _close_section(self, end: int) -> None:
        if self.current is not None:
            self.out.doc.sections.append(self.current)

    def _touch(self) -> None:
        if self.current is not None:
            self.current.empty = False

    def _block(self, i: int) -> int:
        line = self._line(i)
        start = self.starts[i]
        if not line.strip():
            return i + 1
        if _FENCE.match(line):
            self._touch()
            j = i + 1
            while j < len(self.lines) and not _FENCE.match(self._line(j)):
                j += 1
            return j + 1
        if line.lstrip().startswith("<!--"):
            return self._comment(i)
        heading = _HEADING.match(line)
        if heading:
            self._close_section(start)
            title = heading.group(2)
            key = section_key(title)
            self.section = key
            top_level = len(heading.group(1)) == 1 and key is None
            at = start + len(heading.group(1)) + 1
            self.current = None if top_level else Section(title, key, at, at + len(title), True)
            return i + 1
        self._touch()
        if line.lstrip().startswith(">"):
            return i + 1  # quoted chat or a participant's words: not linted
        if "|" in line and i + 1 < len(self.lines) and _TABLE_SEP.match(self._line(i + 1)):
            return self._table(i)
        if _LIST.match(line):
            return self._list_item(i)
        j = i
        while j < len(self.lines) and self._line(j).strip() and not self._starts_block(j):
            j += 1
        j = max(j, i + 1)
        end = self.starts[j - 1] + len(self._line(j - 1))
        self.out.prose.append(Prose(self.text[start:end], start))
        return j

    def _starts_block(self, j: int) -> bool:
        line = self._line(j)
        return bool(
            _HEADING.match(line)
            or _FENCE.match(line)
            or _LIST.match(line)
            or line.lstrip().startswith(("<!--", ">"))
        )

    def _comment(self, i: int) -> int:
        start = self.starts[i]
        m = _COMMENT.search(self.text, start)
        end = m.end() if m else len(self.text)
        if m:
            line = self.text.count("\n", 0, start) + 1
            parse_directive(m.group(1), line, self.out.suppressions)
        j = i
        while j < len(self.lines) and self.starts[j] < end:
            j += 1
        return max(j, i + 1)

    def _list_item(self, i: int) -> int:
        first = self._line(i)
        marker = _LIST.match(first)
        assert marker is not None
        indent = len(marker.group(1))
        j = i + 1
        while j < len(self.lines):
            nxt = self._line(j)
            if not nxt.strip():
                break
            m = _LIST.match(nxt)
            if m and len(m.group(1)) <= indent:
                break
            if _HEADING.match(nxt) or _FENCE.match(nxt):
                break
            j += 1
        start = self.starts[i] + marker.end()
        end = self.starts[j - 1] + len(self._line(j - 1))
        block = self.text[start:end]
        if self.section == "action_items":
            self.out.doc.items.append(parse_item_line(block, start))
        elif self.section == "timeline":
            ts, _ = parse_row_time(block)
            self.out.doc.timeline.append(TimelineRow(ts, start, end))
            self.out.prose.append(Prose(block, start))
        else:
            self.out.prose.append(Prose(block, start))
        return j

    def _table(self, i: int) -> int:
        headers = [c for c, _ in _cells(self._line(i), self.starts[i])]
        j = i + 2
        rows: list[list[tuple[str, int]]] = []
        while j < len(self.lines) and "|" in self._line(j) and self._line(j).strip():
            rows.append(_cells(self._line(j), self.starts[j]))
            j += 1
        action = _column(headers, _ACTION_COL)
        owner = _column(headers, _OWNER_COL)
        due = _column(headers, _DUE_COL)
        time = _column(headers, _TIME_COL)
        is_actions = action is not None and (owner is not None or self.section == "action_items")
        for row in rows:
            if is_actions and action is not None and action < len(row):
                self.out.doc.items.append(self._table_item(headers, row, action, owner, due))
                continue
            if time is not None and time < len(row) and self.section == "timeline":
                ts, _ = parse_row_time(row[time][0])
                self.out.doc.timeline.append(
                    TimelineRow(ts, row[0][1], row[-1][1] + len(row[-1][0]))
                )
            for k, (cell, offset) in enumerate(row):
                if k != time and cell:
                    self.out.prose.append(Prose(cell, offset))
        return j

    @staticmethod
    def _table_item(
        headers: list[str],
        row: list[tuple[str, int]],
        action: int,
        owner: int | None,
        due: int | None,
    ) -> ItemInput:
        priority = _column(headers, _PRIORITY_COL)

        def cell(index: int | None) -> tuple[str | None, tuple[int, int] | None]:
            if index is None or index >= len(row):
                return None, None
            value, offset = row[index]
            return value, (offset, offset + len(value))

        text, text_at = cell(action)
        spans = {"text": text_at or (0, 0)}
        values: dict[str, str | None] = {}
        for name, index in (("owner", owner), ("due", due), ("priority", priority)):
            value, at = cell(index)
            values[name] = value
            if at is not None:
                spans[name] = at
        return ItemInput(
            text=text or "",
            owner=values["owner"],
            due=values["due"],
            priority=values["priority"],
            spans=spans,
        )


def read_markdown(text: str) -> MarkdownDoc:
    """Read a Markdown postmortem."""
    return _Reader(text).read()
