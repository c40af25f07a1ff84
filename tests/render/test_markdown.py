"""Markdown rendering of a draft, and the published JSON schema."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from pir_ai.findings import Category, Finding, Location, Severity
from pir_ai.postmortem import ActionItem, Claim, Postmortem
from pir_ai.render import postmortem_schema, render_markdown
from tests.conftest import REPO
from tests.drafting_support import offline_draft
from tests.facts.test_facts import outage

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")


def draft() -> Postmortem:
    return offline_draft(outage().incident())


def section(markdown: str, title: str) -> str:
    """The body of one '## title' section."""
    start = markdown.index(f"## {title}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


def test_header_names_title_severity_status_and_the_offline_banner() -> None:
    md = render_markdown(draft())
    assert md.startswith("# CheckoutHighErrorRate on checkout-api\n")
    assert "**Severity:** critical · **Status:** draft" in md
    assert "Drafted without a model (offline engine)" in md


def test_no_banner_when_a_model_drafted() -> None:
    pm = draft()
    pm.metadata.produced_without_model = False
    assert "Drafted without a model" not in render_markdown(pm)


def test_every_section_is_rendered_in_order() -> None:
    md = render_markdown(draft())
    titles = re.findall(r"^## (.+)$", md, flags=re.MULTILINE)
    assert titles == [
        "Summary",
        "Impact",
        "Detection",
        "Response",
        "Recovery",
        "Key metrics",
        "Timeline",
        "Trigger",
        "Contributing factors",
        "5 whys",
        "What went well",
        "What went poorly",
        "Where we got lucky",
        "Action items",
        "Open questions",
        "Review meeting",
        "For human review",
    ]


def test_every_time_shown_is_the_time_of_an_event() -> None:
    incident = outage().incident()
    md = render_markdown(offline_draft(incident))
    event_times = {e.ts.strftime("%Y-%m-%dT%H:%M:%SZ") for e in incident.events}
    shown = ISO_TIME.findall(md)
    assert shown and set(shown) <= event_times
    quoted = "\n".join(e.text for e in incident.events)
    assert all(clock in quoted for clock in CLOCK.findall(ISO_TIME.sub("", md)))


def test_metrics_show_durations_and_moment_times_with_event_ids() -> None:
    pm = draft()
    md = section(render_markdown(pm), "Key metrics")
    # The customer's report is both the first sign and the detection: TTD is unknown.
    assert "| Time to detect (TTD) | unknown: no record before the detection" in md
    assert "| Time to acknowledge (TTA) | 7 min |" in md
    assert pm.metrics.detected is not None
    assert f"2024-05-14T06:16:30Z [{pm.metrics.detected.event_id}] | observed: Sam" in md
    assert "Other candidates for detection, for review:" in md


def test_timeline_rows_carry_time_event_actor_and_text() -> None:
    pm = draft()
    md = section(render_markdown(pm), "Timeline")
    first = pm.timeline[0]
    row = f"| {first.ts:%Y-%m-%dT%H:%M:%SZ} | {first.event_id} | {first.actor} |"
    assert row in md


def test_claims_show_evidence_ids_and_review_marks() -> None:
    pm = draft()
    pm.summary = [
        Claim(text="Checkout failed.", evidence=["ev_000000000001"]),
        Claim(text="What triggered it?", needs_review=True),
    ]
    md = section(render_markdown(pm), "Summary")
    assert "- Checkout failed. [ev_000000000001]" in md
    assert "- What triggered it? (to confirm in review)" in md


def test_pipes_in_table_cells_are_escaped() -> None:
    pm = draft()
    pm.action_items = [ActionItem(text="Alert when a | b", owner=None, evidence=["ev_1"])]
    md = section(render_markdown(pm), "Action items")
    assert "| Alert when a \\| b | unassigned |" in md


def test_findings_appear_under_for_human_review() -> None:
    pm = draft()
    pm.findings = [
        Finding(
            code="PIR301",
            category=Category.ACTION_ITEM,
            severity=Severity.WARNING,
            message="action item has no owner",
            location=Location(field="action_items[0].owner"),
            suggestion="Name one participant",
        )
    ]
    md = section(render_markdown(pm), "For human review")
    assert "| PIR301 | warning | action_items[0].owner | action item has no owner |" in md


def test_the_creation_time_is_not_shown() -> None:
    pm = draft()
    pm.metadata.created_at = datetime(2031, 1, 2, 3, 4, 5, tzinfo=UTC)
    md = render_markdown(pm)
    assert "2031" not in md and "03:04" not in md


def test_review_meeting_lists_agenda_total_attendees_and_opening() -> None:
    pm = draft()
    md = section(render_markdown(pm), "Review meeting")
    assert f"**Agenda ({pm.review_pack.total_minutes} min)**" in md
    assert "- Facilitator: to be named" in md
    assert pm.review_pack.opening_statement in md


def test_json_rendering_round_trips() -> None:
    pm = draft()
    assert Postmortem.model_validate_json(pm.to_json()) == pm


def test_published_schema_matches_the_model() -> None:
    published = json.loads((REPO / "docs" / "postmortem.schema.json").read_text("utf-8"))
    assert published == postmortem_schema(), (
        "regenerate docs/postmortem.schema.json from pir_ai.render.postmortem_schema()"
        " (sorted keys, two-space indent)"
    )
