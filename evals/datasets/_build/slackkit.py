"""Tiny helpers to write real-format Slack exports for hand-written stories."""

from __future__ import annotations

import json
import random
import re
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

TEAM = "T05SHOPWL"
_ENTITY = re.compile(r"<(@U[A-Z0-9]+|#C[A-Z0-9]+(?:\|[^>]*)?|![a-z]+|https?://[^>|]+(?:\|[^>]*)?)>")


def user(
    uid, handle, real, display, email, title, tz="America/Los_Angeles", is_bot=False, bot_id=None
):
    first, _, last = real.partition(" ")
    names = {
        "America/Los_Angeles": "Pacific Daylight Time",
        "Europe/Berlin": "Central European Summer Time",
        "America/New_York": "Eastern Daylight Time",
        "Europe/London": "British Summer Time",
    }
    probe = datetime(2024, 6, 1, 12, tzinfo=UTC).astimezone(ZoneInfo(tz))
    off = int(probe.utcoffset().total_seconds())
    label = names.get(tz, probe.tzname() or tz)
    profile = {
        "title": title,
        "phone": "",
        "skype": "",
        "real_name": real,
        "real_name_normalized": real,
        "display_name": display,
        "display_name_normalized": display,
        "fields": None,
        "status_text": "",
        "status_emoji": "",
        "status_expiration": 0,
        "avatar_hash": uuid.uuid5(uuid.NAMESPACE_DNS, uid).hex[:12],
        "first_name": first,
        "last_name": last,
        "image_72": f"https://avatars.slack-edge.com/2023-01-10/{uid.lower()}_72.png",
        "team": TEAM,
    }
    if email:
        profile["email"] = email
    if bot_id:
        profile["bot_id"] = bot_id
        profile["always_active"] = True
        profile["api_app_id"] = "A" + bot_id[1:]
    return {
        "id": uid,
        "team_id": TEAM,
        "name": handle,
        "deleted": False,
        "color": "9f69e7",
        "real_name": real,
        "tz": tz,
        "tz_label": label,
        "tz_offset": off,
        "profile": profile,
        "is_admin": False,
        "is_owner": False,
        "is_primary_owner": False,
        "is_restricted": False,
        "is_ultra_restricted": False,
        "is_bot": is_bot,
        "is_app_user": False,
        "updated": 1712000000,
        "is_email_confirmed": not is_bot,
    }


def ts_of(when: datetime, rng: random.Random) -> str:
    return f"{int(when.timestamp())}.{rng.randrange(0, 1_000_000):06d}"


