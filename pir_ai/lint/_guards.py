"""Precision guards shared by the blame rules: meta-talk, negation, exoneration.

A blame word inside a sentence *about* blame language ("we avoid 'human error'"), a
negated label ("this was not human error") or praise ("thanks to Hugo's quick
rollback") is not blame.
"""

from __future__ import annotations

import re

_META = re.compile(
    r"\b(?:avoid(?:s|ed|ing)?|(?:instead\s+of|rather\s+than)(?!\s+(?:follow|stick|us(?:e|ing)\b))"
    r"|refrain(?:s|ed)?|resist(?:s|ed)?"
    r"|do(?:es)?\s+not\s+(?:say|use|write|treat|blame|call|label|attribute|accept|ask)"
    r"|don't\s+(?:say|use|write|treat|blame|call|label|attribute|accept|ask)"
    r"|(?:the|a|this)\s+(?:phrase|word|words|term|terms|label|wording|sentence|framing)"
    r"|style\s+guide|ban(?:s|ned)?|blameless"
    r"|tempting\s+to|easy\s+to\s+(?:say|conclude|blame)|no\s+(?:one|body)\s+is\s+(?:to\s+)?blame"
    r"|nobody\s+is\s+(?:to\s+)?blame|not\s+(?:a|the)\s+(?:case|matter|question|story)\s+of"
    r"|is\s+not\s+used|not\s+about\s+(?:who|blame)|without\s+(?:blaming|blame|judg)"
    r"|we\s+(?:do\s+not|don't|never)\s+(?:treat|accept|consider|use|record|write|say))\b",
    re.IGNORECASE,
)

_NEGATED_BEFORE = re.compile(
    r"\b(?:not|never|no|isn't|wasn't|aren't|weren't|nor|neither|beyond|than)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}(?:is|was|are|were)\s+(?:not|never|rarely|seldom|ruled\s+out)\b"
    r"|^\W*(?:isn't|wasn't)\b",
    re.IGNORECASE,
)

_PRAISE = re.compile(
    r"\b(?:thanks|thank|quick(?:ly)?|fast|prompt(?:ly)?|restored|recovered|mitigated|resolved"
    r"|helped|saved|averted|prevented|contained|credit|kudos|great|well\s+done)\b",
    re.IGNORECASE,
)


def is_meta(masked: str, start: int) -> bool:
    """The sentence talks about wording or blame itself before the match."""
    return _META.search(masked, 0, start) is not None if start else False


def is_meta_anywhere(masked: str) -> bool:
    """The sentence talks about wording or blame itself anywhere."""
    return _META.search(masked) is not None


def is_negated(masked: str, start: int, end: int) -> bool:
    """The matched label is denied: "not human error", "human error was not the cause"."""
    return bool(_NEGATED_BEFORE.search(masked[max(0, start - 40) : start])) or bool(
        _NEGATED_AFTER.search(masked[end : end + 40])
    )


def is_praise(masked: str) -> bool:
    """The sentence credits people rather than blaming them."""
    return _PRAISE.search(masked) is not None
