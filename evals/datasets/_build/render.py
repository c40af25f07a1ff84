# ruff: noqa: E501  (story text and vendor payload literals read better unwrapped)
"""Render one abstract incident story into vendor formats, returning exact record times."""

from __future__ import annotations

import csv
import hashlib
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from .slackkit import Export, iso, slack_dt, user


def h(*parts: object, n: int = 40) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:n]


@dataclass
class Person:
    key: str
    name: str
    email: str
    handle: str
    title: str = "Engineer"
    tz: str = "America/Los_Angeles"
    display: str | None = None

    @property
    def uid(self) -> str:
        return "U0" + h(self.key, n=8).upper()

    @property
    def aad(self) -> str:
        return str(uuid.UUID(h("aad", self.key, n=32)))

    @property
    def pd(self) -> str:
        return "P" + h("pd", self.key, n=6).upper()


@dataclass
class Msg:
    at: datetime
    who: str  # person key, or "bot:<Name>"
    text: str
    key: str | None = None
    thread: str | None = None
    join: bool = False
    card: dict | None = None  # bot attachment: {"title":..., "text":..., "color":...}


@dataclass
class Alert:
    at: datetime
    action: str  # trigger | repeat | notify | escalate | ack | note | resolve
    name: str
    text: str = ""
    who: str | None = None
    key: str | None = None
    value: str = ""


@dataclass
class Cue:
    start: float
    end: float
    who: str
    text: str
    key: str | None = None


@dataclass
class Change:
    at: datetime
    who: str
    text: str
    key: str | None = None
    kind: str = "commit"  # commit | deploy | rollback | k8s:<Reason>:<Type>:<object>
    committed: datetime | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Story:
    name: str
    kind: str
    people: dict[str, Person]
    service: str
    channel: str
    msgs: list[Msg]
    alerts: list[Alert]
    cues: list[Cue]
    changes: list[Change]
    meeting_start: datetime
    chat_format: str
    alert_format: str
    transcript_format: str
    change_format: str
    tz: str | None = None  # for naive timestamps (gold "tz")
    slack_tz: str = "America/Los_Angeles"
    alert_offset: str | None = None  # e.g. "-05:00" for Alertmanager/Grafana startsAt
    seed: int = 7
    times: dict[str, datetime] = field(default_factory=dict)  # key -> exact record time

    def person(self, key: str) -> Person:
        return self.people[key]


def ms_iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def sec_iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def nano_iso(dt: datetime, rng: random.Random, offset: str | None = None) -> tuple[str, datetime]:
    """RFC 3339 with 9 fraction digits; returns (text, value truncated to µs)."""
    micro = rng.randrange(1_000_000)
    nanos = micro * 1000 + rng.randrange(1000)
    value = dt.replace(microsecond=micro)
    if offset:
        sign = -1 if offset[0] == "-" else 1
        hh, mm = int(offset[1:3]), int(offset[4:6])
        local = value.astimezone(timezone(sign * timedelta(hours=hh, minutes=mm)))
        text = local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{nanos:09d}" + offset
    else:
        text = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{nanos:09d}Z"
    return text, value


# ------------------------------------------------------------------ chat
def fill(s: Story, text: str) -> str:
    """Replace {@key} placeholders with the chat format's mention syntax."""
    for p in s.people.values():
        token = "{@" + p.key + "}"
        if token in text:
            text = text.replace(token, f"@{p.name}" if s.chat_format == "teams" else f"<@{p.uid}>")
    return text


def write_chat(s: Story, dest: Path) -> None:
    for m in s.msgs:
        m.text = fill(s, m.text)
    {"slack-export": _slack_export, "slack-api": _slack_api, "teams": _teams}[s.chat_format](
        s, dest
    )


def _slack_users(s: Story, ex: Export) -> dict[str, str]:
    bots: dict[str, str] = {}
    for p in s.people.values():
        ex.add_user(
            user(
                p.uid,
                p.handle,
                p.name,
                p.display if p.display is not None else p.name.split()[0],
                p.email,
                p.title,
                tz=p.tz,
            )
        )
    for m in s.msgs:
        if m.who.startswith("bot:") and m.who not in bots:
            bots[m.who] = "B0" + h(m.who, n=8).upper()
    first = next(iter(bots.values()), None)
    if first:  # one bot is a registered app user; the others only appear by bot_id
        name = next(iter(bots))[4:]
        ex.add_user(
            user(
                "U0" + first[2:],
                name.lower().replace(" ", ""),
                name,
                name,
                None,
                "",
                is_bot=True,
                bot_id=first,
            )
        )
    return bots


def _card(m: Msg) -> list[dict]:
    c = dict(m.card or {})
    c.setdefault("fallback", c.get("title", m.text))
    return [c]


def _slack_export(s: Story, dest: Path) -> None:
    ex = Export(s.slack_tz, seed=s.seed)
    bots = _slack_users(s, ex)
    members = [p.uid for p in s.people.values()]
    cid = "C0" + h(s.channel, n=8).upper()
    ex.add_channel(
        cid,
        s.channel,
        int((s.msgs[0].at - timedelta(days=200)).timestamp()),
        members[0],
        members,
        purpose=f"Incidents for {s.service}",
    )
    for m in sorted(s.msgs, key=lambda m: m.at):
        if m.join:
            rec = ex.join(m.at, s.channel, s.person(m.who).uid)
        elif m.who.startswith("bot:"):
            rec = ex.bot(
                m.at,
                s.channel,
                bot_id=bots[m.who],
                username=m.who[4:],
                attachments=_card(m) if m.card else None,
                text=m.text,
                key=m.key,
                thread=m.thread,
            )
        else:
            rec = ex.say(m.at, s.channel, s.person(m.who).uid, m.text, key=m.key, thread=m.thread)
        if m.key:
            s.times[m.key] = slack_dt(rec["ts"])
    ex.write(dest / "slack-export")


