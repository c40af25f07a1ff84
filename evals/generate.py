"""Seeded generators of large, real-format incident inputs for scale runs and benchmarks.

``generate_slack_export`` writes a Slack workspace export folder of any size;
``generate_large_incident`` writes a Slack export, Alertmanager webhook JSON Lines and a
``git log`` whose known story (a bad deploy, a page, an ack, a rollback, a resolution) is
buried in chatter, bot posts, joins and alert repeats, plus a ``gold.json`` in the schema of
``evals/datasets/README.md``. Same arguments, same bytes; files are streamed as generated.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from evals.generate_slack import (
    START,
    WORDS,
    Pending,
    SlackWriter,
    fresh_dir,
    from_micros,
    slack_ts,
    stream_messages,
)

__all__ = ["generate_large_incident", "generate_slack_export"]

GAP_US = 6_000_000
ALERT_SHARE, COMMIT_SHARE = 0.04, 0.04
AM_URL = "http://alertmanager.gen.example:9093"
ZERO_TIME = "0001-01-01T00:00:00Z"


def generate_slack_export(dest: Path, messages: int, seed: int = 0) -> Path:
    """Write a Slack export folder of exactly ``messages`` messages into ``dest``; return it.

    Seven channels over as many days as the volume needs (about one message every 6 s),
    day files split at America/Los_Angeles midnight, with threads, joins and bot posts.
    """
    rng = random.Random(seed)
    writer = SlackWriter(fresh_dir(Path(dest)), users=max(10, min(500, messages // 200)))
    try:
        stream_messages(writer, rng, messages, [], gap_us=GAP_US)
    finally:
        writer.close()
    return Path(dest)


def _iso(micros: int) -> str:
    return from_micros(micros).isoformat().replace("+00:00", "Z")


def _nano(micros: int, rng: random.Random) -> str:
    return from_micros(micros).strftime("%Y-%m-%dT%H:%M:%S.%f") + f"{rng.randrange(1000):03d}Z"


def _human(at: int, user: str, text: str) -> dict[str, Any]:
    return {"type": "message", "text": text, "user": user, "ts": slack_ts(at), "team": "T0GENWRK1"}


def _bot(at: int, title: str, text: str, color: str, name: str = "Alertmanager") -> dict[str, Any]:
    attachment = {"id": 1, "color": color, "fallback": title, "title": title, "text": text}
    return {
        "type": "message",
        "subtype": "bot_message",
        "text": "",
        "ts": slack_ts(at),
        "username": name,
        "bot_id": f"B0GEN{name[:4].upper()}",
        "attachments": [attachment],
    }


def _ship(at: int, text: str) -> dict[str, Any]:
    app = {"user": "U0GENBOT1", "bot_id": "B0GENDPLY", "app_id": "A0GENDPLY"}
    return {"type": "message", "ts": slack_ts(at), **app, "text": text}


def _script(t0: int, users: list[str], noisy: bool) -> tuple[list[Pending], dict[str, int]]:
    """The incident's Slack messages (channel, time, record) and the times of key ones."""
    m, s = 60_000_000, 1_000_000
    oncall, ic, dev = users[3], users[5], users[7]
    key = dict(deploy=t0 - 8 * m + 417, ack=t0 + 4 * m + 12 * s + 311, storm=t0 + 7 * m + 5 * s,
               decision=t0 + 9 * m + 2 * s, rollback=t0 + 17 * m + 5 * s + 555,
               peak=t0 + 12 * m + 40 * s, figure=t0 + 35 * m + 9 * s)  # fmt: skip
    inc, release = "inc-payments", "v7.4.0"
    alert = "PaymentsHighErrorRate payments-api"
    storm = f"retry storm: every failed call is retried 10x since {release}, DB at 100% CPU"
    items = [
        ("deploys", _ship(key["deploy"], f"Deploy {release} of payments-api started by <@{dev}>")),
        ("deploys", _ship(t0 - 3 * m + 88, f"Deploy {release} of payments-api finished: 24/24")),
        (inc, _bot(t0 + 31 * s, f"[FIRING:1] {alert} (critical)", "5xx ratio above 5%", "danger")),
        (inc, _human(key["ack"], oncall, "ack, I'm on it")),
        (inc, _human(key["storm"], oncall, storm)),
        (inc, _human(key["decision"], ic, "Decision: roll back payments-api to v7.3.2")),
        (inc, _human(key["decision"] + 30 * s, dev, f"rolling back deploy {release}")),
        ("deploys", _ship(key["rollback"], "Rollback complete: payments-api is on v7.3.2")),
        (inc, _human(key["peak"], oncall, "error rate peaked at 27%, p99 latency 6.3s")),
        (inc, _bot(t0 + 26 * m + 31 * s, f"[RESOLVED] {alert}", "5xx ratio above 5%", "good")),
        (inc, _human(key["figure"], oncall, "about 3,400 payments failed before the rollback")),
        (
            inc,
            _human(t0 + 38 * m, dev, "action item: cap retry budgets at 3 in the payments client"),
        ),
        (inc, _human(t0 + 39 * m, oncall, "we should add an alert on retry rate per service")),
    ]
    for i, user in enumerate(users[10:16]):
        text = f"<@{user}> has joined the channel"
        join = {"type": "message", "subtype": "channel_join", "user": user, "text": text}
        items.append((inc, {**join, "ts": slack_ts(t0 + (2 + i) * m + 7)}))
    if noisy:  # a status bot posting every 30 s through the incident buries the humans
        for i in range(80):
            sample = _bot(
                t0 + i * 30 * s + 13, "payments-api health", f"sample {i}", "#ccc", "statusbot"
            )
            items.append((inc, sample))
    return [Pending(int(msg["ts"].replace(".", "")), ch, msg) for ch, msg in items], key


