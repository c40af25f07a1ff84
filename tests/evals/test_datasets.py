"""The eval bundles and the example: complete, valid gold answers, times that exist.

Three layers, each able to fail on its own:
1. shape: every bundle has chat, alerts, transcript and changes, and a gold.json the
   eval's ``Gold`` model accepts, with durations that follow from its moments;
2. raw grounding: every gold time is written in a raw file (as ISO text, a Slack ``ts``,
   epoch milliseconds or nanoseconds, a git date, a CSV cell, or a transcript offset
   from the meeting start), read here without pir_ai's parsers;
3. parsed grounding: ``load_incident`` reads every bundle with no skips except
   alert repeats, and each gold moment and key event is an event at that time.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import srt
import webvtt
from dateutil import parser as dateutil_parser

from evals.generate import generate_large_incident, generate_slack_export
from evals.metrics import Gold
from pir_ai import load_incident
from pir_ai.errors import UnknownFormatError
from pir_ai.ingest import TimestampError, parse_epoch, parse_iso
from tests.conftest import REPO

DATASETS = REPO / "evals" / "datasets"
EXAMPLE = REPO / "examples" / "checkout-outage"
NOT_SOURCES = {"gold.json", "README.md"}
CHAT, ALERTS, TRANSCRIPT, CHANGES = (
    {"slack-export", "slack-api", "teams"},
    {"alerts"},
    {"transcript"},
    {"changes"},
)
BUNDLES = sorted(p.parent for p in DATASETS.glob("*/gold.json"))
ALL = [*BUNDLES, EXAMPLE]
KINDS = {
    "bad-deploy", "db-failover", "cert-expiry", "dns", "cloud-region", "queue-backlog",
    "memory-leak", "config-push", "third-party-outage", "near-miss",
}  # fmt: skip
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")
_SLACK_TS = re.compile(r"^\d{10}\.\d{6}$")
_EPOCH = re.compile(r"^\d{13}$|^\d{19}$")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2}):(\d{2})\b")


def _gold(folder: Path) -> Gold:
    return Gold.model_validate_json((folder / "gold.json").read_bytes())


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name not in NOT_SOURCES)


def _ids(folders: list[Path]) -> list[str]:
    return [f.name for f in folders]


def test_ten_bundles_one_per_kind_of_failure() -> None:
    assert {_gold(b).kind for b in BUNDLES} == KINDS
    assert all(_gold(b).name == b.name for b in BUNDLES)


@pytest.mark.parametrize("bundle", BUNDLES, ids=_ids(BUNDLES))
def test_bundle_has_the_four_kinds_of_source(bundle: Path) -> None:
    names = {p.name for p in _sources(bundle)}
    for kind in (CHAT, ALERTS, TRANSCRIPT, CHANGES):
        assert names & kind, f"{bundle.name} lacks one of {sorted(kind)}"
    assert names <= CHAT | ALERTS | TRANSCRIPT | CHANGES


@pytest.mark.parametrize("bundle", ALL, ids=_ids(ALL))
def test_gold_is_complete_and_consistent(bundle: Path) -> None:
    gold = _gold(bundle)
    moments = gold.moments
    assert set(moments) == {"impact_start", "detected", "acknowledged", "mitigated", "resolved"}
    order = [moments[k] for k in moments if moments[k] is not None]
    assert order == sorted(order), "moments must be in incident order"
    assert 5 <= len(gold.key_events) <= 10
    assert gold.trigger and gold.contributing_factors and gold.action_item_themes
    assert gold.expected_owners and gold.meeting_start is not None
    if gold.tz:
        ZoneInfo(gold.tz)

    def minutes(a: str, b: str) -> float | None:
        start, end = moments.get(a), moments.get(b)
        if start is None or end is None:
            return None
        return round((end - start).total_seconds() / 60, 2)

    assert gold.ttd_min == minutes("impact_start", "detected")
    assert gold.tta_min == minutes("detected", "acknowledged")
    assert gold.ttm_min == minutes("impact_start", "mitigated")
    assert gold.ttr_min == minutes("impact_start", "resolved")


# ---------------------------------------------------------------- raw grounding
def _json_times(value: Any) -> Iterator[datetime]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_times(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_times(item)
    elif isinstance(value, int) and not isinstance(value, bool) and _EPOCH.match(str(value)):
        yield parse_epoch(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            with contextlib.suppress(ValueError):  # JSON inside a string (SNS Message)
                yield from _json_times(json.loads(text))
        elif _SLACK_TS.match(text) or _EPOCH.match(text):
            yield parse_epoch(text)
        elif _ISO.match(text) and not text.startswith("0001-"):
            with contextlib.suppress(TimestampError):
                yield parse_iso(text)[0]


def _text_times(path: Path, gold: Gold) -> Iterator[datetime]:
    start = gold.meeting_start
    assert start is not None
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".vtt":
        for cue in webvtt.read(str(path)):
            yield start + timedelta(seconds=cue.start_in_seconds)
    elif path.suffix == ".srt":
        for sub in srt.parse(text):
            yield start + sub.start
    elif path.name.startswith("git-log"):
        for line in text.splitlines():
            if line.startswith("Date:"):
                yield dateutil_parser.parse(line[5:]).astimezone(UTC)
            for field in line.strip("\x1e").split("\x1f")[3:5]:
                if _ISO.match(field):
                    yield parse_iso(field)[0]
    elif path.suffix == ".csv":
        zone = ZoneInfo(gold.tz) if gold.tz else UTC
        for row in csv.DictReader(text.splitlines()):
            yield parse_iso(row["timestamp"], zone)[0]
    else:  # plain-text transcript: offsets, or wall-clock in gold.tz on the meeting's date
        zone = ZoneInfo(gold.tz) if gold.tz else UTC
        local_day = start.astimezone(zone).date()
        for h, m, s in _CLOCK.findall(text):
            offset = timedelta(hours=int(h), minutes=int(m), seconds=int(s))
            yield start + offset
            wall = datetime(local_day.year, local_day.month, local_day.day, tzinfo=zone) + offset
            yield wall.astimezone(UTC)


def _raw_times(bundle: Path, gold: Gold) -> set[datetime]:
    found: set[datetime] = set()
    for path in bundle.rglob("*"):
        if not path.is_file() or path.name in NOT_SOURCES:
            continue
        if path.suffix in (".json", ".jsonl"):
            lines = path.read_text(encoding="utf-8").splitlines() if path.suffix == ".jsonl" else []
            docs = [json.loads(line) for line in lines] or [json.loads(path.read_bytes())]
            for doc in docs:
                found.update(_json_times(doc))
        else:
            found.update(_text_times(path, gold))
    return found


def _stated(gold: Gold) -> set[str]:
    """Moments gold v2 dates from a responder's statement: no record carries their time."""
    return {name for name, note in gold.moment_notes.items() if note.startswith("stated")}


