"""The wheel ships the prompts, the type marker and the package, and nothing from tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hatchling.builders.wheel import WheelBuilder

REPO = Path(__file__).parent.parent


def test_the_wheel_carries_the_prompts_and_py_typed(tmp_path: Path) -> None:
    [wheel] = list(WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"]))
    names = set(zipfile.ZipFile(wheel).namelist())
    prompts = {p.relative_to(REPO).as_posix() for p in (REPO / "prompts").rglob("*") if p.is_file()}
    assert prompts, "no prompt files in the repository"
    assert {f"pir_ai/{p}" for p in prompts} <= names
    assert "pir_ai/py.typed" in names
    assert "pir_ai/__init__.py" in names
    assert not any(n.startswith(("tests/", "evals/", "examples/")) for n in names)
