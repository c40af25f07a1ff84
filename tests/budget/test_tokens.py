"""Token counts from the encoding files bpe-openai ships; never a download."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pir_ai.budget import DEFAULT_CONTEXT_WINDOW, context_window, count_tokens, encoding_for_model


def fresh(code: str, tmp_path: Path) -> dict[str, object]:
    """Run ``code`` in a new interpreter (no encoding loaded, no warning given yet).

    The code sets ``result``; it comes back as JSON. Encodings are decompressed into
    ``tmp_path``, so nothing cached by an earlier run is read.
    """
    script = "import json\n" + textwrap.dedent(code) + "\nprint(json.dumps(result))\n"
    env = {"XDG_CACHE_HOME": str(tmp_path), "TMPDIR": str(tmp_path), "PATH": ""}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return dict(json.loads(run.stdout.splitlines()[-1]))


def test_counts_match_openais_published_examples() -> None:
    # tiktoken's README: "tiktoken is great!" is 6 tokens in cl100k_base.
    assert count_tokens("tiktoken is great!", "cl100k_base") == 6
    assert count_tokens("hello world") == 2


def test_encoding_round_trips_text(tmp_path: Path) -> None:
    # tiktoken's own o200k_base, built from the file count_tokens decompressed, not downloaded.
    result = fresh(
        """
        import os
        from pathlib import Path
        import tiktoken, tiktoken.load
        from tiktoken_ext import openai_public
        from pir_ai.budget import count_tokens

        text = "Checkout 500s from 10:02 to 10:31 UTC — PERSON_3 rolled back deploy 8812."
        counted = count_tokens(text)
        [plain] = Path(os.environ["XDG_CACHE_HOME"]).rglob("o200k_base-*.tiktoken")
        tiktoken.load.read_file = lambda blobpath: plain.read_bytes()
        encoding = tiktoken.Encoding(**openai_public.o200k_base())
        result = {"decoded": encoding.decode(encoding.encode(text)), "text": text,
                  "counted": counted, "encoded": len(encoding.encode(text))}
        """,
        tmp_path,
    )
    assert result["decoded"] == result["text"]
    assert result["counted"] == result["encoded"]


def test_special_token_text_is_counted_as_plain_text() -> None:
    assert count_tokens("<|endoftext|>") > 1


def test_encodings_load_from_local_files_only(tmp_path: Path) -> None:
    result = fresh(
        """
        import os
        import tiktoken.load
        from pir_ai.budget import count_tokens

        read = []
        real_read_file = tiktoken.load.read_file

        def local_only(blobpath):
            assert "://" not in blobpath, f"tried to download {blobpath}"
            read.append(blobpath)
            return real_read_file(blobpath)

        os.environ["TIKTOKEN_CACHE_DIR"] = ""  # no tiktoken cache: every read is visible
        tiktoken.load.read_file = local_only
        result = {"count": count_tokens("hello world", "cl100k_base"), "read": read}
        """,
        tmp_path,
    )
    read = result["read"]
    assert result["count"] == 2
    assert (
        isinstance(read, list) and len(read) == 1 and Path(read[0]).name.startswith("cl100k_base")
    )


def test_missing_encoding_files_fall_back_to_an_estimate_with_one_warning(tmp_path: Path) -> None:
    result = fresh(
        """
        import importlib.util, warnings
        real_find_spec = importlib.util.find_spec
        importlib.util.find_spec = lambda name, *a: (
            None if name == "bpe_openai" else real_find_spec(name, *a)
        )  # bpe-openai not installed
        from pir_ai.budget import count_tokens

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            counts = [count_tokens("x" * 10), count_tokens("y" * 8)]
        result = {
            "counts": counts,
            "warnings": [str(w.message) for w in caught if w.category is RuntimeWarning],
        }
        """,
        tmp_path,
    )
    assert result["counts"] == [3, 2]
    warned = result["warnings"]
    assert isinstance(warned, list) and len(warned) == 1
    assert "estimating one token per 4 characters" in warned[0]


def test_unknown_encoding_name_falls_back_to_the_estimate() -> None:
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
        ("qwen2.5:7b", DEFAULT_CONTEXT_WINDOW),
    ],
)
def test_context_window_by_longest_known_prefix(model: str, window: int) -> None:
    assert context_window(model) == window
