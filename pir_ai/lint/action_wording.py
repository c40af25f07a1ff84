"""Action-item wording rules: is the item a bounded, verifiable change?

Verb lists are a weak signal (Google's good example uses "Audit" and "Review"), so a weak
verb is only reported when nothing bounds the item (LINT.md §3.1, §3.4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pir_ai.findings import Category, Severity
from pir_ai.lint.action_items import ItemInput
from pir_ai.lint.context import LintContext
from pir_ai.lint.item_text import (
    AMOUNT_WORDS,
    CHANGE_VERBS,
    QUALIFIED_VERBS,
    UNBOUNDED_VERBS,
    WEAK_VERBS,
    behavioral_span,
    content_words,
    has_cadence,
    read_item,
    unbounded_span,
)
from pir_ai.lint.lexicons import words
from pir_ai.lint.registry import Hit, Kind, rule

_I = re.IGNORECASE
_F = {"owner": "Priya", "due": "2025-06-13", "priority": "P1"}


def _full(item: ItemInput) -> str:
    return item.text if not item.outcome else f"{item.text} {item.outcome}"


@rule(
    "PIR301",
    "weak-verb",
    Category.ACTION_ITEM,
    Severity.WARNING,
    Kind.ITEM,
    message="Action item leads with '{m}', which has no finish line.",
    suggestion="Lead with a verifiable change and its end state: 'Add a cache-miss-rate alert "
    "at >30% for 10 min, routed to the platform on-call.'",
    fails=(
        "Look into the cache misses.",
        "Investigate why the replica fell behind.",
        "Consider adding more capacity to the queue.",
        "Explore options for faster failover.",
    ),
    passes=(
        "Add a cache-miss-rate alert at >30% for 10 minutes.",
        "Investigate the 3 failed shard moves and publish findings in OPS-2231.",
        "Evaluate pgbouncer and PgCat and write a go/no-go recommendation.",
    ),
)
def weak_verb(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """A non-verifiable leading verb without a bounded deliverable.

    What it catches: investigate, look into, explore, consider, evaluate, assess, revisit,
    discuss, follow up, figure out, address, harden, optimise... when the item names no
    deliverable, number, enumerated scope or verification clause.
    Why: Google's action-item guidance: "Word each action item to indicate how to tell when
    it is finished". "Investigate monitoring for this scenario" never finishes.
    Example: "Look into the cache misses."
    Rewrite: "Add a cache-miss-rate panel and an alert at >30% for 10 min."
    """
    wording = read_item(_full(item))
    if (wording.verb in WEAK_VERBS or wording.verb in ctx.weak_verbs) and not wording.bounded:
        start = wording.body_start
        yield Hit(start, start + wording.verb_end)


@rule(
    "PIR306",
    "unmeasurable",
    Category.ACTION_ITEM,
    Severity.WARNING,
    Kind.ITEM,
    message="Action item has no verifiable end state ('{m}').",
    suggestion="Add a target, a named artefact or a scope: 'Reduce search p95 from 900 ms to "
    "under 400 ms; verify on the SLO dashboard.'",
    fails=(
        "Improve monitoring.",
        "Reduce search latency.",
        "Update the runbook.",
        "Add more tests.",
        "Make deploys safer.",
        "Fix the issue.",
        "Better documentation for the failover.",
        "Ensure this doesn't happen again.",
    ),
    passes=(
        "Prevent a repeat by rejecting pool sizes below 100 in the config schema.",
        "Reduce search p95 from 900 ms to under 400 ms by caching facet counts.",
        "Update the `payments-db` runbook with the replica promotion command.",
        "Add a retry with exponential backoff to the webhook sender.",
        "Remove the /v1/export endpoint.",
    ),
)
def unmeasurable(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """No measurable outcome: a bare comparative, a generic object, an unqualified "improve".

    What it catches: "improve / reduce / update / fix / document / review" with no target,
    artefact or scope; change verbs with a generic object ("add more tests", "add
    monitoring"); "make X better / faster / more robust".
    Why: the SRE workbook: "ambiguous phrases like 'Improve' and 'Make better' make it
    difficult to measure and understand success criteria".
    Example: "Reduce search latency."
    Rewrite: "Reduce search p95 from 900 ms to under 400 ms by caching facet counts."
    """
    text = _full(item)
    wording = read_item(text)
    if wording.verb in WEAK_VERBS or wording.verb in UNBOUNDED_VERBS or not wording.body:
        return
    vague = False
    if wording.no_mechanism or wording.verb in AMOUNT_WORDS:
        vague = not wording.specific
    elif wording.verb == "make":
        vague = wording.comparative and not wording.specific
    elif wording.verb in QUALIFIED_VERBS:
        vague = not wording.specific and (wording.generic_object or content_words(wording.obj) < 4)
    elif wording.verb in CHANGE_VERBS and wording.generic_object:
        vague = not wording.specific
    if vague:
        yield Hit(wording.body_start, wording.body_start + len(wording.body.rstrip(".")))


@rule(
    "PIR307",
    "unbounded",
    Category.ACTION_ITEM,
    Severity.WARNING,
    Kind.ITEM,
    message="Open-ended action item ('{m}'): it never ends.",
    suggestion="Turn the watching into a mechanism: 'Add a consumer-lag alert on the events "
    "topic at >10k messages for 5 min.'",
    fails=(
        "Monitor the events-topic lag.",
        "Keep an eye on disk usage going forward.",
        "Continue to watch error rates after deploys.",
        "Regularly review the alert rules.",
    ),
    passes=(
        "Add a monitor for events-topic lag at >10k messages for 5 minutes.",
        "Review the alert rules every quarter and file a ticket per stale rule.",
        "Page the on-call when disk usage exceeds 85% on any broker.",
    ),
)
def unbounded(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """Ongoing or continuous wording: monitor, keep an eye on, going forward, regularly.

    What it catches: items led by monitor / keep / continue / maintain / watch, or that say
    going forward, from now on, regularly, continuously. "Add a monitor" passes: the
    noun is fine, the activity is not.
    Why: Google's "bounded": an item must say how to tell when it is finished.
    Example: "Keep watching the events-topic lag."
    Rewrite: "Add a consumer-lag alert on the events topic at >10k messages for 5 min."
    """
    text = _full(item)
    wording = read_item(text)
    if wording.verb in UNBOUNDED_VERBS and not (wording.has_number or wording.has_verification):
        yield Hit(wording.body_start, wording.body_start + wording.verb_end)
        return
    m = unbounded_span(text)
    if m and not has_cadence(text) and wording.verb not in UNBOUNDED_VERBS:
        yield Hit(m.start(), m.end())


@rule(
    "PIR308",
    "behavioral",
    Category.ACTION_ITEM,
    Severity.WARNING,
    Kind.ITEM,
    message="Action item relies on human vigilance ('{m}').",
    suggestion="Replace the reminder with a guardrail or automation: 'Require hardware-key "
    "MFA for production role assumption.'",
    fails=(
        "Be more careful when running migrations.",
        "Remind engineers to check the region.",
        "Make sure the on-call reads the runbook before failing over.",
        "Pay closer attention to deploy warnings.",
    ),
    passes=(
        "Require an explicit --region flag for production targets.",
        "Make sure the backup job fails the build when the checksum differs.",
    ),
)
def behavioral(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """Relies on people being careful: be careful, remind, train X not to, make sure engineers.

    What it catches: "be (more) careful", "pay attention", "remind", "train X not to",
    "make sure engineers/people/we ...", "communicate better", "raise awareness".
    Why: the SRE workbook: "trying to change human behavior is less reliable than changing
    automated systems and processes".
    Example: "Pay closer attention during deploys."
    Rewrite: "Block deploys while the change-freeze calendar has an active freeze."
    """
    span = behavioral_span(item.text)
    if span:
        yield Hit(*span)


_SECOND_ACTION = re.compile(
    r"(?:;\s*|,?\s+and\s+(?:also\s+)?|,\s+then\s+|\s+as\s+well\s+as\s+)(?P<verb>[a-z]+)\b"
)
_FOLLOW_THROUGH = words(
    """verify confirm test validate check document link notify announce alert page"""
)


@rule(
    "PIR310",
    "compound-item",
    Category.ACTION_ITEM,
    Severity.SUGGESTION,
    Kind.ITEM,
    message="Two actions in one item ('{m}'): they will finish at different times.",
    suggestion="Split into two items, each with its own owner and date.",
    fails=(
        "Add the lag alert and migrate the cluster to 3 brokers.",
        "Rotate the API keys; upgrade the ingress controller to 1.9.",
    ),
    passes=(
        "Add a lag alert at >10k messages and verify it pages in the staging drill.",
        "Move the cron job to the scheduler and document the new schedule.",
    ),
)
def compound(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """Two independent actions joined by "and" or ";".

    What it catches: "<change> X and <change> Y" with two change verbs. A change plus its
    verification or documentation ("... and verify ...") is one action.
    Why: items that bundle two changes close late or half-done.
    Example: "Add the alert and migrate the cluster."
    Rewrite: two items, "Add the alert ..." and "Migrate the cluster ...".
    """
    wording = read_item(item.text)
    if wording.verb not in CHANGE_VERBS | QUALIFIED_VERBS:
        return
    for m in _SECOND_ACTION.finditer(item.text, wording.body_start + wording.verb_end):
        verb = m.group("verb")
        if verb in CHANGE_VERBS and verb not in _FOLLOW_THROUGH:
            yield Hit(m.start("verb"), m.end("verb"))
            return
