"""Blame-language rules as data, evaluated on a dependency parse (spaCy)."""

from .engine import BlameHit, find_blame, loaded_model_name, nlp
from .prefilter import passes
from .rules import BY_CODE, RULES, Matcher, Rule

__all__ = [
    "BY_CODE",
    "RULES",
    "BlameHit",
    "Matcher",
    "Rule",
    "find_blame",
    "loaded_model_name",
    "nlp",
    "passes",
]
