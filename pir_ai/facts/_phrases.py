"""The words the offline rules read, where an event's kind cannot say it.

Each pattern is matched through ``pir_ai.facts._metrics.states``, which skips questions and
negations, so "rolled back?" and "not rolled back yet" never count.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


CUSTOMER_REPORT = _rx(
    r"\b(customers?|users?|sellers?|merchants?|partners?|clients?|shoppers?)\b.{0,25}"
    r"\b(say|says|said|report\w*|complain\w*|can'?t|cannot|unable|see|seeing|getting)\b"
    r"|\b(chats?|tickets?|complaints?|calls?)\b.{0,15}\bfrom (customers|users|sellers|partners)\b"
    r"|\b(crash|error|bug)\w*\W{0,2}\w* reports?\b.{0,15}\b(spik\w*|coming in|up|climb\w*)\b"
    r"|\bjust called\b"
    r"|\b(could not|couldn'?t|cannot|can'?t) (be )?(processed|completed?|check ?out|pay|log ?in)\b"
)
"""People relaying what customers meet: marks impact start, not detection."""
OBSERVED_SYMPTOM = _rx(
    r"\b(seeing|getting|seen)\b.{0,30}\b(errors?|5\d\d|5xx|4\d\d|failures?|timeouts?)\b"
    r"|\b(errors?|5\d\d|5xx|failures?|timeouts?|latency)\b.{0,25}\b(spik\w*|climb\w*|jump\w*"
    r"|rising|surg\w*)\b"
    r"|\d\s?%.{0,15}\b(climbing|rising|growing|increasing)\b"
    r"|\b(checkout|payments?|login|site|api|uploads?|pages?)\b.{0,20}\b(is |are )?(failing|down"
    r"|broken|timing out)\b"
)
"""A responder seeing the symptom first-hand: marks impact start and detection."""
HYPOTHETICAL = _rx(r"\b(would|will|might|if|at this rate|then)\b|\bcould\b(?! not)")
ACK = _rx(
    r"^\W*on it\b|\b(ack|acking|acked|ack'd|acknowledg\w*|i'?m on it|i am on it"
    r"|i'?m (looking|taking (a look|this)|investigating)|looking into (it|this)"
    r"|taking (a look|this)|i'?ve got (it|this)|i got this)\b"
)
MITIGATION_DONE = _rx(
    r"\b(rolled back|reverted|mitigated|failed over|back to (normal|baseline)"
    r"|(service|traffic|everything) (is |are )?(restored|operational|working again)"
    r"|fully (restored|recovered)|(is|are) operational again|(works|working) again"
    r"|working as (intended|expected|normal)|confirmed working|(rate|errors?) (is |are )?back to"
    r"|(roll-?back|revert|fail-?over)\b.{0,30}\b(complete|completed|done|finished|deployed))\b"
)
PARTIAL = re.compile(r"\b(\d+)\s*(?:of|/)\s*(\d+)\b")
"""'3 of 5 regions', '6/12 pods': progress, not done, when the first number is smaller."""
NOT_YET = _rx(r"\b(waiting (for|on)|not yet|still (seeing|failing|erroring))\b")
DEPLOY_WORDS = _rx(
    r"\b(deploy\w*|roll-?out|release[ds]?|roll-?back|rolled back|revert\w*|fail-?over|migration"
    r"|config change|feature flag|synced to|sync operation|upgraded?|terraform apply)\b"
)
FAILED_CHANGE = _rx(r"\b(permission denied|failed|error|timed out|aborted|refused)\b")
"""A change record that says it did not work: no mitigation."""
STARTED_ONLY = _rx(r"\b(start\w*|begin\w*|began|in progress|queued|initiated)\b")
COMPLETED = _rx(r"\b(finish\w*|complete[ds]?|succeeded|done|healthy)\b")
MITIGATION_CHANGE = _rx(
    r"\b(roll-?back|rolled back|rolling back|revert\w*|fail-?over|failed over|disabl\w+ (the )?"
    r"(feature )?flag|kill ?switch|disabl\w+|toggled off|turned off|re-?attach\w*|remov\w+"
    r"|delet\w+|restor\w+)\b"
)
RESOLVED_SAY = _rx(
    r"\b(incident (is )?(resolved|over|closed)|resolving (the |this )?incident|all clear"
    r"|closing (the |this )?incident|marking (it |this )?(as )?resolved|fully recovered)\b"
)
NEGATED = _rx(r"(\b(not|no|no longer|never|once|if|until|unless)\b|n't)\W*(\w+\W+){0,2}?$")
SYMPTOM_WORDS = _rx(
    r"\b([45]\d\d|[45]xx|errors?|exceptions?|\w+Error|fail(s|ed|ing|ures?)?|time[sd]? ?out"
    r"|timing out|timeouts?|outage|broken|unavailable|not working|redirect loop|crash\w*"
    r"|degraded|stopped|expired|rejected|missing|slow|oom\w*|killed|down"
    r"|(can'?t|cannot|unable to) (log ?in|sign ?in|get|reach|access|connect|deploy|load))\b"
)
"""Words of a symptom in a person's statement, first-hand or relayed."""
DISMISSED = _rx(
    r"\b(ignor\w*|as expected|expected|known issue|they know|noise|noisy|flaky|false (alarm"
    r"|positive)|unrelated|not related|maintenance)\b"
)
"""A person setting an alert or a report aside: it reached them, and it was not this."""
FAILURE_POST = _rx(r"\b(failed|failure|errored|error)\b")
"""A bot's post that a job, pipeline or check failed."""
PARTIAL_MITIGATION = _rx(
    r"\b(partial(ly)? (mitigat\w*|restored|recovered|fixed|working)"
    r"|(works|working|restored|fixed) (again )?for (some|the first|one|the root|a few))\b"
    r"|\bdown to \d+(\.\d+)?\s?%"
)
"""A person reporting that part of the impact is gone: partial mitigation."""
CUSTOMER_WORDS = _rx(
    r"\b(customers?|clients?|users?|sellers?|merchants?|partners?|shoppers?|tickets?"
    r"|support cases?|just called)\b"
)
"""Words that say a report comes from customers (relayed, or first-hand from outside)."""
ANNOUNCED_CHANGE = _rx(
    r"\b(appl(y|ied)|deploy\w*|roll-?out|rolled out|releas\w*|migrat\w*|merged|pushed"
    r"|switched|upgrad\w*)\b"
)
"""A person announcing a change of their own; with a completion word it is a change record."""
NOT_A_REPORT = _rx(
    r"^\W*(please |let'?s |can (you|we|someone) )?(enable|disable|deploy|watch|check|run|add|set|"
    r"roll|try|keep|make|monitor|look out|plan|schedule|prepare|bump|upgrade|release|merge"
    r"|revert|ship)\b"
    r"|^\W*[\w.-]+ v?\d+(?:[.-]\d+)+\S*:"
    r"|\b(watch(ing)? (out )?for|keep an eye on|look(ing)? out for|in case (of )?|if you see)\b"
)
"""An instruction, a plan or a change note ("enable recs_v7 for 10% of failed requests",
"watch for errors", "search-api 2.13: bump client timeouts"): it names a symptom without
reporting one."""
REPORT_CUE = _rx(
    r"\b(is|are|was|were|keeps?|started|since|see|seeing|saw|get|getting|got|returns?"
    r"|returning|gives?|giving|has|have|had|report\w*|fail(s|ed|ing)|crash(es|ed|ing)"
    r"|timed out|timing out|time out|broke|stopped|can'?t|cannot|unable|won'?t|doesn'?t"
    r"|don'?t|no longer)\b"
)
"""A verb saying what is happening: symptom nouns without one ("re: timeout build", "fyi
customer timeout") name a topic in a busy channel, not a report."""
