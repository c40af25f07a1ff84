"""Configuration: select/ignore by prefix and category, overrides, files, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pir_ai.errors import ConfigError
from pir_ai.findings import Severity
from pir_ai.lint import LintConfig, find_config, get_rule, lint_text, load_config


def test_ignore_by_category_drops_the_family() -> None:
    config = LintConfig(ignore=["blame"])
    assert lint_text("Marta forgot to renew the certificate.", config=config) == []


def test_more_specific_select_beats_a_broader_ignore() -> None:
    config = LintConfig(ignore=["PIR2"], select=["PIR", "PIR202"])
    assert config.enabled(get_rule("PIR202"))
    assert not config.enabled(get_rule("PIR201"))


def test_unknown_selector_is_a_config_error() -> None:
    with pytest.raises(ValueError, match="PIR2"):
        LintConfig(select=["blam"])


def test_pyproject_table_is_read_with_roster_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pir-ai.lint]\nignore = ["PIR211"]\nroster = ["Xiomara"]\n'
        'severity = { PIR202 = "error" }\nfail-on = "warning"\n'
        'system-subjects = ["hydra"]\n',
        "utf-8",
    )
    (tmp_path / "docs").mkdir()
    config = find_config(tmp_path / "docs" / "pm.md")
    assert config.fail_on is Severity.WARNING
    [finding] = lint_text("Xiomara forgot to renew the certificate.", config=config)
    assert (finding.code, finding.severity) == ("PIR202", Severity.ERROR)
    assert lint_text("Hydra forgot to renew the lease.", config=config) == []


def test_dotfile_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pir-ai.lint]\nignore = ["PIR2"]\n', "utf-8")
    (tmp_path / ".pir-ai.toml").write_text('[lint]\nignore = ["PIR3"]\n', "utf-8")
    assert find_config(tmp_path).ignore == ["PIR3"]


def test_bad_file_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / ".pir-ai.toml"
    bad.write_text('[lint]\nfail-on = "loud"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"\.pir-ai\.toml.*fail-on"):
        load_config(bad)


def test_extra_weak_verbs_extend_the_list() -> None:
    config = LintConfig(select=["PIR301"], weak_verbs=["ponder"])
    from pir_ai.lint import lint_action_item

    assert [f.code for f in lint_action_item("Ponder the cache design.", config=config)] == [
        "PIR301"
    ]
