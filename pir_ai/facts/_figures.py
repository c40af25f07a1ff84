"""Impact figures people stated, each with the sentence and the event that states it.

Only numbers with a unit or an object: "38%", "1,240 checkouts failed", "$12k",
"p99 4.2s", "down for 40 minutes", "260 in total". A bare number, a clock time, a
date, a version, an id or a ticket number never matches: each pattern needs its unit
and refuses a number glued to ``#``, ``:``, ``.``, ``/``, ``-`` or a letter. The
value is the figure as written ("1,240", "2.3M", "46 minutes"); what it counts goes
to the measure. Questions, settings ("timeout is 2s") and plans ("email to 80k
customers is scheduled") are not impact and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pir_ai.events import Event
from pir_ai.facts._signals import is_human
from pir_ai.postmortem import ImpactFigure

MAX_EVIDENCE = 3
_NUM = r"(?<![\w.#:/$€£-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_COUNT = rf"(?<!\bin )(?<!\bof )(?P<value>{_NUM}(?:\s?(?-i:[kKM])\b)?\+?)"
_NOUNS = (
    r"users|customers|requests|orders|checkouts|transactions|payments|sessions|merchants"
    r"|tickets|chats|complaints|errors|calls|carts|purchases|accounts|logins|signups|searches"
    r"|uploads|downloads|messages|emails|deliveries|shipments|bookings|reviews|5xx|500s"
)
_NOT_COUNTED = (
    r"pods|nodes|replicas|regions|zones|azs|minutes|mins|hours|hrs|seconds|secs|days|weeks"
    r"|times|products|connections|instances|shards|brokers|servers|hosts|workers|threads"
    r"|retries|bytes|rps|percent|cores|gb|mb"
)
_LINKING = r"(?:of|in|for|per|to|from|at|by|on|with|and|or)"
_IMPACT_WORDS = r"rejected|fail\w*|late|delayed|lost|affected|impacted|dropped|stuck|held"


@dataclass(frozen=True)
class _FigureRule:
    """A figure pattern (group ``value``; ``noun`` for counts) and the measure it gives."""

    pattern: re.Pattern[str]
    measure: str
    context: re.Pattern[str] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_RULES = (
    _FigureRule(
        _rx(r"(?P<value>[$€£]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|thousand)?)\b"), "money"
    ),
    _FigureRule(_rx(rf"(?P<value>{_NUM}\s?(?:k|m)?\s?(?:usd|eur|gbp|dollars|euros))\b"), "money"),
    _FigureRule(
        _rx(rf"(?P<value>{_NUM}\s?k?\s?(?:req|requests|errors)\s?/\s?(?:s|sec|min))\b"), "rate"
    ),
    _FigureRule(_rx(rf"(?P<value>{_NUM}\s?%)"), "percentage"),
    _FigureRule(
        _rx(rf"{_COUNT}\s+(?:(?!{_LINKING}\b)(?P<adj>[a-z-]+)\s+)?(?P<noun>{_NOUNS})\b"), "count"
    ),
    _FigureRule(
        _rx(rf"{_COUNT}\s+(?!(?:{_NOT_COUNTED})\b)(?P<noun>[a-z]{{3,}}s)\b"),
        "count",
        _rx(rf"\b({_IMPACT_WORDS})\b"),
    ),
    _FigureRule(_rx(rf"{_COUNT}\s+(?:in total|so far)\b"), "total"),
    _FigureRule(
        _rx(rf"(?P<value>{_NUM}\s?(?:ms|milliseconds|s|secs?|seconds))\b"),
        "latency",
        _rx(r"\b(latency|p\d\d|response times?|slow|timeouts?)\b"),
    ),
    _FigureRule(
        _rx(rf"(?P<value>{_NUM}\s?(?:h\s?\d+\s?m(?:in)?|minutes|mins?|hours|hrs?))\b"),
        "duration",
        _rx(
            r"\b(outage|down|lasted|impact\w*|degraded|unavailable|failing|broken|fail\w*|delay\w*"
            r"|late|lost|revenue)\b"
        ),
    ),
)
_PERCENT_MEASURES = (
    ("error rate", r"error[- ]rate|5xx|5\d\d|errors?|failure rate"),
    ("success rate", r"success rate|availability"),
    ("conversion", r"conversion"),
    ("timeouts", r"time ?outs?"),
    ("latency", r"latency|p\d\d"),
    ("failed requests", r"fail\w*"),
    ("traffic", r"traffic"),
    ("resource usage (context, not impact)", r"cpu|memory|disk|canary|rollout|rolled out"),
)
_NOT_IMPACT = "resource usage (context, not impact)"
_OUTCOME = _rx(rf"\s+({_IMPACT_WORDS}|shipped late)\b")
_SETTING = _rx(r"\b(timeout|threshold|limit|max|min|interval)\s*(is|=|:|of|at|->)")
"""A sentence about a setting ("pool timeout is 2s") states configuration, not impact."""
_PLAN = _rx(r"\b(scheduled|planned|staging|load test|budget|seed\w*|per (pod|node))\b")
"""A sentence about a plan or a test environment states no impact."""
HEADLINE = _rx(r"\b(peak\w*|in total|total|failed|affected|impacted|lost|impact)\b")
"""Words marking a figure as a headline of the impact rather than a reading along the way."""
_CODE = re.compile(r"`[^`]*`")
"""Code spans quote queries and logs ("product_id = $1"): their numbers are not impact."""
_OF_OBJECT = _rx(r"^\s*of\s+(?:(?:all|the|our)\s+)?([a-z][a-z -]{2,30}?)(?=[\s,.;:!)]|$)")


def sentences(text: str) -> list[str]:
    """Split a message into sentences, keeping line breaks as boundaries."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _percent_measure(sentence: str, end: int) -> str:
    following = _OF_OBJECT.match(sentence[end:])
    if following:
        return f"share of {following.group(1).strip()}"
    lowered = sentence.lower()
    for measure, words in _PERCENT_MEASURES:
        if re.search(rf"\b({words})\b", lowered):
            return measure
    return "percentage"


