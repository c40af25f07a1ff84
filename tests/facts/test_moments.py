"""Impact start and detection chosen from candidates, each with its basis (issue 13)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from pir_ai.events import EventKind
from pir_ai.facts import compute_facts, compute_metrics
from pir_ai.postmortem import DetectionSource, MomentBasis
from tests.incident_builder import IncidentBuilder, at

PAGE = EventKind.ALERT_TRIGGERED


def test_a_responder_stating_when_errors_began_dates_the_impact() -> None:
    b = IncidentBuilder()
    b.alert(20)
    b.say(22, "Dana", "ack, looking at the CheckoutHighErrorRate alert")
    said = b.say(30, "Dana", "5xx on checkout-api started around 06:04, before the alert")
    m = compute_metrics(b.incident().events)
    assert m.impact_start is not None
    assert m.impact_start.basis is MomentBasis.STATED
    assert m.impact_start.event_id == said.id
    assert m.impact_start.ts == at(4)
    assert m.time_to_detect_s == 16 * 60


def test_a_stated_local_time_is_read_in_the_incidents_zone() -> None:
    b = IncidentBuilder()
    b.alert(20)
    b.say(21, "Dana", "on it, CheckoutHighErrorRate")
    b.say(25, "Dana", "404 on every request from 08:05 local")  # 08:05 CEST = 06:05 UTC
    berlin = ZoneInfo("Europe/Berlin")
    m = compute_metrics(b.incident().events, tz=berlin)
    assert m.impact_start is not None and m.impact_start.ts == at(5)
    unknown = compute_metrics(b.incident().events)
    assert unknown.impact_start is not None
    assert unknown.impact_start.basis is not MomentBasis.STATED  # no zone, no time


def test_a_time_that_dates_a_change_is_not_an_impact_statement() -> None:
    b = IncidentBuilder()
    b.alert(20)
    b.say(21, "Dana", "on it, CheckoutHighErrorRate")
    b.say(25, "Eli", "the node roll-over started 05:30 and finished 05:59")
    m = compute_metrics(b.incident().events)
    assert m.impact_start is not None and m.impact_start.basis is not MomentBasis.STATED


def test_the_change_the_responders_name_marks_impact_start_before_the_symptom() -> None:
    b = IncidentBuilder()
    b.add(
        1,
        EventKind.CHANGE,
        "checkout-api 2024.05.14-3 rolled out to 100%",
        source="table",
        attrs={"service": "checkout-api", "version": "2024.05.14-3"},
    )
    b.add(
        5,
        EventKind.CHANGE,
        "search-api 7.1.0 rolled out",
        source="table",
        attrs={"service": "search-api", "version": "7.1.0"},
    )
    b.alert(20)
    b.say(22, "Dana", "ack, CheckoutHighErrorRate. Is 2024.05.14-3 the cause?")
    m = compute_metrics(b.incident().events)
    assert m.impact_start is not None
    assert m.impact_start.basis is MomentBasis.ESTIMATED
    assert m.impact_start.ts == at(1)
    assert [c.basis for c in m.impact_start.candidates] == [MomentBasis.FIRST_SIGN]


def test_an_unnamed_change_is_not_the_impact_start() -> None:
    b = IncidentBuilder()
    b.add(
        1, EventKind.CHANGE, "billing 3.2 rolled out", source="table", attrs={"service": "billing"}
    )
    first = b.alert(20)
    b.say(22, "Dana", "ack, CheckoutHighErrorRate")
    m = compute_metrics(b.incident().events)
    assert m.impact_start is not None and m.impact_start.event_id == first.id
    assert m.impact_start.basis is MomentBasis.FIRST_SIGN


def test_when_the_detection_is_the_first_sign_time_to_detect_is_unknown() -> None:
    b = IncidentBuilder()
    b.alert(5)
    b.say(6, "Dana", "ack, CheckoutHighErrorRate")
    m = compute_metrics(b.incident().events)
    assert m.impact_start is not None and m.impact_start.basis is MomentBasis.FIRST_SIGN
    assert m.time_to_detect_s is None
    assert m.time_to_mitigate_s is None or m.time_to_mitigate_s >= 0


def test_the_earliest_related_error_record_is_observed_impact() -> None:
    b = IncidentBuilder()
    warning = b.add(
        3,
        EventKind.CHANGE,
        "Warning BackOff Pod/checkout-api-7d9f8c6b5-x2kqp: Back-off restarting failed container",
        source="k8s-events",
        attrs={
            "type": "Warning",
            "reason": "BackOff",
            "object": "Pod/checkout-api-7d9f8c6b5-x2kqp",
        },
    )
    b.add(
        2,
        EventKind.CHANGE,
        "Warning BackOff Pod/billing-5c8d7f9b4-abcde: Back-off restarting failed container",
        source="k8s-events",
        attrs={"type": "Warning", "reason": "BackOff", "object": "Pod/billing-5c8d7f9b4-abcde"},
    )
    b.alert(20)
    b.say(21, "Dana", "ack, checkout-api pods are crash looping")
    m = compute_metrics(b.incident().events)
    assert m.impact_start is not None and m.impact_start.event_id == warning.id
    assert m.impact_start.basis is MomentBasis.OBSERVED


def test_an_alert_nobody_acted_on_is_not_the_detection() -> None:
    b = IncidentBuilder()
    ignored = b.alert(5, name="FluentdNoOutput")
    b.say(6, "Eli", "FluentdNoOutput again, expected during maintenance, ignoring")
    report = b.say(30, "Dana", "checkout is failing for everyone, seeing 5xx")
    m = compute_metrics(b.incident().events)
    assert m.detected is not None and m.detected.event_id == report.id
    assert m.detection_source is DetectionSource.EMPLOYEE
    assert ignored.id not in {m.detected.event_id}


def test_an_alert_someone_answers_is_monitoring_detection() -> None:
    b = IncidentBuilder()
    first = b.alert(5)
    b.say(8, "Dana", "looking at CheckoutHighErrorRate now")
    m = compute_metrics(b.incident().events)
    assert m.detected is not None and m.detected.event_id == first.id
    assert m.detection_source is DetectionSource.MONITORING


def test_a_page_raised_by_hand_is_not_monitoring() -> None:
    b = IncidentBuilder()
    page = b.add(
        10,
        PAGE,
        "Triggered through the website.: Customer reports 504 from the portal",
        actor="Lena Krog",
        source="pagerduty",
        attrs={"channel_type": "web_trigger", "agent_type": "user_reference"},
    )
    m = compute_metrics(b.incident().events)
    assert m.detected is not None and m.detected.event_id == page.id
    assert m.detection_source is DetectionSource.CUSTOMER


def test_a_report_from_outside_the_company_is_a_customer_detection() -> None:
    b = IncidentBuilder()
    for minute, who, domain in ((1, "Ann", "shop"), (2, "Bo", "shop"), (3, "Cy", "shop")):
        b.add(
            minute, EventKind.MESSAGE, "morning", actor=who, attrs={"email": f"{who}@{domain}.io"}
        )
    report = b.add(
        10,
        EventKind.MESSAGE,
        "our deploys to prod time out with a webhook error",
        actor="Kim",
        attrs={"email": "kim@client.example"},
    )
    m = compute_metrics(b.incident().events)
    assert m.detected is not None and m.detected.event_id == report.id
    assert m.detection_source is DetectionSource.CUSTOMER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Declaring SEV1 for checkout", "SEV1"),
        ("Severity: SEV2 (major)", "SEV2"),
    ],
)
def test_severity_comes_from_what_the_sources_state(text: str, expected: str) -> None:
    b = IncidentBuilder()
    b.alert(5, severity="warning")
    b.say(6, "Dana", text)
    facts = compute_facts(b.incident())
    assert facts.severity is not None and facts.severity.value == expected


def test_an_alert_label_is_the_severity_of_last_resort_and_says_so() -> None:
    b = IncidentBuilder()
    b.alert(5, severity="warning")
    facts = compute_facts(b.incident())
    assert facts.severity is not None
    assert facts.severity.value == "warning"
    assert "last resort" in facts.severity.basis.value


def test_partial_then_full_mitigation() -> None:
    b = IncidentBuilder()
    b.alert(5)
    b.say(6, "Dana", "ack, CheckoutHighErrorRate")
    partial = b.say(20, "Dana", "error rate down to 9% after the config change")
    full = b.say(40, "Dana", "checkout fully restored, rolled back")
    m = compute_metrics(b.incident().events)
    assert m.partially_mitigated is not None and m.partially_mitigated.event_id == partial.id
    assert m.mitigated is not None and m.mitigated.event_id == full.id
