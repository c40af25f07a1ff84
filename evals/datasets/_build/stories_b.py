# ruff: noqa: E501  (story text and vendor payload literals read better unwrapped)
"""Bundles 6-10: queue-backlog, memory-leak, config-push, third-party-outage, near-miss."""

from __future__ import annotations

from .render import Alert, Change, Cue, Msg, Story, write_bundle
from .stories_a import P, clock


# ------------------------------------------------------------------ 6. queue-backlog
def queue_backlog(root):
    t = clock("2024-09-12")
    people = dict(
        [
            P("noah", "Noah Kim", "SRE", "America/New_York"),
            P("fatima", "Fatima Zahra", "Backend Engineer, Fulfillment", "America/New_York"),
            P("george", "George Adams", "Engineering Manager, Fulfillment", "America/New_York"),
            P("lucia", "Lucía Fernández", "Operations Manager, Warehouse", "America/Chicago"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("15:20:35"),
            "bot:Grafana",
            "",
            card={
                "title": "[FIRING:1] FulfillmentConsumerLag (fulfillment-worker critical platform)",
                "text": "consumer lag on order-events above 50k for 10m",
            },
        ),
        M(t("15:24:10"), "noah", "ack, fulfillment-worker lag alert, looking", key="ack"),
        M(
            t("15:27:30"),
            "noah",
            "lag is 180k and growing ~9k/min. Consumers are alive but commit no offsets",
        ),
        M(
            t("15:29:05"),
            "noah",
            "logs: `DeserializationException: unknown enum value EXPRESS_PLUS for field shipping_tier` on partition 7, the consumer retries the same message forever",
            key="poison",
        ),
        M(
            t("15:30:20"),
            "fatima",
            "order-service 5.2.0 added EXPRESS_PLUS at 14:58. fulfillment-worker doesn't know it yet",
            thread="poison",
        ),
        M(
            t("15:31:00"),
            "noah",
            "and the whole consumer group stalls because one partition blocks the batch",
            thread="poison",
        ),
        M(
            t("15:33:45"),
            "george",
            "options: deploy the worker with the new enum, or skip the message to the DLQ?",
        ),
        M(
            t("15:35:10"),
            "fatima",
            "the worker build with the new enum needs ~40 min through CI. Skipping is minutes",
        ),
        M(
            t("15:36:00"),
            "george",
            "Decision: move the poison messages to the DLQ now, ship the worker fix after",
            key="decision",
        ),
        M(
            t("15:41:30"),
            "lucia",
            "warehouse here: pick lists stopped at 15:05, we have 2 shifts standing around",
        ),
        M(t("15:44:50"), "noah", "lag peaked at 2.3M messages", key="peak"),
        M(
            t("15:52:15"),
            "fatima",
            "skipper job moved 312 EXPRESS_PLUS messages to order-events.dlq",
        ),
        M(
            t("16:02:30"),
            "noah",
            "poison message skipped to DLQ; consumer processing again, lag falling 60k/min. Mitigated",
            key="mitigated",
        ),
        M(t("16:05:00"), "lucia", "pick lists flowing again"),
        M(t("16:48:20"), "fatima", "worker 3.9.1 with EXPRESS_PLUS deployed, replaying the DLQ"),
        M(t("17:06:40"), "noah", "alert resolved, lag 0"),
        M(
            t("17:10:05"),
            "george",
            "impact: about 4,800 orders shipped late, roughly 1h45m delay at worst",
            key="figure",
        ),
        M(
            t("17:12:30"),
            "fatima",
            "action item: consumers send undecodable messages to the DLQ after 3 attempts instead of retrying forever",
        ),
        M(
            t("17:13:10"),
            "noah",
            "we should add a schema compatibility check in CI between order-service and its consumers",
        ),
        M(t("17:14:00"), "george", "and the lag alert should fire after 3m, not 10m"),
    ]
    alerts = [
        Alert(
            t("15:20:00"),
            "trigger",
            "FulfillmentConsumerLag",
            "consumer lag on order-events above 50k for 10m",
            key="trigger",
            value="183412",
        ),
        Alert(t("15:25:00"), "repeat", "FulfillmentConsumerLag"),
        Alert(t("15:30:00"), "repeat", "FulfillmentConsumerLag"),
        Alert(t("17:05:00"), "resolve", "FulfillmentConsumerLag", key="resolve"),
    ]
    cues = [
        Cue(4, 11, "george", "George here. Noah, summary please."),
        Cue(
            12,
            27,
            "noah",
            "The fulfillment worker is stuck on messages with a shipping tier it doesn't know. It retries them forever and the group stalls.",
        ),
        Cue(
            28,
            38,
            "fatima",
            "The new tier came with order service five two, deployed just before three.",
        ),
        Cue(39, 47, "george", "Can we roll back order service instead?"),
        Cue(
            48,
            60,
            "fatima",
            "Rolling back won't unstick the messages already in the topic. We need to skip them.",
        ),
        Cue(61, 67, "george", "Okay, skip them to the DLQ, then ship the worker fix."),
        Cue(
            68,
            79,
            "lucia",
            "The warehouse has been idle since five past three, so anything that's quick.",
        ),
        Cue(
            1720,
            1730,
            "noah",
            "Consumers are processing again. Lag is falling sixty thousand a minute.",
        ),
        Cue(
            1731,
            1743,
            "george",
            "Thanks. For the review: DLQ after retries, a schema check in CI, and a faster lag alert.",
        ),
    ]
    changes = [
        Change(
            t("13:30:00"),
            "fatima",
            "deploy fulfillment-worker 3.9.0",
            kind="deploy",
            extra={"service": "fulfillment-worker", "version": "3.9.0"},
        ),
        Change(
            t("14:58:12"),
            "fatima",
            "deploy order-service 5.2.0: EXPRESS_PLUS shipping tier",
            kind="deploy",
            key="deploy",
            extra={"service": "order-service", "version": "5.2.0"},
        ),
        Change(
            t("15:50:40"),
            "noah",
            "run dlq-skipper on order-events partition 7",
            kind="ops",
            extra={"service": "fulfillment-worker", "version": "3.9.0"},
        ),
        Change(
            t("16:47:55"),
            "fatima",
            "deploy fulfillment-worker 3.9.1: support EXPRESS_PLUS",
            kind="deploy",
            key="fix",
            extra={"service": "fulfillment-worker", "version": "3.9.1"},
        ),
    ]
    s = Story(
        "queue-backlog",
        "queue-backlog",
        people,
        "fulfillment-worker",
        "inc-fulfillment",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("15:34:00"),
        chat_format="slack-api",
        alert_format="grafana",
        transcript_format="srt",
        change_format="csv-naive",
        tz="America/New_York",
        seed=606,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "trigger",
            "detected": "trigger",
            "acknowledged": "ack",
            "mitigated": "mitigated",
            "resolved": "resolve",
        },
        [
            ("deploy", "order-service 5.2.0"),
            ("trigger", "FulfillmentConsumerLag"),
            ("ack", "ack"),
            ("poison", "unknown enum value EXPRESS_PLUS"),
            ("decision", "move the poison messages to the DLQ"),
            ("peak", "2.3M"),
            ("mitigated", "poison message skipped to DLQ"),
            ("resolve", "FulfillmentConsumerLag"),
        ],
        impact_figures=["2.3M", "4,800", "1h45m"],
        trigger="order-service 5.2.0 published a shipping tier the fulfillment consumers could not decode",
        contributing_factors=[
            "consumer retried undecodable messages forever",
            "no schema compatibility check between producer and consumers",
            "lag alert waits 10 minutes",
        ],
        action_item_themes=[
            "dead-letter undecodable messages after retries",
            "schema compatibility check in CI",
            "faster consumer lag alert",
        ],
        expected_owners=["Fatima Zahra", "Noah Kim", "George Adams"],
    )


