"""Facts computed in code from an incident's events: ``compute_facts(incident) -> Facts``.

Key moments and durations, impact figures, the key timeline and the candidate trigger.
Nothing here is guessed and no model is asked; every moment is the time of an event.
The predicates and phrase patterns the rules read are exported for the drafters, which
describe the same events in words.
"""

from pir_ai.facts._facts import Facts, compute_facts
from pir_ai.facts._figures import HEADLINE, sentences, stated_figures, states_figure
from pir_ai.facts._metrics import (
    compute_metrics,
    computed_figures,
    find_impact_figures,
    format_duration,
    key_timeline,
    seconds_between,
)
from pir_ai.facts._severity import SeverityBasis, SeverityFact
from pir_ai.facts._signals import alert_events, distinct_events, is_change, is_human, states
from pir_ai.facts._timeline import COMMS, ESCALATION, describe, timeline_entries
from pir_ai.facts._trigger import find_trigger

__all__ = [
    "COMMS",
    "ESCALATION",
    "HEADLINE",
    "Facts",
    "SeverityBasis",
    "SeverityFact",
    "alert_events",
    "compute_facts",
    "compute_metrics",
    "computed_figures",
    "describe",
    "distinct_events",
    "find_impact_figures",
    "find_trigger",
    "format_duration",
    "is_change",
    "is_human",
    "key_timeline",
    "seconds_between",
    "sentences",
    "stated_figures",
    "states",
    "states_figure",
    "timeline_entries",
]