def blocks_for(text: str, rng: random.Random) -> list[dict]:
    elements: list[dict] = []
    pos = 0
    for m in _ENTITY.finditer(text):
        if m.start() > pos:
            elements.append({"type": "text", "text": _unescape(text[pos : m.start()])})
        body = m.group(1)
        if body.startswith("@"):
            elements.append({"type": "user", "user_id": body[1:]})
        elif body.startswith("#"):
            elements.append({"type": "channel", "channel_id": body[1:].split("|")[0]})
        elif body.startswith("!"):
            elements.append({"type": "broadcast", "range": body[1:]})
        else:
            url, _, label = body.partition("|")
            el = {"type": "link", "url": url}
            if label:
                el["text"] = label
            elements.append(el)
        pos = m.end()
    if pos < len(text):
        elements.append({"type": "text", "text": _unescape(text[pos:])})
    return [
        {
            "type": "rich_text",
            "block_id": uuid.UUID(int=rng.getrandbits(128)).hex[:5],
            "elements": [{"type": "rich_text_section", "elements": elements}],
        }
    ]


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class Export:
    """Collects messages per channel, then writes a Slack export folder."""

    def __init__(self, tz: str, seed: int = 1):
        self.tz = ZoneInfo(tz)
        self.rng = random.Random(seed)
        self.users: dict[str, dict] = {}
        self.channels: dict[str, dict] = {}
        self.msgs: dict[str, list[dict]] = defaultdict(list)
        self.by_key: dict[str, dict] = {}
        self.ts_by_key: dict[str, str] = {}

    def add_user(self, u: dict) -> None:
        self.users[u["id"]] = u

    def add_channel(self, cid, name, created, creator, members, topic="", purpose=""):
        self.channels[name] = {
            "id": cid,
            "name": name,
            "created": created,
            "creator": creator,
            "is_archived": False,
            "is_general": name == "general",
            "members": members,
            "pins": [],
            "topic": {
                "value": topic,
                "creator": creator if topic else "",
                "last_set": created if topic else 0,
            },
            "purpose": {
                "value": purpose,
                "creator": creator if purpose else "",
                "last_set": created if purpose else 0,
            },
        }

    def say(
        self,
        when: datetime,
        channel: str,
        uid: str,
        text: str,
        *,
        key=None,
        thread=None,
        broadcast=False,
        reactions=None,
        edited=False,
    ):
        ts = ts_of(when, self.rng)
        m = {
            "client_msg_id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "type": "message",
            "text": text,
            "user": uid,
            "ts": ts,
            "blocks": blocks_for(text, self.rng),
            "team": TEAM,
            "user_team": TEAM,
            "source_team": TEAM,
        }
        u = self.users.get(uid)
        if u:
            m["user_profile"] = {
                "avatar_hash": u["profile"]["avatar_hash"],
                "image_72": u["profile"]["image_72"],
                "first_name": u["profile"]["first_name"],
                "real_name": u["real_name"],
                "display_name": u["profile"]["display_name"],
                "team": TEAM,
                "name": u["name"],
                "is_restricted": False,
                "is_ultra_restricted": False,
            }
        if edited:
            m["edited"] = {"user": uid, "ts": f"{int(when.timestamp()) + 40}.000000"}
        if reactions:
            m["reactions"] = [{"name": n, "users": us, "count": len(us)} for n, us in reactions]
        return self._add(channel, m, key, thread, broadcast)

    def join(self, when, channel, uid, inviter=None):
        ts = ts_of(when, self.rng)
        m = {
            "type": "message",
            "subtype": "channel_join",
            "ts": ts,
            "user": uid,
            "text": f"<@{uid}> has joined the channel",
        }
        if inviter:
            m["inviter"] = inviter
        return self._add(channel, m, None, None, False)

    def bot(
        self,
        when,
        channel,
        *,
        bot_id,
        username,
        attachments,
        text="",
        key=None,
        thread=None,
        app_user=None,
        app_id=None,
    ):
        ts = ts_of(when, self.rng)
        if app_user:  # modern app post: a bot user, no subtype
            m = {
                "type": "message",
                "text": text,
                "user": app_user,
                "ts": ts,
                "bot_id": bot_id,
                "app_id": app_id,
                "bot_profile": {
                    "id": bot_id,
                    "deleted": False,
                    "name": username,
                    "updated": 1700000000,
                    "app_id": app_id,
                    "icons": {"image_48": "https://avatars.slack-edge.com/2023-01-10/bot_48.png"},
                    "team_id": TEAM,
                },
                "team": TEAM,
            }
            if text:
                m["blocks"] = blocks_for(text, self.rng)
        else:
            m = {
                "type": "message",
                "subtype": "bot_message",
                "text": text,
                "ts": ts,
                "username": username,
                "bot_id": bot_id,
                "icons": {"image_48": "https://avatars.slack-edge.com/2023-01-10/bot_48.png"},
            }
        if attachments:
            for i, a in enumerate(attachments, 1):
                a.setdefault("id", i)
            m["attachments"] = attachments
        return self._add(channel, m, key, thread, False)

    def _add(self, channel, m, key, thread, broadcast):
        if thread is not None:
            parent = self.by_key[thread]
            m["thread_ts"] = parent["ts"]
            m["parent_user_id"] = parent.get("user", parent.get("bot_id"))
            if broadcast:
                m["subtype"] = "thread_broadcast"
            parent.setdefault("_replies", []).append(m)
        self.msgs[channel].append(m)
        if key:
            self.by_key[key] = m
            self.ts_by_key[key] = m["ts"]
        return m

    def write(self, dest: Path) -> int:
        dest.mkdir(parents=True, exist_ok=True)
        for msgs in self.msgs.values():
            for m in msgs:
                reps = m.pop("_replies", None)
                if reps:
                    reps.sort(key=lambda r: r["ts"])
                    m["thread_ts"] = m["ts"]
                    m["reply_count"] = len(reps)
                    users = list(dict.fromkeys(r.get("user", "") for r in reps))
                    m["reply_users_count"] = len(users)
                    m["latest_reply"] = reps[-1]["ts"]
                    m["reply_users"] = users
                    m["replies"] = [{"user": r.get("user", ""), "ts": r["ts"]} for r in reps]
                    m["is_locked"] = False
                    m["subscribed"] = False
        _dump(dest / "users.json", list(self.users.values()))
        _dump(dest / "channels.json", list(self.channels.values()))
        count = 0
        for name, msgs in self.msgs.items():
            msgs.sort(key=lambda m: m["ts"])
            days: dict[str, list[dict]] = defaultdict(list)
            for m in msgs:
                local = datetime.fromtimestamp(int(m["ts"].split(".")[0]), UTC).astimezone(self.tz)
                days[local.strftime("%Y-%m-%d")].append(m)
            (dest / name).mkdir(exist_ok=True)
            for day, items in days.items():
                _dump(dest / name / f"{day}.json", items)
                count += len(items)
        return count


def _dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=4, ensure_ascii=False) + "\n", encoding="utf-8")


def iso(dt: datetime) -> str:
    s = dt.astimezone(UTC).isoformat(timespec="microseconds")
    s = s.replace("+00:00", "Z")
    if s.endswith(".000000Z"):
        s = s[:-8] + "Z"
    return s


def slack_dt(ts: str) -> datetime:
    sec, frac = ts.split(".")
    return datetime.fromtimestamp(int(sec), UTC).replace(microsecond=int(frac))