# ------------------------------------------------------------------ 7. memory-leak
def memory_leak(root):
    t = clock("2024-10-03")
    people = dict(
        [
            P("elif", "Elif Demir", "SRE", "Europe/Istanbul"),
            P("hugo", "Hugo Laurent", "Backend Engineer, Media", "Europe/Paris"),
            P("aisha", "Aisha Bello", "Seller Support", "Europe/London"),
            P("tom", "Tom Becker", "Engineering Manager, Media", "Europe/Berlin"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("08:20:14"),
            "aisha",
            'sellers say image uploads fail sometimes with "upload failed, try again". Not all of them',
            key="report",
        ),
        M(t("08:26:40"), "aisha", "about 1 in 15 uploads according to the seller forum thread"),
        M(
            t("08:31:40"),
            "bot:Alertmanager",
            "",
            card={
                "title": "[FIRING:1] ImageResizerHighErrorRate image-resizer (critical)",
                "text": "image-resizer 5xx ratio above 3% for 5m",
            },
        ),
        M(t("08:44:10"), "aisha", "{@elif} is anyone looking at the alert? still seeing failures"),
        M(t("08:52:03"), "elif", "ack, sorry, I was in the data-centre call. On it now", key="ack"),
        M(
            t("08:55:30"),
            "elif",
            "image-resizer pods OOMKilled 4 times since 08:12, memory climbs ~25MiB/min under morning HEIC traffic until the 1GiB limit",
            key="oom",
        ),
        M(t("08:57:45"), "hugo", "hugo", join=True),
        M(
            t("08:58:20"),
            "hugo",
            "3.8.0 went out yesterday at 18:00 with the new HEIC decoder. It keeps a decode buffer per request and doesn't free it on errors",
            key="cause",
        ),
        M(t("09:00:05"), "tom", "can we roll back to 3.7.2? anything depending on HEIC?"),
        M(
            t("09:01:30"),
            "hugo",
            "only the iOS upload flow, it falls back to JPEG conversion on the client",
        ),
        M(
            t("09:02:15"),
            "tom",
            "Decision: roll back image-resizer to 3.7.2. Hugo fixes the decoder separately",
            key="decision",
        ),
        M(t("09:05:40"), "hugo", "rollback started"),
        M(
            t("09:18:30"),
            "elif",
            "6.5% of uploads failed since 08:12, ~1,100 uploads",
            key="figure",
        ),
        M(
            t("09:40:20"),
            "elif",
            "memory flat at 310MiB on 3.7.2 since the rollback, no restarts. Mitigated",
            key="mitigated",
        ),
        M(
            t("09:53:00"),
            "bot:Alertmanager",
            "",
            card={
                "title": "[RESOLVED] ImageResizerHighErrorRate image-resizer (critical)",
                "text": "image-resizer 5xx ratio above 3% for 5m",
            },
        ),
        M(
            t("10:05:15"),
            "hugo",
            "found it: the buffer pool leaks on decode errors. Fix + a soak test in review",
        ),
        M(
            t("10:07:30"),
            "elif",
            "action item: add a memory-growth soak test (2h) to the image-resizer release pipeline",
        ),
        M(
            t("10:08:10"),
            "tom",
            "we should add an alert on container restarts > 3/h for every service",
        ),
        M(
            t("10:09:00"),
            "elif",
            "and the on-call handover should name a backup when the primary is in a long call",
        ),
    ]
    alerts = [
        Alert(
            t("08:31:10"),
            "trigger",
            "ImageResizerHighErrorRate",
            "image-resizer 5xx ratio above 3% for 5m (currently 6.1%)",
            key="trigger",
        ),
        Alert(
            t("08:33:25"),
            "trigger",
            "KubePodCrashLooping",
            "Pod media/image-resizer-5c8d7f9b4-h7k2p is restarting 2.1 times / 10 minutes",
        ),
        Alert(t("08:43:10"), "repeat", "ImageResizerHighErrorRate"),
        Alert(t("08:53:10"), "repeat", "ImageResizerHighErrorRate"),
        Alert(t("09:21:25"), "resolve", "KubePodCrashLooping"),
        Alert(t("09:52:40"), "resolve", "ImageResizerHighErrorRate", key="resolve"),
    ]
    cues = [
        Cue(5, 12, "tom", "Tom here. Elif, where are we?"),
        Cue(
            13,
            27,
            "elif",
            "Image resizer is OOM killed every ten minutes or so. Every restart drops the uploads in flight.",
        ),
        Cue(
            28,
            41,
            "hugo",
            "It's the HEIC decoder from three eight. On a decode error it keeps its buffer, so memory climbs until the limit.",
        ),
        Cue(42, 49, "tom", "Roll back or raise the memory limit?"),
        Cue(50, 61, "elif", "Raising the limit only stretches the interval. I'd roll back."),
        Cue(62, 70, "tom", "Agreed, roll back to three seven two."),
        Cue(71, 84, "aisha", "I'll tell sellers to retry failed uploads. Should I say it's fixed?"),
        Cue(85, 92, "tom", "Say we're rolling out a fix, not fixed yet."),
        Cue(2655, 2668, "elif", "Memory is flat on three seven two for half an hour. No restarts."),
        Cue(
            2669,
            2680,
            "tom",
            "Good. For the review: a soak test, a restart alert, and backup on-call.",
        ),
    ]
    changes = [
        Change(
            t("18:00:20", -1),
            "hugo",
            "Scaled up replica set image-resizer-5c8d7f9b4 to 6",
            kind="k8s:ScalingReplicaSet:Normal:Deployment/image-resizer",
            key="deploy",
            extra={"namespace": "media"},
        ),
        Change(
            t("08:55:02"),
            "elif",
            "Memory cgroup out of memory: Killed process 41873 (image-resizer) total-vm:2459812kB, anon-rss:1048052kB",
            kind="k8s:OOMKilling:Warning:Node/gke-media-pool-2-b7c1",
            key="oomk",
            extra={
                "namespace": "",
                "count": 4,
                "first": t("08:12:30"),
                "component": "kernel-monitor",
                "host": "gke-media-pool-2-b7c1",
            },
        ),
        Change(
            t("08:55:40"),
            "elif",
            "Back-off restarting failed container image-resizer in pod image-resizer-5c8d7f9b4-h7k2p_media",
            kind="k8s:BackOff:Warning:Pod/image-resizer-5c8d7f9b4-h7k2p",
            extra={
                "namespace": "media",
                "count": 6,
                "first": t("08:14:02"),
                "fieldPath": "spec.containers{image-resizer}",
                "host": "gke-media-pool-2-b7c1",
            },
        ),
        Change(
            t("09:05:31"),
            "hugo",
            "Scaled up replica set image-resizer-7f6b9d2c1 to 6",
            kind="k8s:ScalingReplicaSet:Normal:Deployment/image-resizer",
            key="rollback",
            extra={"namespace": "media"},
        ),
        Change(
            t("09:21:55"),
            "hugo",
            "Scaled down replica set image-resizer-5c8d7f9b4 to 0 from 6",
            kind="k8s:ScalingReplicaSet:Normal:Deployment/image-resizer",
            extra={"namespace": "media"},
        ),
    ]
    s = Story(
        "memory-leak",
        "memory-leak",
        people,
        "image-resizer",
        "inc-media",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("08:59:00"),
        chat_format="slack-export",
        alert_format="alertmanager",
        transcript_format="text-offset",
        change_format="k8s",
        alert_offset="+02:00",
        slack_tz="Europe/Paris",
        seed=707,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "report",
            "detected": "trigger",
            "acknowledged": "ack",
            "mitigated": "rb_done",
            "resolved": "resolve",
        },
        [
            ("deploy", "image-resizer-5c8d7f9b4 to 6"),
            ("report", "image uploads fail sometimes"),
            ("trigger", "ImageResizerHighErrorRate"),
            ("ack", "ack, sorry"),
            ("oom", "OOMKilled"),
            ("cause", "HEIC decoder"),
            ("decision", "roll back image-resizer to 3.7.2"),
            ("rb_done", "rollback complete"),
            ("resolve", "ImageResizerHighErrorRate"),
        ],
        impact_figures=["6.5%", "1,100"],
        trigger="image-resizer 3.8.0 HEIC decoder leaked a buffer on every decode error",
        contributing_factors=[
            "no memory soak test before release",
            "no alert on container restarts",
            "page not acknowledged for 21 minutes while the primary was busy",
        ],
        action_item_themes=[
            "memory soak test in release pipeline",
            "alert on container restarts",
            "backup on-call during long calls",
        ],
        expected_owners=["Elif Demir", "Tom Becker", "Hugo Laurent"],
    )


