"""Blame carried by tone: hindsight obviousness, recurrence shaming, animated language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pir_ai.lint._blame_judgement import irony_hits
from pir_ai.lint._context import LintContext
from pir_ai.lint._guards import is_meta
from pir_ai.lint._registry import Hit, pattern_check
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

_HINDSIGHT_ALWAYS = re.compile(
    r"\b(?:it\s+(?:was|is|should\s+have\s+been|seemed)\s+(?:so\s+|pretty\s+|very\s+|quite\s+"
    r"|totally\s+|completely\s+|painfully\s+)?obvious|anyone\s+(?:could|would)\s+have"
    r"|any\s+(?:competent|decent|reasonable|half-decent)\s+(?:engineer|person|developer|operator)"
    r"|should\s+have\s+been\s+(?:obvious|evident|clear|apparent)|impossible\s+to\s+miss"
    r"|hard\s+to\s+miss|needless\s+to\s+say|goes\s+without\s+saying|not\s+rocket\s+science"
    r"|(?:it\s+was|it's)\s+(?:clear|evident|obvious)\s+to\s+(?:anyone|everyone)"
    r"|it\s+(?:was|seemed)\s+(?:\w+\s+)?(?:clear|evident|apparent)\s+(?:that\s+)?[^.;:]{0,80}?\bwould\b"
    r"|anyone\b[^.;:?]{0,40}?\b(?:could|would)\s+have)\b",
    _I,
)
_HINDSIGHT_PERSON = re.compile(
    r"\b(?:obviously|clearly|evidently|plainly|of\s+course|(?:just|simply|only)\s+(?:needed|had)"
    r"\s+to|all\s+(?:he|she|they|you|we|it)\s+(?:had|needed)\s+to\s+do)\b",
    _I,
)


@pattern_check(
    "PIR207",
    triggers=(
        "obvious obviously clearly evidently plainly course just simply only all anyone "
        "any should needless goes impossible hard rocket clear evident it's"
    ),
    message="Hindsight obviousness ('{m}'): it was only obvious after the fact.",
    suggestion="State the evidence and when it became available: 'Miss rate rose to 80% at "
    "10:04; no alert covered miss rate.'",
    fails=(
        "It was obvious the cache would stampede.",
        "Anyone could have seen that the disk was filling up.",
        "Hugo obviously didn't read the alert.",
        "All she had to do was restart the consumer.",
    ),
    passes=(
        "The graph clearly shows the spike at 14:02.",
        "By 14:10 it was clear that the primary was unhealthy.",
        "The consumer just needed to be restarted once the lock was released.",
    ),
)
def hindsight(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Hindsight and obviousness tied to people: "it was obvious", "anyone could have".

    What it catches: "it was obvious", "anyone could have seen", "should have been
    obvious", "needless to say"; "obviously / clearly / just needed to" when a person is
    the agent of the sentence.
    Why: PagerDuty lists hindsight bias first; obviousness is a property of the outcome,
    not of what people could see at the time.
    Example: "It was obvious the cache would stampede."
    Rewrite: "Miss rate rose from 5% to 80% at 10:04; no alert covered miss rate."
    """
    masked = s.masked
    for m in _HINDSIGHT_ALWAYS.finditer(masked):
        if not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end())
    for m in _HINDSIGHT_PERSON.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        subject = ctx.detector.subject_before(s, s.token_at(m.start()))
        if subject.last < 0:
            subject = ctx.detector.clause_subject(s, s.token_at(m.end()))
        if subject.head.is_people:
            yield Hit(m.start(), m.end(), confidence=subject.confidence)


_RECURRENCE = re.compile(
    r"\b(?:once\s+again|yet\s+again|again\s+and\s+again|as\s+usual|as\s+always|for\s+the\s+(?:"
    r"\w+th|third|second|umpteenth|hundredth|millionth|nth|last)\s+time|apparently\s+(?:nobody"
    r"|no\s+one)|of\s+course\s+(?:nobody|no\s+one)|was\s+right\s+there|typical\s+of)\b",
    _I,
)


