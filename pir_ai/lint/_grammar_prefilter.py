"""A cheap gate: which sentences are worth parsing.

Each pattern of a rule's lexicons becomes a conjunction of word groups: every literal of
the pattern must occur in one of its inflections, with a negation word for a ``~``
pattern, and a word for a person (a role, a pronoun, a name, a capitalised word, a
possessive) for the cause lexicons, whose matchers need a person as the cause. A sentence
is parsed when every group of one conjunction occurs in it. The gate is meant to let more
through than the engine flags, never less (a test checks this on the development
sentences); the engine decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

import pir_ai.lint._grammar_lexicon as lx

PATTERN_LEXICONS = (
    "fault_predicates",
    "violation_predicates",
    "character_predicates",
    "error_labels",
    "cause_predicates",
    "cause_frames",
    "hindsight_cues",
    "recurrence_cues",
    "sarcasm_cues",
    "ironic_praise",
    "remedy_verbs",
    "vigilance_predicates",
    "animated_phrases",
    "team_predicates",
    "team_labels",
    "knowledge_verbs",
    "judgement_nouns",
    "accountability",
    "rushed_passives",
    "perception_lapses",
    "self_blame_labels",
)
WORD_LEXICONS = (
    "judgement_adjectives",
    "judgement_adverbs",
    "error_adverbs",
    "error_adjectives",
    "hindsight_adverbs",
    "diligence_adverbs",
    "cause_nouns",
)
_NEEDS_PEOPLE = frozenset({"cause_predicates", "cause_frames", "cause_nouns"})
"""Lexicons whose matchers fire only with a person as the cause: a sentence needs a word
for one (a role, a pronoun, a name, a capitalised word, a possessive)."""
_NEEDS_NEGATION = frozenset({"knowledge_verbs"})
"""'Everyone knew, yet nobody acted': knowing blames only beside a negation."""
_PEOPLE_LEXICONS = ("person_nouns", "person_pronouns", "self_pronouns")
_NAME = "<capitalised>"
_NEGATION = ("not", "never", "nobody", "none", "no", "noone", "n't", "nothing")
_MODALS = ("should", "could", "ought", "must")
_PERFECT = ("have", "'ve", "had")
_POSSESSIVE = ("'s", "by", "his", "her", "their", "our", "my", "your")

Group = frozenset[str]
"""Words any one of which satisfies the group (lower case)."""


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in lx.words("irregular_forms"):
        base, *forms = line.split()
        table[base] = tuple(forms)
    return table


def inflections(word: str) -> set[str]:
    """``word`` and the forms the parser may lemmatise to it (generous: extra forms cost
    nothing but a parse)."""
    w = word.lower()
    if len(w) <= 2:
        return {w, *_irregular().get(w, ())}
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", *_irregular().get(w, ())}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith("c"):
        out |= {w + "ked", w + "king"}  # "panic" -> "panicked"
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # "omit" -> "omitted", "drop" -> "dropping"
    return out


def _group(values: Iterable[str], forms: Iterable[str] = ()) -> Group:
    out: set[str] = set()
    for value in values:
        if value[:1].isalnum():
            out |= inflections(value)
        elif value[:1] == "'" or value == "n't":
            out.add(value)
    out.update(f.lower() for f in forms)
    return frozenset(out)


def _shared_prefix(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _forms_by_literal(literals: list[frozenset[str]], forms: tuple[str, ...]) -> list[list[str]]:
    """Give each of a pattern's extra forms to the literal it inflects ("lie with | lay":
    "lay" belongs to "lie"): an irregular form of it, else the longest shared prefix."""

    def fit(form: str, values: frozenset[str]) -> int:
        if any(form in _irregular().get(v, ()) for v in values):
            return 100
        return max(_shared_prefix(form, v) for v in values)

    out: list[list[str]] = [[] for _ in literals]
    for form in forms:
        if literals:
            best = max(range(len(literals)), key=lambda i: fit(form.lower(), literals[i]))
            out[best].append(form)
    return out


@cache
def _needs() -> tuple[tuple[Group, ...], ...]:
    """Every conjunction of groups one of which lets a sentence through."""
    needs: list[tuple[Group, ...]] = []
    negation = _group(_NEGATION)
    people = (
        _group(w for n in _PEOPLE_LEXICONS for entry in lx.words(n) for w in entry.split()[-1:])
        | lx.words("given_names")
        | {_NAME, "'s"}
    )
    for name in PATTERN_LEXICONS:
        for pat in lx.patterns(name):
            literals = [values for kind, values in pat.elements if kind == "lit"]
            forms = _forms_by_literal(literals, pat.forms)
            groups = [_group(values, forms[i]) for i, values in enumerate(literals)]
            if name in _NEEDS_PEOPLE:
                groups.append(people)
            if name in _NEEDS_NEGATION:
                groups.append(negation)
            if not groups:
                lexicons = [next(iter(v)) for k, v in pat.elements if k == "lex"]
                groups = [_group(w.split()[0] for n in lexicons for w in lx.words(n))]
            if pat.negated:
                groups.append(negation)
            needs.append(tuple(g for g in groups if g))
    for name in WORD_LEXICONS:
        for entry in lx.words(name):
            words = tuple(_group([w]) for w in entry.split() if w[:1].isalnum())
            needs.append((*words, people) if name in _NEEDS_PEOPLE else words)
    frames = {v for p in lx.patterns("location_frames") for k, vs in p.elements for v in vs}
    frames -= {"be", "the", "at", "of", "*"}
    needs.append((_group(lx.words("blame_subjects")), _group(frames), people))
    needs.append((_group(lx.words("blame_nouns")), _group(_POSSESSIVE)))
    needs.append((_group(_MODALS), _group(_PERFECT)))
    needs.append((_group(["if"]), _group(["had", "'d"])))
    needs.append((_group(["had"]), _group(["avoidable", "preventable", "avoided", "prevented"])))
    needs.append((_group(["because"]), people))
    return tuple(n for n in needs if n)


_WORD = re.compile(r"n't|[a-z0-9]+(?:-[a-z0-9]+)*|'[a-z]+")
_PART = re.compile(r"[a-z0-9]+")
_CAPITALISED = re.compile(r"(?<=[\w,;:)] )@?[A-Z][a-z]|@\w")
_INITIAL_HAD = re.compile(r"^\W*had\b", re.IGNORECASE)
_QUESTION = re.compile(r"\b(?:who|whose|why|what)\b[^?]*\?", re.IGNORECASE)


@cache
def _by_word() -> dict[str, tuple[tuple[Group, ...], ...]]:
    """Each conjunction under every word of its smallest group: a sentence only tries the
    conjunctions one of its words can start."""
    index: dict[str, list[tuple[Group, ...]]] = {}
    for need in _needs():
        for word in min(need, key=len):
            index.setdefault(word, []).append(need)
    return {w: tuple(needs) for w, needs in index.items()}


@lru_cache(maxsize=4096)
def passes(sentence: str) -> bool:
    """True when the sentence may carry blame and should be parsed."""
    if "!!" in sentence or _QUESTION.search(sentence) or _INITIAL_HAD.search(sentence):
        return True
    lowered = sentence.lower().replace("’", "'").replace("n't", " n't")
    found = set(_WORD.findall(lowered))
    if "-" in lowered:
        found.update(_PART.findall(lowered))
    if _CAPITALISED.search(sentence):
        found.add(_NAME)
    index = _by_word()
    for word in found:
        for need in index.get(word, ()):
            if all(not group.isdisjoint(found) for group in need):
                return True
    return False
