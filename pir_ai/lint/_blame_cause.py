"""Blame rules about causes and remedies: a person as the cause, a broken rule, a remedy
aimed at a person, and blame put on a team."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pir_ai.lint._lexicons as lx
from pir_ai.lint._blame_judgement import cause_idiom_hits
from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta, is_praise
from pir_ai.lint._people import NOBODY, Agent, Phrase
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

_CAUSE_BEFORE = re.compile(
    r"\b(?:caused\s+by|triggered\s+by|introduced\s+by|due\s+to|because\s+of|the\s+fault\s+of"
    r"|attributable\s+to|(?:a|the)\s+result\s+of"
    r"|root\s+cause(?:\s+of\s+(?:the|this)\s+[\w-]+)?\s*(?:was|is|:|=|was\s+that)"
    r"|blame\s+(?:for\s+(?:this|it|the\s+\w+)\s+)?(?:lies|sits|rests|falls|goes)\s+(?:with|on)"
    r"|responsibility\s+(?:lies|sits|rests)\s+with"
    r"|(?:fault|failure|blame|problem|mistake|error|lapse|breakdown)s?\b(?:\s+[\w-]+){0,6}?"
    r"\s+(?:lies|lay|rests|rested|sits|sat|falls|fell)\s+(?:\w+ly\s+)?(?:with|on|at\s+the\s+feet"
    r"\s+of))\s*",
    _I,
)
_CAUSE_AFTER = re.compile(
    r"\b(?:caused|causes|broke|breaks|took\s+down|takes\s+down|brought\s+down|led\s+to"
    r"|resulted\s+in|(?:is|was|are|were)\s+(?:to\s+blame|at\s+fault|the\s+culprit"
    r"|responsible\s+for\s+(?:the|this)\s+(?:outage|incident|failure|breakage|problem))"
    r"|(?:triggered|started|introduced|created)\s+(?:the|this|a|an)\s+(?:outage|incident"
    r"|regression|failure|problem|bug))\b",
    _I,
)
_BECAUSE_PERSON = re.compile(r"\bbecause\s+(?!of\b)", _I)
_IMPACT_CLAUSE = re.compile(
    r"\b(?:outage|incident|failure|downtime|breakage|regression|it|this)\s+(?:\w+\s+)?"
    r"(?:happened|occurred|started|began)|\b(?:broke|failed|went\s+down|crashed|exposed|leaked)\b",
    _I,
)
_ON_PERSON = re.compile(
    r"\b(?:outage|incident|failure|this|it|that)\s+(?:\w+\s+)?(?:is|was)\s+(?:all\s+|squarely\s+)?"
    r"on\s+",
    _I,
)
_FAULT_NOUN = re.compile(
    r"\b(?:mistake|fault|blunder|oversight|screw-up|screwup|negligence|slip-up|goof)s?\b", _I
)


@pattern_check(
    "PIR205",
    triggers=(
        "caused causes cause triggered introduced due because fault attributable result "
        "root blame responsibility broke breaks took takes brought brings led leads "
        "resulted culprit responsible started created mistake blunder oversight screw-up "
        "screwup negligence slip-up goof on"
        " mistakes faults blunders oversights lies lay rests rested sits sat falls"
        " boils boiled comes came down worse compounded exacerbated aggravated prolonged"
        " culpability let"
    ),
    message="A person, or a person's change, named as the cause ('{m}').",
    suggestion="Name the change and the condition that let it cause harm, not the person: "
    "'Deploy 8812 introduced the regression; the canary stage was optional.'",
    fails=(
        "The root cause was Ines's deploy.",
        "The outage was caused by the on-call engineer restarting the wrong node.",
        "Tomasz broke production with an untested migration.",
        "It was Hugo's mistake.",
        "Blame for this lies with the release manager.",
        "This failure falls on the release manager.",
        "It all comes down to Teodor not checking which cluster he was on.",
    ),
    passes=(
        "The outage was caused by a connection-pool leak in the payments client.",
        "Rosa merged PR 1412 at 16:40.",
        "Recovery was fast thanks to Hugo's quick rollback.",
        "A PSU fault in rack 12 took down two hosts.",
        "The storage team is responsible for the disk fleet.",
        "Ownership of the certificate job lies with the platform team.",
        "The fault lies with the retry library.",
        "No single team caused this: the quota, the retries and the stale cache all played a part.",
        "The delay comes down to Kafka not rebalancing after the broker restart.",
    ),
)
def person_as_cause(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """A person, or a person's change, named as the cause of the incident.

    What it catches: "caused by / due to / because of / root cause was" followed by a person
    or a person's change; "the failure / fault / problem ... lies (squarely) with / falls
    on" a person; a person (or their change) as the subject of "caused", "broke", "took
    down", "is to blame"; "Hugo's mistake / fault"; cause idioms ("boils down to", "made
    worse by", "let down by", responsibility for a loss lying with someone). Ownership or a
    decision resting with someone is not a fault, nor is "no single person caused this".
    Why: "An individual's action should never be considered a root cause" (PagerDuty).
    Neutral facts ("Rosa merged PR 12") are not causes and are never flagged.
    Example: "The root cause was Ines's deploy."
    Rewrite: "Deploy 8812 introduced the regression; the canary gate was optional."
    """
    masked = s.masked
    if is_praise(masked):
        return
    det = ctx.detector
    for m in _CAUSE_BEFORE.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        phrase = det.phrase_after(s, s.token_at(m.end()))
        nxt = s.tokens[phrase.last + 1].lower if 0 <= phrase.last < len(s.tokens) - 1 else ""
        if phrase.involves_people and nxt not in ("error", "errors", "mistake", "mistakes"):
            end = s.tokens[phrase.last].end if phrase.last >= 0 else m.end()
            yield Hit(m.start(), max(end, m.end()), confidence=phrase.confidence or 0.8)
    for m in _CAUSE_AFTER.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        i = s.token_at(m.start())
        subject = det.subject_before(s, i)
        if not subject.involves_people:
            subject = _author_of_antecedent(s, i, ctx)
        if subject.involves_people and s.tokens[subject.first].lower not in _DENIAL:
            start = s.tokens[subject.first].start if subject.first >= 0 else m.start()
            yield Hit(start, m.end(), confidence=subject.confidence or 0.8)
    for m in _BECAUSE_PERSON.finditer(masked):
        if not _IMPACT_CLAUSE.search(masked, 0, m.start()) or is_meta(masked, m.start()):
            continue
        culprit = det.phrase_after(s, s.token_at(m.end()), follow=False)
        if culprit.head in (Agent.PERSON, Agent.GROUP):
            yield Hit(m.start(), s.tokens[culprit.last].end, confidence=culprit.confidence)
    for m in _ON_PERSON.finditer(masked):
        culprit = det.phrase_after(s, s.token_at(m.end()), follow=False)
        if culprit.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), s.tokens[culprit.last].end, confidence=culprit.confidence)
    for m in _FAULT_NOUN.finditer(masked):
        i = s.token_at(m.start())
        prev = s.tokens[i - 1] if i > 0 else None
        if prev is not None and prev.possessive and det.classify(s.tokens, i - 1)[0].is_people:
            yield Hit(prev.start, m.end(), confidence=0.9)
        elif prev is not None and prev.lower in ("his", "her", "their", "your"):
            yield Hit(prev.start, m.end(), confidence=0.85)
        elif by := re.match(r"s?\s+(?:(?:was|were)\s+)?(?:made\s+)?by\s+", masked[m.end() :], _I):
            culprit = det.phrase_after(s, s.token_at(m.end() + by.end()), follow=False)
            if culprit.involves_people:
                yield Hit(m.start(), s.tokens[culprit.last].end, confidence=0.85)
    yield from cause_idiom_hits(s, det)


_WHICH = frozenset({"which", "that"})
_DENIAL = frozenset({"no", "nobody", "none", "neither"})
"""'No single person caused this': the sentence denies a single culprit."""


def _author_of_antecedent(s: Sentence, i: int, ctx: LintContext) -> Phrase:
    """ "Bob pushed a config that took down the site", "Ana pushed to prod, which caused it":
    the relative clause's cause is the work of the previous clause's person."""
    j = i - 1
    while j >= 0 and s.tokens[j].lower in lx.AGENT_SKIP:
        j -= 1
    if j < 0 or s.tokens[j].lower not in _WHICH:
        return NOBODY
    if j > 0 and s.tokens[j - 1].lower == ",":
        j -= 1
    subject = ctx.detector.clause_subject(s, j)
    return subject if subject.head.is_people else NOBODY


_REMEDIATE = re.compile(
    r"\b(?:remind(?:ed)?|retrain(?:ed)?|re-train(?:ed)?|coach(?:ed)?|disciplin(?:e|ed)"
    r"|reprimand(?:ed)?|counsel(?:led|ed)?|warn(?:ed)?|talk\s+to|speak\s+(?:to|with)"
    r"|have\s+a\s+word\s+with|hold)\s+",
    _I,
)
_ASK_TO_CARE = re.compile(
    r"\b(?:ask|tell|instruct|get|encourage|remind)\s+(?P<who>(?:the\s+)?[@\w'’-]+(?:\s+[\w-]+)?)"
    r"\s+to\s+(?:be\s+more|be\s+extra|pay\s+(?:more\s+|closer\s+)?attention|remember|double-check"
    r"|take\s+more\s+care|stop|avoid|not\s+\w+|be\s+careful)",
    _I,
)
_SHOULD_LEARN = re.compile(
    r"\b(?:needs?|has|have|must|should|will|ought)\s+(?:to\s+)?(?:learn"
    r"|be\s+(?:much\s+|far\s+|a\s+lot\s+)?more"
    r"\s+(?:careful|diligent|attentive|thorough)|pay\s+(?:more|closer)\s+attention|remember\s+to"
    r"|be\s+reminded|be\s+(?:re-?)?(?:trained|taught|coached|educated)|be\s+held\s+accountable"
    r"|take\s+more\s+care|double-check|get\s+(?:up\s+to\s+speed|better\s+at)|brush\s+up"
    r"|read\s+up|familiari[sz]e|step\s+up|improve\s+(?:his|her|their|your|our)\b)\b"
    r"|\bneeds?\s+(?:more\s+|better\s+|additional\s+|extra\s+)?(?:training|coaching|mentoring)\b"
    r"|\b(?:be|been|being|was|were|is|are|get|got)\s+held\s+(?:personally\s+)?(?:accountable"
    r"|responsible)\b",
    _I,
)
_ORGANISATIONAL_AIM = re.compile(
    r"\s+for\s+(?:\w+\s+){0,3}?(?:" + "|".join(sorted(lx.ORGANISATIONAL_OBJECTS)) + r")\b", _I
)
_LEARN_PROPOSITION = re.compile(r"\s+(?:that|how|not|when|why|what|where)\b", _I)
_LEARN_FROM_INCIDENT = re.compile(
    r"\s+from\s+(?:this|the|that|these|our)\s+(?:\w+\s+)?(?:incident|outage|event"
    r"|failure|review|postmortem|experience)s?\b",
    _I,
)


@pattern_check(
    "PIR209",
    triggers=(
        "remind reminded retrain retrained re-train re-trained coach coached discipline "
        "disciplined reprimand reprimanded counsel counselled counseled warn warned talk "
        "speak word hold held needs need has have must should will ask tell instruct get "
        "encourage ought"
    ),
    message="Remediation aimed at a person ('{m}'): you cannot fix people, only systems.",
    suggestion="Propose a guardrail instead: 'Make the deploy CLI require an explicit "
    "--region for production targets.'",
    fails=(
        "Remind Hugo to check the region before bulk edits.",
        "Retrain the on-call engineers on the failover procedure.",
        "Ines needs to be more careful with production credentials.",
        "Hold the release manager accountable for the missed step.",
        "Siobhan needs to learn how the failover tooling works.",
        "The data team needs more training on the replication setup.",
        "The approvers will be held accountable for the skipped review.",
        "Radka needs to learn that the replica is read-only.",
    ),
    passes=(
        "Remind users of the maintenance window by email 24 hours ahead.",
        "Require an explicit --region flag for production targets.",
        "The deploy tool needs to validate the region flag.",
        "The ranking service has to learn new weights every night.",
        "We need to learn from this incident before the next sale.",
        "Atlas needs to learn the new routing table before it serves traffic.",
        "Each team is held accountable for its error budget.",
    ),
)
def individual_remediation(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """A remedy aimed at a person: remind, retrain, coach, hold accountable, "be more careful".

    What it catches: "remind / retrain / coach / discipline / hold accountable <person>",
    "<person or team> needs to / must / should learn …, be more careful, pay more
    attention, be trained, get better at, brush up on", "<person> needs more training",
    "<people> will be / were held accountable" (not for an SLO or error budget: that is a
    policy). Learning *that* or *how* is a person's, so
    a lone capitalised subject of it is a name ("Radka needs to learn that ...").
    A system that learns ("the ranker has to learn new weights") and learning from the
    incident itself ("we need to learn from this outage") are not remedies aimed at people.
    Why: "You can't 'fix' people, but you can fix systems and processes" (Google SRE);
    vigilance is the least reliable control.
    Example: "Remind Hugo to verify the tenant ID before bulk edits."
    Rewrite: "Require an explicit --region flag for production; the CLI refuses without it."
    """
    masked = s.masked
    det = ctx.detector
    for m in _REMEDIATE.finditer(masked):
        target = det.phrase_after(s, s.token_at(m.end()), follow=False)
        is_hold = m.group(0).lower().startswith("hold")
        if is_hold and "accountable" not in masked[m.end() : m.end() + 60].lower():
            continue
        if target.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), s.tokens[target.last].end, confidence=target.confidence)
    for m in _ASK_TO_CARE.finditer(masked):
        target = det.phrase_after(s, s.token_at(m.start("who")), follow=False)
        if target.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), confidence=target.confidence)
    for m in _SHOULD_LEARN.finditer(masked):
        learn = m.group(0).lower().endswith("learn")
        if learn and _LEARN_FROM_INCIDENT.match(masked, m.end()):
            continue  # learning from the incident is what a review is for
        if "held" in m.group(0).lower() and _ORGANISATIONAL_AIM.match(masked, m.end()):
            continue  # "teams are held accountable for their error budgets": a policy
        # Systems learn too ("the ranker has to learn new weights"); learning *that* or *how*
        # is a person's, so then an unknown capitalised subject is a name.
        person_only = not learn or bool(_LEARN_PROPOSITION.match(masked, m.end()))
        subject = det.subject_before(s, s.token_at(m.start()), person_only=person_only)
        if subject.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), confidence=subject.confidence)
