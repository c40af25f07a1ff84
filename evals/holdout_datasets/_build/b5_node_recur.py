# ruff: noqa: E501
"""holdout-node-recur: shaped on dfds/PM2024-001 (a node went NotReady twice in one day).

Shape kept (minutes from the first NotReady): Slack alert +2, seen +4, status page +11, SSH
fails +12, node responds +18, instance marked unhealthy +21, network x10 seen +24, drained +29,
terminated +35, status page resolved +129, agent blocked by LimitRange +179, removed +181, rogue
dev workload found +228, RDS link +234, scaled down and (wrongly) up again, second NotReady
alert +302, seen +308, scaled to 0 +314, new node +317, mail to owners +318, status page again
+325, owners acknowledge +351, closed next day +1399. Names and figures invented.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from .kit import (
    P,
    SChannel,
    SMsg,
    Times,
    git_date,
    gold,
    h,
    k8s_event,
    utc,
    write_json,
    write_slack_api,
)

NAME = "holdout-node-recur"
T0 = utc(2024, 10, 8, 7, 48, 31)


def m(mm: float, ss: float = 0):
    return T0 + timedelta(minutes=mm, seconds=ss)


PEOPLE = {
    "hedda": P("hedda", "Hedda Lund", "Platform Engineer"),
    "arjun": P("arjun", "Arjun Shah", "Site Reliability Engineer", tz="Europe/London"),
    "mikkel": P("mikkel", "Mikkel Juhl", "Platform Engineer", tz="Europe/Copenhagen"),
    "grace": P("grace", "Grace Obi", "Platform Engineering Lead", tz="Europe/London"),
    "tobias": P("tobias", "Tobias Wen", "Tech Lead, Claims", tz="Europe/Berlin"),
}
NODE1 = "ip-10-20-33-71.eu-west-1.compute.internal"
NODE2 = "ip-10-20-38-154.eu-west-1.compute.internal"
NODE3 = "ip-10-20-41-18.eu-west-1.compute.internal"


def am(title, text, color):
    return {
        "title": title,
        "title_link": "https://alertmanager.kittiwake.example/#/alerts?receiver=slack-k8s-alerts",
        "text": text,
        "color": color,
    }


def channels() -> list[SChannel]:
    a = "bot:Alertmanager"
    sp = "bot:Statuspage"
    alerts = [
        SMsg(
            m(-33, -19),
            a,
            key="warn_agent",
            att=am(
                "[FIRING:1] GrafanaAgentMemoryHigh (monitoring warning)",
                "*Alert:* grafana-agent-0 memory working set above 90% of node allocatable share - `warning`\n*Description:* grafana-agent-0 on "
                + NODE1
                + " uses 5.6GiB (limit none).",
                "warning",
            ),
        ),
        SMsg(
            m(2, 4),
            a,
            key="alert1",
            att=am(
                "[FIRING:1] KubeNodeNotReady (" + NODE1 + " critical)",
                "*Alert:* "
                + NODE1
                + " has been unready for more than 2 minutes - `critical`\n*Description:* Node condition Ready=Unknown (NodeStatusUnknown, kubelet stopped posting node status).",
                "danger",
            ),
        ),
        SMsg(m(4, 9), "hedda", "looking", thread="alert1", key="ack"),
        SMsg(
            m(6, 40),
            "hedda",
            "node is NotReady, requests on it were CPU 78% / memory 82% before it went. kubelet stopped posting status",
            thread="alert1",
        ),
        SMsg(m(12, 30), "hedda", "SSH to the node hangs, it's unresponsive", thread="alert1"),
        SMsg(
            m(18, 10),
            "hedda",
            "it's responding again, slowly. Not trusting it: marking the instance unhealthy so the ASG replaces it",
            thread="alert1",
        ),
        SMsg(
            m(35, 19),
            a,
            att=am(
                "[RESOLVED] KubeNodeNotReady (" + NODE1 + " critical)",
                "*Alert:* " + NODE1 + " has been unready for more than 2 minutes - `critical`",
                "good",
            ),
        ),
        SMsg(
            m(81, 40),
            a,
            att=am(
                "[FIRING:1] KubePersistentVolumeFillingUp (logging warning)",
                "*Alert:* PersistentVolume data-opensearch-logs-2 in logging is 91% full - `warning`",
                "warning",
            ),
        ),
        SMsg(
            m(96, 2),
            a,
            att=am(
                "[RESOLVED] GrafanaAgentMemoryHigh (monitoring warning)",
                "*Alert:* grafana-agent-0 memory working set above 90% of node allocatable share - `warning`",
                "good",
            ),
        ),
        SMsg(
            m(150, 11),
            a,
            att=am(
                "[RESOLVED] KubePersistentVolumeFillingUp (logging warning)",
                "*Alert:* PersistentVolume data-opensearch-logs-2 in logging is 91% full - `warning`",
                "good",
            ),
        ),
        SMsg(
            m(302, 2),
            a,
            key="alert2",
            att=am(
                "[FIRING:1] KubeNodeNotReady (" + NODE2 + " critical)",
                "*Alert:* "
                + NODE2
                + " has been unready for more than 2 minutes - `critical`\n*Description:* Node condition Ready=Unknown (NodeStatusUnknown, kubelet stopped posting node status).",
                "danger",
            ),
        ),
        SMsg(
            m(308, 20),
            "arjun",
            "seen, it's the replacement node from this morning. claims-scheduler-dev pods are on it again",
            thread="alert2",
            key="ack2",
        ),
        SMsg(
            m(317, 40),
            a,
            att=am(
                "[RESOLVED] KubeNodeNotReady (" + NODE2 + " critical)",
                "*Alert:* " + NODE2 + " has been unready for more than 2 minutes - `critical`",
                "good",
            ),
        ),
    ]
    plat = [
        SMsg(m(-70), "grace", "Reminder: AMI rollover for prod-eu is Thursday, not today"),
        SMsg(
            m(11, 5),
            "hedda",
            "declared an incident on the status page for the NotReady node in prod-eu, some workloads are restarting. Thread in k8s-alerts",
            key="declare_msg",
        ),
        SMsg(
            m(24, 30),
            "arjun",
            "CloudWatch: EC2 NetworkIn on that node went up about tenfold in the 40 minutes before it died, from ~60 MB/s to ~600 MB/s",
            key="net10x",
        ),
        SMsg(
            m(29, 15),
            "hedda",
            "cordoned and force-drained " + NODE1 + ". grafana-agent-0 was on it using 5.6GiB",
            key="drain",
        ),
        SMsg(
            m(35, 30),
            "hedda",
            "terminated the unhealthy instance, replacement "
            + NODE2
            + " is Ready and the evicted pods are Running again",
            key="partial",
        ),
        SMsg(
            m(128, 40),
            "hedda",
            "resolving the status page incident, cluster looks stable. Still want to know what ate the node",
            key="sp_resolve_msg",
        ),
        SMsg(
            m(179, 10),
            "mikkel",
            'grafana-agent has been down since the drain: `pods "grafana-agent-0" is forbidden: maximum memory usage per Container is 2Gi, but limit is 6Gi`. That\'s the new LimitRange in monitoring from yesterday',
            key="limitrange",
        ),
        SMsg(
            m(181, 30),
            "mikkel",
            "removed the LimitRange from monitoring and restarted grafana-agent, it's up",
        ),
        SMsg(
            m(228, 0),
            "arjun",
            "Got it, I think: claims-scheduler-dev (a dev container in the claims-dev namespace, but on prod nodes) runs Hangfire jobs that pull huge result sets, gets OOMKilled, restarts, pulls again. CrashLoopBackOff with an OOM every few minutes, 3 replicas, all landed on the node that died",
            key="rogue",
        ),
        SMsg(
            m(234, 20),
            "arjun",
            "and the claims-dev RDS instance shows the same pattern: read throughput spikes every time a pod restarts. That's the network traffic",
            key="rds",
        ),
        SMsg(
            m(265, 0),
            "arjun",
            "scaled claims-scheduler-dev to 0. EC2 network on the nodes back to normal after a few minutes",
            key="scale0_a",
        ),
        SMsg(
            m(287, 30),
            "arjun",
            "scaled it back to 3 replicas so we can catch it with more logging",
            key="scale3",
        ),
        SMsg(m(291, 0), "grace", "hmm, is that safe? it just took a node down"),
        SMsg(
            m(314, 30),
            "arjun",
            "scaled claims-scheduler-dev to 0 again, and it stays at 0 this time. My bad.",
            key="scale0_b",
        ),
        SMsg(
            m(317, 50),
            "hedda",
            "new node "
            + NODE3
            + " is Ready and claims-scheduler-dev is at 0 replicas. That's our mitigation until Claims fix the job",
            key="mitigated",
        ),
        SMsg(
            m(318, 40),
            "arjun",
            "emailed the Claims team with the OOM loop details and asked them to keep it at 0",
        ),
        SMsg(m(325, 10), "hedda", "declared on the status page again, since it came back"),
        SMsg(
            m(351, 30),
            "tobias",
            "Claims here, got the mail. We see it: the reconciliation job loads a whole month of claims in one query. Keeping it at 0 and working on a paged version",
            key="owners_ack",
        ),
        SMsg(
            m(356, 0),
            "grace",
            "thanks Tobias. Follow-ups for us: move grafana-agent to the monitoring node group (Mikkel), alert on cluster bandwidth (Arjun), memory limits for the grafana-agent chart and look at its usage (Hedda), and a wiki page with the CloudWatch and Prometheus queries we needed today (me). Also: dev workloads shouldn't share prod nodes, let's discuss Monday",
            key="followups",
        ),
        SMsg(m(358, 10), "mikkel", "I'll do the node group move", thread="followups"),
        SMsg(
            m(1398, 20),
            "tobias",
            "paged reconciliation is in claims-dev since yesterday evening, memory flat at 400MiB. OK from our side to close",
            key="owners_done",
        ),
    ]
    status = [
        SMsg(
            m(11, 0),
            sp,
            key="sp1",
            att={
                "title": "Investigating - Kubernetes (prod-eu): degraded",
                "text": "A node in the prod-eu cluster is unresponsive; some workloads are restarting on other nodes. We are investigating.",
                "color": "#e86f30",
            },
        ),
        SMsg(
            m(36, 5),
            sp,
            att={
                "title": "Monitoring - Kubernetes (prod-eu): degraded",
                "text": "The unresponsive node was replaced and workloads are running again. We are monitoring.",
                "color": "#f1c40f",
            },
        ),
        SMsg(
            m(129, 0),
            sp,
            key="sp1_resolved",
            att={
                "title": "Resolved - Kubernetes (prod-eu): degraded",
                "text": "This incident has been resolved.",
                "color": "#2fcc66",
            },
        ),
        SMsg(
            m(325, 0),
            sp,
            key="sp2",
            att={
                "title": "Investigating - Kubernetes (prod-eu): node unresponsive again",
                "text": "Another node became unresponsive; a replacement has been added and the cause has been stopped. We are investigating with the owning team.",
                "color": "#e86f30",
            },
        ),
        SMsg(
            m(352, 0),
            sp,
            att={
                "title": "Identified - Kubernetes (prod-eu): node unresponsive again",
                "text": "The owning team confirmed the cause and is working on a fix. The workload stays scaled down.",
                "color": "#e86f30",
            },
        ),
        SMsg(
            m(1399, 0),
            sp,
            key="sp2_resolved",
            att={
                "title": "Resolved - Kubernetes (prod-eu): node unresponsive again",
                "text": "This incident has been resolved.",
                "color": "#2fcc66",
            },
        ),
    ]
    return [
        SChannel(
            "k8s-alerts", "Alertmanager for prod-eu. Platform on duty watches this channel.", alerts
        ),
        SChannel("platform", "Cloud Platform team", plat),
        SChannel("status-updates", "Status page updates (automatic)", status),
    ]


def k8s(times: Times) -> dict:
    rng = random.Random(61)
    items = []

    def ev(key=None, **kw):
        e, at = k8s_event(rng=rng, **kw)
        items.append(e)
        if key:
            times[key] = at

    node = dict(kind="Node", ns="", api="v1")
    ev(
        key="notready1",
        at=m(0),
        reason="NodeNotReady",
        etype="Normal",
        name=NODE1,
        message=f"Node {NODE1} status is now: NodeNotReady",
        component="node-controller",
        **node,
    )
    ev(
        at=m(21, 40),
        reason="RegisteredNode",
        etype="Normal",
        name=NODE2,
        message=f"Node {NODE2} event: Registered Node {NODE2} in Controller",
        component="node-controller",
        **node,
    )
    ev(
        at=m(23, 5),
        reason="NodeReady",
        etype="Normal",
        name=NODE2,
        message=f"Node {NODE2} status is now: NodeReady",
        component="kubelet",
        host=NODE2,
        **node,
    )
    ev(
        at=m(29, 2),
        reason="NodeNotSchedulable",
        etype="Normal",
        name=NODE1,
        message=f"Node {NODE1} status is now: NodeNotSchedulable",
        component="kubelet",
        host=NODE1,
        **node,
    )
    ev(
        at=m(35, 40),
        reason="RemovingNode",
        etype="Normal",
        name=NODE1,
        message=f"Node {NODE1} event: Removing Node {NODE1} from Controller",
        component="node-controller",
        **node,
    )
    ev(
        at=m(179, 2),
        first=m(29, 30),
        count=87,
        reason="FailedCreate",
        etype="Warning",
        kind="StatefulSet",
        name="grafana-agent",
        ns="monitoring",
        api="apps/v1",
        component="statefulset-controller",
        message='create Pod grafana-agent-0 in StatefulSet grafana-agent failed error: pods "grafana-agent-0" is forbidden: maximum memory usage per Container is 2Gi, but limit is 6Gi',
    )
    ev(
        at=m(181, 20),
        reason="SuccessfulCreate",
        etype="Normal",
        kind="StatefulSet",
        name="grafana-agent",
        ns="monitoring",
        api="apps/v1",
        component="statefulset-controller",
        message="create Pod grafana-agent-0 in StatefulSet grafana-agent successful",
    )
    pod1 = "claims-scheduler-dev-7d9c6b5f4-x2kqp"
    pod2 = "claims-scheduler-dev-7d9c6b5f4-r7mtd"
    pod3 = "claims-scheduler-dev-7d9c6b5f4-w9zlc"
    fp = "spec.containers{scheduler}"
    backoff = "Back-off restarting failed container scheduler in pod {}_claims-dev({})"
    oom = "Memory cgroup out of memory: Killed process {} (dotnet) total-vm:14872212kB, anon-rss:3998120kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:8324kB oom_score_adj:999"
    ev(
        at=m(-1, -10),
        first=m(-95),
        count=38,
        reason="OOMKilling",
        etype="Warning",
        kind="Node",
        name=NODE1,
        ns="",
        api="v1",
        component="kernel-monitor",
        host=NODE1,
        message=oom.format(31877),
    )
    ev(
        at=m(29, 20),
        first=m(-94, 30),
        count=141,
        reason="BackOff",
        etype="Warning",
        kind="Pod",
        name=pod1,
        ns="claims-dev",
        component="kubelet",
        host=NODE1,
        field_path=fp,
        message=backoff.format(pod1, "5b6c1e0a-31f2-4d8e-9a7b-0c1d2e3f4a5b"),
    )
    ev(
        at=m(226, 40),
        first=m(31, 5),
        count=71,
        reason="BackOff",
        etype="Warning",
        kind="Pod",
        name=pod2,
        ns="claims-dev",
        component="kubelet",
        host=NODE2,
        field_path=fp,
        message=backoff.format(pod2, "8e2d4c6a-0b1f-4e3d-a5c7-9f8e7d6c5b4a"),
    )
    ev(
        at=m(227, 10),
        first=m(32, 0),
        count=26,
        reason="OOMKilling",
        etype="Warning",
        kind="Node",
        name=NODE2,
        ns="",
        api="v1",
        component="kernel-monitor",
        host=NODE2,
        message=oom.format(48211),
    )
    ev(
        at=m(
            265,
            0,
        )
        - timedelta(seconds=20),
        reason="ScalingReplicaSet",
        etype="Normal",
        kind="Deployment",
        name="claims-scheduler-dev",
        ns="claims-dev",
        api="apps/v1",
        component="deployment-controller",
        message="Scaled down replica set claims-scheduler-dev-7d9c6b5f4 to 0 from 3",
    )
    ev(
        at=m(287, 5),
        reason="ScalingReplicaSet",
        etype="Normal",
        kind="Deployment",
        name="claims-scheduler-dev",
        ns="claims-dev",
        api="apps/v1",
        component="deployment-controller",
        message="Scaled up replica set claims-scheduler-dev-7d9c6b5f4 to 3 from 0",
    )
    ev(
        at=m(299, 40),
        first=m(289, 50),
        count=9,
        reason="OOMKilling",
        etype="Warning",
        kind="Node",
        name=NODE2,
        ns="",
        api="v1",
        component="kernel-monitor",
        host=NODE2,
        message=oom.format(50934),
    )
    ev(
        at=m(299, 50),
        first=m(290, 5),
        count=14,
        reason="BackOff",
        etype="Warning",
        kind="Pod",
        name=pod3,
        ns="claims-dev",
        component="kubelet",
        host=NODE2,
        field_path=fp,
        message=backoff.format(pod3, "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
    )
    ev(
        key="notready2",
        at=m(300, 7),
        reason="NodeNotReady",
        etype="Normal",
        name=NODE2,
        message=f"Node {NODE2} status is now: NodeNotReady",
        component="node-controller",
        **node,
    )
    ev(
        key="scale0_b_ev",
        at=m(314, 12),
        reason="ScalingReplicaSet",
        etype="Normal",
        kind="Deployment",
        name="claims-scheduler-dev",
        ns="claims-dev",
        api="apps/v1",
        component="deployment-controller",
        message="Scaled down replica set claims-scheduler-dev-7d9c6b5f4 to 0 from 3",
    )
    ev(
        at=m(316, 2),
        reason="RegisteredNode",
        etype="Normal",
        name=NODE3,
        message=f"Node {NODE3} event: Registered Node {NODE3} in Controller",
        component="node-controller",
        **node,
    )
    ev(
        key="node3_ready",
        at=m(317, 15),
        reason="NodeReady",
        etype="Normal",
        name=NODE3,
        message=f"Node {NODE3} status is now: NodeReady",
        component="kubelet",
        host=NODE3,
        **node,
    )
    items.sort(key=lambda e: e["lastTimestamp"] or e["eventTime"])
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


def gitlog(times: Times) -> str:
    out = []

    def commit(at, who, subject, body, key=None):
        p = PEOPLE[who]
        sha = h("b5", subject, at)
        lines = [
            f"commit {sha}",
            f"Author: {p.name} <{p.email}>",
            f"Date:   {git_date(at, p.tz)}",
            "",
            f"    {subject}",
            "",
        ]
        lines += [f"    {x}" if x else "" for x in body.splitlines()]
        lines.append("")
        out.append((at, "\n".join(lines)))
        if key:
            times[key] = at.replace(microsecond=0)

    commit(
        utc(2024, 10, 7, 14, 22, 48),
        "mikkel",
        "namespaces: default LimitRange for every namespace",
        "Containers without limits get 512Mi default and 2Gi max per container.\nApplies to all namespaces managed by the platform, including monitoring.",
        key="limitrange_commit",
    )
    commit(
        utc(2024, 10, 7, 9, 5, 12),
        "grace",
        "grafana-agent: scrape claims-dev and claims-prod",
        "Adds the two Claims namespaces to the agent's scrape config.",
    )
    commit(
        m(183, 40),
        "mikkel",
        "namespaces: exclude monitoring from the default LimitRange",
        "grafana-agent needs 6Gi; the 2Gi max blocked its pod after a drain.",
        key="limitrange_fix",
    )
    out.sort(key=lambda x: x[0], reverse=True)
    return "\n".join(x[1] for x in out)


def build(root: Path) -> dict:
    dest = root / NAME
    times = Times()
    write_slack_api(dest, PEOPLE, channels(), seed=67, times=times)
    write_json(dest / "changes" / "cluster-events.json", k8s(times), indent=4)
    (dest / "changes" / "platform-namespaces.git-log.txt").write_text(
        gitlog(times), encoding="utf-8"
    )
    g = gold(
        name=NAME,
        kind="node-failure-recurring",
        modelled_on="dfds/PM2024-001 - Two Kubernetes nodes went into NotReady state.md",
        tz=None,
        meeting_start=None,
        transcript_start=None,
        impact_start=times["notready1"],
        detected=times["alert1"],
        acknowledged=times["ack"],
        partially_mitigated=times["partial"],
        mitigated=times["mitigated"],
        resolved=times["sp2_resolved"],
        detection_source="monitoring",
        detected_by="Alertmanager KubeNodeNotReady alert posted to the watched #k8s-alerts Slack channel",
        severity=None,
        key_events=[
            (times["warn_agent"], "GrafanaAgentMemoryHigh"),
            (times["notready1"], "NodeNotReady"),
            (times["alert1"], "KubeNodeNotReady"),
            (times["net10x"], "tenfold"),
            (times["partial"], "terminated the unhealthy instance"),
            (times["limitrange"], "LimitRange"),
            (times["rogue"], "claims-scheduler-dev"),
            (times["alert2"], "KubeNodeNotReady"),
            (times["mitigated"], "That's our mitigation"),
            (times["sp2_resolved"], "Resolved"),
        ],
        impact_figures=["CPU 78% / memory 82%", "tenfold", "5.6GiB", "3 replicas"],
        trigger="a dev Hangfire workload on prod nodes looped through OOM kills, pulling large result sets from RDS, until the node (shared with a memory-heavy grafana-agent) became unresponsive; scaling it back up repeated it on the replacement node",
        contributing_factors=[
            "dev workloads mixed with prod workloads on the same nodes",
            "grafana-agent not on the dedicated monitoring node group and without memory limits",
            "a new default LimitRange blocked grafana-agent after the drain",
            "the rogue workload was scaled back up before the owners fixed it",
            "CloudWatch metrics knowledge not shared in the team",
        ],
        action_item_themes=[
            "move grafana-agent to the monitoring node group",
            "alert on cluster bandwidth",
            "memory limits for grafana-agent and investigate its usage",
            "wiki page with queries for node investigations",
            "separate dev from prod workloads",
        ],
        expected_owners=["Mikkel Juhl", "Arjun Shah", "Hedda Lund", "Grace Obi"],
        moment_notes={
            "impact_start": "PM: 10:01 node entered NotReady state (TTD 4 counted from it). Here: the node-controller NodeNotReady event for the first node.",
            "detected": "PM: 10:03 'Alert triggered on Slack', 10:05 'Alert discovered' (the PM's TTD of 4 counts to the discovery). Here, by the holdout definition (an alert in a watched channel that someone responded to), detection is the Alertmanager KubeNodeNotReady message at +2 min. The GrafanaAgentMemoryHigh warning 33 min earlier got no response and is not detection.",
            "acknowledged": "PM: 10:05 alert discovered, investigations started. Here: 'looking' reply in the alert's thread at +4 min.",
            "partially_mitigated": "PM: 10:36 unhealthy EC2 instance terminated (first node replaced; the problem came back at 15:03). Here: 'terminated the unhealthy instance ... evicted pods are Running again' at +35.",
            "mitigated": "PM: 15:15 rogue dev container scaled to 0 again, 15:18 new node added. Here: 'new node ... is Ready and claims-scheduler-dev is at 0 replicas. That's our mitigation' at +317.",
            "resolved": "PM: incident closed 2024-03-14 09:20, 1399 min after the first NotReady; its stats line says 'Time to recovery: 399 minutes', which matches nothing in its timeline and reads as a dropped digit. Here: the status page 'Resolved' for the second declaration next morning (+1399). The first status page 'Resolved' at +129 is a false all-clear, not the resolution.",
        },
    )
    write_json(dest / "gold.json", g)
    return g