# ------------------------------------------------------------------ 8. config-push
def config_push(root):
    t = clock("2024-11-14")
    people = dict(
        [
            P("maya", "Maya Goldberg", "SRE", "America/Los_Angeles"),
            P("kenji", "Kenji Watanabe", "Platform Engineer, API Gateway", "America/Los_Angeles"),
            P("zoe", "Zoe Clarke", "Mobile Lead", "America/Los_Angeles"),
            P("ravi", "Ravi Iyer", "Engineering Manager, Platform", "America/Los_Angeles"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("20:08:30"),
            "zoe",
            'mobile crash/error reports spiking: "429 Too Many Requests" on login and cart since a few minutes',
            key="report",
        ),
        M(
            t("20:11:50"),
            "bot:Datadog",
            "",
            card={
                "title": "[Triggered] api-gateway 429 ratio above 5%",
                "text": "api-gateway 429 ratio is 41.2% over the last 5m",
            },
        ),
        M(t("20:12:30"), "maya", "ack, I have the pager", key="ack"),
        M(
            t("20:14:05"),
            "maya",
            "all 429s come from the global rate limiter, limit shows 10 rps per client. Should be 1000",
            key="limit",
        ),
        M(
            t("20:15:20"),
            "kenji",
            "I pushed the new rate-limit config at 20:05. The new schema is per-second, the old value 600 was per-minute, and the converter divided by 60 twice",
            key="kenji",
        ),
        M(t("20:16:00"), "ravi", "no blame, just tell us fastest way back"),
        M(
            t("20:16:40"),
            "kenji",
            "revert the config commit and push, ~5 min to propagate to all gateways",
        ),
        M(t("20:17:10"), "ravi", "Decision: revert the rate-limit config now", key="decision"),
        M(t("20:19:45"), "maya", "429 rate peaked at 64% at 20:18", key="peak"),
        M(t("20:21:30"), "kenji", "revert pushed, gateways picking it up"),
        M(t("20:28:10"), "zoe", "app store reviews mentioning login errors: 37 so far"),
        M(
            t("20:34:05"),
            "kenji",
            "config reverted globally, 429 rate back to baseline (0.3%). Mitigated",
            key="mitigated",
        ),
        M(
            t("20:41:30"),
            "bot:Datadog",
            "",
            card={
                "title": "[Recovered] api-gateway 429 ratio above 5%",
                "text": "api-gateway 429 ratio is 0.3%",
            },
        ),
        M(
            t("20:45:00"),
            "maya",
            "~210,000 requests rejected with 429 between 20:05 and 20:34",
            key="figure",
        ),
        M(
            t("20:47:20"),
            "kenji",
            "action item: validate rate-limit configs against a floor (no global limit below 100 rps) before push",
        ),
        M(
            t("20:48:00"),
            "ravi",
            "we should roll config pushes out to one region first with an automatic check on 429s",
        ),
        M(t("20:48:40"), "maya", "and a unit test for the per-minute to per-second converter"),
    ]
    alerts = [
        Alert(
            t("20:11:00"),
            "trigger",
            "api-gateway 429 ratio above 5%",
            "api-gateway 429 ratio is 41.2% over the last 5m",
            key="trigger",
            value="Alert",
        ),
        Alert(
            t("20:21:00"),
            "repeat",
            "api-gateway 429 ratio above 5%",
            "api-gateway 429 ratio is 63.8% over the last 5m",
            value="Alert",
        ),
        Alert(
            t("20:41:00"),
            "resolve",
            "api-gateway 429 ratio above 5%",
            "api-gateway 429 ratio is 0.3% over the last 5m",
            key="resolve",
            value="OK",
        ),
    ]
    cues = [
        Cue(3, 9, "ravi", "Ravi here. Kenji, Maya, where are we?"),
        Cue(
            10,
            24,
            "maya",
            "Every 429 comes from the global limiter. The limit is ten requests per second per client instead of a thousand.",
        ),
        Cue(
            25,
            40,
            "kenji",
            "It's my config push from five past eight. The converter from per-minute to per-second divided twice.",
        ),
        Cue(41, 49, "ravi", "Revert or push a corrected value?"),
        Cue(
            50, 60, "kenji", "Revert. It's the known-good config and it goes through the same path."
        ),
        Cue(61, 67, "ravi", "Revert it."),
        Cue(68, 80, "zoe", "Mobile is hurting most; the app retries on 429 and makes it worse."),
        Cue(1060, 1071, "kenji", "Revert is on every gateway. 429s are at baseline."),
        Cue(
            1072,
            1085,
            "ravi",
            "Thanks. For the review: a floor check on limits, staged config rollout, and tests for the converter.",
        ),
    ]
    changes = [
        Change(t("16:30:12"), "kenji", "gateway: add per-second rate-limit schema (v2)"),
        Change(
            t("20:04:51"),
            "kenji",
            "ratelimits: migrate global limits to v2 per-second schema",
            key="push",
            extra={"authored": t("18:12:30")},
        ),
        Change(
            t("20:21:05"),
            "kenji",
            'Revert "ratelimits: migrate global limits to v2 per-second schema"',
            key="revert",
        ),
        Change(t("21:30:40"), "maya", "ratelimits: refuse global limits below 100 rps"),
    ]
    s = Story(
        "config-push",
        "config-push",
        people,
        "api-gateway",
        "inc-api-gateway",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("20:16:30"),
        chat_format="teams",
        alert_format="datadog",
        transcript_format="vtt",
        change_format="git-machine",
        seed=808,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "report",
            "detected": "trigger",
            "acknowledged": "ack",
            "mitigated": "mitigated",
            "resolved": "resolve",
        },
        [
            ("push", "migrate global limits to v2"),
            ("report", "429 Too Many Requests"),
            ("trigger", "429 ratio above 5%"),
            ("ack", "ack, I have the pager"),
            ("limit", "limit shows 10 rps"),
            ("decision", "revert the rate-limit config"),
            ("peak", "429 rate peaked at 64%"),
            ("mitigated", "config reverted globally"),
            ("resolve", "Recovered"),
        ],
        impact_figures=["64%", "210,000", "37"],
        trigger="a global rate-limit config push set 10 rps per client instead of 1000",
        contributing_factors=[
            "per-minute to per-second converter divided twice",
            "config pushed to all regions at once",
            "mobile client retries on 429 amplified load",
        ],
        action_item_themes=[
            "floor check on rate-limit configs",
            "staged config rollout with 429 check",
            "unit test for the converter",
        ],
        expected_owners=["Kenji Watanabe", "Ravi Iyer", "Maya Goldberg"],
    )


