"""Condensing an incident for a prompt: noise out, repeats grouped, key events kept."""

from __future__ import annotations

import re

import pytest

from pir_ai.budget import (
    chunk_lines,
    condense,
    condense_ratio,
    count_tokens,
    input_budget,
    is_chatter,
    naive_dump,
)
from pir_ai.events import EventKind
from pir_ai.facts import compute_metrics
from tests.drafting_support import IncidentBuilder, checkout_story, huge_incident


def test_system_events_are_dropped_and_counted() -> None:
    incident, roles = checkout_story()
    condensed = condense(incident.events)
    assert roles["join"].id not in {m for line in condensed.lines for m in line.members}
    assert condensed.dropped["system event"] == 1


def test_repeated_alerts_become_one_line_with_count_and_last_time() -> None:
    b = IncidentBuilder()
    b.say(0, "Ann", "deploying the new pool settings now")
    for minute in range(5):
        b.alert(600 + 60 * minute, "DiskFull", f"disk at {90 + minute}%")
    condensed = condense(b.build().events)
    disk = [line for line in condensed.lines if "DiskFull" in line.text or "disk at" in line.text]
    grouped = [line for line in disk if len(line.members) > 1]
    assert len(grouped) == 1
    assert "repeated" in grouped[0].text
    assert re.search(rf"repeated {len(grouped[0].members)} times until", grouped[0].text)
    assert sum(len(line.members) for line in disk) == 5


def test_bot_messages_repeated_word_for_word_are_grouped_but_different_ones_are_not() -> None:
    b = IncidentBuilder()
    for hour in range(3):
        b.add(hour * 3600, EventKind.MESSAGE, "Reminder: handover at 9", actor="bot", bot=True)
    b.add(4 * 3600, EventKind.MESSAGE, "Deploy 12 of search-api started", actor="bot", bot=True)
    b.add(5 * 3600, EventKind.MESSAGE, "Deploy 13 of search-api started", actor="bot", bot=True)
    lines = condense(b.build().events).lines
    assert [len(line.members) for line in lines] == [3, 1, 1]


def test_chatter_is_kept_near_key_moments_and_dropped_far_from_them() -> None:
    b = IncidentBuilder()
    far = b.say(0, "Ann", "ok")
    b.say(3600 * 5, "Ann", "checkout is failing for customers")
    b.alert(3600 * 5 + 60, "CheckoutHighErrorRate", "5xx at 12%")
    near = b.say(3600 * 5 + 120, "Bob", "+1")
    kept = {line.event_id for line in condense(b.build().events).lines}
    assert near.id in kept
    assert far.id not in kept


def test_messages_that_say_something_are_kept_even_far_from_key_moments() -> None:
    b = IncidentBuilder()
    remark = b.say(0, "Ann", "the pgbouncer pool was resized this morning")
    b.alert(3600, "CheckoutHighErrorRate", "5xx at 12%")
    assert remark.id in {line.event_id for line in condense(b.build().events).lines}


def test_messages_outside_the_incident_span_go_but_changes_and_alerts_reach_further() -> None:
    b = IncidentBuilder()
    old_chat = b.say(0, "Ann", "lunch plans for friday, anyone?")
    old_change = b.add(3600, EventKind.CHANGE, "Deploy pgbouncer 1.2", actor="Ann")
    b.alert(3600 * 9, "CheckoutHighErrorRate", "5xx at 12%")
    b.say(3600 * 9 + 60, "Bob", "looking into the 5xx on checkout")
    b.alert(3600 * 10, "CheckoutHighErrorRate", "resolved", kind=EventKind.ALERT_RESOLVED)
    late_alert = b.alert(3600 * 15, "DiskFull", "disk at 91%", kind=EventKind.ALERT_RESOLVED)
    after = b.say(3600 * 20, "Ann", "retro notes are in the doc")
    condensed = condense(b.build().events)
    kept = {line.event_id for line in condensed.lines}
    assert old_change.id in kept and late_alert.id in kept
    assert old_chat.id not in kept
    assert after.id not in kept
    assert condensed.dropped["outside the incident span"] == 2


@pytest.mark.parametrize("text", ["ok", "+1", "Thanks!", "looking", ":eyes:", ""])
def test_chatter_is_recognised(text: str) -> None:
    assert is_chatter(text)


@pytest.mark.parametrize("text", ["ok, rolling back now", "error rate 38%", "is it DNS?"])
def test_messages_with_content_are_not_chatter(text: str) -> None:
    assert not is_chatter(text)


def test_short_ids_are_sequential_and_map_back_to_real_events() -> None:
    incident, _ = checkout_story()
    condensed = condense(incident.events)
    by_id = incident.by_id()
    assert [line.short_id for line in condensed.lines] == [
        f"E{n}" for n in range(1, len(condensed.lines) + 1)
    ]
    for short, real in condensed.short_ids.items():
        assert by_id[real].ts == next(li.ts for li in condensed.lines if li.short_id == short)


def test_lines_show_the_short_id_the_time_and_the_text() -> None:
    incident, roles = checkout_story()
    line = next(li for li in condense(incident.events).lines if li.event_id == roles["impact"].id)
    assert line.text.startswith(f"{line.short_id} 06:25:00 [slack #inc-checkout] Dana: ")
    assert "1,204 failed orders" in line.text


def test_chunks_never_exceed_the_budget_and_keep_every_line_in_order() -> None:
    incident, _ = huge_incident(3000)
    lines = condense(incident.events).lines
    chunks = chunk_lines(lines, 800)
    assert all(sum(li.tokens + 1 for li in chunk) <= 800 for chunk in chunks)
    assert [li for chunk in chunks for li in chunk] == lines


def test_input_budget_keeps_room_for_the_answer() -> None:
    assert input_budget(16_000, reserve=4_000) == 12_000
    assert input_budget(1_000, reserve=4_000) == 0


def test_a_huge_incident_condenses_to_a_fifth_of_a_naive_dump_and_keeps_its_key_events() -> None:
    incident, roles = huge_incident(100_000)
    stats = condense_ratio(incident, "gpt-4o")
    assert stats.events == 100_000
    assert stats.ratio <= 0.2, stats
    assert stats.key_events > 0
    assert stats.key_events_kept == stats.key_events
    citable = {line.event_id for line in condense(incident.events).lines}
    assert {e.id for e in roles.values()} <= citable


def test_expected_events_are_reported_missing_only_when_no_line_stands_for_them() -> None:
    incident, roles = checkout_story()
    impact, join = roles["impact"], roles["join"]
    stats = condense_ratio(
        incident, "gpt-4o", expected=[(impact.ts, "1,204 failed orders"), (join.ts, "joined")]
    )
    assert stats.missing_expected == ["joined"]


def test_the_ratio_is_measured_against_every_event() -> None:
    incident, _ = checkout_story()
    stats = condense_ratio(incident, "gpt-4o")
    assert stats.naive_tokens == count_tokens(naive_dump(incident.events))
    assert 0 < stats.ratio < 1
    assert stats.fits


def test_key_moments_of_the_metrics_are_citable() -> None:
    incident, _ = checkout_story()
    metrics = compute_metrics(incident.events)
    citable = {line.event_id for line in condense(incident.events, metrics=metrics).lines}
    moments = [metrics.impact_start, metrics.detected, metrics.mitigated, metrics.resolved]
    assert all(m is not None and m.event_id in citable for m in moments)
