"""Tests reach pir_ai through its public API and the stages' entry points only.

A test that imports or patches a private module (``pir_ai.<stage>._x``) pins a layout
the package is free to change. These read every test file's source: its imports, and
the module paths it hands to ``patch``, ``setattr``, ``delattr`` or ``import_module``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).parent
PRIVATE = re.compile(r"^pir_ai\.[a-z_]+\._\w+")
"""A module inside a stage whose name starts with ``_`` (``pir_ai.ingest._load``)."""
NAMING_CALLS = {"patch", "setattr", "delattr", "import_module", "importorskip"}
"""Calls whose string argument names a module to reach into."""

ALLOWED: dict[str, set[str]] = {
    # The linter's own tests, not yet moved onto its entry point (``pir_ai.lint``).
    # Remove an entry once its file stops reaching in; never add one.
    "lint/conftest.py": {"pir_ai.lint._parser"},
    "lint/test_grammar.py": {
        "pir_ai.lint._grammar",
        "pir_ai.lint._grammar_lexicon",
        "pir_ai.lint._grammar_prefilter",
        "pir_ai.lint._grammar_rules",
        "pir_ai.lint._parser",
    },
    "lint/test_markdown.py": {"pir_ai.lint._markdown"},
    "lint/test_markdown_fuzz.py": {"pir_ai.lint._markdown"},
    "lint/test_markdown_reading.py": {
        "pir_ai.lint._api",
        "pir_ai.lint._markdown",
        "pir_ai.lint._text",
    },
    "lint/test_recall.py": {"pir_ai.lint._item_text"},
}
"""Test file (relative to ``tests/``) -> the private modules it may still reach."""


def private_reaches(source: str) -> Iterator[str]:
    """Every private pir_ai module the source imports, or names to a patching call."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if PRIVATE.match(a.name))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pir_ai."):
            module = str(node.module)
            if PRIVATE.match(module):
                yield module
            elif module.count(".") == 1:
                yield from (f"{module}.{a.name}" for a in node.names if a.name.startswith("_"))
        elif isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            called = node.func.id if isinstance(node.func, ast.Name) else called
            if called in NAMING_CALLS:
                yield from (
                    match.group(0)
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    if (match := PRIVATE.match(arg.value))
                )


def _reaches_by_file() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(TESTS.rglob("*.py")):
        reaches = set(private_reaches(path.read_text(encoding="utf-8")))
        if reaches:
            found[path.relative_to(TESTS).as_posix()] = reaches
    return found


def test_no_test_reaches_into_a_private_module_beyond_the_allow_list() -> None:
    beyond = {
        file: sorted(reaches - ALLOWED.get(file, set()))
        for file, reaches in _reaches_by_file().items()
        if reaches - ALLOWED.get(file, set())
    }
    assert beyond == {}


def test_the_allow_list_only_shrinks() -> None:
    """Every entry is still needed, and only the linter's and readers' tests have one."""
    found = _reaches_by_file()
    stale = {file: sorted(m - found.get(file, set())) for file, m in ALLOWED.items()}
    assert {file: modules for file, modules in stale.items() if modules} == {}
    assert all(file.startswith(("lint/", "ingest/")) for file in ALLOWED)


def test_imports_and_patched_paths_of_private_modules_are_all_found() -> None:
    source = """
import pir_ai.verify._texts as texts
from pir_ai.draft._model import adraft_with_model
from pir_ai.ingest import _slack_export, load_incident
from pir_ai import draft_postmortem
from pir_ai.providers import FakeProvider
mock.patch("pir_ai.draft._texts.checked")
monkeypatch.setattr("pir_ai.providers._registry.get_provider", refuse)
monkeypatch.setattr("pir_ai.providers.get_provider", refuse)
LAYOUT = {"pir_ai.providers._registry"}
"""
    assert sorted(private_reaches(source)) == [
        "pir_ai.draft._model",
        "pir_ai.draft._texts",
        "pir_ai.ingest._slack_export",
        "pir_ai.providers._registry",
        "pir_ai.verify._texts",
    ]
