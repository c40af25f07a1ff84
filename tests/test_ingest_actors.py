"""Namesakes: one full name, two people told apart by email; everyone else joined as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pir_ai.events import Event, EventKind, SourceRef, make_event_id
from pir_ai.ingest._actors import actor_renames, unify_actors
from pir_ai.ingest import load_incident
from pir_ai.draft._offline.people import participants

from .conftest import FIXTURES

NAMESAKES = FIXTURES / "namesakes"
PAYMENTS_ALEX = "Alex Kim [alex.kim]"
DATABASE_ALEX = "Alex Kim [akim]"
T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)


def event(source: str, key: str, actor: str, **attrs: str) -> Event:
    return Event(
        id=make_event_id(source, key),
        ts=T0 + timedelta(seconds=len(key)),
        source=source,
        kind=EventKind.MESSAGE,
        actor=actor,
        ref=SourceRef(path=f"{source}.json", record=key),
        attrs=attrs,
    )


def actors(*events: Event) -> dict[str, str | None]:
    return {e.ref.record: e.actor for e in unify_actors(list(events))}


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
    assert actor_renames([a, b]) == {}


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
    events = load_incident(NAMESAKES / "slack-export").events
    names = participants(events)
    assert {names[PAYMENTS_ALEX], names[DATABASE_ALEX]} == {PAYMENTS_ALEX, DATABASE_ALEX}


def test_a_display_name_shared_by_two_emails_does_not_join_their_people() -> None:
    people = [
        {"name": "alex", "real_name": "Alex Kim", "email": "alex.kim@corp.example"},
        {"name": "alex", "real_name": "Alex Wu", "email": "alex.wu@corp.example"},
    ]
    a = event("slack", "s1", "alex", email="alex.kim@corp.example")
    b = event("slack", "s22", "alex", email="alex.wu@corp.example")
    assert {e.actor for e in unify_actors([a, b], people)} == {"Alex Kim", "Alex Wu"}


def test_a_directory_namesake_who_never_acts_neither_splits_nor_tags_the_one_who_does() -> None:
    people = [
        {"name": "alex.kim", "real_name": "Alex Kim", "email": "alex.kim@corp.example"},
        {"name": "akim", "real_name": "Alex Kim", "email": "akim@corp.example"},
    ]
    chat = event("slack", "s1", "alex.kim", email="alex.kim@corp.example", real_name="Alex Kim")
    speaker = event("webvtt", "v1", "Alex Kim")
    named = {e.ref.record: e.actor for e in unify_actors([chat, speaker], people)}
    assert named == {"s1": "Alex Kim", "v1": "Alex Kim"}


def test_a_speaker_two_directory_namesakes_fit_stays_as_spoken() -> None:
    people = [
        {"name": "alex.kim", "real_name": "Alex Kim", "email": "alex.kim@corp.example"},
        {"name": "akim", "real_name": "Alex Kim", "email": "akim@corp.example"},
    ]
    speaker = event("webvtt", "v1", "alex kim")
    assert unify_actors([speaker], people)[0].actor == "alex kim"
