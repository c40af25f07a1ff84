# ruff: noqa: E501
"""holdout-log-gap: shaped on dfds/PM2022-002 (logs not shipped after a log-agent config change).

Shape kept (minutes from the change going live): buffer warning +41 (nobody acted), first human
on it +53, cause found +64, revert merged +78, revert applied / pods restarting +85, all agents
shipping again +109. Everything else (company, names, accounts, figures) is invented.
"""

from __future__ import annotations

import random
from pathlib import Path

from .kit import (
    ZERO,
    P,
    SChannel,
    SMsg,
    Times,
    git_date,
    gold,
    h,
    k8s_event,
    nano,
    utc,
    write_json,
    write_jsonl,
    write_slack_export,
)

NAME = "holdout-log-gap"
D = (2024, 11, 19)


def t(hh, mm, ss=0, us=0):
    return utc(*D, hh, mm, ss, us)


PEOPLE = {
    "ingrid": P("ingrid", "Ingrid Solberg", "Site Reliability Engineer"),
    "amara": P("amara", "Amara Nwosu", "Platform Engineer", tz="Europe/London"),
    "tomasz": P("tomasz", "Tomasz Wróbel", "Platform Engineer", tz="Europe/Warsaw"),
    "joel": P("joel", "Joel Lindqvist", "Platform Engineering Lead", tz="Europe/Stockholm"),
    "priya": P("priya", "Priya Raman", "Support Engineer, Service Desk"),
    "mateo": P("mateo", "Mateo García", "Software Engineer, Claims", tz="Europe/Madrid"),
    "hana": P("hana", "Hana Sato", "Software Engineer, Booking"),
}

INC_CH = "inc-20241119-log-gap"
PD_URL = "https://kittiwake.pagerduty.com/incidents/Q2KX7B4HN0TQ1A"


