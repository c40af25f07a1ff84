"""What the ingest tests share: fixture paths, byte edits, JSON shapes and the one check
every reader must pass on any input: a ``SourceError`` naming the input, or a result
that accounts for every record it read."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import strategies as st

from pir_ai.errors import SourceError
from pir_ai.events import FileReport
from pir_ai.ingest import IngestOptions, ParseResult, SourceFormat, by_name, sniff_sample

FIXTURES = Path(__file__).parent.parent / "fixtures"
MEETING_START = datetime(2024, 5, 1, 14, 0, tzinfo=UTC)


def parse(fmt: str, path: Path, options: IngestOptions | None = None) -> ParseResult:
    """``path`` read by the reader named ``fmt`` (see ``pir-ai formats``)."""
    return by_name(fmt).parse(path, options or IngestOptions())


def assert_accounted(result: ParseResult) -> None:
    """Every record read is an event or a skipped record, and the events are all there."""
    report = result.report
    assert report.records_read == report.events_produced + len(report.skipped)
    assert report.events_produced == len(result.events)
    assert FileReport.model_validate(report.model_dump()) == report


@dataclass(frozen=True)
class Input:
    """Files to write in a fresh folder, the one to read, and the options to read it with."""

    files: dict[str, bytes]
    target: str
    options: IngestOptions = field(default_factory=IngestOptions)


def one_file(name: str, data: bytes, options: IngestOptions | None = None) -> Input:
    return Input({name: data}, name, options or IngestOptions())


def check_input(fmt: SourceFormat, given: Input) -> None:
    """Write ``given`` and read it: sniffing never raises, and reading raises only a
    ``SourceError`` naming the input (or a file inside it) or returns an exact account."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in given.files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        target = root / given.target
        fmt.sniff(sniff_sample(target))
        try:
            result = fmt.parse(target, given.options)
        except SourceError as error:
            named = Path(error.path)
            assert named == target or target in named.parents, (error.path, str(target))
            return
        assert_accounted(result)


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

Edit = Callable[[bytes], bytes]
"""What a test does to a valid file's bytes: mutate, truncate."""
