"""When impact began and who detected it: candidates from every source, then a policy.

Detection is the first signal that reached a person:

- a page raised by hand (PagerDuty's "Triggered through the website", a person as the
  alert's actor): detection by that person, ``customer`` when it relays a customer;
- a paging tool's page (PagerDuty, Opsgenie): ``monitoring``;
- any other alert (Alertmanager, Grafana, CloudWatch, Datadog) once it was acknowledged, or
  when a person's message within ``RESPONSE_WINDOW`` names it without dismissing it
  ("KubeNodeNotReady as expected, ignoring"): ``monitoring``. An alert nobody acted on is
  evidence for impact start, not detection;
- a person's report of symptoms: ``customer`` when written by someone outside the company
  (an e-mail domain other than the responders') or relaying customers, else ``employee``;
  when an alert reached a person, only a report in the ``REPORT_WINDOW`` before it.

With none of these, the first alert is the detection.

Impact start is chosen from candidates before the detection, in this order:

1. a responder's statement that dates it ("404s since 10:00 local"): ``stated``;
2. the change the responders name (its version, pull request, service or the time they
   give for it) that took effect before the first symptom, within ``CHANGE_WINDOW``:
   ``estimated``; its time is the last record of the same change before the symptoms
   (a pipeline run's failure post, not its start);
3. the earliest error record about what the responders talk about (a Kubernetes Warning
   event, a job-failure post, an alert nobody acted on): ``observed``;
4. the detection itself: ``first sign``, and time to detect is unknown.

Every other candidate is kept on the moment, for review.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from pir_ai.events import Event, EventKind
from pir_ai.facts._phrases import (
    ANNOUNCED_CHANGE,
    COMPLETED,
    CUSTOMER_REPORT,
    CUSTOMER_WORDS,
    DISMISSED,
    FAILURE_POST,
    NOT_A_REPORT,
    OBSERVED_SYMPTOM,
    REPORT_CUE,
    STARTED_ONLY,
    SYMPTOM_WORDS,
)
from pir_ai.facts._signals import alert_events, is_change, is_human, states
from pir_ai.facts._stated import LOOKBACK, StatedTime, stated_start
from pir_ai.facts._trigger import VERSION_REF, is_candidate_change
from pir_ai.postmortem import DetectionSource, Moment, MomentBasis, MomentCandidate

RESPONSE_WINDOW = timedelta(minutes=10)
"""How soon after an alert a person must name it for the alert to count as detection."""
REPORT_WINDOW = timedelta(hours=1)
"""How long before the first alert that reached a person a report may be the detection:
an older report is about something else (a low-priority ticket the night before)."""
RESPONSE_SPAN = timedelta(hours=6)
"""How long after detection people's messages are read for what they name."""
CHANGE_WINDOW = timedelta(hours=24)
"""How long before the first symptom a named change may mark impact start."""
ERROR_WINDOW = timedelta(hours=6)
"""How long before detection an error record may mark impact start."""
NAMING_WINDOW = timedelta(hours=1)
"""How soon after detection a responder must name an earlier, ignored alert."""
MAX_OTHER_SIGNALS = 3
"""Signals after the detecting one kept on the moment as candidates."""
MIN_SHARED_TERMS = 2
"""Distinctive words a change must share with the responders' messages to count as named."""
PAGING_SOURCES = frozenset({"pagerduty", "pagerduty-webhook", "pagerduty-csv", "opsgenie"})
"""Tools whose triggered record is a page to a person, not a notification into a channel."""

_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*")
_GENERIC = frozenset(
    """
    alert alerts firing fired resolved triggered high higher above below over rate ratio
    error errors failing failed failure warning critical info namespace cluster pod pods
    container node nodes service services target targets production prod than more less
    from with into this that have been for the and are was were is not our their all one
    some kube percent requests request check probe total count value currently minutes
    last over seconds threshold crossed datapoint datapoints state running severity job
    """.split()  # noqa: SIM905 (a word list reads better as words)
)
_HASH_SUFFIX = re.compile(r"(?:-[a-z0-9]{4,10}){1,2}$|-\d+$")
"""A pod's replica-set hash or a stateful set's ordinal: 'api-7d9f8c6b5-x2kqp', 'db-0'."""


