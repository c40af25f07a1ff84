"""Every alert and paging fixture is detected as its own format, by content alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from pir_ai.ingest import detect, sniff_sample

from .fuzzing import FIXTURES

FOLDERS = ("alertmanager", "grafana", "cloudwatch", "datadog", "opsgenie", "pagerduty")


def expected_format(path: Path) -> str:
    """The format a fixture was written in: its folder, or the PagerDuty variant."""
    if path.parent.name != "pagerduty":
        return path.parent.name
    if path.suffix == ".csv":
        return "pagerduty-csv"
    return "pagerduty-webhook" if path.name.startswith("webhook_") else "pagerduty"


FILES = sorted(p for folder in FOLDERS for p in (FIXTURES / folder).iterdir())


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_fixture_is_detected_as_its_own_format(path: Path) -> None:
    found = detect(sniff_sample(path))
    assert found is not None
    assert found.name == expected_format(path)


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_renamed_fixture_is_still_detected(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "export.txt"
    copy.write_bytes(path.read_bytes())
    found = detect(sniff_sample(copy))
    assert found is not None
    assert found.name == expected_format(path)
