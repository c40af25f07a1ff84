"""Reading an action item's wording: its leading verb and whether it has a verifiable end.

An item has a *verifiable end state* when it names a number or threshold, a concrete
artefact, an enumerated scope, a deliverable or a verification clause (LINT.md §3.4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pir_ai.lint._lexicons import words

_I = re.IGNORECASE

WEAK_VERBS = words(
    """investigate look explore consider evaluate assess revisit discuss think follow check
    double-check determine understand figure work address enhance strengthen harden optimize
    optimise try research analyze analyse brainstorm dig examine study clarify reconsider
    talk sync align socialize socialise prioritize prioritise""",
)
QUALIFIED_VERBS = words(
    """reduce increase improve update fix scale tune document audit review clean refactor
    revise rework streamline simplify ensure make raise lower speed expand extend standardize
    standardise formalize formalise communicate share educate revamp overhaul upgrade
    test validate verify""",
)
UNBOUNDED_VERBS = words("monitor keep continue maintain watch track observe")
CHANGE_VERBS = words(
    """add remove delete deploy roll change set configure enable disable turn replace migrate
    rotate pin upgrade cap restrict revoke split archive decommission write publish create
    backfill implement introduce build automate block require enforce route move switch bump
    limit schedule install patch rename drop deprecate retire shard provision"""
)
"""Verbs of a verifiable change: they pass when their object is specific."""
AMOUNT_WORDS = words(
    """better more improved additional further increased enhanced stronger clearer faster safer
    quicker tighter stricter smarter simpler easier fewer less greater broader wider earlier
    reduced proper"""
)
"""An item that starts with one of these has no verb: "Better documentation for X"."""
QUALITY_NOUNS = words(
    """communication coordination collaboration awareness ownership accountability visibility
    observability resilience reliability stability robustness hygiene discipline rigour rigor
    alignment culture"""
)
"""A quality, not a change: "Communication between SRE and data during incidents"."""
CHANGE_NOUNS = words(
    """improvements enhancements updates changes fixes tweaks adjustments cleanup hardening
    alerting monitoring logging documentation tooling onboarding"""
)
"""Nouns that stand in for a change: "Improvements to checkout alerting"."""
ITEM_VERBS = WEAK_VERBS | QUALIFIED_VERBS | UNBOUNDED_VERBS | CHANGE_VERBS
_NOUN_LINKS = words("to for of on around in across at")

_PREFIX = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s*)?(?:\d+[.)]\s*)?(?:(?:todo|action(?:\s+item)?|ai|follow-?up)"
    r"\s*[:\-]\s*)?(?:(?:we|i|you|they|the\s+team|someone)\s+(?:should|need\s+to|needs\s+to|will"
    r"|must|can|could|have\s+to|want\s+to|plan\s+to)\s+|(?:should|need\s+to|let's|lets|please"
    r"|must|to)\s+|(?:(?:we|i|the\s+team)\s+)?need\s+(?!to\b))?",
    _I,
)
_FOREVER = re.compile(
    r"\b(?:going\s+forward|moving\s+forward|from\s+now\s+on|from\s+here\s+on(?:\s+out)?"
    r"|in\s+(?:the\s+)?future|henceforth|from\s+this\s+point\s+on)\b[,:]?\s*",
    _I,
)
"""Adverbials that make an item apply forever; they open many standing instructions."""
_NUMBER = re.compile(
    r"(?<![\w.#/-])(?<!http\s)(?<!status\s)(?![1-5]xx|[1-5]\d\ds\b|[1-5]\d\d\s+(?:errors?|responses?))\d"
    r"|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|twice|half|double)\b(?!-)",
    _I,
)
"""A count, amount or threshold: not a digit inside a name (p99, worker-7, OPS-12, 502s)."""
_ARTIFACT = re.compile(
    r"`[^`]+`|\"[^\"]+\"|“[^”]+”|https?://|\b[A-Z][A-Z0-9]+-\d+\b|#\d+|\b\w+[_./]\w+"
    r"|(?<![\w-])--?[a-z][\w-]+|\b(?!(?:on-call|follow-up|read-only|end-to-end|up-to-date|long-term"
    r"|short-term|real-time|self-service|built-in|opt-in|opt-out|sign-off|re-run|double-check"
    r"|high-level|low-level|day-to-day|one-off|non-production|e-mail|well-known|so-called)\b)"
    r"[a-z0-9]+-[a-z0-9][\w-]*"
    r"|\b[a-z]+[A-Z]\w*|\b[A-Z][a-z]+[A-Z]\w*|\s(?!I\b)[A-Z]{2,}\b|\s[A-Z][a-z]{2,}\b"
    r"|\b[A-Za-z]+\d[\w.]*|\b[1-5](?:\d\d|xx)s?\b"
)
_SCOPE = re.compile(
    r"(?<!before\s)(?<!after\s)(?<!during\s)(?<!per\s)(?<!on\s)(?<!at\s)\b(?:all|each|every|both)"
    r"\s+(?:\d+\s+)?(?:of\s+)?(?:the\s+|our\s+)?(?!(?:day|week|month|quarter|year|sprint|release"
    r"|deploy|deployment|shift|time|night|run|incident|cycle)s?\b)\w+|\b\w+,\s+\w+,?\s+"
    r"(?:and|or)\s+\w+",
    _I,
)
"""An enumerated scope ("all 12 shards", "each broker"); a cadence ("before each release")
is not one."""
_VERIFIABLE = re.compile(
    r"\b(?:verify|verified|confirm|confirmed|so\s+that|such\s+that|until|fails?\s+the\s+build"
    r"|(?:alert|page|pages|paging|alerts|notify|warn|block|blocks|reject|rejects|fail|fails)\s+"
    r"(?:(?:\w+\s+)?(?:when|if|on|whenever|before|after)|(?:[\w-]+\s+){2}(?:when|if|whenever))"
    r"|covered\s+by|with\s+an?\s+(?:test|check)"
    r"|test\s+that|assert|publish(?:ed)?|write\s+up|written|produce|present|report\s+(?:back|to"
    r"|in)|decide|decision|(?:a|an|the)\s+(?:report|doc|document|proposal|rfc|design\s+doc"
    r"|summary|plan|recommendation|list|go/no-go|postmortem|ticket|adr)\b|findings"
    r"|(?:record|document|log|note|capture|summari[sz]e)\s+(?:the|our|its|a)\s+(?:\w+\s+)?"
    r"(?:finding|result|conclusion|root\s+cause|cause|answer)s?\s+(?:in|on|to)\s"
    r"|(?:write|post"
    r"|publish|attach|file|share|produce|present|send|record|draft|prepare|deliver)\s+(?:a|an|the"
    r"|our)\s+(?:[\w/-]+\s+){0,3}?(?:report|analysis|write-?up|summary|recommendation|proposal|rfc"
    r"|doc|document|memo|plan|adr|ticket|results?|profile|timeline)|by\s+"
    r"(?:adding|moving|removing|setting|enabling|disabling|replacing|caching|limiting|requiring)"
    r"|instead\s+of|rather\s+than|from\s+\S+\s+to\s+\S+|to\s+(?:at\s+(?:least|most)|under|below"
    r"|above|over|within))\b",
    _I,
)
_GENERIC_OBJECT = re.compile(
    r"^(?:the\s+|an?\s+|new\s+|our\s+|some\s+|more\s+|better\s+|additional\s+|extra\s+|proper\s+|enough\s+"
    r"|further\s+|general\s+|overall\s+|any\s+|all\s+)*(?:tests?|testing|monitoring|alerting"
    r"|alerts?|logging|logs|metrics|documentation|docs|checks|validation|coverage|visibility"
    r"|observability|safeguards|guardrails|issue|issues|problem|problems|bug|fix|runbooks?"
    r"|dashboards?|panels?|alarms?|checklists?|playbooks?"
    r"|process|processes|system|systems|things|stuff|learnings|dependencies|everything|it|this"
    r"|that|communication|training|reliability|resilience|stability|performance|quality"
    r"|security|tooling|automation|procedures?|situation|incident|outage|code|config"
    r"|configuration|setup|infrastructure|service|services)"
    r"(?:\s+(?:for\s+(?:this|it|the\s+(?:service|system|issue|incident))|in\s+general"
    r"|where\s+possible|as\s+needed|around\s+(?:this|it)))?\s*[.!]?$",
    _I,
)
_NO_MECHANISM = re.compile(
    r"\b(?:(?:doesn't|does\s+not|won't|will\s+not|never|can't|cannot)\s+(?:happen|occur|recur)"
    r"(?:\s+again)?|prevent\s+(?:this|it|similar\s+\w+|recurrence|a\s+repeat|future\s+\w+)"
    r"|(?:avoid|prevent)\s+(?:this|similar\s+\w+)\s+in\s+the\s+future)\b",
    _I,
)
_COMPARATIVE = re.compile(
    r"\b(?:better|faster|safer|easier|more\s+\w+|less\s+\w+|robust|resilient|reliable"
    r"|smoother|quicker|stronger|cleaner)\b|\b\w{3,}er[.!]?$",
    _I,
)
_VAGUE_AMOUNT = re.compile(
    r"^(?:more|better|additional|extra|some|proper|enough|improved|further)\s+(?:\w+\s+)?"
    r"(?:tests?|testing|monitoring|alerting|alerts|logging|logs|metrics|documentation|docs"
    r"|checks|validation|coverage|visibility|observability|safeguards|guardrails|automation"
    r"|tooling|training|dashboards?)\b",
    _I,
)
_BEHAVIORAL = re.compile(
    r"\b(?:be\s+(?:more\s+|extra\s+)?(?:careful|mindful|vigilant|aware|cautious|diligent|attentive"
    r"|thorough)|^be\s+(?:more|extra|better|less)\s+\w+|pay\s+(?:more\s+|closer\s+|extra\s+)?attention|remind(?:er)?s?\s|retrain|train"
    r"\s+\w+(?:\s+\w+)?\s+(?:not\s+)?to\b|make\s+sure\s+(?:that\s+)?(?:the\s+|all\s+|our\s+)?"
    r"(?:engineers?|people|everyone|on-?call(?:ers?)?|responders?|reviewers?"
    r"|we|team|devs|developers|operators|folks|you|they|staff)"
    r"|communicate\s+better|raise\s+awareness|encourage|ask\s+(?:engineers|people|everyone"
    r"|the\s+team|devs|developers)\s+to|remember\s+to|take\s+(?:more\s+)?care|think\s+twice"
    r"|double-check\s+(?:before|manually)|^(?:don't|do\s+not|never|stop|avoid)\s+\w+"
    r"|^(?:train|coach|upskill|teach)\s+(?:new\s+|all\s+|the\s+|our\s+|every\s+)*(?:joiners?"
    r"|hires?|starters?|engineers?|staff|people|everyone|developers?|devs|responders?|on-?call"
    r"|on-?callers?|team|teams|operators?|reviewers?|newcomers?)\b"
    r"|educate|learn\s+from|share\s+(?:the\s+)?(?:learnings|lessons)|be\s+reminded|tell\s+"
    r"(?:engineers|people|everyone|the\s+team|devs|developers)\b)",
    _I | re.M,
)
_UNBOUNDED = re.compile(
    r"\b(?:going\s+forward|from\s+now\s+on|moving\s+forward|in\s+the\s+future|on\s+an\s+ongoing"
    r"\s+basis|ongoing|regularly|periodically|continuously|continually|constantly|always"
    r"|keep\s+(?:an\s+eye|watching|track|tabs|monitoring|checking|in\s+mind)|continue\s+to"
    r"|stay\s+(?:alert|on\s+top)|as\s+needed|when\s+possible|where\s+possible)\b",
    _I,
)
_CADENCE = re.compile(
    r"\b(?:every\s+\w+|daily|weekly|monthly|quarterly|nightly|hourly|annually|each\s+\w+)\b", _I
)


@dataclass(frozen=True, slots=True)
class ItemWording:
    """What the wording of one action item says about its verifiability."""

    body: str
    body_start: int
    verb: str
    verb_end: int
    obj: str
    has_number: bool
    has_artifact: bool
    has_scope: bool
    has_verification: bool
    generic_object: bool
    comparative: bool
    no_mechanism: bool
    quality_lead: bool = False
    """Led by a quality, not a verb: "Better alerting for X", "Ownership of the cron jobs"."""
    nominal_lead: bool = False
    """Led by a noun standing in for a change: "Improvements to checkout alerting"."""
    forever: str = ""
    """The "going forward" / "from now on" wording, if the item has it."""

    @property
    def bounded(self) -> bool:
        """A deliverable, a number or an enumerated scope bounds even a weak verb."""
        return self.has_number or self.has_scope or self.has_verification

    @property
    def specific(self) -> bool:
        """Bounded, or names a concrete artefact."""
        return self.bounded or self.has_artifact


@lru_cache(maxsize=512)
def read_item(text: str) -> ItemWording:
    """Split off list markers and "we should", then classify the rest."""
    prefix = _PREFIX.match(text)
    start = prefix.end() if prefix else 0
    forever = _FOREVER.search(text)
    if forever and forever.start() == start:  # "Going forward, we should test ..."
        again = _PREFIX.match(text[forever.end() :])
        start = forever.end() + (again.end() if again else 0)
    body = text[start:].strip()
    words = body.split()
    lead = words[0].lower().strip(",.:;") if words else ""
    nxt = words[1].lower() if len(words) > 1 else ""
    verb = lead
    if verb.endswith("s") and verb[:-1] in WEAK_VERBS | QUALIFIED_VERBS | UNBOUNDED_VERBS:
        verb = verb[:-1]
    verbal = lead in ITEM_VERBS or lead[:-1] in ITEM_VERBS or lead[:-2] in ITEM_VERBS
    nominal = lead in CHANGE_NOUNS and (not verbal or nxt in _NOUN_LINKS or not nxt)
    obj = " ".join(words[1:])
    obj = re.sub(r"^(?:into|at|up(?:\s+on)?|about|out|on|with|through|over)\s+", "", obj, flags=_I)
    rest = " " + obj
    return ItemWording(
        body=body,
        body_start=start + (len(text[start:]) - len(text[start:].lstrip())),
        verb=verb,
        verb_end=len(words[0]) if words else 0,
        obj=obj,
        has_number=bool(_NUMBER.search(body)),
        has_artifact=bool(_ARTIFACT.search(rest)),
        has_scope=bool(_SCOPE.search(body)),
        has_verification=bool(_VERIFIABLE.search(body)),
        generic_object=bool(_GENERIC_OBJECT.match(obj.strip()) or _VAGUE_AMOUNT.match(obj.strip())),
        comparative=bool(_COMPARATIVE.search(obj)),
        no_mechanism=bool(_NO_MECHANISM.search(body)),
        quality_lead=lead in AMOUNT_WORDS or lead in QUALITY_NOUNS,
        nominal_lead=nominal,
        forever=forever.group(0).strip(" ,:") if forever else "",
    )


def behavioral_span(text: str) -> tuple[int, int] | None:
    """Where the item relies on human vigilance, if it does (offsets in ``text``)."""
    wording = read_item(text)
    m = _BEHAVIORAL.search(wording.body)
    return (wording.body_start + m.start(), wording.body_start + m.end()) if m else None


_FUNCTION_WORDS = words(
    "the a an our their its this that these those of for to in on at by with from and or "
    "into about all any some"
)


def content_words(text: str) -> int:
    """How many words of ``text`` are not articles, prepositions or conjunctions."""
    return sum(1 for w in re.findall(r"[\w-]+", text.lower()) if w not in _FUNCTION_WORDS)


def unbounded_span(text: str) -> re.Match[str] | None:
    """Where the item is open-ended ("going forward", "keep an eye on"), if it is."""
    return _UNBOUNDED.search(text)


def has_cadence(text: str) -> bool:
    """A stated cadence ("every quarter", "weekly") bounds a recurring task."""
    return _CADENCE.search(text) is not None