def _alert(
    name: str, labels: dict[str, str], starts: str, ends: str, summary: str
) -> dict[str, Any]:
    return {
        "status": "firing" if ends == ZERO_TIME else "resolved",
        "labels": {"alertname": name, **labels},
        "annotations": {"summary": summary},
        "startsAt": starts,
        "endsAt": ends,
        "fingerprint": hashlib.sha1("|".join((name, *labels.values())).encode()).hexdigest()[:16],
        "generatorURL": f"http://prometheus.gen.example:9090/graph?g0.expr={name}",
    }


def _payload(group: dict[str, str], alerts: list[dict[str, Any]]) -> str:
    status = "firing" if any(a["status"] == "firing" for a in alerts) else "resolved"
    key = "{}:{" + ",".join(f'{k}="{v}"' for k, v in group.items()) + "}"
    body = {
        "receiver": "payments-oncall",
        "status": status,
        "alerts": alerts,
        "groupLabels": group,
        "commonLabels": alerts[0]["labels"],
        "commonAnnotations": alerts[0]["annotations"],
        "externalURL": AM_URL,
        "version": "4",
        "groupKey": key,
        "truncatedAlerts": 0,
    }
    return json.dumps(body, separators=(",", ":"))


def _write_alerts(path: Path, rng: random.Random, t0: int, instances: int) -> dict[str, str]:
    """Main alert with repeats plus per-instance alerts; returns the main alert's times."""
    m = 60_000_000
    lines: list[tuple[int, str]] = []
    main_start, main_end = _nano(t0, rng), _nano(t0 + 26 * m, rng)
    labels = {"service": "payments-api", "severity": "critical"}
    summary = "payments-api 5xx ratio above 5% for 2m"
    firing = _alert("PaymentsHighErrorRate", labels, main_start, ZERO_TIME, summary)
    for i in range(14):  # first notification, then a repeat every 2 minutes
        lines.append((t0 + 30_000_000 + i * 2 * m, _payload({"service": "payments-api"}, [firing])))
    resolved = _alert("PaymentsHighErrorRate", labels, main_start, main_end, summary)
    lines.append((t0 + 26 * m + 30_000_000, _payload({"service": "payments-api"}, [resolved])))
    for i in range(instances):
        inst = {"instance": f"edge-{i:05d}", "service": "edge-proxy", "severity": "warning"}
        start = t0 + m + rng.randrange(7 * m)
        end = t0 + 17 * m + rng.randrange(5 * m)
        text = f"edge-{i:05d} upstream payments-api errors"
        starts = _nano(start, rng)
        alert = _alert("EdgeProxyUpstreamErrors", inst, starts, ZERO_TIME, text)
        group = {"alertname": "EdgeProxyUpstreamErrors", "instance": inst["instance"]}
        lines.append((start + 30_000_000, _payload(group, [alert])))
        lines.append((start + 5 * m + 30_000_000, _payload(group, [alert])))  # repeat
        done = _alert("EdgeProxyUpstreamErrors", inst, starts, _nano(end, rng), text)
        lines.append((end + 30_000_000, _payload(group, [done])))
    lines.sort(key=lambda pair: pair[0])
    with path.open("w", encoding="utf-8") as out:
        for _, line in lines:
            out.write(line + "\n")
    return {"start": main_start, "end": main_end}


