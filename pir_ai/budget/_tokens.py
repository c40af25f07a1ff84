"""Token counts and context windows, without ever downloading an encoding.

tiktoken normally fetches its BPE files from the internet on first use. pir_ai
instead reads the copies the ``bpe-openai`` package ships (gzipped) and builds
the ``tiktoken.Encoding`` the way ``tiktoken_ext/openai_public.py`` does. When
those files are unavailable, counts fall back to an estimate of one token per
four characters, with a single warning.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import logging
import os
import tempfile
import warnings
from pathlib import Path

import tiktoken
from tiktoken.load import load_tiktoken_bpe

__all__ = [
    "CHARS_PER_TOKEN_ESTIMATE",
    "DEFAULT_CONTEXT_WINDOW",
    "context_window",
    "count_tokens",
    "encoding_for_model",
]

log = logging.getLogger(__name__)

CHARS_PER_TOKEN_ESTIMATE = 4
"""The fallback estimate when no encoding can be loaded: one token per four characters."""

_ENDOFTEXT = "<|endoftext|>"
_ENDOFPROMPT = "<|endofprompt|>"

# Patterns, special tokens and file hashes copied from tiktoken_ext/openai_public.py.
_O200K_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_ENCODINGS: dict[str, tuple[str, dict[str, int], str]] = {
    "o200k_base": (
        _O200K_PATTERN,
        {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018},
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "cl100k_base": (
        _CL100K_PATTERN,
        {
            _ENDOFTEXT: 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            _ENDOFPROMPT: 100276,
        },
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
}

# Context windows in tokens (input + output), longest matching prefix wins.
_CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-5": 400_000,
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
    "claude-": 200_000,
    "offline": 10**9,
    "fake": 10**9,
}
DEFAULT_CONTEXT_WINDOW = 32_768
"""Assumed for models the table does not know (local models, gateways); override per provider."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pir_ai" / "tiktoken"


def _shipped_file(name: str) -> Path:
    # find_spec locates the package without importing it: bpe_openai's __init__ loads a
    # whole tokenizer (and warns) on import, and only its data files are needed here.
    spec = importlib.util.find_spec("bpe_openai")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("bpe_openai")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.tiktoken.gz"


def _plain_bpe_file(name: str) -> Path:
    """Decompress the shipped ``<name>.tiktoken.gz`` once into a cache directory."""
    data = gzip.decompress(_shipped_file(name).read_bytes())
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / "pir_ai-tiktoken"):
        target = folder / f"{name}-{hashlib.sha256(data).hexdigest()[:16]}.tiktoken"
        if target.exists():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(data)
            partial.replace(target)
            return target
        except OSError:
            continue
    raise OSError(f"no writable cache directory for the {name} encoding")


@functools.cache
def _load_encoding(name: str) -> tiktoken.Encoding | None:
    if name not in _ENCODINGS:
        return None
    pattern, special_tokens, expected_hash = _ENCODINGS[name]
    try:
        ranks = load_tiktoken_bpe(str(_plain_bpe_file(name)), expected_hash=expected_hash)
    except (OSError, ValueError, ModuleNotFoundError) as err:
        log.debug("cannot load %s from bpe-openai: %s", name, err)
        return None
    return tiktoken.Encoding(
        name, pat_str=pattern, mergeable_ranks=ranks, special_tokens=special_tokens
    )


@functools.cache
def _warn_estimate_once(name: str) -> None:
    warnings.warn(
        f"token encoding {name!r} unavailable (bpe-openai files missing); "
        f"estimating one token per {CHARS_PER_TOKEN_ESTIMATE} characters",
        RuntimeWarning,
        stacklevel=3,
    )


def count_tokens(text: str, encoding: str = "o200k_base") -> int:
    """Count the tokens of ``text`` in ``encoding``; an estimate (len/4) when unavailable."""
    loaded = _load_encoding(encoding)
    if loaded is None:
        _warn_estimate_once(encoding)
        return -(-len(text) // CHARS_PER_TOKEN_ESTIMATE)
    return len(loaded.encode(text, disallowed_special=()))


def encoding_for_model(model: str) -> str:
    """The encoding whose counts best match ``model``; o200k_base for non-OpenAI models."""
    try:
        name = tiktoken.model.encoding_name_for_model(model)
    except KeyError:
        return "o200k_base"
    return name if name in _ENCODINGS else "o200k_base"


def context_window(model: str) -> int:
    """Tokens ``model`` accepts, input and output; ``DEFAULT_CONTEXT_WINDOW`` if unknown."""
    matches = [prefix for prefix in _CONTEXT_WINDOWS if model.startswith(prefix)]
    if not matches:
        return DEFAULT_CONTEXT_WINDOW
    return _CONTEXT_WINDOWS[max(matches, key=len)]