def between(stream: Sequence[Event], start: datetime, end: datetime) -> Sequence[Event]:
    """The events of the time-ordered ``stream`` from ``start`` to ``end``, both included."""
    low = bisect.bisect_left(stream, start, key=lambda e: e.ts)
    high = bisect.bisect_right(stream, end, key=lambda e: e.ts)
    return stream[low:high]


@dataclass(frozen=True)
class Detection:
    """The detecting event, who it came from, and the signals considered."""

    event: Event
    source: DetectionSource
    reason: str
    candidates: tuple[MomentCandidate, ...]
    company: frozenset[str]
    """The company's e-mail domains (``company_domains``), for reading the rest."""


@functools.lru_cache(maxsize=1 << 16)
def terms(text: str) -> frozenset[str]:
    """Distinctive words of ``text``: names, identifiers, the words a reader would search."""
    found: set[str] = set()
    for token in _TOKEN.findall(text.lower()):
        if len(token) < 4 or token in _GENERIC:
            continue
        found.add(_stem(token))
        stem = _HASH_SUFFIX.sub("", token)
        if stem != token and len(stem) >= 4:
            found.add(stem)
    return frozenset(found)


def _stem(word: str) -> str:
    """'removed' and 'remove', 'targets' and 'target': one term."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _spaced(alertname: str) -> str:
    """'KubePodCrashLooping' as people write it: 'Kube Pod Crash Looping'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", alertname)


def _alert_terms(event: Event) -> frozenset[str]:
    """The terms of an event's text and, for an alert, of its name written both ways."""
    name = event.attrs.get("alertname", "")
    return terms(f"{name} {_spaced(name)} {event.text}")


def _is_manual_page(alert: Event) -> bool:
    return (
        alert.attrs.get("channel_type") == "web_trigger"
        or alert.attrs.get("agent_type") == "user_reference"
        or (not alert.is_bot and bool(alert.actor) and "through the website" in alert.text)
    )


def company_domains(events: Sequence[Event]) -> frozenset[str]:
    """The e-mail domain most of the people who write belong to (the company's)."""
    domains = Counter(
        email.rsplit("@", 1)[1].lower()
        for e in events
        if is_human(e) and "@" in (email := e.attrs.get("email", ""))
    )
    if not domains:
        return frozenset()
    top = domains.most_common(1)[0][1]
    return frozenset(d for d, n in domains.items() if n == top)


def _is_outsider(event: Event, company: frozenset[str]) -> bool:
    email = event.attrs.get("email", "")
    return bool(company) and "@" in email and email.rsplit("@", 1)[1].lower() not in company


def is_symptom_report(event: Event) -> bool:
    """A person's message that reports a symptom (first-hand or relayed), as a statement."""
    if not is_human(event) or event.kind is not EventKind.MESSAGE:
        return False
    if DISMISSED.search(event.text) or NOT_A_REPORT.search(event.text):
        return False
    return (
        states(OBSERVED_SYMPTOM, event.text, actual=True)
        or states(CUSTOMER_REPORT, event.text, actual=True)
        or (states(SYMPTOM_WORDS, event.text, actual=True) and bool(REPORT_CUE.search(event.text)))
    )


def _acted_on(alert: Event, people: Sequence[Event], acked: set[str]) -> bool:
    """Acknowledged, a page, or named by a person (``people``, in time order) soon after."""
    if alert.id in acked or alert.source in PAGING_SOURCES:
        return True
    names = _alert_terms(alert)
    soon = between(people, alert.ts, alert.ts + RESPONSE_WINDOW)
    return any(names & terms(e.text) and not DISMISSED.search(e.text) for e in soon)


def _alert_key(event: Event) -> tuple[str, str | None]:
    """What ties an alert's trigger to its acknowledgement: source and incident or fingerprint."""
    return event.source, event.attrs.get("incident_id") or event.attrs.get("fingerprint") or (
        event.channel
    )


