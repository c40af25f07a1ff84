"""Candidate action items, taken from what responders said.

Recognised: ``action item: ...``, ``AI: ...``, ``TODO: ...``, ``follow-up: ...``;
"we should / we need to / let's" followed by a follow-up verb ("add", "create",
"document", "automate"...); and a commitment "I'll add / create / document ...".
"Let's roll back" is an action in the moment, not a follow-up, so its verb is not on
the list.

Owner: the speaker when they commit ("I'll", "I will"), the participant named in
"assign to X" / "owner: X", or the person who takes it on in the next few messages
of the same channel ("I'll take that", "I'll own it"); otherwise None, for the review
to fill. Names are the participant's fullest form. Due: always None.
A proposal repeated in chat and on the call is one item citing both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from pir_ai.draft._offline.people import participants
from pir_ai.events import Event
from pir_ai.facts import is_human, sentences
from pir_ai.postmortem import ActionItem, ActionType

MIN_ACTION_CHARS = 8
MAX_EVIDENCE = 5
_FOLLOW_UP_VERBS = (
    r"add|create|write|file|set up|document|automate|build|introduce|require|enforce|alert"
    r"|monitor|test|gate|block|validate|make sure|ensure|update|track|review|improve|limit"
    r"|cap|lint|version|pin|tune"
)
_MARKED = re.compile(
    r"(?:\b(?i:action items?|todo|follow[- ]?ups?)|\bAI)\s*[:\-–]\s*(?P<text>\S.+)"
)
_PROPOSED = re.compile(
    rf"\b(?:we should(?! have)|we need to|we must|we ought to|let'?s|we'?ll want to)\s+"
    rf"(?:also\s+|probably\s+|really\s+)?(?P<text>(?:{_FOLLOW_UP_VERBS})\b.+)",
    re.IGNORECASE,
)
_COMMITTED = re.compile(
    r"\bI(?:'ll| will)\s+(?P<text>(?:add|create|document|set up|build|file|automate|write down)"
    r"\b(?!\s+(?:it|that|this|them)\b).+)",
    re.IGNORECASE,
)
_TAKES_IT = re.compile(
    r"\bI(?:'ll| will| can)\s+(?:take|own|do|handle|pick up)\s+(?:that|this|it)\b", re.IGNORECASE
)
TAKE_WINDOW = timedelta(minutes=3)
TAKE_LOOKAHEAD = 20
"""At most this many following events are read for someone taking an item on."""
SAME_ITEM_OVERLAP = 0.6
_STOPWORDS = frozenset(
    re.findall(
        r"[a-z]+",
        "a an the to of for in on at and or it its is are be we our before after into with by"
        " they go",
    )
)
_IN_THE_MOMENT = re.compile(r"\b(right now|for now|asap|immediately)\b", re.IGNORECASE)
_SELF_OWNED = re.compile(r"\bI(?:'ll| will| can take)\b", re.IGNORECASE)
_NAMED_OWNER = re.compile(
    r"\b(?:assign(?:ed)?(?: it| this)? to|owner:)\s*@?(?P<name>[\w.'-]+(?: [\w.'-]+)?)",
    re.IGNORECASE,
)
_TYPES = (
    (ActionType.DETECT, r"alert\w*|monitor\w*|pag(e|ing)|dashboard|slo|synthetic|probe|detect"),
    (ActionType.PROCESS, r"runbook|process|checklist|on-?call|status ?page|communicat\w*|train"),
    (ActionType.MITIGATE, r"roll-?back|fail-?over|circuit|rate limit|kill ?switch|feature flag"),
)


def _clean(text: str) -> str:
    text = text.strip().rstrip(".!;,").strip()
    return text[:1].upper() + text[1:]


def _action_text(sentence: str) -> tuple[str, bool] | None:
    """The action and whether the speaker committed to it, or None."""
    marked = _MARKED.search(sentence)
    if marked:
        return _clean(marked.group("text")), False
    if _IN_THE_MOMENT.search(sentence):
        return None
    proposed = _PROPOSED.search(sentence)
    if proposed:
        return _clean(proposed.group("text")), False
    committed = _COMMITTED.search(sentence)
    if committed:
        return _clean(committed.group("text")), True
    return None


def _owner(event: Event, committed: bool, names: dict[str, str]) -> str | None:
    named = _NAMED_OWNER.search(event.text)
    if named:
        wanted = named.group("name").lower()
        for used, full in names.items():
            if (
                wanted in (used.lower(), full.lower())
                or wanted.split()[0] == full.lower().split()[0]
            ):
                return full
    if (committed or _SELF_OWNED.search(event.text)) and event.actor:
        return names.get(event.actor, event.actor)
    return None


def _taker(events: Sequence[Event], index: int, names: dict[str, str]) -> str | None:
    """Who takes on the proposal at ``events[index]`` in the next few messages, if anyone."""
    proposal = events[index]
    for position in range(index + 1, min(index + 1 + TAKE_LOOKAHEAD, len(events))):
        later = events[position]
        if later.ts - proposal.ts > TAKE_WINDOW:
            break
        if later.channel == proposal.channel and is_human(later) and _TAKES_IT.search(later.text):
            return names.get(later.actor or "", later.actor)
    return None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS}


def _same_item(a: str, b: str) -> bool:
    left, right = _content_words(a), _content_words(b)
    if not left or not right:
        return False
    return len(left & right) / min(len(left), len(right)) >= SAME_ITEM_OVERLAP


def _type(text: str) -> ActionType:
    for action_type, words in _TYPES:
        if re.search(rf"\b({words})\b", text, re.IGNORECASE):
            return action_type
    return ActionType.PREVENT


def action_items(events: Sequence[Event]) -> list[ActionItem]:
    """Follow-ups responders proposed, once each, citing every message that proposed them."""
    names = participants(events)
    items: list[ActionItem] = []
    for index, event in enumerate(events):
        if not is_human(event):
            continue
        for sentence in sentences(event.text):
            found = None if sentence.endswith("?") else _action_text(sentence)
            if found is None or len(found[0]) < MIN_ACTION_CHARS:
                continue
            text, committed = found
            owner = _owner(event, committed, names) or _taker(events, index, names)
            same = next((item for item in items if _same_item(item.text, text)), None)
            if same is None:
                items.append(
                    ActionItem(text=text, owner=owner, type=_type(text), evidence=[event.id])
                )
            elif len(same.evidence) < MAX_EVIDENCE and event.id not in same.evidence:
                same.evidence.append(event.id)
                same.owner = same.owner or owner
    return items
