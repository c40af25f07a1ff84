# ruff: noqa: E501
"""Writers for the holdout bundles: each vendor format written from scratch, returning exact record times.

Independent of evals/datasets/_build on purpose (different hands, different quirks).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

TEAM = "T07KTWK9Q"
DOMAIN = "kittiwake.example"


def h(*parts: object, n: int = 40) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:n]


def iso(dt: datetime) -> str:
    """Gold form: UTC, Z, microseconds only when present."""
    dt = dt.astimezone(UTC)
    if dt.microsecond:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def utc(y, mo, d, hh, mm, ss=0, us=0) -> datetime:
    return datetime(y, mo, d, hh, mm, ss, us, tzinfo=UTC)


@dataclass
class P:
    key: str
    name: str
    title: str
    tz: str = "Europe/Oslo"
    display: str | None = None

    @property
    def first(self) -> str:
        return self.name.split()[0]

    @property
    def handle(self) -> str:
        first, _, last = self.name.lower().partition(" ")
        return f"{first}.{last[:1]}"

    @property
    def email(self) -> str:
        first, _, last = self.name.lower().partition(" ")

        def clean(s: str) -> str:
            return re.sub(
                r"[^a-z]",
                "",
                s.replace("ó", "o")
                .replace("ø", "o")
                .replace("å", "a")
                .replace("é", "e")
                .replace("ł", "l"),
            )

        return f"{clean(first)}.{clean(last)}@{DOMAIN}"

    @property
    def uid(self) -> str:
        return "U0" + h("u", self.key, n=9).upper()

    @property
    def aad(self) -> str:
        return str(uuid.UUID(h("aad", self.key, n=32)))

    @property
    def pd(self) -> str:
        return "P" + h("pd", self.key, n=6).upper()


class Times(dict):
    """key -> exact datetime of the record written."""


# ====================================================================== Slack
_MENTION = re.compile(r"\{@(\w+)\}")


def slack_text(text: str, people: dict[str, P]) -> str:
    return _MENTION.sub(lambda m: f"<@{people[m.group(1)].uid}>", text)


_ENT = re.compile(r"<(@U[A-Z0-9]+|#C[A-Z0-9]+(?:\|[^>]*)?|![a-z]+|https?://[^>|]+(?:\|[^>]*)?)>")


def _unesc(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def rich_blocks(text: str, rng: random.Random) -> list[dict]:
    els: list[dict] = []
    pos = 0
    for m in _ENT.finditer(text):
        if m.start() > pos:
            els.append({"type": "text", "text": _unesc(text[pos : m.start()])})
        b = m.group(1)
        if b.startswith("@"):
            els.append({"type": "user", "user_id": b[1:]})
        elif b.startswith("#"):
            els.append({"type": "channel", "channel_id": b[1:].split("|")[0]})
        elif b.startswith("!"):
            els.append({"type": "broadcast", "range": b[1:]})
        else:
            url, _, label = b.partition("|")
            el = {"type": "link", "url": url}
            if label:
                el["text"] = label
            els.append(el)
        pos = m.end()
    if pos < len(text):
        els.append({"type": "text", "text": _unesc(text[pos:])})
    return [
        {
            "type": "rich_text",
            "block_id": f"{rng.getrandbits(20):05x}",
            "elements": [{"type": "rich_text_section", "elements": els}],
        }
    ]


def slack_user(p: P) -> dict:
    zone = ZoneInfo(p.tz)
    probe = datetime(2024, 11, 1, 12, tzinfo=UTC).astimezone(zone)
    first, _, last = p.name.partition(" ")
    return {
        "id": p.uid,
        "team_id": TEAM,
        "name": p.handle,
        "deleted": False,
        "color": "3c989f",
        "real_name": p.name,
        "tz": p.tz,
        "tz_label": {
            "Europe/Oslo": "Central European Time",
            "Europe/London": "Greenwich Mean Time",
            "Europe/Lisbon": "Western European Time",
        }.get(p.tz, probe.tzname()),
        "tz_offset": int(probe.utcoffset().total_seconds()),
        "profile": {
            "title": p.title,
            "phone": "",
            "skype": "",
            "real_name": p.name,
            "real_name_normalized": p.name,
            "display_name": p.display if p.display is not None else p.first.lower(),
            "display_name_normalized": p.display if p.display is not None else p.first.lower(),
            "fields": {},
            "status_text": "",
            "status_emoji": "",
            "status_expiration": 0,
            "avatar_hash": h("av", p.key, n=12),
            "email": p.email,
            "first_name": first,
            "last_name": last,
            "image_72": f"https://avatars.slack-edge.com/2023-04-02/{h('img', p.key, n=10)}_72.jpg",
            "team": TEAM,
        },
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": False,
        "is_app_user": False,
        "updated": 1718000000,
        "is_email_confirmed": True,
        "who_can_share_contact_card": "EVERYONE",
    }


def slack_bot_user(name: str, bot_id: str) -> dict:
    return {
        "id": "U0" + bot_id[2:],
        "team_id": TEAM,
        "name": name.lower().replace(" ", "-"),
        "deleted": False,
        "real_name": name,
        "tz": "America/Los_Angeles",
        "tz_label": "Pacific Standard Time",
        "tz_offset": -28800,
        "profile": {
            "real_name": name,
            "display_name": "",
            "bot_id": bot_id,
            "api_app_id": "A0" + bot_id[2:],
            "always_active": True,
            "first_name": name,
            "last_name": "",
            "team": TEAM,
        },
        "is_admin": False,
        "is_owner": False,
        "is_bot": True,
        "is_app_user": False,
        "updated": 1700000000,
    }


@dataclass
class SMsg:
    """A Slack message to write. who: person key | 'bot:<Name>' ; kind: say|join|topic|bot."""

    at: datetime
    who: str
    text: str = ""
    key: str | None = None
    thread: str | None = None  # key of the parent
    kind: str = "say"
    att: dict | None = None  # bot attachment
    reactions: list | None = None


def slack_ts(at: datetime, rng: random.Random) -> tuple[str, datetime]:
    sec = int(at.timestamp())
    micro = at.microsecond or rng.randrange(1, 1_000_000)
    return f"{sec}.{micro:06d}", datetime.fromtimestamp(sec, UTC).replace(microsecond=micro)


def _slack_record(
    m: SMsg, ts: str, people: dict[str, P], bots: dict[str, str], rng: random.Random
) -> dict:
    if m.kind == "join":
        p = people[m.who]
        return {
            "type": "message",
            "subtype": "channel_join",
            "ts": ts,
            "user": p.uid,
            "text": f"<@{p.uid}> has joined the channel",
            "inviter": None,
        }
    if m.kind == "topic":
        p = people[m.who]
        return {
            "type": "message",
            "subtype": "channel_topic",
            "ts": ts,
            "user": p.uid,
            "text": f"<@{p.uid}> set the channel topic: {m.text}",
            "topic": m.text,
        }
    if m.who.startswith("bot:"):
        name = m.who[4:]
        rec = {
            "type": "message",
            "subtype": "bot_message",
            "text": slack_text(m.text, people),
            "ts": ts,
            "username": name,
            "bot_id": bots[m.who],
            "icons": {
                "image_48": f"https://avatars.slack-edge.com/2022-09-14/{h('bot', name, n=10)}_48.png"
            },
        }
        if m.att:
            a = dict(m.att)
            a.setdefault("fallback", a.get("title", ""))
            a["id"] = 1
            rec["attachments"] = [a]
        return rec
    p = people[m.who]
    text = slack_text(m.text, people)
    rec = {
        "client_msg_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "type": "message",
        "text": text,
        "user": p.uid,
        "ts": ts,
        "blocks": rich_blocks(text, rng),
        "team": TEAM,
        "user_team": TEAM,
        "source_team": TEAM,
        "user_profile": {
            "avatar_hash": h("av", p.key, n=12),
            "image_72": f"https://avatars.slack-edge.com/2023-04-02/{h('img', p.key, n=10)}_72.jpg",
            "first_name": p.first,
            "real_name": p.name,
            "display_name": p.display if p.display is not None else p.first.lower(),
            "team": TEAM,
            "name": p.handle,
            "is_restricted": False,
            "is_ultra_restricted": False,
        },
    }
    if m.reactions:
        rec["reactions"] = [
            {"name": n, "users": [people[u].uid for u in us], "count": len(us)}
            for n, us in m.reactions
        ]
    return rec


def _threads(records: list[tuple[SMsg, dict]], by_key: dict[str, dict]) -> None:
    for m, rec in records:
        if m.thread:
            parent = by_key[m.thread]
            rec["thread_ts"] = parent["ts"]
            rec["parent_user_id"] = parent.get("user", "")
            parent.setdefault("_replies", []).append(rec)
    for _m, rec in records:
        reps = rec.pop("_replies", None)
        if reps:
            rec.update(
                {
                    "thread_ts": rec["ts"],
                    "reply_count": len(reps),
                    "reply_users_count": len({r.get("user") for r in reps}),
                    "latest_reply": reps[-1]["ts"],
                    "reply_users": list(dict.fromkeys(r.get("user", "") for r in reps)),
                    "is_locked": False,
                    "subscribed": False,
                }
            )
            rec["_reps"] = reps


@dataclass
class SChannel:
    name: str
    purpose: str
    msgs: list[SMsg]
    topic: str = ""
    topic_by: str | None = None
    topic_at: datetime | None = None
    created: datetime | None = None

    @property
    def cid(self) -> str:
        return "C0" + h("chan", self.name, n=9).upper()


def write_slack_export(
    dest: Path,
    people: dict[str, P],
    channels: list[SChannel],
    export_tz: str,
    seed: int,
    times: Times,
) -> None:
    rng = random.Random(seed)
    out = dest / "slack-export"
    out.mkdir(parents=True, exist_ok=True)
    bots: dict[str, str] = {}
    for ch in channels:
        for m in ch.msgs:
            if m.who.startswith("bot:") and m.who not in bots:
                bots[m.who] = "B0" + h("bot", m.who, n=9).upper()
    users = [slack_user(p) for p in people.values()]
    for i, (b, bid) in enumerate(bots.items()):
        if i % 2 == 0:  # some bots are app users in users.json, others only appear by bot_id
            users.append(slack_bot_user(b[4:], bid))
    chans = []
    zone = ZoneInfo(export_tz)
    for ch in channels:
        members = sorted({people[m.who].uid for m in ch.msgs if not m.who.startswith("bot:")})
        first = min(m.at for m in ch.msgs)
        created = ch.created or (first - timedelta(days=311))
        creator = people[
            next((m.who for m in ch.msgs if not m.who.startswith("bot:")), next(iter(people)))
        ].uid
        if not members:
            members = sorted(p.uid for p in people.values())
        chans.append(
            {
                "id": ch.cid,
                "name": ch.name,
                "created": int(created.timestamp()),
                "creator": creator,
                "is_archived": False,
                "is_general": False,
                "members": members,
                "pins": [],
                "topic": {
                    "value": ch.topic,
                    "creator": people[ch.topic_by].uid if ch.topic_by else "",
                    "last_set": int(ch.topic_at.timestamp()) if ch.topic_at else 0,
                },
                "purpose": {
                    "value": ch.purpose,
                    "creator": creator,
                    "last_set": int(created.timestamp()),
                },
            }
        )
        recs: list[tuple[SMsg, dict]] = []
        by_key: dict[str, dict] = {}
        for m in sorted(ch.msgs, key=lambda m: m.at):
            ts, dt = slack_ts(m.at, rng)
            rec = _slack_record(m, ts, people, bots, rng)
            recs.append((m, rec))
            if m.key:
                by_key[m.key] = rec
                times[m.key] = dt
        _threads(recs, by_key)
        days: dict[str, list[dict]] = {}
        for _m, rec in recs:
            rec.pop("_reps", None)
            sec = int(rec["ts"].split(".")[0])
            day = datetime.fromtimestamp(sec, UTC).astimezone(zone).strftime("%Y-%m-%d")
            days.setdefault(day, []).append(rec)
        (out / ch.name).mkdir(exist_ok=True)
        for day, lst in days.items():
            (out / ch.name / f"{day}.json").write_text(
                json.dumps(lst, indent=4, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    (out / "channels.json").write_text(
        json.dumps(chans, indent=4, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "users.json").write_text(
        json.dumps(users, indent=4, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "integration_logs.json").write_text(
        json.dumps(
            [
                {
                    "service_id": "B0" + h("svc", b, n=9).upper(),
                    "service_type": b[4:],
                    "reason": "",
                    "user_id": users[0]["id"],
                    "user_name": users[0]["name"],
                    "channel": channels[0].name,
                    "date": str(
                        int(
                            (
                                min(m.at for c in channels for m in c.msgs) - timedelta(days=400)
                            ).timestamp()
                        )
                    ),
                    "change_type": "added",
                    "scope": "incoming-webhook",
                }
                for b in bots
            ],
            indent=4,
        )
        + "\n"
    )


def write_slack_api(
    dest: Path, people: dict[str, P], channels: list[SChannel], seed: int, times: Times
) -> None:
    """conversations.history (newest first) + .replies per thread + conversations.list + users.list."""
    rng = random.Random(seed)
    out = dest / "slack-api"
    out.mkdir(parents=True, exist_ok=True)
    bots = {
        m.who: "B0" + h("bot", m.who, n=9).upper()
        for ch in channels
        for m in ch.msgs
        if m.who.startswith("bot:")
    }
    chans = []
    for ch in channels:
        recs: list[tuple[SMsg, dict]] = []
        by_key: dict[str, dict] = {}
        for m in sorted(ch.msgs, key=lambda m: m.at):
            ts, dt = slack_ts(m.at, rng)
            rec = _slack_record(m, ts, people, bots, rng)
            rec.pop("user_team", None)
            rec.pop("source_team", None)
            rec.pop("user_profile", None)
            recs.append((m, rec))
            if m.key:
                by_key[m.key] = rec
                times[m.key] = dt
        _threads(recs, by_key)
        top = []
        for m, rec in recs:
            reps = rec.pop("_reps", None)
            if reps:
                body = {
                    "ok": True,
                    "messages": [dict(rec), *reps],
                    "has_more": False,
                    "response_metadata": {"next_cursor": ""},
                }
                (out / f"conversations.replies.{ch.cid}.{rec['ts']}.json").write_text(
                    json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
                )
            if not m.thread:
                top.append(rec)
        last = max(m.at for m in ch.msgs)
        hist = {
            "ok": True,
            "messages": list(reversed(top)),
            "has_more": False,
            "pin_count": 0,
            "channel_actual_ts": int(last.timestamp()) + 600,
            "response_metadata": {"next_cursor": ""},
        }
        (out / f"conversations.history.{ch.cid}.json").write_text(
            json.dumps(hist, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        first = min(m.at for m in ch.msgs)
        created = ch.created or (first - timedelta(days=420))
        creator = people[
            next((m.who for m in ch.msgs if not m.who.startswith("bot:")), next(iter(people)))
        ].uid
        chans.append(
            {
                "id": ch.cid,
                "name": ch.name,
                "is_channel": True,
                "is_group": False,
                "is_im": False,
                "is_mpim": False,
                "is_private": False,
                "created": int(created.timestamp()),
                "is_archived": False,
                "is_general": False,
                "unlinked": 0,
                "name_normalized": ch.name,
                "is_shared": False,
                "is_org_shared": False,
                "is_pending_ext_shared": False,
                "pending_shared": [],
                "context_team_id": TEAM,
                "updated": int(last.timestamp()) * 1000,
                "parent_conversation": None,
                "creator": creator,
                "is_ext_shared": False,
                "shared_team_ids": [TEAM],
                "pending_connected_team_ids": [],
                "is_member": True,
                "topic": {
                    "value": ch.topic,
                    "creator": people[ch.topic_by].uid if ch.topic_by else "",
                    "last_set": int(ch.topic_at.timestamp()) if ch.topic_at else 0,
                },
                "purpose": {
                    "value": ch.purpose,
                    "creator": creator,
                    "last_set": int(created.timestamp()),
                },
                "previous_names": [],
                "num_members": len({m.who for m in ch.msgs if not m.who.startswith("bot:")}),
            }
        )
    last_all = max(m.at for ch in channels for m in ch.msgs)
    (out / "conversations.list.json").write_text(
        json.dumps(
            {"ok": True, "channels": chans, "response_metadata": {"next_cursor": ""}},
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    members = [slack_user(p) for p in people.values()]
    for i, (b, bid) in enumerate(bots.items()):
        if i == 0:
            members.append(slack_bot_user(b[4:], bid))
    (out / "users.list.json").write_text(
        json.dumps(
            {
                "ok": True,
                "members": members,
                "cache_ts": int(last_all.timestamp()),
                "response_metadata": {"next_cursor": ""},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


# ====================================================================== Teams
@dataclass
class TMsg:
    at: datetime
    who: str  # person key | 'bot:<Name>' | 'sys:rename' | 'sys:add' | 'sys:callstart' | 'sys:callend'
    text: str = ""
    key: str | None = None
    reply_to: str | None = None
    card: dict | None = None
    extra: dict = field(default_factory=dict)


def _ms(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def _teams_html(text: str, people: dict[str, P]) -> tuple[str, list[dict]]:
    mentions: list[dict] = []
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def rep(m: re.Match) -> str:
        p = people[m.group(1)]
        n = len(mentions)
        mentions.append(
            {
                "id": n,
                "mentionText": p.name,
                "mentioned": {
                    "application": None,
                    "device": None,
                    "conversation": None,
                    "tag": None,
                    "user": {
                        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
                        "id": p.aad,
                        "displayName": p.name,
                        "userIdentityType": "aadUser",
                        "tenantId": TENANT,
                    },
                },
            }
        )
        return f'<at id="{n}">{p.name}</at>'

    out = _MENTION.sub(rep, out)
    paras = out.split("\n")
    return "".join(f"<p>{x}</p>" for x in paras), mentions


TENANT = str(uuid.UUID(h("tenant-kittiwake", n=32)))


def teams_messages(
    msgs: list[TMsg],
    people: dict[str, P],
    seed: int,
    times: Times,
    chat_id: str | None = None,
    team_id: str | None = None,
    channel_id: str | None = None,
) -> list[dict]:
    rng = random.Random(seed)
    ids: dict[str, str] = {}
    values = []
    for m in sorted(msgs, key=lambda m: m.at):
        at = m.at if m.at.microsecond else m.at.replace(microsecond=rng.randrange(1, 1000) * 1000)
        at = at.replace(microsecond=(at.microsecond // 1000) * 1000)
        mid = str(int(at.timestamp()) * 1000 + at.microsecond // 1000)
        if m.key:
            ids[m.key] = mid
            times[m.key] = at
        base = {
            "id": mid,
            "replyToId": ids[m.reply_to] if m.reply_to else None,
            "etag": mid,
            "messageType": "message",
            "createdDateTime": _ms(at),
            "lastModifiedDateTime": _ms(at),
            "lastEditedDateTime": None,
            "deletedDateTime": None,
            "subject": None,
            "summary": None,
            "chatId": chat_id,
            "importance": m.extra.get("importance", "normal"),
            "locale": "en-us",
            "webUrl": f"https://teams.microsoft.com/l/message/{channel_id}/{mid}?groupId={team_id}&tenantId={TENANT}"
            if channel_id
            else None,
            "channelIdentity": {"teamId": team_id, "channelId": channel_id} if channel_id else None,
            "policyViolation": None,
            "eventDetail": None,
            "from": None,
            "body": {"contentType": "html", "content": ""},
            "attachments": [],
            "mentions": [],
            "reactions": [],
            "messageHistory": [],
        }
        if m.who.startswith("sys:"):
            init = people[m.extra["by"]] if "by" in m.extra else None
            initiator = (
                {
                    "application": None,
                    "device": None,
                    "user": {
                        "@odata.type": "#microsoft.graph.teamworkUserIdentity",
                        "id": init.aad,
                        "displayName": None,
                        "userIdentityType": "aadUser",
                        "tenantId": TENANT,
                    },
                }
                if init
                else None
            )
            kind = m.who[4:]
            if kind == "rename":
                detail = {
                    "@odata.type": "#microsoft.graph.chatRenamedEventMessageDetail",
                    "chatId": chat_id,
                    "chatDisplayName": m.text,
                    "initiator": initiator,
                }
            elif kind == "add":
                detail = {
                    "@odata.type": "#microsoft.graph.membersAddedEventMessageDetail",
                    "visibleHistoryStartDateTime": "0001-01-01T00:00:00Z",
                    "members": [
                        {
                            "id": people[k].aad,
                            "displayName": None,
                            "userIdentityType": "aadUser",
                            "tenantId": TENANT,
                        }
                        for k in m.extra["members"]
                    ],
                    "initiator": initiator,
                }
            elif kind == "callstart":
                detail = {
                    "@odata.type": "#microsoft.graph.callStartedEventMessageDetail",
                    "callId": m.extra["call"],
                    "initiator": initiator,
                }
            elif kind == "callend":
                detail = {
                    "@odata.type": "#microsoft.graph.callEndedEventMessageDetail",
                    "callId": m.extra["call"],
                    "callDuration": m.extra["duration"],
                    "callEventType": "meeting",
                    "callParticipants": [
                        {
                            "participant": {
                                "application": None,
                                "device": None,
                                "user": {
                                    "@odata.type": "#microsoft.graph.teamworkUserIdentity",
                                    "id": people[k].aad,
                                    "displayName": people[k].name,
                                    "userIdentityType": "aadUser",
                                    "tenantId": TENANT,
                                },
                            }
                        }
                        for k in m.extra["participants"]
                    ],
                    "initiator": initiator,
                }
            else:
                raise ValueError(kind)
            base.update(
                {
                    "messageType": "systemEventMessage",
                    "body": {"contentType": "html", "content": "<systemEventMessage/>"},
                    "eventDetail": detail,
                }
            )
        elif m.who.startswith("bot:"):
            name = m.who[4:]
            card = {
                "type": "AdaptiveCard",
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "version": "1.4",
                "body": [
                    {
                        "type": "TextBlock",
                        "text": m.card["title"],
                        "weight": "Bolder",
                        "size": "Medium",
                        "wrap": True,
                        "color": m.card.get("color", "Default"),
                    },
                    {"type": "TextBlock", "text": m.card.get("text", ""), "wrap": True},
                ]
                + (
                    [
                        {
                            "type": "FactSet",
                            "facts": [{"title": k, "value": v} for k, v in m.card["facts"]],
                        }
                    ]
                    if m.card.get("facts")
                    else []
                ),
                "actions": [
                    {
                        "type": "Action.OpenUrl",
                        "title": "View alert",
                        "url": m.card.get("url", "https://grafana.kittiwake.example/alerting/list"),
                    }
                ],
            }
            att_id = h("att", mid, n=32)
            base.update(
                {
                    "from": {
                        "application": {
                            "@odata.type": "#microsoft.graph.teamworkApplicationIdentity",
                            "id": str(uuid.UUID(h("app", name, n=32))),
                            "displayName": name,
                            "applicationIdentityType": "bot",
                        },
                        "device": None,
                        "user": None,
                    },
                    "body": {
                        "contentType": "html",
                        "content": (f"<p>{m.text}</p>" if m.text else "")
                        + f'<attachment id="{att_id}"></attachment>',
                    },
                    "attachments": [
                        {
                            "id": att_id,
                            "contentType": "application/vnd.microsoft.card.adaptive",
                            "contentUrl": None,
                            "content": json.dumps(card),
                            "name": None,
                            "thumbnailUrl": None,
                            "teamsAppId": None,
                        }
                    ],
                }
            )
        else:
            p = people[m.who]
            content, mentions = _teams_html(m.text, people)
            base.update(
                {
                    "from": {
                        "application": None,
                        "device": None,
                        "user": {
                            "@odata.type": "#microsoft.graph.teamworkUserIdentity",
                            "id": p.aad,
                            "displayName": p.name,
                            "userIdentityType": "aadUser",
                            "tenantId": TENANT,
                        },
                    },
                    "body": {"contentType": "html", "content": content},
                    "mentions": mentions,
                }
            )
            if m.extra.get("reactions"):
                base["reactions"] = [
                    {
                        "reactionType": r,
                        "displayName": None,
                        "reactionContentUrl": None,
                        "createdDateTime": _ms(at + timedelta(seconds=40)),
                        "user": {
                            "application": None,
                            "device": None,
                            "user": {
                                "@odata.type": "#microsoft.graph.teamworkUserIdentity",
                                "id": people[u].aad,
                                "displayName": None,
                                "userIdentityType": "aadUser",
                            },
                        },
                    }
                    for r, u in m.extra["reactions"]
                ]
        values.append(base)
    return values


def graph_page(context: str, values: list[dict]) -> dict:
    return {"@odata.context": context, "@odata.count": len(values), "value": values}


# ====================================================================== alerts
def nano(dt: datetime, rng: random.Random, offset: str | None = None) -> tuple[str, datetime]:
    micro = dt.microsecond or rng.randrange(1_000_000)
    nanos = micro * 1000 + rng.randrange(1000)
    value = dt.replace(microsecond=micro)
    if offset:
        sign = -1 if offset[0] == "-" else 1
        local = value.astimezone(
            timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
        )
        return local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{nanos:09d}" + offset, value
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{nanos:09d}Z", value


ZERO = "0001-01-01T00:00:00Z"


# ====================================================================== transcripts
def clock(sec: float, sep: str = ".", hours: bool = True) -> str:
    hh, rem = divmod(int(sec), 3600)
    mm, ss = divmod(rem, 60)
    ms = round((sec % 1) * 1000)
    if not hours and hh == 0:
        return f"{mm:02d}:{ss:02d}{sep}{ms:03d}"
    return f"{hh:02d}:{mm:02d}:{ss:02d}{sep}{ms:03d}"


@dataclass
class Cue:
    start: float
    end: float
    who: str
    text: str
    key: str | None = None


def cue_times(cues: list[Cue], start: datetime, times: Times) -> None:
    for c in cues:
        if c.key:
            times[c.key] = start + timedelta(seconds=c.start)


# ====================================================================== changes
def git_date(dt: datetime, tz: str) -> str:
    local = dt.astimezone(ZoneInfo(tz))
    return f"{local.strftime('%a %b')} {local.day} {local.strftime('%H:%M:%S %Y %z')}"


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def k8s_event(
    *,
    at: datetime,
    reason: str,
    etype: str,
    kind: str,
    name: str,
    ns: str,
    message: str,
    component: str,
    host: str | None = None,
    count: int = 1,
    first: datetime | None = None,
    api: str = "v1",
    modern: bool = False,
    rng: random.Random,
    field_path: str | None = None,
) -> tuple[dict, datetime]:
    first = (first or at).replace(microsecond=0)
    last = at.replace(microsecond=0)
    obj_uid = str(uuid.UUID(h("obj", kind, name, n=32)))
    ev = {
        "apiVersion": "v1",
        "count": count,
        "eventTime": None,
        "firstTimestamp": first.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "involvedObject": {
            "apiVersion": api,
            "kind": kind,
            "name": name,
            "namespace": ns,
            "resourceVersion": str(rng.randrange(10**8, 10**9)),
            "uid": obj_uid,
        },
        "kind": "Event",
        "lastTimestamp": last.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "message": message,
        "metadata": {
            "creationTimestamp": first.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "name": f"{name}.{h('ev', name, reason, at, n=16)}",
            "namespace": ns or "default",
            "resourceVersion": str(rng.randrange(10**8, 10**9)),
            "uid": str(uuid.UUID(h("evu", name, reason, at, n=32))),
        },
        "reason": reason,
        "reportingComponent": "",
        "reportingInstance": "",
        "source": {"component": component, **({"host": host} if host else {})},
        "type": etype,
    }
    if field_path:
        ev["involvedObject"]["fieldPath"] = field_path
    if kind == "Node":
        ev["involvedObject"].pop("namespace")
        ev["involvedObject"]["uid"] = name
        ev["metadata"]["namespace"] = "default"
    if modern:
        mt = at if at.microsecond else at.replace(microsecond=rng.randrange(1_000_000))
        ev.update(
            {
                "eventTime": mt.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "firstTimestamp": None,
                "lastTimestamp": None,
                "reportingComponent": component,
                "reportingInstance": host or "",
                "action": reason,
            }
        )
        ev["metadata"]["creationTimestamp"] = mt.strftime("%Y-%m-%dT%H:%M:%SZ")
        return ev, mt
    return ev, last


def write_json(path: Path, obj: object, indent: int | None = 2) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")


def write_jsonl(path: Path, objs: list[object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8"
    )


def mins(a: datetime | None, b: datetime | None) -> float | None:
    if a is None or b is None:
        return None
    return round((b - a).total_seconds() / 60, 2)


def gold(
    *,
    name: str,
    kind: str,
    modelled_on: str,
    tz: str | None,
    meeting_start: datetime | None,
    transcript_start: datetime | None,
    impact_start: datetime,
    detected: datetime,
    acknowledged: datetime | None,
    partially_mitigated: datetime | None,
    mitigated: datetime | None,
    resolved: datetime | None,
    detection_source: str,
    detected_by: str,
    severity: str | None,
    key_events: list[tuple[datetime, str]],
    impact_figures: list[str],
    trigger: str,
    contributing_factors: list[str],
    action_item_themes: list[str],
    expected_owners: list[str],
    moment_notes: dict[str, str],
) -> dict:
    return {
        "name": name,
        "kind": kind,
        "modelled_on": modelled_on,
        "meeting_start": iso(meeting_start) if meeting_start else None,
        "transcript_start": iso(transcript_start) if transcript_start else None,
        "tz": tz,
        "moments": {
            "impact_start": iso(impact_start),
            "detected": iso(detected),
            "acknowledged": iso(acknowledged) if acknowledged else None,
            "mitigated": iso(mitigated) if mitigated else None,
            "resolved": iso(resolved) if resolved else None,
        },
        "partially_mitigated": iso(partially_mitigated) if partially_mitigated else None,
        "ttd_min": mins(impact_start, detected),
        "tta_min": mins(detected, acknowledged),
        "ttm_min": mins(impact_start, mitigated),
        "ttr_min": mins(impact_start, resolved),
        "detection_source": detection_source,
        "detected_by": detected_by,
        "severity": severity,
        "key_events": [{"ts": iso(t), "contains": c} for t, c in key_events],
        "impact_figures": impact_figures,
        "trigger": trigger,
        "contributing_factors": contributing_factors,
        "action_item_themes": action_item_themes,
        "expected_owners": expected_owners,
        "moment_notes": moment_notes,
    }
