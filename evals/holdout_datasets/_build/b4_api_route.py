# ruff: noqa: E501
"""holdout-api-route: shaped on dfds/PM2025-002 (ingress rule sent other apps' /api traffic to the dashboard).

Shape kept (UTC, whole timeline shifted by -37 min): node NotReady unseen 15:29, pipeline 15:32,
pipeline fails on the NotReady node 16:06, node terminated 17:01, re-run 17:04, change live 17:16,
customer reports 23:05, cause found 23:45, rollback triggered 23:49, rollback done 00:02,
confirmed 00:04, customer confirms 00:05. Names, services and figures invented.
"""

from __future__ import annotations

import random
import uuid
from pathlib import Path

from .kit import (
    Cue,
    P,
    SChannel,
    SMsg,
    Times,
    csv_text,
    cue_times,
    gold,
    h,
    utc,
    write_jsonl,
    write_slack_export,
)

NAME = "holdout-api-route"


def t(hh, mm, ss=0, us=0, day=12):
    return utc(2025, 2, day, hh, mm, ss, us)


def n(hh, mm, ss=0, us=0):  # next day (UTC)
    return t(hh, mm, ss, us, day=13)


PEOPLE = {
    "oskar": P("oskar", "Oskar Nilsson", "Cloud Engineer"),
    "marta": P("marta", "Marta Kowalska", "Cloud Engineer", tz="Europe/Warsaw"),
    "elin": P("elin", "Elin Dahl", "Cloud Engineering Lead"),
    "sofia": P("sofia", "Sofia Costa", "Software Engineer, Appointments"),
    "pieter": P("pieter", "Pieter de Vries", "Tech Lead, Appointments", tz="Europe/Amsterdam"),
    "yusuf": P("yusuf", "Yusuf Demir", "Software Engineer, Billing", tz="Europe/Berlin"),
}

TRANSCRIPT_START = t(23, 20, 20)


