"""Text, JSON and SARIF output, and the ``pir-ai lint`` / ``pir-ai rules`` commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pir_ai.cli import lint as lint_cli
from pir_ai.cli import rules as rules_cli
from pir_ai.lint import all_rules, format_json, format_sarif, format_text, lint_text

TEXT = "Marta forgot to renew the certificate.\nRoot cause: human error."


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    lint_cli.register(sub)
    rules_cli.register(sub)
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


def test_text_output_names_file_line_column_code_and_rewrite() -> None:
    out = format_text(lint_text(TEXT), "pm.md")
    assert "pm.md:1:7: PIR202 [warning]" in out
    assert "rewrite:" in out
    assert out.rstrip().endswith("2 finding(s): 1 error, 1 warning")


def test_json_output_is_versioned_and_round_trips() -> None:
    data = json.loads(format_json(lint_text(TEXT), "pm.md"))
    assert data["version"] == 1
    assert [f["code"] for f in data["findings"]] == ["PIR202", "PIR203"]


def test_sarif_output_has_the_2_1_0_shape() -> None:
    log = json.loads(format_sarif(lint_text(TEXT), "pm.md"))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == len(all_rules())
    result = run["results"][1]
    assert result["ruleId"] == "PIR203"
    assert result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "PIR203"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 13)


def test_lint_command_exits_1_at_the_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pm = tmp_path / "pm.md"
    pm.write_text("## Summary\nMarta forgot to renew the certificate.\n", "utf-8")
    assert _run(["lint", str(pm), "--select", "blame"]) == 0
    assert _run(["lint", str(pm), "--select", "blame", "--fail-on", "warning"]) == 1
    assert "PIR202" in capsys.readouterr().out


def test_lint_command_roster_and_sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pm = tmp_path / "pm.md"
    pm.write_text("## Summary\nZorbek forgot to renew the certificate.\n", "utf-8")
    _run(["lint", str(pm), "--roster", "Zorbek", "--format", "sarif", "--select", "PIR2"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["PIR202"]


def test_lint_command_rejects_an_empty_file(tmp_path: Path) -> None:
    from pir_ai.errors import EmptyInputError

    empty = tmp_path / "pm.md"
    empty.write_text("", "utf-8")
    with pytest.raises(EmptyInputError, match=r"pm\.md"):
        _run(["lint", str(empty)])


def test_rules_command_lists_and_documents(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["rules"]) == 0
    listing = capsys.readouterr().out
    assert all(r.code in listing for r in all_rules())
    assert _run(["rules", "PIR201"]) == 0
    docs = capsys.readouterr().out
    assert "What it catches:" in docs and "Rewrite:" in docs


def test_rules_command_unknown_code_is_a_config_error() -> None:
    from pir_ai.errors import ConfigError

    with pytest.raises(ConfigError, match="PIR999"):
        _run(["rules", "PIR999"])