def chat() -> list[SChannel]:
    inc_cid = SChannel(INC_CH, "", []).cid
    alerts_cid = SChannel("platform-alerts", "", []).cid
    am = "bot:Alertmanager"
    flux = "bot:Flux"
    alerts = [
        SMsg(
            t(9, 40, 6),
            flux,
            att={
                "author_name": "kustomization/platform-logging.flux-system",
                "text": "Reconciliation finished in 1.84s, next run in 10m0s",
                "color": "good",
                "fields": [{"title": "revision", "value": "main@sha1:5b1e07c93f", "short": False}],
                "footer": "flux-system/slack",
            },
        ),
        SMsg(
            t(9, 55, 31),
            am,
            att={
                "title": "[FIRING:1] KubeJobFailed (finance warning)",
                "title_link": "https://alertmanager.kittiwake.example/#/alerts?receiver=slack-platform-alerts",
                "text": "*Alert:* Job finance/nightly-ledger-export-28866175 failed to complete - `warning`\n*Description:* Removing the failed job after investigation should clear this alert.\n*Details:*\n  • *cluster:* `prod-eu-1`\n  • *job_name:* `nightly-ledger-export-28866175`",
                "color": "warning",
            },
        ),
        SMsg(
            t(10, 21, 12),
            am,
            key="am_chat_warn",
            att={
                "title": "[FIRING:1] LogShipperBufferSpaceLow (logging warning)",
                "title_link": "https://alertmanager.kittiwake.example/#/alerts?receiver=slack-platform-alerts",
                "text": "*Alert:* Fluent Bit filesystem buffer above 80% on 9 nodes - `warning`\n*Description:* fluentbit_storage_fs_chunks_busy_bytes / limit > 0.8 for 10m. Available buffer space ratio 0.14 on ip-10-42-17-203.\n*Details:*\n  • *cluster:* `prod-eu-1`\n  • *namespace:* `logging`",
                "color": "warning",
            },
        ),
        SMsg(
            t(10, 47, 33),
            am,
            att={
                "title": "[RESOLVED] KubeJobFailed (finance warning)",
                "text": "*Alert:* Job finance/nightly-ledger-export-28866175 failed to complete - `warning`",
                "color": "good",
            },
        ),
        SMsg(
            t(11, 5, 15),
            flux,
            att={
                "author_name": "kustomization/platform-logging.flux-system",
                "text": "Reconciliation finished in 2.02s, next run in 10m0s",
                "color": "good",
                "fields": [{"title": "revision", "value": "main@sha1:c2a94d1e60", "short": False}],
                "footer": "flux-system/slack",
            },
        ),
        SMsg(
            t(11, 21, 14),
            am,
            att={
                "title": "[FIRING:1] LogShipperBufferSpaceLow (logging warning)",
                "title_link": "https://alertmanager.kittiwake.example/#/alerts?receiver=slack-platform-alerts",
                "text": "*Alert:* Fluent Bit filesystem buffer above 80% on 9 nodes - `warning`\n*Description:* fluentbit_storage_fs_chunks_busy_bytes / limit > 0.8 for 10m. Available buffer space ratio 0.14 on ip-10-42-17-203.\n*Details:*\n  • *cluster:* `prod-eu-1`\n  • *namespace:* `logging`",
                "color": "warning",
            },
        ),
        SMsg(
            t(11, 36, 41),
            am,
            att={
                "title": "[RESOLVED] LogShipperBufferSpaceLow (logging warning)",
                "text": "*Alert:* Fluent Bit filesystem buffer above 80% on 9 nodes - `warning`",
                "color": "good",
            },
        ),
        SMsg(t(9, 12, 2), "ingrid", "morning all, I'm primary on-call this week, Tomasz secondary"),
    ]
    help_ = [
        SMsg(
            t(8, 58, 40), "hana", "is there a known issue with the staging registry? pulls are slow"
        ),
        SMsg(t(9, 2, 15), "tomasz", "not that we know of, I'll have a look", thread=None),
        SMsg(
            t(10, 33, 52),
            "priya",
            f"Heads-up: I've just paged platform on-call through PagerDuty (<{PD_URL}|#2291>). Log search has nothing for any prod namespace since about 10:40. Found it while working SD-4471 (a clinic says a referral upload failed and I wanted the claims-api logs). Last line I can find is 10:39:58.",
            key="help_report",
        ),
        SMsg(
            t(10, 34, 41),
            "mateo",
            "same for claims-api, our log-based panels are flat since 10:40",
            thread="help_report",
        ),
        SMsg(
            t(10, 35, 20),
            "hana",
            "booking-web too. Metrics look normal though, the app itself is fine",
            thread="help_report",
        ),
        SMsg(
            t(10, 36, 2),
            "ingrid",
            f"ack, on it - moving to <#{inc_cid}|{INC_CH}>",
            thread="help_report",
            key="help_ack",
        ),
        SMsg(
            t(11, 31, 40),
            "ingrid",
            "Logs are flowing again for all prod namespaces. Lines from 10:40 to about 12:30 may be partly missing on some nodes; details in the incident channel. Priya, claims-api logs up to 10:40 plus the backfill are searchable now.",
            key="help_done",
        ),
        SMsg(
            t(11, 33, 5),
            "priya",
            "thanks, found the referral upload error, SD-4471 can move on",
            thread="help_done",
        ),
    ]
    inc = [
        SMsg(t(10, 36, 30), "ingrid", kind="join"),
        SMsg(
            t(10, 36, 55),
            "ingrid",
            f"Incident channel for missing logs in prod log search. PD <{PD_URL}|#2291>. I'm IC for now.",
            key="inc_open",
        ),
        SMsg(
            t(10, 37, 40),
            "ingrid",
            f"log-shipper DaemonSet pods are all Running, 0 restarts. But the LogShipperBufferSpaceLow warning has been firing in <#{alerts_cid}|platform-alerts> since 11:21 and nobody picked it up (me included).",
            key="inc_warn_seen",
        ),
        SMsg(t(10, 38, 10), "amara", kind="join"),
        SMsg(t(10, 38, 25), "tomasz", kind="join"),
        SMsg(t(10, 39, 2), "joel", kind="join"),
        SMsg(
            t(10, 39, 48),
            "tomasz",
            "We merged #412 (log-shipper on its own IRSA role instead of the node role) this morning and Flux applied it at 10:40. That lines up exactly.",
            key="inc_change",
        ),
        SMsg(
            t(10, 41, 25),
            "ingrid",
            "Confirmed: the gap starts at 10:40 in log search for every namespace I checked, so about 60 minutes of prod logs missing or stuck in buffers so far.",
            key="inc_start_stated",
        ),
        SMsg(t(10, 43, 5), "joel", "how many nodes?"),
        SMsg(t(10, 43, 30), "ingrid", "all of them, 38 nodes / 38 log-shipper pods"),
        SMsg(
            t(10, 44, 12),
            "amara",
            "Found it. log-shipper logs: `AccessDeniedException: User: arn:aws:sts::410233977581:assumed-role/log-shipper/botocore-session is not authorized to perform: logs:PutLogEvents`. The service account annotation points at the role in the cluster account (4102...), but our log groups live in the logging account (7730...).",
            key="inc_cause",
        ),
        SMsg(
            t(10, 45, 20),
            "tomasz",
            "ugh, I assumed the log groups were in the cluster's account. The old setup assumed into the logging-account role from the node role.",
        ),
        SMsg(t(10, 46, 40), "joel", "Fix forward or revert?"),
        SMsg(
            t(10, 47, 35),
            "amara",
            "Revert. A forward fix also needs a trust policy in the logging account, and that's a different pipeline.",
        ),
        SMsg(
            t(10, 48, 2),
            "joel",
            "Revert it. What happens to the logs meanwhile?",
            key="inc_decision",
        ),
        SMsg(
            t(10, 50, 10),
            "amara",
            "Fluent Bit keeps chunks on disk, 512M per node. The buffer warning fired at 11:21 with buffers about 86% full, so from roughly 11:30 the busiest nodes drop new chunks. Whatever is still buffered flushes once the role works.",
        ),
        SMsg(
            t(10, 52, 30),
            "ingrid",
            "Noted in PD. No impact on the apps themselves; support and devs can't see logs. Priya's ticket SD-4471 is waiting on it.",
        ),
        SMsg(
            t(10, 58, 42),
            "amara",
            "Revert PR #415 merged. Flux picks it up on the next 10m interval.",
            key="inc_revert",
        ),
        SMsg(t(11, 0, 5), "joel", "Can we force the reconcile instead of waiting?"),
        SMsg(
            t(11, 0, 50),
            "amara",
            "tried `flux reconcile kustomization platform-logging --with-source`, the GitRepository is still at the old revision (webhook receiver is lagging). A few minutes either way.",
        ),
        SMsg(
            t(11, 5, 38),
            "amara",
            "Flux applied the revert at 12:05. log-shipper DaemonSet is rolling with the logging-account role, first pods are shipping again.",
            key="inc_partial",
        ),
        SMsg(
            t(11, 10, 20),
            "amara",
            "9 of 38 pods replaced. Rollout is slow: maxUnavailable is 1 and each old pod waits out its 30s grace period because it can't flush.",
        ),
        SMsg(t(11, 12, 0), "joel", "leave it, no maxUnavailable changes mid-incident"),
        SMsg(
            t(11, 19, 30),
            "ingrid",
            "24/38. Buffered chunks are arriving in log search, backfill visible from 10:40 on the replaced nodes.",
        ),
        SMsg(
            t(11, 29, 15),
            "amara",
            "38/38 log-shipper pods running with the correct role. Every node is shipping to the logging account again.",
            key="inc_mitigated",
        ),
        SMsg(
            t(11, 30, 30),
            "ingrid",
            "Resolved in PD. Impact window 10:40-12:29 local. Estimate: about 50 minutes of logs lost on 29 of 38 nodes where the buffer filled; the other 9 nodes backfilled completely.",
            key="inc_resolved_msg",
        ),
        SMsg(
            t(11, 33, 10),
            "joel",
            "Thanks all. Postmortem Thursday. Follow-ups so far: the buffer alert needs a name and text that say logs are being dropped, and it should page instead of only posting here (Tomasz); reviews of critical services diff everything, not just the files we think matter (me); document that log groups live in the logging account (Amara).",
            key="inc_followups",
        ),
        SMsg(t(11, 34, 5), "tomasz", "I'll take the alert text + routing."),
        SMsg(t(11, 34, 40), "amara", "I'll write the cross-account logging page."),
    ]
    return [
        SChannel(
            "platform-alerts", "Alerts and Flux notifications for prod-eu-1. Not paged.", alerts
        ),
        SChannel(
            "platform-help",
            "Ask the platform team. For outages page #platform-oncall via PagerDuty.",
            help_,
        ),
        SChannel(INC_CH, "Incident: prod logs missing from log search", inc, created=t(10, 36, 30)),
    ]


