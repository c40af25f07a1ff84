"""load_incident on bad input: each failure names the file and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from pir_ai import load_incident
from pir_ai.errors import EmptyInputError, UnknownFormatError


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
