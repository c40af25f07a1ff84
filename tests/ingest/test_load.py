"""load_incident on bad input: each failure names the file and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from pir_ai import load_incident
from pir_ai.errors import EmptyInputError, StrictModeError, UnknownFormatError


def test_empty_folder_is_an_error_naming_the_folder(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError) as caught:
        load_incident(tmp_path)
    assert str(tmp_path) in caught.value.one_line()
    assert "expected" in caught.value.one_line()


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(EmptyInputError) as caught:
        load_incident(missing)
    assert str(missing) in str(caught.value)


def test_unknown_format_names_the_file_and_what_was_expected(tmp_path: Path) -> None:
    odd = tmp_path / "notes.bin"
    odd.write_bytes(b"\x00\x01 this is not an incident record \x02")
    with pytest.raises(UnknownFormatError) as caught:
        load_incident(odd)
    line = caught.value.one_line()
    assert line.startswith(str(odd))
    assert "known format" in line


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "alerts.json"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(EmptyInputError, match="empty file"):
        load_incident(empty)


def test_no_paths_is_an_error() -> None:
    with pytest.raises(EmptyInputError):
        load_incident([])


def test_hidden_files_in_a_folder_are_not_read(tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    with pytest.raises(EmptyInputError, match="empty folder"):
        load_incident(tmp_path)


def test_a_file_of_no_known_format_in_a_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes about the incident\n", encoding="utf-8")
    alerts = tmp_path / "alerts.jsonl"
    alerts.write_text(
        '{"version":"4","status":"firing","receiver":"pager","groupLabels":{},'
        '"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",'
        '"groupKey":"{}:{alertname=\\"HighErrorRate\\"}","truncatedAlerts":0,'
        '"alerts":[{"status":"firing","labels":{"alertname":"HighErrorRate"},'
        '"annotations":{"summary":"5xx above 5%"},"startsAt":"2024-05-14T14:07:00Z",'
        '"endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph",'
        '"fingerprint":"a1b2c3d4e5f60718"}]}\n',
        encoding="utf-8",
    )
    incident = load_incident(tmp_path)
    assert len(incident.events) == 1
    unread = [f for f in incident.report.files if f.format == "unknown"]
    assert [Path(f.path).name for f in unread] == ["README.md"]
    assert unread[0].records_read == 1
    assert "known format" in unread[0].skipped[0].reason


def test_a_folder_of_nothing_readable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    with pytest.raises(EmptyInputError, match="readable incident record"):
        load_incident(tmp_path)


def test_strict_mode_refuses_an_unread_file_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    with pytest.raises(StrictModeError, match=r"README\.md"):
        load_incident(tmp_path, strict=True)
