"""Reading JSON and JSON Lines with errors that name the file, line and column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from pir_ai.errors import MalformedSourceError

BOM = b"\xef\xbb\xbf"


def _position(data: bytes, pos: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, pos) + 1
    column = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    return line, column


def loads_bytes(data: bytes, path: str | Path, expected: str = "valid JSON") -> Any:
    """Decode one JSON document; a decode error becomes ``MalformedSourceError`` at line:col."""
    body = data[len(BOM) :] if data.startswith(BOM) else data
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as err:
        line, column = _position(body, err.pos)
        found = "end of file (truncated?)" if err.pos >= len(body.rstrip()) else err.msg
        raise MalformedSourceError(
            path, expected, location=f"line {line} column {column}", found=found
        ) from err


def read_json(path: Path, expected: str = "valid JSON") -> Any:
    """Read a whole JSON file."""
    return loads_bytes(path.read_bytes(), path, expected)


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any | orjson.JSONDecodeError]]:
    """Stream a JSON Lines file: (line number, value or the decode error) per non-blank line.

    Errors are yielded, not raised, so a parser can skip one bad line and keep the rest.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw[len(BOM) :] if number == 1 and raw.startswith(BOM) else raw
            if not line.strip():
                continue
            try:
                yield number, orjson.loads(line)
            except orjson.JSONDecodeError as err:
                yield number, err


def looks_like_json_lines(head: bytes) -> bool:
    """True when the first two non-blank lines each parse as a JSON object."""
    lines = [ln for ln in head.removeprefix(BOM).splitlines() if ln.strip()][:2]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(orjson.loads(ln), dict) for ln in lines)
    except orjson.JSONDecodeError:
        return False