def pagerduty(times: Times) -> dict:
    inc_id = "Q2KX7B4HN0TQ1A"
    title = "Prod log search: no logs since ~10:40 (all namespaces)"
    svc = {
        "id": "PLOGS7Q",
        "type": "service_reference",
        "summary": "Platform - Logging",
        "self": "https://api.pagerduty.com/services/PLOGS7Q",
        "html_url": "https://kittiwake.pagerduty.com/service-directory/PLOGS7Q",
    }
    inc = {
        "id": inc_id,
        "type": "incident_reference",
        "summary": f"[#2291] {title}",
        "self": f"https://api.pagerduty.com/incidents/{inc_id}",
        "html_url": PD_URL,
    }
    teams = [
        {
            "id": "PTPLAT1",
            "type": "team_reference",
            "summary": "Cloud Platform",
            "self": "https://api.pagerduty.com/teams/PTPLAT1",
            "html_url": "https://kittiwake.pagerduty.com/teams/PTPLAT1",
        }
    ]

    def uref(k):
        p = PEOPLE[k]
        return {
            "id": p.pd,
            "type": "user_reference",
            "summary": p.name,
            "self": f"https://api.pagerduty.com/users/{p.pd}",
            "html_url": f"https://kittiwake.pagerduty.com/users/{p.pd}",
        }

    def entry(at, key, **kw):
        eid = "R" + h("le", at, kw.get("type"), n=25).upper()
        e = {
            "id": eid,
            "self": f"https://api.pagerduty.com/log_entries/{eid}",
            "html_url": None,
            "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "incident": inc,
            "service": svc,
            "teams": teams,
            "contexts": [],
        }
        e.update(kw)
        if key:
            times[key] = at
        return e

    entries = [
        entry(
            t(10, 33, 4),
            "pd_trigger",
            type="trigger_log_entry",
            summary="Triggered through the website",
            agent=uref("priya"),
            channel={
                "type": "web_trigger",
                "summary": title,
                "subject": title,
                "details": "Log search (OpenSearch, index prod-*) returns nothing after 10:39:58 for claims-api, booking-web and every other prod namespace I tried. Found while working SD-4471.",
            },
            event_details={"description": title},
        ),
        entry(
            t(10, 33, 4),
            None,
            type="assign_log_entry",
            summary="Assigned to Ingrid Solberg.",
            agent=uref("priya"),
            channel={"type": "web_trigger"},
            assignees=[uref("ingrid")],
        ),
        entry(
            t(10, 33, 6),
            None,
            type="notify_log_entry",
            summary="Notified Ingrid Solberg by push notification.",
            agent=svc,
            channel={
                "type": "auto",
                "notification": {
                    "type": "push_notification",
                    "status": "success",
                    "address": "iPhone 13",
                },
            },
            user=uref("ingrid"),
        ),
        entry(
            t(10, 35, 41),
            "pd_ack",
            type="acknowledge_log_entry",
            summary="Acknowledged by Ingrid Solberg.",
            agent=uref("ingrid"),
            channel={"type": "mobile"},
            acknowledgement_timeout=1800,
        ),
        entry(
            t(10, 52, 31),
            None,
            type="annotate_log_entry",
            summary="Cause: log-shipper IRSA role (#412) is in the cluster account, PutLogEvents denied by the logging account. Reverting #412.",
            agent=uref("ingrid"),
            channel={
                "type": "note",
                "summary": "Cause: log-shipper IRSA role (#412) is in the cluster account, PutLogEvents denied by the logging account. Reverting #412.",
            },
        ),
        entry(
            t(11, 29, 48),
            "pd_resolve",
            type="resolve_log_entry",
            summary="Resolved by Ingrid Solberg.",
            agent=uref("ingrid"),
            channel={"type": "website"},
        ),
    ]
    entries.sort(key=lambda e: e["created_at"], reverse=True)
    return {"log_entries": entries, "limit": 25, "offset": 0, "more": False, "total": None}