_GOOD_IDEA = re.compile(
    r"\b(?:decided|thought|figured|felt|assumed|reckoned|believed)\s+(?:that\s+)?[^.;?!]{0,100}?"
    r"\b(?:was|is|would\s+be|were)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:good|great|brilliant|smart"
    r"|clever|genius|fine|wise|safe)\s+(?:idea|plan|move|call)\b",
    _I,
)
_GOOD_OUTCOME = re.compile(
    r"\b(?:saved|helped|restored|prevented|caught|cleared|kept|stopped|avoided|limited"
    r"|contained|worked|paid\s+off|shortened|reduced|resolved|mitigated|fixed|recovered)\b",
    _I,
)
_CULPRIT = re.compile(
    r"\b(?:whoever|someone|somebody|why\s+(?P<why>he|she|they|you|the\s+[\w-]+(?:\s+team)?))"
    r"\s+(?:\w+\s+){0,2}$",
    _I,
)
_MOCK_PRAISE = re.compile(r"\b(?:good|great|brilliant|smart|clever|genius)\s+idea\b", _I)


def _sarcasm(masked: str) -> re.Match[str] | None:
    """A decision called 'a good idea' whose decider is an unnamed culprit ("whoever decided
    that ... was a good idea"), unless the sentence says it went well ("... and it caught
    the regression"): then it is credit, not sarcasm."""
    idea = _GOOD_IDEA.search(masked)
    if idea is None or _GOOD_OUTCOME.search(masked, idea.end()):
        return None
    culprit = _CULPRIT.search(masked[max(0, idea.start() - 40) : idea.start()])
    if culprit and culprit.group("why") and not _MOCK_PRAISE.search(idea.group(0)):
        return None  # "why the team thought one region was a safe plan": a real question
    return idea if culprit else None


