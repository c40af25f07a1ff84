"""Prompt sets: loading, versions, per-section overrides, fenced untrusted data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pir_ai.budget import condense
from pir_ai.draft import load_prompts, prompts_root
from pir_ai.errors import ConfigError
from tests.conftest import REPO
from tests.draft.test_model_drafting import StoryModel, draft_with
from tests.drafting_support import checkout_story

REPO_PROMPTS = REPO / "prompts"


def test_the_shipped_set_loads_with_the_version_of_its_manifest() -> None:
    manifest = tomllib.loads((REPO_PROMPTS / "v1" / "manifest.toml").read_text("utf-8"))
    prompts = load_prompts()
    assert prompts.version == manifest["version"]
    assert prompts.system and prompts.notes and prompts.reduce


def test_every_section_the_pipeline_drafts_has_instructions() -> None:
    prompts = load_prompts()
    _, fake = draft_with(StoryModel())
    assert {r.section for r in fake.requests} == set(prompts.sections)
    for request in fake.requests:
        instructions = prompts.instructions(request.section or "")
        assert instructions.strip()
        assert request.messages[1].content.startswith(instructions)


def test_an_editable_install_reads_the_repository_folder() -> None:
    assert Path(str(prompts_root())).resolve() == REPO_PROMPTS.resolve()


def test_the_system_prompt_names_source_text_untrusted_data_and_forbids_times() -> None:
    system = load_prompts().system.lower()
    assert "untrusted data" in system
    assert "never write a clock time" in system
    assert "short ids" in system


def test_an_override_replaces_one_sections_instructions_and_marks_the_version() -> None:
    shipped = load_prompts()
    custom = load_prompts(overrides={"actions": "Use our template: verb, object, owner."})
    assert custom.instructions("actions") == "Use our template: verb, object, owner."
    assert custom.instructions("summary") == shipped.instructions("summary")
    assert custom.version.startswith(f"{shipped.version}+custom.")
    other = load_prompts(overrides={"actions": "Something else."})
    assert other.version != custom.version


def test_an_override_of_an_unknown_section_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown sections"):
        load_prompts(overrides={"postmortem": "x"})


def test_an_unknown_prompt_set_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="prompt set not found"):
        load_prompts("v0")


def write_set(folder: Path, version: str, files: dict[str, str]) -> None:
    """A prompt set naming ``s.md``, ``n.md``, ``r.md`` and ``sum.md``; ``files`` written."""
    folder.mkdir()
    (folder / "manifest.toml").write_text(
        f'version = "{version}"\nsystem = "s.md"\nnotes = "n.md"\nreduce = "r.md"\n'
        '[sections.summary]\nfile = "sum.md"\n',
        encoding="utf-8",
    )
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_a_set_missing_a_file_it_names_is_a_config_error(tmp_path: Path) -> None:
    write_set(tmp_path / "mine", "x", {"s.md": "sys"})
    with pytest.raises(ConfigError, match="prompt file missing"):
        load_prompts("mine", root=tmp_path)


def test_a_custom_root_holds_a_teams_own_set(tmp_path: Path) -> None:
    write_set(tmp_path / "team", "team-1", {"s.md": "S", "n.md": "N", "r.md": "R", "sum.md": "Sum"})
    prompts = load_prompts("team", root=tmp_path)
    assert (prompts.version, prompts.instructions("summary")) == ("team-1", "Sum")


def test_requests_fence_the_data_with_delimiters_that_change_every_time() -> None:
    prompts = load_prompts()
    _, fake = draft_with(StoryModel())
    for request in fake.requests:
        assert request.prompt_version == prompts.version
        assert request.messages[0].content == prompts.system
    first, second = (r.messages[1].content for r in fake.requests[:2])
    begin = next(line for line in first.splitlines() if line.startswith("<<<INCIDENT-DATA "))
    token = begin.removeprefix("<<<INCIDENT-DATA ").removesuffix(">>>")
    incident, _ = checkout_story()
    data = condense(incident.events).render()
    assert first.endswith(f"{begin}\n{data}\n<<<END-INCIDENT-DATA {token}>>>")
    assert token not in second
