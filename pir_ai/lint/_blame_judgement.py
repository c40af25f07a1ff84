"""Judgements of a person with no fault verb: competence, character, irony, cause idioms.

"Joaquín is not ready for the primary rotation", "Björn's insistence on debugging live",
"in his infinite wisdom", "it boils down to Aroha not reading the alert": nothing in them
fails, forgets or ignores, yet each grades a person. These checks feed the rules that own
each family (PIR204 character, PIR208 sarcasm, PIR205 cause, PIR202 failure); each needs
people as the agent, the possessor or the target, so systems described the same way pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pir_ai.lint._lexicons as lx
from pir_ai.lint._agents import Agent, Phrase
from pir_ai.lint._guards import is_meta, is_praise
from pir_ai.lint._people import PersonDetector
from pir_ai.lint._registry import Hit
from pir_ai.lint._text import Sentence

_I = re.IGNORECASE

_COMPETENCE = re.compile(
    r"\b(?:not\s+(?:yet\s+|really\s+)?(?:ready|fit|qualified|cut\s+out|senior\s+enough"
    r"|experienced\s+enough)\s+(?:for|to\s+(?:be|join|hold|run|lead))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+)?(?:rotation|role|job|on-?call|pager|promotion|production|responsibility"
    r"|position|team|access|shift)"
    r"|not\s+up\s+to\s+(?:the\s+)?(?:task|role)|(?:out\s+of|beyond)\s+(?:his|her|their|my"
    r"|your)\s+depth|in\s+over\s+(?:his|her|their|my|your)\s+head"
    r"|lost\s+control\s+of\s+(?:the|his|her|their)\s+(?:[\w-]+\s+)?(?:call|bridge|incident"
    r"|situation|room|response|team|rollout|meeting|channel)"
    r"|dropped\s+the\s+ball|too\s+(?:busy|distracted|preoccupied|lazy|proud|stubborn|arrogant"
    r"|tired|careless)\s+(?:with\s+(?P<busy>[^,.;]{1,60}?)"
    r"\s+)?to\b|(?:was|were|been|being|so|too|very|incredibly|pretty)\s+(?:so\s+)?(?:stubborn"
    r"|arrogant|obstinate|pig-headed|overconfident|cocky|gullible|clumsy|forgetful"
    r"|absent-minded|disorganised|disorganized))\b",
    _I,
)
"""Verdicts on a person's fitness or temperament; they need a person as subject."""
_WORKLOAD = re.compile(r"\b(?:incident|page|pages|alert|alerts|outage|escalation|call)s?\b", _I)
_TRAIT_NOUN = re.compile(
    r"\b(?:insistence|stubbornness|obstinacy|arrogance|hubris|overconfidence|impatience"
    r"|refusal|reluctance|unwillingness|inability|ignorance|cluelessness|indifference"
    r"|sloppiness|carelessness|negligence|laziness|recklessness|incompetence)\b",
    _I,
)
"""Traits a person's possessive can carry: "Björn's insistence on debugging live"."""
_GOOD_TURN = re.compile(
    r"\b(?:saved|helped|caught|prevented|kept|limited|contained|paid\s+off|shortened"
    r"|avoided|stopped|protected)\b",
    _I,
)
_LAPSE = re.compile(
    r"\b(?:(?:nobody|no\s+one|no-one|not\s+(?:one|a\s+single)\s+[\w-]+|none\s+of\s+(?:us|them"
    r"|the\s+[\w-]+))\s+(?:even\s+|ever\s+)?(?:bothered|cared)\s+to"
    r"|should(?:['’]ve|\s+have)\s+known\s+better)\b",
    _I,
)
"""Collective lapses stated as indifference, and "should've known better"."""


_COMPETENCE_CUES = (
    "ready",
    "fit",
    "qualified",
    "cut out",
    "enough",
    "up to",
    "depth",
    "head",
    "control",
    "ball",
    "too ",
    "stubborn",
    "arrogant",
    "obstinate",
    "headed",
    "confident",
    "cocky",
    "gullible",
    "clumsy",
    "forgetful",
    "minded",
    "disorgani",
)


def _cued(lowered: str, cues: tuple[str, ...]) -> bool:
    """A cheap substring test before a slow regex scan (most sentences have no cue)."""
    return any(cue in lowered for cue in cues)


