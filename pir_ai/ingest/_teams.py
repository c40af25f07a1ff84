"""Microsoft Teams messages as Microsoft Graph ``chatMessage`` JSON (FORMATS.md section 2).

Accepted shapes: a Graph page ``{"@odata.context", "value": [chatMessage...]}``
(from ``/chats/{id}/messages``, ``/teams/{t}/channels/{c}/messages`` or
``.../replies``), an array of such pages, a bare array of chatMessages, or one
chatMessage.

- A record is one chatMessage. Ids are ``(conversation, message id)`` so a
  reply read from both a channel page and a replies page is one event.
- ``createdDateTime`` must be ISO 8601; a malformed one (Graph's own example
  has ``"2021-03-1706:47:05.123Z"``) skips that record with the reason.
- ``from: null`` and ``messageType`` other than ``message`` are SYSTEM events,
  described from ``eventDetail``. Bots (``from.application``) are ``is_bot``
  and their alert posts become ``alert_*`` events.
- ``displayName: null`` falls back to a name seen for the same user id
  elsewhere in the file (mentions, reactions, events), then to the id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from pir_ai.errors import MalformedSourceError
from pir_ai.events import Event, EventKind, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._base import IngestOptions, ParseResult, Sniff
from pir_ai.ingest._chat_alerts import chat_message_kind
from pir_ai.ingest._jsonio import BOM, read_json
from pir_ai.ingest._slack_directory import as_object, first_text
from pir_ai.ingest._teams_html import html_to_text
from pir_ai.ingest._timeparse import TimestampError, parse_iso

SOURCE = "teams"
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_MESSAGE_TYPE = re.compile(rb'"messageType"\s*:\s*"')
_CREATED = re.compile(rb'"createdDateTime"\s*:')
_DETAIL_FACTS = (
    "chatDisplayName",
    "channelDisplayName",
    "callDuration",
    "callRecordingDisplayName",
)


class TeamsGraphFormat:
    """Reads Microsoft Graph chatMessage JSON into chat events."""

    name = "teams-graph"
    kind = "chat"
    recognised_by = 'JSON objects with "messageType" and "createdDateTime" (Graph chatMessage)'

    def sniff(self, sample: Sniff) -> bool:
        """True for Graph chatMessage JSON; never raises."""
        head = (sample.head or b"").removeprefix(BOM).lstrip()
        return (
            head.startswith((b"{", b"["))
            and bool(_MESSAGE_TYPE.search(head))
            and bool(_CREATED.search(head))
        )

    def parse(self, path: Path, options: IngestOptions) -> ParseResult:
        """Read every chatMessage in the file; see the module docstring."""
        records = list(_records(read_json(path, "Graph chatMessage JSON"), path))
        names = _known_names(message for _, message in records)
        report = FileReport(path=str(path), format=self.name)
        events: list[Event] = []
        for location, message in records:
            report.records_read += 1
            try:
                events.append(_event(message, path, location, names))
            except _Skip as err:
                report.skipped.append(SkippedRecord(location=location, reason=str(err)))
                continue
            report.events_produced += 1
        events.sort(key=lambda e: e.ts)
        return ParseResult(events=events, report=report)


class _Skip(Exception):
    """A chatMessage that cannot become an event; the text is the reason."""


def _records(data: Any, path: Path) -> Iterator[tuple[str, object]]:
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        yield from ((f"value[{i}]", m) for i, m in enumerate(data["value"]))
    elif isinstance(data, dict) and "messageType" in data:
        yield "message", data
    elif isinstance(data, list):
        for index, item in enumerate(data):
            if isinstance(item, dict) and isinstance(item.get("value"), list):
                yield from ((f"[{index}].value[{i}]", m) for i, m in enumerate(item["value"]))
            else:
                yield f"[{index}]", item
    else:
        raise MalformedSourceError(
            path,
            'a Graph page {"value": [chatMessage...]} or an array of chatMessages',
            found=type(data).__name__ if not isinstance(data, dict) else f"keys {sorted(data)[:5]}",
        )


def _identities(node: object) -> Iterator[dict[str, Any]]:
    """Every identity object (``{"id", "displayName"}``) nested anywhere in ``node``."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str) and "displayName" in node:
            yield node
        for value in node.values():
            yield from _identities(value)
    elif isinstance(node, list):
        for item in node:
            yield from _identities(item)


def _known_names(messages: Iterator[object]) -> dict[str, str]:
    names: dict[str, str] = {}
    for message in messages:
        for identity in _identities(message):
            name = first_text(identity.get("displayName"))
            if name:
                names.setdefault(identity["id"], name)
    return names


def _actor(sender: dict[str, Any], names: dict[str, str]) -> tuple[str | None, bool, str | None]:
    """(display name, is_bot, user id) of a ``from`` identity set."""
    user, app = as_object(sender.get("user")), as_object(sender.get("application"))
    if user:
        user_id = first_text(user.get("id"))
        name = first_text(user.get("displayName")) or (names.get(user_id) if user_id else None)
        return name or user_id, False, user_id
    if app:
        return first_text(app.get("displayName"), app.get("id")), True, None
    device = as_object(sender.get("device"))
    return first_text(device.get("displayName"), device.get("id")), False, None