def alertmanager(times: Times) -> list[dict]:
    rng = random.Random(11)
    off = "+01:00"
    job_s, _ = nano(t(9, 55, 25), rng, off)
    job_e, _ = nano(t(10, 47, 27), rng, off)
    buf_s, buf_v = nano(t(10, 21, 7), rng, off)
    buf_e, buf_ev = nano(t(11, 36, 37), rng, off)
    times["am_warn"] = buf_v
    times["am_warn_end"] = buf_ev
    job_labels = {
        "alertname": "KubeJobFailed",
        "cluster": "prod-eu-1",
        "condition": "true",
        "job_name": "nightly-ledger-export-28866175",
        "namespace": "finance",
        "severity": "warning",
    }
    job_ann = {
        "description": "Job finance/nightly-ledger-export-28866175 failed to complete. Removing failed job after investigation should clear this alert.",
        "runbook_url": "https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubejobfailed",
        "summary": "Job failed to complete.",
    }
    buf_labels = {
        "alertname": "LogShipperBufferSpaceLow",
        "cluster": "prod-eu-1",
        "namespace": "logging",
        "severity": "warning",
        "team": "platform",
    }
    buf_ann = {
        "summary": "Fluent Bit filesystem buffer above 80% on 9 nodes",
        "description": "fluentbit_storage_fs_chunks_busy_bytes / limit > 0.8 for 10m. Available buffer space ratio 0.14 on ip-10-42-17-203.",
    }

    def payload(status, alerts, labels):
        return {
            "receiver": "slack-platform-alerts",
            "status": status,
            "alerts": alerts,
            "groupLabels": {"alertname": labels["alertname"]},
            "commonLabels": labels,
            "commonAnnotations": alerts[0]["annotations"],
            "externalURL": "https://alertmanager.kittiwake.example",
            "version": "4",
            "groupKey": '{}/{severity=~"warning|info"}:{alertname="' + labels["alertname"] + '"}',
            "truncatedAlerts": 0,
        }

    def al(status, labels, ann, s, e, fp, gen):
        return {
            "status": status,
            "labels": labels,
            "annotations": ann,
            "startsAt": s,
            "endsAt": e,
            "generatorURL": gen,
            "fingerprint": fp,
        }

    gen_job = "https://prometheus.kittiwake.example/graph?g0.expr=kube_job_failed%7Bjob%3D%22kube-state-metrics%22%7D+%3E+0&g0.tab=1"
    gen_buf = "https://prometheus.kittiwake.example/graph?g0.expr=fluentbit_storage_fs_chunks_busy_bytes+%2F+fluentbit_storage_fs_limit_bytes+%3E+0.8&g0.tab=1"
    fpj, fpb = "8a4c1f0d2e7b9365", "d31f5a0e6c2b7718"
    return [
        payload(
            "firing", [al("firing", job_labels, job_ann, job_s, ZERO, fpj, gen_job)], job_labels
        ),
        payload(
            "firing", [al("firing", buf_labels, buf_ann, buf_s, ZERO, fpb, gen_buf)], buf_labels
        ),
        payload(
            "resolved",
            [al("resolved", job_labels, job_ann, job_s, job_e, fpj, gen_job)],
            job_labels,
        ),
        payload(
            "firing", [al("firing", buf_labels, buf_ann, buf_s, ZERO, fpb, gen_buf)], buf_labels
        ),  # repeat_interval 1h
        payload(
            "resolved",
            [al("resolved", buf_labels, buf_ann, buf_s, buf_e, fpb, gen_buf)],
            buf_labels,
        ),
    ]


