"""Open-ended action items: ongoing activities and "going forward" standing instructions."""

from __future__ import annotations

from collections.abc import Iterator

import pir_ai.lint._lexicons as lx
from pir_ai.findings import Category, Severity
from pir_ai.lint._action_items import ItemInput
from pir_ai.lint._action_wording import full_text
from pir_ai.lint._context import LintContext
from pir_ai.lint._item_text import (
    CHANGE_VERBS,
    ITEM_VERBS,
    UNBOUNDED_VERBS,
    ItemWording,
    has_cadence,
    read_item,
    unbounded_span,
)
from pir_ai.lint._lexicons import words
from pir_ai.lint._registry import Hit, Kind, rule


@rule(
    "PIR307",
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
        "Going forward, double-check feature flags before each release.",
        "From now on, the on-call engineers will verify backups by hand.",
    ),
    passes=(
        "Add a monitor for events-topic lag at >10k messages for 5 minutes.",
        "Review the alert rules every quarter and file a ticket per stale rule.",
        "Page the on-call when disk usage exceeds 85% on any broker.",
        "Going forward, the deploy script refuses --force on production.",
        "Going forward, require two approvals for changes to the payments-db schema.",
    ),
)
def unbounded(item: ItemInput, ctx: LintContext) -> Iterator[Hit]:
    """Ongoing or continuous wording: monitor, keep an eye on, going forward, regularly.

    What it catches: items led by monitor / keep / continue / maintain / watch, or that say
    going forward, from now on, regularly, continuously. "Add a monitor" passes: the
    noun is fine, the activity is not. "Going forward" / "from now on" / "in the future"
    fires when what follows is a standing instruction to people (an imperative routine, or
    people as the subject); it passes a lasting system change ("require two approvals for
    X") or a statement of system behaviour ("the deploy script refuses --force"), and a
    routine with a trigger or a deliverable. A cadence does not rescue a standing
    instruction.
    Why: Google's "bounded": an item must say how to tell when it is finished.
    Example: "Keep watching the events-topic lag."
    Rewrite: "Add a consumer-lag alert on the events topic at >10k messages for 5 min."
    """
    text = full_text(item)
    wording = read_item(text)
    if wording.verb in UNBOUNDED_VERBS and not (wording.has_number or wording.has_verification):
        yield Hit(wording.body_start, wording.body_start + wording.verb_end)
        return
    if wording.forever:
        if _standing_instruction(wording):
            start = text.lower().find(wording.forever.lower())
            yield Hit(start, start + len(wording.forever))
        return
    m = unbounded_span(text)
    if m and not has_cadence(text) and wording.verb not in UNBOUNDED_VERBS:
        yield Hit(m.start(), m.end())


_PEOPLE = lx.PERSON_PRONOUNS | lx.INDEFINITE_PEOPLE | lx.ROLE_NOUNS | lx.GROUP_NOUNS
_OBJECT_STARTS = lx.DETERMINERS | words("them us him her me it")


def _standing_instruction(wording: ItemWording) -> bool:
    """ "Going forward, ..." asks people to behave differently from now on, rather than
    stating a lasting change to a system ("the deploy script refuses --force")."""
    lead = wording.verb
    head = [w.strip(",.;:").lower() for w in wording.body.split()[:4]]
    if lead in lx.DETERMINERS or lead in _PEOPLE:  # a statement: who does it?
        return any(w in _PEOPLE for w in head if w not in lx.DETERMINERS)
    nxt = head[1] if len(head) > 1 else ""
    if lead in lx.SYSTEM_NOUNS and lead not in ITEM_VERBS and nxt not in _OBJECT_STARTS:
        return False  # "deploys to production require two approvals"; not "page the DBA"
    if lead in CHANGE_VERBS and not wording.generic_object:
        return False  # a one-off change that lasts: "require two approvals for X"
    return not wording.has_verification  # a trigger or deliverable makes a routine checkable
