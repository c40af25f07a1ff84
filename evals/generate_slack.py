"""A streaming writer of seeded Slack workspace exports, used by ``evals.generate``.

Messages are produced in time order and appended to the open day file of their channel,
so memory stays flat however many are asked for; thread replies are queued on a heap
until their time comes, their parents already carrying ``reply_count`` and ``replies``.
"""

from __future__ import annotations

import heapq
import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

TEAM = "T0GENWRK1"
WORKSPACE_TZ = ZoneInfo("America/Los_Angeles")
START = datetime(2024, 6, 1, 15, 0, tzinfo=UTC)
CHANNELS = ("general", "eng", "deploys", "support", "random", "alerts-noise", "inc-payments")
_VOCABULARY = (
    "deploy cache latency ticket customer dashboard query retry pod node queue review merge "
    "release config flag rollout metrics budget index shard replica backup token webhook "
    "schema migration canary build pipeline region quota invoice cart search timeout"
)
WORDS = tuple(_VOCABULARY.split())
OPENERS = ("I think", "fyi", "quick q:", "looks like", "heads up,", "ok so", "btw", "anyone knows")
SERVICES = ("search-api", "cart-api", "catalog-api", "recs-api", "media-api", "auth-api")
BOT_DEPLOY, BOT_CI = "B0GENDPLY", "B0GENCI01"


@dataclass(order=True)
class Pending:
    at: int  # epoch microseconds
    channel: str = field(compare=False)
    message: dict[str, Any] = field(compare=False)


def slack_ts(micros: int) -> str:
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def from_micros(micros: int) -> datetime:
    return datetime.fromtimestamp(micros // 1_000_000, UTC).replace(microsecond=micros % 1_000_000)


def _user(i: int) -> dict[str, Any]:
    uid = f"U0GEN{i:05d}"
    name = f"Person {i:04d}"
    return {
        "id": uid,
        "team_id": TEAM,
        "name": f"person{i}",
        "deleted": False,
        "real_name": name,
        "tz": "America/Los_Angeles",
        "tz_label": "Pacific Daylight Time",
        "tz_offset": -25200,
        "is_bot": False,
        "is_app_user": False,
        "profile": {
            "real_name": name,
            "display_name": f"p{i}",
            "real_name_normalized": name,
            "display_name_normalized": f"p{i}",
            "email": f"person{i}@gen.example",
            "first_name": "Person",
            "last_name": f"{i:04d}",
            "team": TEAM,
        },
    }


class SlackWriter:
    """Streams messages (in ts order) into ``<channel>/<local date>.json`` arrays."""

    def __init__(self, dest: Path, users: int) -> None:
        self.dest = dest
        self.users = [f"U0GEN{i:05d}" for i in range(users)]
        self.open: dict[str, tuple[str, IO[str], bool]] = {}
        self.count = 0
        dest.mkdir(parents=True, exist_ok=True)
        members = self.users[: min(50, users)]
        channels = [
            {
                "id": f"C0GEN{i:04d}",
                "name": name,
                "created": int(START.timestamp()) - 86_400 * 90,
                "creator": self.users[0],
                "is_archived": False,
                "is_general": name == "general",
                "members": members,
                "topic": {"value": "", "creator": "", "last_set": 0},
                "purpose": {"value": f"#{name}", "creator": "", "last_set": 0},
            }
            for i, name in enumerate(CHANNELS)
        ]
        bots = [
            {
                "id": "U0GENBOT1",
                "team_id": TEAM,
                "name": "shipit",
                "deleted": False,
                "real_name": "shipit",
                "is_bot": True,
                "is_app_user": False,
                "profile": {
                    "real_name": "shipit",
                    "display_name": "shipit",
                    "bot_id": BOT_DEPLOY,
                    "team": TEAM,
                },
            },
        ]
        with (dest / "users.json").open("w", encoding="utf-8") as out:
            json.dump([_user(i) for i in range(users)] + bots, out, indent=4)
        (dest / "channels.json").write_text(json.dumps(channels, indent=4), encoding="utf-8")

    def write(self, channel: str, message: dict[str, Any]) -> None:
        day = (
            from_micros(int(message["ts"].replace(".", "")))
            .astimezone(WORKSPACE_TZ)
            .strftime("%Y-%m-%d")
        )
        current = self.open.get(channel)
        if current is None or current[0] != day:
            if current is not None:
                current[1].write("\n]\n")
                current[1].close()
            folder = self.dest / channel
            folder.mkdir(exist_ok=True)
            opened: IO[str] = (folder / f"{day}.json").open("w", encoding="utf-8")
            opened.write("[\n")
            current = (day, opened, True)
        _, handle, first = current
        handle.write(("" if first else ",\n") + json.dumps(message, indent=4))
        self.open[channel] = (day, handle, False)
        self.count += 1

    def close(self) -> None:
        for _, handle, _ in self.open.values():
            handle.write("\n]\n")
            handle.close()
        self.open.clear()


def _noise(rng: random.Random, users: list[str], at: int) -> tuple[str, dict[str, Any]]:
    """One background message: chatter, a deploy-bot post, a CI bot post or a join."""
    roll = rng.random()
    ts = slack_ts(at)
    if roll < 0.06:
        service = rng.choice(SERVICES)
        version = f"2024.06.{rng.randint(1, 28):02d}-{rng.randint(1, 9)}"
        text = f"Deploy {version} of {service} finished: {rng.randint(4, 16)} pods healthy"
        return "deploys", {
            "type": "message",
            "text": text,
            "user": "U0GENBOT1",
            "ts": ts,
            "bot_id": BOT_DEPLOY,
            "app_id": "A0GENDPLY",
            "team": TEAM,
        }
    if roll < 0.10:
        build = rng.randint(10_000, 99_999)
        title = f"Build #{build} of {rng.choice(SERVICES)} passed"
        return "alerts-noise", {
            "type": "message",
            "subtype": "bot_message",
            "text": "",
            "ts": ts,
            "username": "ci",
            "bot_id": BOT_CI,
            "attachments": [
                {
                    "id": 1,
                    "color": "good",
                    "fallback": title,
                    "title": title,
                    "text": "All checks passed",
                }
            ],
        }
    user = rng.choice(users)
    channel = rng.choice(CHANNELS[:6])
    if roll < 0.12:
        text = f"<@{user}> has joined the channel"
        return channel, {
            "type": "message",
            "subtype": "channel_join",
            "user": user,
            "text": text,
            "ts": ts,
        }
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14)))
    text = f"{rng.choice(OPENERS)} {words}"
    if rng.random() < 0.1:
        text += f" <@{rng.choice(users)}>"
    if rng.random() < 0.05:
        text += f" <https://wiki.gen.example/{rng.choice(WORDS)}|{rng.choice(WORDS)} doc>"
    return channel, {
        "client_msg_id": f"{rng.getrandbits(128):032x}",
        "type": "message",
        "text": text,
        "user": user,
        "ts": ts,
        "team": TEAM,
    }


