"""``git log`` output to change events, one per commit.

Accepted, detected by content:

- the default (``medium``) and ``--format=fuller`` layouts, with or without ``--stat``;
  ``--date=`` variants that carry a date (iso, iso-strict, rfc, default, local);
- the documented machine format (recommended)::

      git log --date=iso-strict \\
        --pretty=format:'%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%P%x1f%s%x1e'

- a JSON array of commits: ``[{"hash", "author", "email", "date", "message"}]``.

The event time is the **commit** date when the layout has one (a rebase or a
cherry-pick changes it, and it is when the change could first ship); the author
date is kept in ``attrs["author_date"]``. ``--oneline`` output has no dates and is
refused with an error saying which format to use. Only ``commit <hash>`` at column
0 starts a commit, so hashes quoted inside messages are just text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._jsonio import read_json
from pir_ai.ingest._textlines import decode_line, head_lines, iter_text_lines
from pir_ai.ingest._timeparse import TimestampError, parse_iso

NAME = "git-log"
MACHINE_FORMAT = "%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%P%x1f%s%x1e"
_WANTED = (
    "git log in the default or --format=fuller layout, or"
    f" --date=iso-strict --pretty=format:'{MACHINE_FORMAT}'"
)
_COMMIT_LINE = re.compile(r"^commit (?P<hash>[0-9a-f]{7,64})\b(?:.*?\((?P<refs>[^)]*)\))?")
_ONELINE = re.compile(r"^[0-9a-f]{7,64} \S")
_HEADER = re.compile(r"^(?P<key>[A-Za-z]+):\s*(?P<value>.*)$")
_PERSON = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^>]*)>\s*$")
_JSON_COMMITS = re.compile(rb'^\s*\[\s*\{[^\[\]]*?"(?:hash|sha|commit)"\s*:\s*"[0-9a-f]{7,64}"')
_MACHINE_FIELDS = 7


@dataclass
class _Commit:
    """One commit as read, before its date is parsed."""

    hash: str
    record: str
    line: int | None
    author: str = ""
    email: str = ""
    date: str | None = None
    author_date: str | None = None
    committer: str | None = None
    parents: str = ""
    refs: str = ""
    message: list[str] = field(default_factory=list)
    stat: list[str] = field(default_factory=list)


def _person(value: str) -> tuple[str, str]:
    match = _PERSON.match(value.strip())
    return (match["name"].strip(), match["email"].strip()) if match else (value.strip(), "")


def _apply_header(commit: _Commit, key: str, value: str) -> None:
    if key == "Author":
        commit.author, commit.email = _person(value)
    elif key == "Date":
        commit.date = commit.author_date = value.strip()
    elif key == "AuthorDate":
        commit.author_date = value.strip()
        commit.date = commit.date or commit.author_date
    elif key == "CommitDate":
        commit.date = value.strip()
    elif key == "Commit":
        commit.committer = _person(value)[0] or _person(value)[1]
    elif key == "Merge":
        commit.parents = value.strip()


def _medium_commits(path: Path, warnings: list[str]) -> Iterator[_Commit]:
    """Commits of the default/fuller layouts, streamed line by line."""
    current: _Commit | None = None
    in_header = False
    for number, line in iter_text_lines(path, warnings):
        start = _COMMIT_LINE.match(line)
        if start:
            if current is not None:
                yield current
            refs = start["refs"] or ""
            current = _Commit(start["hash"], f"line {number}", number, refs=refs)
            in_header = True
            continue
        if current is None:
            continue
        if in_header:
            header = _HEADER.match(line)
            if header:
                _apply_header(current, header["key"], header["value"])
                continue
            in_header = False
            if not line.strip():
                continue
        if line.startswith("    "):
            current.message.append(line[4:])
        elif line.strip():
            current.stat.append(line.strip())
    if current is not None:
        yield current


def _machine_commits(path: Path, warnings: list[str]) -> Iterator[_Commit | SkippedRecord]:
    """Commits of the ``%x1f``/``%x1e`` machine format, streamed in chunks."""
    pending = b""
    number = 0
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            pending += chunk
            *records, pending = pending.split(b"\x1e")
            for raw in records:
                number += 1
                yield _machine_record(raw, number, line, warnings)
                line += raw.count(b"\n")
    if pending.strip():
        number += 1
        yield _machine_record(pending, number, line, warnings)


def _machine_record(
    raw: bytes, number: int, line: int, warnings: list[str]
) -> _Commit | SkippedRecord:
    skipped_newlines = len(raw) - len(raw.lstrip(b"\r\n\xef\xbb\xbf"))
    start_line = line + raw[:skipped_newlines].count(b"\n")
    fields = decode_line(raw.strip(b"\r\n").removeprefix(b"\xef\xbb\xbf"), start_line, warnings)
    parts = fields.split("\x1f")
    if len(parts) != _MACHINE_FIELDS or not re.fullmatch(r"[0-9a-f]{7,64}", parts[0]):
        return SkippedRecord(
            location=f"record {number} (line {start_line})",
            reason=f"expected {_MACHINE_FIELDS} fields hash..subject separated by \\x1f,"
            f" found {len(parts)} fields",
        )
    sha, author, email, author_date, commit_date, parents, subject = parts
    return _Commit(
        sha,
        f"record {number}",
        start_line,
        author=author.strip(),
        email=email.strip(),
        date=commit_date.strip() or author_date.strip() or None,
        author_date=author_date.strip() or None,
        parents=parents.strip(),
        message=[subject],
    )


def _first_str(item: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _json_commits(path: Path) -> Iterator[_Commit | SkippedRecord]:
    data = read_json(path, "a JSON array of commits")
    if not isinstance(data, list):
        raise MalformedSourceError(path, "a JSON array of commits", found=type(data).__name__)
    for index, item in enumerate(data):
        sha = _first_str(item, "hash", "sha", "commit") if isinstance(item, dict) else ""
        if not sha:
            yield SkippedRecord(location=f"[{index}]", reason="expected a commit with a hash")
            continue
        assert isinstance(item, dict)
        commit_date = _first_str(item, "commit_date", "committer_date", "committerDate")
        author_date = _first_str(item, "date", "author_date", "authorDate")
        yield _Commit(
            sha,
            f"[{index}]",
            None,
            author=_first_str(item, "author", "author_name", "authorName"),
            email=_first_str(item, "email", "author_email", "authorEmail"),
            date=commit_date or author_date or None,
            author_date=author_date or None,
            message=_first_str(item, "message", "subject").splitlines(),
        )


def _event(path: Path, commit: _Commit, options: IngestOptions, report: FileReport) -> Event | None:
    location = commit.record
    if not commit.date:
        reason = "expected a date (Date:, CommitDate: or a date field), found none"
        report.skipped.append(SkippedRecord(location=location, reason=reason))
        return None
    try:
        ts, was_naive = parse_iso(commit.date, options.tz)
    except TimestampError:
        reason = f"expected a commit date, found {commit.date[:60]!r}"
        report.skipped.append(SkippedRecord(location=location, reason=reason))
        return None
    if was_naive and options.tz is None and not any(w.startswith("naive") for w in report.warnings):
        report.warnings.append("naive commit dates (--date=local?) read as UTC; pass --tz")
    attrs = {"commit": commit.hash}
    optional = {
        "author_email": commit.email,
        "author_date": commit.author_date or "",
        "committer": commit.committer or "",
        "parents": commit.parents,
        "refs": commit.refs,
        "stat": commit.stat[-1] if commit.stat else "",
    }
    attrs.update({k: v for k, v in optional.items() if v})
    text = "\n".join(commit.message).strip()
    return Event(
        id=make_event_id(NAME, commit.hash),
        ts=ts,
        source=NAME,
        kind=EventKind.CHANGE,
        actor=commit.author or commit.email or None,
        text=text,
        ref=SourceRef(path=str(path), record=location, line=commit.line),
        attrs=attrs,
    )


def _layout(head: bytes) -> str | None:
    if _JSON_COMMITS.match(head):
        return "json"
    lines = head_lines(head, limit=10)
    if not lines:
        return None
    first_record = head.split(b"\x1e", 1)[0].split(b"\x1f")
    if len(first_record) == _MACHINE_FIELDS and re.fullmatch(
        rb"[0-9a-f]{7,64}", first_record[0].strip().removeprefix(b"\xef\xbb\xbf")
    ):
        return "machine"
    if _COMMIT_LINE.match(lines[0]):
        return "medium"
    if len(lines) >= 2 and all(_ONELINE.match(ln) for ln in lines):
        return "oneline"
    return None


class GitLogFormat:
    """``git log`` output (default, fuller, machine format, JSON array)."""

    name = NAME
    kind = "changes"
    recognised_by = "'commit <hash>' at line 1, \\x1f-separated fields, or [{\"hash\": ...}]"

    def sniff(self, sample: Sniff) -> bool:
        """True for a git log layout this reader knows (oneline included, to refuse it)."""
        return sample.head is not None and _layout(sample.head) is not None

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """One change event per commit; commits without a readable date are skipped."""
        report = FileReport(path=str(path), format=NAME)
        with path.open("rb") as handle:
            layout = _layout(handle.read(64 * 1024))
        commits: Iterator[_Commit | SkippedRecord]
        if layout == "json":
            commits = _json_commits(path)
        elif layout == "machine":
            commits = _machine_commits(path, report.warnings)
        elif layout == "medium":
            commits = _medium_commits(path, report.warnings)
        elif layout == "oneline":
            raise MalformedSourceError(
                path, _WANTED, location="line 1", found="--oneline (no dates)"
            )
        else:
            raise MalformedSourceError(path, _WANTED, location="line 1")
        events: list[Event] = []
        for item in commits:
            report.records_read += 1
            if isinstance(item, SkippedRecord):
                report.skipped.append(item)
                continue
            event = _event(path, item, options, report)
            if event is not None:
                events.append(event)
        report.events_produced = len(events)
        return ParseResult(events=events, report=report)


FORMAT = GitLogFormat()
