"""The review-meeting pack: agenda sized by complexity, attendees by role, opening, questions.

The agenda follows the shape well-run teams use: opening and ground rules (5 min),
executive summary (5), timeline walkthrough (10-20), root cause analysis (15-20),
what went well or poorly (10), action items (5-15). Where a slot has a range, the
incident's complexity picks the point in it, so the meeting lasts 50 to 75 minutes,
inside the usual 45-90.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pir_ai.draft._offline.people import acting_person, participants
from pir_ai.draft._offline.questions import reframed_questions
from pir_ai.events import Event, EventKind
from pir_ai.facts import is_human, states
from pir_ai.postmortem import AgendaItem, Attendee, IncidentMetrics, ReviewPack

_AGENDA: tuple[tuple[str, int, int, str], ...] = (
    ("Opening and ground rules", 5, 5, "Read the blameless opening statement."),
    ("Executive summary", 5, 5, "Impact, duration and the key moments, in two minutes."),
    ("Timeline walkthrough", 10, 20, "Walk the key timeline; correct and fill the gaps."),
    ("Root cause analysis", 15, 20, "Trigger, contributing factors, the 5 whys questions."),
    ("What went well, what went poorly, where we got lucky", 10, 10, "Facts first, then views."),
    ("Action items", 5, 15, "Agree owners, due dates and priorities; aim at 3-5 Must-fix."),
)
_SATURATION = {"events": 600, "people": 12, "alerts": 6}

IC_SAYS = re.compile(
    r"\b(i'?ll (be|take) (the )?(ic|incident commander)|i'?m (the )?(ic|incident commander)"
    r"|taking (the )?(ic|incident command)|i'?ll run (this|the) incident)\b",
    re.IGNORECASE,
)
SUPPORT_SAYS = re.compile(
    r"\b(support here|from support|support team here|i'?m (on|from) support|zendesk"
    r"|canned reply|support tickets? (are )?coming in)\b",
    re.IGNORECASE,
)
CUSTOMER_SAYS = re.compile(
    r"\b(customer success|account managers?|csms?|customer email|status ?page update"
    r"|drafting (a |the )?(status|customer))\b",
    re.IGNORECASE,
)

OPENING_STATEMENT = (
    "This review is blameless. We assume everyone acted in good faith, with the information "
    "and tools they had at the time. We are here to understand how the system, our tools and "
    "our processes made this incident possible, not to find who is at fault. Questions are "
    "about what happened and how, not who or why someone did something. Anyone may stop the "
    "discussion when it drifts toward blame. Names in the timeline record who saw what, so we "
    "can learn what they knew; they are not a verdict."
)


def complexity(events: Sequence[Event]) -> float:
    """0 (small) to 1 (large): the mean of events, people and distinct alerts, each capped."""
    people = {e.actor for e in events if is_human(e)}
    alerts = {
        e.attrs.get("alertname", e.text[:40]) for e in events if e.kind is EventKind.ALERT_TRIGGERED
    }
    parts = (
        min(len(events) / _SATURATION["events"], 1.0),
        min(len(people) / _SATURATION["people"], 1.0),
        min(len(alerts) / _SATURATION["alerts"], 1.0),
    )
    return sum(parts) / len(parts)


def agenda(score: float) -> list[AgendaItem]:
    """The six slots, ranges resolved by ``score`` and rounded to 5 minutes."""
    items = []
    for title, low, high, notes in _AGENDA:
        minutes = low + round((high - low) * score / 5) * 5
        items.append(AgendaItem(title=title, minutes=minutes, notes=notes))
    return items


def _first_speaker(events: Sequence[Event], pattern: re.Pattern[str]) -> Event | None:
    return next((e for e in events if is_human(e) and states(pattern, e.text)), None)


def attendees(events: Sequence[Event], metrics: IncidentMetrics) -> list[Attendee]:
    """Roles the review needs, named where the events show who held the role."""
    by_id = {e.id: e for e in events}
    acked = by_id.get(metrics.acknowledged.event_id) if metrics.acknowledged else None
    commander = _first_speaker(events, IC_SAYS)
    support = _first_speaker(events, SUPPORT_SAYS)
    customer = _first_speaker(events, CUSTOMER_SAYS)

    names = participants(events)

    def named(event: Event | None, how: str, otherwise: str) -> tuple[str | None, str]:
        person = None if event is None else acting_person(event, names)
        if event is None or person is None:
            return None, otherwise
        return person, f"{how} ({event.id})"

    roles = [
        ("Incident commander", commander, "said they were running the incident",
         "Ran the response; who held this role is for the review to confirm"),
        ("First responder", acked, "acknowledged first",
         "Acknowledged first; no acknowledgement found in the sources"),
        ("Support", support, "relayed support tickets", "Knows what customers reported"),
        ("Customer success / communications", customer, "wrote to customers",
         "Owns follow-up with affected customers"),
    ]  # fmt: skip
    result = []
    for role, event, how, otherwise in roles:
        name, why = named(event, how, otherwise)
        result.append(Attendee(role=role, name=name, why=why))
    result.append(
        Attendee(
            role="Facilitator",
            name=None,
            why="Neutral: someone who took no part in the response runs the meeting",
        )
    )
    return result


def review_pack(events: Sequence[Event], metrics: IncidentMetrics) -> ReviewPack:
    """Agenda, attendees, blameless opening statement and reframed questions."""
    return ReviewPack(
        agenda=agenda(complexity(events)),
        attendees=attendees(events, metrics),
        opening_statement=OPENING_STATEMENT,
        questions=reframed_questions(events),
    )
