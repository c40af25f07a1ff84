"""Failure verbs with people as their agent: "forgot", "ignored", "let the certificate
expire". Software subjects and deliberate choices are not failures of people."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pir_ai.lint._lexicons as lx
from pir_ai.lint._blame import exonerating, severity_for
from pir_ai.lint._blame_judgement import shared_agent_hits
from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta
from pir_ai.lint._people import Agent, Phrase
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

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
    r"|caught|thought\s+to|bothered(?!\s+(?:the|a|an|him|her|them|us|anyone)\b)"
    r"|questioned|reviewed|verified|tested|read))\b",
    _I,
)
_BOTCHED = re.compile(
    r"\b(?:mis(?:configured|typed|read|judged|handled|labell?ed|keyed)|botched|bungled|fumbled"
    r"|(?:keeps?|kept)\s+(?:on\s+)?(?:breaking(?!\s+changes?\b)|skipping|bypassing|dropping))\b",
    _I,
)
"""Getting it wrong, or doing it again and again: a failure when people are the agent."""
_BOTCHED_CUES = ("mis", "botch", "bungl", "fumbl", "keep", "kept")
_SAT_ON_OBJECT = (
    r"(?:it|this|that|them|(?:the|a|an|their|his|her|our|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:report|ticket|pr|request|fix|patch|review|finding|issue|bug|cve|email|approval"
    r"|alert|warning|escalation|question|proposal|upgrade|renewal|decision|page"
    r"|vulnerabilit(?:y|ie))s?)(?=\s*(?:[,.;:!?)]|$|(?:for|until|since|while|and|but|over"
    r"|throughout|during|all)\b))"
)
_PERSON_ONLY = re.compile(
    r"\b(?:(?:could(?:n't|\s+not)|can(?:'t|not|\s+not))\s+(?:even\s+)?be\s+bothered"
    r"|(?:nobody|no\s+one|no-one)\s+(?:could|was|were)\s+(?:even\s+)?(?:be\s+)?bothered\s+to"
    r"|(?:was|were)(?:n't|\s+not)\s+bothered\s+to"
    r"|did(?:n't|\s+not)\s+do\s+(?:his|her|their|your|my|our|its)\s+(?:own\s+)?(?:job|homework"
    r"|part|due\s+diligence)|(?:was|were)(?:n't|\s+not)\s+doing\s+(?:his|her|their|its)\s+job"
    r"|s(?:at|its?|itting)\s+on\s+" + _SAT_ON_OBJECT + r"|dragg(?:ed|ing)\s+(?:his|her|their"
    r"|our|its)\s+feet|slow-?walk(?:ed|ing|s)?|expect(?:s|ed|ing)?\s+(?:someone|somebody|others"
    r"|everyone|everybody|other\s+(?:people|teams)|another\s+team|the\s+rest\s+of\s+us)"
    r"(?:\s+else)?\s+to\s+(?:clean\s+up|fix|deal\s+with|pick\s+up|handle|sort|mop\s+up|tidy))",
    _I,
)
"""Failure predicates that only people have: "couldn't be bothered", "sat on the report",
"didn't do their job"; their subject is a person even when no list knows the name."""
_PERSON_ONLY_CUES = (
    "bother",
    " job",
    "diligence",
    "homework",
    " part",
    " sat ",
    " sit",
    "feet",
    "slow",
    "expect",
)
_PASSIVE_BY = re.compile(
    r"\b(?:ignored|overlooked|neglected|forgotten|missed|dismissed|disregarded|sat\s+on)"
    r"\s+by\s+",
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


@pattern_check(
    "PIR202",
    triggers=(
        "fail failed fails neglect neglected neglects forgot forget forgets forgotten "
        "omitted overlook overlooked overlooks ignore ignored ignores miss missed misses "
        "disregarded bother bothered nothing let did didn't never nobody no-one noone one "
        "screwed messed"
        " forgetting neglecting ignoring overlooking allowed permitted"
        " misconfigured mistyped misread misjudged mishandled mislabeled mislabelled miskeyed"
        " botched bungled fumbled breaking skipping bypassing dropping job sat sit sits"
        " sitting dragged dragging slow-walked slowwalked slow-walking else others dismissed"
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
        "Bartosz couldn't be bothered to read the checklist.",
        "The triage team sat on the bug report for a month.",
        "The disk warning was dismissed by the release manager.",
        "The deployer misconfigured the pool and went home.",
        "The storage team chose to ignore the capacity forecast.",
        "The disk warning was seen by the night shift and then dismissed.",
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
        "The pod sat on the cordoned node until the drain finished.",
        "The malformed header was ignored by the proxy.",
        "Three missed health checks moved node-7 out of the pool.",
        "The warning was emitted by the linter and then ignored by the build script.",
    ),
)
def failure_verb_person(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Failure verbs with a person as agent: "failed to", "forgot", "ignored", "missed".

    What it catches: failed to, neglected, forgot, omitted, overlooked, ignored, missed,
    didn't bother, let (or allowed) X expire / grow / pile up / go stale, "nobody noticed",
    misconfigured, mistyped, botched, keeps breaking, when a person, team or we is the agent;
    agentless "was ignored/overlooked", and failure by people as the agent ("dismissed by
    the release manager"). Predicates only people have (couldn't be bothered, sat on the
    report, didn't do their job, expects someone else to clean up) make a lone capitalised
    subject a name even when no list knows it. Letting something happen on purpose
    ("deliberately let the old shards grow") is a decision, not a lapse; a participle after
    a number ("three missed health checks") is not a verb. The subject of "decided / chose
    to ignore" is the chooser's, and a failure participle shares the by-agent of the
    passive before it ("acknowledged by Rangi and then ignored").
    Why: a failure verb grades a person against hindsight; the system that made the slip
    likely stays unexamined. Software subjects ("the SDK ignored the proxy") and
    "failed over" are not blame.
    Example: "The night shift neglected to rotate the logs."
    Rewrite: "Log rotation was a manual step, and no alert covered disk usage on the log
    volume."
    """
    masked = s.masked
    lowered = masked.lower()
    matches = [(m, False) for m in _FAILURE.finditer(masked)]
    # The rarer patterns are slow to scan; a substring test skips most sentences.
    if any(cue in lowered for cue in _BOTCHED_CUES):
        matches += [(m, False) for m in _BOTCHED.finditer(masked)]
    if any(cue in lowered for cue in _PERSON_ONLY_CUES):
        matches += [(m, True) for m in _PERSON_ONLY.finditer(masked)]
    for m, person_only in matches:
        if is_meta(masked, m.start()):
            continue
        phrase = m.group(0).lower()
        if phrase.startswith(("nobody", "no one", "no-one")):
            yield Hit(m.start(), m.end(), confidence=0.8)
            continue
        at = s.token_at(m.start())
        subject = ctx.detector.subject_before(s, at, person_only=person_only)
        if not subject.head.is_people or _organisational(s, m.end()):
            continue
        if exonerating(s, subject.last):
            continue  # "nobody sat on the report": the failure is denied, not ascribed
        if _situational_reason(s, m.end(), ctx):
            continue  # local rationality: the reason given is a situation, not a person
        if phrase.startswith(("let", "allowed", "permitted")) and _DELIBERATE.search(masked):
            continue
        yield Hit(
            m.start(), m.end(), confidence=subject.confidence, severity=severity_for(subject.head)
        )
    for m in _PASSIVE_BY.finditer(masked) if " by " in lowered else ():
        agent = ctx.detector.phrase_after(s, s.token_at(m.end()), follow=False)
        if agent.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), s.tokens[agent.last].end, confidence=agent.confidence)
    for m in _PASSIVE_FAILURE.finditer(masked):
        if not is_meta(masked, m.start()):
            subject = ctx.detector.subject_before(s, s.token_at(m.start()))
            if subject.head is not Agent.SYSTEM or subject.last < 0 or _is_signal(s, subject):
                yield Hit(m.start(), m.end(), confidence=0.7)
    yield from shared_agent_hits(s, ctx.detector)


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