def _acknowledged_alerts(stream: Sequence[Event]) -> set[str]:
    """Ids of triggered alerts whose incident or fingerprint was later acknowledged."""
    keys = {_alert_key(e) for e in stream if e.kind is EventKind.ALERT_ACKNOWLEDGED}
    return {e.id for e in stream if e.kind is EventKind.ALERT_TRIGGERED and _alert_key(e) in keys}


def find_detection(stream: Sequence[Event]) -> Detection | None:
    """The first signal that reached a person, by the rules in the module docstring."""
    company = company_domains(stream)
    acked = _acknowledged_alerts(stream)
    people = [e for e in stream if is_human(e)]
    alerts = alert_events(stream, EventKind.ALERT_TRIGGERED)
    signals: list[tuple[Event, DetectionSource, str]] = []
    for alert in alerts:
        if len(signals) > MAX_OTHER_SIGNALS:
            break  # later alerts can neither detect nor be shown
        if _is_manual_page(alert):
            relays = bool(CUSTOMER_WORDS.search(alert.text))
            who = DetectionSource.CUSTOMER if relays else DetectionSource.EMPLOYEE
            signals.append((alert, who, f"a page raised by hand by {alert.actor or 'a person'}"))
        elif _acted_on(alert, people, acked):
            name = alert.attrs.get("alertname") or alert.text[:60]
            signals.append(
                (alert, DetectionSource.MONITORING, f"the alert {name!r} reached a person")
            )
    monitored = [e for e, who, _ in signals if who is DetectionSource.MONITORING]
    since = monitored[0].ts - REPORT_WINDOW if monitored else None
    for event in stream if since is None else between(stream, since, monitored[0].ts):
        if is_symptom_report(event):
            outsider = _is_outsider(event, company)
            relays = bool(CUSTOMER_WORDS.search(event.text))
            who = DetectionSource.CUSTOMER if outsider or relays else DetectionSource.EMPLOYEE
            signals.append((event, who, f"{event.actor} reported the symptoms"))
            break
    if not signals:
        if not alerts:
            return None
        first = alerts[0]
        signals.append((first, DetectionSource.MONITORING, "the first alert (none was acted on)"))
    signals.sort(key=lambda s: s[0].ts)
    event, source, reason = signals[0]
    others = tuple(
        MomentCandidate(ts=e.ts, event_id=e.id, basis=MomentBasis.OBSERVED, reason=why)
        for e, _, why in signals[1 : 1 + MAX_OTHER_SIGNALS]
    )
    return Detection(event=event, source=source, reason=reason, candidates=others, company=company)


def _incident_terms(stream: Sequence[Event], detection: Event) -> frozenset[str]:
    """What the responders talk about: terms of the detection and of people's messages
    from the detection on, within a few hours."""
    found = set(_alert_terms(detection))
    for event in between(stream, detection.ts, detection.ts + timedelta(hours=4)):
        if is_human(event):
            found.update(terms(event.text))
    return frozenset(found)


def _is_error_record(event: Event) -> bool:
    if event.kind is EventKind.CHANGE and event.attrs.get("type") == "Warning":
        return True
    return (
        event.kind is EventKind.MESSAGE and event.is_bot and bool(FAILURE_POST.search(event.text))
    )


def _change_refs(change: Event) -> set[str]:
    refs = set(VERSION_REF.findall(change.text))
    for key in ("version", "service"):
        value = change.attrs.get(key, "").lower()
        if value and value not in {"n/a", "none", "-"}:
            refs.add(value)
    return refs


def naming_strength(change: Event, said: Said, affected: frozenset[str]) -> int:
    """How plainly the responders name the change: 3 by its time ("at 08:22"), 2 by its
    version, pull request or service, 1 by two of its words, 0 not at all. The name of
    what is failing (``affected``, the detection's terms) names no change: every message
    about the incident says it."""
    refs = {ref.lower() for ref in _change_refs(change)} - affected
    clock = change.ts.strftime("%H:%M")
    if clock in said.text:
        return 3
    if any(ref in said.text for ref in refs):
        return 2
    return 1 if len((terms(change.text) - affected) & said.terms) >= MIN_SHARED_TERMS else 0


