"""The house: stages as folders, no import cycle, one code table, one verification pass.

These read the package's source (imports as written) and run its public API; they
fail when a change brings back a cycle, a lazy import, a loose root module, a stage
reaching into another stage's private modules, or a public signature with a type
that is not exported.
"""

from __future__ import annotations

import ast
import graphlib
import importlib
import inspect
import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import pir_ai
from pir_ai.findings import RULE_NAMES
from pir_ai.lint import all_rules, lint_postmortem
from pir_ai.verify import verify_draft
from tests.drafting_support import checkout_story

PACKAGE = Path(pir_ai.__file__).parent
CORE = {"events", "postmortem", "findings", "errors"}
STAGES = {
    "ingest",
    "facts",
    "redact",
    "budget",
    "providers",
    "draft",
    "verify",
    "lint",
    "render",
    "export",
    "cli",
}
LAZY_ALLOWED = {"pir_ai.providers._registry"}
"""Backends are imported when chosen, so the offline path never imports an SDK."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> Iterator[tuple[str, bool, int]]:
    """(imported module, at module level, line) for every ``pir_ai`` import in ``path``.

    Imports under ``if TYPE_CHECKING:`` are skipped: they never run.
    """

    def walk(nodes: list[ast.stmt], top: bool) -> Iterator[tuple[str, bool, int]]:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                yield from walk(node.orelse, top)
                continue
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pir_ai"):
                module = str(node.module)
                yield module, top, node.lineno
                for alias in node.names:
                    if f"{module}.{alias.name}" in MODULES:
                        yield f"{module}.{alias.name}", top, node.lineno
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("pir_ai"):
                        yield alias.name, top, node.lineno
            inner = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for field in ("body", "orelse", "finalbody"):
                block = getattr(node, field, None)
                if isinstance(block, list):
                    yield from walk(
                        [n for n in block if isinstance(n, ast.stmt)], top and not inner
                    )
            for handler in getattr(node, "handlers", []):
                yield from walk(handler.body, top and not inner)

    return walk(ast.parse(path.read_text(encoding="utf-8")).body, True)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, top, _ in _imports(path):
            if top and target in MODULES and target != name:
                graph[name].add(target)
    return graph


def test_the_import_graph_has_no_cycle() -> None:
    try:
        list(graphlib.TopologicalSorter(_graph()).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail(f"import cycle: {' -> '.join(cycle.args[1])}")


def test_a_cycle_is_detected_when_one_appears() -> None:
    graph = _graph()
    graph["pir_ai.events"].add("pir_ai.draft")  # what `import pir_ai.draft` in events.py adds
    with pytest.raises(graphlib.CycleError):
        list(graphlib.TopologicalSorter(graph).static_order())


def test_no_pir_ai_import_hides_inside_a_function() -> None:
    lazy = [
        f"{name}:{line} imports {target}"
        for name, path in MODULES.items()
        if name not in LAZY_ALLOWED
        for target, top, line in _imports(path)
        if not top
    ]
    assert lazy == []


def test_the_root_holds_only_the_public_api_the_core_types_and_the_stages() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert modules == CORE
    assert folders == STAGES


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_no_stage_reaches_into_another_stages_private_modules() -> None:
    reaching = [
        f"{name} imports {target}"
        for name, path in MODULES.items()
        for target, _, _ in _imports(path)
        if target.count(".") >= 2
        and _stage(target) != _stage(name)
        and target.split(".")[2].startswith("_")
    ]
    assert reaching == []


def test_every_module_of_a_stage_but_its_entry_point_is_private() -> None:
    public = [
        name
        for name in MODULES
        if name.count(".") >= 2
        and _stage(name) not in {"cli"}
        and not any(part.startswith("_") for part in name.split(".")[2:])
    ]
    assert public == []


def _pir_types(annotation: Any) -> Iterator[type]:
    if isinstance(annotation, type) and annotation.__module__.startswith("pir_ai"):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _pir_types(argument)


def _public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    for name in pir_ai.__all__:
        value = getattr(pir_ai, name)
        if inspect.isclass(value):
            yield f"{name}.__init__", value.__init__
            for attr, member in vars(value).items():
                if not attr.startswith("_") and inspect.isfunction(member):
                    yield f"{name}.{attr}", member
        elif callable(value):
            yield name, value


def test_no_public_signature_names_an_unexported_type() -> None:
    """Every type a public signature names is exported by ``pir_ai`` or a stage's entry."""
    entry_points = [pir_ai, *(importlib.import_module(f"pir_ai.{s}") for s in STAGES - {"cli"})]
    exported = {
        value
        for module in entry_points
        for name in module.__all__
        if inspect.isclass(value := getattr(module, name))
    }
    unexported: list[str] = []
    for where, function in _public_callables():
        try:
            hints = typing.get_type_hints(function, include_extras=True)
        except (NameError, TypeError):
            continue  # pydantic's own __init__ and similar: not ours to annotate
        for hint in hints.values():
            unexported += [
                f"{where}: {t.__qualname__}" for t in _pir_types(hint) if t not in exported
            ]
    assert sorted(set(unexported)) == []


def test_every_pir_code_is_registered_once_with_the_name_in_the_one_table() -> None:
    rules = all_rules()
    assert sorted(r.code for r in rules) == sorted(RULE_NAMES)
    assert {r.code: r.name for r in rules} == RULE_NAMES


class _Calls:
    """Counts calls of one function by its code object, without patching any module."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.code = function.__code__
        self.count = 0

    def __enter__(self) -> _Calls:
        sys.setprofile(self._profile)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.setprofile(None)

    def _profile(self, frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code is self.code:
            self.count += 1


def test_an_offline_draft_is_grounded_once() -> None:
    incident, _ = checkout_story()
    with _Calls(verify_draft) as calls:
        pir_ai.draft_postmortem(incident)
    assert calls.count == 1


def test_a_model_draft_is_grounded_once_after_its_sections_are_checked() -> None:
    incident, _ = checkout_story()
    # Answers that fail the schema: every section is re-asked, checked, then falls back.
    fake = pir_ai.get_provider("fake:story", script=lambda request: {"unexpected": True})
    with _Calls(verify_draft) as calls:
        pir_ai.draft_postmortem(incident, provider=fake)
    assert calls.count == 1


def test_linting_a_draft_grounds_it_once() -> None:
    incident, _ = checkout_story()
    draft = pir_ai.draft_postmortem(incident)
    with _Calls(verify_draft) as calls:
        lint_postmortem(draft, events=incident.by_id())
    assert calls.count == 1
