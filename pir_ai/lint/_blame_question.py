"""Who/why questions aimed at people: "Who merged this?", "Why did you ...?"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

_WHO = re.compile(
    r"(?:^|[,;:]\s*)who\s+(?:(?:just|actually|even|else|on\s+earth|the\s+hell|exactly)\s+)?"
    r"(?:[a-z]+ed|broke|ran|did|made|wrote"
    r"|forgot|let|shipped|pushed|approved|merged|deployed|caused|signed\s+off|missed|ignored"
    r"|disabled|changed|deleted|touched|thought|decided|is\s+(?:to\s+blame|responsible|at\s+fault"
    r"|the\s+culprit)|was\s+(?:responsible|at\s+fault|the\s+culprit))\b",
    _I,
)
_WHOSE = re.compile(r"\bwhose\s+(?:fault|idea|mistake|call|change|decision)\b", _I)
_WHY = re.compile(
    r"\b(?:why|how)\s+(?:on\s+earth\s+)?(?:did(?:n't|\s+not)?|didnt|would(?:n't)?|could(?:n't)?"
    r"|hadn't|haven't|hasn't|wasn't|weren't|isn't|aren't)\s+",
    _I,
)
_WHAT_THINKING = re.compile(r"\bwhat\s+were\s+(?:you|they|we|he|she)\s+thinking\b", _I)


@pattern_check(
    "PIR206",
    triggers=("who whose why how what"),
    message="A who/why question aimed at a person ('{m}').",
    suggestion="Ask what and how: 'What process allowed this change to reach production?' / "
    "'What signals were available at the time?'",
    fails=(
        "Who merged this without a review?",
        "Why did you disable the alert?",
        "Why didn't anyone escalate to the database team?",
        "Whose idea was it to deploy on a Friday?",
        "Who on earth signed off on a 30-second TTL for the auth tokens?",
    ),
    passes=(
        "Why did the load balancer keep routing to the drained node?",
        "Who is on call for the payments service this week?",
        'A chat message asked "who broke prod?"; the review asked what allowed the change.',
        "What signals were available to the on-call engineer at 02:10?",
    ),
)
def blame_question(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Who/why questions aimed at people: "Who merged this?", "Why did you ...?".

    What it catches: "who (on earth) <action verb> ...?", "whose fault/idea ...", "why did(n't)
    you / he / they / anyone / <name> ...?", "what were you thinking".
    Why: "Asking why too easily gets you to an answer to the question who" (Allspaw, The
    Infinite Hows). Questions about systems ("why did the LB keep routing?") pass.
    Example: "Why did you disable the alert?"
    Rewrite: "What did the alert look like at the time, and what made silencing it seem
    reasonable?"
    """
    masked = s.masked
    if "?" not in masked and not _WHOSE.search(masked) and "who is" not in masked.lower():
        return
    for m in _WHO.finditer(masked):
        if not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end())
    for m in _WHOSE.finditer(masked):
        yield Hit(m.start(), m.end())
    for m in _WHY.finditer(masked):
        target = ctx.detector.phrase_after(s, s.token_at(m.end()), follow=False)
        if target.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), s.tokens[target.last].end, confidence=target.confidence)
    for m in _WHAT_THINKING.finditer(masked):
        yield Hit(m.start(), m.end())