@dataclass(frozen=True)
class Said:
    """What the responders wrote, read once: all of it lowercased, and its terms."""

    text: str
    terms: frozenset[str]

    @classmethod
    def of(cls, events: Sequence[Event]) -> Said:
        """The messages of ``events``, joined."""
        return cls(
            text="\n".join(e.text.lower() for e in events),
            terms=frozenset().union(*(terms(e.text) for e in events)),
        )


def _effective(change: Event, stream: Sequence[Event], before: datetime) -> Event:
    """The last record of the same change (same version or run) before ``before``."""
    version = change.attrs.get("version", "")
    refs = set(VERSION_REF.findall(change.text))
    if VERSION_REF.fullmatch(version):
        refs.add(version)

    def same_change(event: Event) -> bool:
        same_log = event.ref.path == change.ref.path and not change.attrs
        return any(ref in event.text for ref in refs) or (
            same_log and bool(COMPLETED.search(event.text))
        )

    later = [
        e
        for e in between(stream, change.ts, before)
        if e.ts > change.ts
        and (is_change(e) or _is_error_record(e))
        and "commit" not in e.attrs
        and same_change(e)
    ]
    return max(later, key=lambda e: e.ts, default=change)


def find_impact_start(stream: Sequence[Event], detection: Detection, zone: tzinfo | None) -> Moment:
    """Impact start for ``detection``, by the policy in the module docstring."""
    detected = detection.event
    nearby = between(stream, detected.ts - LOOKBACK, detected.ts + RESPONSE_SPAN)
    said = [e for e in nearby if is_human(e) and e.kind is EventKind.MESSAGE]
    response = [e for e in said if e.ts >= detected.ts]
    stated = _stated(said, detection.company, detected, zone)
    affected = _alert_terms(detected)
    errors = _error_records(stream, detected, response, affected)
    first_symptom = min([detected.ts, *(e.ts for e in errors)])
    change = _named_change(stream, response, first_symptom, affected)
    said_starts = [
        MomentCandidate(
            ts=s.ts,
            event_id=s.event.id,
            basis=MomentBasis.STATED,
            reason=f"{s.event.actor} wrote {s.quote!r}",
        )
        for s in stated
    ]
    candidates = list(said_starts)
    if change is not None:
        reason = f"estimated from the change the responders name: {change.text[:80]!r}"
        candidates.append(_candidate(change, MomentBasis.ESTIMATED, reason))
    if errors:
        reason = f"the earliest error record before detection: {errors[0].text[:80]!r}"
        candidates.append(_candidate(errors[0], MomentBasis.OBSERVED, reason))
    reason = "the detecting record itself; nothing earlier shows impact"
    candidates.append(_candidate(detected, MomentBasis.FIRST_SIGN, reason))
    # A time that names its zone beats one read in an assumed zone.
    preferred = [c for s, c in zip(stated, said_starts, strict=True) if s.zone_named]
    chosen = _to_the_second(
        min(preferred, key=lambda c: c.ts) if preferred else _choose(candidates), candidates
    )
    rest = sorted(
        (c for c in candidates if (c.event_id, c.ts) != (chosen.event_id, chosen.ts)),
        key=lambda c: c.ts,
    )
    return Moment(
        ts=chosen.ts,
        event_id=chosen.event_id,
        basis=chosen.basis,
        reason=chosen.reason,
        candidates=rest,
    )


def _candidate(event: Event, basis: MomentBasis, reason: str) -> MomentCandidate:
    return MomentCandidate(ts=event.ts, event_id=event.id, basis=basis, reason=reason)


