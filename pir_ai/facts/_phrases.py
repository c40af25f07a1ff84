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
    r"|(roll-?back|revert|fail-?over)\b.{0,30}\b(complete|completed|done|finished|deployed))\b"
)
PARTIAL = re.compile(r"\b(\d+)\s*(?:of|/)\s*(\d+)\b")
"""'3 of 5 regions', '6/12 pods': progress, not done, when the first number is smaller."""
NOT_YET = _rx(r"\b(waiting (for|on)|not yet|still (seeing|failing|erroring))\b")
DEPLOY_WORDS = _rx(
    r"\b(deploy\w*|roll-?out|release[ds]?|roll-?back|rolled back|revert\w*|fail-?over|migration"
    r"|config change|feature flag|synced to|sync operation|upgraded?|terraform apply)\b"
)
STARTED_ONLY = _rx(r"\b(start\w*|begin\w*|began|in progress|queued|initiated)\b")
COMPLETED = _rx(r"\b(finish\w*|complete[ds]?|succeeded|done|healthy)\b")
MITIGATION_CHANGE = _rx(
    r"\b(roll-?back|rolled back|rolling back|revert\w*|fail-?over|failed over|disabl\w+ (the )?"
    r"(feature )?flag|kill ?switch)\b"
)
RESOLVED_SAY = _rx(
    r"\b(incident (is )?(resolved|over|closed)|resolving (the |this )?incident|all clear"
    r"|closing (the |this )?incident|marking (it |this )?(as )?resolved|fully recovered)\b"
)
NEGATED = _rx(r"(\b(not|no|no longer|never|once|if|until|unless)\b|n't)\W*(\w+\W+){0,2}?$")
