"""Skipped records say whether they were unreadable or folded into another event.

A repeat notification, a broadcast copy or a Teams cue joined to the one before loses
nothing; a malformed record does. Each reader that folds records marks them, the
default stays unreadable, and the draft's footer and strict mode say which is which.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pir_ai import draft_postmortem, render_markdown
from pir_ai.errors import StrictModeError
from pir_ai.events import FileReport, IngestReport, SkippedRecord
from pir_ai.ingest import IngestOptions, ParseResult, by_name, load_incident
from pir_ai.postmortem import InputSummary, Postmortem

from .fuzzing import FIXTURES

PIR_AI = Path(sys.executable).parent / "pir-ai"
EXIT_INPUT = 3
"""The command line's exit code for unreadable input."""
MEETING = IngestOptions(meeting_start=datetime(2024, 5, 1, 9, 0, tzinfo=UTC))


def parse(fmt: str, path: Path) -> ParseResult:
    return by_name(fmt).parse(path, MEETING)


def kinds(result: ParseResult) -> dict[str, bool]:
    """Location to ``folded`` for every skipped record of one file."""
    return {s.location: s.folded for s in result.report.skipped}


@pytest.mark.parametrize(
    ("fmt", "fixture", "expected"),
    [
        (
            "alertmanager",
            "alertmanager/repeats_and_resolve.jsonl",
            {"line 2 alerts[0]": True, "line 2 alerts[1]": True, "line 3 alerts[1]": True}
            | {"line 4": False},
        ),
        ("alertmanager", "alertmanager/array_of_payloads.json", {"[1] alerts[1]": False}),
        ("cloudwatch", "cloudwatch/lambda_sns_alarm.json", {"Records[1]": True}),
        ("cloudwatch", "cloudwatch/http_subscription.jsonl", {"line 1": False}),
        ("datadog", "datadog/monitor_webhook_default.jsonl", {"line 2": True}),
        ("datadog", "datadog/events_api_v1.json", {"events[3]": False}),
        ("opsgenie", "opsgenie/webhook_lifecycle.jsonl", {"line 3": True}),
        ("pagerduty-webhook", "pagerduty/webhook_v3_events.jsonl", {"line 3": True}),
        (
            "webvtt",
            "webvtt/teams_bridge_fragments.vtt",
            {"line 10": True, "line 14": True, "line 34": True, "line 38": True},
        ),
        ("webvtt", "webvtt/youtube_auto_captions.vtt", {"line 11": True, "line 19": True}),
        ("webvtt", "webvtt/empty_cue.vtt", {"line 10": False}),
        ("grafana", "grafana/legacy_dashboard_alerts.jsonl", {"line 1": False, "line 2": False}),
    ],
)
def test_each_reader_marks_repeats_and_copies_folded_and_the_rest_unreadable(
    fmt: str, fixture: str, expected: dict[str, bool]
) -> None:
    result = parse(fmt, FIXTURES / fixture)
    assert kinds(result) == expected
    report = result.report
    assert report.records_read == report.events_produced + len(report.skipped)


def test_pagerduty_log_entry_delivered_twice_is_folded(tmp_path: Path) -> None:
    body = orjson.loads((FIXTURES / "pagerduty" / "log_entries_newest_first.json").read_bytes())
    body["log_entries"].append(body["log_entries"][0])
    path = tmp_path / "log_entries.json"
    path.write_bytes(orjson.dumps(body))
    last = f"log_entries[{len(body['log_entries']) - 1}]"
    assert kinds(parse("pagerduty", path)) == {last: True}


def test_pagerduty_incident_told_by_its_log_entries_is_folded(tmp_path: Path) -> None:
    pagerduty = FIXTURES / "pagerduty"
    body = orjson.loads((pagerduty / "incidents.json").read_bytes())
    body |= orjson.loads((pagerduty / "log_entries_newest_first.json").read_bytes())
    path = tmp_path / "both.json"
    path.write_bytes(orjson.dumps(body))
    skipped = parse("pagerduty", path).report.skipped
    told = [s for s in skipped if "told by its log entries" in s.reason]
    assert told and all(s.folded for s in told)


def test_slack_broadcast_copy_is_folded_and_a_broken_day_file_is_not(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "slack_export" / "workspace", export)
    day = export / "inc-checkout-errors" / "2024-05-01.json"
    messages = json.loads(day.read_text(encoding="utf-8"))
    day.write_text(json.dumps([*messages, messages[-1]]), encoding="utf-8")
    skipped = parse("slack-export", export).report.skipped
    assert [(s.reason.startswith("copy of message ts"), s.folded) for s in skipped] == [
        (True, True)
    ]
    broken = parse("slack-export", FIXTURES / "slack_export" / "broken_day").report.skipped
    assert broken and not any(s.folded for s in broken)


