"""Lint configuration: ``[tool.pir-ai.lint]`` in pyproject.toml, or ``.pir-ai.toml``.

Selection works like ruff: ``select`` and ``ignore`` take code prefixes ("PIR2", "PIR301")
or categories ("blame"); the most specific match wins, and ``ignore`` wins a tie.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pir_ai.errors import ConfigError
from pir_ai.findings import Category, Severity
from pir_ai.lint._registry import Rule

_CATEGORY_SPECIFICITY = 4  # a category counts like a "PIR2" prefix


class LintConfig(BaseModel):
    """Which rules run, how loud they are, and who counts as a person."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=lambda: ["PIR"])
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Per-code (or prefix/category) severity overrides."
    )
    roster: list[str] = Field(default_factory=list, description="Participant names.")
    system_subjects: list[str] = Field(default_factory=list, alias="system-subjects")
    person_nouns: list[str] = Field(default_factory=list, alias="person-nouns")
    weak_verbs: list[str] = Field(default_factory=list, alias="weak-verbs")
    fail_on: Severity = Field(default=Severity.ERROR, alias="fail-on")
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0, alias="min-confidence")
    lint_quotes: bool = Field(
        default=False,
        alias="lint-quotes",
        description="Also lint block quotes and chat lines (someone's words) in Markdown.",
    )

    @field_validator("select", "ignore")
    @classmethod
    def _known_selectors(cls, values: list[str]) -> list[str]:
        categories = {c.value for c in Category}
        for value in values:
            if not (value.upper().startswith("PIR") or value.lower() in categories):
                raise ValueError(f"{value!r}: expected a code prefix like 'PIR2' or a category")
        return values

    def _specificity(self, selectors: Sequence[str], rule: Rule) -> int:
        best = -1
        for selector in selectors:
            if selector.lower() == rule.category.value:
                best = max(best, _CATEGORY_SPECIFICITY)
            elif rule.code.startswith(selector.upper()):
                best = max(best, len(selector))
        return best

    def enabled(self, rule: Rule) -> bool:
        """Whether ``rule`` runs under this configuration."""
        chosen = self._specificity(self.select, rule)
        dropped = self._specificity(self.ignore, rule)
        return chosen >= 0 and chosen > dropped

    def severity_of(self, rule: Rule, reported: Severity | None) -> Severity:
        """The rule's severity after overrides; the most specific override wins."""
        best, chosen = -1, reported or rule.severity
        for key, severity in self.severity.items():
            score = self._specificity([key], rule)
            if score > best:
                best, chosen = score, severity
        return chosen


def _table(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("pir-ai", tool.get("pir_ai", {}))
        lint = section.get("lint") if isinstance(section, dict) else None
        return lint if isinstance(lint, dict) else None
    lint = data.get("lint", data)
    return lint if isinstance(lint, dict) else None


def load_config(path: str | Path) -> LintConfig:
    """Read a config file (pyproject.toml or .pir-ai.toml); ConfigError names what is wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read lint configuration: {err}") from err
    table = _table(data, path) or {}
    try:
        return LintConfig.model_validate(table)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()
        )
        raise ConfigError(f"{path}: [tool.pir-ai.lint]: {problems}") from err


def find_config(start: str | Path) -> LintConfig:
    """The nearest .pir-ai.toml, or pyproject.toml with a lint table, from ``start`` upward."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for candidate_dir in (folder, *folder.parents):
        dotfile = candidate_dir / ".pir-ai.toml"
        if dotfile.is_file():
            return load_config(dotfile)
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text("utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if _table(data, pyproject) is not None:
                return load_config(pyproject)
    return LintConfig()