def _record_moments(gold: Gold) -> dict[str, datetime]:
    stated = _stated(gold)
    return {k: t for k, t in gold.moments.items() if t is not None and k not in stated}


@pytest.mark.parametrize("bundle", ALL, ids=_ids(ALL))
def test_every_gold_time_is_written_in_a_raw_file(bundle: Path) -> None:
    gold = _gold(bundle)
    raw = _raw_times(bundle, gold)
    wanted = [*_record_moments(gold).values(), *(k.ts for k in gold.key_events)]
    missing = [t.isoformat() for t in wanted if t not in raw]
    assert not missing, f"{bundle.name}: gold times not in any raw record: {missing}"


@pytest.mark.parametrize("bundle", ALL, ids=_ids(ALL))
def test_a_stated_gold_time_is_written_in_a_raw_file_as_a_clock_time(bundle: Path) -> None:
    gold = _gold(bundle)
    text = "\n".join(p.read_text("utf-8", "replace") for p in bundle.rglob("*") if p.is_file())
    zones = [UTC, *([ZoneInfo(gold.tz)] if gold.tz else [])]
    for name in _stated(gold):
        when = gold.moments[name]
        assert when is not None
        clocks = {when.astimezone(zone).strftime("%H:%M") for zone in zones}
        assert any(clock in text for clock in clocks), f"{bundle.name}: {name} {clocks}"