def _api_message(s: Story, m: Msg, ts: str, bots: dict[str, str], rng: random.Random) -> dict:
    if m.join:
        return {
            "type": "message",
            "subtype": "channel_join",
            "user": s.person(m.who).uid,
            "text": f"<@{s.person(m.who).uid}> has joined the channel",
            "ts": ts,
        }
    if m.who.startswith("bot:"):
        rec = {
            "type": "message",
            "subtype": "bot_message",
            "text": m.text,
            "ts": ts,
            "username": m.who[4:],
            "bot_id": bots[m.who],
        }
        if m.card:
            rec["attachments"] = [dict(_card(m)[0], id=1)]
        return rec
    from .slackkit import blocks_for

    return {
        "client_msg_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "type": "message",
        "text": m.text,
        "user": s.person(m.who).uid,
        "ts": ts,
        "blocks": blocks_for(m.text, rng),
        "team": "T05SHOPWL",
    }


def _slack_api(s: Story, dest: Path) -> None:
    rng = random.Random(s.seed)
    bots = {m.who: "B0" + h(m.who, n=8).upper() for m in s.msgs if m.who.startswith("bot:")}
    out = dest / "slack-api"
    out.mkdir(parents=True, exist_ok=True)
    recs: list[tuple[Msg, dict]] = []
    by_key: dict[str, dict] = {}
    for m in sorted(s.msgs, key=lambda m: m.at):
        ts = f"{int(m.at.timestamp())}.{rng.randrange(1_000_000):06d}"
        rec = _api_message(s, m, ts, bots, rng)
        if m.thread:
            parent = by_key[m.thread]
            rec["thread_ts"] = parent["ts"]
            rec["parent_user_id"] = parent.get("user", "")
            parent.setdefault("_r", []).append(rec)
        recs.append((m, rec))
        if m.key:
            by_key[m.key] = rec
            s.times[m.key] = slack_dt(ts)
    top = []
    threads = []
    for m, rec in recs:
        if "_r" in rec:
            reps = rec.pop("_r")
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
            threads.append((rec, reps))
        if not m.thread:
            top.append(rec)
    history = {
        "ok": True,
        "messages": list(reversed(top)),
        "has_more": False,
        "pin_count": 0,
        "channel_actual_ts": int(s.msgs[-1].at.timestamp()) + 300,
        "response_metadata": {"next_cursor": ""},
    }
    cid = "C0" + h(s.channel, n=8).upper()
    (out / f"conversations.history.{cid}.json").write_text(
        json.dumps(history, indent=2, ensure_ascii=False) + "\n"
    )
    for parent, reps in threads:
        body = {
            "ok": True,
            "messages": [parent, *reps],
            "has_more": False,
            "response_metadata": {"next_cursor": ""},
        }
        (out / f"conversations.replies.{cid}.{parent['ts']}.json").write_text(
            json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        )
    members = []
    for p in s.people.values():
        u = user(
            p.uid,
            p.handle,
            p.name,
            p.display if p.display is not None else p.name.split()[0],
            p.email,
            p.title,
            tz=p.tz,
        )
        members.append(u)
    chan = {
        "id": cid,
        "name": s.channel,
        "is_channel": True,
        "is_group": False,
        "is_im": False,
        "is_mpim": False,
        "is_private": False,
        "created": int(s.msgs[0].at.timestamp()) - 86400 * 90,
        "is_archived": False,
        "is_general": False,
        "unlinked": 0,
        "name_normalized": s.channel,
        "is_shared": False,
        "is_org_shared": False,
        "is_member": True,
        "creator": next(iter(s.people.values())).uid,
        "num_members": len(s.people),
        "topic": {"value": "", "creator": "", "last_set": 0},
        "purpose": {
            "value": f"Incidents for {s.service}",
            "creator": next(iter(s.people.values())).uid,
            "last_set": int(s.msgs[0].at.timestamp()) - 86400 * 90,
        },
    }
    (out / "conversations.list.json").write_text(
        json.dumps(
            {"ok": True, "channels": [chan], "response_metadata": {"next_cursor": ""}}, indent=2
        )
        + "\n"
    )
    (out / "users.list.json").write_text(
        json.dumps(
            {
                "ok": True,
                "members": members,
                "cache_ts": int(s.msgs[-1].at.timestamp()),
                "response_metadata": {"next_cursor": ""},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _teams(s: Story, dest: Path) -> None:
    rng = random.Random(s.seed)
    chat_id = f"19:{h('chat', s.name, n=32)}@thread.v2"
    tenant = str(uuid.UUID(h("tenant", n=32)))
    values = []
    for m in sorted(s.msgs, key=lambda m: m.at):
        at = m.at.replace(microsecond=rng.randrange(1000) * 1000)
        mid = str(int(at.timestamp()) * 1000 + at.microsecond // 1000)
        base = {
            "id": mid,
            "replyToId": None,
            "etag": mid,
            "messageType": "message",
            "createdDateTime": ms_iso(at),
            "lastModifiedDateTime": ms_iso(at),
            "lastEditedDateTime": None,
            "deletedDateTime": None,
            "subject": None,
            "summary": None,
            "chatId": chat_id,
            "importance": "normal",
            "locale": "en-us",
            "webUrl": None,
            "channelIdentity": None,
            "policyViolation": None,
            "eventDetail": None,
            "from": None,
            "body": {"contentType": "html", "content": ""},
            "attachments": [],
            "mentions": [],
            "reactions": [],
            "messageHistory": [],
        }
        if m.join:
            p = s.person(m.who)
            base.update(
                {
                    "messageType": "systemEventMessage",
                    "body": {"contentType": "html", "content": "<systemEventMessage/>"},
                    "eventDetail": {
                        "@odata.type": "#microsoft.graph.membersAddedEventMessageDetail",
                        "visibleHistoryStartDateTime": "0001-01-01T00:00:00Z",
                        "members": [
                            {
                                "id": p.aad,
                                "displayName": None,
                                "userIdentityType": "aadUser",
                                "tenantId": tenant,
                            }
                        ],
                        "initiator": {
                            "application": None,
                            "device": None,
                            "user": {
                                "id": next(iter(s.people.values())).aad,
                                "displayName": None,
                                "userIdentityType": "aadUser",
                                "tenantId": tenant,
                            },
                        },
                    },
                }
            )
        elif m.who.startswith("bot:"):
            card = {
                "type": "AdaptiveCard",
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "version": "1.4",
                "body": [
                    {
                        "type": "TextBlock",
                        "text": (m.card or {}).get("title", m.text),
                        "weight": "bolder",
                        "wrap": True,
                    },
                    {"type": "TextBlock", "text": (m.card or {}).get("text", ""), "wrap": True},
                ],
            }
            att_id = h("att", mid, n=32)
            base.update(
                {
                    "from": {
                        "application": {
                            "@odata.type": "#microsoft.graph.teamworkApplicationIdentity",
                            "id": str(uuid.UUID(h("app", m.who, n=32))),
                            "displayName": m.who[4:],
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
            p = s.person(m.who)
            content, mentions = _teams_html(s, m.text)
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
                            "tenantId": tenant,
                        },
                    },
                    "body": {"contentType": "html", "content": content},
                    "mentions": mentions,
                }
            )
        values.append(base)
        if m.key:
            s.times[m.key] = at
    values.reverse()  # Graph lists chat messages by lastModifiedDateTime descending
    out = dest / "teams"
    out.mkdir(parents=True, exist_ok=True)
    doc = {
        "@odata.context": f"https://graph.microsoft.com/v1.0/$metadata#chats('{chat_id.replace(':', '%3A').replace('@', '%40')}')/messages",
        "@odata.count": len(values),
        "value": values,
    }
    (out / "chat-messages.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def _teams_html(s: Story, text: str) -> tuple[str, list[dict]]:
    """@Name mentions become <at id="n">Name</at>; & < > escaped."""
    mentions: list[dict] = []
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for p in s.people.values():
        tag = "@" + p.name
        if tag in out:
            n = len(mentions)
            out = out.replace(tag, f'<at id="{n}">{p.name}</at>', 1)
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
                        },
                    },
                }
            )
    return f"<p>{out}</p>", mentions


# ------------------------------------------------------------------ alerts
def write_alerts(s: Story, dest: Path) -> None:
    (dest / "alerts").mkdir(parents=True, exist_ok=True)
    {
        "pagerduty-rest": _pd_rest,
        "pagerduty-v3": _pd_v3,
        "opsgenie": _opsgenie,
        "grafana": _grafana,
        "datadog": _datadog,
        "cloudwatch": _cloudwatch,
        "alertmanager": _alertmanager,
    }[s.alert_format](s, dest / "alerts")


def _pd_rest(s: Story, out: Path) -> None:
    inc_id = "Q" + h("inc", s.name, n=13).upper()
    num = 4000 + int(h(s.name, n=3), 16) % 900
    svc = {
        "id": "P" + h("svc", s.service, n=6).upper(),
        "type": "service_reference",
        "summary": s.service,
        "self": f"https://api.pagerduty.com/services/P{h('svc', s.service, n=6).upper()}",
        "html_url": f"https://shopwell.pagerduty.com/service-directory/P{h('svc', s.service, n=6).upper()}",
    }
    title = s.alerts[0].name
    incident = {
        "id": inc_id,
        "type": "incident_reference",
        "summary": f"[#{num}] {title}",
        "self": f"https://api.pagerduty.com/incidents/{inc_id}",
        "html_url": f"https://shopwell.pagerduty.com/incidents/{inc_id}",
    }
    team = [
        {
            "id": "PT" + h("team", n=5).upper(),
            "type": "team_reference",
            "summary": "Platform",
            "self": "https://api.pagerduty.com/teams/PT" + h("team", n=5).upper(),
            "html_url": None,
        }
    ]
    entries = []
    for a in s.alerts:
        at = a.at.replace(microsecond=0)
        eid = "R" + h("le", s.name, a.at, a.action, n=25).upper()
        e = {
            "id": eid,
            "self": f"https://api.pagerduty.com/log_entries/{eid}",
            "html_url": None,
            "created_at": sec_iso(at),
            "incident": incident,
            "service": svc,
            "teams": team,
            "contexts": [],
        }
        if a.who:
            p = s.person(a.who)
            uref = {
                "id": p.pd,
                "type": "user_reference",
                "summary": p.name,
                "self": f"https://api.pagerduty.com/users/{p.pd}",
                "html_url": f"https://shopwell.pagerduty.com/users/{p.pd}",
            }
        if a.action == "trigger":
            e.update(
                {
                    "type": "trigger_log_entry",
                    "summary": "Triggered through the API.",
                    "agent": svc,
                    "channel": {
                        "type": "api",
                        "summary": a.text,
                        "details": {"alertname": a.name, "value": a.value},
                    },
                    "event_details": {"description": a.text},
                }
            )
        elif a.action == "notify":
            e.update(
                {
                    "type": "notify_log_entry",
                    "summary": f"Notified {p.name} by SMS.",
                    "agent": uref,
                    "channel": {
                        "type": "sms",
                        "notification": {
                            "type": "sms",
                            "status": "success",
                            "address": "+1 555-01" + h(p.key, n=2),
                        },
                    },
                    "user": uref,
                }
            )
            e["agent"] = svc
        elif a.action == "escalate":
            e.update(
                {
                    "type": "escalate_log_entry",
                    "summary": f"Escalated to {p.name} by timeout.",
                    "agent": None,
                    "channel": {"type": "timeout"},
                    "assignees": [uref],
                }
            )
        elif a.action == "ack":
            e.update(
                {
                    "type": "acknowledge_log_entry",
                    "summary": f"Acknowledged by {p.name}.",
                    "agent": uref,
                    "channel": {"type": "mobile"},
                    "acknowledgement_timeout": 1800,
                }
            )
        elif a.action == "note":
            e.update(
                {
                    "type": "annotate_log_entry",
                    "summary": a.text,
                    "agent": uref,
                    "channel": {"type": "note", "summary": a.text},
                }
            )
        elif a.action == "assign":
            e.update(
                {
                    "type": "assign_log_entry",
                    "summary": f"Assigned to {p.name}.",
                    "agent": svc,
                    "channel": {"type": "auto"},
                    "assignees": [uref],
                }
            )
        elif a.action == "resolve":
            e.update(
                {
                    "type": "resolve_log_entry",
                    "summary": f"Resolved by {p.name}." if a.who else "Resolved through the API.",
                    "agent": uref if a.who else svc,
                    "channel": {"type": "website"} if a.who else {"type": "api", "summary": a.text},
                }
            )
        else:
            raise ValueError(a.action)
        entries.append(e)
        if a.key:
            s.times[a.key] = at
    entries.reverse()  # newest first, like the API examples
    doc = {"log_entries": entries, "limit": 100, "offset": 0, "more": False, "total": None}
    (out / "pagerduty-log-entries.json").write_text(json.dumps(doc, indent=2) + "\n")


def _pd_v3(s: Story, out: Path) -> None:
    rng = random.Random(s.seed + 3)
    inc_id = "Q" + h("inc", s.name, n=13).upper()
    num = 5000 + int(h(s.name, n=3), 16) % 900
    lines = []
    status = "triggered"
    svc = {
        "html_url": f"https://shopwell.pagerduty.com/services/P{h('svc', s.service, n=6).upper()}",
        "id": "P" + h("svc", s.service, n=6).upper(),
        "self": f"https://api.pagerduty.com/services/P{h('svc', s.service, n=6).upper()}",
        "summary": s.service,
        "type": "service_reference",
    }
    assignees = []
    for a in s.alerts:
        at = a.at.replace(microsecond=rng.randrange(1000) * 1000)
        agent = None
        if a.who:
            p = s.person(a.who)
            agent = {
                "html_url": f"https://shopwell.pagerduty.com/users/{p.pd}",
                "id": p.pd,
                "self": f"https://api.pagerduty.com/users/{p.pd}",
                "summary": p.name,
                "type": "user_reference",
            }
        etype = {
            "trigger": "incident.triggered",
            "ack": "incident.acknowledged",
            "resolve": "incident.resolved",
            "note": "incident.annotated",
            "escalate": "incident.escalated",
            "assign": "incident.reassigned",
            "priority": "incident.priority_updated",
        }[a.action]
        if a.action == "ack":
            status = "acknowledged"
        if a.action == "resolve":
            status = "resolved"
        if a.action in ("escalate", "assign") and agent:
            assignees = [agent]
        inc = {
            "html_url": f"https://shopwell.pagerduty.com/incidents/{inc_id}",
            "id": inc_id,
            "self": f"https://api.pagerduty.com/incidents/{inc_id}",
            "type": "incident",
            "number": num,
            "status": status,
            "incident_key": h("key", s.name, n=32),
            "created_at": sec_iso(s.alerts[0].at),
            "title": s.alerts[0].name,
            "service": svc,
            "assignees": assignees,
            "escalation_policy": {
                "html_url": "https://shopwell.pagerduty.com/escalation_policies/PEP1XYZ",
                "id": "PEP1XYZ",
                "self": "https://api.pagerduty.com/escalation_policies/PEP1XYZ",
                "summary": "Platform on-call",
                "type": "escalation_policy_reference",
            },
            "teams": [],
            "priority": {
                "html_url": "https://shopwell.pagerduty.com/account/incident_priorities",
                "id": "PSO75BM",
                "self": "https://api.pagerduty.com/priorities/PSO75BM",
                "summary": "P1",
                "type": "priority_reference",
            },
            "urgency": "high",
            "conference_bridge": None,
            "resolve_reason": None,
        }
        if a.action == "note":
            data = {
                "incident": {
                    "html_url": inc["html_url"],
                    "id": inc_id,
                    "self": inc["self"],
                    "summary": s.alerts[0].name,
                    "type": "incident_reference",
                },
                "id": "P" + h("note", a.at, n=6).upper(),
                "content": a.text,
                "trimmed": False,
                "type": "incident_note",
            }
        else:
            data = inc
        ev = {
            "event": {
                "id": "01" + h("ev", s.name, a.at, n=24).upper(),
                "event_type": etype,
                "resource_type": "incident",
                "occurred_at": ms_iso(at),
                "agent": agent,
                "client": None,
                "data": data,
            }
        }
        lines.append(json.dumps(ev))
        if a.key:
            s.times[a.key] = at
    (out / "pagerduty-webhooks.jsonl").write_text("\n".join(lines) + "\n")


def _opsgenie(s: Story, out: Path) -> None:
    rng = random.Random(s.seed + 5)
    created = s.alerts[0].at.replace(microsecond=rng.randrange(1000) * 1000)
    alert_id = str(uuid.UUID(h("og", s.name, n=32)))
    lines = []
    for a in s.alerts:
        action = {
            "trigger": "Create",
            "ack": "Acknowledge",
            "note": "AddNote",
            "resolve": "Close",
            "escalate": "Escalate",
            "assign": "AssignOwnership",
            "repeat": "Create",
        }[a.action]
        at = (
            created
            if a.action == "trigger"
            else a.at.replace(microsecond=rng.randrange(1000) * 1000)
        )
        updated_ns = int(at.timestamp()) * 10**9 + at.microsecond * 1000 + rng.randrange(1000)
        who = s.person(a.who) if a.who else None
        body = {
            "action": action,
            "alert": {
                "alertId": alert_id,
                "message": s.alerts[0].name,
                "tags": ["prod", s.service],
                "tinyId": "1742",
                "entity": s.service,
                "alias": h("alias", s.name, n=16),
                "createdAt": int(created.timestamp()) * 1000 + created.microsecond // 1000,
                "updatedAt": updated_ns,
                "username": who.email if who else "System",
                "userId": who.pd if who else "",
                "teams": ["4513b7ea-3b91-438f-b7e4-e3e54af9147c"],
                "recipients": ["4513b7ea-3b91-438f-b7e4-e3e54af9147c"],
                "priority": "P1",
                "source": "Prometheus"
                if a.action == "trigger"
                else (who.email if who else "System"),
            },
            "source": {
                "name": "" if a.action == "trigger" else "web",
                "type": "API" if a.action == "trigger" else "web",
            },
            "integrationName": "Opsgenie Webhook",
            "integrationId": "8f1d7c3a-5b2e-4a9f-9c61-2f0b4d7e6a15",
            "integrationType": "Webhook",
        }
        if a.action == "trigger":  # description and details are sent on Create only
            body["alert"]["description"] = s.alerts[0].text
            body["alert"]["details"] = {"value": a.value} if a.value else {}
        if a.action == "note":
            body["alert"]["note"] = a.text
        if a.action == "resolve" and a.text:
            body["alert"]["note"] = a.text
        lines.append(json.dumps(body))
        if a.key:
            s.times[a.key] = (
                at
                if a.action == "trigger"
                else at.replace(microsecond=(updated_ns // 1000) % 1_000_000)
            )
    (out / "opsgenie-webhooks.jsonl").write_text("\n".join(lines) + "\n")


def _am_like(s: Story, grafana: bool) -> list[dict]:
    """Alertmanager-shaped group notifications, one per alert action (trigger/repeat/resolve)."""
    rng = random.Random(s.seed + 7)
    starts: dict[str, tuple[str, datetime]] = {}
    state: dict[str, dict] = {}
    payloads = []
    for a in s.alerts:
        fp = h("fp", s.name, a.name, n=16)
        if a.action == "trigger":
            text, value = nano_iso(a.at, rng, s.alert_offset)
            if grafana:
                text = text[:-1] if False else text
            starts[a.name] = (text, value)
            if a.key:
                s.times[a.key] = value
        labels = {
            "alertname": a.name,
            "service": s.service,
            "severity": "critical",
            "team": "platform",
        }
        if grafana:
            labels["grafana_folder"] = "Platform"
        al = {
            "status": "firing",
            "labels": labels,
            "annotations": {
                "summary": a.name,
                "description": a.text
                or state.get(a.name, {}).get("annotations", {}).get("description", ""),
            },
            "startsAt": starts[a.name][0],
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": f"https://grafana.shopwell.example/alerting/grafana/{h('rule', a.name, n=10)}/view"
            if grafana
            else f"http://prometheus.shopwell.example:9090/graph?g0.expr={a.name}",
            "fingerprint": fp,
        }
        if a.action == "resolve":
            etext, evalue = nano_iso(a.at, rng, s.alert_offset)
            al["status"] = "resolved"
            al["endsAt"] = etext
            al["annotations"] = state[a.name]["annotations"]
            if a.key:
                s.times[a.key] = evalue
        elif a.action == "repeat":
            al = json.loads(json.dumps(state[a.name]))
        if grafana:
            al.update(
                {
                    "silenceURL": f"https://grafana.shopwell.example/alerting/silence/new?alertmanager=grafana&matcher=alertname%3D{a.name}",
                    "dashboardURL": "https://grafana.shopwell.example/d/" + h("d", s.service, n=9),
                    "panelURL": "https://grafana.shopwell.example/d/"
                    + h("d", s.service, n=9)
                    + "?viewPanel=4",
                    "values": {
                        "A": float(a.value.rstrip("%s")) if a.value else 0,
                        "C": 1 if al["status"] == "firing" else 0,
                    },
                    "valueString": f"[ var='A' labels={{service={s.service}}} value={a.value.rstrip('%s') if a.value else 0} ], [ var='C' labels={{service={s.service}}} value={1 if al['status'] == 'firing' else 0} ]",
                    "orgId": 1,
                }
            )
            al.pop("imageURL", None)
        state[a.name] = al
        group = [al]
        status = al["status"]
        p = {
            "receiver": "platform-webhook",
            "status": status,
            "alerts": group,
            "groupLabels": {"alertname": a.name},
            "commonLabels": al["labels"],
            "commonAnnotations": al["annotations"],
            "externalURL": "https://grafana.shopwell.example/"
            if grafana
            else "http://alertmanager.shopwell.example:9093",
            "version": "1" if grafana else "4",
            "groupKey": f'{{}}:{{alertname="{a.name}"}}',
            "truncatedAlerts": 0,
        }
        if grafana:
            p.update(
                {
                    "orgId": 1,
                    "title": f"[{status.upper()}{':1' if status == 'firing' else ''}] {a.name} ({s.service} critical platform)",
                    "state": "alerting" if status == "firing" else "ok",
                    "message": f"**{status.capitalize()}**\n\nValue: A={a.value or 0}\nLabels:\n - alertname = {a.name}\n - service = {s.service}\n",
                }
            )
        payloads.append(p)
    return payloads


def _alertmanager(s: Story, out: Path) -> None:
    (out / "alertmanager.jsonl").write_text(
        "".join(json.dumps(p) + "\n" for p in _am_like(s, False))
    )


def _grafana(s: Story, out: Path) -> None:
    (out / "grafana-webhooks.json").write_text(json.dumps(_am_like(s, True), indent=2) + "\n")


def _datadog(s: Story, out: Path) -> None:
    lines = []
    for a in s.alerts:
        at = a.at.replace(microsecond=0)
        ms = str(int(at.timestamp()) * 1000)
        trans = {
            "trigger": "Triggered",
            "resolve": "Recovered",
            "warn": "Warn",
            "repeat": "Re-Triggered",
        }[a.action]
        body = (
            f"%%%\n@webhook-pir {a.text}\n\nThe monitor was last triggered at {at.strftime('%a %b %d %Y %H:%M:%S UTC')}.\n\n"
            f"- - -\n\n[[Monitor Status](https://app.datadoghq.com/monitors/{int(h('mon', a.name, n=6), 16)}?from_ts={ms})] · "
            f"[[Edit Monitor](https://app.datadoghq.com/monitors/{int(h('mon', a.name, n=6), 16)}/edit)]\n%%%"
        )
        lines.append(
            json.dumps(
                {
                    "id": str(int(h("dd", s.name, a.at, n=15), 16))[:19],
                    "last_updated": ms,
                    "event_type": "query_alert_monitor",
                    "title": f"[{trans}] {a.name}",
                    "date": ms,
                    "org": {"id": "284011", "name": "Shopwell"},
                    "body": body,
                    "alert_id": str(int(h("mon", a.name, n=6), 16)),
                    "alert_transition": trans,
                    "alert_status": a.value,
                    "alert_priority": "P1",
                    "alert_scope": f"service:{s.service}",
                    "hostname": "",
                    "tags": f"env:prod,service:{s.service},team:platform",
                    "link": f"https://app.datadoghq.com/event/event?id={int(h('dd', s.name, a.at, n=15), 16)}",
                    "snapshot": f"https://p.datadoghq.com/snapshot/view/dd-snapshots-prod/org_284011/{ms}/{h('snap', a.at, n=40)}.png",
                    "aggreg_key": h("agg", a.name, n=32),
                }
            )
        )
        if a.key:
            s.times[a.key] = at
    (out / "datadog-webhooks.jsonl").write_text("\n".join(lines) + "\n")


def _cloudwatch(s: Story, out: Path) -> None:
    rng = random.Random(s.seed + 11)
    lines = []
    prev = "OK"
    for a in s.alerts:
        at = a.at.replace(microsecond=rng.randrange(1000) * 1000)
        new = {"trigger": "ALARM", "resolve": "OK", "insufficient": "INSUFFICIENT_DATA"}[a.action]
        msg = {
            "AlarmName": a.name,
            "AlarmDescription": a.text,
            "AWSAccountId": "123456789012",
            "AlarmConfigurationUpdatedTimestamp": "2024-02-01T10:00:00.000+0000",
            "NewStateValue": new,
            "NewStateReason": a.value,
            "StateChangeTime": at.strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{at.microsecond // 1000:03d}+0000",
            "Region": "US East (N. Virginia)",
            "AlarmArn": f"arn:aws:cloudwatch:us-east-1:123456789012:alarm:{a.name}",
            "OldStateValue": prev,
            "OKActions": [],
            "AlarmActions": ["arn:aws:sns:us-east-1:123456789012:platform-alarms"],
            "InsufficientDataActions": [],
            "Trigger": {
                "MetricName": "HealthCheckStatus",
                "Namespace": "AWS/Route53",
                "StatisticType": "Statistic",
                "Statistic": "MINIMUM",
                "Unit": None,
                "Dimensions": [
                    {"value": h("hc", a.name, n=8) + "-" + h("hc2", n=4), "name": "HealthCheckId"}
                ],
                "Period": 60,
                "EvaluationPeriods": 2,
                "DatapointsToAlarm": 2,
                "ComparisonOperator": "LessThanThreshold",
                "Threshold": 1.0,
                "TreatMissingData": "missing",
                "EvaluateLowSampleCountPercentile": "",
            },
        }
        prev = new
        sns_ts = at + timedelta(milliseconds=400)
        mid = str(uuid.UUID(h("sns", s.name, a.at, n=32)))
        rec = {
            "Records": [
                {
                    "EventSource": "aws:sns",
                    "EventVersion": "1.0",
                    "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:platform-alarms:"
                    + str(uuid.UUID(h("sub", n=32))),
                    "Sns": {
                        "Type": "Notification",
                        "MessageId": mid,
                        "TopicArn": "arn:aws:sns:us-east-1:123456789012:platform-alarms",
                        "Subject": f'{new}: "{a.name}" in US East (N. Virginia)'[:100],
                        "Message": json.dumps(msg, separators=(",", ":")),
                        "Timestamp": ms_iso(sns_ts),
                        "SignatureVersion": "1",
                        "Signature": h("sig", mid, n=40) + "==",
                        "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-60eadc530605d63b8e62a523676ef735.pem",
                        "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:platform-alarms:"
                        + str(uuid.UUID(h("sub", n=32))),
                        "MessageAttributes": {},
                    },
                }
            ]
        }
        lines.append(rec)
        if a.key:
            s.times[a.key] = at
    for i, rec in enumerate(lines, 1):
        (out / f"sns-event-{i:02d}.json").write_text(json.dumps(rec, indent=2) + "\n")


# ------------------------------------------------------------------ transcript
def _clock(sec: float, sep: str = ".") -> str:
    hh, rem = divmod(int(sec), 3600)
    mm, ss = divmod(rem, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}{sep}{round((sec % 1) * 1000):03d}"


def write_transcript(s: Story, dest: Path) -> None:
    out = dest / "transcript"
    out.mkdir(parents=True, exist_ok=True)
    fmt = s.transcript_format
    for c in s.cues:
        if c.key:
            s.times[c.key] = s.meeting_start + timedelta(seconds=c.start)
    if fmt == "vtt":
        parts = ["WEBVTT", "", f"NOTE meeting_start: {iso(s.meeting_start)}", ""]
        for i, c in enumerate(s.cues, 1):
            parts += [
                str(uuid.UUID(h("cue", s.name, i, n=32))) + f"/{i}-0",
                f"{_clock(c.start)} --> {_clock(c.end)}",
                f"<v {s.person(c.who).name}>{c.text}</v>",
                "",
            ]
        (out / "bridge-call.vtt").write_text("\n".join(parts), encoding="utf-8")
    elif fmt == "srt":
        parts = []
        for i, c in enumerate(s.cues, 1):
            parts += [
                str(i),
                f"{_clock(c.start, ',')} --> {_clock(c.end, ',')}",
                f"{s.person(c.who).name}: {c.text}",
                "",
            ]
        (out / "bridge-call.srt").write_bytes("\r\n".join(parts).encode("utf-8"))
    elif fmt == "text-offset":
        parts = []
        for c in s.cues:
            parts.append(f"{_clock(c.start)[:8]} {s.person(c.who).name}: {c.text}")
        (out / "bridge-call.txt").write_text("\n".join(parts) + "\n", encoding="utf-8")
    elif fmt == "zoom-txt":  # wall clock in the meeting host's zone, no date
        zone = ZoneInfo(s.tz or "UTC")
        parts = []
        for c in s.cues:
            local = (s.meeting_start + timedelta(seconds=c.start)).astimezone(zone)
            parts += [f"[{s.person(c.who).name}] {local:%H:%M:%S}", c.text, ""]
        (out / "GMT-bridge.transcript.txt").write_text("\n".join(parts), encoding="utf-8")
    else:
        raise ValueError(fmt)


# ------------------------------------------------------------------ changes
def write_changes(s: Story, dest: Path) -> None:
    out = dest / "changes"
    out.mkdir(parents=True, exist_ok=True)
    {"git": _git_default, "git-machine": _git_machine, "k8s": _k8s, "csv": _csv, "csv-naive": _csv}[
        s.change_format
    ](s, out)


def _local(dt: datetime, p: Person) -> datetime:
    return dt.astimezone(ZoneInfo(p.tz))


def _git_default(s: Story, out: Path) -> None:
    parts = []
    for c in sorted(s.changes, key=lambda c: c.at, reverse=True):
        p = s.person(c.who)
        sha = h("commit", s.name, c.text)
        local = _local(c.at, p)
        head = f"commit {sha}"
        if c.extra.get("refs"):
            head += f" ({c.extra['refs']})"
        parts.append(head)
        if c.extra.get("merge"):
            parts.append(f"Merge: {h('p1', c.text, n=7)} {h('p2', c.text, n=7)}")
        parts.append(f"Author: {p.name} <{p.email}>")
        parts.append(
            f"Date:   {local.strftime('%a %b')} {local.day} {local.strftime('%H:%M:%S %Y %z')}"
        )
        parts.append("")
        subject, _, body = c.text.partition("\n\n")
        parts.append(f"    {subject}")
        if body:
            parts.append("")
            parts += [f"    {line}" if line else "" for line in body.splitlines()]
        parts.append("")
        if c.key:
            s.times[c.key] = c.at.replace(microsecond=0)
    (out / "git-log.txt").write_text("\n".join(parts), encoding="utf-8")


def _git_machine(s: Story, out: Path) -> None:
    recs = []
    for c in sorted(s.changes, key=lambda c: c.at, reverse=True):
        p = s.person(c.who)
        sha = h("commit", s.name, c.text)
        parents = h("parent", c.text)
        authored = _local(c.extra.get("authored", c.at), p).isoformat(timespec="seconds")
        committed = _local(c.at, p).isoformat(timespec="seconds")
        recs.append(
            "\x1f".join([sha, p.name, p.email, authored, committed, parents, c.text.split("\n")[0]])
            + "\x1e"
        )
        if c.key:
            s.times[c.key] = c.at.replace(microsecond=0)
    (out / "git-log.txt").write_text("\n".join(recs) + "\n", encoding="utf-8")


def _k8s(s: Story, out: Path) -> None:
    rng = random.Random(s.seed + 13)
    items = []
    for c in sorted(s.changes, key=lambda c: c.at):
        _, reason, etype, obj = c.kind.split(":", 3)
        kind, _, name = obj.partition("/")
        ns = c.extra.get("namespace", "default")
        count = c.extra.get("count", 1)
        first = c.extra.get("first", c.at).replace(microsecond=0)
        last = c.at.replace(microsecond=0)
        uid = str(uuid.UUID(h("k8s", s.name, c.text, c.at, n=32)))
        ev = {
            "apiVersion": "v1",
            "kind": "Event",
            "count": count,
            "eventTime": None,
            "firstTimestamp": sec_iso(first),
            "lastTimestamp": sec_iso(last),
            "involvedObject": {
                "apiVersion": "apps/v1" if kind in ("Deployment", "ReplicaSet") else "v1",
                "kind": kind,
                "name": name,
                "namespace": ns,
                "resourceVersion": str(rng.randrange(10**7, 10**8)),
                "uid": str(uuid.UUID(h("obj", name, n=32))),
            },
            "message": c.text,
            "metadata": {
                "creationTimestamp": sec_iso(first),
                "name": f"{name}.{h('evn', c.text, c.at, n=16)}",
                "namespace": ns,
                "resourceVersion": str(rng.randrange(10**7, 10**8)),
                "uid": uid,
            },
            "reason": reason,
            "reportingComponent": "",
            "reportingInstance": "",
            "source": {
                "component": c.extra.get(
                    "component", "kubelet" if kind == "Pod" else "deployment-controller"
                ),
                **({"host": c.extra["host"]} if "host" in c.extra else {}),
            },
            "type": etype,
        }
        if kind == "Pod" and "fieldPath" in c.extra:
            ev["involvedObject"]["fieldPath"] = c.extra["fieldPath"]
        if c.extra.get("modern"):
            mt = c.at.replace(microsecond=rng.randrange(1_000_000))
            ev.update(
                {
                    "eventTime": mt.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    "firstTimestamp": None,
                    "lastTimestamp": None,
                    "reportingComponent": c.extra.get("component", "kubelet"),
                    "reportingInstance": c.extra.get("host", ""),
                    "action": c.extra.get("action", reason),
                }
            )
            ev["metadata"]["creationTimestamp"] = sec_iso(c.at)
            last = mt
        items.append(ev)
        if c.key:
            s.times[c.key] = last
    doc = {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}
    (out / "k8s-events.json").write_text(json.dumps(doc, indent=4) + "\n")


def _csv(s: Story, out: Path) -> None:
    naive = s.change_format == "csv-naive"
    zone = ZoneInfo(s.tz) if naive and s.tz else UTC
    with (out / "deploys.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "timestamp",
                "service",
                "version",
                "environment",
                "action",
                "status",
                "actor",
                "description",
            ]
        )
        for c in sorted(s.changes, key=lambda c: c.at):
            at = c.at.replace(microsecond=0)
            stamp = at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if naive else sec_iso(at)
            e = c.extra
            w.writerow(
                [
                    stamp,
                    e.get("service", s.service),
                    e.get("version", ""),
                    e.get("env", "production"),
                    c.kind,
                    e.get("status", "succeeded"),
                    s.person(c.who).email,
                    c.text,
                ]
            )
            if c.key:
                s.times[c.key] = at


def build(s: Story, dest: Path) -> None:
    write_chat(s, dest)
    write_alerts(s, dest)
    write_transcript(s, dest)
    write_changes(s, dest)


def gold(s: Story, roles: dict[str, str | None], key_events: list[tuple[str, str]], **rest) -> dict:
    moments = {r: (iso(s.times[k]) if k else None) for r, k in roles.items()}

    def mins(a: str | None, b: str | None) -> float | None:
        if not a or not b:
            return None
        return round((s.times[roles[b]] - s.times[roles[a]]).total_seconds() / 60, 2)

    return {
        "name": s.name,
        "kind": s.kind,
        "meeting_start": iso(s.meeting_start),
        "tz": s.tz,
        "moments": moments,
        "ttd_min": mins("impact_start", "detected") if roles.get("detected") else None,
        "tta_min": mins("detected", "acknowledged") if roles.get("acknowledged") else None,
        "ttm_min": mins("impact_start", "mitigated") if roles.get("mitigated") else None,
        "ttr_min": mins("impact_start", "resolved") if roles.get("resolved") else None,
        "key_events": [{"ts": iso(s.times[k]), "contains": text} for k, text in key_events],
        **rest,
    }


def write_bundle(s: Story, root: Path, roles, key_events, **rest) -> dict:
    dest = root / s.name
    if dest.exists():
        import shutil

        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    from .extras import E

    more = E.get(s.name, ([], [], []))
    s.msgs = s.msgs + more[0]
    s.changes = s.changes + more[1]
    s.cues = sorted(s.cues + more[2], key=lambda c: c.start)
    build(s, dest)
    g = gold(s, roles, key_events, **rest)
    (dest / "gold.json").write_text(
        json.dumps(g, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return g
