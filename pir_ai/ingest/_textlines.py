"""Streaming the lines of a text file that may not be UTF-8 (logs, git output, CSV)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

BOM = b"\xef\xbb\xbf"


def decode_line(raw: bytes, number: int, warnings: list[str]) -> str:
    """One line as text: UTF-8, else Windows-1252 (lossless for most legacy logs), with a
    warning the first time it happens in a file."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        note = "not UTF-8: some lines read as Windows-1252"
        if not any(w.startswith(note) for w in warnings):
            warnings.append(f"{note} (first at line {number})")
        return raw.decode("cp1252", errors="replace")


def iter_text_lines(path: Path, warnings: list[str]) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its line break), one at a time, BOM dropped."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            body = raw[len(BOM) :] if number == 1 and raw.startswith(BOM) else raw
            yield number, decode_line(body.rstrip(b"\r\n"), number, warnings)


def head_lines(head: bytes, limit: int = 40) -> list[str]:
    """The first non-blank lines of a sniff sample (last, maybe cut, line dropped)."""
    body = head.removeprefix(BOM)
    lines = body.split(b"\n")
    if len(lines) > 1 and not body.endswith(b"\n"):
        lines.pop()
    text = [ln.decode("utf-8", "replace").rstrip("\r") for ln in lines]
    return [ln for ln in text if ln.strip()][:limit]
