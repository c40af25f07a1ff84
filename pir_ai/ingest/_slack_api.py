"""Slack Web API JSON saved to disk (FORMATS.md 1.6), one conversation per file.

Accepted shapes:

- ``conversations.history`` / ``conversations.replies`` responses:
  ``{"ok": true, "messages": [...], "has_more": ...}`` (history is newest first,
  replies start with the parent; both are sorted by ``ts`` here);
- slackdump's ``{"channel_id", "name", "messages": [...]}``, whose messages may
  carry ``slackdump_thread_replies``;
- a bare JSON array of message objects (one export day file on its own).

The API response does not name its channel, so the id comes from the file
(``channel_id`` / ``channel`` field), else from a ``C…``/``G…``/``D…`` token in the
file name, else the file or folder name, with a warning. Event ids use the same
key as the export reader, so a message read from both is one event after merging.

``users.json`` / ``users.list`` and ``channels.json`` / ``conversations.list``
files beside the dump name actors and channels; saved on their own they are
recognised too and read as zero records. A file that is not valid JSON, or an
``{"ok": false, "error": ...}`` response, raises ``MalformedSourceError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pir_ai.errors import MalformedSourceError, SourceError
from pir_ai.events import FileReport
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._jsonio import BOM, read_json
from pir_ai.ingest._slack_directory import SlackDirectory, as_object, first_text
from pir_ai.ingest._slack_message import read_messages

_CONVERSATION_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
_OBJECT_WITH_MESSAGES = re.compile(rb'^\s*\{.*"messages"\s*:\s*\[', re.DOTALL)
_ARRAY_OF_OBJECTS = re.compile(rb"^\s*\[\s*\{")
_SLACK_TS = re.compile(rb'"ts"\s*:\s*"\d{9,}\.\d+"')
_MESSAGE_TYPE = re.compile(rb'"type"\s*:\s*"message"')
_USER_ENTRY = re.compile(rb'"profile"\s*:\s*\{')
_CHANNEL_ENTRY = re.compile(rb'"(is_channel|is_general|is_archived|is_mpim)"\s*:')
USERS_FILES = ("users.json", "users.list.json", "org_users.json")
CHANNELS_FILES = ("channels.json", "groups.json", "conversations.list.json")


def _is_directory_head(head: bytes) -> bool:
    if not head.lstrip().startswith((b"[", b"{")) or _SLACK_TS.search(head):
        return False
    users = _USER_ENTRY.search(head) and b'"real_name"' in head
    channels = _CHANNEL_ENTRY.search(head) and b'"creator"' in head
    return bool(users or channels)


class SlackApiFormat:
    """Reads Slack Web API / slackdump conversation JSON into chat events."""

    name = "slack-api"
    kind = "chat"
    recognised_by = (
        'JSON with "messages": [...] of Slack messages ("ts": "<epoch>.<seq>"), a bare array'
        " of them, or a Slack users/channels list (names only)"
    )

    def sniff(self, sample: Sniff) -> bool:
        """True for API responses, slackdump files, lone day files and Slack name lists."""
        head = (sample.head or b"").removeprefix(BOM)
        if not head:
            return False
        if _OBJECT_WITH_MESSAGES.match(head) and _SLACK_TS.search(head):
            return True
        if _ARRAY_OF_OBJECTS.match(head) and _SLACK_TS.search(head):
            return bool(_MESSAGE_TYPE.search(head))
        return _is_directory_head(head)

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read one conversation file; see the module docstring for the shapes."""
        data = read_json(path, "Slack API JSON")
        report = FileReport(path=str(path), format=self.name)
        messages = _messages_of(data, path)
        if messages is None:
            report.warnings.append("Slack users/channels list: names only, no messages")
            return ParseResult(events=[], report=report)
        directory = _sibling_directory(path, report)
        channel_id, channel_name = _conversation(data, path, directory, report)
        events = read_messages(
            _records(messages, "messages" if isinstance(data, dict) else ""),
            path=path,
            channel_id=channel_id,
            channel_name=channel_name,
            directory=directory,
            seen_ts=set(),
            report=report,
        )
        events.sort(key=lambda e: e.ts)
        return ParseResult(events=events, report=report, extra={"people": directory.people_facts()})


def _messages_of(data: Any, path: Path) -> list[Any] | None:
    """The message list, or None for a users/channels list; raises on anything else."""
    if isinstance(data, list):
        return None if data and not any(_is_message(m) for m in data) else data
    if not isinstance(data, dict):
        raise MalformedSourceError(path, "a Slack API object or array", found=type(data).__name__)
    if data.get("ok") is False:
        error = data.get("error")
        raise MalformedSourceError(
            path, "a successful Slack API response (ok: true)", found=f"ok: false, error {error!r}"
        )
    messages = data.get("messages")
    if isinstance(messages, list):
        return messages
    if isinstance(data.get("members"), list) or isinstance(data.get("channels"), list):
        return None
    raise MalformedSourceError(path, 'a "messages" array', found=f"keys {sorted(data)[:6]}")


def _is_message(value: object) -> bool:
    return isinstance(value, dict) and ("ts" in value or value.get("type") == "message")


def _records(messages: list[Any], prefix: str) -> Iterator[tuple[str, object]]:
    for index, message in enumerate(messages):
        yield f"{prefix}[{index}]", message
        replies = as_object(message).get("slackdump_thread_replies")
        if isinstance(replies, list):
            for number, reply in enumerate(replies):
                yield f"{prefix}[{index}].slackdump_thread_replies[{number}]", reply


def _conversation(
    data: Any, path: Path, directory: SlackDirectory, report: FileReport
) -> tuple[str, str]:
    fields = as_object(data)
    channel_id = first_text(fields.get("channel_id"), fields.get("channel"))
    if channel_id is None:
        tokens = re.split(r"[._\-\s]+", path.stem)
        channel_id = next((t for t in tokens if _CONVERSATION_ID.match(t)), None)
    if channel_id is None:
        channel_id = path.parent.name if isinstance(data, list) else path.stem
        report.warnings.append(
            f"no channel id in the file or its name; using {channel_id!r} as the conversation"
        )
    name = first_text(fields.get("name"), directory.channels.get(channel_id)) or channel_id
    return channel_id, name


def _sibling_directory(path: Path, report: FileReport) -> SlackDirectory:
    """Names from users/channels lists saved beside the file (or one folder up)."""
    directory = SlackDirectory()
    for folder in (path.parent, path.parent.parent):
        for name in (*USERS_FILES, *CHANNELS_FILES):
            candidate = folder / name
            if candidate == path or not candidate.is_file():
                continue
            try:
                data = read_json(candidate, "a Slack users or channels list")
            except (SourceError, OSError) as err:
                report.warnings.append(f"{candidate}: not used for names ({err})")
                continue
            entries = data if isinstance(data, list) else None
            fields = as_object(data)
            if name in USERS_FILES:
                directory.add_users(entries or fields.get("members") or [])
            else:
                directory.add_channels(entries or fields.get("channels") or [])
    return directory


FORMAT = SlackApiFormat()
