"""One Slack message object to one Event: shared by the export and Web API readers.

The message shape is the same in export day files and API responses
(../shared/FORMATS.md 1.4). Names come from a ``SlackDirectory`` built from
users.json / channels.json when the input has them, else from the snapshots a
message carries (``user_profile``, ``bot_profile``, ``username``), else the id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pir_ai.events import Event, EventKind, FileReport, SkippedRecord, SourceRef, make_event_id
from pir_ai.ingest._chat_alerts import chat_message_kind
from pir_ai.ingest._slack_directory import SlackDirectory, SlackPerson, as_object, first_text
from pir_ai.ingest._slack_text import render_mrkdwn
from pir_ai.ingest._timeparse import TimestampError, parse_epoch

SOURCE = "slack"

SYSTEM_SUBTYPES = frozenset(
    {
        "channel_join",
        "channel_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "channel_archive",
        "channel_unarchive",
        "group_join",
        "group_leave",
        "group_topic",
        "group_purpose",
        "group_name",
        "bot_add",
        "bot_remove",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "tombstone",
    }
)


class SkipMessage(Exception):
    """A message object that cannot become an event; the text is the report's reason."""


def _attachment_text(attachment: Mapping[str, Any], directory: SlackDirectory) -> str:
    parts: list[str] = []
    for key in ("pretext", "title", "text"):
        value = attachment.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(value)
    for item in attachment.get("fields") or ():
        if isinstance(item, dict):
            title, value = item.get("title"), item.get("value")
            pair = [str(v) for v in (title, value) if isinstance(v, (str, int, float)) and v != ""]
            if pair:
                parts.append(": ".join(pair))
    if not parts:
        fallback = attachment.get("fallback")
        if isinstance(fallback, str) and fallback.strip():
            parts.append(fallback)
    return "\n".join(render_mrkdwn(p, directory.name_of) for p in parts)


def _block_text(blocks: object, directory: SlackDirectory) -> str:
    """Plain text of Block Kit content, for messages whose ``text`` is empty."""
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            kind = node.get("type")
            if kind in ("text", "plain_text", "mrkdwn") and isinstance(node.get("text"), str):
                out.append(render_mrkdwn(node["text"], directory.name_of))
            elif kind == "link" and isinstance(node.get("url"), str):
                label = first_text(node.get("text"))
                out.append(f"{label} ({node['url']})" if label else node["url"])
            elif kind in ("user", "channel") and isinstance(node.get(f"{kind}_id"), str):
                sigil = "@" if kind == "user" else "#"
                ident = node[f"{kind}_id"]
                out.append(sigil + (directory.name_of(ident) or ident))
            else:
                for key in ("text", "elements", "fields"):
                    walk(node.get(key))

    walk(blocks)
    return "".join(out).strip()


def _actor(
    message: Mapping[str, Any],
    user: str | None,
    person: SlackPerson | None,
    directory: SlackDirectory,
) -> tuple[str | None, bool]:
    raw_bot_id = message.get("bot_id")
    bot_id = raw_bot_id if isinstance(raw_bot_id, str) else None
    is_bot = bool(raw_bot_id) or message.get("subtype") == "bot_message"
    if person is not None:
        return person.name, is_bot or person.is_bot
    profile = as_object(message.get("user_profile"))
    bot = as_object(message.get("bot_profile"))
    name = first_text(
        profile.get("display_name"),
        profile.get("real_name"),
        message.get("username"),
        bot.get("name"),
        directory.bots.get(bot_id) if bot_id else None,
        user,
        bot_id,
    )
    return name, is_bot


def _file_names(message: Mapping[str, Any]) -> list[str]:
    if "files" not in message and "file" not in message:
        return []  # most messages: skip the list building below
    files = message.get("files")
    entries = list(files) if isinstance(files, list) else []
    if isinstance(message.get("file"), dict):
        entries.append(message["file"])
    names = []
    for entry in entries:
        if isinstance(entry, dict):
            name = first_text(entry.get("name"), entry.get("title"), entry.get("id"))
            if name:
                names.append(name)
    return names


def _text(message: Mapping[str, Any], directory: SlackDirectory, is_bot: bool) -> str:
    raw = message.get("text")
    text = render_mrkdwn(raw, directory.name_of).strip() if isinstance(raw, str) else ""
    attachments = message.get("attachments")
    if isinstance(attachments, list) and (is_bot or not text):
        extra = [_attachment_text(a, directory) for a in attachments if isinstance(a, dict)]
        text = "\n".join(t for t in (text, *extra) if t)
    if not text:
        text = _block_text(message.get("blocks"), directory)
    return text


