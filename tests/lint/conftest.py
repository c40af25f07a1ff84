"""The linter as it runs without its parser, for the tests of the pattern path."""

from __future__ import annotations

import sys

import pytest

from pir_ai.lint import ParserUnavailableWarning, _parser


@pytest.fixture
def pattern_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy cannot be imported; its one warning is taken here, so the test sees none."""
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setattr(_parser, "_STATE", [])
    with pytest.warns(ParserUnavailableWarning):
        assert _parser.parser() is None