@pattern_check(
    "PIR208",
    triggers=(
        "again usual always time right typical apparently course idea plan move call wisdom"
        " interpretation creative liberal novel imaginative shall let's mildly charitably kindly"
        " politely generously nothing possibly genius bright lol lmao lmfao rofl smh"
        " told asked reminded warned"
    ),
    message="Recurrence shaming ('{m}') aimed at people.",
    suggestion="Count the recurrences and name the missing default: 'Third incident this "
    "quarter involving the flag; the job template does not set it by default.'",
    fails=(
        "Once again the batch team forgot the flag.",
        "As usual, nobody updated the runbook.",
        "Whoever thought a single NAT gateway for the region was a good idea, congratulations.",
        "For the third time this quarter the payments team shipped without a flag.",
        "The lead, in her infinite wisdom, disabled the rate limiter before the sale.",
        "Priyanka was asked twice to rotate the token and still never did.",
    ),
    passes=(
        "Once again the queue filled after the consumer stalled.",
        "This is the third time this quarter that the disk filled.",
        "At the time, the team thought one region was a safe plan: failover had never been needed.",
        "Great job to whoever set up the canary analysis; it caught the regression at 1%.",
        "Someone thought a canary stage was a good idea, and it caught the regression.",
        "To put it simply, the cache was cold after the deploy.",
        "Support was told twice that the fix was deployed, and still saw errors.",
    ),
)
def recurrence(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Recurrence shaming and sarcasm aimed at people: "once again", "as usual".

    What it catches: once again, yet again, as usual, for the Nth time, apparently
    nobody, "X was right there", when a person or team is the agent of the clause; and
    sarcasm about a decision: "(Great job to) whoever decided that ... was a good idea". A
    reasoned account ("the team thought one region was a safe plan: failover had never
    been needed"), a good idea that went well ("someone thought a canary was a good idea,
    and it caught the regression") and praise of what someone did ("great job to whoever
    set up the canary") pass. Irony and mockery aimed at people count too: "in his infinite
    wisdom", "a creative interpretation of the policy", "shall we say", "nothing says X
    like", chat laughter ("lol", "smh") about a person's act, and "was told three times to
    ... and still didn't".
    Why: sarcasm about repetition shames a group; a count of recurrences and the missing
    default say the same thing usefully. System subjects ("once again the queue filled")
    pass.
    Example: "Once again the batch team forgot the flag."
    Rewrite: "Third incident this quarter involving the flag; the job template does not set
    it by default."
    """
    masked = s.masked
    det = ctx.detector
    if (idea := _sarcasm(masked)) and not is_meta(masked, idea.start()):
        said = masked[idea.start() : idea.end()]
        yield Hit(
            idea.start(),
            idea.end(),
            confidence=0.75,
            message=f"Sarcasm about a decision ('{said}'): it mocks whoever made it.",
        )
    for m in _RECURRENCE.finditer(masked):
        if is_meta(masked, m.start()):
            continue
        text = m.group(0).lower()
        if "nobody" in text or "no one" in text:
            yield Hit(m.start(), m.end(), confidence=0.8)
            continue
        start = s.token_at(m.end())
        if start < len(s.tokens) and s.tokens[start].lower == ",":
            start += 1
        agent = det.phrase_after(s, start, follow=False)
        if not agent.head.is_people:
            agent = det.subject_before(s, s.token_at(m.start()))
        if agent.head.is_people:
            yield Hit(m.start(), m.end(), confidence=0.8)
    yield from irony_hits(s, det)


_ANIMATED = re.compile(
    r"\b(?:unacceptable|ridiculous|embarrassing|embarrassment|inexcusable|shameful|pathetic"
    r"|outrageous|insane|absurd|appalling|disgraceful|unbelievable|can(?:'t|not|\s+not)\s+believe"
    r"|what\s+a\s+mess|(?:total|complete|absolute|utter)\s+(?:mess|disaster|shambles|joke)"
    r"|epic\s+fail|train\s?wreck|dumpster\s+fire|facepalm|wtf|omg|fiasco|shambles"
    r"|(?:beggars|defies|beyond)\s+belief|(?:is|was)\s+beyond\s+me|mind-?boggling|baffling"
    r"|disaster(?!\s+recovery|\s+scenario|\s+drill|-recovery))\b|!{2,}|\?!+",
    _I,
)


@pattern_check(
    "PIR211",
    triggers=(
        "unacceptable ridiculous embarrassing embarrassment inexcusable shameful pathetic "
        "outrageous insane absurd appalling disgraceful unbelievable can't cannot can "
        "believe mess epic fail train trainwreck wreck dumpster facepalm wtf omg fiasco "
        "shambles disaster total complete absolute utter beggars defies beyond belief"
        " mind-boggling mindboggling baffling"
        " !! ?!"
    ),
    message="Animated language ('{m}') erodes psychological safety.",
    suggestion="Give the data instead: 'Checkout errors reached 38% for 41 minutes.'",
    fails=(
        "This is unacceptable!!!",
        "The rollout was an absolute disaster.",
        "I can't believe this shipped without a test.",
        "It defies belief that the on-call engineer deployed during the freeze.",
    ),
    passes=(
        "Checkout errors reached 38% for 41 minutes.",
        "The disaster recovery plan was exercised in March.",
        "The impact was severe: 12,400 orders failed.",
    ),
)
def animated(s: Sentence, ctx: LintContext) -> Iterator[Hit]:
    """Animated, evaluative language: unacceptable, ridiculous, disaster, "!!!".

    What it catches: unacceptable, ridiculous, embarrassing, inexcusable, can't believe,
    disaster (not "disaster recovery"), fiasco, incredulity (beggars belief, beyond me),
    runs of exclamation marks.
    Why: the SRE workbook's bad example: animated language and exclamations of disbelief
    "erode psychological safety. Instead, provide verifiable data".
    Example: "This is unacceptable!!!"
    Rewrite: "Checkout errors reached 38% for 41 minutes."
    """
    masked = s.masked
    for m in _ANIMATED.finditer(masked):
        if not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), confidence=0.8)