def _measure(rule: _FigureRule, sentence: str, match: re.Match[str]) -> str:
    if rule.measure == "percentage":
        return _percent_measure(sentence, match.end())
    if rule.measure == "count":
        groups = match.groupdict()
        noun = " ".join(w for w in (groups.get("adj"), groups["noun"]) if w)
        outcome = _OUTCOME.match(sentence[match.end() :])
        return f"{noun} {outcome.group(1).lower()}" if outcome else noun
    if rule.measure == "total":
        before = sentence[: match.start()].rstrip(" :,-").split(",")[-1].strip()
        return f"total ({before[-40:]})" if before else "total"
    return rule.measure


def _figures_in(sentence: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if _SETTING.search(sentence) or _PLAN.search(sentence):
        return found
    sentence = _CODE.sub(" ", sentence)
    taken: list[tuple[int, int]] = []
    for rule in _RULES:
        if rule.context is not None and not rule.context.search(sentence):
            continue
        for match in rule.pattern.finditer(sentence):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            measure = _measure(rule, sentence, match)
            if measure == _NOT_IMPACT:
                continue
            taken.append(span)
            found.append((match.group("value").strip(), measure))
    return found


def states_figure(text: str) -> bool:
    """True when a sentence of ``text`` (not a question) states an impact figure."""
    return any(not s.endswith("?") and _figures_in(s) for s in sentences(text))


def stated_figures(events: Sequence[Event], *, since: datetime | None = None) -> list[ImpactFigure]:
    """Impact figures people stated (from ``since`` on), first statement first, repeats
    adding evidence."""
    figures: dict[tuple[str, str], ImpactFigure] = {}
    for event in events:
        if not is_human(event) or (since is not None and event.ts < since):
            continue
        for sentence in sentences(event.text):
            if sentence.endswith("?"):
                continue
            for value, measure in _figures_in(sentence):
                key = (re.sub(r"\s+", "", value.lower()), measure)
                figure = figures.get(key)
                if figure is None:
                    figures[key] = ImpactFigure(
                        value=value, measure=measure, text=sentence, evidence=[event.id]
                    )
                elif len(figure.evidence) < MAX_EVIDENCE and event.id not in figure.evidence:
                    figure.evidence.append(event.id)
    return list(figures.values())
