"""Cross-source merge: duplicates counted, one name per person, chat alerts linked to tools."""

from __future__ import annotations

from pathlib import Path

from pir_ai.events import EventKind
from pir_ai.ingest import load_incident, merge_results

from .builders import event, merged, result
from .fuzzing import FIXTURES

WORKSPACE = FIXTURES / "slack_export" / "workspace"


def test_same_record_in_two_files_is_one_event_and_still_accounted() -> None:
    one = event("alertmanager", "a1", kind=EventKind.ALERT_TRIGGERED)
    events, report = merge_results([result("alertmanager", [one]), result("alertmanager", [one])])
    assert len(events) == 1
    assert report.records_read == report.events_produced + report.skipped_count == 2
    assert "duplicate" in report.files[1].skipped[0].reason


def test_slack_names_and_email_make_one_person_across_sources() -> None:
    slack = event("slack", "s1", actor="priya", email="priya@acme.example", real_name="Priya Raman")
    pager = event("pagerduty", "p1", kind=EventKind.ALERT_ACKNOWLEDGED, actor="priya raman ")
    speaker = event("webvtt", "v1", kind=EventKind.TRANSCRIPT_CUE, actor="Priya")
    by_email = event("gitlog", "g1", kind=EventKind.CHANGE, actor="PRIYA@acme.example")
    events = merged(
        result("slack-export", [slack]),
        result("pagerduty", [pager]),
        result("webvtt", [speaker]),
        result("gitlog", [by_email]),
    )
    assert {e.actor for e in events.values()} == {"Priya Raman"}
    assert events["s1"].attrs["source_actor"] == "priya"
    assert events["v1"].attrs["source_actor"] == "Priya"
    assert events["g1"].attrs["source_actor"] == "PRIYA@acme.example"


def test_a_full_surname_wins_over_an_abbreviated_display_name() -> None:
    # The display name is used more often, but the fuller name still wins.
    slack = [event("slack", f"s{i}", actor="Alex M", real_name="Alex Moreau") for i in (1, 2, 3)]
    speaker = event("webvtt", "v1", kind=EventKind.TRANSCRIPT_CUE, actor="Alex Moreau")
    events = merged(result("slack-export", slack), result("webvtt", [speaker]))
    assert {e.actor for e in events.values()} == {"Alex Moreau"}
    assert events["s1"].attrs["source_actor"] == "Alex M"


def test_unchanged_names_get_no_source_actor() -> None:
    events = merged(result("pagerduty", [event("pagerduty", "p1", actor="Priya Raman")]))
    assert events["p1"].actor == "Priya Raman"
    assert "source_actor" not in events["p1"].attrs


def test_people_facts_name_a_transcript_speaker_with_no_chat_message() -> None:
    speaker = event("webvtt", "v1", kind=EventKind.TRANSCRIPT_CUE, actor="marco")
    people = [{"name": "Marco Diaz", "real_name": "Marco Diaz", "email": "marco@acme.example"}]
    events = merged(result("webvtt", [speaker]), result("slack-export", [], people=people))
    assert events["v1"].actor == "Marco Diaz"


def test_a_first_name_shared_by_two_people_stays_as_spoken() -> None:
    a = event("slack", "s1", actor="Priya Raman")
    b = event("slack", "s2", actor="Priya Shah")
    speaker = event("webvtt", "v1", kind=EventKind.TRANSCRIPT_CUE, actor="Priya")
    events = merged(result("slack-export", [a, b]), result("webvtt", [speaker]))
    assert events["v1"].actor == "Priya"
    assert (events["s1"].actor, events["s2"].actor) == ("Priya Raman", "Priya Shah")


def test_guest_note_on_a_speaker_name_does_not_split_the_person() -> None:
    slack = event("slack", "s1", actor="Sam Guest")
    speaker = event("webvtt", "v1", kind=EventKind.TRANSCRIPT_CUE, actor="Sam Guest (Guest)")
    events = merged(result("slack-export", [slack]), result("webvtt", [speaker]))
    assert events["v1"].actor == "Sam Guest"


def test_bot_names_never_absorb_a_first_name() -> None:
    bot = event("slack", "b1", actor="Deploy Bot", is_bot=True)
    speaker = event("webvtt", "v1", kind=EventKind.TRANSCRIPT_CUE, actor="Deploy")
    events = merged(result("slack-export", [bot]), result("webvtt", [speaker]))
    assert events["v1"].actor == "Deploy"


