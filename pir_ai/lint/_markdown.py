"""Read a postmortem written in Markdown: sections, prose, quotes, timeline and action items.

The document is parsed as CommonMark (with pipe tables) by ``markdown-it-py``, so headings,
code, HTML, block quotes and tables are structure. Paragraphs come out unwrapped, each
character mapped back to the file, so findings still point at the right line and column.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._commonmark_inline import LineKind, Prose, inline_prose
from pir_ai.lint._commonmark_kinds import is_label, line_kinds
from pir_ai.lint._commonmark_table import read_table
from pir_ai.lint._document import DocInput, Section, TimelineRow, section_key
from pir_ai.lint._inline_fields import parse_item_line
from pir_ai.lint._suppress import Suppressions, parse_directive
from pir_ai.lint._timeline_time import parse_row_time

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_LONE_CR = re.compile(r"\r(?!\n)")
_NEWLINE = re.compile(r"\n")
_LIST_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]*")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_WRAP = re.compile(r"\r?\n[ \t]*")
_CONTENT = ("paragraph_open", "table_open", "fence", "code_block", "list_item_open")


@dataclass
class MarkdownDoc:
    """What the reader found: the author's prose, quoted words, structure and suppressions.

    ``quotes`` holds block quotes and chat lines: someone's words, linted only when asked.
    """

    prose: list[Prose] = field(default_factory=list)
    quotes: list[Prose] = field(default_factory=list)
    doc: DocInput = field(default_factory=DocInput)
    suppressions: Suppressions = field(default_factory=Suppressions)


@dataclass
class _Heading:
    level: int
    section: Section | None
    key: str | None
    part: int


def _only_comments(token: Token) -> bool:
    return token.type == "html_block" and not _COMMENT.sub("", token.content).strip()


class _Reader:
    def __init__(self, text: str) -> None:
        # As markdown-it reads it (a lone CR ends a line, NUL is U+FFFD), in the same length.
        self.source = _LONE_CR.sub("\n", text).replace("\0", "\ufffd")
        self.tokens = _PARSER.parse(self.source)
        self.line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.source))]
        self.out = MarkdownDoc()
        self.headings: list[_Heading] = []
        self.blocks: list[tuple[int, int]] = []
        self.quote_depth = 0
        self.list_depth = 0
        self.parts = itertools.count(1)

    def read(self) -> MarkdownDoc:
        i = 0
        while i < len(self.tokens):
            i = self._token(i)
        self.out.suppressions.close(len(self.line_starts), self.blocks)
        return self.out

    def _offset(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.source)

    def _closing(self, i: int) -> int:
        opening = self.tokens[i]
        closing = opening.type.replace("_open", "_close")
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].type == closing and self.tokens[j].level == opening.level:
                return j
        return len(self.tokens) - 1

    def _key(self) -> str | None:
        return next((h.key for h in reversed(self.headings) if h.key), None)

    def _part(self) -> int:
        return self.headings[-1].part if self.headings else 0

    def _touch(self) -> None:
        for heading in self.headings:
            if heading.section is not None:
                heading.section.empty = False

    def _add(self, kind: LineKind, prose: Prose) -> None:
        quoted = self.quote_depth > 0 or kind == "quote"
        (self.out.quotes if quoted else self.out.prose).append(prose)

    def _token(self, i: int) -> int:
        token = self.tokens[i]
        if token.map and token.nesting >= 0 and not _only_comments(token):
            self.blocks.append((token.map[0] + 1, token.map[1]))
        if token.type in _CONTENT:
            self._touch()
        kind = token.type
        if kind == "heading_open":
            self._heading(token, self.tokens[i + 1])
            return i + 3
        if kind == "paragraph_open":
            self._paragraph(token, self.tokens[i + 1])
            return i + 3
        if kind == "table_open":
            close = self._closing(i)
            self._table(self.tokens[i : close + 1])
            return close + 1
        if kind == "list_item_open":
            return self._list_item(i)
        if kind == "html_block":
            self._html(token)
        elif kind in ("blockquote_open", "blockquote_close"):
            self.quote_depth += token.nesting
        elif kind.endswith("_list_open") or kind.endswith("_list_close"):
            self.list_depth += token.nesting
        return i + 1

    def _heading(self, token: Token, inline: Token) -> None:
        if self.quote_depth or token.map is None:
            return  # a heading inside a quote belongs to the quoted text
        level = int(token.tag[1:])
        title = inline.content
        line_start, line_end = self._offset(token.map[0]), self._offset(token.map[1])
        found = self.source.find(title, line_start, line_end) if title else -1
        at = line_start if found == -1 else found
        while self.headings and self.headings[-1].level >= level:
            self.headings.pop()
        key = section_key(title)
        section = None
        if level > 1 or key is not None:
            section = Section(title, key, at, at + len(title), True)
            self.out.doc.sections.append(section)
        self.headings.append(_Heading(level, section, key, next(self.parts)))

    def _paragraph(self, token: Token, inline: Token) -> None:
        children = inline.children or []
        if token.map is None or is_label(children):
            return
        start, end = self._offset(token.map[0]), self._offset(token.map[1])
        kinds = line_kinds(inline.content)
        for kind, prose in inline_prose(children, self.source, start, end, kinds):
            self._add(kind, prose)

    def _table(self, tokens: Sequence[Token]) -> None:
        quoted = self.quote_depth > 0
        section = None if quoted else self._key()
        parts = read_table(tokens, self.source, self.line_starts, section, self._part())
        if not quoted:
            self.out.doc.items.extend(parts.items)
            self.out.doc.timeline.extend(parts.timeline)
        for kind, prose in parts.prose:
            self._add(kind, prose)

    def _list_item(self, i: int) -> int:
        token = self.tokens[i]
        key = self._key()
        if self.quote_depth or token.map is None:
            return i + 1
        if key == "action_items":
            close = self._closing(i)
            self.out.doc.items.append(self._item(token, self.tokens[i + 1 : close]))
            return close + 1
        if key == "timeline" and self.list_depth == 1:
            start, end = self._item_span(token.map)
            ts, _ = parse_row_time(self.source[start:end])
            self.out.doc.timeline.append(TimelineRow(ts, start, end, self._part()))
        return i + 1

    def _item_span(self, lines: Sequence[int]) -> tuple[int, int]:
        """The source of a list item from just after its marker to its last character."""
        first = self._offset(lines[0])
        marker = _LIST_MARKER.match(self.source, first)
        start = marker.end() if marker else first
        end = self._offset(lines[1])
        return start, start + len(self.source[start:end].rstrip())

    def _item(self, token: Token, inner: Sequence[Token]) -> ItemInput:
        """An action item from a bullet, its first paragraph unwrapped in place."""
        assert token.map is not None
        start, end = self._item_span(token.map)
        block = self.source[start:end]
        paragraph = next((t for t in inner if t.type == "paragraph_open" and t.map), None)
        if paragraph is not None and paragraph.map is not None:
            cut = max(0, min(len(block), self._offset(paragraph.map[1]) - 1 - start))
            head = _WRAP.sub(lambda m: " " * len(m.group()), block[:cut])
            block = head + block[cut:]
        return parse_item_line(block, start)

    def _html(self, token: Token) -> None:
        for comment in _COMMENT.finditer(token.content):
            line = (token.map[0] if token.map else 0) + 1
            line += token.content.count("\n", 0, comment.start())
            parse_directive(comment.group(1), line, self.out.suppressions)
        if not _only_comments(token):
            self._touch()


def read_markdown(text: str) -> MarkdownDoc:
    """Read a Markdown postmortem."""
    return _Reader(text).read()
