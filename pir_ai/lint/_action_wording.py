"""Action-item wording rules: is the item a bounded, verifiable change?

Verb lists are a weak signal (Google's good example uses "Audit" and "Review"), so a weak
verb is only reported when nothing bounds the item (LINT.md §3.1, §3.4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pir_ai.findings import Category, Severity
from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._context import LintContext
from pir_ai.lint._item_manner import place_only_capability, vague_manner
from pir_ai.lint._item_text import (
    CHANGE_VERBS,
    QUALIFIED_VERBS,
    UNBOUNDED_VERBS,
    WEAK_VERBS,
    behavioral_span,
    content_words,
    read_item,
)
from pir_ai.lint._lexicons import words
from pir_ai.lint._registry import Hit, Kind, rule

_I = re.IGNORECASE
AMOUNT_VERBS = words("increase reduce decrease raise lower")


def full_text(item: ItemInput) -> str:
    """The item's wording with its outcome, as the wording rules read it."""
    return item.text if not item.outcome else f"{item.text} {item.outcome}"


_SYMPTOM_QUESTION = re.compile(r"(?:why|how|whether|what|when|where|which)\b", _I)


@rule(
    "PIR301",
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
        "Investigate the intermittent 503s from the gateway.",
        "Look into the p99 regression on worker-12.",
        "Work out why 3 of the 40 brokers dropped out of the ISR.",
    ),
    passes=(
        "Add a cache-miss-rate alert at >30% for 10 minutes.",
        "Investigate the 3 failed shard moves and publish findings in OPS-2231.",
        "Evaluate pgbouncer and PgCat and write a go/no-go recommendation.",
        "Investigate the p99 spike and write up the root cause in INC-123.",
    ),
)
def weak_verb(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """A non-verifiable leading verb without a bounded deliverable.

    What it catches: investigate, look into, explore, consider, evaluate, assess, revisit,
    discuss, follow up, figure out, address, harden, optimise... when the item names no
    deliverable, number, enumerated scope or verification clause. A digit inside a name
    is not a number here: "the 502s", "p99", "worker-12" and "OPS-7" say what to look at,
    not when the looking is done; "the 3 failed shard moves" does bound it. Nor is a number
    inside a why/how/whether clause: "why 3 of 40 brokers dropped out" describes the
    symptom. A cadence ("before each release") is not an enumerated scope.
    Why: Google's action-item guidance: "Word each action item to indicate how to tell when
    it is finished". "Investigate monitoring for this scenario" never finishes.
    Example: "Look into the cache misses."
    Rewrite: "Add a cache-miss-rate panel and an alert at >30% for 10 min."
    """
    wording = read_item(full_text(item))
    # A number inside "why/how/whether ..." describes the symptom ("why the job runs twice",
    # "why 3 of 40 brokers dropped out"), not when the looking is done.
    counted = wording.has_number and not _SYMPTOM_QUESTION.match(wording.obj)
    bounded = counted or wording.has_scope or wording.has_verification
    if (wording.verb in WEAK_VERBS or wording.verb in ctx.weak_verbs) and not bounded:
        start = wording.body_start
        yield Hit(start, start + wording.verb_end)


@rule(
    "PIR306",
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
        "Better communication between SRE and the data team during incidents.",
        "Clearer ownership of the cron jobs.",
        "Improvements to checkout alerting.",
        "Increase the replica count for `search-api`.",
        "Add some dashboards for the billing workers.",
        "Tune the JVM heap appropriately for the indexers.",
        "Add tracing to the checkout service.",
    ),
    passes=(
        "Prevent a repeat by rejecting pool sizes below 100 in the config schema.",
        "Reduce search p95 from 900 ms to under 400 ms by caching facet counts.",
        "Update the `payments-db` runbook with the replica promotion command.",
        "Add a retry with exponential backoff to the webhook sender.",
        "Remove the /v1/export endpoint.",
        "Faster rollback for checkout-api: under 5 minutes, verified in the quarterly drill.",
        "Alerting for `checkout-api` 5xx above 2% for 5 minutes.",
        "Lower the DNS TTL for api.example.com to 60 seconds.",
        "Configure client timeouts of 2 seconds across all services.",
        "Add request tracing to the checkout service and verify spans appear in staging.",
    ),
)
def unmeasurable(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """No measurable outcome: a bare comparative, a generic object, an unqualified "improve".

    What it catches: "improve / reduce / update / fix / document / review" with no target,
    artefact or scope; change verbs with a generic object ("add more tests", "add
    monitoring"); "make X better / faster / more robust"; items with no verb at all. An item
    led by a quality ("Better alerting for X", "Clearer ownership of Y", "Communication
    between A and B") needs a number, scope or verification clause: a named place says
    where, not how much. An item led by a noun standing in for a change ("Improvements to
    X", "Updates to the runbook", "Alerting for Y") is read like "add/change X": it needs a
    concrete artefact. Changing an amount (increase, reduce, raise, lower) needs a target or
    a verification clause: "Increase the replica count for `search-api`" names where, not
    how much. A vague manner or quantity word ("some", "sensible", "appropriately",
    "stricter", "a more reliable", "wherever it makes sense", "at some point", "as needed",
    "the right people") voids an otherwise concrete verb unless a number or a verification
    clause bounds it; a bare capability plus a place ("Add logging to the auth service")
    says where, not which signal or behaviour.
    Why: the SRE workbook: "ambiguous phrases like 'Improve' and 'Make better' make it
    difficult to measure and understand success criteria".
    Example: "Reduce search latency."
    Rewrite: "Reduce search p95 from 900 ms to under 400 ms by caching facet counts."
    """
    text = full_text(item)
    wording = read_item(text)
    if wording.verb in WEAK_VERBS or wording.verb in UNBOUNDED_VERBS or not wording.body:
        return
    vague = False
    if wording.quality_lead:
        vague = not wording.bounded  # a quality needs a target, not just a place
    elif wording.nominal_lead or wording.no_mechanism:
        vague = not wording.specific
    elif wording.verb in AMOUNT_VERBS:
        vague = not wording.bounded  # a place says where to change an amount, not by how much
    elif wording.verb == "make":
        vague = wording.comparative and not wording.bounded
    elif wording.verb in QUALIFIED_VERBS:
        vague = not wording.specific and (wording.generic_object or content_words(wording.obj) < 4)
    elif wording.verb in CHANGE_VERBS and wording.generic_object:
        vague = not wording.specific
    if vague:
        yield Hit(wording.body_start, wording.body_start + len(wording.body.rstrip(".")))
    elif manner := vague_manner(wording):
        start = wording.body_start + manner.start()
        yield Hit(
            start,
            start + len(manner.group(0)),
            message=f"'{manner.group(0)}' leaves the size of the change open: no end state.",
        )
    elif place_only_capability(wording):
        yield Hit(wording.body_start, wording.body_start + len(wording.body.rstrip(".")))


@rule(
    "PIR308",
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
        "Coach the on-call engineers on the failover tooling.",
    ),
    passes=(
        "Require an explicit --region flag for production targets.",
        "Make sure the backup job fails the build when the checksum differs.",
        "Train the spam classifier on the relabelled March data and report precision in ML-77.",
    ),
)
def behavioral(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """Relies on people being careful: be careful, remind, train X not to, make sure engineers.

    What it catches: "be (more) careful", "pay attention", "remind", "train X not to",
    "train / coach <people> on ...",
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