def test_chat_alert_and_tool_alert_are_linked_both_ways() -> None:
    chat = event(
        "slack",
        "c1",
        kind=EventKind.ALERT_TRIGGERED,
        actor="Alertmanager",
        is_bot=True,
        minutes=0.5,
        alertname="HighErrorRate",
        alert_title="HighErrorRate (checkout-api critical)",
    )
    tool = event(
        "alertmanager", "t1", kind=EventKind.ALERT_TRIGGERED, is_bot=True, alertname="HighErrorRate"
    )
    events = merged(result("slack-export", [chat]), result("alertmanager", [tool]))
    assert events["c1"].links == (tool.id,)
    assert events["t1"].links == (chat.id,)
    assert events["c1"].attrs["copy_of"] == tool.id
    assert "copy_of" not in events["t1"].attrs


def test_pagerduty_incident_number_links_an_acknowledgement() -> None:
    chat = event(
        "slack", "c1", kind=EventKind.ALERT_ACKNOWLEDGED, is_bot=True, incident_number="1234"
    )
    tool = event(
        "pagerduty",
        "t1",
        kind=EventKind.ALERT_ACKNOWLEDGED,
        minutes=-2,
        incident_number="1234",
        alertname="High error rate on checkout-api",
    )
    events = merged(result("slack-export", [chat]), result("pagerduty", [tool]))
    assert events["c1"].links == (tool.id,)


def test_alerts_are_not_linked_across_kind_name_or_ten_minutes() -> None:
    chat = event("slack", "c1", kind=EventKind.ALERT_TRIGGERED, is_bot=True, alertname="HighCPU")
    resolved = event("alertmanager", "t1", kind=EventKind.ALERT_RESOLVED, alertname="HighCPU")
    other = event("alertmanager", "t2", kind=EventKind.ALERT_TRIGGERED, alertname="DiskFull")
    late = event(
        "alertmanager", "t3", kind=EventKind.ALERT_TRIGGERED, minutes=10.5, alertname="HighCPU"
    )
    events = merged(result("slack-export", [chat]), result("alertmanager", [resolved, other, late]))
    assert all(e.links == () for e in events.values())


def test_the_nearest_tool_event_is_the_one_linked() -> None:
    chat = event("slack", "c1", kind=EventKind.ALERT_TRIGGERED, minutes=5, alertname="HighCPU")
    early = event("alertmanager", "t1", kind=EventKind.ALERT_TRIGGERED, alertname="HighCPU")
    near = event(
        "alertmanager", "t2", kind=EventKind.ALERT_TRIGGERED, minutes=4, alertname="HighCPU"
    )
    events = merged(result("slack-export", [chat]), result("alertmanager", [early, near]))
    assert events["c1"].links == (near.id,)
    assert events["t1"].links == ()


def test_two_chat_alerts_are_never_linked_to_each_other() -> None:
    slack = event("slack", "c1", kind=EventKind.ALERT_TRIGGERED, alertname="HighCPU")
    teams = event("teams", "c2", kind=EventKind.ALERT_TRIGGERED, alertname="HighCPU")
    events = merged(result("slack-export", [slack]), result("teams-graph", [teams]))
    assert all(e.links == () for e in events.values())


ALERTMANAGER_FIRING = """{
  "version": "4",
  "groupKey": "{}:{alertname=\\"HighErrorRate\\"}",
  "truncatedAlerts": 0,
  "status": "firing",
  "receiver": "slack-sre",
  "groupLabels": {"alertname": "HighErrorRate"},
  "commonLabels": {"alertname": "HighErrorRate", "service": "checkout-api", "severity": "critical"},
  "commonAnnotations": {"summary": "5xx ratio above 5% on checkout-api"},
  "externalURL": "https://alertmanager.acme.example",
  "alerts": [
    {
      "status": "firing",
      "labels": {"alertname": "HighErrorRate", "service": "checkout-api", "severity": "critical"},
      "annotations": {"summary": "5xx ratio above 5% on checkout-api"},
      "startsAt": "2024-05-01T23:41:58.120Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "https://prometheus.acme.example/graph?g0.expr=job_errors",
      "fingerprint": "c5e4a1a3d2f1b0e9"
    }
  ]
}
"""


def test_export_and_alertmanager_load_as_one_linked_incident(tmp_path: Path) -> None:
    webhook = tmp_path / "alertmanager.json"
    webhook.write_text(ALERTMANAGER_FIRING, encoding="utf-8")
    incident = load_incident([WORKSPACE, webhook])
    firing = [e for e in incident.events if e.kind is EventKind.ALERT_TRIGGERED]
    chat_copy = next(e for e in firing if e.source == "slack" and e.actor == "Alertmanager")
    tool = next(e for e in firing if e.source != "slack")
    assert chat_copy.links == (tool.id,)
    assert tool.links == (chat_copy.id,)
    priya = {e.actor for e in incident.events if e.attrs.get("user_id") == "U01PRIYA"}
    assert priya == {"Priya Raman"}
    report = incident.report
    assert report.records_read == report.events_produced + report.skipped_count