def gitlog(times: Times) -> str:
    c = []

    def commit(at, who, subject, body="", merge=None, refs=None, key=None):
        sha = h("b1", subject, at)
        head = f"commit {sha}" + (f" ({refs})" if refs else "")
        lines = [head]
        if merge:
            lines.append(f"Merge: {merge[0]} {merge[1]}")
        p = PEOPLE[who]
        lines += [
            f"Author: {p.name} <{p.email}>",
            f"Date:   {git_date(at, p.tz)}",
            "",
            f"    {subject}",
        ]
        if body:
            lines.append("")
            lines += [f"    {x}" if x else "" for x in body.splitlines()]
        lines.append("")
        c.append((at, "\n".join(lines)))
        if key:
            times[key] = at.replace(microsecond=0)

    commit(t(8, 47, 19), "amara", "grafana: bump kube-state-metrics dashboards to 5.18")
    commit(
        t(9, 12, 44),
        "tomasz",
        "log-shipper: use a dedicated IRSA role instead of the node role",
        "Moves Fluent Bit off the node instance profile. The service account is\nannotated with the new log-shipper role; the node role loses logs:*.\n\nPart of PLAT-1183 (least privilege for DaemonSets).",
    )
    commit(
        t(9, 31, 8),
        "joel",
        "Merge pull request #412 from kittiwake/plat-1183-log-shipper-irsa",
        "log-shipper: use a dedicated IRSA role",
        merge=("4e1a9c2", "b7d03f5"),
        key="git_merge",
    )
    commit(
        t(10, 55, 12),
        "amara",
        'Revert "log-shipper: use a dedicated IRSA role instead of the node role"',
        f"This reverts commit {h('b1', 'log-shipper: use a dedicated IRSA role instead of the node role', t(9, 12, 44))}.\n\nThe role lives in the cluster account (4102...); log groups are in the\nlogging account (7730...), so PutLogEvents is denied.",
    )
    commit(
        t(10, 58, 30),
        "amara",
        "Merge pull request #415 from kittiwake/revert-412-plat-1183-log-shipper-irsa",
        'Revert "log-shipper: use a dedicated IRSA role"',
        merge=("9c6e2d1", "0f4b8a7"),
        refs="HEAD -> main, origin/main",
        key="git_revert",
    )
    c.sort(key=lambda x: x[0], reverse=True)
    return "\n".join(x[1] for x in c)


