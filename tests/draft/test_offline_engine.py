"""The offline engine fills every section from the events, or asks the review."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.events import EventKind, FileReport, Incident, SkippedRecord
from pir_ai.ingest import load_incident
from pir_ai.postmortem import ActionType, AgendaItem, Postmortem, WhyStatus
from pir_ai.render import render_markdown
from pir_ai.verify import verify_draft
from tests.conftest import REPO
from tests.drafting_support import offline_draft
from tests.facts.test_facts import outage
from tests.incident_builder import IncidentBuilder

EXAMPLE = REPO / "examples" / "checkout-outage"


def test_every_section_is_filled_or_asks_the_review() -> None:
    pm = offline_draft(outage().incident())
    for name in (
        "summary",
        "impact",
        "detection",
        "response",
        "recovery",
        "timeline",
        "contributing_factors",
        "five_whys",
        "went_well",
        "went_poorly",
        "lucky",
        "open_questions",
    ):
        assert getattr(pm, name), f"{name} is empty"
    assert any("follow-up actions" in q for q in pm.open_questions)
    assert pm.trigger is not None and pm.trigger.needs_review
    assert pm.review_pack.agenda and pm.review_pack.attendees and pm.review_pack.opening_statement


def test_the_draft_says_it_was_made_without_a_model() -> None:
    incident = outage().incident()
    pm = offline_draft(incident)
    assert pm.metadata.generator == "offline" and pm.metadata.produced_without_model
    assert pm.metadata.sources == ["alertmanager.json", "slack.json"]
    assert pm.findings == []


def test_claims_cite_events_or_ask_the_review() -> None:
    incident = outage().incident()
    pm = offline_draft(incident)
    ids = set(incident.by_id())
    claims = [*pm.summary, *pm.detection, *pm.response, *pm.recovery, *pm.went_well]
    claims += [*pm.went_poorly, *pm.lucky, *pm.contributing_factors]
    for claim in claims:
        assert claim.needs_review or claim.evidence, claim.text
        assert set(claim.evidence) <= ids


def test_files_that_gave_no_events_are_not_listed_as_sources() -> None:
    incident = outage().incident()
    skipped = SkippedRecord(location="whole file", reason="not a known format")
    readme = FileReport(path="README.md", format="unknown", records_read=1, skipped=[skipped])
    incident.report.files.append(readme)
    assert "README.md" not in offline_draft(incident).metadata.sources


def test_severity_comes_from_alert_labels() -> None:
    assert offline_draft(outage().incident()).severity == "critical"


def test_without_a_severity_label_the_review_is_asked() -> None:
    b = IncidentBuilder()
    b.alert(0)
    pm = offline_draft(b.incident())
    assert pm.severity is None
    assert any("severity" in q for q in pm.open_questions)


def test_an_empty_incident_still_drafts_with_questions() -> None:
    pm = offline_draft(Incident.model_validate({"events": [], "report": {}}))
    assert pm.title == "Incident" and pm.open_questions
    assert all(c.needs_review for c in pm.summary)


def test_judgement_sections_are_questions_not_guesses() -> None:
    pm = offline_draft(outage().incident())
    assert all(step.status is WhyStatus.QUESTION and step.answer is None for step in pm.five_whys)
    assert len(pm.five_whys) == 5
    assert all(c.needs_review for c in pm.contributing_factors + pm.lucky)


def test_went_well_states_a_measured_fast_acknowledgement_with_citations() -> None:
    b = IncidentBuilder()
    alert = b.alert(0)
    ack = b.say(2, "marco", "ack")
    pm = offline_draft(b.incident())
    fast = [c for c in pm.went_well if c.text.startswith("Acknowledged within 2 min")]
    assert fast and fast[0].evidence == [alert.id, ack.id]


def test_went_poorly_states_a_slow_acknowledgement() -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(40, "marco", "ack")
    pm = offline_draft(b.incident())
    assert any(c.text == "Acknowledgement took 40 min after detection." for c in pm.went_poorly)
    assert not any(c.text.startswith("Acknowledged within") for c in pm.went_well)


def test_action_items_come_from_what_responders_said() -> None:
    b = IncidentBuilder()
    marked = b.say(1, "Alex M", "action item: add a canary gate for pool-size changes")
    b.say(2, "Dana", "let's roll back now")
    b.say(3, "Dana", "should we add a dashboard?")
    proposed = b.say(4, "Lena", "we should add an alert on connection-pool saturation")
    b.say(5, "marco", "+1, I'll take that one")
    b.say(6, "Priya", "TODO: load-test pool settings in staging. I'll own it")
    b.say(7, "Dana", "AI: update the status page template, assign to Jun")
    b.say(8, "Jun", "noted")
    items = offline_draft(b.incident()).action_items
    by_text = {item.text: item for item in items}
    assert list(by_text) == [
        "Add a canary gate for pool-size changes",
        "Add an alert on connection-pool saturation",
        "Load-test pool settings in staging",
        "Update the status page template, assign to Jun",
    ]
    assert by_text["Add a canary gate for pool-size changes"].owner is None
    assert by_text["Add a canary gate for pool-size changes"].evidence == [marked.id]
    assert by_text["Add an alert on connection-pool saturation"].owner == "marco"
    assert by_text["Add an alert on connection-pool saturation"].evidence == [proposed.id]
    assert by_text["Add an alert on connection-pool saturation"].type is ActionType.DETECT
    assert by_text["Load-test pool settings in staging"].owner == "Priya"
    assert by_text["Update the status page template, assign to Jun"].owner == "Jun"
    assert all(item.due is None for item in items)


def test_the_same_item_said_in_chat_and_on_the_call_is_one_item() -> None:
    b = IncidentBuilder()
    spoken = b.speak(1, "Priya Raman", "I'll add a staging load test for pool settings.")
    written = b.say(2, "Priya", "action item: load-test pool settings in staging")
    items = offline_draft(b.incident()).action_items
    assert len(items) == 1
    assert items[0].evidence == [spoken.id, written.id]
    assert items[0].owner == "Priya Raman"


@pytest.mark.parametrize(
    ("question", "reframed"),
    [
        ("who deployed this?", "What process allowed this change to reach production?"),
        ("@dan who pushed that config?", "What process allowed this change to reach production?"),
        ("Why didn't anyone notice?", "What signals were available"),
        ("why wasn't this caught in staging?", "How do our tests and rollout checks cover"),
        ("Is the database up?", None),
    ],
)
def test_who_and_why_questions_are_reframed_to_what_and_how(
    question: str, reframed: str | None
) -> None:
    b = IncidentBuilder()
    b.say(1, "Tomás", question)
    asked = offline_draft(b.incident()).review_pack.questions
    result = asked[0].reframed if asked else None
    if reframed is None:
        assert result is None
    else:
        assert result is not None and result.startswith(reframed)


def test_review_questions_come_from_the_chat() -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(3, "Tomás", "who approved this deploy?")
    pm = offline_draft(b.incident())
    assert [q.original for q in pm.review_pack.questions] == ["who approved this deploy?"]


def agenda(score: float) -> list[AgendaItem]:
    """The review agenda of an incident whose size is ``score`` of the saturating one.

    The offline engine saturates at 600 events, 12 people and 6 distinct alerts.
    """
    b = IncidentBuilder()
    alerts, people = round(6 * score), round(12 * score)
    for n in range(alerts):
        b.alert(n, name=f"Alert{n}")
    for n in range(round(600 * score) - alerts):
        b.say(10 + n / 10, f"Person {n % people}", f"status update {n}")
    return offline_draft(b.incident()).review_pack.agenda


def test_the_agenda_grows_with_complexity_within_45_to_90_minutes() -> None:
    small, large = agenda(0.0), agenda(1.0)
    assert [a.minutes for a in small] == [5, 5, 10, 15, 10, 5]
    assert [a.minutes for a in large] == [5, 5, 20, 20, 10, 15]
    for items in (small, large, agenda(0.5)):
        assert 45 <= sum(a.minutes for a in items) <= 90


def test_a_bot_acknowledgement_names_the_participant_it_mentions() -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(1, "Marco Bellini", "looking at dashboards")
    b.add(
        2,
        EventKind.ALERT_ACKNOWLEDGED,
        "Acknowledged #4471 by Marco Bellini",
        actor="PagerDuty",
        is_bot=True,
    )
    pm = offline_draft(b.incident())
    roles = {a.role: a.name for a in pm.review_pack.attendees}
    assert roles["First responder"] == "Marco Bellini"
    assert pm.response[0].text.startswith("Marco Bellini acknowledged 2 min after detection.")


def test_attendees_are_named_from_their_roles_in_the_events() -> None:
    b = IncidentBuilder()
    b.alert(0)
    b.say(1, "marco", "ack, I'm on it")
    b.say(2, "Dana (she/her)", "I'm IC. Bridge is open")
    b.say(3, "Sam", "support here: 40+ chats in 5 minutes")
    b.speak(4, "Dana Okafor", "This is Dana.")
    roles = {a.role: a.name for a in offline_draft(b.incident()).review_pack.attendees}
    assert roles["Incident commander"] == "Dana Okafor"
    assert roles["First responder"] == "marco"
    assert roles["Support"] == "Sam"
    assert roles["Facilitator"] is None


# The example incident, against its known answers.


def _example() -> tuple[Incident, Postmortem, dict[str, object]]:
    sources = [EXAMPLE / name for name in ("alerts", "slack-export", "transcript")]
    incident = load_incident(sources)
    gold = json.loads((EXAMPLE / "gold.json").read_text("utf-8"))
    return incident, offline_draft(incident), gold


needs_example = pytest.mark.skipif(
    not (EXAMPLE / "gold.json").exists(), reason="examples/checkout-outage not present"
)


@needs_example
def test_example_moments_and_durations_match_the_known_answers() -> None:
    _, pm, gold = _example()
    moments = gold["moments"]
    assert isinstance(moments, dict)
    for name, ts in moments.items():
        found = getattr(pm.metrics, name)
        assert found is not None and found.ts == datetime.fromisoformat(ts), name
    m = pm.metrics
    durations = {
        "ttd_min": m.time_to_detect_s,
        "tta_min": m.time_to_acknowledge_s,
        "ttm_min": m.time_to_mitigate_s,
        "ttr_min": m.time_to_resolve_s,
    }
    for key, seconds in durations.items():
        assert seconds is not None
        assert seconds / 60 == pytest.approx(gold[key], abs=0.02), key


@needs_example
def test_example_impact_figures_match_the_known_answers() -> None:
    _, pm, gold = _example()
    stated = [f.value for f in pm.impact if not f.computed]
    figures = gold["impact_figures"]
    assert isinstance(figures, list)
    for figure in figures:
        assert any(figure in value for value in stated), figure


@needs_example
def test_example_timeline_holds_every_key_event_at_its_time() -> None:
    incident, pm, gold = _example()
    by_id = incident.by_id()
    rows = [(t.ts, by_id[t.event_id].text) for t in pm.timeline]
    key_events = gold["key_events"]
    assert isinstance(key_events, list)
    for key in key_events:
        when = datetime.fromisoformat(key["ts"])
        assert any(ts == when and key["contains"] in text for ts, text in rows), key


@needs_example
def test_example_trigger_and_action_owners() -> None:
    _, pm, _ = _example()
    assert pm.trigger is not None and "2024.05.14-3" in pm.trigger.text
    owners = {item.owner for item in pm.action_items}
    assert {"Marco Bellini", "Lena Fischer", "Priya Raman"} <= owners


@needs_example
def test_example_draft_passes_grounding_checks() -> None:
    incident, pm, _ = _example()
    assert verify_draft(pm, incident.by_id()) == []


KINDS = list(EventKind)
WORDS = st.sampled_from(
    [
        "ack",
        "rolled back?",
        "rollback complete",
        "customers say checkout fails",
        "error rate 38%",
        "we should add an alert on pool saturation",
        "who deployed this?",
        "Deploy v1.2.3 started",
        "I'm IC",
        "",
        "about 1,240 orders failed",
        "Closing the incident",
    ]
)


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=600, allow_nan=False),
            st.sampled_from(KINDS),
            WORDS,
            st.sampled_from([None, "Dana", "marco", "Marco Bellini"]),
            st.booleans(),
        ),
        max_size=40,
    )
)
def test_any_event_stream_drafts_and_renders_with_only_event_times(
    rows: list[tuple[float, EventKind, str, str | None, bool]],
) -> None:
    b = IncidentBuilder()
    for minute, kind, text, actor, is_bot in rows:
        b.add(minute, kind, text, actor=actor, is_bot=is_bot)
    incident = b.incident()
    pm = offline_draft(incident)
    by_id = incident.by_id()
    assert all(entry.ts == by_id[entry.event_id].ts for entry in pm.timeline)
    for name in ("impact_start", "detected", "acknowledged", "mitigated", "resolved"):
        found = getattr(pm.metrics, name)
        assert found is None or found.ts == by_id[found.event_id].ts
    assert render_markdown(pm).startswith("# ")
