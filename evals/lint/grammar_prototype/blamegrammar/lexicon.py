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

from spacy.tokens import Doc, Token

_SKIPPABLE = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "advmod", "punct", "case", "nmod", "quantmod"}
)
GAP = 8


def _lines(name: str) -> list[str]:
    text = resources.files("blamegrammar").joinpath("lexicons", f"{name}.txt").read_text("utf-8")
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """A plain lexicon: its entries lower-cased, with hyphens kept and any ``| forms`` dropped."""
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


def find(doc: Doc, name: str) -> list[Match]:
    """Every match of the pattern lexicon ``name`` in ``doc``."""
    out: list[Match] = []
    where = _positions(doc)
    for pat in patterns(name):
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


_COMMON = frozenset(
    {
        "be",
        "the",
        "a",
        "an",
        "to",
        "of",
        "on",
        "in",
        "at",
        "it",
        "*",
        "do",
        "have",
        "is",
        "was",
        "with",
        "all",
        "their",
        "over",
        "time",
        "did",
        "down",
        "done",
        "doing",
        "had",
        "went",
        "gone",
        "his/her/their",
        "for",
        "by",
        "from",
        "this",
        "that",
        "not",
        "never",
        "n't",
    }
)


def surface_forms(name: str, *, negated: bool | None = None) -> set[str]:
    """Words the pre-filter looks for so that a sentence that may match ``name`` gets through.

    Per pattern: its listed forms and the alternatives of its most specific literal (the
    longest one that is not a function word), or a ``@lexicon``'s words when it has none.
    ``negated`` picks only the ``~`` patterns (True) or only the others (False).
    """
    out: set[str] = set()
    for pat in patterns(name):
        if negated is not None and pat.negated != negated:
            continue
        out.update(f.lower() for f in pat.forms if f.lower() not in _COMMON)
        best: frozenset[str] = frozenset()
        for kind, values in pat.elements:
            if kind == "lit" and not (values & _COMMON):
                if max(map(len, values)) > max(map(len, best), default=0):
                    best = values
        if best:
            out.update(best)
            continue
        for kind, values in pat.elements:
            if kind == "lex":
                out.update(words(next(iter(values))))
    return out