def channels() -> list[SChannel]:
    og = "bot:Opsgenie"
    alerts = [
        SMsg(
            t(15, 29, 44),
            og,
            att={
                "pretext": "New alert",
                "title": "#4182: KubeNodeNotReady ip-10-61-4-127.eu-west-1.compute.internal is not ready",
                "title_link": "https://kittiwake.app.eu.opsgenie.com/alert/detail/4182",
                "text": "Priority: P3 | Source: Prometheus Alertmanager | Tags: severity:warning, cluster:prod-eu-2",
                "color": "#FFA500",
            },
            key="og_chat_node",
        ),
        SMsg(
            t(17, 3, 9),
            og,
            att={
                "pretext": "Alert closed by System",
                "title": "#4182: KubeNodeNotReady ip-10-61-4-127.eu-west-1.compute.internal is not ready",
                "text": "Priority: P3",
                "color": "#36a64f",
            },
        ),
        SMsg(
            t(19, 30, 14),
            og,
            att={
                "pretext": "New alert",
                "title": "#4190: CertificateExpiresSoon grafana-internal.kittiwake.example expires in 13 days",
                "text": "Priority: P4 | Source: Prometheus Alertmanager",
                "color": "#FFD700",
            },
        ),
        SMsg(
            t(23, 27, 4),
            og,
            att={
                "pretext": "New alert",
                "title": "#4193: VeleroBackupPartiallyFailed nightly-prod-eu-2 partially failed",
                "text": "Priority: P3 | Source: Prometheus Alertmanager",
                "color": "#FFA500",
            },
        ),
        SMsg(
            t(23, 28, 2),
            og,
            att={
                "pretext": "Alert acknowledged by Oskar Nilsson",
                "title": "#4193: VeleroBackupPartiallyFailed nightly-prod-eu-2 partially failed",
                "text": "Priority: P3",
                "color": "#AAAAAA",
            },
        ),
    ]
    team = [
        SMsg(
            t(15, 33, 10),
            "marta",
            "Pushed the Traefik dashboard fix (dashboard 404 since the chart upgrade), infra pipeline #4471 running",
            key="push",
        ),
        SMsg(
            t(16, 7, 0),
            "marta",
            "#4471 failed: the aws-ebs-csi-driver addon update timed out because ebs-csi-node can't get ready on ip-10-61-4-127. I didn't mean to touch the addon at all, the lock file bump pulled a new version in",
            key="fail",
        ),
        SMsg(
            t(16, 9, 30),
            "elin",
            "is that node the NotReady one? Opsgenie had an alert for it earlier",
            thread="fail",
        ),
        SMsg(
            t(16, 12, 5),
            "marta",
            "yes, NotReady since 16:29, same as the node issue we keep seeing this month. I'll drain and terminate it once the other pipeline is done",
            thread="fail",
        ),
        SMsg(
            t(17, 1, 30),
            "marta",
            "terminated ip-10-61-4-127, replacement is Ready. Re-running #4471",
            key="term",
        ),
        SMsg(
            t(17, 17, 40),
            "marta",
            "#4471 green: Traefik dashboard works again at /dashboard/. Heading home, see you tomorrow",
            key="green",
        ),
        SMsg(t(17, 18, 20), "elin", "nice, thanks Marta", thread="green"),
        SMsg(
            n(8, 41, 0),
            "elin",
            "Morning. Short summary of last night in <#"
            + SChannel("ask-cloud-engineering", "", []).cid
            + "|ask-cloud-engineering>: the dashboard IngressRoute from #4471 caught /api on every host from 18:16 until Oskar's rollback at 01:02. Postmortem Friday. Follow-ups I'd like owners for: Traefik integration test for an /api sub-path (Marta), look into a policy engine to block conflicting routes (Oskar), keep EKS add-ons out of unrelated changes (Marta), and agree out-of-hours support with the business (me).",
            key="followups",
        ),
        SMsg(
            n(8, 44, 30),
            "marta",
            "I'll take the /api test and the add-on split. Sorry all, should have checked the rendered routes",
            thread="followups",
        ),
        SMsg(n(8, 46, 2), "oskar", "policy engine is mine", thread="followups"),
    ]
    ask = [
        SMsg(
            t(13, 40, 11),
            "yusuf",
            "Is there a way to get a second ingress hostname for billing-preview without a ticket?",
        ),
        SMsg(
            t(13, 52, 30),
            "marta",
            "yes, add it to your HelmRelease values, the wildcard cert covers it",
            thread=None,
        ),
        SMsg(
            t(23, 5, 40),
            "sofia",
            "Hi, sorry for the late ping {@oskar}: appointments-api returns 404 on every /api/* route through the ingress since this evening. Our first failed synthetic check was at 18:16, we only noticed now because a night-shift clinic can't book. Pods are healthy and answer fine via port-forward.",
            key="report",
        ),
        SMsg(
            t(23, 9, 12), "sofia", "also rang you, no rush if you're not on call", thread="report"
        ),
        SMsg(t(23, 14, 30), "oskar", "Saw it, looking now", thread="report", key="ack"),
        SMsg(
            t(23, 18, 5),
            "oskar",
            "Reproduced: `curl -i https://appointments.kittiwake.example/api/health` gives 404 from Traefik, and the request never reaches your pods. Let's hop on a huddle",
            thread="report",
        ),
        SMsg(t(23, 20, 2), "sofia", "joining the huddle", thread="report", key="join"),
        SMsg(t(23, 22, 40), "pieter", "joining too, I'm Sofia's lead", thread="report"),
        SMsg(
            t(23, 31, 50),
            "oskar",
            "the 404 body is the Traefik dashboard's own 404 page, so something routes /api to the dashboard",
            thread="report",
        ),
        SMsg(
            t(23, 45, 10),
            "oskar",
            "Found it: the dashboard IngressRoute from this afternoon's change matches PathPrefix(`/api`) on every host and has a higher priority than the app routes. Every /api/* request on any host goes to the dashboard and gets a 404. Rolling back the Traefik change.",
            thread="report",
            key="cause",
        ),
        SMsg(
            t(23, 49, 20),
            "oskar",
            "rollback pipeline #4480 running, about 10-15 min",
            thread="report",
        ),
        SMsg(n(0, 2, 45), "oskar", "#4480 done, the old Traefik config is back", thread="report"),
        SMsg(
            n(0, 4, 20),
            "oskar",
            "`/api/health` on appointments returns 200 again. Sofia can you confirm?",
            thread="report",
            key="confirm_ask",
        ),
        SMsg(
            n(0, 5, 15),
            "sofia",
            "Confirmed, booking works again from the clinic's side too. Thanks a lot!",
            thread="report",
            key="confirmed",
        ),
        SMsg(
            n(0, 8, 0),
            "oskar",
            "Checked access logs: 3 other apps serve /api (billing-api, referrals, patient-docs), all were hit. About 21,400 /api requests got a 404 between 18:16 and 01:02. Writing it up tomorrow.",
            thread="report",
            key="figures",
        ),
        SMsg(
            n(7, 55, 30),
            "yusuf",
            "that explains the billing-api 404s in our error tracker last night, thanks for fixing",
            thread="report",
        ),
    ]
    return [
        SChannel(
            "platform-alerts",
            "Opsgenie notifications for prod clusters (P3 and below do not page)",
            alerts,
        ),
        SChannel("cloud-engineering", "Cloud Engineering team channel", team),
        SChannel(
            "ask-cloud-engineering",
            "Questions for Cloud Engineering. Office hours 08-17 CET, no out-of-hours support.",
            ask,
        ),
    ]


