"""The CLI on good and bad input: documented exit codes, one line naming the problem."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pir_ai import compute_facts, load_incident
from pir_ai.cli import formats
from pir_ai.cli.main import (
    EXIT_CONFIG,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_PROVIDER,
    EXIT_TRACKER,
    main,
)
from pir_ai.errors import (
    ConfigError,
    DraftValidationError,
    EmptyInputError,
    ProviderError,
    TrackerError,
)
from tests.conftest import FIXTURES, REPO

EXAMPLE = REPO / "examples" / "checkout-outage"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_naming(err: str, path: Path, *, where: str | None = None) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0]
    assert "expected" in lines[0]
    if where is not None:
        assert where in lines[0]


def test_an_empty_folder_exits_with_the_input_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["draft", str(tmp_path)], capsys)
    assert code == EXIT_INPUT
    assert out == ""
    assert_one_line_naming(err, tmp_path)


def test_a_file_of_unknown_format_exits_with_the_input_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "capture.pcap"
    odd.write_bytes(b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00 binary capture")
    code, _, err = run(["draft", str(odd)], capsys)
    assert code == EXIT_INPUT
    assert_one_line_naming(err, odd)


def test_a_truncated_json_file_names_its_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = FIXTURES / "alertmanager" / "array_of_payloads.json"
    truncated = tmp_path / "alerts.json"
    data = source.read_bytes()
    truncated.write_bytes(data[: len(data) * 2 // 3])
    code, _, err = run(["draft", str(truncated)], capsys)
    assert code == EXIT_INPUT
    assert_one_line_naming(err, truncated, where="line ")


def test_a_vtt_with_a_broken_cue_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "call.vtt"
    shutil.copy(FIXTURES / "webvtt" / "broken_cue.vtt", broken)
    code, _, err = run(["events", str(broken), "--meeting-start", "2024-05-14T06:30:00Z"], capsys)
    assert code == EXIT_INPUT
    assert_one_line_naming(err, broken, where="line ")


def test_a_partly_readable_file_yields_its_good_records_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = (FIXTURES / "alertmanager" / "repeats_and_resolve.jsonl").read_text(encoding="utf-8")
    partial = tmp_path / "alerts.jsonl"
    partial.write_text(good + '{"version": "4", "alerts": [\n', encoding="utf-8")
    code, out, err = run(["events", str(partial), "--report"], capsys)
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    report = json.loads(err)
    [file_report] = report["files"]
    assert file_report["events_produced"] == len(events)
    assert any("line" in s["location"] for s in file_report["skipped"])
    assert file_report["records_read"] == len(events) + len(file_report["skipped"])


def test_events_prints_one_json_object_per_event_in_time_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["events", str(EXAMPLE)], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    stamps = [datetime.fromisoformat(r["ts"]) for r in rows]
    assert len(rows) > 150
    assert stamps == sorted(stamps)
    assert all(r["id"].startswith("ev_") and r["ref"]["path"] for r in rows)


@pytest.mark.parametrize(
    ("failure", "code", "line"),
    [
        (EmptyInputError("inc/", "an export"), EXIT_INPUT, "inc/: expected an export"),
        (ProviderError("failed", provider="openai", model="m"), EXIT_PROVIDER, "openai:m: failed"),
        (ConfigError("bad option"), EXIT_CONFIG, "bad option"),
        (TrackerError("refused", tracker="jira", item="pir-1"), EXIT_TRACKER, "jira: refused"),
        (DraftValidationError("no draft"), EXIT_INPUT, "no draft"),
        (BrokenPipeError(), EXIT_OK, None),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else None,
)
def test_each_failure_ends_with_its_documented_exit_code_and_one_line(
    failure: BaseException,
    code: int,
    line: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fail(args: object) -> int:
        raise failure

    monkeypatch.setattr(formats, "run", fail)
    exit_code, out, err = run(["formats"], capsys)
    assert (exit_code, out) == (code, "")
    assert err.splitlines() == ([f"pir-ai: error: {line}"] if line else [])


def test_formats_lists_every_registered_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["formats"], capsys)
    assert code == 0
    names = {line.split()[0] for line in out.splitlines()}
    assert {"slack-export", "alertmanager", "webvtt", "git-log", "k8s-events"} <= names


def test_demo_draft_has_every_section_and_only_real_event_times(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, markdown, _ = run(["draft", str(EXAMPLE)], capsys)
    assert code == 0
    for heading in (
        "## Summary",
        "## Impact",
        "## Timeline",
        "## Action items",
        "## For human review",
    ):
        assert heading in markdown
    for metric in ("TTD", "TTA", "TTM", "TTR"):
        assert metric in markdown
    incident = load_incident(EXAMPLE)
    events = incident.events
    m = compute_facts(incident).metrics
    moments = [m.impact_start, m.detected, m.acknowledged, m.mitigated, m.resolved]
    # Event times, and the computed moments (a stated impact start is the time a person wrote).
    event_times = {
        t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for t in [*(e.ts for e in events), *(x.ts for x in moments if x is not None)]
    }
    shown = re.findall(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", markdown)
    assert shown, "the draft shows no UTC times"
    assert set(shown) <= event_times
    # A clock time elsewhere must be quoted from a source, never made up by the draft.
    texts = " ".join(e.text for e in events)
    for line in markdown.splitlines():
        if re.search(r"\d{4}-\d{2}-\d{2}T", line):
            continue
        for clock in re.findall(r"\b\d{1,2}:\d{2}(?::\d{2})?\b", line):
            assert clock in texts, f"{clock!r} in {line!r} is not from any event"
    cited = set(re.findall(r"ev_[0-9a-f]{12}", markdown))
    assert cited and cited <= {e.id for e in events}
    # What was not read is said, not dropped: the README and gold answers beside the exports.
    assert "not read (no known format): `" in markdown
    assert "README.md`" in markdown
    report = load_incident(EXAMPLE).report
    assert f"{report.records_read} records read" in markdown
    # Alertmanager repeats are folded, not lost; the README and gold.json are the unreadable.
    assert report.folded_count > 0
    assert report.unreadable_count == markdown.count("not read (no known format)")
    assert (
        f"{report.folded_count} records folded into other events (repeats, copies),"
        f" {report.unreadable_count} unreadable"
    ) in markdown


def test_redaction_flags_reach_the_drafting_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pir_ai.cli import draft as draft_cli

    seen: dict[str, object] = {}
    real = draft_cli.draft_postmortem

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(draft_cli, "draft_postmortem", spy)
    config = tmp_path / "redaction.toml"
    config.write_text('[tool.pir-ai.redaction]\nnames = ["Dana Okafor"]\n', encoding="utf-8")
    code, _, _ = run(
        ["draft", str(EXAMPLE), "--no-redact", "--redaction-config", str(config)], capsys
    )
    assert code == 0
    assert seen["redact"] is False
    assert "Dana Okafor" in getattr(seen["redaction"], "names", ())


def test_a_missing_redaction_config_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.toml"
    code, _, err = run(["draft", str(EXAMPLE), "--redaction-config", str(missing)], capsys)
    assert code == 5
    assert str(missing) in err