# ------------------------------------------------------------------ 9. third-party-outage
def third_party(root):
    t = clock("2024-12-02")
    people = dict(
        [
            P("olivia", "Olivia Grant", "SRE", "America/New_York"),
            P("marcus", "Marcus Hill", "Backend Engineer, Payments", "America/New_York"),
            P("ines", "Inês Costa", "Engineering Manager, Payments", "Europe/Lisbon"),
            P("paul", "Paul Dubois", "Finance Operations", "America/New_York"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("16:02:20"),
            "bot:Opsgenie",
            "",
            card={
                "title": "[P1] Payment authorisation success rate below 90%",
                "text": "Alert #2205 · payments-api · created by Prometheus",
            },
        ),
        M(t("16:04:40"), "olivia", "ack, looking at payments", key="ack_msg"),
        M(
            t("16:06:15"),
            "olivia",
            "auth success rate is 61%, all failures are PayFlux 3DS timeouts after 10s",
            key="rate",
        ),
        M(
            t("16:07:30"),
            "marcus",
            'PayFlux status page: "Degraded performance: 3-D Secure authentication" since 15:55 UTC',
            key="status",
        ),
        M(
            t("16:09:00"),
            "ines",
            "can we route card payments to Corvid? the failover flag exists since the Q3 drill",
        ),
        M(
            t("16:09:45"),
            "marcus",
            "yes, payments.provider_failover. Corvid costs 0.3pp more per transaction",
        ),
        M(
            t("16:10:30"),
            "ines",
            "Decision: enable the failover to Corvid for all card payments",
            key="decision",
        ),
        M(t("16:12:05"), "marcus", "flag flipped, config commit pushed"),
        M(
            t("16:18:40"),
            "olivia",
            "failover to Corvid complete, auth success 97%",
            key="mitigated",
        ),
        M(
            t("16:25:10"),
            "paul",
            "finance: the failed attempts were about $184,000 of orders, most customers retried",
            key="money",
        ),
        M(t("17:41:00"), "marcus", "PayFlux says resolved. Keeping Corvid until tomorrow morning"),
        M(t("17:58:30"), "olivia", "closing the Opsgenie alert"),
        M(t("18:03:20"), "olivia", "~2,600 failed payments between 15:56 and 16:18", key="figure"),
        M(
            t("18:05:10"),
            "marcus",
            "action item: fail over automatically when PayFlux auth success stays below 85% for 3 minutes",
        ),
        M(t("18:05:50"), "ines", "we should alert on the provider's status page feed too"),
        M(
            t("18:06:30"),
            "paul",
            "and send finance a daily report of provider fees while on Corvid",
        ),
    ]
    alerts = [
        Alert(
            t("16:02:05"),
            "trigger",
            "Payment authorisation success rate below 90%",
            "PayFlux authorisation success rate 71% over 5m",
            key="trigger",
            value="71%",
        ),
        Alert(t("16:04:12"), "ack", "x", who="olivia", key="ack"),
        Alert(
            t("16:11:00"),
            "note",
            "x",
            "PayFlux 3DS degraded; failing over card payments to Corvid",
            who="ines",
        ),
        Alert(
            t("17:58:41"),
            "resolve",
            "x",
            "PayFlux recovered 17:40; Corvid failover kept until morning",
            who="olivia",
            key="resolve",
        ),
    ]
    cues = [
        Cue(4, 10, "ines", "Inês here. Olivia, what do we know?"),
        Cue(
            11,
            24,
            "olivia",
            "Sixty-one percent of card authorisations succeed. The rest time out at PayFlux during 3-D Secure.",
        ),
        Cue(25, 34, "marcus", "Their status page confirms it. Nothing we can fix on our side."),
        Cue(
            35,
            46,
            "ines",
            "Then we fail over to Corvid. Paul, is the fee difference acceptable for a few hours?",
        ),
        Cue(47, 57, "paul", "Yes, that's far cheaper than failed orders."),
        Cue(58, 66, "ines", "Okay, flip the flag, Marcus."),
        Cue(
            660,
            670,
            "olivia",
            "Corvid is taking all card traffic. Success rate ninety-seven percent.",
        ),
        Cue(
            671,
            684,
            "ines",
            "Thanks. For the review: automatic failover and watching the provider status feed.",
        ),
    ]
    changes = [
        Change(t("14:10:33"), "marcus", "payments: log provider latency per 3DS step"),
        Change(
            t("16:11:48"),
            "marcus",
            "flags: enable payments.provider_failover to corvid for card payments",
            key="flag",
            extra={"refs": "HEAD -> main, origin/main"},
        ),
        Change(
            t("13:05:20", 1),
            "marcus",
            "flags: disable payments.provider_failover, PayFlux stable for 15h",
        ),
    ]
    s = Story(
        "third-party-outage",
        "third-party-outage",
        people,
        "payments-api",
        "inc-payments",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("16:08:00"),
        chat_format="slack-export",
        alert_format="opsgenie",
        transcript_format="zoom-txt",
        change_format="git",
        tz="America/New_York",
        slack_tz="America/New_York",
        seed=909,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "trigger",
            "detected": "trigger",
            "acknowledged": "ack",
            "mitigated": "mitigated",
            "resolved": "resolve",
        },
        [
            ("trigger", "success rate below 90%"),
            ("ack", "success rate below 90%"),
            ("rate", "3DS timeouts"),
            ("status", "Degraded performance"),
            ("decision", "enable the failover to Corvid"),
            ("flag", "provider_failover"),
            ("mitigated", "failover to Corvid complete"),
            ("resolve", "success rate below 90%"),
        ],
        impact_figures=["61%", "$184,000", "2,600"],
        trigger="PayFlux 3-D Secure authentication outage",
        contributing_factors=[
            "single payment provider for card payments by default",
            "failover to the secondary provider is manual",
            "no alert on the provider's status feed",
        ],
        action_item_themes=[
            "automatic provider failover",
            "alert on provider status feed",
            "provider fee report during failover",
        ],
        expected_owners=["Marcus Hill", "Inês Costa", "Paul Dubois"],
    )


