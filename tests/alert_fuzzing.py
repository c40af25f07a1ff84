"""Property-test helpers shared by the alert and paging parser tests.

Each parser must raise nothing but ``SourceError`` on any input, and whatever it
returns must account for every record it read.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

from pir_ai.errors import SourceError
from pir_ai.ingest import IngestOptions, SourceFormat


def assert_only_source_errors(
    fmt: SourceFormat, path: Path, options: IngestOptions | None = None
) -> None:
    """Parse ``path``; a ``SourceError`` is fine, anything else fails the test."""
    try:
        result = fmt.parse(path, options or IngestOptions())
    except SourceError:
        return
    report = result.report
    assert report.records_read == report.events_produced + len(report.skipped)


def json_values(keys: list[str]) -> st.SearchStrategy[object]:
    """Arbitrary JSON values whose objects use ``keys`` (plus one unknown key)."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=30)
        | st.sampled_from(["0001-01-01T00:00:00Z", "2024-05-01T10:00:00Z", "1714557600000", ""])
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.sampled_from([*keys, "x"]), children, max_size=6)
        ),
        max_leaves=20,
    )


def dumps(value: object) -> bytes:
    """JSON bytes for any generated value (stdlib: integers beyond 64 bits are allowed)."""
    return json.dumps(value).encode("utf-8")


def mutate(data: bytes, edits: list[tuple[int, bytes]]) -> bytes:
    """Replace single bytes of ``data`` at the given positions (modulo its length)."""
    buffer = bytearray(data)
    for position, replacement in edits:
        index = position % max(len(buffer), 1)
        buffer[index : index + 1] = replacement
    return bytes(buffer)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.binary(max_size=3)), min_size=1, max_size=6)
"""Byte edits for ``mutate``."""
