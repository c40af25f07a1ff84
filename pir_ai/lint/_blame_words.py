"""Blame rules keyed on a judging phrase: "human error" and character judgements. Blame
questions are in blame_question, tone (hindsight, recurrence, sarcasm) in blame_tone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pir_ai.findings import Severity
from pir_ai.lint._blame_judgement import competence_hits
from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta, is_negated
from pir_ai.lint._people import Agent
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

_HUMAN_ERROR = re.compile(
    r"\b(?:(?:human|operator|pilot|engineer|personnel|staff|manual|user)\s+(?:error|mistake)s?"
    r"|fat[- ]?finger(?:ed|ing|s)?|pebkac|picnic\s+error|finger\s+trouble|id-?10-?t"
    r"|human\s+factors?\s+(?:was|were|is)\s+the\s+cause)\b(?!\s+(?:rate|rates|count|counts"
    r"|codes?|responses?|metric|budget|page|pages|message|messages|handling))",
    _I,
)
_LABEL_DEFINED = re.compile(
    r"\s+(?:is|was|are)\s+(?:just\s+|only\s+|merely\s+|simply\s+|never\s+)?(?:a|an|the)\s+"
    r"(?:\w+\s+)?(?:label|symptom|description|shorthand|placeholder|starting\s+point|term|word"
    r"|verdict|judg(?:e)?ment|frame|framing|lens)\b",
    _I,
)
"""'Human error is a label / a symptom': the sentence defines the term, it does not use it."""
_ACCIDENTAL = re.compile(
    r"\b(?:accidentally|mistakenly|inadvertently|erroneously|by\s+(?:mistake|accident))\b", _I
)


@pattern_check(
    "PIR203",
    triggers=(
        "error errors mistake mistakes fat-finger fat-fingered fat-fingering fat-fingers "
        "fatfingered finger fingered pebkac picnic trouble id10t id-10-t factor factors "
        "accidentally mistakenly inadvertently erroneously accident"
    ),
    message="'{m}' names a person as the failure; it ends the analysis where it should start.",
    suggestion="List the conditions instead: 'Contributing factors: the console defaulted to "
    "the last-used cluster and showed no environment indicator.'",
    fails=(
        "Root cause: human error.",
        "The outage was the result of operator error during the migration.",
        "Someone fat-fingered the replica count.",
        "Dmitri accidentally deleted the production bucket.",
    ),
    passes=(
        "We do not treat human error as a root cause.",
        "This was not human error: the console offered no environment indicator.",
        "User error rates rose to 4% after the deploy.",
        "The cron job accidentally ran twice because of the DST change.",
        "Human error is a label for an outcome; the conditions behind it are listed below.",
    ),
)
def human_error_label(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """ "Human error" and its kin used as a cause; "accidentally" with a person as agent.

    What it catches: human / operator / pilot / engineer error, fat-fingered, PEBKAC,
    and "accidentally / mistakenly / by mistake" attached to a person's action. A sentence
    defining the term ("human error is a label / a symptom / the wrong frame") talks about
    it, not with it, and "operator error was ruled out" denies it.
    Why: PagerDuty: do not blame "human error"; Dekker: human error is a symptom of
    trouble deeper in the system, not an explanation.
    Example: "Primary cause: human error in the runbook execution."
    Rewrite: "Contributing factors: the runbook mixed staging and production hostnames."
    """
    masked = s.masked
    for m in _HUMAN_ERROR.finditer(masked):
        if is_meta(masked, m.start()) or is_negated(masked, m.start(), m.end()):
            continue
        if not _LABEL_DEFINED.match(masked, m.end()):
            yield Hit(m.start(), m.end())
    for m in _ACCIDENTAL.finditer(masked):
        i = s.token_at(m.start())
        trailing = m.group(0).lower().startswith("by")  # "... by mistake": the clause's subject
        subject = (
            ctx.detector.clause_subject(s, i) if trailing else ctx.detector.subject_before(s, i)
        )
        if subject.last < 0:
            subject = ctx.detector.clause_subject(s, i)
        if subject.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), severity=Severity.WARNING, confidence=subject.confidence)


_CHARACTER = re.compile(
    r"\b(?:careless(?:ly|ness)?|sloppy|sloppily|sloppiness|lazy|laziness|negligen(?:t|tly|ce)"
    r"|reckless(?:ly|ness)?|incompeten(?:t|ce|tly)|complacen(?:t|cy|ce)|clueless|irresponsib(?:le"
    r"|ly|ility)|unprofessional|stupid(?:ity)?|dumb|foolish(?:ly)?|idiotic|boneheaded|inattentive"
    r"|half-assed|amateurish|cowboy|hast(?:y|ily)|panick(?:ed|ing)|poor\s+judge?ment"
    r"|bad\s+judge?ment|not\s+paying\s+attention|wasn't\s+paying\s+attention|lack(?:ed)?\s+of"
    r"\s+(?:attention|care|diligence|discipline|rigou?r|competence|ownership|professionalism)"
    r"|should\s+have\s+known\s+better|(?:a|the|was|were|too|being|been)\s+rushed"
    r"|asleep\s+at\s+the\s+wheel|(?:wasn't|was\s+not|weren't|were\s+not)\s+thinking)\b",
    _I,
)
_PERSON_JUDGMENT = re.compile(
    r"\b(?:made\s+(?:a\s+)?(?:bad|poor|wrong|terrible|questionable|careless)\s+(?:call|decision"
    r"|choice)|lack(?:s|ed)?\s+(?:discipline|attention|care|rigou?r|ownership|competence"
    r"|experience|judge?ment|diligence)|(?:was|were|is|are)\s+(?:(?:far|way|much)\s+)?too\s+"
    r"(?:slow|late|hasty|careless|quick)\s+to|rubber-?stamp(?:ed|ing|s)?)\b",
    _I,
)
_OFF_SCRIPT = re.compile(
    r"\b(?:rushed\s+(?:(?:through\s+)?(?:the|a|an|his|her|their|its)\s+[\w-]+|it)"
    r"|(?:went|gone|go|goes|going)\s+rogue"
    r"|cut(?:s|ting)?\s+corners|wing(?:ed|s)?\s+it|winging\s+it|took\s+shortcuts"
    r"|play(?:ed|s|ing)?\s+fast\s+and\s+loose|(?:decided|chose|opted|elected)\s+to\s+"
    r"(?:just\s+)?(?:improvise|freelance|wing\s+it|go\s+it\s+alone|cowboy\s+it)\b"
    r"(?!\s+(?:a|an|the|some|with)\b))",
    _I,
)
"""Judgements only people earn: rushing a change, going rogue, deciding to improvise. An
urgent purpose ("rushed the fix out to stop the data loss") is a decision, not a trait."""
_OFF_SCRIPT_CUES = (
    "rush",
    "rogue",
    "corners",
    "wing",
    "shortcuts",
    "loose",
    "improvise",
    "freelance",
    "cowboy",
)
_URGENT_PURPOSE = re.compile(
    r"\bto\s+(?:stop|restore|mitigate|contain|limit|end|recover|unblock|protect|save)\b", _I
)
_TECHNICAL_SENSE = re.compile(
    r"^\s*(?:load|loading|loaded|evaluation|eval|init|initiali[sz]ation|iterator|pipe|terminal"
    r"|mode|path)\b",
    _I,
)
_COPULA = frozenset({"is", "was", "are", "were", "being", "been", "seems", "seemed"})


@pattern_check(
    "PIR204",
    triggers=(
        "careless carelessly carelessness sloppy sloppily sloppiness lazy laziness "
        "negligent negligently negligence reckless recklessly recklessness incompetent "
        "incompetence incompetently complacent complacency complacence clueless "
        "irresponsible irresponsibly irresponsibility unprofessional stupid stupidity "
        "dumb foolish foolishly idiotic boneheaded inattentive half-assed amateurish "
        "cowboy hasty hastily panicked panicking judgment judgement attention lack lacked "
        "better rushed asleep thinking"
        " made lack lacks lacked too rubber-stamped rubber-stamp rubberstamped"
        " rubber-stamping rubberstamp rogue corners wing winged winging shortcuts loose"
        " improvise freelance"
        " ready fit qualified cut enough task role depth head control ball stubborn"
        " arrogant obstinate pig-headed overconfident cocky gullible clumsy forgetful"
        " absent-minded disorganised disorganized insistence stubbornness obstinacy arrogance"
        " hubris overconfidence impatience refusal reluctance unwillingness inability ignorance"
        " cluelessness indifference bothered cared should've"
    ),
    message="Character judgement ('{m}'): it describes a person, not what happened.",
    suggestion="Replace the adjective with the observable fact: 'merged with 2 failing "
    "checks; branch protection was off.'",
    fails=(
        "Ines made a sloppy edit to the routing table.",
        "The change was careless and unreviewed.",
        "The operator panicked and restarted every node.",
        "There was a clear lack of attention to detail.",
        "The reviewer rubber-stamped the change.",
        "The incident commander made a bad call by not escalating.",
        "The deployer went rogue and skipped the canary.",
        "Ivo rushed the failover script through review.",
        "Frankly, Thibault is not ready for the on-call rotation.",
        "The delay came from Ilario's reluctance to page the database team.",
    ),
    passes=(
        "The images use lazy loading below the fold.",
        "The kernel panicked on three nodes after the driver update.",
        "The added latency was negligible.",
        "The parser is careless about trailing whitespace.",
        "The autoscaler was too slow to react to the spike.",
        "Responders rushed to restore checkout once the cause was clear.",
        "The team improvised a drain script, and it worked.",
        "The new replica was not ready for traffic until 14:05.",
        "The secondary on-call was too busy with a concurrent incident to pick up the page.",
    ),
)
def character_judgment(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Character or trait judgements: careless, sloppy, lazy, negligent, reckless, rushed.

    What it catches: careless, sloppy, lazy, negligent, reckless, incompetent, complacent,
    hasty, panicked, poor judgement, lack of attention to detail, "should have known
    better"; with a person as agent: "made a bad call", "lacks discipline", "was too slow
    to", "rubber-stamped"; judgements only people earn: rushed the change, went rogue, cut
    corners, winged it, decided to improvise (with no object); verdicts on fitness or
    temperament with a person as subject (not ready for the rotation, out of her depth, lost
    control of the call, too busy with a side project to, so stubborn) and a person's trait
    noun ("Björn's insistence on ...", "her reluctance to ..."), unless it went well. A
    workload ("too busy with a concurrent incident") is a condition. System metaphors ("the parser
    is careless about whitespace"), "lazy loading", a panicking kernel, rushing *to* restore
    service and improvising a tool are left alone.
    Why: a trait word judges a person; the reader learns nothing they could change.
    Example: "a sloppy merge"
    Rewrite: "merged with 2 failing checks; branch protection was off"
    """
    masked = s.masked
    det = ctx.detector
    for m in _CHARACTER.finditer(masked):
        word = m.group(0).lower()
        if is_meta(masked, m.start()) or is_negated(masked, m.start(), m.start()):
            continue
        if word in ("lazy", "dumb", "cowboy") and _TECHNICAL_SENSE.match(masked[m.end() :]):
            continue
        i = s.token_at(m.start())
        if word.startswith("panick") and not det.subject_before(s, i).head.is_people:
            continue
        if (
            not word.startswith("panick")
            and i > 0
            and s.tokens[i - 1].lower in _COPULA
            and det.subject_before(s, i - 1).head is Agent.SYSTEM
            and not _work(s, i - 1)
        ):
            continue
        yield Hit(m.start(), m.end())
    for m in _PERSON_JUDGMENT.finditer(masked):
        stamp = m.group(0).lower().startswith("rubber")  # only people rubber-stamp
        subject = det.subject_before(s, s.token_at(m.start()), person_only=stamp)
        if subject.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), confidence=subject.confidence)
    lowered = masked.lower()
    cued = any(cue in lowered for cue in _OFF_SCRIPT_CUES)  # the regex is slow to scan
    for m in _OFF_SCRIPT.finditer(masked) if cued else ():
        if _URGENT_PURPOSE.search(masked, m.end()) or is_meta(masked, m.start()):
            continue
        subject = det.subject_before(s, s.token_at(m.start()), person_only=True)
        if subject.head.is_people:
            yield Hit(m.start(), m.end(), confidence=subject.confidence)
    yield from competence_hits(s, det)


def _work(s: Sentence, copula: int) -> bool:
    """The copula's subject is a person's work product ("the change was careless")."""
    subject = s.tokens[copula - 1].lower if copula > 0 else ""
    return subject in {
        "change",
        "edit",
        "merge",
        "review",
        "deploy",
        "rollout",
        "fix",
        "commit",
        "patch",
        "work",
        "migration",
        "response",
        "handover",
    }