def _system_text(message: dict[str, Any], names: dict[str, str]) -> str:
    detail = as_object(message.get("eventDetail"))
    kind = str(detail.get("@odata.type", "")).rsplit(".", 1)[-1].removesuffix("EventMessageDetail")
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", kind).lower() if kind else "system event"
    facts = []
    for key in _DETAIL_FACTS:
        if isinstance(detail.get(key), str) and detail[key]:
            facts.append(detail[key])
    for member in detail.get("members") or []:
        member_id = as_object(member).get("id")
        name = first_text(as_object(member).get("displayName"))
        facts.append(name or (names.get(member_id) if isinstance(member_id, str) else None) or "?")
    return f"{words}: {', '.join(facts)}" if facts else words


def _card_text(content: object) -> str:
    """Text blocks of an adaptive/hero/thumbnail card whose content is a JSON string."""
    if isinstance(content, str):
        try:
            content = orjson.loads(content)
        except orjson.JSONDecodeError:
            return ""
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("title", "subtitle", "text"):
                if isinstance(node.get(key), str) and node[key].strip():
                    texts.append(node[key].strip())
            for key, value in node.items():
                if key != "actions" and isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(content)
    return "\n".join(texts)


def _body_text(message: dict[str, Any]) -> tuple[str, list[str]]:
    """Body text plus bot-card text, and the names of attached files."""
    attachments = [as_object(a) for a in message.get("attachments") or []]
    body = as_object(message.get("body"))
    content = body.get("content")
    content = content if isinstance(content, str) else ""
    if str(body.get("contentType", "")).lower() == "html":
        text = html_to_text(content)
    else:
        text = content.strip()
    cards = [
        _card_text(a.get("content")) for a in attachments if "card" in str(a.get("contentType"))
    ]
    files = [first_text(a.get("name")) for a in attachments if a.get("contentType") == "reference"]
    text = "\n".join(t for t in (text, *cards) if t)
    return text, [f for f in files if f]


def _timestamp(message: dict[str, Any]) -> Any:
    raw = message.get("createdDateTime")
    if not isinstance(raw, str) or not _ISO_DATETIME.match(raw.strip()):
        raise _Skip(
            f"expected createdDateTime as ISO 8601 ('2021-03-28T20:48:29.832Z'), found {raw!r:.40}"
        )
    try:
        return parse_iso(raw)[0]
    except (TimestampError, OverflowError, ValueError) as err:
        raise _Skip(f"expected createdDateTime as ISO 8601, found {raw!r:.40}") from err


def _event(message: object, path: Path, location: str, names: dict[str, str]) -> Event:
    if not isinstance(message, dict):
        raise _Skip(f"expected a chatMessage object, found {type(message).__name__}")
    message_id = first_text(message.get("id"))
    if message_id is None:
        raise _Skip("expected a chatMessage 'id', found none")
    when = _timestamp(message)
    channel = as_object(message.get("channelIdentity"))
    conversation = first_text(channel.get("channelId"), message.get("chatId")) or path.stem
    sender = message.get("from")
    actor, is_bot, user_id = None, False, None
    if isinstance(sender, dict):
        actor, is_bot, user_id = _actor(sender, names)
    is_system = sender is None or message.get("messageType") != "message"
    attrs = {"message_id": message_id, "conversation_id": conversation}
    if user_id:
        attrs["user_id"] = user_id
    for key, attr in (("lastEditedDateTime", "edited"), ("deletedDateTime", "deleted")):
        if isinstance(message.get(key), str):
            attrs[attr] = message[key]
    if message.get("importance") in ("high", "urgent"):
        attrs["importance"] = message["importance"]
    text, files = _body_text(message)
    if files:
        attrs["files"] = ", ".join(files)
        text = "\n".join(t for t in (text, *(f"[file: {n}]" for n in files)) if t)
    if is_system:
        text = text or _system_text(message, names)
    elif "deleted" in attrs and not text:
        is_system, text = True, "(message deleted)"
    system = is_system
    kind = EventKind.SYSTEM if system else chat_message_kind(text, is_bot=is_bot, attrs=attrs)
    subject = first_text(message.get("subject"))
    if subject:
        attrs["subject"] = subject
    reply_to = first_text(message.get("replyToId"))
    return Event(
        id=make_event_id(SOURCE, conversation, message_id),
        ts=when,
        source=SOURCE,
        kind=kind,
        actor=actor,
        text=text,
        ref=SourceRef(path=str(path), record=location),
        channel=first_text(channel.get("channelId"), message.get("chatId")),
        thread=make_event_id(SOURCE, conversation, reply_to) if reply_to else None,
        is_bot=is_bot,
        attrs=attrs,
    )


FORMAT = TeamsGraphFormat()