def message_event(
    message: object,
    *,
    channel_id: str,
    channel_name: str,
    directory: SlackDirectory,
    ref: SourceRef,
) -> Event:
    """The Event for one message object; raises ``SkipMessage`` with a reason otherwise."""
    if not isinstance(message, dict):
        raise SkipMessage(f"expected a message object, found {type(message).__name__}")
    ts = message.get("ts")
    if not isinstance(ts, str):
        raise SkipMessage(f"expected 'ts' as a string like '1736554746.482349', found {ts!r:.40}")
    try:
        when = parse_epoch(ts)
    except (TimestampError, ArithmeticError, ValueError) as err:
        raise SkipMessage(f"expected 'ts' as epoch seconds, found {ts!r:.40}") from err
    subtype = message.get("subtype")
    subtype = subtype if isinstance(subtype, str) else None
    user = message.get("user")
    user = user if isinstance(user, str) else None
    person = directory.people.get(user) if user else None
    actor, is_bot = _actor(message, user, person, directory)
    text = _text(message, directory, is_bot)
    files = _file_names(message)
    if files:
        text = "\n".join(t for t in (text, *(f"[file: {n}]" for n in files)) if t)
    attrs: dict[str, str] = {"ts": ts, "channel_id": channel_id}
    if subtype:
        attrs["subtype"] = subtype
    if user is not None:
        attrs["user_id"] = user
        if person is not None and person.email:
            attrs["email"] = person.email
        if person is not None and person.real_name and person.real_name != actor:
            attrs["real_name"] = person.real_name
    bot_id = message.get("bot_id")
    if isinstance(bot_id, str):
        attrs["bot_id"] = bot_id
    if files:
        attrs["files"] = ", ".join(files)
    edited = message.get("edited")
    if edited and isinstance(edited, dict) and isinstance(edited.get("ts"), str):
        attrs["edited_ts"] = edited["ts"]
    system = subtype in SYSTEM_SUBTYPES
    kind = EventKind.SYSTEM if system else chat_message_kind(text, is_bot=is_bot, attrs=attrs)
    thread_ts = message.get("thread_ts")
    thread = None
    if isinstance(thread_ts, str) and thread_ts != ts:
        thread = make_event_id(SOURCE, channel_id, thread_ts)
        attrs["thread_ts"] = thread_ts
    # Every field is typed by the code above (mypy checks it): no need to re-validate.
    return Event.trusted(
        id=make_event_id(SOURCE, channel_id, ts),
        ts=when,
        source=SOURCE,
        kind=kind,
        actor=actor,
        text=text,
        ref=ref,
        channel=channel_name,
        thread=thread,
        is_bot=is_bot,
        attrs=attrs,
    )


def read_messages(
    records: Iterable[tuple[str, object]],
    *,
    path: Path,
    channel_id: str,
    channel_name: str,
    directory: SlackDirectory,
    seen_ts: set[str],
    report: FileReport,
) -> list[Event]:
    """Events for ``(location, message)`` records, each counted in ``report``.

    A ``ts`` already in ``seen_ts`` (same conversation) is a copy: a thread
    broadcast listed twice, or a thread parent repeated in a replies page.
    """
    events: list[Event] = []
    path_text = str(path)
    read = 0
    # Counted locally and added once: FileReport is a pydantic model, and an assignment
    # per record cost more than building the record's SourceRef.
    for location, message in records:
        read += 1
        ts = message.get("ts") if isinstance(message, dict) else None
        directory.learn_from(message)
        if isinstance(ts, str) and ts in seen_ts:
            report.skipped.append(
                SkippedRecord(
                    location=location, reason=f"copy of message ts {ts} already read", folded=True
                )
            )
            continue
        try:
            event = message_event(
                message,
                channel_id=channel_id,
                channel_name=channel_name,
                directory=directory,
                ref=SourceRef.trusted(path_text, location),
            )
        except SkipMessage as err:
            report.skipped.append(SkippedRecord(location=location, reason=str(err)))
            continue
        seen_ts.add(event.attrs["ts"])
        events.append(event)
    report.records_read += read
    report.events_produced += len(events)
    return events
