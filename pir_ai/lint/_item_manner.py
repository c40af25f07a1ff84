"""Vague manner and quantity words in an action item: "some", "sensible", "appropriately".

A concrete verb ("add", "configure", "scale") names a change, but "Add some alerts",
"Configure sensible timeouts" and "Scale the cluster appropriately" leave the size of the
change to whoever picks the item up: the reader cannot tell when it is done. Such a word
voids the verb unless the item states a measurable target (a number or threshold) or a
verification clause; a named place says where, not how much.
"""

from __future__ import annotations

import re

from pir_ai.lint._item_text import ItemWording

_I = re.IGNORECASE

_VAGUE_MANNER = re.compile(
    r"\b(?:some\s+(?!of\b|time\b)[a-z][\w-]*|sensible|reasonable|appropriate(?:ly)?"
    r"|adequate(?:ly)?|sufficient(?:ly)?|proper(?:ly)?|suitabl[ey]|decent|optimal(?:ly)?"
    r"|(?:behaves?|works?|performs?|handles?\s+\w+|scales?)\s+better|better\s+(?:under|at|with)"
    r"|(?:a\s+)?more\s+(?:reliable|robust|resilient|sensible|appropriate|scalable|stable"
    r"|mature)|stricter|tighter|looser|saner|where(?:ver)?\s+(?:it\s+(?:is\s+)?)?(?:makes\s+sense"
    r"|possible|appropriate|needed|applicable|relevant|useful|it\s+matters)"
    r"|at\s+some\s+point|one\s+of\s+these\s+days|eventually|somehow|as\s+(?:needed|appropriate"
    r"|required|necessary)|when(?:ever)?\s+(?:possible|we\s+can|time\s+(?:permits|allows))"
    r"|if\s+(?:possible|needed|time\s+permits)|when\s+we\s+get\s+(?:a\s+chance|time)"
    r"|the\s+right\s+(?:people|person|folks|way|places?|things?|teams?|values?|settings?))\b",
    _I,
)
"""Words that leave the size or reach of a change open; "stricter than 2 MB" is bounded by
the number, not by this list."""

_CAPABILITY = re.compile(
    r"^(?:more\s+|extra\s+|additional\s+|basic\s+)?(?:logging|logs|monitoring|alerting|alerts"
    r"|metrics|tracing|traces|tests|testing|dashboards|observability|validation|instrumentation"
    r"|error\s+handling|documentation|docs|retries|timeouts|rate\s+limiting|health\s+checks)"
    r"\s+(?:to|for|on|around|in|across|into|at)\s+(?:the\s+|our\s+|all\s+)?[\w\s-]{1,40}?"
    r"(?:service|services|queue|jobs?|api|pipeline|cluster|database|db|workers?|app"
    r"|application|system|endpoints?|consumers?|servers?)[.!]?$",
    _I,
)
"""A capability named only by where it goes: "Add logging to the auth service" says where,
not which signal, threshold or behaviour."""


def vague_manner(wording: ItemWording) -> re.Match[str] | None:
    """The word that leaves the change open-ended, unless a target or check bounds it."""
    if wording.has_number or wording.has_verification:
        return None
    return _VAGUE_MANNER.search(wording.body)


def place_only_capability(wording: ItemWording) -> bool:
    """The object is a bare capability plus a place ("logging to the auth service")."""
    return not wording.bounded and _CAPABILITY.match(wording.obj.strip()) is not None