# ------------------------------------------------------------------ 10. near-miss
def near_miss(root):
    t = clock("2025-01-22")
    people = dict(
        [
            P("priya", "Priya Raman", "Backend Engineer, Checkout"),
            P("lena", "Lena Fischer", "Database Engineer", "Europe/Berlin"),
            P("marco", "Marco Bellini", "SRE", "Europe/Berlin"),
            P("dana", "Dana Okafor", "Engineering Manager, Payments", "America/New_York"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("10:02:18"),
            "lena",
            "heads up: orders-db primary WAL volume at 88% and climbing ~2%/h. At this rate it fills in about 6 hours",
            key="report",
        ),
        M(t("10:04:40"), "marco", "ack, looking with you", key="ack", thread="report"),
        M(
            t("10:08:15"),
            "lena",
            "pg_replication_slots shows `analytics_replica_old` inactive since 2025-01-15, holding 212 GB of WAL",
            key="slot",
            thread="report",
        ),
        M(
            t("10:09:30"),
            "marco",
            "that replica was decommissioned last week. The slot was never dropped",
            thread="report",
        ),
        M(t("10:11:00"), "dana", "what happens if it fills?"),
        M(t("10:11:45"), "lena", "the primary stops accepting writes. So checkout down"),
        M(
            t("10:13:20"),
            "dana",
            "Decision: drop the slot after Lena confirms nothing reads from it. No customer impact so far",
            key="decision",
        ),
        M(
            t("10:20:35"),
            "bot:Grafana",
            "",
            card={
                "title": "[FIRING:1] PostgresWALVolumeFilling (orders-db warning)",
                "text": "WAL volume above 85% on orders-db-0",
            },
        ),
        M(t("10:24:05"), "lena", "confirmed with the analytics team, nobody uses the slot"),
        M(t("10:31:50"), "lena", "slot drop issued, waiting for WAL to recycle before calling it"),
        M(
            t("10:51:12"),
            "lena",
            "replication slot dropped; WAL volume at 41%. Mitigated",
            key="mitigated",
        ),
        M(
            t("11:05:40"),
            "bot:Grafana",
            "",
            card={
                "title": "[RESOLVED] PostgresWALVolumeFilling (orders-db warning)",
                "text": "WAL volume above 85% on orders-db-0",
            },
        ),
        M(
            t("11:08:30"),
            "marco",
            "action item: alert on inactive replication slots older than 24h",
        ),
        M(
            t("11:09:10"),
            "lena",
            "we should add dropping the slot to the replica decommission checklist",
        ),
        M(
            t("11:10:00"),
            "priya",
            "I'll make the WAL alert fire at 75% as a warning, it fired late this time",
        ),
        M(t("11:11:30"), "dana", "great catch Lena. We were lucky someone looked at the dashboard"),
    ]
    alerts = [
        Alert(
            t("10:20:05"),
            "trigger",
            "PostgresWALVolumeFilling",
            "WAL volume above 85% on orders-db-0",
            key="trigger",
            value="88.4%",
        ),
        Alert(t("10:25:05"), "repeat", "PostgresWALVolumeFilling"),
        Alert(t("11:05:05"), "resolve", "PostgresWALVolumeFilling", key="resolve"),
    ]
    cues = [
        Cue(3, 9, "dana", "Quick sync on the WAL volume. Lena?"),
        Cue(
            10,
            24,
            "lena",
            "An old replication slot from the analytics replica holds two hundred gigabytes of WAL. The volume is at eighty-eight percent.",
        ),
        Cue(25, 33, "marco", "We have about six hours before writes stop."),
        Cue(34, 43, "dana", "Is dropping the slot safe?"),
        Cue(
            44,
            55,
            "lena",
            "If nobody reads from it, yes. I'll confirm with the analytics team first.",
        ),
        Cue(56, 62, "dana", "Okay. Go once confirmed."),
        Cue(
            63,
            73,
            "priya",
            "The warning alert is at eighty-five percent. That's too late for a slow leak like this.",
        ),
        Cue(74, 85, "dana", "Agreed, let's put that on the list. Thanks."),
    ]
    changes = [
        Change(
            t("14:20:00", -7),
            "marco",
            "decommission analytics-replica-old",
            kind="decommission",
            extra={"service": "orders-db", "version": "n/a"},
        ),
        Change(
            t("09:15:00"),
            "priya",
            "deploy checkout-api 2025.01.22-1",
            kind="deploy",
            extra={"service": "checkout-api", "version": "2025.01.22-1"},
        ),
        Change(
            t("10:31:40"),
            "lena",
            "drop replication slot analytics_replica_old on orders-db",
            kind="ops",
            key="drop",
            extra={"service": "orders-db", "version": "n/a"},
        ),
    ]
    s = Story(
        "near-miss",
        "near-miss",
        people,
        "orders-db",
        "db-ops",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("10:12:00"),
        chat_format="slack-api",
        alert_format="grafana",
        transcript_format="vtt",
        change_format="csv",
        seed=1010,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "report",
            "detected": "report",
            "acknowledged": "ack",
            "mitigated": "mitigated",
            "resolved": "resolve",
        },
        [
            ("report", "WAL volume at 88%"),
            ("ack", "ack, looking with you"),
            ("slot", "analytics_replica_old"),
            ("decision", "drop the slot"),
            ("trigger", "PostgresWALVolumeFilling"),
            ("drop", "drop replication slot"),
            ("mitigated", "WAL volume at 41%"),
        ],
        impact_figures=[],
        trigger="an inactive replication slot left by a decommissioned replica retained WAL on orders-db",
        contributing_factors=[
            "replica decommission did not drop its replication slot",
            "no alert on inactive replication slots",
            "WAL volume warning threshold at 85% fires late",
        ],
        action_item_themes=[
            "alert on inactive replication slots",
            "decommission checklist drops slots",
            "earlier WAL volume warning",
        ],
        expected_owners=["Marco Bellini", "Lena Fischer", "Priya Raman"],
    )
