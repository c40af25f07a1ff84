"""Key moments, durations, trigger, key timeline and impact figures, computed from events."""

from __future__ import annotations

import pytest

from pir_ai.events import EventKind
from pir_ai.facts import (
    compute_metrics,
    distinct_events,
    find_impact_figures,
    find_trigger,
    format_duration,
    key_timeline,
)
from pir_ai.postmortem import DetectionSource, MomentBasis
from tests.incident_builder import IncidentBuilder, at

ACK = EventKind.ALERT_ACKNOWLEDGED
RESOLVED = EventKind.ALERT_RESOLVED
TRIGGERED = EventKind.ALERT_TRIGGERED


def outage() -> IncidentBuilder:
    """A deploy, a support report, an alert, an ack, a rollback and the alert resolving."""
    b = IncidentBuilder()
    b.bot(2, "Deploy 2024.05.14-3 of checkout-api started by @Priya")
    b.bot(13, "Deploy 2024.05.14-3 of checkout-api finished: 12/12 pods healthy")
    b.say(16.5, "Sam", "Heads up: we're getting a burst of payment failures chats from customers")
    b.alert(18.5, severity="critical", service="checkout-api")
    b.add(19, TRIGGERED, "[FIRING:1] checkout-api", actor="Alertmanager", is_bot=True)
    b.say(20.2, "Dana", "the checkout alert just fired, looking")
    b.say(23.7, "marco", "ack, I'm on it")
    b.add(24, ACK, "Acknowledged #4471 by Marco", actor="PagerDuty", is_bot=True)
    b.bot(34, "Rollback of checkout-api to 2024.05.14-2 started by @Priya")
    b.bot(41, "Rollback complete: checkout-api is on 2024.05.14-2")
    b.say(45, "Dana", "We're mitigated")
    b.alert(46.5, RESOLVED)
    return b


def test_moments_come_from_the_events_that_fix_them() -> None:
    events = outage().incident().events
    m = compute_metrics(events)
    by_text = {e.text: e.id for e in events}
    report = by_text["Heads up: we're getting a burst of payment failures chats from customers"]
    # The relayed customer report is both the first sign and the detection (issue 13).
    assert m.impact_start and m.impact_start.ts == at(16.5)
    assert m.detected and m.detected.event_id == report
    assert m.detection_source is DetectionSource.CUSTOMER
    alert = by_text["[FIRING] CheckoutHighErrorRate: checkout-api 5xx ratio above 5%"]
    assert alert in {c.event_id for c in m.detected.candidates}
    assert m.acknowledged and m.acknowledged.event_id == by_text["ack, I'm on it"]
    assert m.first_response and m.first_response.ts == at(20.2)
    assert (
        m.mitigated
        and m.mitigated.event_id == by_text["Rollback complete: checkout-api is on 2024.05.14-2"]
    )
    assert m.resolved and m.resolved.ts == at(46.5)


def test_durations_are_whole_seconds_between_moments() -> None:
    m = compute_metrics(outage().incident().events)
    assert m.time_to_detect_s is None  # the detection is the first sign: unknown, not 0 s
    assert m.time_to_acknowledge_s == round(7.2 * 60)
    assert m.time_to_mitigate_s == round(24.5 * 60)
    assert m.time_to_resolve_s == 30 * 60


def test_without_a_human_report_impact_starts_with_the_first_alert() -> None:
    b = IncidentBuilder()
    b.say(1, "Priya", "deploying checkout-api, watch for errors")
    first = b.alert(5)
    m = compute_metrics(b.incident().events)
    assert m.impact_start and m.impact_start.event_id == first.id
    assert m.impact_start.basis is MomentBasis.FIRST_SIGN
    assert m.time_to_detect_s is None


def test_a_customer_report_before_the_alert_is_the_detection() -> None:
    b = IncidentBuilder()
    report = b.say(0, "Sam", "customers are reporting they can't pay")
    b.alert(90)
    m = compute_metrics(b.incident().events)
    assert m.detected and m.detected.event_id == report.id
    assert m.detection_source is DetectionSource.CUSTOMER


def test_chat_copies_of_alerts_do_not_move_detection_or_resolution() -> None:
    b = IncidentBuilder()
    b.say(0, "Dana", "hello")
    tool = b.alert(10)
    b.add(9, TRIGGERED, "[FIRING:1] copy posted early by a skewed clock", is_bot=True)
    b.alert(30, RESOLVED)
    b.add(31, TRIGGERED, "[FIRING:1] repeat post", is_bot=True)
    m = compute_metrics(b.incident().events)
    assert m.detected and m.detected.event_id == tool.id
    assert m.resolved and m.resolved.ts == at(30)


def test_linked_records_of_one_alert_keep_the_tool_record_only() -> None:
    b = IncidentBuilder()
    b.say(0, "Dana", "hello")
    copy = b.add(9, TRIGGERED, "[FIRING:1] copy", is_bot=True, links=("ev_00000000000a",))
    tool = b.alert(10)
    b.events[-1] = tool = tool.model_copy(update={"id": "ev_00000000000a", "links": (copy.id,)})
    kept = distinct_events(b.incident().events)
    assert tool in kept and copy not in kept


def test_acknowledgement_is_the_earlier_of_the_tool_and_a_person() -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(1, "Tomás", "can someone ack?")
    b.say(2, "Tomás", "I'll keep an eye on it")
    paged = b.add(3, ACK, "Acknowledged by Marco", actor="PagerDuty", is_bot=True)
    b.say(4, "marco", "acking")
    m = compute_metrics(b.incident().events)
    assert m.acknowledged and m.acknowledged.event_id == paged.id


