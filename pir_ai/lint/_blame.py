"""Counterfactuals with people as their agent ("should have", "if X had"). The other
agent-bound rules live beside it: failure verbs (blame_failure), causes and remedies
(blame_cause), rules and teams (blame_process). Naming a person is never a finding."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pir_ai.lint._lexicons as lx
from pir_ai.findings import Severity
from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta
from pir_ai.lint._people import Agent
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE
_IRREGULAR = lx.words(
    """known seen caught done gone run taken written made put set shut read kept left told
    thought brought built sent spent held found understood begun drawn driven shown given hit
    cut let got gotten spoken chosen stuck woken rung"""
)
_PASSIVE_OK = re.compile(r"\bautomatically\b", _I)
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+|a\s+|an\s+|our\s+)?([\w-]+)(?:\s+([\w-]+))?", _I)


def _system_passive(masked: str, end: int) -> bool:
    """The passive names a system as its agent ("paused automatically", "by the tool")."""
    if _PASSIVE_OK.search(masked, end):
        return True
    by = _BY_AGENT.match(masked, end)
    if by is None:
        return False
    named = {w.lower() for w in by.groups() if w}
    return bool(named & lx.SYSTEM_NOUNS)


def _participle(word: str) -> bool:
    word = word.lower()
    return (word.endswith("ed") and len(word) > 3) or word in _IRREGULAR


def exonerating(s: Sentence, last: int) -> bool:
    """ "Nobody could have predicted": the sentence clears people rather than judging them."""
    word = s.tokens[last].lower
    return word in _EXONERATE or (word == "one" and last > 0 and s.tokens[last - 1].lower == "no")


def severity_for(agent: Agent) -> Severity:
    """Self-blame ("we should have") is a suggestion; blame of others a warning."""
    return Severity.SUGGESTION if agent is Agent.SELF else Severity.WARNING


_COUNTERFACTUAL = re.compile(
    r"\b(should|could|ought\s+to|must)(n't|\s+not|\s+never)?(?:\s+have|['’]ve)\s+(been\s+|had\s+)?"
    r"([\w-]+)",
    _I,
)
_IF_HAD = re.compile(
    r"\b(?:if\s+(?:only\s+)?|^had\s+)((?:[\w@'’-]+\s+){1,4}?)had(n't|\s+not)?\s+"
    r"(?:(?:actually|really|just|even|properly)\s+)?(been\s+)?([\w-]+)",
    _I,
)
_IF_ONLY_SHORT = re.compile(
    r"(?:^|,\s*|\b(?:avoidable|preventable|avoided|prevented)\s+)had\s+"
    r"((?:(?:the|a|an|our|their|his|her)\s+)?[\w@'’-]+(?:\s+(?!not\b)[\w-]+)??)\s+(not\s+)?"
    r"(?:(?:simply|just|only|actually|even|properly)\s+)?([\w-]+ed|"
    + "|".join(_IRREGULAR)
    + r")\b",
    _I,
)
"""Inverted conditionals: "Had the contractor bothered to ask", "avoidable had the team
simply done their job"."""
_EXONERATE = frozenset({"nobody", "noone", "no-one", "none"})


@pattern_check(
    "PIR201",
    triggers=(
        "should shouldn't could couldn't ought must mustn't if had should've could've must've"
    ),
    message="Counterfactual about a person ('{m}'): it judges against events that did not happen.",
    suggestion="Describe the conditions instead: what did the person see, and what did the "
    "system allow or not show at that point?",
    fails=(
        "Hugo should have waited for the canary before promoting.",
        "The on-call engineer could have rolled back much earlier.",
        "If Priya had checked the dashboard, the outage would have been shorter.",
        "We should have caught this in staging.",
        "The change should have been reviewed more carefully.",
        "If the on-call had actually been watching the graphs, the failover would have been "
        "quicker.",
        "The data loss was preventable had the DBA simply checked the replication lag.",
    ),
    passes=(
        "The autoscaler should have added nodes at 70% CPU, but the metric lagged.",
        "The new probe should report within one scrape interval.",
        "Operators should have access to the failover runbook from the alert.",
        "If the migration tool had estimated lock time, the change would have run off-peak.",
        "Nobody could have predicted the upstream certificate change.",
        "The migration was avoidable had the schema tool estimated lock time.",
    ),
)
def counterfactual_person(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Counterfactuals with a person as agent: "should have", "could have", "if X had".

    What it catches: "should(n't) have", "could have", "ought to have", "if (only) X had",
    "had X ..." (also inverted mid-sentence: "avoidable had the team simply done ...",
    "Had the contractor bothered to ask") when the agent is a person, a team or the writers
    (an adverb may sit in between: "if the on-call had actually been watching"), and passive
    counterfactuals about human decisions ("should have been reviewed").
    Why: Dekker calls these counterfactuals: they describe events that did not happen and
    replace an account of what people saw with a verdict.
    Example: "Hugo should have waited for the canary before promoting."
    Rewrite: "Promotion did not require the canary stage to complete; the pipeline allowed a
    manual promote at any time."
    """
    masked = s.masked
    det = ctx.detector
    for m in _COUNTERFACTUAL.finditer(masked):
        modal, negated, aux, verb = m.group(1).lower(), m.group(2), m.group(3), m.group(4)
        if (modal in ("could", "would") and negated) or is_meta(masked, m.start()):
            continue
        aux = (aux or "").strip().lower()
        subject = det.subject_before(s, s.token_at(m.start()))
        if subject.head.is_people:
            if modal == "could" and exonerating(s, subject.last):
                continue
            if aux == "been" and _participle(verb):
                continue  # "X should have been paged": X is not the one judged
            if aux == "had" and subject.head is not Agent.PERSON:
                continue  # "we should have had an alert": a missing system
            if (not aux and not _participle(verb)) or verb.lower() in ("access", "read"):
                continue
            yield Hit(
                m.start(),
                m.end(),
                confidence=subject.confidence,
                severity=severity_for(subject.head),
            )
        elif (
            aux == "been"
            and verb.lower() in lx.DECISION_PARTICIPLES
            and modal != "could"
            and not _system_passive(masked, m.end())
        ):
            yield Hit(m.start(), m.end(), confidence=0.7)
    for inverted in _IF_ONLY_SHORT.finditer(masked) if "had" in masked.lower() else ():
        if _participle(inverted.group(3)) and not is_meta(masked, inverted.start()):
            subject = det.phrase_after(s, s.token_at(inverted.start(1)), follow=False)
            if subject.head.is_people:
                yield Hit(inverted.start(), inverted.end(), confidence=subject.confidence)
                return
    for m in _IF_HAD.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        subject = det.phrase_after(s, s.token_at(m.start(1)))
        verb = m.group(4).lower()
        progressive = bool(m.group(3)) and (verb.endswith("ing") or verb in ("more", "less"))
        active = not m.group(3) and _participle(verb)
        if subject.head.is_people and (active or progressive):
            yield Hit(
                m.start(),
                m.end(),
                confidence=subject.confidence,
                severity=severity_for(subject.head),
            )
