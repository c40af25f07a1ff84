# ruff: noqa: E501
"""holdout-exporter-key: shaped on dfds/PM2022-007 (metrics exporter lost its API key with an offboarded user).

Shape kept (minutes from the offboarding change): no-data alert +10, exporter-down alert +12,
incident declared +50, new key +57, key deployed +62, exporter restarted +63, major outage closed
+71, user reports missing metrics +185, investigation +187, ACLs attached +274, metrics back +276,
user confirms +282. Names, vendors, figures invented.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from .kit import (
    ZERO,
    Cue,
    P,
    Times,
    TMsg,
    clock,
    csv_text,
    cue_times,
    gold,
    graph_page,
    h,
    nano,
    teams_messages,
    utc,
    write_json,
)

NAME = "holdout-exporter-key"
T0 = utc(2024, 7, 11, 7, 26, 12)


def m(mm: float, ss: float = 0) -> datetime:
    return T0 + timedelta(minutes=mm, seconds=ss)


PEOPLE = {
    "lena": P("lena", "Lena Fischer", "Site Reliability Engineer", tz="Europe/Berlin"),
    "kasper": P("kasper", "Kasper Holm", "Data Platform Engineer", tz="Europe/Copenhagen"),
    "mei": P("mei", "Mei Tanaka", "Platform Engineer"),
    "daniel": P("daniel", "Daniel Okafor", "Engineering Manager, Platform", tz="Europe/London"),
    "farid": P("farid", "Farid Haddad", "Software Engineer, Payments"),
    "rosa": P("rosa", "Rosa Martins", "Platform Engineer", tz="Europe/Lisbon"),
}

TEAM_ID = "3f6b2a1c-7d4e-4b8a-9c0d-5e1f2a3b4c5d"
CHANNEL_ID = "19:8c41d2e07f3a4b6c9e0d1f2a3b4c5d6e@thread.tacv2"
CHAT_ID = "19:meeting_" + h("sev2chat", n=32) + "@thread.v2"
TRANSCRIPT_START = m(
    50, 53
)  # true UTC time of the recording's 00:00, not written anywhere in the bundle


def grafana_card(title, text, facts, color):
    return {
        "title": title,
        "text": text,
        "facts": facts,
        "color": color,
        "url": "https://grafana.kittiwake.example/alerting/list",
    }


def channel_msgs() -> list[TMsg]:
    g = "bot:Grafana"
    return [
        TMsg(
            m(-95),
            "mei",
            "Reminder: Kafka client upgrade for the staging clusters is Thursday next week.",
        ),
        TMsg(
            m(10, 9),
            g,
            key="card_nodata",
            card=grafana_card(
                "[FIRING:1] DatasourceNoData (Topic has too many consumer groups)",
                "Rule 'Topic has too many consumer groups' returned no data for 5m.",
                [("severity", "warning"), ("team", "platform"), ("datasource_uid", "prom-main")],
                "Warning",
            ),
        ),
        TMsg(m(19, 2), "lena", "ack, looking at it", key="ack", reply_to="card_nodata"),
        TMsg(
            m(12, 10),
            g,
            key="card_down",
            card=grafana_card(
                "[FIRING:1] KafkaExporterDown",
                "kafka-exporter in monitoring has been down (up == 0) for 2m. All Kafka topic and consumer-group metrics are missing.",
                [("severity", "critical"), ("team", "platform"), ("job", "kafka-exporter")],
                "Attention",
            ),
        ),
        TMsg(
            m(27, 40),
            "lena",
            "kafka-exporter is in CrashLoopBackOff: `SASL authentication failed: Authentication failed: Invalid username or password` on every broker. So it's the API key, not Kafka.",
            reply_to="card_nodata",
        ),
        TMsg(
            m(30, 41),
            g,
            card=grafana_card(
                "[FIRING:1] HostDiskWillFillIn24Hours (jenkins-agent-3)",
                "Filesystem /var/lib/jenkins on jenkins-agent-3 is predicted to fill within 24 hours.",
                [("severity", "warning"), ("team", "ci")],
                "Warning",
            ),
        ),
        TMsg(
            m(33, 5),
            "rosa",
            "that might be me: the offboarding apply for Oliver Berg ran at 09:26 and it deleted two API keys he owned. Was the exporter using one of his?",
            reply_to="card_nodata",
        ),
        TMsg(
            m(35, 30),
            "lena",
            "yes, the secret's key id matches one of the two. The exporter has been blind since 09:26.",
            reply_to="card_nodata",
            key="cause",
        ),
        TMsg(
            m(44, 15),
            "lena",
            "We need a key on a service account. I don't have org admin on the Kafka side, trying to reach {@kasper}",
            reply_to="card_nodata",
        ),
        TMsg(
            m(50, 5),
            "lena",
            "SEV2 declared: Kafka metrics outage. kafka-exporter lost its API key in this morning's offboarding, so every Kafka dashboard and all consumer-lag alerts are blind. Bridge in the incident chat, joining link: https://teams.microsoft.com/l/meetup-join/19%3ameeting_kafkametrics%40thread.v2/0",
            key="sev2",
            extra={"importance": "high"},
        ),
        TMsg(
            m(66, 40),
            g,
            key="card_down_ok",
            card=grafana_card(
                "[RESOLVED] KafkaExporterDown",
                "kafka-exporter in monitoring is up again.",
                [("severity", "critical"), ("team", "platform")],
                "Good",
            ),
        ),
        TMsg(
            m(71, 10),
            "lena",
            "Major outage closed: kafka-exporter is up and scraping with a service-account key since 10:30. The consumer-group no-data alert is still firing, watching it.",
            key="partial",
        ),
        TMsg(
            m(108, 20),
            g,
            card=grafana_card(
                "[RESOLVED] HostDiskWillFillIn24Hours (jenkins-agent-3)",
                "Filesystem /var/lib/jenkins on jenkins-agent-3 is back under the threshold.",
                [("severity", "warning"), ("team", "ci")],
                "Good",
            ),
        ),
        TMsg(
            m(185, 0),
            "farid",
            "Consumer lag for the payments-* consumer groups is still empty in Grafana and our lag alerts say No Data. Topic throughput panels are fine. Related to this morning?",
            key="user_report",
        ),
        TMsg(
            m(187, 10),
            "lena",
            "thanks Farid, looking. Probably permissions on the new key.",
            reply_to="user_report",
            key="reinvestigate",
        ),
        TMsg(
            m(200, 30),
            "lena",
            "exporter logs `GROUP_AUTHORIZATION_FAILED` on DescribeConsumerGroups for 41 of 58 groups. The old key belonged to an org admin, so it could see everything; the service account only has MetricsViewer.",
            reply_to="user_report",
            key="acl_cause",
        ),
        TMsg(
            m(215, 45),
            "kasper",
            "Confirmed. It needs DESCRIBE on topics and consumer groups as ACLs. We have no doc anywhere saying which ACLs the exporter needs, I'm writing them into kafka-access now.",
            reply_to="user_report",
        ),
        TMsg(
            m(241, 0),
            "kasper",
            "PR kafka-access#97 with the four ACLs, can someone approve?",
            reply_to="user_report",
        ),
        TMsg(m(243, 30), "mei", "approved", reply_to="user_report"),
        TMsg(
            m(250, 8),
            g,
            card=grafana_card(
                "[FIRING:1] DatasourceNoData (Topic has too many consumer groups)",
                "Rule 'Topic has too many consumer groups' returned no data for 5m.",
                [("severity", "warning"), ("team", "platform"), ("datasource_uid", "prom-main")],
                "Warning",
            ),
        ),
        TMsg(m(274, 40), "kasper", "ACLs applied for sa-metrics-exporter.", reply_to="user_report"),
        TMsg(
            m(276, 5),
            "lena",
            "All consumer groups visible at /metrics again: 58/58 groups, 1,912 series. Lag panels should fill within a scrape or two.",
            reply_to="user_report",
            key="mitigated",
        ),
        TMsg(
            m(277, 50),
            g,
            card=grafana_card(
                "[RESOLVED] DatasourceNoData (Topic has too many consumer groups)",
                "Rule 'Topic has too many consumer groups' has data again.",
                [("severity", "warning"), ("team", "platform")],
                "Good",
            ),
        ),
        TMsg(
            m(282, 0),
            "farid",
            "payments lag panels are back, thanks!",
            reply_to="user_report",
            key="confirmed",
            extra={"reactions": [("like", "lena"), ("heart", "kasper")]},
        ),
        TMsg(
            m(285, 30),
            "lena",
            "Closing the SEV2. 4h42m of missing or partial Kafka metrics, no data loss on Kafka itself. Follow-ups: {@kasper} documents the service account + ACL setup for the exporter; I audit every API key owned by a personal user and move them to service accounts; {@daniel} checks that credentials only come from the central vault.",
            key="close",
        ),
        TMsg(m(287, 0), "kasper", "on it, doc by Monday", reply_to="close"),
        TMsg(
            m(289, 20),
            "daniel",
            "Taking the vault check. Thanks all, nice work on a short-staffed week.",
            reply_to="close",
        ),
    ]


def chat_msgs() -> list[TMsg]:
    return [
        TMsg(
            m(50, 20),
            "sys:rename",
            "SEV2 - Kafka metrics outage (kafka-exporter)",
            extra={"by": "lena"},
        ),
        TMsg(
            m(50, 25),
            "sys:add",
            extra={"by": "lena", "members": ["kasper", "mei", "daniel", "rosa"]},
        ),
        TMsg(
            m(50, 40),
            "lena",
            "Bridge is open, please join. I'm IC. Timeline so far: offboarding apply 09:26, no-data alert 09:36, exporter down 09:38.",
        ),
        TMsg(m(50, 58), "kasper", "joining the bridge now", key="join1"),
        TMsg(m(51, 30), "mei", "joining"),
        TMsg(m(52, 10), "daniel", "on the bridge in 2, finishing another call"),
        TMsg(m(52, 45), "rosa", "joining the bridge too, I ran the apply"),
        TMsg(
            m(54, 10),
            "kasper",
            "checked the offboarding plan: it destroyed 2 API keys owned by o.berg. The exporter's, and one for the old test cluster that no longer exists.",
            key="chat_keys",
        ),
        TMsg(
            m(58, 50),
            "kasper",
            "new key created on sa-metrics-exporter and stored in vault at kafka/metrics-exporter",
            key="chat_newkey",
        ),
        TMsg(m(61, 40), "daniel", "what does sa-metrics-exporter have for permissions?"),
        TMsg(
            m(62, 5),
            "kasper",
            "MetricsViewer on the cluster, same as I think the old one effectively had",
        ),
        TMsg(
            m(63, 40), "lena", "ExternalSecret refreshed and exporter restarted", key="chat_restart"
        ),
        TMsg(m(65, 10), "lena", "exporter Running, first scrape OK, no auth errors"),
        TMsg(
            m(69, 55),
            "daniel",
            "topic dashboards have data again. Consumer-group panels look thin but might just need a few scrapes",
        ),
        TMsg(
            m(72, 30),
            "lena",
            "Left the bridge. Posted the update in Platform alerts; keeping the SEV2 open until the no-data alert clears.",
        ),
    ]


def transcript() -> list[Cue]:
    return [
        Cue(
            5.2,
            14.9,
            "lena",
            "Hi all, Lena here, I'll run this one. Short version: kafka-exporter can't authenticate to Kafka since about nine twenty-six, so we have no Kafka metrics at all.",
        ),
        Cue(
            16.0,
            22.4,
            "kasper",
            "I'm here. I'm an org admin on the Kafka side, so I can create a key.",
        ),
        Cue(
            23.1,
            33.8,
            "lena",
            "Great. The key it used belonged to Oliver's personal user, and that user went away with the offboarding apply this morning.",
        ),
        Cue(
            34.5,
            40.2,
            "rosa",
            "Yes, that was my apply. The plan showed two API keys being destroyed, I didn't realise one was in use.",
        ),
        Cue(41.0, 47.5, "mei", "Is anything else using keys owned by his user?"),
        Cue(
            48.3,
            61.0,
            "kasper",
            "Let me look. Two keys were deleted. The exporter's, and one for the old test cluster that doesn't exist any more. So only the exporter.",
        ),
        Cue(
            75.0, 82.0, "daniel", "Sorry, I'm here now. Do we know how long metrics have been gone?"
        ),
        Cue(
            82.6,
            90.3,
            "lena",
            "Since nine twenty-six. The no-data alert went off at nine thirty-six, the exporter-down alert two minutes later.",
        ),
        Cue(
            220.0,
            230.4,
            "kasper",
            "I'm creating a new API key on the service account sa-metrics-exporter now, not on a person.",
            key="cue_creating",
        ),
        Cue(
            390.0,
            399.5,
            "kasper",
            "Key created and attached to sa-metrics-exporter. Putting it in the vault under kafka slash metrics-exporter.",
            key="cue_created",
        ),
        Cue(402.0, 408.0, "lena", "Thanks. I'll refresh the external secret as soon as it's in."),
        Cue(490.0, 497.2, "daniel", "What permissions does that service account have?"),
        Cue(
            497.9,
            506.0,
            "kasper",
            "MetricsViewer on the cluster. That's what the old one effectively had, as far as I can see.",
        ),
        Cue(695.0, 702.5, "lena", "External secret synced, the new key is deployed."),
        Cue(725.0, 730.0, "lena", "Restarting the exporter pod.", key="cue_restart"),
        Cue(810.0, 818.4, "lena", "Pod is up, no authentication errors, first scrape succeeded."),
        Cue(957.0, 962.0, "mei", "Exporter down alert just resolved."),
        Cue(
            1120.0,
            1131.0,
            "daniel",
            "Topic dashboards have data again. The consumer group panels look a bit thin, though.",
        ),
        Cue(
            1133.0,
            1140.5,
            "kasper",
            "Could be the first scrapes, consumer group offsets take a moment to show up.",
        ),
        Cue(
            1190.0,
            1201.0,
            "lena",
            "Okay, let's close the major outage and keep an eye on it. I'll post in the channel and keep the SEV2 open until the no-data alert clears.",
        ),
        Cue(1240.0, 1244.0, "lena", "Thanks everyone, I'm dropping off."),
    ]


def vtt(cues: list[Cue]) -> str:
    # Teams transcript download: no start time anywhere in the file or its name.
    out = ["WEBVTT", ""]
    for i, c in enumerate(cues, 1):
        out += [
            f"{h('cue', NAME, i, n=8)}-{h('cue2', i, n=4)}-{h('cue3', i, n=4)}-{h('cue4', i, n=4)}-{h('cue5', i, n=12)}/{i + 17}-0",
            f"{clock(c.start)} --> {clock(c.end)}",
            f"<v {PEOPLE[c.who].name}>{c.text}</v>",
            "",
        ]
    return "\n".join(out)


def grafana(times: Times) -> list[dict]:
    rng = random.Random(23)
    base_url = "https://grafana.kittiwake.example"
    nd_s, nd_v = nano(m(10, -1.6), rng)
    dn_s, dn_v = nano(m(12, -1.6), rng)
    dk_s, _ = nano(m(30, 28), rng)
    dn_e, dn_ev = nano(m(66, 30), rng)
    dk_e, _ = nano(m(108, 5), rng)
    nd_e, nd_ev = nano(m(277, 40), rng)
    times.update(nd=nd_v, dn=dn_v, dn_end=dn_ev, nd_end=nd_ev)
    nd_labels = {
        "alertname": "DatasourceNoData",
        "datasource_uid": "prom-main",
        "grafana_folder": "Kafka",
        "ref_id": "A",
        "rulename": "Topic has too many consumer groups",
        "severity": "warning",
        "team": "platform",
    }
    dn_labels = {
        "alertname": "KafkaExporterDown",
        "grafana_folder": "Kafka",
        "job": "kafka-exporter",
        "namespace": "monitoring",
        "severity": "critical",
        "team": "platform",
    }
    dk_labels = {
        "alertname": "HostDiskWillFillIn24Hours",
        "grafana_folder": "CI",
        "instance": "jenkins-agent-3:9100",
        "mountpoint": "/var/lib/jenkins",
        "severity": "warning",
        "team": "ci",
    }

    def alert(status, labels, summary, desc, s, e, values, rule):
        fp = h("fp", labels["alertname"], labels.get("instance", ""), n=16)
        return {
            "status": status,
            "labels": labels,
            "annotations": {"summary": summary, "description": desc},
            "startsAt": s,
            "endsAt": e,
            "generatorURL": f"{base_url}/alerting/grafana/{rule}/view?orgId=1",
            "fingerprint": fp,
            "silenceURL": f"{base_url}/alerting/silence/new?alertmanager=grafana&matcher=alertname%3D{labels['alertname']}&orgId=1",
            "dashboardURL": f"{base_url}/d/kafka-overview?orgId=1"
            if labels.get("grafana_folder") == "Kafka"
            else "",
            "panelURL": f"{base_url}/d/kafka-overview?orgId=1&viewPanel=7"
            if labels.get("grafana_folder") == "Kafka"
            else "",
            "values": values,
            "valueString": ""
            if not values
            else ", ".join(f"[ var='{k}' labels={{}} value={v} ]" for k, v in values.items()),
            "orgId": 1,
        }

    def payload(al):
        status = al["status"]
        name = al["labels"]["alertname"]
        return {
            "receiver": "teams-platform-alerts",
            "status": status,
            "orgId": 1,
            "alerts": [al],
            "groupLabels": {"alertname": name, "grafana_folder": al["labels"]["grafana_folder"]},
            "commonLabels": al["labels"],
            "commonAnnotations": al["annotations"],
            "externalURL": base_url + "/",
            "version": "1",
            "groupKey": '{}/{team=~"platform|ci"}:{alertname="'
            + name
            + '", grafana_folder="'
            + al["labels"]["grafana_folder"]
            + '"}',
            "truncatedAlerts": 0,
            "title": f"[{status.upper()}{':1' if status == 'firing' else ''}] {name} ({al['labels']['grafana_folder']})",
            "state": "alerting" if status == "firing" else "ok",
            "message": f"**{status.capitalize()}**\n\nValue: {al['valueString'] or '[no value]'}\nLabels:\n"
            + "".join(f" - {k} = {v}\n" for k, v in al["labels"].items())
            + f"Annotations:\n - summary = {al['annotations']['summary']}\n",
        }

    nd = (
        "Topic has too many consumer groups: no data",
        "The query for consumer groups per topic returned no data for 5m.",
    )
    dn = (
        "kafka-exporter is down",
        'up{job="kafka-exporter"} == 0 for 2m. All Kafka topic and consumer-group metrics are missing.',
    )
    dk = (
        "Disk predicted to fill within 24h",
        "Filesystem /var/lib/jenkins on jenkins-agent-3 is predicted to fill within 24 hours.",
    )
    return [
        payload(alert("firing", nd_labels, *nd, nd_s, ZERO, {}, "b7f0c2d9")),
        payload(alert("firing", dn_labels, *dn, dn_s, ZERO, {"A": 0, "B": 1}, "c1e83a5f")),
        payload(alert("firing", dk_labels, *dk, dk_s, ZERO, {"A": 9.2e8, "B": 1}, "a40d77e2")),
        payload(alert("resolved", dn_labels, *dn, dn_s, dn_e, {"A": 1, "B": 0}, "c1e83a5f")),
        payload(alert("resolved", dk_labels, *dk, dk_s, dk_e, {"A": 3.1e10, "B": 0}, "a40d77e2")),
        payload(
            alert("firing", nd_labels, *nd, nd_s, ZERO, {}, "b7f0c2d9")
        ),  # 4h repeat, same startsAt
        payload(alert("resolved", nd_labels, *nd, nd_s, nd_e, {}, "b7f0c2d9")),
    ]


def deploys(times: Times) -> str:
    rows = [["timestamp", "pipeline", "run", "stage", "status", "actor", "commit", "description"]]

    def row(at, pipeline, run, stage, status, who, commit, desc, key=None):
        rows.append(
            [
                at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                pipeline,
                run,
                stage,
                status,
                PEOPLE[who].email,
                commit,
                desc,
            ]
        )
        if key:
            times[key] = at.replace(microsecond=0)

    row(
        utc(2024, 7, 10, 14, 2, 11),
        "kafka-access",
        "309",
        "apply",
        "succeeded",
        "kasper",
        "a91c3e0",
        "Add topic billing.invoices.v2 with 12 partitions",
    )
    row(
        m(-4, -8),
        "kafka-access",
        "311",
        "apply",
        "started",
        "rosa",
        "5d20b7f",
        "Offboard o.berg: remove user account and owned API keys (PLAT-2207)",
    )
    row(
        m(0),
        "kafka-access",
        "311",
        "apply",
        "succeeded",
        "rosa",
        "5d20b7f",
        "Offboard o.berg: destroyed 1 user, 2 API keys, 3 role bindings",
        key="offboard",
    )
    row(
        m(62, 28),
        "monitoring-secrets",
        "1184",
        "sync",
        "succeeded",
        "lena",
        "",
        "ExternalSecret monitoring/kafka-exporter-credentials refreshed (new key for sa-metrics-exporter)",
        key="secret",
    )
    row(
        m(63, 8),
        "monitoring",
        "manual",
        "restart",
        "succeeded",
        "lena",
        "",
        "kubectl rollout restart deployment/kafka-exporter -n monitoring",
        key="restart",
    )
    row(
        m(272, 10),
        "kafka-access",
        "318",
        "apply",
        "started",
        "kasper",
        "e07f4c2",
        "ACLs for sa-metrics-exporter (PLAT-2210)",
    )
    row(
        m(274, 12),
        "kafka-access",
        "318",
        "apply",
        "succeeded",
        "kasper",
        "e07f4c2",
        "Created 4 ACLs for sa-metrics-exporter: DESCRIBE on topic *, DESCRIBE on group *, DESCRIBE_CONFIGS on cluster",
        key="acls",
    )
    return csv_text(rows)


def build(root: Path) -> dict:
    dest = root / NAME
    times = Times()
    chan = teams_messages(
        channel_msgs(), PEOPLE, seed=7, times=times, team_id=TEAM_ID, channel_id=CHANNEL_ID
    )
    roots = [x for x in chan if x["replyToId"] is None]
    by_parent: dict[str, list] = {}
    for x in chan:
        if x["replyToId"]:
            by_parent.setdefault(x["replyToId"], []).append(x)
    ctx = f"https://graph.microsoft.com/v1.0/$metadata#teams('{TEAM_ID}')/channels('{CHANNEL_ID.replace(':', '%3A').replace('@', '%40')}')/messages"
    write_json(
        dest / "teams" / "platform-alerts.channel-messages.json",
        graph_page(ctx, list(reversed(roots))),
    )
    for pid, reps in by_parent.items():
        write_json(
            dest / "teams" / f"platform-alerts.replies-{pid}.json",
            graph_page(ctx + f"('{pid}')/replies", list(reversed(reps))),
        )
    chat = teams_messages(chat_msgs(), PEOPLE, seed=8, times=times, chat_id=CHAT_ID)
    write_json(
        dest / "teams" / "sev2-chat.messages.json",
        graph_page(
            f"https://graph.microsoft.com/v1.0/$metadata#chats('{CHAT_ID.replace(':', '%3A').replace('@', '%40')}')/messages",
            list(reversed(chat)),
        ),
    )
    write_json(dest / "alerts" / "grafana-contact-point.json", grafana(times))
    cues = transcript()
    cue_times(cues, TRANSCRIPT_START, times)
    (dest / "transcript").mkdir(parents=True, exist_ok=True)
    (dest / "transcript" / "Kafka metrics outage bridge.vtt").write_text(
        vtt(cues), encoding="utf-8"
    )
    (dest / "changes").mkdir(parents=True, exist_ok=True)
    (dest / "changes" / "pipeline-runs.csv").write_text(deploys(times), encoding="utf-8")
    g = gold(
        name=NAME,
        kind="credential-revoked",
        modelled_on="dfds/PM2022-007 - Kafka metrics stopped being exported to Prometheus.md",
        tz=None,
        meeting_start=None,
        transcript_start=TRANSCRIPT_START,
        impact_start=times["offboard"],
        detected=times["nd"],
        acknowledged=times["ack"],
        partially_mitigated=times["partial"],
        mitigated=times["mitigated"],
        resolved=times["confirmed"],
        detection_source="monitoring",
        detected_by="Grafana no-data alert on the consumer-group rule (labelled warning), posted to the Teams alerts channel and picked up by the on-call",
        severity="SEV2",
        key_events=[
            (times["offboard"], "Offboard o.berg"),
            (times["nd"], "DatasourceNoData"),
            (times["dn"], "KafkaExporterDown"),
            (times["cause"], "secret's key id matches"),
            (times["sev2"], "SEV2 declared"),
            (times["chat_newkey"], "new key created on sa-metrics-exporter"),
            (times["partial"], "Major outage closed"),
            (times["user_report"], "still empty in Grafana"),
            (times["acls"], "Created 4 ACLs"),
            (times["confirmed"], "payments lag panels are back"),
        ],
        impact_figures=["41 of 58", "58/58", "1,912", "4h42m"],
        trigger="offboarding apply deleted the API keys owned by a departed engineer's personal user, including the one kafka-exporter used",
        contributing_factors=[
            "API key used by the exporter belonged to a personal account",
            "no documentation of which ACLs the exporter's service account needs",
            "replacement key given only MetricsViewer, so consumer-group metrics stayed missing",
            "credentials not taken from the central vault",
            "limited Kafka knowledge available during the holidays",
        ],
        action_item_themes=[
            "document service account and ACL setup for the exporter",
            "API keys owned by service accounts, not people",
            "credentials only from the central secret vault",
        ],
        expected_owners=["Kasper Holm", "Lena Fischer", "Daniel Okafor"],
        moment_notes={
            "impact_start": "PM: 08:58 personal user account deleted (TTD 10 and TTR 4h42 are counted from it). Here: the kafka-access offboarding apply 'succeeded' row in the pipeline CSV.",
            "detected": "PM: 09:08 [No Data] consumer-group alert, first of two alerts (TTD 10 min). Here: Grafana DatasourceNoData startsAt (labelled severity=warning), which the on-call acknowledged in the channel thread; its Teams card is a later bot copy.",
            "acknowledged": "Not in the PM (incident created at +50). Here: the on-call's 'ack, looking at it' reply under the Grafana card, 9 min after the alert.",
            "partially_mitigated": "PM: 10:09 'Major outage closed' after the new key and pod restart (+71). Here: the channel post 'Major outage closed'.",
            "mitigated": "PM: 13:34 metrics available at the metrics endpoint after the ACLs were attached (+276). Here: '58/58 groups' message in the thread.",
            "resolved": "PM: 13:40 metrics availability confirmed by the end user (TTR 4h42 = 282 min). Here: the payments engineer's confirmation; the Grafana no-data resolve (+277.7) is earlier and not the incident's end as the PM dates it.",
            "transcript_start": "The Teams VTT has no start time in the file or its name; offset 00:00 is 08:17:05 UTC (+50:53). Its cues repeat the chat a few minutes apart (new key created ~1.5 min before the chat says so, restart ~0.5 min before).",
            "severity": "SEV2 in the renamed incident chat and the channel post; the first alert is labelled warning, the exporter-down alert critical.",
        },
    )
    write_json(dest / "gold.json", g)
    return g
