"""``pir-ai draft``: progress on stderr, instruction overrides from a TOML file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from pir_ai.cli.draft import ProgressDisplay, read_instructions
from pir_ai.cli.main import EXIT_CONFIG, EXIT_OK, main
from pir_ai.errors import ConfigError
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "checkout-outage"


def test_progress_shows_each_stage_with_its_count() -> None:
    out = io.StringIO()
    with ProgressDisplay(Console(file=out, width=80)) as display:
        display("map", 0, 12)
        display("map", 12, 12)
        display("sections", 3, 6)
    text = out.getvalue()
    assert "Summarising parts" in text and "12/12" in text
    assert "Drafting sections" in text and "3/6" in text


def test_instructions_file_maps_sections_to_text(tmp_path: Path) -> None:
    path = tmp_path / "ours.toml"
    path.write_text('actions = """Verb, object, owner, date."""\n', encoding="utf-8")
    assert read_instructions(path) == {"actions": "Verb, object, owner, date."}


def test_instructions_file_with_a_table_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[actions]\ntext = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="section = "):
        read_instructions(path)


def test_draft_writes_the_offline_draft_and_progress_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "draft.md"
    paths = [str(EXAMPLE / "alerts"), str(EXAMPLE / "slack-export")]
    assert main(["draft", *paths, "--progress", "-o", str(output)]) == EXIT_OK
    assert output.read_text(encoding="utf-8").startswith("# ")
    assert "Drafting offline" in capsys.readouterr().err


def test_an_unknown_section_in_the_instructions_file_exits_with_the_config_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ours.toml"
    path.write_text('postmortem = "x"\n', encoding="utf-8")
    paths = [str(EXAMPLE / "alerts")]
    code = main(["draft", *paths, "--provider", "fake", "--instructions", str(path)])
    assert code == EXIT_CONFIG
    assert "unknown sections ['postmortem']" in capsys.readouterr().err
