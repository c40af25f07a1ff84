"""Questions for the review: who/why questions from the chat, reframed to what/how.

"Who deployed this?" points at a person; "What process allowed this change to reach
production?" points at the system the team can change. Each rule pairs a pattern
of the original with the reframed question; the first rule that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pir_ai.events import Event
from pir_ai.facts import is_human, sentences
from pir_ai.postmortem import Reframe

MAX_REFRAMES = 8

_RULES: tuple[tuple[str, str], ...] = (
    (
        r"^who\b.*\b(deploy|push|merg|ship|releas|roll\w* out|chang|approv)",
        "What process allowed this change to reach production?",
    ),
    (
        r"^who\b.*\b(on[- ]?call|owns?|responsible|in charge)",
        "How do responders find who owns this service and who is on call?",
    ),
    (
        r"^who\b.*\b(broke|caused|did this|messed)",
        "What changed, and how did it get past our checks?",
    ),
    (r"^who\b", "What made it unclear which team or role should act here?"),
    (
        r"^why\b.*\b(nobody|no one|no-one|didn'?t anyone|did no one)\b",
        "What signals were available, and how could they reach a responder sooner?",
    ),
    (
        r"^why\b.*\b(test|caught|catch|ci|canary|staging|review)",
        "How do our tests and rollout checks cover this case, and what would have caught it?",
    ),
    (
        r"^why\b.*\b(alert|page|paged|notice|detect|monitor)",
        "How does our alerting see this failure, and what would have shown it sooner?",
    ),
    (
        r"^why\b.*\b(did|didn'?t|would|wouldn'?t) (you|he|she|they)\b",
        "What information was available at that moment, and what made that action look right?",
    ),
    (r"^why\b", "What conditions led to this, and how could we see them earlier next time?"),
)
_ASK_WHY = re.compile(r"\b(ask|asking|wonder|wondering)\b.*\b(who|why)\b", re.IGNORECASE)
"""A question put as a statement: "worth asking in the review why the alert needs 2m"."""
_COMPILED = tuple((re.compile(p, re.IGNORECASE), r) for p, r in _RULES)


def _question_start(sentence: str) -> str:
    """Drop greetings and mentions before the question word: '@dan who pushed' -> 'who pushed'."""
    match = re.search(r"\b(who|why)\b", sentence, re.IGNORECASE)
    return sentence[match.start() :] if match else sentence


def reframe(question: str) -> str | None:
    """The what/how form of a who/why question, or None if it is neither."""
    core = _question_start(question.strip())
    for pattern, reframed in _COMPILED:
        if pattern.search(core):
            return reframed
    return None


def reframed_questions(events: Sequence[Event]) -> list[Reframe]:
    """Who/why questions people asked, each with its what/how rewrite, once each."""
    found: list[Reframe] = []
    seen: set[str] = set()
    for event in events:
        if not is_human(event):
            continue
        for sentence in sentences(event.text):
            asked = sentence.endswith("?") or _ASK_WHY.search(sentence)
            if not asked or not re.search(r"\b(who|why)\b", sentence, re.I):
                continue
            rewritten = reframe(sentence)
            key = sentence.lower()
            if rewritten is None or key in seen:
                continue
            seen.add(key)
            found.append(Reframe(original=sentence, reframed=rewritten))
            if len(found) >= MAX_REFRAMES:
                return found
    return found