def k8s(times: Times) -> dict:
    rng = random.Random(5)
    items = []

    def ev(key=None, **kw):
        e, at = k8s_event(rng=rng, **kw)
        items.append(e)
        if key:
            times[key] = at

    kz = dict(
        kind="Kustomization",
        name="platform-logging",
        ns="flux-system",
        component="kustomize-controller",
        api="kustomize.toolkit.fluxcd.io/v1",
    )
    ds = dict(
        kind="DaemonSet",
        name="log-shipper",
        ns="logging",
        component="daemonset-controller",
        api="apps/v1",
    )
    ev(
        at=t(9, 40, 1),
        reason="Progressing",
        etype="Normal",
        message="ServiceAccount/logging/log-shipper configured\nDaemonSet/logging/log-shipper configured",
        **kz,
    )
    ev(
        key="flux_applied",
        at=t(9, 40, 3),
        reason="ReconciliationSucceeded",
        etype="Normal",
        message="Reconciliation finished in 1.84s, next run in 10m0s",
        **kz,
    )
    ev(
        at=t(9, 44, 46),
        first=t(9, 40, 4),
        count=38,
        reason="SuccessfulDelete",
        etype="Normal",
        message="(combined from similar events): Deleted pod: log-shipper-9hx2c",
        **ds,
    )
    ev(
        at=t(9, 44, 52),
        first=t(9, 40, 5),
        count=38,
        reason="SuccessfulCreate",
        etype="Normal",
        message="(combined from similar events): Created pod: log-shipper-tq7wd",
        **ds,
    )
    ev(
        at=t(9, 55, 20),
        reason="BackoffLimitExceeded",
        etype="Warning",
        kind="Job",
        name="nightly-ledger-export-28866175",
        ns="finance",
        component="job-controller",
        api="batch/v1",
        message="Job has reached the specified backoff limit",
    )
    ev(
        at=t(11, 5, 10),
        reason="Progressing",
        etype="Normal",
        message="ServiceAccount/logging/log-shipper configured\nDaemonSet/logging/log-shipper configured",
        **kz,
    )
    ev(
        key="flux_revert_applied",
        at=t(11, 5, 12),
        reason="ReconciliationSucceeded",
        etype="Normal",
        message="Reconciliation finished in 2.02s, next run in 10m0s",
        **kz,
    )
    ev(
        at=t(11, 28, 31),
        first=t(11, 5, 13),
        count=38,
        reason="SuccessfulDelete",
        etype="Normal",
        message="(combined from similar events): Deleted pod: log-shipper-tq7wd",
        **ds,
    )
    ev(
        at=t(11, 28, 40),
        first=t(11, 5, 14),
        count=38,
        reason="SuccessfulCreate",
        etype="Normal",
        message="(combined from similar events): Created pod: log-shipper-m4k8s",
        **ds,
    )
    items.sort(key=lambda e: e["lastTimestamp"] or e["eventTime"])
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def build(root: Path) -> dict:
    dest = root / NAME
    times = Times()
    write_slack_export(dest, PEOPLE, chat(), "Europe/Oslo", seed=19, times=times)
    write_json(dest / "alerts" / "pagerduty-log-entries.json", pagerduty(times))
    write_jsonl(dest / "alerts" / "alertmanager-webhook.jsonl", alertmanager(times))
    (dest / "changes").mkdir(parents=True, exist_ok=True)
    (dest / "changes" / "platform-infra.git-log.txt").write_text(gitlog(times), encoding="utf-8")
    write_json(dest / "changes" / "kubectl-events.json", k8s(times), indent=4)
    g = gold(
        name=NAME,
        kind="log-pipeline",
        modelled_on="dfds/PM2022-002 -  Logs not shipped to CloudWatch.md",
        tz=None,
        meeting_start=None,
        transcript_start=None,
        impact_start=times["flux_applied"],
        detected=times["pd_trigger"],
        acknowledged=times["pd_ack"],
        partially_mitigated=times["flux_revert_applied"],
        mitigated=times["inc_mitigated"],
        resolved=times["pd_resolve"],
        detection_source="employee",
        detected_by="support engineer (Service Desk) paging on-call by hand through the PagerDuty website",
        severity=None,
        key_events=[
            (times["git_merge"], "Merge pull request #412"),
            (times["flux_applied"], "Reconciliation finished in 1.84s"),
            (times["am_warn"], "LogShipperBufferSpaceLow"),
            (times["pd_trigger"], "no logs since"),
            (times["inc_cause"], "AccessDeniedException"),
            (times["inc_revert"], "Revert PR #415 merged"),
            (times["flux_revert_applied"], "Reconciliation finished in 2.02s"),
            (times["inc_mitigated"], "38/38 log-shipper pods"),
            (times["pd_resolve"], "Resolved by Ingrid Solberg"),
        ],
        impact_figures=["38 nodes", "about 60 minutes", "29 of 38", "about 50 minutes", "86%"],
        trigger="log-shipper moved to an IRSA role in the cluster account; log groups live in the logging account, so PutLogEvents was denied",
        contributing_factors=[
            "not known that prod log groups live in a different AWS account than the cluster",
            "cross-account logging setup and its parameters poorly documented",
            "buffer-space warning went to an unwatched channel and nobody acted on it",
            "alert name and text did not say that logs were being dropped",
            "change applied through Terraform and Flux, one abstraction further from the effect",
        ],
        action_item_themes=[
            "clearer name and text for the log buffer alert, and page on it",
            "diff everything when reviewing changes to critical services",
            "document cross-account logging",
        ],
        expected_owners=["Tomasz Wróbel", "Joel Lindqvist", "Amara Nwosu"],
        moment_notes={
            "impact_start": "PM: 12:00 new log-agent configuration deployed through Terraform and Flux; logs stop from then (TTR 109 counted from it). Here: Flux ReconciliationSucceeded for platform-logging (k8s event); responders also state the gap starts at 10:40 local (CET) = 09:40 UTC.",
            "detected": "PM: TTD 53 min, i.e. 12:53 'investigations started'; the 12:41 alert is not counted. Here the 10:21 LogShipperBufferSpaceLow warning only went to #platform-alerts and nobody acted (not detection); the first human signal is the support engineer's PagerDuty incident created through the website at 10:33:04 (53 min).",
            "acknowledged": "Not in the PM; PagerDuty acknowledgement by the on-call 2.6 min after the manual page (her chat 'ack' comes later).",
            "partially_mitigated": "PM: 13:25 DaemonSets being restarted with the correct ARN (+85). Here: Flux applies the revert (ReconciliationSucceeded 11:05:12) and pods start shipping again one by one.",
            "mitigated": "PM: 13:49 all DaemonSets running with the correct ARN (+109). Here: '38/38 log-shipper pods running with the correct role' in the incident channel.",
            "resolved": "PM gives recovery at +109; here the PagerDuty incident is resolved 33 s after the all-clear. The buffer warning's own resolve (11:36) is later and is not the incident's resolution.",
        },
    )
    write_json(dest / "gold.json", g)
    return g