def stream_messages(
    writer: SlackWriter, rng: random.Random, total: int, script: list[Pending], gap_us: int
) -> None:
    """Write exactly ``total`` messages: ``script`` plus noise, merged in time order."""
    pending: list[Pending] = list(script)
    heapq.heapify(pending)
    at = int(START.timestamp() * 1_000_000)
    while writer.count + len(pending) < total:
        at += rng.randint(gap_us // 2, gap_us * 3 // 2)
        while pending and pending[0].at <= at:
            item = heapq.heappop(pending)
            writer.write(item.channel, item.message)
        channel, message = _noise(rng, writer.users, at)
        room = total - writer.count - len(pending) - 1
        if "subtype" not in message and "bot_id" not in message and rng.random() < 0.03:
            _add_thread(
                rng, writer.users, channel, message, at, min(room, rng.randint(1, 4)), pending
            )
        writer.write(channel, message)
    while pending:
        item = heapq.heappop(pending)
        writer.write(item.channel, item.message)


def _add_thread(
    rng: random.Random,
    users: list[str],
    channel: str,
    parent: dict[str, Any],
    at: int,
    count: int,
    pending: list[Pending],
) -> None:
    """Give ``parent`` ``count`` replies, queued to be written at their own times."""
    if count <= 0:
        return
    replies = [at + rng.randint(20, 600) * 1_000_000 + i for i in range(count)]
    authors = [rng.choice(users) for _ in replies]
    pairs = sorted(zip(replies, authors, strict=True))
    parent.update(
        thread_ts=parent["ts"],
        reply_count=count,
        reply_users_count=len(set(authors)),
        latest_reply=slack_ts(pairs[-1][0]),
        reply_users=sorted(set(authors)),
        replies=[{"user": u, "ts": slack_ts(r)} for r, u in pairs],
    )
    for reply_at, user in pairs:
        text = f"re: {rng.choice(WORDS)} {rng.choice(WORDS)}"
        reply = {
            "type": "message",
            "text": text,
            "user": user,
            "ts": slack_ts(reply_at),
            "thread_ts": parent["ts"],
            "parent_user_id": parent["user"],
            "team": TEAM,
        }
        heapq.heappush(pending, Pending(reply_at, channel, reply))


def fresh_dir(dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    return dest
