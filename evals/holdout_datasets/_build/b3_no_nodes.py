# ruff: noqa: E501
"""holdout-no-nodes: shaped on dfds/PM2023-001 (total node failure after a rollover gone wrong).

Shape kept (minutes from the unscheduled rollover starting): rollover times out +10, cluster
pipeline run +16 (desired capacity 30 -> 15), healthy nodes killed +17, "we have no nodes" +19,
rollover script retried +20, fails on a registry timeout +22, second attempt +23, new nodes
joining +28, Sev1 mail +31, load balancer healthy +32, Sev1 ticket +38, all-clear mail +39,
Sev1 resolved +90. Names, services and figures invented.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import timedelta
from pathlib import Path

from .kit import (
    Cue,
    P,
    SChannel,
    SMsg,
    Times,
    clock,
    cue_times,
    gold,
    h,
    utc,
    write_json,
    write_jsonl,
    write_slack_api,
)

NAME = "holdout-no-nodes"
D = (2025, 1, 14)


def t(hh, mm, ss=0, us=0):
    return utc(*D, hh, mm, ss, us)


PEOPLE = {
    "ravi": P("ravi", "Ravi Menon", "Platform Engineer"),
    "solveig": P("solveig", "Solveig Aas", "Platform Engineering Lead"),
    "nikolai": P("nikolai", "Nikolai Petrov", "Site Reliability Engineer", tz="Europe/Helsinki"),
    "chloe": P("chloe", "Chloé Dubois", "Platform Engineer", tz="Europe/Paris"),
    "ana": P("ana", "Ana Rojas", "Customer Service Team Lead", tz="Europe/Madrid"),
    "leon": P("leon", "Leon Schmidt", "Software Engineer, Appointments", tz="Europe/Berlin"),
}

IMPACT_STATED = t(13, 19, 0)  # "14:19 ASG terminated the 15 healthy nodes" (CET), not a record time
TRANSCRIPT_START = t(13, 22, 40)
INC = "inc-20250114-prod-no-nodes"


def channels() -> list[SChannel]:
    inc_cid = SChannel(INC, "", []).cid
    ops = [
        SMsg(
            t(12, 5, 40),
            "leon",
            "Is CloudWatch logging broken? Nothing from appointments-api in the log group since yesterday ~08:30",
            key="logs_report",
        ),
        SMsg(
            t(12, 31, 10),
            "ravi",
            "Found it: yesterday's scheduled rollover built the nodes with containerd as the runtime, and the log agent reads docker's log path. I'll do an unscheduled node rollover with the runtime set back at 14:00.",
            thread="logs_report",
            key="plan",
        ),
        SMsg(
            t(12, 33, 2),
            "solveig",
            "ok, go. Shout if you need a second pair of eyes",
            thread="logs_report",
        ),
        SMsg(
            t(13, 2, 20),
            "ravi",
            "starting node rollover on prod-eu (runtime back to dockershim)",
            key="roll_start",
        ),
        SMsg(
            t(13, 12, 40),
            "ravi",
            "rollover timed out, the 15 new nodes never joined the cluster. Looking",
        ),
        SMsg(
            t(13, 16, 30),
            "ravi",
            "Launch template probably has a runtime value bootstrap rejects. Running the cluster pipeline without rollover to apply the launch template fix",
        ),
        SMsg(
            t(13, 21, 10),
            "ravi",
            "uh oh. we have no nodes. The ASG terminated all 15 healthy nodes, only the 15 zombies from the failed rollover are left and none of them is Ready",
            key="detect",
        ),
        SMsg(
            t(13, 21, 35),
            "solveig",
            "ack, I'm IC. Nobody touches the ASG by hand. Ravi, get new nodes in with the rollover script. Bridge: https://kittiwake.zoom.us/j/81234567890",
            key="ack",
        ),
        SMsg(t(13, 22, 5), "nikolai", "joining the bridge", key="join1"),
        SMsg(t(13, 22, 31), "chloe", "joining"),
        SMsg(t(13, 23, 2), "solveig", "on the bridge"),
        SMsg(
            t(13, 24, 52),
            "ravi",
            "rollover script failed: timeout pulling the rollover image from Docker Hub. Retrying",
            key="retry_fail",
        ),
        SMsg(
            t(13, 25, 40),
            "ana",
            "Customer service here: phones are lighting up, patient portal and online booking show 503 for everyone",
            key="cs_report",
        ),
        SMsg(
            t(13, 26, 12),
            "solveig",
            "known, the whole prod cluster has no worker nodes. ETA about 10 minutes",
            thread="cs_report",
        ),
        SMsg(
            t(13, 28, 5),
            "chloe",
            "fyi the reporting-db CPU alarm is unrelated, that's the monthly export job",
        ),
        SMsg(t(13, 30, 20), "ravi", "new nodes joining: 6/15 Ready"),
        SMsg(
            t(13, 33, 0),
            "solveig",
            "Mailed Henrik and the Head of Operations to flag this as a Sev1",
            key="sev1_mail",
        ),
        SMsg(
            t(13, 34, 40),
            "nikolai",
            "ALB sees healthy targets again, portal loads for me",
            key="alb_ok_msg",
        ),
        SMsg(
            t(13, 35, 10), "ana", "confirmed from our side, booking works again", thread="cs_report"
        ),
        SMsg(t(13, 36, 30), "solveig", f"Moving to <#{inc_cid}|{INC}>"),
    ]
    inc = [
        SMsg(t(13, 36, 5), "solveig", kind="join"),
        SMsg(
            t(13, 36, 20),
            "solveig",
            "SEV1 | prod-eu lost all worker nodes | IC: Solveig | mitigated 14:34",
            kind="topic",
            key="topic",
        ),
        SMsg(t(13, 36, 40), "ravi", kind="join"),
        SMsg(t(13, 36, 44), "nikolai", kind="join"),
        SMsg(t(13, 36, 51), "chloe", kind="join"),
        SMsg(
            t(13, 37, 30),
            "solveig",
            "Timeline so far (CET): 14:02 unscheduled rollover, 14:12 it timed out with 15 zombie nodes, 14:18 cluster pipeline apply set the ASG desired capacity 30 -> 15, 14:19 ASG terminated the 15 healthy nodes, 14:21 Ravi noticed, 14:25 second rollover attempt, 14:34 ALB healthy again.",
            key="timeline",
        ),
        SMsg(t(13, 38, 10), "chloe", "all 15 new nodes Ready, pods still scheduling"),
        SMsg(
            t(13, 40, 15),
            "solveig",
            "Sev1 raised in PagerDuty (#3317, P1) for the record",
            key="pd_msg",
        ),
        SMsg(t(13, 41, 30), "solveig", "Follow-up mail sent: service restored at 14:34"),
        SMsg(t(13, 45, 2), "chloe", "412 pods Running, 0 Pending"),
        SMsg(
            t(13, 52, 20),
            "nikolai",
            "From the ALB logs: 48,310 requests got a 503 between 14:19 and 14:34. That's every request in the window.",
            key="figure",
        ),
        SMsg(
            t(14, 5, 10),
            "ravi",
            "The runtime value bootstrap wants is `dockerd`, not `dockershim`. That's why the first rollover's nodes never joined. Desired capacity stayed at 30 from the failed run, so the next apply set it back to 15 and the default termination policy removed the oldest launch template first: the good nodes.",
            key="cause",
        ),
        SMsg(
            t(14, 9, 45), "nikolai", "logs from appointments-api are arriving in CloudWatch again"
        ),
        SMsg(
            t(14, 30, 0),
            "solveig",
            "Resolving the Sev1. Follow-ups: Ravi documents the rollover process including what to do when it goes wrong, and adds a guard against invalid runtime values (already merged); Chloé adds log collection to the QA test suite and an alarm when no log data arrives; Nikolai writes up a staging environment proposal.",
            key="followups",
        ),
        SMsg(t(14, 31, 0), "ravi", "👍 guard is in, doc by Friday", thread="followups"),
    ]
    return [
        SChannel("platform-ops", "Cloud Platform day to day", ops),
        SChannel(
            INC,
            "Sev1: prod-eu without worker nodes",
            inc,
            topic="SEV1 | prod-eu lost all worker nodes | IC: Solveig | mitigated 14:34",
            topic_by="solveig",
            topic_at=t(13, 36, 20),
            created=t(13, 36, 5),
        ),
    ]


def cloudwatch(dest: Path, times: Times) -> None:
    rng = random.Random(41)
    acct = "553917284406"
    region = ("EU (Ireland)", "eu-west-1")

    def alarm(at, name, desc, new, old, reason, trigger, key=None):
        at = at.replace(microsecond=rng.randrange(1000) * 1000)
        msg = {
            "AlarmName": name,
            "AlarmDescription": desc,
            "AWSAccountId": acct,
            "AlarmConfigurationUpdatedTimestamp": "2024-09-03T08:12:44.201+0000",
            "NewStateValue": new,
            "NewStateReason": reason,
            "StateChangeTime": at.strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{at.microsecond // 1000:03d}+0000",
            "Region": region[0],
            "AlarmArn": f"arn:aws:cloudwatch:{region[1]}:{acct}:alarm:{name}",
            "OldStateValue": old,
            "OKActions": [f"arn:aws:sns:{region[1]}:{acct}:platform-alarms"],
            "AlarmActions": [f"arn:aws:sns:{region[1]}:{acct}:platform-alarms"],
            "InsufficientDataActions": [],
            "Trigger": trigger,
        }
        sns_at = at + timedelta(milliseconds=rng.randrange(300, 900))
        mid = str(uuid.UUID(h("sns", name, at, n=32)))
        rec = {
            "Records": [
                {
                    "EventSource": "aws:sns",
                    "EventVersion": "1.0",
                    "EventSubscriptionArn": f"arn:aws:sns:{region[1]}:{acct}:platform-alarms:{uuid.UUID(h('sub', n=32))}",
                    "Sns": {
                        "Type": "Notification",
                        "MessageId": mid,
                        "TopicArn": f"arn:aws:sns:{region[1]}:{acct}:platform-alarms",
                        "Subject": f'{new}: "{name}" in {region[0]}'[:100],
                        "Message": json.dumps(msg, separators=(",", ":")),
                        "Timestamp": sns_at.strftime("%Y-%m-%dT%H:%M:%S.")
                        + f"{sns_at.microsecond // 1000:03d}Z",
                        "SignatureVersion": "1",
                        "Signature": h("sig", mid, n=40) + "==",
                        "SigningCertUrl": f"https://sns.{region[1]}.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
                        "UnsubscribeUrl": f"https://sns.{region[1]}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:{region[1]}:{acct}:platform-alarms:{uuid.UUID(h('sub', n=32))}",
                        "MessageAttributes": {},
                    },
                }
            ]
        }
        if key:
            times[key] = at
        return rec

    alb = {
        "MetricName": "HealthyHostCount",
        "Namespace": "AWS/ApplicationELB",
        "StatisticType": "Statistic",
        "Statistic": "MINIMUM",
        "Unit": None,
        "Dimensions": [
            {"value": "targetgroup/prod-eu-web/6d0ecf831eec9f09", "name": "TargetGroup"},
            {"value": "app/prod-eu-web/50dc6c495c0c9188", "name": "LoadBalancer"},
        ],
        "Period": 60,
        "EvaluationPeriods": 2,
        "DatapointsToAlarm": 2,
        "ComparisonOperator": "LessThanThreshold",
        "Threshold": 2.0,
        "TreatMissingData": "breaching",
        "EvaluateLowSampleCountPercentile": "",
    }
    rds = {
        "MetricName": "CPUUtilization",
        "Namespace": "AWS/RDS",
        "StatisticType": "Statistic",
        "Statistic": "AVERAGE",
        "Unit": None,
        "Dimensions": [{"value": "reporting-db-1", "name": "DBInstanceIdentifier"}],
        "Period": 300,
        "EvaluationPeriods": 1,
        "ComparisonOperator": "GreaterThanThreshold",
        "Threshold": 85.0,
        "TreatMissingData": "missing",
        "EvaluateLowSampleCountPercentile": "",
    }
    alb_desc = "severity=warning. Fewer than 2 healthy targets behind the prod-eu-web load balancer for 2 minutes."
    recs = [
        alarm(
            t(13, 21, 43),
            "prod-eu-web-alb-healthy-hosts",
            alb_desc,
            "ALARM",
            "OK",
            "Threshold Crossed: 2 out of the last 2 datapoints [0.0 (14/01/25 13:20:00), 0.0 (14/01/25 13:19:00)] were less than the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).",
            alb,
            key="cw_alarm",
        ),
        alarm(
            t(13, 27, 4),
            "reporting-db-cpu-high",
            "severity=warning. reporting-db-1 average CPU above 85% for 5 minutes.",
            "ALARM",
            "OK",
            "Threshold Crossed: 1 datapoint [93.41 (14/01/25 13:22:00)] was greater than the threshold (85.0).",
            rds,
        ),
        alarm(
            t(13, 34, 21),
            "prod-eu-web-alb-healthy-hosts",
            alb_desc,
            "OK",
            "ALARM",
            "Threshold Crossed: 2 out of the last 2 datapoints [6.0 (14/01/25 13:33:00), 3.0 (14/01/25 13:32:00)] were not less than the threshold (2.0) (minimum 2 datapoints for ALARM -> OK transition).",
            alb,
            key="cw_ok",
        ),
        alarm(
            t(13, 57, 4),
            "reporting-db-cpu-high",
            "severity=warning. reporting-db-1 average CPU above 85% for 5 minutes.",
            "OK",
            "ALARM",
            "Threshold Crossed: 1 datapoint [41.07 (14/01/25 13:52:00)] was not greater than the threshold (85.0).",
            rds,
        ),
    ]
    for i, rec in enumerate(recs, 1):
        write_json(dest / "alerts" / f"sns-platform-alarms-{i:02d}.json", rec)


def pagerduty_v3(times: Times) -> list[dict]:
    rng = random.Random(43)
    inc_id = "Q0SEV1PRODEU7"
    title = "SEV1: prod-eu cluster lost all worker nodes"

    def uref(k):
        p = PEOPLE[k]
        return {
            "html_url": f"https://kittiwake.pagerduty.com/users/{p.pd}",
            "id": p.pd,
            "self": f"https://api.pagerduty.com/users/{p.pd}",
            "summary": p.name,
            "type": "user_reference",
        }

    prio = {
        "html_url": "https://kittiwake.pagerduty.com/account/incident_priorities",
        "id": "PQ1P1XX",
        "self": "https://api.pagerduty.com/priorities/PQ1P1XX",
        "summary": "P1",
        "type": "priority_reference",
    }

    def incident(status, priority, assignees):
        return {
            "html_url": f"https://kittiwake.pagerduty.com/incidents/{inc_id}",
            "id": inc_id,
            "self": f"https://api.pagerduty.com/incidents/{inc_id}",
            "type": "incident",
            "number": 3317,
            "status": status,
            "incident_key": h("key", NAME, n=32),
            "created_at": "2025-01-14T13:40:02Z",
            "title": title,
            "service": {
                "html_url": "https://kittiwake.pagerduty.com/services/PSEV1MJ",
                "id": "PSEV1MJ",
                "self": "https://api.pagerduty.com/services/PSEV1MJ",
                "summary": "Major Incidents",
                "type": "service_reference",
            },
            "assignees": assignees,
            "escalation_policy": {
                "html_url": "https://kittiwake.pagerduty.com/escalation_policies/PMAJ0R1",
                "id": "PMAJ0R1",
                "self": "https://api.pagerduty.com/escalation_policies/PMAJ0R1",
                "summary": "Major incident managers",
                "type": "escalation_policy_reference",
            },
            "teams": [
                {
                    "html_url": "https://kittiwake.pagerduty.com/teams/PTPLAT1",
                    "id": "PTPLAT1",
                    "self": "https://api.pagerduty.com/teams/PTPLAT1",
                    "summary": "Cloud Platform",
                    "type": "team_reference",
                }
            ],
            "priority": prio if priority else None,
            "urgency": "high",
            "conference_bridge": {
                "conference_number": "",
                "conference_url": "https://kittiwake.zoom.us/j/81234567890",
            },
            "resolve_reason": None,
        }

    out = []

    def ev(at, etype, agent, data, key=None):
        at = at.replace(microsecond=rng.randrange(1000) * 1000)
        out.append(
            {
                "event": {
                    "id": "01" + h("ev", etype, at, n=24).upper(),
                    "event_type": etype,
                    "resource_type": "incident",
                    "occurred_at": at.strftime("%Y-%m-%dT%H:%M:%S.")
                    + f"{at.microsecond // 1000:03d}Z",
                    "agent": agent,
                    "client": {"name": "PagerDuty Web"} if agent else None,
                    "data": data,
                }
            }
        )
        if key:
            times[key] = at

    ev(
        t(13, 40, 2),
        "incident.triggered",
        uref("solveig"),
        incident("triggered", False, [uref("solveig")]),
        key="pd_trigger",
    )
    ev(
        t(13, 40, 19),
        "incident.priority_updated",
        uref("solveig"),
        incident("triggered", True, [uref("solveig")]),
    )
    ev(
        t(13, 40, 44),
        "incident.acknowledged",
        uref("solveig"),
        incident("acknowledged", True, [uref("solveig")]),
    )
    ev(
        t(13, 41, 40),
        "incident.annotated",
        uref("solveig"),
        {
            "incident": {
                "html_url": f"https://kittiwake.pagerduty.com/incidents/{inc_id}",
                "id": inc_id,
                "self": f"https://api.pagerduty.com/incidents/{inc_id}",
                "summary": title,
                "type": "incident_reference",
            },
            "id": "PNOTE" + h("n", n=4).upper(),
            "content": "Service restored 14:34 CET (ALB healthy targets back). Cause: ASG desired capacity 30 -> 15 after a failed rollover; termination policy removed the healthy nodes.",
            "trimmed": False,
            "type": "incident_note",
        },
    )
    ev(
        t(14, 32, 10),
        "incident.resolved",
        uref("solveig"),
        incident("resolved", True, [uref("solveig")]),
        key="pd_resolve",
    )
    return out


def srt(cues: list[Cue]) -> bytes:
    parts = []
    for i, c in enumerate(cues, 1):
        parts += [
            str(i),
            f"{clock(c.start, ',')} --> {clock(c.end, ',')}",
            f"{PEOPLE[c.who].name}: {c.text}",
            "",
        ]
    return ("\ufeff" + "\n".join(parts)).encode("utf-8")


def transcript() -> list[Cue]:
    return [
        Cue(5.0, 8.5, "solveig", "Okay, I'm on. Ravi, where are we?"),
        Cue(
            9.8,
            27.0,
            "ravi",
            "The auto scaling group has zero healthy nodes. The apply set desired capacity from thirty to fifteen, and the termination policy took the oldest launch template, which were the good ones.",
        ),
        Cue(
            28.4,
            33.0,
            "solveig",
            "So the fifteen that are left are the zombies from the failed rollover?",
        ),
        Cue(33.6, 38.9, "ravi", "Yes. None of them ever joined."),
        Cue(41.0, 47.0, "ravi", "I've started the rollover script again to add nodes."),
        Cue(
            125.0,
            131.5,
            "ravi",
            "It failed. Timeout pulling the rollover image from Docker Hub.",
            key="cue_fail",
        ),
        Cue(134.0, 140.0, "nikolai", "Rate limit? We pull that one anonymously."),
        Cue(
            140.8,
            148.0,
            "ravi",
            "Maybe. Retrying, the image is cached on the runner now.",
            key="cue_retry",
        ),
        Cue(
            196.0,
            203.0,
            "chloe",
            "Customer service is asking in the channel, the portal is down for everyone.",
        ),
        Cue(204.0, 208.0, "solveig", "Tell them ten minutes."),
        Cue(
            282.0,
            290.0,
            "chloe",
            "The reporting database CPU alarm is just the monthly export job, ignore it.",
        ),
        Cue(455.0, 460.0, "ravi", "Nodes are joining. Six of fifteen Ready."),
        Cue(598.0, 604.0, "solveig", "I'm mailing Henrik now to flag a Sev one."),
        Cue(
            702.0,
            709.0,
            "nikolai",
            "Target group shows healthy targets. Portal loads for me.",
            key="cue_alb",
        ),
        Cue(
            740.0,
            748.0,
            "solveig",
            "Good. That's our mitigation, fourteen thirty-four. Keep watching the pods come up.",
        ),
        Cue(905.0, 910.0, "chloe", "All fifteen Ready, pods still scheduling."),
        Cue(
            958.0,
            966.0,
            "solveig",
            "Ravi, the runtime value in the launch template, what should it have been?",
        ),
        Cue(
            966.5,
            975.0,
            "ravi",
            "I'll check the bootstrap script. I think it wants dockerd, not dockershim.",
        ),
        Cue(1016.0, 1022.0, "solveig", "Let's end the call and carry on in the incident channel."),
    ]


def pipeline_log(times: Times) -> str:
    L = []

    def line(at, text, key=None):
        L.append(at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z " + text)
        if key:
            times[key] = at.replace(microsecond=(at.microsecond // 1000) * 1000)

    line(
        t(13, 2, 4, 118000),
        "INFO job=node-rollover pipeline=88121 status=started user=ravi.menon ref=main runtime=dockershim",
    )
    line(
        t(13, 2, 35, 77000),
        "INFO [node-rollover] aws_launch_template.workers: Modifications complete after 3s [latest_version=42]",
    )
    line(
        t(13, 2, 40, 512000),
        "INFO [node-rollover] scaling ASG prod-eu-workers desired_capacity 15 -> 30",
    )
    line(
        t(13, 12, 41, 9000),
        "ERROR [node-rollover] timeout: 0/15 new nodes Ready after 10m0s; leaving ASG at desired_capacity=30",
    )
    line(t(13, 12, 42, 260000), "ERROR job=node-rollover pipeline=88121 status=failed")
    line(
        t(13, 17, 58, 640000),
        "INFO job=eks-pipeline pipeline=88127 status=started user=ravi.menon ref=main rollover=false",
    )
    line(
        t(13, 18, 30, 11000),
        "INFO [eks-pipeline] Terraform will perform the following actions: ~ module.workers.aws_autoscaling_group.this desired_capacity = 30 -> 15",
    )
    line(
        t(13, 18, 47, 250000),
        "INFO [eks-pipeline] Apply complete! Resources: 0 added, 2 changed, 0 destroyed.",
        key="apply_complete",
    )
    line(t(13, 18, 48, 5000), "INFO job=eks-pipeline pipeline=88127 status=succeeded")
    line(
        t(13, 22, 12, 330000),
        "INFO job=node-rollover pipeline=88130 status=started user=ravi.menon ref=main runtime=dockerd",
    )
    line(
        t(13, 24, 41, 700000),
        "ERROR [node-rollover] pulling docker.io/kittiwake/eks-rollover:1.9: net/http: TLS handshake timeout",
    )
    line(
        t(13, 25, 9, 880000),
        "INFO job=node-rollover pipeline=88131 status=started user=ravi.menon ref=main runtime=dockerd (retry)",
        key="retry",
    )
    line(
        t(13, 25, 40, 122000),
        "INFO [node-rollover] scaling ASG prod-eu-workers desired_capacity 15 -> 30",
    )
    line(t(13, 30, 2, 604000), "INFO [node-rollover] 6/15 new nodes Ready")
    line(t(13, 37, 5, 317000), "INFO [node-rollover] 15/15 new nodes Ready")
    line(t(13, 39, 48, 441000), "INFO job=node-rollover pipeline=88131 status=succeeded")
    return "\n".join(L) + "\n"


def build(root: Path) -> dict:
    dest = root / NAME
    times = Times()
    write_slack_api(dest, PEOPLE, channels(), seed=31, times=times)
    cloudwatch(dest, times)
    write_jsonl(dest / "alerts" / "pagerduty-v3-webhooks.jsonl", pagerduty_v3(times))
    cues = transcript()
    cue_times(cues, TRANSCRIPT_START, times)
    (dest / "transcript").mkdir(parents=True, exist_ok=True)
    (dest / "transcript" / "zoom_bridge_recording.srt").write_bytes(srt(cues))
    (dest / "changes").mkdir(parents=True, exist_ok=True)
    (dest / "changes" / "eks-pipeline.log").write_text(pipeline_log(times), encoding="utf-8")
    g = gold(
        name=NAME,
        kind="capacity-loss",
        modelled_on="dfds/PM2023-001 - Total node failure.md",
        tz=None,
        meeting_start=None,
        transcript_start=TRANSCRIPT_START,
        impact_start=IMPACT_STATED,
        detected=times["detect"],
        acknowledged=times["ack"],
        partially_mitigated=None,
        mitigated=times["cw_ok"],
        resolved=times["pd_resolve"],
        detection_source="employee",
        detected_by="the platform engineer running the pipelines saw the cluster had no Ready nodes",
        severity="SEV1",
        key_events=[
            (times["roll_start"], "starting node rollover"),
            (times["apply_complete"], "Apply complete!"),
            (times["detect"], "we have no nodes"),
            (times["cw_alarm"], "prod-eu-web-alb-healthy-hosts"),
            (times["retry_fail"], "Docker Hub"),
            (times["retry"], "pipeline=88131"),
            (times["cw_ok"], "prod-eu-web-alb-healthy-hosts"),
            (times["pd_trigger"], "SEV1: prod-eu cluster lost all worker nodes"),
            (times["cause"], "dockerd"),
            (times["pd_resolve"], "SEV1"),
        ],
        impact_figures=["15 healthy nodes", "48,310", "412 pods", "30 -> 15"],
        trigger="after a failed rollover left desired capacity at 30, a cluster pipeline apply set it back to 15 and the ASG's default termination policy removed the 15 healthy nodes (oldest launch template)",
        contributing_factors=[
            "QA configuration differs from prod and there is no staging environment",
            "QA tests do not cover log collection",
            "rollover process undocumented, including what to do when it fails",
            "runtime value assumed to be dockershim when bootstrap expects dockerd",
            "default ASG termination policy removes the oldest launch template first",
        ],
        action_item_themes=[
            "document the rollover process and its failure handling",
            "guard against invalid container runtime values",
            "log collection in the QA test suite and an alarm on missing log data",
            "staging environment",
        ],
        expected_owners=["Ravi Menon", "Chloé Dubois", "Nikolai Petrov"],
        moment_notes={
            "impact_start": "PM: 10:46 healthy nodes all killed (TTD 2 = 10:46 -> 10:48). Here no record carries that moment: the IC's timeline message states '14:19 ASG terminated the 15 healthy nodes' (CET) = 13:19:00 UTC, 13 s after the pipeline's 'Apply complete!' (13:18:47) that caused it; the CloudWatch datapoints also go to 0 at 13:19.",
            "detected": "PM: 10:48 'We have no nodes'. Here: the engineer's 'we have no nodes' message at 13:21:10, 33 s before the CloudWatch healthy-hosts ALARM (13:21:43). The Sev1 PagerDuty incident at 13:40 is paperwork after mitigation, not detection.",
            "acknowledged": "Not in the PM. Here: the IC's 'ack, I'm IC' 25 s after the report; the PagerDuty acknowledgement (13:40:44) is much later.",
            "partially_mitigated": "None: nodes joining (13:30, 6/15 Ready) served no traffic until the load balancer saw healthy targets.",
            "mitigated": "PM: 11:01 LB detects new nodes as healthy, allowing traffic. Here: CloudWatch healthy-hosts alarm back to OK (StateChangeTime 13:34:21).",
            "resolved": "PM: 11:59 Sev1 ticket marked resolved. Here: PagerDuty incident.resolved at 14:32:10. The PM's own 'time to recovery: 13 minutes' is counted from detection to the LB recovery, not from impact.",
            "transcript_start": "SRT from the Zoom bridge, no start time; offset 00:00 is 13:22:40 UTC. Cues repeat chat a few seconds to a minute apart ('Timeout pulling ... Docker Hub' at 00:02:05 = 13:24:45 vs chat 13:24:52; 'healthy targets' 00:11:42 = 13:34:22 vs chat 13:34:40).",
            "severity": "SEV1 in the incident channel topic and PagerDuty priority P1; the CloudWatch alarm description says severity=warning.",
        },
    )
    write_json(dest / "gold.json", g)
    return g
