"""Blame rules about process and groups: a person framed as breaking a rule, and blame
put on a team or on everyone."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pir_ai.lint._lexicons as lx
from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

_VIOLATION = re.compile(
    r"\b(?:violated|broke|did(?:n't|\s+not)\s+follow|failed\s+to\s+follow|never\s+followed"
    r"|disregarded|bypassed|circumvented|skipped|went\s+against|went\s+around|ignored"
    r"|deviated\s+from|did(?:n't|\s+not)\s+stick\s+to|did(?:n't|\s+not)\s+adhere\s+to)\s+",
    _I,
)
_NOT_FOLLOWED = re.compile(
    r"\b(?:was|were)(?:n't|\s+not)\s+(?:followed|adhered\s+to|respected)\b", _I
)


@pattern_check(
    "PIR210",
    triggers=(
        "violated broke follow followed disregarded bypassed circumvented skipped went "
        "deviated stick adhere ignored"
    ),
    message="Frames a person's action as breaking a rule ('{m}').",
    suggestion="Describe why the step was skipped and what the tooling enforced: 'The drain "
    "step was in a collapsed section; the tool did not require it.'",
    fails=(
        "The engineer did not follow the runbook.",
        "Felix went against the migration policy.",
        "The deployer bypassed the change freeze.",
        "The checklist was not followed.",
    ),
    passes=(
        "The request did not follow the expected code path.",
        "Lena followed the runbook step by step.",
        "The job skipped the cleanup stage because the flag was unset.",
    ),
)
def rule_violation(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """A person's action framed as breaking a rule, runbook, process or policy.

    What it catches: violated, broke, did not follow, bypassed, skipped, went against a
    runbook / process / policy / checklist / freeze, with a person as agent; "the runbook
    was not followed".
    Why: rule-violation framing ends the inquiry at compliance; the question is why the
    rule was hard to follow and why nothing enforced it.
    Example: "The engineer did not follow the runbook."
    Rewrite: "The runbook step for draining traffic was in a collapsed section and was
    skipped; the tool did not enforce it."
    """
    masked = s.masked
    det = ctx.detector
    for m in _VIOLATION.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        obj = masked[m.end() : m.end() + 60].lower().split()[:4]
        if not any(w.strip(".,;:") in lx.PROCESS_NOUNS for w in obj):
            continue
        subject = det.subject_before(s, s.token_at(m.start()))
        if subject.head.is_people:
            yield Hit(m.start(), m.end() + len(" ".join(obj[:3])), confidence=subject.confidence)
    for m in _NOT_FOLLOWED.finditer(masked):
        subject = det.subject_before(s, s.token_at(m.start()))
        if subject.last >= 0 and s.tokens[subject.last].lower in lx.PROCESS_NOUNS:
            yield Hit(m.start(), m.end(), confidence=0.75)


_TEAM_BLAME = re.compile(
    r"\b(?:dropped\s+the\s+ball|let\s+(?:this|it|that)\s+happen|on\s+their\s+watch"
    r"|(?:is|was)\s+on\s+them|should\s+be\s+ashamed)\b",
    _I,
)
_EVERYONE_KNEW = re.compile(
    r"\b(?:(?:everyone|everybody|we\s+all|all\s+of\s+us|the\s+whole\s+(?:team|org|organi[sz]ation"
    r"|company|department|squad|group|rotation))\b[^.;?!]{0,60}?"
    r"\b(?:knew|was\s+aware|were\s+aware|had\s+(?:known|seen|noticed|heard)|saw|could\s+see"
    r"|complained|joked)|(?:common\s+knowledge|well[- ]known))\b",
    _I,
)
_YET_NOBODY = re.compile(
    r"\b(?:yet|but|and|still)\s+(?:still\s+|somehow\s+)?(?:no\s+one|no-one|nobody|none\s+of\s+us)"
    r"\s+(?:ever\s+|actually\s+|really\s+|even\s+)?(?!needed\b)(?:\w+ed|did|took|made|wrote"
    r"|spoke|ran|went|put|set|thought|(?:has|had)\s+\w+ed)\b",
    _I,
)


@pattern_check(
    "PIR212",
    triggers=("dropped let watch them ashamed everyone everybody all whole knowledge known"),
    message="Blame put on a team or on everyone ('{m}').",
    suggestion="Describe the routing, ownership or signal gap: 'Disk alerts for storage were "
    "routed to a channel without paging.'",
    fails=(
        "The storage team let this happen.",
        "The platform team dropped the ball on the certificate renewal.",
        "Everyone knew the queue was fragile, yet nobody fixed it.",
        "Everyone on the platform team knew the job was flaky, but no one looked at it.",
        "It was common knowledge that the cron job was flaky, and nobody raised it.",
        "This happened on their watch.",
    ),
    passes=(
        "The storage team added a disk-usage alert at 80%.",
        "The queue filled up because the consumer stalled.",
        "The platform team owns the certificate renewal job.",
        "Everyone knew the failover plan, so no one needed to improvise.",
        "Everybody was aware of the maintenance window, and nobody was paged.",
    ),
)
def team_blame(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Blame put on a team or a whole group: "the X team let", "dropped the ball".

    What it catches: "dropped the ball", "let this happen", "on their watch", and collective
    knowledge set against collective inaction: "everyone (on the X team) knew / was aware
    … yet / but nobody fixed …", "it was common knowledge that …, and no one …". A team
    letting a system degrade ("the X team let the disks fill up") is PIR202. Knowledge
    with no inaction ("everyone knew the plan, so no one needed to improvise") passes.
    Why: the Google SRE book asks for contributing causes "without indicting any individual
    or team"; team blame is blame with a larger target.
    Example: "The storage team let the disks fill up."
    Rewrite: "Disk usage alerts for the storage fleet were routed to a channel without
    paging."
    """
    masked = s.masked
    for m in _TEAM_BLAME.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        text = m.group(0).lower()
        if text.startswith(("dropped", "let this", "let it", "let that")):
            subject = ctx.detector.subject_before(s, s.token_at(m.start()))
            if not subject.head.is_people:
                continue
        yield Hit(m.start(), m.end(), confidence=0.85)
    knew = _EVERYONE_KNEW.search(masked)
    inaction = knew and _YET_NOBODY.search(masked, knew.end())
    if knew and inaction and not is_meta(masked, knew.start()):
        yield Hit(knew.start(), inaction.end(), confidence=0.8)
