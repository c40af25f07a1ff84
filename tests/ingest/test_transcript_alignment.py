"""A transcript with only offsets is placed by aligning it with the chat, or left off (issue 13)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from pir_ai import draft_postmortem, load_incident
from pir_ai.cli.main import main
from pir_ai.errors import StrictModeError
from pir_ai.events import FileReport, Incident

REAL = Path(__file__).resolve().parents[2] / "evals" / "real_datasets"
START_LESS = ("real-cni-alb-detach", "real-traefik-404-rollover", "real-adfs-cert-expiry")


def _transcript_report(folder: Path) -> tuple[FileReport, Incident]:
    incident = load_incident(folder)
    return next(
        f for f in incident.report.files if Path(f.path).parent.name == "transcript"
    ), incident


def test_start_less_transcripts_are_placed_within_a_minute_of_the_truth() -> None:
    for name in START_LESS:
        folder = REAL / name
        truth = datetime.fromisoformat(
            json.loads((folder / "gold.json").read_text())["transcript_start"]
        )
        report, incident = _transcript_report(folder)
        assert report.events_produced > 0 and not report.skipped, name
        cues = [
            e
            for e in incident.events
            if e.source in {"webvtt", "srt"} or "transcript" in e.ref.path
        ]
        first_offset = min(cues, key=lambda e: e.ts)
        placed = [w for w in report.warnings if "aligning" in w]
        assert placed, name
        start = datetime.fromisoformat(placed[0].split("placed at ")[1].split(" ")[0])
        assert abs((start - truth).total_seconds()) <= 60, (name, start, truth)
        assert first_offset.ts >= start


def _unalignable(tmp_path: Path) -> Path:
    folder = tmp_path / "incident"
    shutil.copytree(REAL / "real-cni-alb-detach", folder)
    srt = folder / "transcript" / "bridge-recording.srt"
    srt.write_text(
        "1\n00:00:05,000 --> 00:00:09,000\nAlex: let us plan the quarterly offsite\n\n"
        "2\n00:00:12,000 --> 00:00:15,000\nBea: the catering menu for the offsite looks good\n",
        encoding="utf-8",
    )
    return folder


def test_a_transcript_nothing_aligns_with_is_left_off_with_the_flag_to_give(tmp_path: Path) -> None:
    folder = _unalignable(tmp_path)
    report, incident = _transcript_report(folder)
    assert report.events_produced == 0
    (skip,) = report.skipped
    assert "--meeting-start" in skip.reason
    assert not any("offsite" in e.text for e in incident.events)
    (finding,) = [f for f in draft_postmortem(folder).findings if f.code == "PIR005"]
    assert "bridge-recording.srt" in finding.message and "--meeting-start" in finding.suggestion
    assert main(["draft", str(folder)]) == 0


def test_strict_mode_refuses_a_transcript_it_cannot_place(tmp_path: Path) -> None:
    folder = _unalignable(tmp_path)
    (folder / "gold.json").unlink()  # not a source: strict mode would refuse it first
    with pytest.raises(StrictModeError, match=r"bridge-recording\.srt"):
        load_incident(folder, strict=True)
