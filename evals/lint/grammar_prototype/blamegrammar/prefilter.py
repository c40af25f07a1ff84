"""A cheap gate: a regex built from the lexicons that picks the sentences worth parsing."""

from __future__ import annotations

import re
from functools import cache

from . import lexicon as lx

PATTERN_LEXICONS = (
    "fault_predicates",
    "violation_predicates",
    "character_predicates",
    "error_labels",
    "cause_predicates",
    "cause_frames",
    "location_frames",
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
)
WORD_LEXICONS = (
    "judgement_adjectives",
    "judgement_adverbs",
    "error_adverbs",
    "hindsight_adverbs",
    "blame_nouns",
    "cause_nouns",
)
EXTRA = ("should", "could", "ought", "must", "had", "because", "who", "whose", "why", "what")


def _stem(word: str) -> str:
    if len(word) >= 5 and word.endswith("e"):
        return word[:-1]
    if len(word) >= 5 and word.endswith("y"):
        return word[:-1]
    return word


def _alternation(vocab: set[str]) -> str:
    alts = {re.escape(_stem(w.strip())) for w in vocab if w.strip() and w.strip()[0].isalnum()}
    return r"\b(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")"


@cache
def gate() -> re.Pattern[str]:
    """Words any of which lets a sentence through (case-insensitive prefix match)."""
    vocab: set[str] = set(EXTRA)
    for name in PATTERN_LEXICONS:
        vocab |= lx.surface_forms(name, negated=False)
    for name in WORD_LEXICONS:
        vocab |= {w.split()[0] for w in lx.words(name)}
    vocab |= set(lx.words("blame_subjects"))  # location frames ("this outage is on X")
    return re.compile(_alternation(vocab) + r"|!!|\?", re.IGNORECASE)


@cache
def negated_gate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Omission predicates ("~check") pass only together with a negation word."""
    vocab: set[str] = set()
    for name in PATTERN_LEXICONS:
        vocab |= lx.surface_forms(name, negated=True)
    neg = re.compile(r"\b(?:not|never|nobody|none|no one|no-one|noone)\b|n't", re.IGNORECASE)
    return neg, re.compile(_alternation(vocab), re.IGNORECASE)


def passes(sentence: str) -> bool:
    """True when the sentence may carry blame and should be parsed."""
    if gate().search(sentence) is not None:
        return True
    neg, verbs = negated_gate()
    return neg.search(sentence) is not None and verbs.search(sentence) is not None