def _stated(
    said: Sequence[Event], company: frozenset[str], detected: Event, zone: tzinfo | None
) -> list[StatedTime]:
    """Starts people state for a symptom, at or before detection. An outsider's "local"
    time is not ours to read."""
    found = []
    for event in said:
        own_zone = None if _is_outsider(event, company) else zone
        stated = stated_start(event, own_zone, SYMPTOM_WORDS)
        if stated is not None and stated.ts <= detected.ts:
            found.append(stated)
    return found


def _error_records(
    stream: Sequence[Event], detected: Event, response: Sequence[Event], own: frozenset[str]
) -> list[Event]:
    """Error records before detection about what the responders talk about, and alerts
    nobody acted on that a responder names soon after detection (and that share a term
    with the detection, ``own``)."""
    subject = _incident_terms(stream, detected)
    soon = [r for r in response if r.ts <= detected.ts + NAMING_WINDOW]
    return [
        e
        for e in between(stream, detected.ts - ERROR_WINDOW, detected.ts)
        if e.ts < detected.ts
        and (
            (_is_error_record(e) and bool(terms(e.text) & subject))
            or (_named_alert(e, soon) and bool(_alert_terms(e) & own))
        )
    ]


def _is_announced_change(event: Event) -> bool:
    """A person's message that a change is done ("apply finished, 4 changed")."""
    return (
        is_human(event)
        and event.kind is EventKind.MESSAGE
        and bool(ANNOUNCED_CHANGE.search(event.text))
        and states(COMPLETED, event.text, actual=True)
        and not STARTED_ONLY.search(event.text)
    )


def _named_change(
    stream: Sequence[Event],
    response: Sequence[Event],
    first_symptom: datetime,
    affected: frozenset[str],
) -> Event | None:
    """The change the responders name most plainly (the latest of equals) before the first
    symptom, at the time it took effect."""
    said = Said.of(response)
    named = [
        (strength, c)
        for c in between(stream, first_symptom - CHANGE_WINDOW, first_symptom)
        if ((is_candidate_change(c) and "commit" not in c.attrs) or _is_announced_change(c))
        and (strength := naming_strength(c, said, affected)) > 0
    ]
    if not named:
        return None
    _, change = max(named, key=lambda pair: (pair[0], pair[1].ts))
    return _effective(change, stream, first_symptom)


def _named_alert(event: Event, response: Sequence[Event]) -> bool:
    """An alert the responders name after detection (one nobody acted on when it fired)."""
    alertname = event.attrs.get("alertname", "")
    if event.kind is not EventKind.ALERT_TRIGGERED or len(alertname) < 6:
        return False
    name, spaced = alertname.lower(), _spaced(alertname).lower()
    return any(name in e.text.lower() or spaced in e.text.lower() for e in response)


def _to_the_second(chosen: MomentCandidate, candidates: list[MomentCandidate]) -> MomentCandidate:
    """A stated time names a minute; a record in that minute is the same moment, to the
    second ("since 08:12" and the OOMKilling at 08:12:30). When that record is the
    detection itself, the statement still says impact began then: the time is known."""
    if chosen.basis is not MomentBasis.STATED:
        return chosen
    same_minute = [
        c
        for c in candidates
        if c.basis is not MomentBasis.STATED
        and timedelta(0) <= c.ts - chosen.ts < timedelta(minutes=1)
    ]
    if not same_minute:
        return chosen
    record = min(same_minute, key=lambda c: c.ts)
    if record.basis is MomentBasis.FIRST_SIGN:
        reason = f"the detecting record, in the minute {chosen.reason}"
        return record.model_copy(update={"basis": MomentBasis.STATED, "reason": reason})
    return record.model_copy(update={"reason": f"{record.reason}; {chosen.reason}"})


def _choose(candidates: list[MomentCandidate]) -> MomentCandidate:
    """The earliest stated start; else the named change; else the earliest record."""
    for basis in (MomentBasis.STATED, MomentBasis.ESTIMATED):
        chosen = [c for c in candidates if c.basis is basis]
        if chosen:
            return min(chosen, key=lambda c: c.ts)
    return min(candidates, key=lambda c: c.ts)
