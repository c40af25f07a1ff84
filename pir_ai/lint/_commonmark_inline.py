"""The words of CommonMark inline markup as plain prose, each mapped back to the source.

Emphasis markers, URLs, images and inline HTML are dropped, line breaks become one space
and escapes and entities are decoded; every character of the result keeps the offset of
the source character it came from, so a finding still points at its line and column.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markdown_it.token import Token

LineKind = Literal["prose", "log", "quote"]
"""What one source line of a paragraph is: prose, machine output, or someone's words."""

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LINE_BREAKS = ("softbreak", "hardbreak")
_NEWLINE = re.compile("\n")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Prose:
    """Plain text to lint sentence by sentence, with where each run of it sits in the source.

    ``runs`` holds (offset in ``text``, offset in the source) at the start of each run of
    characters that are contiguous in both.
    """

    text: str
    runs: tuple[tuple[int, int], ...]

    def _source(self, offset: int) -> int:
        index = bisect_right(self.runs, offset, key=lambda run: run[0]) - 1
        text_at, source_at = self.runs[max(index, 0)]
        return source_at + offset - text_at

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of ``text[start:end]``: from its first to past its last char."""
        first = self._source(start)
        last = self._source(end - 1) + 1 if end > start else first
        return first, max(first, last)


class _Builder:
    """Collects the characters of one ``Prose`` and where each came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs: list[tuple[int, int]] = []
        self.length = 0
        self.next_source = -1

    def add(self, chars: str, source_at: int) -> None:
        """Append ``chars``, which sit in the source from ``source_at`` on."""
        if not chars:
            return
        if source_at != self.next_source:
            self.runs.append((self.length, source_at))
        self.parts.append(chars)
        self.length += len(chars)
        self.next_source = source_at + len(chars)

    def build(self) -> Prose:
        """The ``Prose`` collected so far."""
        return Prose("".join(self.parts), tuple(self.runs))


class _Aligner:
    """Walks the source of one block forward while inline tokens are rendered."""

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source = source
        self.at = start
        self.end = end

    def _line_end(self) -> int:
        newline = self.source.find("\n", self.at, self.end)
        return self.end if newline == -1 else newline

    def text(
        self, chars: str, into: _Builder, same_line: bool = True, shown: str | None = None
    ) -> None:
        """Emit ``chars`` (or ``shown``, as long) into ``into``, matched against the source."""
        shown = chars if shown is None else shown
        if same_line and chars.strip():
            line_end = self._line_end()
            if line_end < self.end and not self.source[self.at : line_end].strip():
                self.at = line_end + 1  # the parser trimmed a line of white space only
        limit = self._line_end() if same_line else self.end
        found = self.source.find(chars, self.at, limit)
        if found != -1 and not any(c.isalnum() for c in self.source[self.at : found]):
            into.add(shown, found)
            self.at = found + len(chars)
            return
        for char, show in zip(chars, shown, strict=True):
            into.add(show, self._char(char, limit))

    def _char(self, char: str, limit: int) -> int:
        entity = _ENTITY.match(self.source, self.at, limit)
        if entity and html.unescape(entity.group()).startswith(char):
            self.at = entity.end()
            return entity.start()
        if char.isspace():
            space = _SPACE.search(self.source, self.at, limit)
            found = space.start() if space else -1
        else:
            found = self.source.find(char, self.at, limit)
        if found == -1:
            return self.at
        self.at = found + 1
        return found

    def line_break(self) -> int:
        """Move past a soft or hard line break; the offset of its newline."""
        newline = self.source.find("\n", self.at, self.end)
        at = self.end - 1 if newline == -1 else newline
        self.at = at + 1
        return at

    def skip(self, chars: str) -> None:
        """Move past ``chars`` (inline HTML, which may span lines) when they come next."""
        found = self.source.find(chars, self.at, self.end)
        if found != -1:
            self.at = found + len(chars)

    def skip_link_tail(self) -> None:
        """Move past the ``](url "title")`` or ``][ref]`` that closes a link's text."""
        close = self.source.find("]", self.at, self.end)
        if close == -1:
            return
        self.at = close + 1
        if self.source.startswith("(", self.at):
            self.at = _balanced_end(self.source, self.at, self.end, "(", ")")
        elif self.source.startswith("[", self.at):
            self.at = _balanced_end(self.source, self.at, self.end, "[", "]")

    def skip_image(self) -> None:
        """Move past ``![alt](src)``."""
        bang = self.source.find("![", self.at, self.end)
        if bang == -1:
            return
        self.at = _balanced_end(self.source, bang + 1, self.end, "[", "]") - 1
        self.skip_link_tail()

    def skip_autolink_end(self) -> None:
        """Move past the ``>`` that closes ``<https://...>``."""
        if self.source.startswith(">", self.at):
            self.at += 1


def _balanced_end(source: str, start: int, end: int, opening: str, closing: str) -> int:
    """Offset just past the ``closing`` that matches the ``opening`` at ``start``."""
    depth = 0
    i = start
    while i < end:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


def _render(token: Token, aligner: _Aligner, into: _Builder) -> None:
    kind = token.type
    if kind == "text":
        aligner.text(token.content, into)
    elif kind == "code_inline":
        # Kept in backticks so the sentence rules blank it out as a literal.
        aligner.text(token.markup[0], into)
        aligner.text(token.content, into, False, token.content.replace("`", "'"))
        aligner.text(token.markup[0], into, same_line=False)
        aligner.skip(token.markup[1:])
    elif kind == "link_close":
        if token.markup == "autolink":
            aligner.skip_autolink_end()
        else:
            aligner.skip_link_tail()
    elif kind == "image":
        aligner.skip_image()
    elif kind == "html_inline":
        aligner.skip(token.content)


def inline_prose(
    children: Sequence[Token],
    source: str,
    start: int,
    end: int,
    line_kinds: Sequence[LineKind] = (),
) -> list[tuple[LineKind, Prose]]:
    """The prose of one inline token's ``children``, whose source is ``source[start:end]``.

    ``line_kinds`` says what each of its lines is (prose by default); lines of one kind in
    a row make one ``Prose``, and log lines are left out.
    """
    aligner = _Aligner(source, start, end)
    newlines = [m.start() for m in _NEWLINE.finditer(source, start, end)]

    def kind_at(offset: int) -> LineKind:
        line = bisect_left(newlines, offset)
        return line_kinds[line] if line < len(line_kinds) else "prose"

    pieces: list[tuple[LineKind, _Builder]] = []
    current, kind = _Builder(), kind_at(start)
    for child in children:
        if child.type not in _LINE_BREAKS:
            _render(child, aligner, current)
            continue
        newline = aligner.line_break()
        following = kind_at(newline + 1)
        if following == kind:
            current.add(" ", newline)
        else:
            pieces.append((kind, current))
            current, kind = _Builder(), following
    pieces.append((kind, current))
    built = [(kind, builder.build()) for kind, builder in pieces if kind != "log"]
    return [(kind, prose) for kind, prose in built if prose.text.strip()]