def opsgenie(times: Times) -> list[dict]:
    rng = random.Random(53)
    out = []

    def body(
        action, alert_id, tiny, msg, desc, prio, tags, at, created, who=None, note=None, key=None
    ):
        created_ms = int(created.timestamp()) * 1000 + created.microsecond // 1000
        upd = int(at.timestamp()) * 10**9 + (at.microsecond // 1000) * 10**6 + rng.randrange(10**6)
        a = {
            "alertId": alert_id,
            "message": msg,
            "tags": tags,
            "tinyId": tiny,
            "entity": "prod-eu-2",
            "alias": h("alias", alert_id, n=32),
            "createdAt": created_ms,
            "updatedAt": upd,
            "username": PEOPLE[who].email if who else "System",
            "userId": PEOPLE[who].pd.lower() if who else "",
            "teams": ["0b9c7a52-8a1e-4f7c-9d3b-2e6f1a4c5d70"],
            "recipients": ["0b9c7a52-8a1e-4f7c-9d3b-2e6f1a4c5d70"],
            "priority": prio,
            "source": "Prometheus Alertmanager"
            if action == "Create"
            else (PEOPLE[who].email if who else "System"),
        }
        if action == "Create":
            a["description"] = desc
            a["details"] = {
                "cluster": "prod-eu-2",
                "severity": tags[0].split(":")[1] if ":" in tags[0] else "",
            }
        if note:
            a["note"] = note
        out.append(
            {
                "action": action,
                "alert": a,
                "source": {
                    "name": "" if action == "Create" else ("web" if who else "Alertmanager"),
                    "type": "API" if action == "Create" or not who else "web",
                },
                "integrationName": "Alertmanager - prod-eu-2",
                "integrationId": "c7f1e2d3-4b5a-4968-8a7b-6c5d4e3f2a1b",
                "integrationType": "Prometheus",
            }
        )
        if key:
            times[key] = (
                created.replace(microsecond=(created.microsecond // 1000) * 1000)
                if action == "Create"
                else at.replace(microsecond=(upd // 1000) % 1_000_000)
            )

    node = (
        str(uuid.UUID(h("og", "node", n=32))),
        "4182",
        "KubeNodeNotReady ip-10-61-4-127.eu-west-1.compute.internal is not ready",
        "ip-10-61-4-127.eu-west-1.compute.internal has been unready for more than 15 minutes.",
        "P3",
        ["severity:warning", "cluster:prod-eu-2", "KubeNodeNotReady"],
    )
    cert = (
        str(uuid.UUID(h("og", "cert", n=32))),
        "4190",
        "CertificateExpiresSoon grafana-internal.kittiwake.example expires in 13 days",
        "Certificate for grafana-internal.kittiwake.example (cert-manager, namespace monitoring) expires 2025-02-25.",
        "P4",
        ["severity:info", "cluster:prod-eu-2", "CertificateExpiresSoon"],
    )
    velero = (
        str(uuid.UUID(h("og", "velero", n=32))),
        "4193",
        "VeleroBackupPartiallyFailed nightly-prod-eu-2 partially failed",
        "Velero backup nightly-prod-eu-2-20250213002500 finished PartiallyFailed (3 of 1,204 items).",
        "P3",
        ["severity:warning", "cluster:prod-eu-2", "VeleroBackupPartiallyFailed"],
    )
    c_node = t(15, 29, 40, 517000)
    c_cert = t(19, 30, 10, 86000)
    c_vel = t(23, 27, 0, 341000)
    body("Create", *node, c_node, c_node, key="og_node")
    body(
        "Close",
        *node,
        t(17, 3, 5, 602000),
        c_node,
        note="Alert closed automatically: resolved in Alertmanager",
    )
    body("Create", *cert, c_cert, c_cert)
    body("Create", *velero, c_vel, c_vel)
    body("Acknowledge", *velero, t(23, 27, 58, 910000), c_vel, who="oskar", key="og_vel_ack")
    return out


def gitlog_machine(times: Times) -> str:
    recs = []

    def commit(at, who, subject, parents, authored=None, key=None):
        p = PEOPLE[who]
        from zoneinfo import ZoneInfo

        z = ZoneInfo(p.tz)
        sha = h("b4", subject, at)
        recs.append(
            (
                at,
                "\x1f".join(
                    [
                        sha,
                        p.name,
                        p.email,
                        (authored or at).astimezone(z).isoformat(timespec="seconds"),
                        at.astimezone(z).isoformat(timespec="seconds"),
                        parents,
                        subject,
                    ]
                )
                + "\x1e",
            )
        )
        if key:
            times[key] = at.replace(microsecond=0)

    commit(
        t(9, 12, 30),
        "oskar",
        "traefik: bump chart to 33.2.1",
        "5e0c1a9b7d3f2e4a6c8b0d1f3e5a7c9b1d3f5e7a",
    )
    commit(
        t(15, 24, 15),
        "marta",
        "chore: refresh terraform lock file and provider versions",
        "a1c3e5f7091b2d4f6a8c0e2b4d6f8a0c2e4b6d8f",
        authored=t(14, 51, 2),
    )
    commit(
        t(15, 27, 10),
        "marta",
        "traefik: serve the dashboard through an IngressRoute on websecure (fixes dashboard 404)",
        "c0ffee12d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4",
        key="git_change",
    )
    commit(
        t(23, 47, 30),
        "oskar",
        'Revert "traefik: serve the dashboard through an IngressRoute on websecure (fixes dashboard 404)"',
        "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
        key="git_revert",
    )
    recs.sort(key=lambda r: r[0], reverse=True)
    return "\n".join(r[1] for r in recs) + "\n"


def runs(times: Times) -> str:
    rows = [
        ["timestamp", "pipeline", "run_id", "event", "status", "triggered_by", "commit", "message"]
    ]

    def row(at, run, event, status, who, commit, msg, key=None):
        rows.append(
            [
                at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "infra-platform",
                run,
                event,
                status,
                PEOPLE[who].email,
                commit,
                msg,
            ]
        )
        if key:
            times[key] = at.replace(microsecond=0)

    row(
        t(15, 32, 0),
        "4471",
        "run",
        "started",
        "marta",
        "c0ffee1",
        "traefik dashboard IngressRoute; terraform lock refresh",
    )
    row(
        t(16, 6, 10),
        "4471",
        "run",
        "failed",
        "marta",
        "c0ffee1",
        "module.eks_addons.aws_eks_addon.ebs_csi: timeout while waiting for state ACTIVE (DaemonSet ebs-csi-node 40/41 ready; node ip-10-61-4-127 NotReady)",
    )
    row(
        t(17, 4, 0),
        "4471",
        "retry",
        "started",
        "marta",
        "c0ffee1",
        "re-run after terminating ip-10-61-4-127",
    )
    row(
        t(17, 16, 20),
        "4471",
        "retry",
        "succeeded",
        "marta",
        "c0ffee1",
        "Applied: traefik IngressRoute traefik-dashboard (websecure), aws-ebs-csi-driver v1.39.0-eksbuild.1",
        key="change_live",
    )
    row(
        t(23, 49, 0),
        "4480",
        "run",
        "started",
        "oskar",
        "9b8a7c6",
        "Revert traefik dashboard IngressRoute",
        key="rollback_start",
    )
    row(
        n(0, 2, 10),
        "4480",
        "run",
        "succeeded",
        "oskar",
        "9b8a7c6",
        "Applied: removed IngressRoute traefik-dashboard",
        key="rollback_done",
    )
    return csv_text(rows)


def transcript() -> list[Cue]:
    return [
        Cue(4, 9, "oskar", "Hi Sofia, thanks for jumping on. So it's only the /api paths?"),
        Cue(
            10,
            18,
            "sofia",
            "Yes. The frontend loads, anything under /api gets a 404, since about quarter past six.",
        ),
        Cue(25, 29, "oskar", "And your pods don't see those requests?"),
        Cue(31, 38, "sofia", "No. Nothing in our access logs after eighteen sixteen."),
        Cue(70, 76, "oskar", "Then it's the ingress. Traefik answers before it ever reaches you."),
        Cue(
            150,
            157,
            "pieter",
            "Hi, Pieter here. Is it only us? We might be the only team with /api at the root.",
        ),
        Cue(160, 166, "oskar", "I'll check the other hosts while we talk."),
        Cue(410, 415, "oskar", "Ignore that backup alert, it's unrelated."),
        Cue(
            670,
            679,
            "oskar",
            "The 404 body is the Traefik dashboard's. So something is routing /api to the dashboard.",
        ),
        Cue(
            1410,
            1420,
            "oskar",
            "Found it. The dashboard route from this afternoon's change matches /api on every host.",
            key="cue_found",
        ),
        Cue(1530, 1536, "pieter", "Can you roll it back tonight?"),
        Cue(1537, 1545, "oskar", "Yes, reverting now. The pipeline takes ten to fifteen minutes."),
        Cue(1721, 1726, "oskar", "Rollback pipeline is running."),
        Cue(2515, 2521, "oskar", "Pipeline is done, the old config is back."),
        Cue(2630, 2636, "oskar", "api health returns two hundred for me. Can you check?"),
        Cue(2670, 2675, "sofia", "Booking works. Thank you so much."),
        Cue(2705, 2712, "oskar", "I'll post in the channel and write it up tomorrow. Good night."),
    ]


def transcript_text(cues: list[Cue]) -> str:
    lines = []
    for c in cues:
        hh, rem = divmod(int(c.start), 3600)
        mm, ss = divmod(rem, 60)
        lines.append(f"{hh:02d}:{mm:02d}:{ss:02d} {PEOPLE[c.who].name}: {c.text}")
    return "\n".join(lines) + "\n"


def build(root: Path) -> dict:
    dest = root / NAME
    times = Times()
    write_slack_export(dest, PEOPLE, channels(), "Europe/Oslo", seed=47, times=times)
    write_jsonl(dest / "alerts" / "opsgenie-webhook-log.jsonl", opsgenie(times))
    (dest / "changes").mkdir(parents=True, exist_ok=True)
    (dest / "changes" / "platform-ingress.gitlog").write_text(
        gitlog_machine(times), encoding="utf-8"
    )
    (dest / "changes" / "infra-pipeline-runs.csv").write_text(runs(times), encoding="utf-8")
    cues = transcript()
    cue_times(cues, TRANSCRIPT_START, times)
    (dest / "transcript").mkdir(parents=True, exist_ok=True)
    (dest / "transcript" / "huddle-appointments-api.txt").write_text(
        transcript_text(cues), encoding="utf-8"
    )
    g = gold(
        name=NAME,
        kind="ingress-misroute",
        modelled_on="dfds/PM2025-002 - Traefik rule preventing some inbound traffic.md",
        tz=None,
        meeting_start=None,
        transcript_start=TRANSCRIPT_START,
        impact_start=times["change_live"],
        detected=times["report"],
        acknowledged=times["ack"],
        partially_mitigated=None,
        mitigated=times["rollback_done"],
        resolved=times["confirmed"],
        detection_source="customer",
        detected_by="a developer of an affected application team, posting in the platform support channel after hours",
        severity=None,
        key_events=[
            (times["og_node"], "KubeNodeNotReady"),
            (times["git_change"], "IngressRoute on websecure"),
            (times["change_live"], "Applied: traefik IngressRoute"),
            (times["report"], "returns 404 on every /api"),
            (times["ack"], "Saw it, looking now"),
            (times["cause"], "PathPrefix(`/api`)"),
            (times["rollback_start"], "Revert traefik dashboard IngressRoute"),
            (times["rollback_done"], "removed IngressRoute"),
            (times["confirmed"], "booking works again"),
        ],
        impact_figures=["21,400", "3 other apps", "18:16", "01:02"],
        trigger="a Traefik dashboard IngressRoute matching PathPrefix(/api) on every host, applied late in the day, sent all apps' /api requests to the dashboard (404)",
        contributing_factors=[
            "NotReady node went unnoticed (warning alert, no page) and failed the pipeline, delaying the change to after hours",
            "unintended EKS add-on update bundled with the Traefik change",
            "no test or alert covering an /api sub-path",
            "no non-prod application uses /api, so testing could not catch it",
            "an ingress rule in one namespace can take traffic from another",
            "no out-of-hours support agreement",
        ],
        action_item_themes=[
            "Traefik integration test for the /api path",
            "policy engine or check against conflicting routes",
            "keep EKS add-on updates out of unrelated changes",
            "out-of-hours support agreement with the business",
        ],
        expected_owners=["Marta Kowalska", "Oskar Nilsson", "Elin Dahl"],
        moment_notes={
            "impact_start": "PM: 17:53 pipeline run completed, Traefik change applied. Here: the pipeline run 4471 retry 'succeeded' row (17:16:20); the customer independently says their first failed check was at 18:16 local (CET) = 17:16 UTC.",
            "detected": "PM: 23:42 Cloud Engineering member informed of the ingress problem by the customer. Here: the customer's post in #ask-cloud-engineering at 23:05:40. The KubeNodeNotReady warning (15:29, before impact, nobody acted) and the unrelated cert and Velero alerts are not detection. The PM's stated TTD (371) and TTR (389) do not match its own timeline (17:53 -> 23:42 = 349; 17:53 -> 00:42 = 409); the gold follows the timeline.",
            "acknowledged": "Not in the PM. Here: the engineer's 'Saw it, looking now' reply. His Opsgenie acknowledgement at 23:27:58 is of the unrelated Velero alert.",
            "partially_mitigated": "None: the rollback fixed every affected app at once.",
            "mitigated": "PM: 00:39 rollback pipeline run completed. Here: pipeline run 4480 'succeeded' row (00:02:10).",
            "resolved": "PM: 00:42 customer confirmed the issue resolved. Here: the customer's confirmation at 00:05:15 (the engineer's own check at 00:04:20 is the PM's 00:41 'confirmed expected behaviour').",
            "transcript_start": "Plain-text huddle transcript with offsets only, no start anywhere; offset 00:00:00 is 23:20:20 UTC, 18 s after 'joining the huddle'. It runs across midnight UTC and local time.",
        },
    )
    from .kit import write_json

    write_json(dest / "gold.json", g)
    return g