# ---------------------------------------------------------------- parsed grounding
def _load(bundle: Path) -> Any:
    gold = _gold(bundle)
    try:
        return load_incident(
            _sources(bundle),
            tz=ZoneInfo(gold.tz) if gold.tz else None,
            meeting_start=gold.meeting_start,
        )
    except UnknownFormatError as err:  # a parser that has not landed yet
        pytest.skip(f"no registered format reads a file of {bundle.name}: {err}")


@pytest.mark.parametrize("bundle", ALL, ids=_ids(ALL))
def test_load_incident_reads_every_record(bundle: Path) -> None:
    incident = _load(bundle)
    for report in incident.report.files:
        # Only folded skips (alert re-sends, a thread parent read twice) are intended.
        unintended = [s for s in report.skipped if not s.folded]
        assert not unintended, f"{report.path}: {unintended}"
        assert (
            report.events_produced > 0 or "users" in str(report.path) or ".list" in str(report.path)
        )


@pytest.mark.parametrize("bundle", ALL, ids=_ids(ALL))
def test_gold_moments_and_key_events_are_parsed_events(bundle: Path) -> None:
    gold = _gold(bundle)
    incident = _load(bundle)
    times = {e.ts for e in incident.events}
    for name, when in _record_moments(gold).items():
        assert when in times, f"{bundle.name}: no event at {name} {when}"
    for key in gold.key_events:
        texts = [e.text or "" for e in incident.events if e.ts == key.ts]
        assert any(key.contains.lower() in t.lower() for t in texts), (
            f"{bundle.name}: no event at {key.ts.isoformat()} containing {key.contains!r}; "
            f"events at that time: {[t[:80] for t in texts]}"
        )


@pytest.mark.parametrize("bundle", BUNDLES, ids=_ids(BUNDLES))
def test_parsed_bundle_has_chat_alert_transcript_and_change_events(bundle: Path) -> None:
    kinds = {e.kind.value for e in _load(bundle).events}
    assert "message" in kinds and "transcript_cue" in kinds
    assert any(k.startswith("alert_") for k in kinds)
    assert any(k in ("change", "deploy") or k.startswith("change") for k in kinds), kinds


# ---------------------------------------------------------------- generators
def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_generated_slack_export_has_exactly_the_messages_asked_for(tmp_path: Path) -> None:
    export = generate_slack_export(tmp_path / "export", 3_000, seed=3)
    days = [p for p in export.glob("*/*.json")]
    messages = [m for day in days for m in json.loads(day.read_bytes())]
    assert len(messages) == 3_000
    assert {"users.json", "channels.json"} <= {p.name for p in export.iterdir()}
    for day in days:
        stamps = [m["ts"] for m in json.loads(day.read_bytes())]
        assert stamps == sorted(stamps), f"{day} is not oldest-first"
    replies = [m for m in messages if m.get("thread_ts") not in (None, m["ts"])]
    parents = {m["ts"]: m for m in messages if m.get("reply_count")}
    assert replies and all(r["thread_ts"] in parents for r in replies)
    assert len(load_incident(export).events) == 3_000


def test_generators_are_deterministic(tmp_path: Path) -> None:
    first = generate_large_incident(tmp_path / "a", events=2_000, seed=5)
    second = generate_large_incident(tmp_path / "b", events=2_000, seed=5)
    other = generate_large_incident(tmp_path / "c", events=2_000, seed=6)
    assert _tree(first) == _tree(second)
    assert _tree(first) != _tree(other)


def test_generated_incident_hides_its_known_story_in_noise(tmp_path: Path) -> None:
    folder = generate_large_incident(tmp_path / "big", events=5_000, seed=1)
    gold = _gold(folder)
    incident = load_incident(_sources(folder))
    assert abs(len(incident.events) - 5_000) <= 50
    kinds = {e.kind.value for e in incident.events}
    assert {"message", "alert_triggered", "alert_resolved", "change", "system"} <= kinds
    times = {e.ts for e in incident.events}
    assert all(t in times for t in gold.moments.values() if t is not None)
    for key in gold.key_events:
        texts = [e.text or "" for e in incident.events if e.ts == key.ts]
        assert any(key.contains.lower() in t.lower() for t in texts), key
    assert gold.ttr_min == round(
        (gold.moments["resolved"] - gold.moments["impact_start"]).total_seconds() / 60, 2
    )
