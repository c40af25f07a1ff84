"""Given names: the list that tells a person's name from a word."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def given_names() -> frozenset[str]:
    """Common given names across many languages, lower-case (data file in this package)."""
    text = resources.files("pir_ai.redact").joinpath("given_names.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())
