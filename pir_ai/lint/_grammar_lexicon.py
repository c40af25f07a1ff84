"""Lexicon files (``lexicons/*.txt``) and the small phrase-pattern language they use.

One entry per line; ``#`` starts a comment. A plain lexicon is a set of lower-case words or
phrases. A pattern lexicon reads each line as a pattern over lemmas:

* ``word``: a token whose lemma or lower-case text is ``word``; ``a/b/c`` are alternatives;
* ``*``: any one token; ``...``: a gap of up to eight tokens;
* ``@name``: a token whose lemma is in ``lexicons/name.txt`` (after up to four determiners
  or modifiers);
* a leading ``~``: the predicate must be negated;
* ``!@name``: not when the predicate's object is in ``lexicons/name.txt``;
* ``| forms``: surface forms the pre-filter should also look for (irregular inflections).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from pir_ai.redact import given_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SKIPPABLE = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "advmod", "punct", "case", "nmod", "quantmod"}
)
GAP = 8


def _lines(name: str) -> list[str]:
    text = resources.files("pir_ai.lint").joinpath("lexicons", f"{name}.txt").read_text("utf-8")
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """A plain lexicon: its entries lower-cased, with hyphens kept and any ``| forms`` dropped."""
    if name == "given_names":
        return given_names()  # the redactor's list: one list of names for the package
    return frozenset(line.split("|", 1)[0].strip().lower() for line in _lines(name))


@dataclass(frozen=True)
class Pattern:
    """One compiled pattern line."""

    source: str
    elements: tuple[tuple[str, frozenset[str]], ...]  # (kind, values): lit / any / gap / lex
    negated: bool
    forms: tuple[str, ...]
    unless: tuple[str, ...] = ()

    @property
    def first_literals(self) -> frozenset[str]:
        """The alternatives of the first element, when it is a literal (for indexing)."""
        kind, values = self.elements[0]
        return values if kind == "lit" else frozenset()


@dataclass(frozen=True)
class Match:
    """Where a pattern matched: token indices [start, end) in the doc."""

    pattern: Pattern
    start: int
    end: int


def _compile(line: str) -> Pattern:
    body, _, forms = line.partition("|")
    body = body.strip().lower()
    negated = body.startswith("~")
    if negated:
        body = body[1:].strip()
    elements: list[tuple[str, frozenset[str]]] = []
    unless: list[str] = []
    for part in body.split():
        if part.startswith("!@"):
            unless.append(part[2:])
        elif part == "*":
            elements.append(("any", frozenset()))
        elif part == "...":
            elements.append(("gap", frozenset()))
        elif part.startswith("@"):
            elements.append(("lex", frozenset({part[1:]})))
        else:
            elements.append(("lit", frozenset(part.split("/"))))
    return Pattern(line, tuple(elements), negated, tuple(forms.split()), tuple(unless))


@cache
def patterns(name: str) -> tuple[Pattern, ...]:
    """A pattern lexicon, compiled."""
    return tuple(_compile(line) for line in _lines(name))


def token_is(tok: Token, values: frozenset[str]) -> bool:
    """The token's lemma or lower-case text is one of ``values``."""
    return tok.lower_ in values or tok.lemma_.lower() in values


_NEGATIONS = frozenset({"not", "never", "n't"})


def _match_at(
    doc: Doc, elements: tuple[tuple[str, frozenset[str]], ...], i: int, *, inner: bool = False
) -> int:
    """End index when ``elements`` match from token ``i``, else -1 (adverbs may sit between
    the literals of a pattern, not before its first one)."""
    if not elements:
        return i
    kind, values = elements[0]
    rest = elements[1:]
    if kind == "gap":
        for j in range(i, min(len(doc), i + GAP) + 1):
            if j > i and doc[j - 1].is_punct and doc[j - 1].text in ".;:":
                break
            end = _match_at(doc, rest, j, inner=True)
            if end >= 0:
                return end
        return -1
    if i >= len(doc):
        return -1
    if kind == "any":
        return _match_at(doc, rest, i + 1, inner=True)
    if kind == "lit":
        if token_is(doc[i], values):
            return _match_at(doc, rest, i + 1, inner=True)
        if inner and doc[i].pos_ == "ADV" and doc[i].lower_ not in _NEGATIONS:
            return _match_at(doc, elements, i + 1, inner=True)  # "was clearly out of her depth"
        return -1
    lex = words(next(iter(values)))
    for j in range(i, min(len(doc), i + 5)):
        tok = doc[j]
        if token_is(tok, lex):
            return _match_at(doc, rest, j + 1, inner=True)
        if tok.dep_ not in _SKIPPABLE:
            break
    return -1


def _positions(doc: Doc) -> dict[str, list[int]]:
    """Token positions by lower-case text and by lemma (built once per doc)."""
    cached = doc.user_data.get("_bg_positions")
    if cached is None:
        cached = {}
        for tok in doc:
            cached.setdefault(tok.lower_, []).append(tok.i)
            lemma = tok.lemma_.lower()
            if lemma != tok.lower_:
                cached.setdefault(lemma, []).append(tok.i)
        doc.user_data["_bg_positions"] = cached
    return cached


@cache
def _index(name: str) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The patterns of ``name`` by the words their first literal may be, and those whose
    first element is not a literal (tried at every token)."""
    by_word: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for n, pat in enumerate(patterns(name)):
        if pat.first_literals:
            for word in pat.first_literals:
                by_word.setdefault(word, []).append(n)
        else:
            anywhere.append(n)
    return {w: tuple(ns) for w, ns in by_word.items()}, tuple(anywhere)


def find(doc: Doc, name: str) -> list[Match]:
    """Every match of the pattern lexicon ``name`` in ``doc``, in the lexicon's order."""
    out: list[Match] = []
    where = _positions(doc)
    by_word, anywhere = _index(name)
    tried = set(anywhere)
    for word in where.keys() & by_word.keys():
        tried.update(by_word[word])
    all_patterns = patterns(name)
    for n in sorted(tried):
        pat = all_patterns[n]
        firsts = pat.first_literals
        if firsts:
            starts = sorted({i for f in firsts for i in where.get(f, ())})
        else:
            starts = list(range(len(doc)))
        for i in starts:
            end = _match_at(doc, pat.elements, i)
            if end > i:
                out.append(Match(pat, i, end))
    return out
