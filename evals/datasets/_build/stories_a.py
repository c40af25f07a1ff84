# ruff: noqa: E501  (story text and vendor payload literals read better unwrapped)
"""Bundles 1-5: bad-deploy, db-failover, cert-expiry, dns, cloud-region."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .render import Alert, Change, Cue, Msg, Person, Story, write_bundle


def clock(day: str):
    base = datetime.fromisoformat(day).replace(tzinfo=UTC)

    def t(hms: str, plus_days: int = 0) -> datetime:
        hh, mm, ss = (int(x) for x in hms.split(":"))
        return base + timedelta(days=plus_days, hours=hh, minutes=mm, seconds=ss)

    return t


def P(key, name, title, tz="America/Los_Angeles", display=None):
    first = name.split()[0].lower()
    last = name.split()[-1].lower()
    return key, Person(
        key, name, f"{first}.{last}@shopwell.example", f"{first}.{last[0]}", title, tz, display
    )


# ------------------------------------------------------------------ 1. bad-deploy
def bad_deploy(root):
    t = clock("2024-03-05")
    people = dict(
        [
            P("nadia", "Nadia Haddad", "SRE", "Europe/London"),
            P("ben", "Ben Okoro", "Backend Engineer, Search", "Europe/London"),
            P(
                "ivy",
                "Ivy Chen",
                "Engineering Manager, Search",
                "America/New_York",
                display="Ivy C",
            ),
            P("omar", "Omar Farouk", "Backend Engineer, Search", "Europe/London"),
            P("greta", "Greta Lind", "Support Lead", "Europe/Stockholm"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("13:58:02"),
            "bot:Argo CD",
            "",
            card={
                "title": "search-api synced to v2.31.0",
                "text": "Sync operation to 8c1f2e0 succeeded. Health: Healthy",
                "color": "good",
            },
            key="sync",
        ),
        M(
            t("14:07:31"),
            "bot:PagerDuty",
            "",
            card={
                "title": "Triggered #4211: search-api 5xx ratio above 2%",
                "text": "Service: search-api · Urgency: high · Assigned to Nadia Haddad",
                "color": "danger",
            },
        ),
        M(
            t("14:08:10"),
            "ivy",
            "<!here> search-api is paging, anyone around? Product search returns errors for me too",
            key="ivy_here",
        ),
        M(
            t("14:10:05"),
            "greta",
            'support: customers report the search page spinning and then "Something went wrong"',
        ),
        M(t("14:11:02"), "nadia", "nadia", join=True),
        M(t("14:11:58"), "nadia", "ack, on it. Looking at the search-api dashboard", key="ack_msg"),
        M(
            t("14:13:20"),
            "nadia",
            "p95 latency 4.8s, DB CPU on search-replica at 96%. The DB is drowning in small queries",
            key="p95",
        ),
        M(t("14:14:05"), "ivy", "anything deployed? {@ben} {@omar}"),
        M(t("14:14:40"), "ben", "ben", join=True),
        M(
            t("14:15:12"),
            "ben",
            "yes, v2.31.0 went out at 13:58, it has the new facet filters",
            key="ben_deploy",
        ),
        M(
            t("14:16:30"),
            "nadia",
            "top query in pg_stat_statements is `SELECT * FROM facets WHERE product_id = $1`, 41k calls/min. Looks like an N+1",
            key="n1",
            thread=None,
        ),
        M(
            t("14:17:05"),
            "ben",
            "that's the facets loader, it loads per product instead of in one batch. My bad, I'll fix it",
            thread="n1",
        ),
        M(
            t("14:17:40"),
            "ivy",
            "no blame here, the batch loader wasn't obvious. Let's roll back first, fix later",
            thread="n1",
        ),
        M(t("14:18:02"), "omar", "omar", join=True),
        M(
            t("14:18:30"),
            "omar",
            "the staging dataset has 200 products, that's why the load test didn't show it",
            thread="n1",
        ),
        M(
            t("14:19:45"),
            "ivy",
            "Decision: roll back search-api to v2.30.4. {@ben} can you do it? Bridge is open: <https://meet.shopwell.example/j/inc-4211|inc-4211>",
            key="decision",
        ),
        M(t("14:20:10"), "ben", "rolling back to v2.30.4 via Argo", key="rb_msg"),
        M(t("14:22:40"), "greta", "I'll post a banner on the help centre"),
        M(t("14:24:15"), "nadia", "5xx peaked at 7.5% around 14:22", key="peak"),
        M(t("14:29:30"), "omar", "rollback stuck at 5/8 pods, old pods still draining connections"),
        M(t("14:31:50"), "nadia", "killing the stuck pods manually"),
        M(
            t("14:38:12"),
            "bot:Argo CD",
            "",
            card={
                "title": "search-api synced to v2.30.4",
                "text": "Rollback complete: sync operation to 3b7d9a1 succeeded. Health: Healthy (8/8)",
                "color": "good",
            },
            key="rb_done",
        ),
        M(t("14:39:00"), "ben", "rollback complete, 8/8 pods on v2.30.4"),
        M(t("14:41:20"), "nadia", "DB CPU back at 35%, p95 420ms. Mitigated"),
        M(t("14:46:05"), "greta", "support queue calming down"),
        M(
            t("14:52:30"),
            "bot:PagerDuty",
            "",
            card={
                "title": "Resolved #4211: search-api 5xx ratio above 2%",
                "text": "Resolved by Nadia Haddad",
                "color": "good",
            },
        ),
        M(
            t("14:55:10"),
            "omar",
            "about 18,000 searches failed between 14:05 and 14:38 by the access logs",
            key="figure",
        ),
        M(
            t("14:57:45"),
            "nadia",
            "we should add a query-count regression check to CI for the search endpoints",
            key="ai1",
        ),
        M(
            t("14:58:20"),
            "omar",
            "action item: seed staging with a production-sized catalogue (50k products) so load tests see N+1s",
            key="ai2",
        ),
        M(
            t("14:59:02"),
            "ben",
            "I'll take the batch loader fix and add a test that counts queries per request",
        ),
        M(t("15:01:30"), "ivy", "thanks all. Postmortem doc tomorrow, Nadia drafts the timeline"),
    ]
    alerts = [
        Alert(
            t("14:07:30"),
            "trigger",
            "search-api 5xx ratio above 2%",
            "search-api 5xx ratio above 2% for 3m (currently 3.4%)",
            key="trigger",
            value="3.4%",
        ),
        Alert(t("14:07:31"), "assign", "x", who="nadia"),
        Alert(t("14:07:32"), "notify", "x", who="nadia"),
        Alert(t("14:11:40"), "ack", "x", who="nadia", key="ack"),
        Alert(
            t("14:20:30"),
            "note",
            "x",
            "Rolling back search-api to v2.30.4 (N+1 in facets loader from v2.31.0)",
            who="ivy",
        ),
        Alert(t("14:52:29"), "resolve", "x", who="nadia", key="resolve"),
    ]
    cues = [
        Cue(12, 19, "ivy", "Okay, Ivy here, I'll run this one. Nadia, what do we know?"),
        Cue(
            20,
            33,
            "nadia",
            "Search API errors at about four percent, p95 close to five seconds. The search replica is at ninety-six percent CPU from one query.",
        ),
        Cue(
            34,
            44,
            "ben",
            "It's the facets loader from two thirty-one. It queries once per product.",
        ),
        Cue(45, 52, "ivy", "Can we turn the facet filters off with a flag?"),
        Cue(
            53,
            63,
            "ben",
            "No, the loader runs for every search response, not only when filters are used. So a rollback.",
        ),
        Cue(64, 70, "ivy", "Okay, roll back to two thirty point four."),
        Cue(
            71,
            78,
            "omar",
            "Heads up, rollbacks have been slow this week because pods drain connections for five minutes.",
        ),
        Cue(300, 309, "nadia", "Five x x is at seven point five percent, that's the peak I think."),
        Cue(
            560,
            571,
            "omar",
            "Five of eight pods are on the old version, three are stuck terminating.",
        ),
        Cue(572, 578, "nadia", "I'll delete them by hand."),
        Cue(
            1100,
            1110,
            "ben",
            "Argo says synced and healthy on two thirty point four, all eight pods.",
        ),
        Cue(
            1111,
            1121,
            "nadia",
            "Replica CPU is dropping, p95 is four hundred milliseconds. We're mitigated.",
        ),
        Cue(
            1122,
            1133,
            "ivy",
            "Great. For the review: the query-count check in CI, and a bigger staging catalogue. Thanks everyone.",
        ),
    ]
    changes = [
        Change(t("11:02:44"), "omar", "Bump opensearch client to 2.11.1", key=None),
        Change(
            t("12:40:18"),
            "ben",
            "Load facets per product for the new filter UI\n\nAdds FacetLoader used by SearchResponseBuilder.\nRefs SRCH-812.",
            key="commit",
        ),
        Change(
            t("12:55:03"),
            "ivy",
            "Merge pull request #1873 from shopwell/facet-filters\n\nFacet filters for search results",
            key=None,
            extra={"merge": True},
        ),
        Change(t("13:20:10"), "omar", "Release v2.31.0", extra={"refs": "tag: v2.31.0"}),
        Change(
            t("15:40:27"),
            "ben",
            'Revert "Load facets per product for the new filter UI"\n\nThis reverts commit 1b8c0d4e2f6a7b9c0d1e2f3a4b5c6d7e8f9a0b1c.\nThe per-product loader issued one query per result (N+1).',
            extra={"refs": "HEAD -> main, origin/main"},
        ),
    ]
    s = Story(
        "bad-deploy",
        "bad-deploy",
        people,
        "search-api",
        "inc-search",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("14:20:00"),
        chat_format="slack-export",
        alert_format="pagerduty-rest",
        transcript_format="vtt",
        change_format="git",
        slack_tz="Europe/London",
        seed=101,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "trigger",
            "detected": "trigger",
            "acknowledged": "ack",
            "mitigated": "rb_done",
            "resolved": "resolve",
        },
        [
            ("commit", "Load facets per product"),
            ("sync", "search-api synced to v2.31.0"),
            ("trigger", "Triggered"),
            ("ack", "Acknowledged by Nadia Haddad"),
            ("n1", "Looks like an N+1"),
            ("decision", "Decision: roll back search-api to v2.30.4"),
            ("peak", "5xx peaked at 7.5%"),
            ("rb_done", "Rollback complete"),
            ("resolve", "Resolved"),
        ],
        impact_figures=["7.5%", "4.8s", "18,000"],
        trigger="search-api v2.31.0 introduced an N+1 query in the facets loader",
        contributing_factors=[
            "staging catalogue too small for load tests to show the N+1",
            "no query-count regression check in CI",
            "slow rollback: pods draining connections for five minutes",
        ],
        action_item_themes=[
            "query-count regression check in CI",
            "production-sized staging catalogue",
            "batch facets loader with a query-count test",
        ],
        expected_owners=["Nadia Haddad", "Omar Farouk", "Ben Okoro"],
    )


# ------------------------------------------------------------------ 2. db-failover
def db_failover(root):
    t = clock("2024-04-18")
    people = dict(
        [
            P("kofi", "Kofi Mensah", "SRE", "Europe/Berlin"),
            P("lena", "Lena Fischer", "Database Engineer", "Europe/Berlin"),
            P("raj", "Raj Patel", "Engineering Manager, Orders", "Europe/London"),
            P("sofia", "Sofia Rossi", "Backend Engineer, Orders", "Europe/Rome"),
            P("mei", "Mei Lin", "Customer Support Lead", "Europe/London"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("09:31:20"),
            "bot:Opsgenie",
            "",
            card={
                "title": "[P1] orders-db: primary unreachable, writes failing",
                "text": "Alert #1742 created by Prometheus. Responders: platform",
            },
        ),
        M(
            t("09:33:05"),
            "raj",
            "{@kofi} {@lena} orders-db alert, checkout says orders fail to save. Are you on it?",
            key="raj_ping",
        ),
        M(
            t("09:34:28"),
            "kofi",
            "ack, I've got it. Node pg-node-3 went NotReady at 09:29",
            key="ack_msg",
        ),
        M(t("09:35:10"), "lena", "lena", join=True),
        M(
            t("09:35:45"),
            "lena",
            "Patroni hasn't promoted a replica yet. orders-db-1 is 38s behind and synchronous_mode is on, so it refuses to fail over to it",
        ),
        M(t("09:36:30"), "raj", "how long until it's safe?"),
        M(
            t("09:37:15"),
            "lena",
            "orders-db-2 was the sync standby but it sits on pg-node-3 too. Both members on one node: that's why",
        ),
        M(t("09:38:02"), "sofia", "sofia", join=True),
        M(
            t("09:38:40"),
            "sofia",
            "order writes are 100% failing, the API returns 503 with retry-after. Reads are fine",
            key="writes",
        ),
        M(
            t("09:39:20"),
            "raj",
            "Decision: Lena, promote orders-db-1 manually, accept the lag risk. Sofia, confirm which orders might be lost",
            key="decision",
        ),
        M(t("09:40:05"), "lena", "running patronictl failover --candidate orders-db-1 --force"),
        M(
            t("09:41:50"),
            "lena",
            "failover done: orders-db-1 is primary, writes succeeding",
            key="failover_done",
        ),
        M(t("09:42:30"), "sofia", "checkout creating orders again, error rate 0.2%"),
        M(t("09:44:10"), "mei", "mei", join=True),
        M(
            t("09:44:45"),
            "mei",
            'support got 140 tickets about "order could not be placed". Can I tell customers to retry?',
        ),
        M(t("09:45:20"), "raj", "{@mei} yes, retrying works now"),
        M(
            t("09:52:30"),
            "sofia",
            "the 38s of lag held 61 orders that were acknowledged by the old primary. They're in the WAL archive, I'll replay them",
            key="lost",
        ),
        M(t("09:58:15"), "sofia", "replayed all 61, customers got confirmations"),
        M(
            t("10:01:40"),
            "kofi",
            "closing the Opsgenie alert. About 2,870 orders failed to save during the 11 minutes",
            key="figure",
        ),
        M(
            t("10:03:30"),
            "lena",
            "action item: add pod anti-affinity so Patroni members never share a node",
            key="ai1",
        ),
        M(t("10:04:10"), "kofi", "we should add an alert on replication lag above 10s"),
        M(
            t("10:05:00"),
            "raj",
            "and a runbook for forced failover with the lag trade-off spelled out. Lena?",
        ),
        M(t("10:05:30"), "lena", "yes, I'll write it"),
    ]
    alerts = [
        Alert(
            t("09:31:12"),
            "trigger",
            "orders-db: primary unreachable, writes failing",
            "Patroni leader key expired; no primary for orders-db",
            key="trigger",
        ),
        Alert(t("09:34:02"), "ack", "x", who="kofi", key="ack"),
        Alert(t("09:40:30"), "note", "x", "Forcing failover to orders-db-1 (38s lag)", who="lena"),
        Alert(
            t("10:01:55"),
            "resolve",
            "x",
            "Primary restored on orders-db-1 at 09:41",
            who="kofi",
            key="resolve",
        ),
    ]
    cues = [
        Cue(5, 12, "raj", "Raj here. Kofi, Lena, what's the state?"),
        Cue(
            13,
            26,
            "kofi",
            "pg-node-3 is gone, hardware by the look of it. The primary and the sync standby were both on that node.",
        ),
        Cue(
            27,
            41,
            "lena",
            "The other replica is thirty-eight seconds behind. Patroni won't promote it on its own with synchronous mode on.",
        ),
        Cue(42, 51, "raj", "If we force it, what do we lose?"),
        Cue(
            52,
            64,
            "lena",
            "Whatever the old primary committed in those thirty-eight seconds. It's in the WAL archive, we can replay it.",
        ),
        Cue(
            65,
            76,
            "sofia",
            "Writes are failing for everyone right now, so forcing it is better than waiting for the node.",
        ),
        Cue(77, 85, "raj", "Okay, decision: force the failover to orders-db-1."),
        Cue(360, 368, "lena", "Failover done. orders-db-1 is primary."),
        Cue(369, 377, "sofia", "Orders are going through again."),
        Cue(
            560, 574, "kofi", "For the review, anti-affinity for the Patroni pods, and a lag alert."
        ),
        Cue(575, 584, "raj", "And the runbook. Thanks all."),
    ]
    changes = [
        Change(
            t("09:29:40"),
            "kofi",
            "Node pg-node-3 status is now: NodeNotReady",
            kind="k8s:NodeNotReady:Normal:Node/pg-node-3",
            key="node",
            extra={"namespace": "", "component": "node-controller"},
        ),
        Change(
            t("09:30:41"),
            "kofi",
            'Readiness probe failed: Get "http://10.4.3.17:8008/readiness": dial tcp 10.4.3.17:8008: connect: no route to host',
            kind="k8s:Unhealthy:Warning:Pod/orders-db-0",
            extra={
                "namespace": "orders",
                "count": 14,
                "first": t("09:29:51"),
                "fieldPath": "spec.containers{postgres}",
                "host": "pg-node-3",
            },
        ),
        Change(
            t("09:35:02"),
            "kofi",
            "Marking for deletion Pod orders/orders-db-0",
            kind="k8s:TaintManagerEviction:Normal:Pod/orders-db-0",
            extra={"namespace": "orders", "component": "taint-controller"},
        ),
        Change(
            t("09:41:12"),
            "kofi",
            "Started container postgres",
            kind="k8s:Started:Normal:Pod/orders-db-0",
            extra={
                "namespace": "orders",
                "host": "pg-node-5",
                "fieldPath": "spec.containers{postgres}",
            },
        ),
        Change(
            t("09:41:55"),
            "kofi",
            "promoted orders-db-1 to leader (manual failover by lena.f)",
            kind="k8s:LeaderElection:Normal:Pod/orders-db-1",
            key="promoted",
            extra={"namespace": "orders", "component": "patroni"},
        ),
    ]
    s = Story(
        "db-failover",
        "db-failover",
        people,
        "orders-db",
        "orders-incident",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("09:36:00"),
        chat_format="teams",
        alert_format="opsgenie",
        transcript_format="srt",
        change_format="k8s",
        seed=202,
    )
    return write_bundle(
        s,
        root,
        {
            "impact_start": "trigger",
            "detected": "trigger",
            "acknowledged": "ack",
            "mitigated": "failover_done",
            "resolved": "resolve",
        },
        [
            ("node", "NodeNotReady"),
            ("trigger", "primary unreachable"),
            ("ack", "orders-db"),
            ("writes", "order writes are 100% failing"),
            ("decision", "promote orders-db-1 manually"),
            ("failover_done", "failover done"),
            ("lost", "61 orders"),
            ("resolve", "orders-db"),
        ],
        impact_figures=["100%", "2,870", "11 minutes", "61", "140"],
        trigger="hardware failure of node pg-node-3 took down the orders-db primary",
        contributing_factors=[
            "primary and synchronous standby scheduled on the same node",
            "remaining replica 38s behind, so Patroni refused automatic failover",
            "no alert on replication lag",
        ],
        action_item_themes=[
            "pod anti-affinity for Patroni members",
            "alert on replication lag",
            "forced-failover runbook",
        ],
        expected_owners=["Lena Fischer", "Kofi Mensah"],
    )


# ------------------------------------------------------------------ 3. cert-expiry
def cert_expiry(root):
    t = clock("2024-06-02")
    people = dict(
        [
            P("jonas", "Jonas Weber", "SRE", "Europe/Berlin"),
            P("yuki", "Yuki Sato", "Partner Success Manager", "Europe/Berlin"),
            P("anke", "Anke Vogel", "Platform Engineer", "Europe/Berlin"),
            P("pierre", "Pierre Dubois", "Engineering Manager, Platform", "Europe/Paris"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("00:02:05"),
            "yuki",
            'Acme Logistics just called: their calls to partner-api fail with "certificate has expired". Anyone awake?',
            key="report",
        ),
        M(
            t("00:04:50"),
            "bot:Datadog",
            "",
            card={
                "title": "[Triggered] SSL certificate expired on partner-api.shopwell.example",
                "text": "Synthetic test partner-api-tls failed from 3 locations",
                "color": "danger",
            },
        ),
        M(t("00:07:30"), "yuki", "{@jonas} you're on call?"),
        M(t("00:09:12"), "jonas", "ack, looking now", key="ack"),
        M(
            t("00:11:40"),
            "jonas",
            "confirmed: notAfter=Jun  2 00:00:00 2024 GMT on partner-api. cert-manager should have renewed it 30 days ago",
            key="confirm",
        ),
        M(
            t("00:13:05"),
            "jonas",
            "Certificate partner-api-tls is Ready=False: `route53: AccessDenied` on the DNS-01 challenge since 2024-05-03",
            key="cause",
        ),
        M(
            t("00:14:00"),
            "anke",
            "that's the date we rotated the Route53 IAM keys. cert-manager still has the old secret",
            thread="cause",
        ),
        M(t("00:14:45"), "jonas", "so every renewal since then failed silently", thread="cause"),
        M(
            t("00:15:30"),
            "pierre",
            "{@anke} {@jonas} bridge: <https://meet.shopwell.example/j/partner-tls|partner-tls>",
        ),
        M(
            t("00:19:20"),
            "anke",
            "updated the cert-manager route53 secret with the new key, triggering a renewal",
        ),
        M(t("00:26:05"), "anke", "challenge pending, propagation check waiting on TTL"),
        M(t("00:33:40"), "jonas", "Certificate Ready=True, new cert valid until 2024-08-31"),
        M(
            t("00:41:20"),
            "jonas",
            "new cert serving on all 4 ingress pods, verified with openssl s_client. Mitigated",
            key="mitigated",
        ),
        M(t("00:42:10"), "yuki", "telling Acme, DHL-connect and Parcelo to retry"),
        M(
            t("00:45:12"),
            "bot:Datadog",
            "",
            card={
                "title": "[Recovered] SSL certificate expired on partner-api.shopwell.example",
                "text": "Synthetic test partner-api-tls passing",
                "color": "good",
            },
        ),
        M(
            t("00:52:30"),
            "jonas",
            "partner-api rejected 4,300 calls from 3 partners between 00:00 and 00:41",
            key="figure",
        ),
        M(
            t("00:54:05"),
            "anke",
            "action item: alert when any Certificate is Ready=False for more than 1h",
        ),
        M(
            t("00:54:40"),
            "jonas",
            "we should add an expiry alert at 14 days on every public endpoint, independent of cert-manager",
        ),
        M(
            t("00:55:30"),
            "pierre",
            "and rotating the Route53 keys needs a checklist of consumers. I'll own that",
        ),
        M(t("00:56:10"), "yuki", "thanks team, partners confirm traffic flowing"),
    ]
    alerts = [
        Alert(
            t("00:04:41"),
            "trigger",
            "SSL certificate expired on partner-api.shopwell.example",
            "SSL certificate expired on partner-api.shopwell.example (3 of 3 locations failing)",
            key="trigger",
            value="Alert",
        ),
        Alert(
            t("00:14:41"),
            "repeat",
            "SSL certificate expired on partner-api.shopwell.example",
            "SSL certificate still expired on partner-api.shopwell.example",
            value="Alert",
        ),
        Alert(
            t("00:45:03"),
            "resolve",
            "SSL certificate expired on partner-api.shopwell.example",
            "partner-api.shopwell.example certificate valid for 90 days",
            key="resolve",
            value="OK",
        ),
    ]
    cues = [
        Cue(3, 9, "pierre", "Pierre here. Jonas, short version?"),
        Cue(
            10,
            24,
            "jonas",
            "The partner API certificate expired at midnight UTC. cert-manager couldn't renew it since May third because of the Route53 key rotation.",
        ),
        Cue(
            25,
            33,
            "anke",
            "I can put the new key into the cert-manager secret; renewal takes maybe fifteen minutes.",
        ),
        Cue(34, 44, "pierre", "Is there a faster path? A manual certificate?"),
        Cue(
            45,
            56,
            "jonas",
            "Manual would also need the DNS challenge, so no. Let's fix the secret.",
        ),
        Cue(57, 62, "pierre", "Okay. Yuki, keep the partners posted."),
        Cue(63, 70, "yuki", "Will do. Acme is the loudest, they have trucks waiting."),
        Cue(1525, 1534, "jonas", "New certificate is live on all four ingress pods."),
        Cue(
            1535,
            1546,
            "pierre",
            "Good. Alerts for not-ready certificates and for expiry, and a checklist for key rotation. Thanks.",
        ),
    ]
    changes = [
        Change(
            t("09:12:00", -30),
            "anke",
            "Rotate Route53 IAM access keys for platform automation",
            kind="config",
            extra={"service": "iam-route53", "version": "key-2024-05"},
        ),
        Change(
            t("14:30:00", -3),
            "jonas",
            "partner-api v4.2.0: new shipment status webhook",
            kind="deploy",
            extra={"service": "partner-api", "version": "v4.2.0"},
        ),
        Change(
            t("00:19:05"),
            "anke",
            "cert-manager: update route53 credentials secret",
            kind="config",
            key="fix",
            extra={"service": "cert-manager", "version": "secret-rev-14"},
        ),
        Change(
            t("00:40:55"),
            "jonas",
            "ingress-nginx rollout restart to load renewed certificate",
            kind="restart",
            extra={"service": "ingress-nginx", "version": "1.10.1"},
        ),
    ]
    s = Story(
        "cert-expiry",
        "cert-expiry",
        people,
        "partner-api",
        "inc-partner-api",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("00:16:00"),
        chat_format="slack-api",
        alert_format="datadog",
        transcript_format="zoom-txt",
        change_format="csv",
        tz="Europe/Berlin",
        seed=303,
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
            ("report", "certificate has expired"),
            ("trigger", "SSL certificate expired"),
            ("ack", "ack, looking now"),
            ("cause", "AccessDenied"),
            ("fix", "update route53 credentials"),
            ("mitigated", "new cert serving on all 4 ingress pods"),
            ("resolve", "Recovered"),
        ],
        impact_figures=["4,300", "3 partners"],
        trigger="TLS certificate for partner-api expired after cert-manager renewals failed",
        contributing_factors=[
            "Route53 key rotation did not update the cert-manager secret",
            "no alert on Certificate Ready=False",
            "no independent certificate-expiry monitoring",
        ],
        action_item_themes=[
            "alert on certificate not ready",
            "certificate expiry alert at 14 days",
            "key rotation consumer checklist",
        ],
        expected_owners=["Anke Vogel", "Jonas Weber", "Pierre Dubois"],
    )


# ------------------------------------------------------------------ 4. dns
def dns(root):
    t = clock("2024-07-09")
    people = dict(
        [
            P("carmen", "Carmen Ruiz", "SRE", "America/Chicago"),
            P("tariq", "Tariq Aziz", "Platform Engineer", "America/Chicago"),
            P("hana", "Hana Novak", "Engineering Manager, Platform", "America/New_York"),
            P("luis", "Luis Ortega", "Backend Engineer, Checkout", "America/Chicago"),
            P("emma", "Emma Brooks", "Support Lead", "America/New_York"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("14:40:10"),
            "tariq",
            "applying the terraform change that moves checkout records into the new zone module, plan shows 4 changes",
        ),
        M(t("15:14:30"), "tariq", "apply finished, 4 changed"),
        M(
            t("15:22:40"),
            "bot:AWS Chatbot",
            "",
            card={
                "title": 'ALARM: "checkout-dns-healthcheck" in US East (N. Virginia)',
                "text": "Threshold Crossed: 2 datapoints [0.0, 0.0] were less than the threshold (1.0).",
                "color": "danger",
            },
        ),
        M(t("15:23:15"), "carmen", "carmen", join=True),
        M(t("15:25:02"), "carmen", "ack, I'm on it", key="ack"),
        M(
            t("15:26:30"),
            "emma",
            'support: customers get "server not found" on checkout.shopwell.example, other pages fine',
        ),
        M(
            t("15:27:45"),
            "carmen",
            "`dig checkout.shopwell.example` returns a CNAME to lb-old-2019.shopwell.example, which no longer exists. NXDOMAIN for anyone with a fresh cache",
            key="dig",
        ),
        M(
            t("15:28:30"),
            "tariq",
            "that's my apply at 15:14, the module had the old ALB name as a default. Reverting now",
            key="tariq",
        ),
        M(t("15:29:10"), "hana", "hana", join=True),
        M(
            t("15:29:40"),
            "hana",
            "I'm IC. Tariq revert, Carmen check how long caches hold the bad answer. Bridge: <https://meet.shopwell.example/j/inc-dns|inc-dns>",
        ),
        M(
            t("15:31:05"),
            "carmen",
            "TTL on the record was 3600 before, the new module set 300. Resolvers that cached the bad answer keep it at most 5 minutes after the fix",
        ),
        M(
            t("15:33:20"),
            "luis",
            "checkout success rate down to 69%, so about 31% of clients can't resolve it",
            key="pct",
        ),
        M(t("15:40:15"), "tariq", "revert PR merged, terraform apply running"),
        M(t("15:49:08"), "tariq", "revert applied, record back to the current ALB"),
        M(
            t("15:58:40"),
            "carmen",
            "dig from 8.8.8.8, 1.1.1.1 and our resolvers all return the right ALB. Mitigated",
            key="mitigated",
        ),
        M(
            t("16:05:45"),
            "bot:AWS Chatbot",
            "",
            card={
                "title": 'OK: "checkout-dns-healthcheck" in US East (N. Virginia)',
                "text": "Threshold Crossed: 2 datapoints [1.0, 1.0] were not less than the threshold (1.0).",
                "color": "good",
            },
        ),
        M(
            t("16:10:20"),
            "luis",
            "lost checkout revenue estimate: $62,000 over the 43 minutes",
            key="figure",
        ),
        M(
            t("16:12:05"),
            "carmen",
            "action item: run a DNS diff in CI that fails when a plan changes a record's target",
        ),
        M(
            t("16:12:50"),
            "hana",
            "we should add an external synthetic check on checkout.shopwell.example from 3 regions",
        ),
        M(
            t("16:13:30"),
            "tariq",
            "I'll remove the default ALB name from the module so it has to be set explicitly",
        ),
        M(t("16:15:00"), "emma", "support macro removed, thanks all"),
    ]
    alerts = [
        Alert(
            t("15:22:10"),
            "trigger",
            "checkout-dns-healthcheck",
            "Route53 health check for checkout.shopwell.example",
            key="trigger",
            value="Threshold Crossed: 2 datapoints [0.0, 0.0] were less than the threshold (1.0).",
        ),
        Alert(
            t("16:05:30"),
            "resolve",
            "checkout-dns-healthcheck",
            "Route53 health check for checkout.shopwell.example",
            key="resolve",
            value="Threshold Crossed: 2 datapoints [1.0, 1.0] were not less than the threshold (1.0).",
        ),
    ]
    cues = [
        Cue(4, 10, "hana", "Okay, this is Hana. Tariq, what changed?"),
        Cue(
            11,
            24,
            "tariq",
            "At fifteen fourteen I applied the zone module change. The module's default pointed the checkout CNAME at the 2019 load balancer.",
        ),
        Cue(25, 33, "hana", "And the revert is in flight?"),
        Cue(34, 42, "tariq", "PR is up, Carmen approved it. Apply takes about ten minutes."),
        Cue(
            43,
            55,
            "carmen",
            "Once it's applied resolvers need up to five minutes to drop the bad answer, since the new TTL is three hundred.",
        ),
        Cue(
            56,
            66,
            "luis",
            "Checkout success is at sixty-nine percent. Mobile clients retry, so it's a bit better there.",
        ),
        Cue(
            67,
            75,
            "emma",
            "I've put a macro on the support chats telling people to retry in a few minutes.",
        ),
        Cue(
            1150,
            1160,
            "tariq",
            "The revert is applied. The record points at the current load balancer.",
        ),
        Cue(
            1740,
            1750,
            "carmen",
            "All public resolvers return the right answer. I'd call it mitigated.",
        ),
        Cue(
            1751,
            1764,
            "hana",
            "Good. For the review: DNS diff in CI and an external synthetic check. Thanks everyone.",
        ),
    ]
    changes = [
        Change(
            t("09:03:11"),
            "luis",
            "checkout: show delivery date on confirmation page",
            extra={"authored": t("08:51:40")},
        ),
        Change(
            t("15:14:02"),
            "tariq",
            "Move checkout records into the dns/zone module",
            key="commit",
            extra={"authored": t("16:20:00", -1)},
        ),
        Change(
            t("15:40:00"),
            "tariq",
            'Revert "Move checkout records into the dns/zone module"',
            key="revert",
        ),
        Change(t("16:30:45"), "tariq", "dns/zone module: require explicit alb_name, no default"),
    ]
    s = Story(
        "dns",
        "dns",
        people,
        "checkout-dns",
        "inc-dns",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("15:30:00"),
        chat_format="slack-export",
        alert_format="cloudwatch",
        transcript_format="vtt",
        change_format="git-machine",
        slack_tz="America/Chicago",
        seed=404,
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
            ("commit", "Move checkout records into the dns/zone module"),
            ("trigger", "checkout-dns-healthcheck"),
            ("ack", "ack, I'm on it"),
            ("dig", "lb-old-2019"),
            ("revert", "Revert"),
            ("mitigated", "Mitigated"),
            ("resolve", "checkout-dns-healthcheck"),
        ],
        impact_figures=["31%", "$62,000", "43 minutes"],
        trigger="a Terraform apply pointed the checkout CNAME at a decommissioned load balancer",
        contributing_factors=[
            "zone module default pointed at the 2019 load balancer",
            "terraform plan review did not show the record target change clearly",
            "no external synthetic check on checkout DNS",
        ],
        action_item_themes=[
            "DNS diff check in CI",
            "external synthetic DNS check",
            "remove default ALB name from module",
        ],
        expected_owners=["Carmen Ruiz", "Hana Novak", "Tariq Aziz"],
    )


# ------------------------------------------------------------------ 5. cloud-region
def cloud_region(root):
    t = clock("2024-08-21")
    people = dict(
        [
            P("amara", "Amara Nwosu", "SRE", "America/New_York"),
            P("diego", "Diego Santos", "Platform Engineer", "America/Sao_Paulo"),
            P("chloe", "Chloé Martin", "Incident Commander", "America/New_York"),
            P("viktor", "Viktor Petrov", "SRE", "Europe/Berlin"),
            P("sam", "Sam Whitaker", "Support Lead", "America/Los_Angeles"),
        ]
    )
    M = Msg
    msgs = [
        M(
            t("17:38:05"),
            "bot:AWS Health",
            "",
            card={
                "title": "Increased API error rates: EC2 (us-east-1)",
                "text": "We are investigating increased error rates and latencies for EC2 APIs and EBS volumes in a single Availability Zone (use1-az4).",
            },
        ),
        M(
            t("17:41:22"),
            "sam",
            "customers say pages load very slowly or time out, started a few minutes ago",
            key="report",
        ),
        M(
            t("17:45:40"),
            "bot:PagerDuty",
            "",
            card={
                "title": "Triggered #5187: storefront error rate above 5%",
                "text": "Assigned to Amara Nwosu",
            },
        ),
        M(
            t("17:51:10"),
            "viktor",
            "@Amara Nwosu paged but no ack yet, I'm escalating. Looking in the meantime",
        ),
        M(t("17:52:40"), "amara", "sorry, was driving. ack, on it now", key="ack_msg"),
        M(
            t("17:54:00"),
            "viktor",
            "6 of 18 nodes NotReady, all in use1-az4. Pods stuck Terminating there and new ones can't schedule, we're at max nodes",
            key="nodes",
        ),
        M(
            t("17:55:30"),
            "chloe",
            "I'm IC. Viktor ops, Amara comms with support. Bridge: https://meet.shopwell.example/j/inc-5187",
        ),
        M(
            t("17:57:10"),
            "diego",
            "cluster autoscaler can't launch in az4 and keeps retrying there instead of az2/az6",
        ),
        M(t("17:59:45"), "viktor", "storefront error rate 12%, p99 9.1s", key="peak"),
        M(
            t("18:02:20"),
            "chloe",
            "Decision: cordon every az4 node, raise the node group max to 30 and pin new nodes to az2 and az6",
            key="decision",
        ),
        M(
            t("18:04:05"),
            "diego",
            "cordoned 6 nodes, node group max 30, subnets limited to az2/az6",
        ),
        M(t("18:09:30"), "diego", "4 new nodes Ready in az2, pods scheduling"),
        M(t("18:15:50"), "viktor", "ALB target groups: deregistered az4 targets"),
        M(
            t("18:26:10"),
            "viktor",
            "traffic shifted out of use1-az4; storefront error rate 0.6%, p99 1.2s. Mitigated",
            key="mitigated",
        ),
        M(t("18:28:40"), "sam", "support tickets slowing down, we got 260 in total"),
        M(
            t("18:52:00"),
            "bot:AWS Health",
            "",
            card={
                "title": "[RESOLVED] Increased API error rates: EC2 (us-east-1)",
                "text": "Between 10:31 AM and 11:47 AM PDT we experienced increased error rates in use1-az4.",
            },
        ),
        M(
            t("19:09:30"),
            "chloe",
            "resolving the PagerDuty incident, we keep az4 cordoned until tomorrow",
        ),
        M(t("19:12:15"), "amara", "@Viktor Petrov what was the impact window?"),
        M(
            t("19:13:40"),
            "viktor",
            "degraded from 17:40 to 18:26, 46 minutes, about 1 of 3 AZs' capacity lost",
            key="figure",
        ),
        M(
            t("19:15:05"),
            "diego",
            "action item: configure the cluster autoscaler to back off a failing AZ (balance-similar-node-groups + expander priority)",
        ),
        M(
            t("19:16:00"),
            "chloe",
            "we should keep 30% headroom in node group max so one AZ can go away",
        ),
        M(
            t("19:16:40"),
            "amara",
            "and fix my phone's DND override for PagerDuty, I'll check the others' too",
        ),
    ]
    alerts = [
        Alert(t("17:45:03"), "trigger", "storefront error rate above 5%", key="trigger"),
        Alert(t("17:50:04"), "escalate", "x", who="viktor"),
        Alert(t("17:52:11"), "ack", "x", who="amara", key="ack"),
        Alert(
            t("18:03:00"),
            "note",
            "x",
            "AZ use1-az4 degraded; cordoning nodes and shifting capacity to az2/az6",
            who="chloe",
        ),
        Alert(t("19:09:12"), "resolve", "x", who="chloe", key="resolve"),
    ]
    cues = [
        Cue(6, 13, "chloe", "Chloé here as IC. Viktor, what do we see?"),
        Cue(
            14,
            29,
            "viktor",
            "A third of our nodes are in the broken zone and not ready. The autoscaler keeps trying to launch there.",
        ),
        Cue(
            30, 39, "diego", "We're at the node group max too, so nothing new can come up anywhere."
        ),
        Cue(40, 50, "chloe", "Can we get out of az4 completely?"),
        Cue(
            51,
            64,
            "diego",
            "Yes: cordon the az4 nodes, raise the max, and limit the node group to the other two zones.",
        ),
        Cue(65, 73, "chloe", "Do it. Amara, you're on comms."),
        Cue(74, 84, "amara", "Okay. Status page says degraded performance for the storefront."),
        Cue(540, 552, "diego", "Four new nodes are ready in az2, pods are scheduling."),
        Cue(1850, 1862, "viktor", "All traffic is out of az4. Error rate is under one percent."),
        Cue(
            1863,
            1876,
            "chloe",
            "Great. Keep az4 cordoned overnight. For the review: autoscaler behaviour and headroom.",
        ),
    ]
    changes = [
        Change(
            t("17:40:12"),
            "viktor",
            "Node ip-10-20-41-7.ec2.internal status is now: NodeNotReady",
            kind="k8s:NodeNotReady:Normal:Node/ip-10-20-41-7.ec2.internal",
            key="notready",
            extra={"modern": True, "component": "node-controller", "namespace": ""},
        ),
        Change(
            t("17:41:02"),
            "viktor",
            "Node ip-10-20-44-19.ec2.internal status is now: NodeNotReady",
            kind="k8s:NodeNotReady:Normal:Node/ip-10-20-44-19.ec2.internal",
            extra={"modern": True, "component": "node-controller", "namespace": ""},
        ),
        Change(
            t("17:48:30"),
            "viktor",
            "0/18 nodes are available: 6 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 12 Insufficient cpu. preemption: 0/18 nodes are available.",
            kind="k8s:FailedScheduling:Warning:Pod/storefront-7d9f8c6b5-x2kqp",
            extra={"modern": True, "component": "default-scheduler", "namespace": "storefront"},
        ),
        Change(
            t("18:04:00"),
            "diego",
            "Scaled up replica set storefront-7d9f8c6b5 to 24 from 18",
            kind="k8s:ScalingReplicaSet:Normal:Deployment/storefront",
            extra={"modern": True, "component": "deployment-controller", "namespace": "storefront"},
        ),
        Change(
            t("18:09:15"),
            "diego",
            "Node ip-10-20-22-31.ec2.internal status is now: NodeReady",
            kind="k8s:NodeReady:Normal:Node/ip-10-20-22-31.ec2.internal",
            extra={"modern": True, "component": "kubelet", "namespace": ""},
        ),
    ]
    s = Story(
        "cloud-region",
        "cloud-region",
        people,
        "storefront",
        "inc-storefront",
        msgs,
        alerts,
        cues,
        changes,
        meeting_start=t("17:56:00"),
        chat_format="teams",
        alert_format="pagerduty-v3",
        transcript_format="text-offset",
        change_format="k8s",
        seed=505,
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
            ("notready", "NodeNotReady"),
            ("report", "pages load very slowly"),
            ("trigger", "storefront error rate"),
            ("ack", "storefront error rate"),
            ("nodes", "6 of 18 nodes NotReady"),
            ("decision", "cordon every az4 node"),
            ("mitigated", "traffic shifted out of use1-az4"),
            ("resolve", "storefront error rate"),
        ],
        impact_figures=["12%", "9.1s", "46 minutes", "260"],
        trigger="AWS EC2/EBS degradation in availability zone use1-az4",
        contributing_factors=[
            "cluster autoscaler kept retrying the failing zone",
            "node group at its maximum, no headroom for a lost zone",
            "first page not acknowledged for 7 minutes",
        ],
        action_item_themes=[
            "autoscaler backs off a failing zone",
            "node group headroom for losing an AZ",
            "on-call phone notification check",
        ],
        expected_owners=["Diego Santos", "Chloé Martin", "Amara Nwosu"],
    )