def test_the_same_record_in_two_files_is_folded_by_the_merge(tmp_path: Path) -> None:
    source = FIXTURES / "datadog" / "monitor_webhook_default.jsonl"
    for name in ("a.jsonl", "b.jsonl"):
        shutil.copy(source, tmp_path / name)
    report = load_incident(tmp_path).report
    second = next(f for f in report.files if f.path.endswith("b.jsonl"))
    duplicates = [s for s in second.skipped if s.reason.startswith("duplicate of")]
    assert duplicates and all(s.folded for s in duplicates)
    assert report.unreadable_count == 0
    assert report.folded_count == report.skipped_count > len(duplicates)


def test_a_file_no_format_reads_is_unreadable(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "opsgenie" / "webhook_lifecycle.jsonl", tmp_path / "og.jsonl")
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    report = load_incident(tmp_path).report
    (readme,) = (f for f in report.files if f.format == "unknown")
    assert [s.folded for s in readme.skipped] == [False]
    assert (report.unreadable_count, report.folded_count) == (1, 1)


def test_strict_mode_refuses_unreadable_records_and_passes_folded_ones() -> None:
    folded_only = FIXTURES / "opsgenie" / "webhook_lifecycle.jsonl"
    report = load_incident(folded_only, strict=True).report
    assert (report.folded_count, report.unreadable_count) == (1, 0)
    # Folded repeats come first in this file; the unreadable line is the one named.
    both = FIXTURES / "alertmanager" / "repeats_and_resolve.jsonl"
    with pytest.raises(StrictModeError, match=r"line 4: .*found an unreadable record"):
        load_incident(both, strict=True)


def test_old_reports_without_the_field_read_as_unreadable() -> None:
    old = (
        '{"files": [{"path": "a.jsonl", "format": "alertmanager", "records_read": 2,'
        ' "events_produced": 1, "skipped": [{"location": "line 2", "reason": "bad"}]}]}'
    )
    report = IngestReport.model_validate_json(old)
    assert report.files[0].skipped == [SkippedRecord(location="line 2", reason="bad")]
    assert (report.unreadable_count, report.folded_count) == (1, 0)
    folded = SkippedRecord(location="line 3", reason="repeat", folded=True)
    report.files.append(FileReport(path="b", format="x", records_read=1, skipped=[folded]))
    again = IngestReport.model_validate_json(report.model_dump_json())
    assert again == report
    assert (again.unreadable_count, again.folded_count) == (1, 1)


def test_footer_counts_folded_and_lists_only_unreadable_per_file(tmp_path: Path) -> None:
    alerts = tmp_path / "alerts.jsonl"
    shutil.copy(FIXTURES / "alertmanager" / "repeats_and_resolve.jsonl", alerts)
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    draft = draft_postmortem(tmp_path)
    inputs = draft.metadata.inputs
    assert inputs is not None
    assert (inputs.skipped, inputs.folded, inputs.unreadable) == (5, 3, 2)
    assert inputs.unreadable_by_file == {str(alerts): 1, str(tmp_path / "README.md"): 1}
    markdown = render_markdown(draft)
    assert "3 records folded into other events (repeats, copies), 2 unreadable" in markdown
    assert f"- unreadable in `{alerts}`: 1\n" in markdown
    assert f"- not read (no known format): `{tmp_path / 'README.md'}`" in markdown
    assert "skipped in" not in markdown and "records skipped" not in markdown
    assert InputSummary.model_validate_json(inputs.model_dump_json()) == inputs


def test_footer_of_a_draft_made_before_the_split_still_says_skipped(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "alertmanager" / "repeats_and_resolve.jsonl", tmp_path / "a.jsonl")
    draft = json.loads(draft_postmortem(tmp_path).to_json())
    inputs = draft["metadata"]["inputs"]
    for field in ("folded", "unreadable", "unreadable_by_file"):
        del inputs[field]
    old = Postmortem.model_validate(draft)
    assert old.metadata.inputs is not None
    assert (old.metadata.inputs.folded, old.metadata.inputs.unreadable) == (0, 0)
    markdown = render_markdown(old)
    assert "4 records skipped, each with its reason" in markdown
    assert f"- skipped in `{tmp_path / 'a.jsonl'}`: 4" in markdown
    assert "folded" not in markdown


def pir_ai(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the ``pir-ai`` command line."""
    return subprocess.run([str(PIR_AI), *args], capture_output=True, text=True, check=False)


def test_cli_report_and_strict_error_say_which_kind() -> None:
    path = str(FIXTURES / "opsgenie" / "webhook_lifecycle.jsonl")
    run = pir_ai("events", path, "--report")
    assert run.returncode == 0
    report = json.loads(run.stderr)
    assert [(s["location"], s["folded"]) for s in report["files"][0]["skipped"]] == [
        ("line 3", True)
    ]
    assert pir_ai("events", path, "--strict").returncode == 0  # a folded repeat lost nothing
    broken = str(FIXTURES / "alertmanager" / "repeats_and_resolve.jsonl")
    run = pir_ai("events", broken, "--strict")
    assert run.returncode == EXIT_INPUT
    err = run.stderr.strip().splitlines()[-1]
    assert "line 4" in err and "an unreadable record" in err
