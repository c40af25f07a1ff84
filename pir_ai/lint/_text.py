"""Prose into sentences and tokens, with quotes and code blanked out.

Blanking keeps every offset valid: a masked character becomes a space, so a match in
the masked text points at the same characters in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

_LITERALS = re.compile(
    r"`[^`\n]*`"  # code span
    r"|\"[^\"\n]{1,400}\""  # straight double quotes
    r"|“[^”\n]{1,400}”"  # curly double quotes
    r"|‘[^’\n]{1,400}’(?![A-Za-z])"  # curly single quotes, not an apostrophe
    r"|(?<![\w’'])'[^'\n]{1,400}?'(?![\w])"  # single quotes at word edges only
    r"|https?://\S+"
)

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(\[]?[A-Z0-9@])|\n\s*\n")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "No.", "Dr.", "Mr.", "Ms.")

_TOKEN = re.compile(r"@?[A-Za-z0-9][\w'’\-./:]*[\w%]|[A-Za-z0-9]|[,;:()!?—–]|--")


def mask_literals(text: str) -> str:
    """Blank quotes, code spans and URLs, keeping length and offsets."""
    if not any(mark in text for mark in ("`", '"', "'", "“", "‘", "http")):
        return text
    return _LITERALS.sub(lambda m: " " * len(m.group(0)), text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 8) : match.start()]
        if before.endswith(_ABBREVIATIONS):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            trimmed.append((s + lead, s + trail))
    return trimmed


class Token(NamedTuple):
    """A word or punctuation mark of a sentence; ``lower`` has any possessive removed."""

    text: str
    lower: str
    start: int
    end: int
    possessive: bool
    capitalised: bool


_POSSESSIVE_ENDS = frozenset(("'s", "’s", "s'", "s’"))
_new_tuple = tuple.__new__  # skips the NamedTuple __new__ wrapper: tokens are the hot path


def tokenize(text: str) -> list[Token]:
    """Words, numbers and clause punctuation with their offsets."""
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        possessive = len(word) > 2 and word[-2:] in _POSSESSIVE_ENDS
        if possessive:
            lower = (word[:-2] if word[-2] in "'’" else word[:-1]).lower()
        else:
            lower = word.lower()
        if "’" in lower:
            lower = lower.replace("’", "'")
        append(_new_tuple(Token, (word, lower, start, end, possessive, word[0].isupper())))
    return tokens


@dataclass
class Sentence:
    """One sentence: original text, masked text, tokens of the masked text, absolute offset."""

    text: str
    masked: str
    offset: int
    _tokens: list[Token] | None = field(default=None, repr=False)

    @property
    def tokens(self) -> list[Token]:
        """Tokens of the masked text, computed once."""
        if self._tokens is None:
            self._tokens = tokenize(self.masked)
        return self._tokens

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` (relative)."""
        for i, tok in enumerate(self.tokens):
            if tok.start >= offset:
                return i
        return len(self.tokens)


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of ``text``; ``offset`` is where ``text`` starts in its document."""
    masked = mask_literals(text)
    return [
        Sentence(text=text[s:e], masked=masked[s:e], offset=offset + s)
        for s, e in sentence_spans(masked)
    ]
