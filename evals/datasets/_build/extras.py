"""Neutral chatter and background changes that bring every bundle to 40+ events."""

from __future__ import annotations

from .render import Change, Cue, Msg
from .stories_a import clock

E: dict[str, tuple[list[Msg], list[Change], list[Cue]]] = {}

t = clock("2024-06-02")
E["cert-expiry"] = (
    [
        Msg(
            t("00:05:30"),
            "yuki",
            "Parcelo reports the same error on their label printing integration",
        ),
        Msg(
            t("00:10:20"),
            "jonas",
            "openssl s_client against partner-api shows the chain, leaf expired 00:00:00 UTC",
        ),
        Msg(t("00:16:30"), "pierre", "joining the bridge now"),
        Msg(
            t("00:18:10"),
            "anke",
            "found the new IAM key in the vault, path platform/route53/cert-manager",
        ),
        Msg(
            t("00:22:45"),
            "jonas",
            "watching `kubectl describe certificate partner-api-tls -n partner`",
        ),
        Msg(t("00:29:50"), "anke", "TXT record visible on all 4 Route53 nameservers now"),
        Msg(t("00:36:15"), "jonas", "restarting ingress-nginx so every pod loads the new secret"),
        Msg(t("00:47:30"), "yuki", "Acme confirms their trucks' scanners sync again"),
        Msg(t("00:58:00"), "pierre", "I'll schedule the review for Tuesday"),
    ],
    [
        Change(
            t("10:00:00", -2),
            "jonas",
            "partner-api v4.1.9: retry webhooks on 502",
            kind="deploy",
            extra={"service": "partner-api", "version": "v4.1.9"},
        ),
    ],
    [
        Cue(71, 80, "anke", "Found the new key in the vault. Updating the secret now."),
        Cue(600, 608, "jonas", "The challenge record is propagating, waiting on the TTL."),
        Cue(1080, 1090, "anke", "Certificate shows ready. Restarting the ingress pods."),
    ],
)

t = clock("2024-11-14")
E["config-push"] = (
    [
        Msg(t("20:13:10"), "zoe", "login success rate in the app dropped from 99% to 47%"),
        Msg(t("20:18:30"), "ravi", "joining the bridge"),
        Msg(
            t("20:20:15"),
            "zoe",
            "we're showing a maintenance banner in the app to stop retry storms",
        ),
        Msg(t("20:24:40"), "kenji", "3 of 5 regions on the reverted config"),
        Msg(t("20:27:55"), "maya", "429s dropping in us-west-2 and eu-west-1"),
        Msg(t("20:30:20"), "kenji", "5 of 5 regions reverted, waiting for caches to expire"),
        Msg(t("20:38:10"), "zoe", "removing the maintenance banner"),
    ],
    [
        Change(t("11:05:33"), "maya", "gateway: bump envoy to 1.31.2"),
        Change(t("14:48:02"), "kenji", "ratelimits: add per-route overrides for partner APIs"),
    ],
    [
        Cue(200, 210, "kenji", "Revert is merged, pushing to the first region now."),
        Cue(500, 510, "maya", "Three regions done, the 429 rate is coming down."),
    ],
)

t = clock("2024-07-09")
E["dns"] = (
    [
        Msg(t("15:34:50"), "hana", "{@emma} can support tell customers to retry in 10-15 minutes?"),
        Msg(t("15:35:30"), "emma", "on it, macro is live"),
        Msg(
            t("15:44:20"),
            "carmen",
            "flushing our internal resolver caches so the office gets the fix first",
        ),
        Msg(t("15:52:10"), "luis", "checkout success rate 84% and climbing"),
    ],
    [
        Change(t("11:30:00"), "carmen", "monitoring: add latency SLO for checkout"),
    ],
    [],
)

t = clock("2024-10-03")
E["memory-leak"] = (
    [
        Msg(t("09:10:40"), "hugo", "3 of 6 pods on 3.7.2"),
        Msg(t("09:14:05"), "aisha", "posted a note on the seller forum: retry failed uploads"),
        Msg(
            t("09:22:30"),
            "elif",
            "rollback complete: all 6 pods on 3.7.2, memory on the new pods at 300MiB",
            key="rb_done",
        ),
        Msg(t("09:30:15"), "hugo", "memory on 3.7.2 pods stable at ~300MiB"),
    ],
    [],
    [
        Cue(900, 910, "hugo", "Half the pods are on three seven two."),
        Cue(1500, 1510, "elif", "All pods rolled back. Watching memory now."),
    ],
)

t = clock("2025-01-22")
E["near-miss"] = (
    [
        Msg(
            t("10:15:40"), "lena", "messaged #analytics-eng to confirm nobody reads from that slot"
        ),
        Msg(t("10:18:20"), "marco", "WAL volume 89.1% now"),
        Msg(t("10:27:10"), "priya", "checkout writes look normal, no latency change"),
        Msg(t("10:35:05"), "lena", "WAL volume dropping: 77%"),
        Msg(t("10:43:30"), "marco", "62% and falling"),
        Msg(t("11:12:40"), "lena", "writing a short summary for the postmortem doc"),
        Msg(t("11:15:20"), "marco", "thanks Lena"),
    ],
    [
        Change(
            t("16:45:00", -1),
            "priya",
            "deploy checkout-api 2025.01.21-3",
            kind="deploy",
            extra={"service": "checkout-api", "version": "2025.01.21-3"},
        ),
        Change(
            t("08:10:00"),
            "marco",
            "rotate orders-db TLS certificate",
            kind="ops",
            extra={"service": "orders-db", "version": "n/a"},
        ),
    ],
    [
        Cue(86, 95, "marco", "I'll keep an eye on the volume while Lena checks with analytics."),
        Cue(96, 103, "priya", "Checkout is fine so far, no write latency change."),
    ],
)

t = clock("2024-09-12")
E["queue-backlog"] = (
    [
        Msg(t("15:38:20"), "george", "{@lucia} we expect pick lists back within 30 minutes"),
        Msg(t("15:46:40"), "fatima", "writing the skipper job for partition 7"),
        Msg(t("15:55:30"), "noah", "consumer group rebalanced, all partitions assigned"),
        Msg(t("16:20:10"), "noah", "lag down to 1.1M"),
        Msg(t("16:40:00"), "noah", "lag 90k"),
    ],
    [],
    [
        Cue(700, 710, "fatima", "The skipper job is running on partition seven."),
    ],
)

t = clock("2024-12-02")
E["third-party-outage"] = (
    [
        Msg(t("16:08:20"), "ines", "joining the bridge"),
        Msg(t("16:13:40"), "marcus", "first Corvid authorisations succeeding"),
        Msg(t("16:15:10"), "olivia", "auth success 88% and rising"),
        Msg(
            t("16:21:30"), "ines", "status page: payments working, some customers may need to retry"
        ),
        Msg(t("16:35:00"), "paul", "I'll tell the bank partner about the provider switch"),
        Msg(t("17:02:15"), "marcus", "PayFlux status: monitoring"),
    ],
    [
        Change(t("09:20:05"), "olivia", "alerts: add payments auth success SLO burn alerts"),
    ],
    [
        Cue(300, 310, "marcus", "First authorisations through Corvid are succeeding."),
        Cue(420, 430, "olivia", "Eighty-eight percent and rising."),
    ],
)