def _write_git_log(path: Path, rng: random.Random, t0: int, span_us: int, commits: int) -> str:
    """``git log`` (default format, newest first) with one key commit 20 minutes before t0."""
    start = int(START.timestamp() * 1_000_000)
    times = sorted(start + rng.randrange(span_us) for _ in range(max(0, commits - 1)))
    key_at = (t0 - 20 * 60_000_000) // 1_000_000 * 1_000_000
    entries = [
        (
            at // 1_000_000 * 1_000_000,
            f"{rng.choice(WORDS)}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
            f"Person {rng.randrange(100):04d}",
        )
        for at in times
    ]
    entries.append(
        (key_at, "payments-api: raise connection retry budget to 10 per request", "Person 0007")
    )
    entries.sort(key=lambda e: e[0], reverse=True)
    zone = timedelta(hours=-7)
    with path.open("w", encoding="utf-8") as out:
        for at, subject, author in entries:
            local = from_micros(at).astimezone(UTC) + zone
            email = author.lower().replace(" ", "") + "@gen.example"
            out.write(
                f"commit {rng.getrandbits(160):040x}\nAuthor: {author} <{email}>\n"
                f"Date:   {local:%a %b} {local.day} {local:%H:%M:%S %Y} -0700\n\n"
                f"    {subject}\n\n"
            )
    return _iso(key_at)


def generate_large_incident(dest: Path, events: int = 50_000, seed: int = 0) -> Path:
    """Write a multi-source incident of about ``events`` events into ``dest``; return it.

    ``dest`` gets ``slack-export/``, ``alerts/alertmanager.jsonl``, ``changes/git-log.txt``
    and ``gold.json``. About 4 % of the events are alerts (one critical alert repeated every
    2 minutes, and per-instance warnings that each fire, repeat and resolve), 4 % commits,
    the rest Slack messages; the incident sits 70 % of the way through the time span.
    """
    rng = random.Random(seed)
    root = fresh_dir(Path(dest))
    instances = max(1, int(events * ALERT_SHARE) // 2)
    commits = max(2, int(events * COMMIT_SHARE))
    messages = max(40, events - 2 * instances - 2 - commits)
    span_us = messages * GAP_US
    t0 = (int(START.timestamp() * 1_000_000) + int(span_us * 0.7)) // 1_000_000 * 1_000_000
    writer = SlackWriter(root / "slack-export", users=max(20, min(500, messages // 200)))
    script, key = _script(t0, writer.users, noisy=messages >= 2_000)
    try:
        stream_messages(writer, rng, messages, script, gap_us=GAP_US)
    finally:
        writer.close()
    (root / "alerts").mkdir()
    main = _write_alerts(root / "alerts" / "alertmanager.jsonl", rng, t0, instances)
    (root / "changes").mkdir()
    commit = _write_git_log(root / "changes" / "git-log.txt", rng, t0, span_us, commits)
    _write_gold(root / "gold.json", key, main, commit)
    return root


def _write_gold(path: Path, key: dict[str, int], main: dict[str, str], commit: str) -> None:
    def at(micros: int) -> datetime:
        return from_micros(micros)

    def ts(text: str) -> datetime:
        return datetime.fromisoformat(text[:26] + "+00:00")

    start, end = ts(main["start"]), ts(main["end"])
    ack, mitigated = at(key["ack"]), at(key["rollback"])

    def minutes(a: datetime, b: datetime) -> float:
        return round((b - a).total_seconds() / 60, 2)

    def iso(value: datetime) -> str:
        return value.isoformat().replace("+00:00", "Z")

    gold = {
        "name": "generated-large-incident",
        "kind": "bad-deploy",
        "meeting_start": None,
        "tz": None,
        "moments": {
            "impact_start": iso(start),
            "detected": iso(start),
            "acknowledged": iso(ack),
            "mitigated": iso(mitigated),
            "resolved": iso(end),
        },
        "ttd_min": 0.0,
        "tta_min": minutes(start, ack),
        "ttm_min": minutes(start, mitigated),
        "ttr_min": minutes(start, end),
        "key_events": [
            {"ts": commit, "contains": "raise connection retry budget"},
            {
                "ts": iso(at(key["deploy"])),
                "contains": "Deploy v7.4.0 of payments-api started",
            },
            {"ts": iso(start), "contains": "PaymentsHighErrorRate"},
            {"ts": iso(ack), "contains": "ack, I'm on it"},
            {"ts": iso(at(key["storm"])), "contains": "retry storm"},
            {"ts": iso(at(key["decision"])), "contains": "Decision: roll back payments-api"},
            {"ts": iso(at(key["peak"])), "contains": "error rate peaked at 27%"},
            {"ts": iso(mitigated), "contains": "Rollback complete"},
            {"ts": iso(end), "contains": "PaymentsHighErrorRate"},
        ],
        "impact_figures": ["27%", "6.3s", "3,400"],
        "trigger": "deploy v7.4.0 raised the payments-api retry budget to 10 (retry storm)",
        "contributing_factors": ["no cap on client retry budgets", "no alert on retry rate"],
        "action_item_themes": ["cap retry budgets", "alert on retry rate"],
        "expected_owners": ["Person 0007", "Person 0003"],
    }
    path.write_text(json.dumps(gold, indent=2) + "\n", encoding="utf-8")
