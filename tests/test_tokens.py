"""Token counts from the encoding files bpe-openai ships; never a download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tiktoken.load

from pir_ai import tokens
from pir_ai.budget import context_window, count_tokens, encoding_for_model


@pytest.fixture
def fresh_encodings() -> Iterator[None]:
    """Forget loaded encodings (and the one-time warning) before and after the test."""
    tokens._load_encoding.cache_clear()
    tokens._warn_estimate_once.cache_clear()
    yield
    tokens._load_encoding.cache_clear()
    tokens._warn_estimate_once.cache_clear()


def test_counts_match_openais_published_examples() -> None:
    # tiktoken's README: "tiktoken is great!" is 6 tokens in cl100k_base.
    assert count_tokens("tiktoken is great!", "cl100k_base") == 6
    assert count_tokens("hello world") == 2


def test_encoding_round_trips_text() -> None:
    encoding = tokens._load_encoding("o200k_base")
    assert encoding is not None
    text = "Checkout 500s from 10:02 to 10:31 UTC — PERSON_3 rolled back deploy 8812."
    assert encoding.decode(encoding.encode(text)) == text


def test_special_token_text_is_counted_as_plain_text() -> None:
    assert count_tokens("<|endoftext|>") > 1


def test_encodings_load_from_local_files_only(
    fresh_encodings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real_read_file = tiktoken.load.read_file

    def local_only(blobpath: str) -> bytes:
        assert "://" not in blobpath, f"tried to download {blobpath}"
        read.append(blobpath)
        return real_read_file(blobpath)

    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")  # no tiktoken cache: every read is visible
    monkeypatch.setattr(tiktoken.load, "read_file", local_only)
    assert count_tokens("hello world", "cl100k_base") == 2
    assert len(read) == 1 and Path(read[0]).name.startswith("cl100k_base")


def test_missing_encoding_files_fall_back_to_an_estimate_with_one_warning(
    fresh_encodings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(name: str) -> Path:
        raise ModuleNotFoundError("bpe_openai")

    monkeypatch.setattr(tokens, "_shipped_file", gone)
    with pytest.warns(RuntimeWarning, match="estimating one token per 4 characters") as caught:
        assert count_tokens("x" * 10) == 3
        assert count_tokens("y" * 8) == 2
    assert len(caught) == 1


def test_unknown_encoding_name_falls_back_to_the_estimate(fresh_encodings: None) -> None:
    with pytest.warns(RuntimeWarning, match="p50k_base"):
        assert count_tokens("abcd" * 5, "p50k_base") == 5


def test_encoding_for_model() -> None:
    assert encoding_for_model("gpt-4o-mini") == "o200k_base"
    assert encoding_for_model("gpt-4") == "cl100k_base"
    assert encoding_for_model("claude-haiku-4-5") == "o200k_base"


@pytest.mark.parametrize(
    ("model", "window"),
    [
        ("gpt-4.1-mini-2025-04-14", 1_047_576),
        ("gpt-4o", 128_000),
        ("gpt-4", 8_192),
        ("claude-haiku-4-5", 200_000),
        ("qwen2.5:7b", tokens.DEFAULT_CONTEXT_WINDOW),
    ],
)
def test_context_window_by_longest_known_prefix(model: str, window: int) -> None:
    assert context_window(model) == window
