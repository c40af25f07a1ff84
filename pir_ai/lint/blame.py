"""Blame rules that need an agent: a person judged by a counterfactual, a failure verb, a
cause, a rule or a remedy. Naming a person is never a finding on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pir_ai.findings import Category, Severity
from pir_ai.lint import lexicons as lx
from pir_ai.lint.context import LintContext
from pir_ai.lint.guards import is_meta
from pir_ai.lint.people import Agent, Phrase
from pir_ai.lint.registry import Hit, Kind, rule
from pir_ai.lint.text import Sentence

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


def _exonerating(s: Sentence, last: int) -> bool:
    """ "Nobody could have predicted": the sentence clears people rather than judging them."""
    word = s.tokens[last].lower
    return word in _EXONERATE or (word == "one" and last > 0 and s.tokens[last - 1].lower == "no")


def _severity_for(agent: Agent) -> Severity:
    return Severity.SUGGESTION if agent is Agent.SELF else Severity.WARNING


_COUNTERFACTUAL = re.compile(
    r"\b(should|could|ought\s+to|must)(n't|\s+not|\s+never)?(?:\s+have|['’]ve)\s+(been\s+|had\s+)?"
    r"([\w-]+)",
    _I,
)
_IF_HAD = re.compile(
    r"\b(?:if\s+(?:only\s+)?|^had\s+)((?:[\w@'’-]+\s+){1,4}?)had(n't|\s+not)?\s+(been\s+)?([\w-]+)",
    _I,
)
_IF_ONLY_SHORT = re.compile(r"^had\s+([\w@'’-]+)\s+(not\s+)?([\w-]+)", _I)
_EXONERATE = frozenset({"nobody", "noone", "no-one", "none"})


@rule(
    "PIR201",
    "counterfactual-person",
    Category.BLAME,
    Severity.WARNING,
    Kind.SENTENCE,
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
    ),
    passes=(
        "The autoscaler should have added nodes at 70% CPU, but the metric lagged.",
        "The new probe should report within one scrape interval.",
        "Operators should have access to the failover runbook from the alert.",
        "If the migration tool had estimated lock time, the change would have run off-peak.",
        "Nobody could have predicted the upstream certificate change.",
    ),
)
def counterfactual_person(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Counterfactuals with a person as agent: "should have", "could have", "if X had".

    What it catches: "should(n't) have", "could have", "ought to have", "if (only) X had",
    "had X ..." when the agent is a person, a team or the writers, and passive
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
            if modal == "could" and _exonerating(s, subject.last):
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
                severity=_severity_for(subject.head),
            )
        elif (
            aux == "been"
            and verb.lower() in lx.DECISION_PARTICIPLES
            and modal != "could"
            and not _system_passive(masked, m.end())
        ):
            yield Hit(m.start(), m.end(), confidence=0.7)
    inverted = _IF_ONLY_SHORT.match(masked)
    if inverted and _participle(inverted.group(3)) and not is_meta(masked, 0):
        subject = det.phrase_after(s, 1, follow=False)
        if subject.head.is_people:
            yield Hit(0, inverted.end(), confidence=subject.confidence)
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
                severity=_severity_for(subject.head),
            )


_FAILURE = re.compile(
    r"\b(?:fail(?:ed|s)?\s+to|neglect(?:ed|s|ing)?(?:\s+to)?|forg[eo]t(?:s|ten|ting)?(?:\s+to)?"
    r"|omitted|overlook(?:ed|s|ing)?|ignor(?:e|ed|es|ing)|miss(?:ed|es)?|disregarded"
    r"|did(?:n't|\s+not)\s+bother|never\s+bothered|did\s+nothing|screwed\s+up|messed\s+up"
    r"|(?:let|allowed|permitted)\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+|its\s+)?"
    r"(?:[\w-]+\s+){1,4}?(?:(?:on|in|for|of|from|at)\s+(?:the\s+|an?\s+|our\s+)?(?:[\w-]+\s+){1,2}?)?"
    r"(?:to\s+)?(?:expire|lapse|slip|fill|run\s+out|die|rot|grow"
    r"|pile\s+up|build\s+up|back\s+up|accumulate|balloon|creep|drift|decay|degrade|fester"
    r"|linger|languish|overflow|exceed|outgrow|fall\s+behind|go\s+(?:stale|un\w+|out\s+of\s+date)"
    r"|get\s+out\s+of\s+(?:hand|date))"
    r"|(?:did(?:n't|\s+not)|never)\s+(?:even\s+)?(?:check|verify|test|notice|read|review"
    r"|double-check|look|confirm|validate|think|realise|realize|catch|escalate|communicate"
    r"|tell|update|monitor|wait|ask|follow)"
    r"|never\s+(?:checked|verified|tested|noticed|reviewed|looked|confirmed|escalated|told)"
    r"|(?:nobody|no\s+one|no-one)\s+(?:had\s+|ever\s+|even\s+)?(?:noticed|checked|looked"
    r"|caught|thought\s+to|bothered|questioned|reviewed|verified|tested|read))\b",
    _I,
)
_PASSIVE_FAILURE = re.compile(
    r"\b(?:was|were|got|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:ignored|overlooked|neglected"
    r"|forgotten)\b(?!\s+by\s+(?:the|a|an)\s)",
    _I,
)
_DELIBERATE = re.compile(
    r"\b(?:deliberately|intentionally|on\s+purpose|as\s+planned|by\s+design|by\s+choice"
    r"|in\s+order\s+to|so\s+that|to\s+(?:test|measure|observe|reproduce|verify|confirm)"
    r"|during\s+(?:the|a)\s+(?:drill|test|experiment|game\s*day|load\s+test))\b",
    _I,
)
_BECAUSE = re.compile(r"\b(?:because|since|as\s+the|given\s+that|which\s+(?:was|were))\b", _I)


def _situational_reason(s: Sentence, end: int, ctx: LintContext) -> bool:
    """A because-clause after the verb whose subject is not a person."""
    because = _BECAUSE.search(s.masked, end)
    if because is None:
        return False
    reason = ctx.detector.phrase_after(s, s.token_at(because.end()), follow=False)
    return not reason.head.is_people


def _organisational(s: Sentence, end: int) -> bool:
    following = s.masked[end : end + 60].lower().split()
    return any(w.strip(".,;") in lx.ORGANISATIONAL_OBJECTS for w in following[:6])


@rule(
    "PIR202",
    "failure-verb-person",
    Category.BLAME,
    Severity.WARNING,
    Kind.SENTENCE,
    triggers=(
        "fail failed fails neglect neglected neglects forgot forget forgets forgotten "
        "omitted overlook overlooked overlooks ignore ignored ignores miss missed misses "
        "disregarded bother bothered nothing let did didn't never nobody no-one noone one "
        "screwed messed"
        " forgetting neglecting ignoring overlooking allowed permitted"
    ),
    message="Failure verb with a person as agent ('{m}'): it grades the person, not the system.",
    suggestion="Say what happened and what made it likely: which step was manual, hidden or "
    "unalerted?",
    fails=(
        "The night shift neglected to rotate the logs.",
        "Marta forgot to renew the certificate.",
        "The reviewer overlooked the changed default.",
        "He ignored the disk-space warning for an hour.",
        "The on-call engineer missed the first page.",
        "The alert was ignored for twenty minutes.",
        "The search team let the index shards grow past the size limit.",
        "The SRE team allowed the certificate to expire.",
    ),
    passes=(
        "The deploy failed to complete after the health check timed out.",
        "The database failed over to the replica at 14:05.",
        "The SDK ignored the proxy setting.",
        "We failed to meet our Q3 latency objective.",
        "Rosa restarted the pod at 14:02.",
        "Rosa did not page the DB team because the alert named the wrong service.",
        "The autoscaler let the queue grow past 10k messages before adding workers.",
        "The platform team let each service choose its own retry budget.",
        "The team deliberately let the old shards grow until the reindex finished.",
    ),
)
def failure_verb_person(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Failure verbs with a person as agent: "failed to", "forgot", "ignored", "missed".

    What it catches: failed to, neglected, forgot, omitted, overlooked, ignored, missed,
    didn't bother, let (or allowed) X expire / grow / pile up / go stale, "nobody noticed",
    when a person, team or we is the agent; and agentless "was ignored/overlooked". Letting
    something happen on purpose ("deliberately let the old shards grow") is a decision, not
    a lapse.
    Why: a failure verb grades a person against hindsight; the system that made the slip
    likely stays unexamined. Software subjects ("the SDK ignored the proxy") and
    "failed over" are not blame.
    Example: "The night shift neglected to rotate the logs."
    Rewrite: "Log rotation was a manual step, and no alert covered disk usage on the log
    volume."
    """
    masked = s.masked
    for m in _FAILURE.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        phrase = m.group(0).lower()
        if phrase.startswith(("nobody", "no one", "no-one")):
            yield Hit(m.start(), m.end(), confidence=0.8)
            continue
        subject = ctx.detector.subject_before(s, s.token_at(m.start()))
        if not subject.head.is_people or _organisational(s, m.end()):
            continue
        if _situational_reason(s, m.end(), ctx):
            continue  # local rationality: the reason given is a situation, not a person
        if phrase.startswith(("let", "allowed", "permitted")) and _DELIBERATE.search(masked):
            continue
        yield Hit(
            m.start(), m.end(), confidence=subject.confidence, severity=_severity_for(subject.head)
        )
    for m in _PASSIVE_FAILURE.finditer(masked):
        if not is_meta(masked, m.start()):
            subject = ctx.detector.subject_before(s, s.token_at(m.start()))
            if subject.head is not Agent.SYSTEM or subject.last < 0 or _is_signal(s, subject):
                yield Hit(m.start(), m.end(), confidence=0.7)


def _is_signal(s: Sentence, subject: Phrase) -> bool:
    """Alerts, pages and warnings are ignored by people, not by software."""
    return s.tokens[subject.last].lower in {
        "alert",
        "alerts",
        "page",
        "pages",
        "warning",
        "warnings",
        "alarm",
        "alarms",
        "ticket",
        "email",
    }
