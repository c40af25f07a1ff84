"""Namesakes: one full name, two people told apart by email; everyone else joined as before."""

from __future__ import annotations

from collections.abc import Mapping

from pir_ai import draft_postmortem, render_markdown
from pir_ai.events import Event
from pir_ai.ingest import load_incident

from .builders import event as build_event
from .builders import merged, result
from .fuzzing import FIXTURES

NAMESAKES = FIXTURES / "namesakes"
PAYMENTS_ALEX = "Alex Kim [alex.kim]"
DATABASE_ALEX = "Alex Kim [akim]"


def event(source: str, key: str, actor: str, **attrs: str) -> Event:
    return build_event(source, key, actor=actor, minutes=len(key), **attrs)


def unified(events: list[Event], people: list[Mapping[str, str]] | None = None) -> list[Event]:
    """The events after the merge gave each person one name (``people``: a users.json)."""
    by_record = merged(result("slack-export", events, people=people or []))
    return [by_record[e.ref.record] for e in events]


def actors(*events: Event) -> dict[str, str | None]:
    return {e.ref.record: e.actor for e in unified(list(events))}


def test_two_slack_users_with_one_name_and_two_emails_stay_two_people() -> None:
    incident = load_incident(NAMESAKES / "slack-export")
    said = {e.text[:20]: e.actor for e in incident.events if e.source == "slack"}
    assert said["Looking. payment-api"] == PAYMENTS_ALEX
    assert said["502s are gone since "] == PAYMENTS_ALEX
    assert said["payments-db primary "] == DATABASE_ALEX


def test_a_speaker_two_namesakes_fit_stays_as_spoken_and_others_still_join() -> None:
    incident = load_incident(NAMESAKES)
    spoken = {e.text.split()[0]: e.actor for e in incident.events if e.source == "webvtt"}
    assert spoken == {"Quick": "Dana Ortiz", "The": "Alex Kim", "Thanks.": "Dana Ortiz"}
    assert {e.actor for e in incident.events if e.source == "slack"} == {
        "Dana Ortiz",
        PAYMENTS_ALEX,
        DATABASE_ALEX,
    }


def test_a_speaker_joins_the_one_namesake_with_an_email_when_only_one_has_that_name() -> None:
    chat = event("slack", "s1", "Alex Kim", email="alex.kim@corp.example")
    other = event("slack", "s22", "Alex Kimura", email="akim@corp.example")
    speaker = event("webvtt", "v1", "alex kim")
    assert actors(chat, other, speaker)["v1"] == "Alex Kim"


def test_same_name_and_same_email_in_any_case_is_one_person() -> None:
    a = event("slack", "s1", "Alex Kim", email="alex.kim@corp.example")
    b = event("pagerduty", "p1", "Alex Kim", email="Alex.Kim@corp.example")
    assert set(actors(a, b).values()) == {"Alex Kim"}


def test_same_name_without_emails_is_still_one_person() -> None:
    a = event("slack", "s1", "Alex Kim", user_id="U1")
    b = event("slack", "s22", "Alex Kim", user_id="U2")
    named = unified([a, b])
    assert [e.actor for e in named] == ["Alex Kim", "Alex Kim"]
    assert not any("source_actor" in e.attrs for e in named)  # nobody renamed


def test_a_lone_first_name_two_namesakes_fit_stays_as_spoken() -> None:
    a = event("slack", "s1", "Alex Kim", email="alex.kim@corp.example")
    b = event("slack", "s22", "Alex Kim", email="akim@corp.example")
    speaker = event("webvtt", "v1", "Alex")
    assert actors(a, b, speaker) == {"s1": PAYMENTS_ALEX, "s22": DATABASE_ALEX, "v1": "Alex"}


def test_namesake_names_do_not_depend_on_event_order() -> None:
    a = event("slack", "s1", "Alex Kim", email="alex.kim@corp.example")
    b = event("slack", "s22", "Alex Kim", email="akim@corp.example")
    assert actors(a, b) == actors(b, a)


def test_namesakes_with_one_local_part_are_named_by_their_domains() -> None:
    a = event("slack", "s1", "Alex Kim", email="alex.kim@corp.example")
    b = event("slack", "s22", "Alex Kim", email="alex.kim@acquired.example")
    assert actors(a, b) == {"s1": "Alex Kim [corp.example]", "s22": "Alex Kim [acquired.example]"}


def test_three_namesakes_no_one_part_tells_apart_are_named_by_whole_emails() -> None:
    emails = ("alex@corp.example", "alex@acquired.example", "akim@corp.example")
    named = actors(*(event("slack", f"s{i}", "Alex Kim", email=e) for i, e in enumerate(emails)))
    assert named == {f"s{i}": f"Alex Kim [{e}]" for i, e in enumerate(emails)}


def test_the_offline_engine_keeps_namesakes_apart() -> None:
    markdown = render_markdown(draft_postmortem(load_incident(NAMESAKES / "slack-export")))
    wrote = next(line for line in markdown.splitlines() if "wrote in the incident chat" in line)
    assert wrote.startswith(f"- 3 people wrote in the incident chat: Dana Ortiz, {PAYMENTS_ALEX}, ")
    assert DATABASE_ALEX in wrote


def test_a_display_name_shared_by_two_emails_does_not_join_their_people() -> None:
    people = [
        {"name": "alex", "real_name": "Alex Kim", "email": "alex.kim@corp.example"},
        {"name": "alex", "real_name": "Alex Wu", "email": "alex.wu@corp.example"},
    ]
    a = event("slack", "s1", "alex", email="alex.kim@corp.example")
    b = event("slack", "s22", "alex", email="alex.wu@corp.example")
    assert {e.actor for e in unified([a, b], people)} == {"Alex Kim", "Alex Wu"}


def test_a_directory_namesake_who_never_acts_neither_splits_nor_tags_the_one_who_does() -> None:
    people = [
        {"name": "alex.kim", "real_name": "Alex Kim", "email": "alex.kim@corp.example"},
        {"name": "akim", "real_name": "Alex Kim", "email": "akim@corp.example"},
    ]
    chat = event("slack", "s1", "alex.kim", email="alex.kim@corp.example", real_name="Alex Kim")
    speaker = event("webvtt", "v1", "Alex Kim")
    named = {e.ref.record: e.actor for e in unified([chat, speaker], people)}
    assert named == {"s1": "Alex Kim", "v1": "Alex Kim"}


def test_a_speaker_two_directory_namesakes_fit_stays_as_spoken() -> None:
    people = [
        {"name": "alex.kim", "real_name": "Alex Kim", "email": "alex.kim@corp.example"},
        {"name": "akim", "real_name": "Alex Kim", "email": "akim@corp.example"},
    ]
    speaker = event("webvtt", "v1", "alex kim")
    assert unified([speaker], people)[0].actor == "alex kim"
