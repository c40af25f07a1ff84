"""Slack workspace export, as the folder or the .zip Slack hands out (FORMATS.md section 1).

Layout: ``channels.json`` (public), ``groups.json`` (private), ``dms.json`` /
``mpims.json``, ``users.json`` (``org_users.json`` on Enterprise Grid), and one
folder per conversation holding ``YYYY-MM-DD.json`` day files, each a JSON array
of message objects.

Reading rules:

- Time comes from each message's ``ts`` only, never from the day file's name (day
  files follow the workspace's zone, not UTC). Thread replies in a neighbouring
  day file still point at their parent: ``Event.thread`` is the parent's id,
  computed from ``(channel id, thread_ts)``.
- Day files are read one at a time and dropped, so memory grows with the events,
  not with the raw JSON of every day.
- A record is one message object. A day file that is not valid JSON, or not an
  array, counts as one skipped record (location = the file, reason = the decode
  error) and the other days still load. A second copy of a ``ts`` already read in
  the same conversation (a ``thread_broadcast`` seen twice) is skipped as a copy.
- The metadata files (channels.json, users.json, ...) name every actor and
  channel, so an unreadable one raises ``MalformedSourceError`` naming it and the
  line/column: guessing names from ids would silently mislabel the whole export.
- Other files found inside the export folder (an alert dump saved next to the
  channel folders) are not read by this format; the report names them.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from pir_ai.errors import EmptyInputError, MalformedSourceError, SourceError
from pir_ai.events import Event, FileReport, SkippedRecord, collector_paused
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._jsonio import loads_bytes
from pir_ai.ingest._slack_directory import SlackDirectory
from pir_ai.ingest._slack_message import read_messages

DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
USER_FILES = ("users.json", "org_users.json")
CHANNEL_FILES = ("channels.json", "groups.json", "mpims.json")
DM_FILE = "dms.json"
OTHER_EXPORT_FILES = ("integration_logs.json", "canvases.json", "content_flags.json")
# What a damaged or unusual zip raises from zipfile and its decompressors
# (encrypted members raise RuntimeError, unknown methods NotImplementedError).
ZIP_ERRORS = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    ValueError,
    struct.error,
)


class _Tree:
    """The export's files, from a folder or a zip, as posix paths relative to its root."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        names: list[str]
        if path.is_dir():
            names = [p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()]
        else:
            try:
                self._zip = zipfile.ZipFile(path)
                names = [n for n in self._zip.namelist() if not n.endswith("/")]
            except ZIP_ERRORS as err:
                raise MalformedSourceError(
                    path, "a readable zip archive", found=str(err)[:80]
                ) from err
        self.root = _root_of(names)
        self.names = sorted(n[len(self.root) :] for n in names if n.startswith(self.root))

    def read(self, name: str) -> bytes:
        """Bytes of one member, by its path relative to the export root."""
        full = self.root + name
        if self._zip is not None:
            return self._zip.read(full)
        return (self.path / full).read_bytes()

    def close(self) -> None:
        """Release the zip file handle, if any."""
        if self._zip is not None:
            self._zip.close()


def _root_of(names: list[str]) -> str:
    """The folder prefix holding the metadata files ('' or 'export-name/' inside a zip)."""
    for meta in ("channels.json", *USER_FILES):
        candidates = [n for n in names if PurePosixPath(n).name == meta]
        if candidates:
            shortest = min(candidates, key=lambda n: n.count("/"))
            return shortest[: -len(meta)]
    return ""


def _looks_like_export(names: list[str]) -> bool:
    root = _root_of(names)
    has_meta = any(root + meta in names for meta in ("channels.json", *USER_FILES))
    has_day = any(
        n.startswith(root) and n[len(root) :].count("/") == 1 and DAY_FILE.match(n.split("/")[-1])
        for n in names
    )
    return has_meta and has_day


def _sniff_folder(path: Path) -> bool:
    if not any((path / meta).is_file() for meta in ("channels.json", *USER_FILES)):
        return False
    for child in path.iterdir():
        if child.is_dir() and any(DAY_FILE.match(p.name) for p in child.iterdir()):
            return True
    return False