def competence_hits(s: Sentence, det: PersonDetector) -> Iterator[Hit]:
    """PIR204: fitness, temperament and trait judgements tied to people."""
    masked = s.masked
    lowered = masked.lower()
    for m in _COMPETENCE.finditer(masked) if _cued(lowered, _COMPETENCE_CUES) else ():
        busy = m.group("busy")
        if is_meta(masked, m.start()) or (busy and _WORKLOAD.search(busy)):
            continue  # "too busy with a concurrent incident to ...": workload, not a trait
        subject = _subject(s, det, s.token_at(m.start()))
        if subject.head.is_people and s.tokens[subject.first].lower not in ("nobody", "no"):
            yield Hit(m.start(), m.end(), confidence=subject.confidence)
    for m in _TRAIT_NOUN.finditer(masked) if _cued(lowered, ("'s", "’s")) else ():
        i = s.token_at(m.start())
        owner = i - 1 if i > 0 and s.tokens[i - 1].possessive else i - 2
        if owner < 0 or not s.tokens[owner].possessive or is_praise(masked):
            continue
        if det.classify(s.tokens, owner)[0].is_people and not _GOOD_TURN.search(masked):
            yield Hit(s.tokens[owner].start, m.end(), confidence=0.8)
    for m in _LAPSE.finditer(masked) if _cued(lowered, ("bothered", "cared", "better")) else ():
        if not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), confidence=0.8)


_LINKING = lx.words("so too very really quite incredibly been being be was were is are")


def _subject(s: Sentence, det: PersonDetector, i: int) -> Phrase:
    """The subject of a predicate, past copulas and intensifiers ("not been so stubborn")."""
    while i > 0 and s.tokens[i - 1].lower in _LINKING:
        i -= 1
    return det.subject_before(s, i, person_only=True)


_IRONY = re.compile(
    r"\b(?:in\s+(?:his|her|their|your)\s+(?:infinite|great|boundless|usual)\s+wisdom"
    r"|(?:a\s+)?(?:creative|liberal|novel|imaginative)\s+(?:interpretation|reading|take)"
    r"\s+(?:of|on)"
    r"|shall\s+we\s+say|let(?:'s|\s+us)\s+just\s+say|to\s+put\s+it\s+(?:mildly|charitably|kindly"
    r"|politely|generously)|nothing\s+says\s+[^.;!?]{1,40}?\s+like|what\s+could\s+possibly\s+go"
    r"\s+wrong|stroke\s+of\s+genius|bright\s+idea|genius\s+(?:move|idea|decision|plan)"
    r"|lol|lmao|lmfao|rofl|smh)\b",
    _I,
)
"""Irony and mockery: praise that means its opposite, chat slang laughing at people."""
_IRONY_CUES = (
    "wisdom",
    "interpretation",
    "reading",
    " take ",
    "say",
    "put it",
    "nothing says",
    "possibly",
    "genius",
    "bright",
    "lol",
    "lmao",
    "lmfao",
    "rofl",
    "smh",
)
_TOLD_AGAIN = re.compile(
    r"\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:told|asked|reminded|warned)\s+"
    r"(?:\w+\s+){0,2}?(?:times|twice|repeatedly|again|already|before)\s+to\b[^.;?!]{0,80}?"
    r"\b(?:and|but|yet)\s+(?:still\s+(?:didn't|did\s+not|hasn't|has\s+not|haven't|won't|never)"
    r"|never)\b",
    _I,
)
"""Shaming by repetition: told three times and still did not do it."""


def irony_hits(s: Sentence, det: PersonDetector) -> Iterator[Hit]:
    """PIR208: irony and mockery aimed at people, and "told N times and still didn't"."""
    masked = s.masked
    lowered = masked.lower()
    if _cued(lowered, _IRONY_CUES):
        for m in _IRONY.finditer(masked):
            if not is_meta(masked, m.start()) and _names_others(s, det):
                yield Hit(m.start(), m.end(), confidence=0.7, message=_IRONIC.format(m=m.group(0)))
                break
    for m in _TOLD_AGAIN.finditer(masked) if "still" in lowered or "never" in lowered else ():
        subject = det.subject_before(s, s.token_at(m.start()), person_only=True)
        if subject.head.is_people:
            yield Hit(m.start(), m.end(), confidence=subject.confidence)


