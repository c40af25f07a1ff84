"""Versioned prompt files: where they live, how they load, how a team overrides them.

The prompts ship inside the wheel as ``pir_ai/prompts/<set>/`` (hatch force-include of
the repository's ``prompts/`` folder); in an editable install they are read from the
repository itself. Each set has a ``manifest.toml`` naming its version and files. The
version is recorded on every draft, and a draft made with overridden instructions says
so in its version string, so a reviewer always knows which words asked.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pir_ai.errors import ConfigError

DEFAULT_SET = "v1"


@dataclass(frozen=True)
class PromptSet:
    """The words of one prompt set, ready to build requests from.

    Attributes:
        version: recorded on each draft; ends in ``+custom.<hash>`` when overridden.
        system: the system prompt shared by every request.
        notes: instructions for the map step of map-reduce (``{part}``, ``{parts}``).
        reduce: instructions for merging notes when they are still too long.
        sections: section name -> its instructions.
        descriptions: section name -> one line saying what it drafts.
    """

    version: str
    system: str
    notes: str
    reduce: str
    sections: Mapping[str, str]
    descriptions: Mapping[str, str] = field(default_factory=dict)

    def instructions(self, section: str) -> str:
        """The instructions for ``section``; ``ConfigError`` when the set has none."""
        try:
            return self.sections[section]
        except KeyError as err:
            known = ", ".join(sorted(self.sections))
            message = f"prompt set {self.version}: no section {section!r}; known: {known}"
            raise ConfigError(message) from err


def prompts_root() -> Traversable:
    """The folder holding the prompt sets: the wheel's copy, else the repository's."""
    installed = resources.files("pir_ai").joinpath("prompts")
    if installed.is_dir():
        return installed
    repository = Path(__file__).resolve().parents[2] / "prompts"
    if repository.is_dir():
        return repository
    raise ConfigError(
        "prompt files not found: expected pir_ai/prompts in the installed package "
        f"or {repository} in a source checkout"
    )


def load_prompts(
    name: str = DEFAULT_SET,
    *,
    overrides: Mapping[str, str] | None = None,
    root: Traversable | Path | None = None,
) -> PromptSet:
    """Load prompt set ``name``, replacing the instructions of any section in ``overrides``.

    Args:
        name: folder of the set under the prompts root, e.g. ``"v1"``.
        overrides: section name -> instructions a team wants instead of the shipped ones.
        root: a folder of prompt sets to use instead of the shipped one.

    Raises:
        ConfigError: the set, its manifest or a file it names is missing or invalid, or an
            override names a section the set does not have.
    """
    base = (root if root is not None else prompts_root()).joinpath(name)
    manifest = _read_manifest(base)
    version = _require_str(manifest, "version", base)
    sections_table = manifest.get("sections")
    if not isinstance(sections_table, dict) or not sections_table:
        raise ConfigError(f"{base}/manifest.toml: expected a [sections.<name>] table")
    sections: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for section, spec in sections_table.items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{base}/manifest.toml: [sections.{section}] must be a table")
        sections[section] = _read_text(base, _require_str(spec, "file", base))
        descriptions[section] = str(spec.get("description", section))
    prompt_set = PromptSet(
        version=version,
        system=_read_text(base, _require_str(manifest, "system", base)),
        notes=_read_text(base, _require_str(manifest, "notes", base)),
        reduce=_read_text(base, _require_str(manifest, "reduce", base)),
        sections=sections,
        descriptions=descriptions,
    )
    return apply_overrides(prompt_set, overrides) if overrides else prompt_set


def apply_overrides(prompt_set: PromptSet, overrides: Mapping[str, str]) -> PromptSet:
    """A copy of ``prompt_set`` with some sections' instructions replaced.

    The version gains ``+custom.<hash of the overrides>`` so drafts record the change.
    """
    unknown = sorted(set(overrides) - set(prompt_set.sections))
    if unknown:
        known = ", ".join(sorted(prompt_set.sections))
        raise ConfigError(f"prompt overrides name unknown sections {unknown}; known: {known}")
    digest = hashlib.sha256(
        "\x1f".join(f"{k}\x1e{overrides[k]}" for k in sorted(overrides)).encode("utf-8")
    ).hexdigest()[:8]
    return PromptSet(
        version=f"{prompt_set.version}+custom.{digest}",
        system=prompt_set.system,
        notes=prompt_set.notes,
        reduce=prompt_set.reduce,
        sections={**prompt_set.sections, **overrides},
        descriptions=prompt_set.descriptions,
    )


def _read_manifest(base: Traversable | Path) -> dict[str, object]:
    manifest = base.joinpath("manifest.toml")
    if not manifest.is_file():
        raise ConfigError(f"prompt set not found: expected {manifest}")
    try:
        return tomllib.loads(manifest.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{manifest}: invalid TOML: {err}") from err


def _require_str(table: Mapping[str, object], key: str, base: Traversable | Path) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{base}/manifest.toml: expected a string {key!r}, found {value!r}")
    return value


def _read_text(base: Traversable | Path, filename: str) -> str:
    path = base.joinpath(filename)
    if not path.is_file():
        raise ConfigError(f"prompt file missing: expected {path}")
    return path.read_text(encoding="utf-8").strip()