class SlackExportFormat:
    """Reads a Slack workspace export folder or zip into chat events."""

    name = "slack-export"
    kind = "chat"
    recognised_by = (
        "a folder or .zip holding channels.json or users.json and channel folders of"
        " YYYY-MM-DD.json day files"
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for an export folder or zip; never raises."""
        try:
            if sample.path.is_dir():
                return _sniff_folder(sample.path)
            if sample.path.suffix.lower() == ".zip" and zipfile.is_zipfile(sample.path):
                with zipfile.ZipFile(sample.path) as archive:
                    return _looks_like_export(archive.namelist())
        except ZIP_ERRORS:
            return False
        return False

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every conversation of the export; see the module docstring for the rules."""
        tree = _Tree(path)
        try:
            # A large export is ~100k long-lived events: see collector_paused for why.
            with collector_paused():
                return _parse_tree(tree, path)
        finally:
            tree.close()


def _load_meta(tree: _Tree, name: str) -> list[Any]:
    if name not in tree.names:
        return []
    try:
        raw = tree.read(name)
    except ZIP_ERRORS as err:
        raise MalformedSourceError(tree.path, f"a readable {name}", found=str(err)[:80]) from err
    data = loads_bytes(raw, f"{tree.path}/{name}", f"{name} as a JSON array")
    if not isinstance(data, list):
        raise MalformedSourceError(
            f"{tree.path}/{name}", "a JSON array of entries", found=type(data).__name__
        )
    return data


def _conversations(tree: _Tree, directory: SlackDirectory) -> dict[str, tuple[str, str]]:
    """Folder name to (conversation id, display name) from the metadata files."""
    folders: dict[str, tuple[str, str]] = {}
    for meta in CHANNEL_FILES:
        entries = _load_meta(tree, meta)
        directory.add_channels(entries)
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                name = directory.channels[entry["id"]]
                folders[name] = (entry["id"], name)
    for entry in _load_meta(tree, DM_FILE):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            members = entry["members"] if isinstance(entry.get("members"), list) else []
            names = [directory.name_of(m) or str(m) for m in members]
            label = "DM " + ", ".join(names) if names else entry["id"]
            folders[entry["id"]] = (entry["id"], label)
    return folders


def _day_files(tree: _Tree) -> Iterator[tuple[str, list[str]]]:
    """(folder, its day files in order) for every conversation folder."""
    by_folder: dict[str, list[str]] = {}
    for name in tree.names:
        parts = name.split("/")
        if len(parts) == 2 and DAY_FILE.match(parts[1]):
            by_folder.setdefault(parts[0], []).append(name)
    for folder in sorted(by_folder):
        yield folder, sorted(by_folder[folder])


def _stray_files(tree: _Tree) -> list[str]:
    """Files inside the export that no part of the reader looks at (e.g. an alert dump)."""
    known = {*USER_FILES, *CHANNEL_FILES, DM_FILE, *OTHER_EXPORT_FILES}
    return [
        name
        for name in tree.names
        if not (name in known or (name.count("/") == 1 and DAY_FILE.match(name.split("/")[1])))
        and not PurePosixPath(name).name.startswith(".")
    ]


def _parse_tree(tree: _Tree, path: Path) -> ParseResult:
    directory = SlackDirectory()
    for meta in USER_FILES:
        directory.add_users(_load_meta(tree, meta))
    folders = _conversations(tree, directory)
    report = FileReport(path=str(path), format=FORMAT.name)
    events: list[Event] = []
    any_day = False
    for folder, days in _day_files(tree):
        any_day = True
        channel_id, channel_name = folders.get(folder, (folder, folder))
        if folder not in folders:
            report.warnings.append(f"{folder}/: not in channels.json; folder name used as its id")
        seen_ts: set[str] = set()
        for day in days:
            _read_day(tree, path, day, channel_id, channel_name, directory, seen_ts, events, report)
    stray = _stray_files(tree)
    if stray:
        more = f" and {len(stray) - 5} more" if len(stray) > 5 else ""
        report.warnings.append(
            f"not part of a Slack export, so not read: {', '.join(stray[:5])}{more};"
            " pass such files as inputs of their own"
        )
    if not any_day:
        raise EmptyInputError(path, "channel folders of YYYY-MM-DD.json day files", found="none")
    events.sort(key=lambda e: e.ts)
    return ParseResult(events=events, report=report, extra={"people": directory.people_facts()})


def _read_day(
    tree: _Tree,
    path: Path,
    day: str,
    channel_id: str,
    channel_name: str,
    directory: SlackDirectory,
    seen_ts: set[str],
    events: list[Event],
    report: FileReport,
) -> None:
    try:
        try:
            raw = tree.read(day)
        except ZIP_ERRORS as err:
            raise MalformedSourceError(day, "a readable day file", found=str(err)[:80]) from err
        messages = loads_bytes(raw, day, "a JSON array of messages")
        if not isinstance(messages, list):
            raise MalformedSourceError(
                day, "a JSON array of messages", found=type(messages).__name__
            )
    except SourceError as err:
        report.records_read += 1
        report.skipped.append(SkippedRecord(location=day, reason=str(err)))
        return
    records = ((f"{day}[{index}]", message) for index, message in enumerate(messages))
    events.extend(
        read_messages(
            records,
            path=path,
            channel_id=channel_id,
            channel_name=channel_name,
            directory=directory,
            seen_ts=seen_ts,
            report=report,
        )
    )


FORMAT = SlackExportFormat()