_IRONIC = "Irony aimed at people ('{m}'): it mocks rather than describes."


def _names_others(s: Sentence, det: PersonDetector) -> bool:
    """A person or team other than the writers appears in the sentence."""
    tokens = s.tokens
    return any(
        det.classify(tokens, i)[0] in (Agent.PERSON, Agent.GROUP) for i in range(len(tokens))
    )


_CAUSE_IDIOM = re.compile(
    r"\b(?:(?:boils|boiled|comes|came|all)\s+down\s+to|(?:is|was)\s+(?:all\s+)?down\s+to"
    r"|made\s+(?:\w+\s+)?worse\s+by|(?:compounded|exacerbated|aggravated|prolonged)\s+by"
    r"|(?:responsibility|blame|culpability)\s+for\s+(?:the\s+|this\s+|our\s+)?(?:[\w-]+\s+)?"
    r"(?:loss|outage|incident|breach|downtime|failure|mess|exposure|leak|corruption)"
    r"\s+(?:lies|lay|rests|sits|falls)\s+(?:\w+ly\s+)?(?:with|on)"
    r"|let\s+down\s+by)\s+",
    _I,
)
"""Idioms that make someone the cause: "boils down to X", "made worse by X's ..."."""
_PERSON_GERUNDS = lx.words(
    "reading checking noticing following paying listening asking reviewing thinking bothering "
    "escalating"
)


_CAUSE_CUES = ("down", "worse", "compounded", "exacerbated", "aggravated", "prolonged", " for ")


def cause_idiom_hits(s: Sentence, det: PersonDetector) -> Iterator[Hit]:
    """PIR205: a person (or their trait or choice) after a cause idiom."""
    masked = s.masked
    cued = _cued(masked.lower(), _CAUSE_CUES)
    for m in _CAUSE_IDIOM.finditer(masked) if cued else ():
        if is_meta(masked, m.start()) or is_praise(masked):
            continue
        k = s.token_at(m.end())
        if k < len(s.tokens) and s.tokens[k].capitalised and _acts(s, k):
            if det.classify(s.tokens, k)[0] is not Agent.SYSTEM:
                yield Hit(m.start(), s.tokens[k].end, confidence=0.6)
            continue  # "comes down to Aroha not reading ...": only people read alerts
        phrase = det.phrase_after(s, k)
        if not phrase.involves_people or phrase.last < 0:
            continue
        if phrase.head is Agent.PERSON and phrase.confidence < 0.7 and not _acts(s, phrase.last):
            continue  # a capitalised word no list knows: a name only if a person's act follows
        yield Hit(m.start(), s.tokens[phrase.last].end, confidence=max(phrase.confidence, 0.6))


def _acts(s: Sentence, last: int) -> bool:
    """A person's act follows the word: "Aroha not reading ...", "Aroha's ..."."""
    tokens = s.tokens
    if tokens[last].possessive:
        return True
    nxt = [t.lower for t in tokens[last + 1 : last + 3]]
    if nxt and nxt[0] in ("not", "never"):
        nxt = nxt[1:]
    return bool(nxt) and nxt[0] in _PERSON_GERUNDS


_BY_AND_THEN = re.compile(
    r"\b(?:was|were)\s+(?:[\w-]+ed|seen|read|heard|spotted|taken)\s+by\s+"
    r"(?P<agent>[^,.;]{1,40}?)\s+and\s+(?:then\s+)?"
    r"(?:promptly\s+|simply\s+|just\s+|quietly\s+)?(?:ignored|forgotten|missed|dismissed"
    r"|silenced|snoozed|overlooked|disregarded|muted)\b",
    _I,
)
"""Coordinated passives share their agent: "acknowledged by Rangi and then ignored"."""


def shared_agent_hits(s: Sentence, det: PersonDetector) -> Iterator[Hit]:
    """PIR202: a failure participle whose by-agent is given on the passive before it."""
    masked = s.masked
    for m in _BY_AND_THEN.finditer(masked) if " by " in masked else ():
        agent = det.phrase_after(s, s.token_at(m.start("agent")), follow=False)
        if agent.head.is_people and not is_meta(masked, m.start()):
            yield Hit(m.start(), m.end(), confidence=agent.confidence)
