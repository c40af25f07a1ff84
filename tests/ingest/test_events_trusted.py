"""The trusted constructors built-in parsers use must give what validation gives."""

from __future__ import annotations

import gc
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pir_ai.events import Event, EventKind, SourceRef, collector_paused
from pir_ai.ingest import parse_any

from .builders import read_alerts

WHEN = datetime(2024, 6, 2, 12, 27, 51, 123456, tzinfo=UTC)


def _build(*, trusted: bool, ts: datetime, end_ts: datetime | None = None) -> Event:
    build = Event.trusted if trusted else Event
    ref = SourceRef.trusted if trusted else SourceRef
    return build(
        id="ev_0123456789ab",
        ts=ts,
        source="alertmanager",
        kind=EventKind.ALERT_RESOLVED,
        actor="Alertmanager",
        text="[RESOLVED] HighErrorRate",
        ref=ref(path="a.jsonl", record="line 2 alerts[0]", line=2),
        channel="payments-api",
        is_bot=True,
        attrs={"alertname": "HighErrorRate", "status": "resolved"},
        end_ts=end_ts,
    )


def test_trusted_event_equals_the_validated_one_and_dumps_the_same() -> None:
    end = WHEN + timedelta(minutes=3)
    validated = _build(trusted=False, ts=WHEN, end_ts=end)
    trusted = _build(trusted=True, ts=WHEN, end_ts=end)
    assert trusted == validated
    assert trusted.model_dump_json() == validated.model_dump_json()
    assert Event.model_validate_json(trusted.model_dump_json()) == validated


def test_trusted_event_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        _build(trusted=True, ts=WHEN.replace(tzinfo=None))
    with pytest.raises(ValueError, match="naive"):
        _build(trusted=True, ts=WHEN, end_ts=WHEN.replace(tzinfo=None))


def test_trusted_event_converts_another_zone_to_utc() -> None:
    plus_two = WHEN.astimezone(timezone(timedelta(hours=2)))
    event = _build(trusted=True, ts=plus_two, end_ts=plus_two)
    assert event.ts.tzinfo is UTC and event.ts == WHEN
    assert event.end_ts is not None and event.end_ts.tzinfo is UTC


def test_trusted_events_stay_frozen_and_copies_do_not_leak_fields() -> None:
    event = _build(trusted=True, ts=WHEN)
    with pytest.raises(ValueError, match="frozen"):
        event.actor = "someone else"  # type: ignore[misc]
    renamed = event.model_copy(update={"actor": "Ann Lee"})
    assert (renamed.actor, event.actor) == ("Ann Lee", "Alertmanager")
    assert renamed.model_fields_set is not event.model_fields_set


def test_collector_pause_restores_the_collector_and_nests() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost pause turns it back on
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 2),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-7))]
        ),
    ),
    st.sampled_from(["seconds", "milliseconds", "microseconds"]),
    st.sampled_from(["", "789", "000"]),
    st.sampled_from(["Z", "+00:00", "colon", "no-colon"]),
)
def test_alert_time_fast_path_agrees_with_the_general_parser(
    when: datetime, spec: str, nanos: str, zone: str
) -> None:
    text = when.isoformat(timespec=spec)
    body, offset = text[:-6], text[-6:]
    if spec != "seconds":
        body += nanos
    if zone == "Z" and when.utcoffset() == timedelta(0):
        offset = "Z"
    elif zone == "no-colon":
        offset = offset.replace(":", "")
    value = body + offset
    with tempfile.TemporaryDirectory() as folder:
        alert = {"status": "firing", "labels": {"alertname": "A"}, "startsAt": value}
        (event,) = read_alerts(Path(folder), alert).events
    assert event.ts == parse_any(value)[0]
    assert event.ts.tzinfo is UTC


def test_trusted_copy_gives_what_model_copy_gives_and_leaves_the_original() -> None:
    original = _build(trusted=True, ts=WHEN)
    update = {"actor": "Priya Raman", "attrs": {**original.attrs, "source_actor": "Alertmanager"}}
    copied = original.trusted_copy(update)
    assert copied == original.model_copy(update=update)
    assert copied.model_dump_json() == original.model_copy(update=update).model_dump_json()
    assert original.actor == "Alertmanager" and "source_actor" not in original.attrs


def test_trusted_copy_refuses_unknown_fields_and_keeps_times_in_utc() -> None:
    original = _build(trusted=True, ts=WHEN)
    with pytest.raises(ValueError, match="not Event fields"):
        original.trusted_copy({"actr": "typo"})
    with pytest.raises(ValueError, match="naive"):
        original.trusted_copy({"ts": WHEN.replace(tzinfo=None)})
    moved = original.trusted_copy({"ts": WHEN.astimezone(timezone(timedelta(hours=-5)))})
    assert moved.ts.tzinfo is UTC and moved.ts == WHEN