@pytest.mark.parametrize(
    "text",
    ["have we rolled back?", "we have not rolled back yet", "rolling back now"],
)
def test_questions_negations_and_intentions_are_not_mitigation(text: str) -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(5, "Priya", text)
    b.bot(6, "Rollback of checkout-api started")
    assert compute_metrics(b.incident().events).mitigated is None


def test_a_revert_change_record_mitigates() -> None:
    b = IncidentBuilder()
    b.alert(0)
    revert = b.add(7, EventKind.CHANGE, "Revert 'lower DB_POOL_MAX' (#4822)", source="git")
    m = compute_metrics(b.incident().events)
    assert m.mitigated and m.mitigated.event_id == revert.id


def test_a_retriggered_alert_leaves_resolution_to_a_person() -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.alert(10, RESOLVED)
    b.alert(12)
    b.say(15, "Dana", "rollback complete")
    closing = b.say(30, "Dana", "Closing the incident, thanks all")
    m = compute_metrics(b.incident().events)
    assert m.resolved and m.resolved.event_id == closing.id


def test_no_alert_and_no_report_gives_no_moments() -> None:
    b = IncidentBuilder()
    b.say(0, "Dana", "morning all")
    assert compute_metrics(b.incident().events).detected is None


def test_the_trigger_is_the_start_of_the_deploy_nearest_before_impact() -> None:
    events = outage().incident().events
    trigger = find_trigger(events, compute_metrics(events))
    assert trigger is not None and trigger.ts == at(2)


def test_a_cluster_symptom_is_not_a_trigger() -> None:
    b = IncidentBuilder()
    rollout = b.add(
        1,
        EventKind.CHANGE,
        "Scaled up replica set api-7f to 6",
        source="k8s",
        attrs={"reason": "ScalingReplicaSet", "type": "Normal"},
    )
    b.add(
        3,
        EventKind.CHANGE,
        "Node ip-10 status is now: NodeNotReady",
        source="k8s",
        attrs={"reason": "NodeNotReady", "type": "Normal"},
    )
    b.alert(5)
    events = b.incident().events
    trigger = find_trigger(events, compute_metrics(events))
    assert trigger is not None and trigger.id == rollout.id


def test_key_timeline_times_are_the_times_of_their_events() -> None:
    events = outage().incident().events
    by_id = {e.id: e for e in events}
    timeline = key_timeline(events, compute_metrics(events))
    assert timeline == sorted(timeline, key=lambda t: t.ts)
    assert all(entry.ts == by_id[entry.event_id].ts for entry in timeline)
    labels = {entry.label for entry in timeline}
    # impact start and detection are one event here: its first label wins
    assert {"trigger", "impact_start", "acknowledged", "mitigated", "resolved"} <= labels


def test_key_timeline_keeps_the_rollback_start_as_context() -> None:
    events = outage().incident().events
    texts = [t.text for t in key_timeline(events, compute_metrics(events))]
    assert any("Rollback of checkout-api to 2024.05.14-2 started" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "value", "measure"),
    [
        ("error rate peaked at 38% at 06:35", "38%", "error rate"),
        (
            "about 1,240 checkouts failed between 06:16 and 06:43",
            "1,240",
            "checkouts failed",
        ),
        ("p99 latency 4.2s and climbing", "4.2s", "latency"),
        ("We had 312 checkout-failure chats in total", "312", "checkout-failure chats"),
        ("support tickets slowing down, we got 260 in total", "260", None),
        ("partner-api rejected 4,300 calls from 3 partners", "4,300", "calls"),
        ("degraded from 17:40 to 18:26, 46 minutes", "46 minutes", "duration"),
        ("lag peaked at 2.3M messages", "2.3M", "messages"),
        ("refunds so far cost $12,400", "$12,400", "money"),
    ],
)
def test_stated_figures_keep_value_measure_sentence_and_event(
    sentence: str, value: str, measure: str | None
) -> None:
    b = IncidentBuilder()
    b.alert(0)
    said = b.say(5, "marco", sentence)
    figures = [f for f in find_impact_figures(b.incident().events) if not f.computed]
    assert figures and figures[0].value == value
    assert figures[0].evidence == [said.id] and figures[0].text == sentence
    if measure is not None:
        assert figures[0].measure == measure


@pytest.mark.parametrize(
    "sentence",
    [
        "deployed 2024.05.14-3 at 06:02 on 2024-05-14",
        "see ticket #88231 and PR 4821",
        "is it 38%?",
        "pool timeout is 2s, exactly where p99 sits",
        "CPU 22% on the database",
        "marketing email to 80k customers is scheduled",
        "the 5xx alert needs 2m of errors before it fires",
        "top query is `SELECT * FROM facets WHERE id = $1`, 41 ms",
        "about 1 in 15 uploads fail",
    ],
)
def test_times_dates_versions_ids_questions_and_settings_are_not_figures(sentence: str) -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(5, "marco", sentence)
    assert [f for f in find_impact_figures(b.incident().events) if not f.computed] == []


def test_figures_stated_before_impact_are_ignored() -> None:
    b = IncidentBuilder()
    b.say(0, "Ruth", "enable recs_v7 for 10% of failed requests")
    b.alert(120)
    assert [f for f in find_impact_figures(b.incident().events) if not f.computed] == []


def test_durations_are_computed_figures_citing_both_ends() -> None:
    events = outage().incident().events
    computed = [f for f in find_impact_figures(events) if f.computed]
    m = compute_metrics(events)
    assert [f.value for f in computed] == ["24 min", "30 min"]
    assert m.impact_start and m.resolved
    assert computed[-1].evidence == [m.impact_start.event_id, m.resolved.event_id]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (59, "59 s"), (60, "1 min"), (311, "5 min"), (5400, "1 h 30 min"), (7200, "2 h")],
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text
