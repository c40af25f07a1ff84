# ruff: noqa: E501  (story text and vendor payload literals read better unwrapped)
"""The story of examples/checkout-outage, written out by ``build(out)``."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .slackkit import Export, iso, slack_dt, user


def build(OUT: Path) -> None:
    D = datetime(2024, 5, 14, tzinfo=UTC)

    def t(hms: str, day: datetime = D) -> datetime:
        h, m, s = (int(x) for x in hms.split(":"))
        return day + timedelta(hours=h, minutes=m, seconds=s)

    PRIYA, MARCO, DANA, LENA, SAM, JUN, ALEX, TOMAS, RUTH = (
        "U05A1PRIYA",
        "U05B2MARCO",
        "U05C3DANA1",
        "U05D4LENA1",
        "U05E5SAM11",
        "U05F6JUN11",
        "U05G7ALEX1",
        "U05K8TOMAS",
        "U05L9RUTH1",
    )
    AMBOT, SHIPIT = "U05H8AMBOT", "U05J9SHIPT"
    B_AM, B_SHIP, B_PD = "B05H8AM001", "B05J9SH002", "B05PDX0003"
    INC, DEP, SUP = "C05INCCHK1", "C05DEPLOYS", "C05SUPESC1"

    ex = Export("America/Los_Angeles", seed=514)
    for u in [
        user(
            PRIYA,
            "priya.raman",
            "Priya Raman",
            "Priya",
            "priya.raman@shopwell.example",
            "Backend Engineer, Checkout",
        ),
        user(
            MARCO,
            "marco",
            "Marco Bellini",
            "marco",
            "marco.bellini@shopwell.example",
            "SRE",
            tz="Europe/Berlin",
        ),
        user(
            DANA,
            "dana.okafor",
            "Dana Okafor",
            "Dana (she/her)",
            "dana.okafor@shopwell.example",
            "Engineering Manager, Payments",
            tz="America/New_York",
        ),
        user(
            LENA,
            "lena.f",
            "Lena Fischer",
            "Lena",
            "lena.fischer@shopwell.example",
            "Database Engineer",
            tz="Europe/Berlin",
        ),
        user(SAM, "sam.w", "Sam Whitaker", "", "sam.whitaker@shopwell.example", "Support Lead"),
        user(
            JUN,
            "jun",
            "Jun Tanaka",
            "Jun",
            "jun.tanaka@shopwell.example",
            "Product Manager, Checkout",
        ),
        user(
            ALEX,
            "alex.moreau",
            "Alex Moreau",
            "Alex M",
            "alex.moreau@shopwell.example",
            "Platform Engineer",
            tz="Europe/London",
        ),
        user(
            TOMAS,
            "tomas",
            "Tomás Lindqvist",
            "Tomás",
            "tomas.lindqvist@shopwell.example",
            "Backend Engineer, Checkout",
        ),
        user(
            RUTH,
            "ruth.k",
            "Ruth Kamau",
            "Ruth",
            "ruth.kamau@shopwell.example",
            "Backend Engineer, Search",
        ),
        user(
            AMBOT,
            "alertmanager",
            "Alertmanager",
            "Alertmanager",
            None,
            "",
            is_bot=True,
            bot_id=B_AM,
        ),
        user(SHIPIT, "shipit", "shipit", "shipit", None, "", is_bot=True, bot_id=B_SHIP),
    ]:
        ex.add_user(u)
    ex.add_channel(
        INC,
        "inc-checkout",
        1684771200,
        DANA,
        [DANA, TOMAS, SAM, AMBOT, MARCO, JUN, PRIYA, LENA, ALEX],
        topic="Checkout incidents. Runbook: https://wiki.shopwell.example/checkout/runbook",
        purpose="Alerts and incident response for checkout-api",
    )
    ex.add_channel(
        DEP,
        "deploys",
        1672531200,
        ALEX,
        [ALEX, PRIYA, TOMAS, RUTH, SHIPIT, MARCO],
        purpose="Production deploys (posted by shipit)",
    )
    ex.add_channel(
        SUP,
        "support-escalations",
        1675209600,
        SAM,
        [SAM, DANA, TOMAS, JUN],
        purpose="Support asks engineering",
    )

    PR = "<https://git.shopwell.example/shop/checkout-api/pull/4821|#4821>"
    DASH = "<https://grafana.shopwell.example/d/chk-api/checkout-api|checkout-api overview>"

    def ship(when, text, key=None):
        return ex.bot(
            when,
            "deploys",
            bot_id=B_SHIP,
            username="shipit",
            app_user=SHIPIT,
            app_id="A05J9SH002",
            text=text,
            attachments=None,
            key=key,
        )

    # ---------------- #deploys: the day's background and the change ----------------
    dep = [
        ("2024-05-13 16:05:11", RUTH, "search-api 2024.05.13-4 going out: synonym table refresh"),
        (
            "2024-05-13 16:05:40",
            None,
            "Deploy 2024.05.13-4 of search-api started by <@U05L9RUTH1> (canary 10% → 100%)",
        ),
        (
            "2024-05-13 16:21:02",
            None,
            "Deploy 2024.05.13-4 of search-api finished: 8/8 pods healthy",
        ),
        ("2024-05-13 18:44:30", TOMAS, "checkout-api 2024.05.13-5: gift card rounding fix"),
        (
            "2024-05-13 18:44:51",
            None,
            "Deploy 2024.05.13-5 of checkout-api started by <@U05K8TOMAS> (canary 10% → 100%)",
        ),
        (
            "2024-05-13 19:03:17",
            None,
            "Deploy 2024.05.13-5 of checkout-api finished: 12/12 pods healthy",
        ),
        ("2024-05-13 21:12:09", RUTH, "search-api 2024.05.13-6: bump client timeouts"),
        (
            "2024-05-13 21:12:33",
            None,
            "Deploy 2024.05.13-6 of search-api started by <@U05L9RUTH1> (canary 10% → 100%)",
        ),
        (
            "2024-05-13 21:29:50",
            None,
            "Deploy 2024.05.13-6 of search-api finished: 8/8 pods healthy",
        ),
        (
            "2024-05-13 22:05:12",
            RUTH,
            "recs-api 2024.05.13-2: new ranking weights behind flag recs_v7",
        ),
        (
            "2024-05-13 22:05:35",
            None,
            "Deploy 2024.05.13-2 of recs-api started by <@U05L9RUTH1> (canary 10% → 100%)",
        ),
        ("2024-05-13 22:19:48", None, "Deploy 2024.05.13-2 of recs-api finished: 6/6 pods healthy"),
        (
            "2024-05-13 23:30:02",
            ALEX,
            "shipit 3.14 rolled out: deploy logs now link to the Grafana annotations",
        ),
        ("2024-05-13 23:31:10", TOMAS, "nice :tada:"),
        ("2024-05-14 00:15:40", RUTH, "search-api 2024.05.14-1: reindex job schedule"),
        (
            "2024-05-14 00:16:01",
            None,
            "Deploy 2024.05.14-1 of search-api started by <@U05L9RUTH1> (canary 10% → 100%)",
        ),
        (
            "2024-05-14 00:33:27",
            None,
            "Deploy 2024.05.14-1 of search-api finished: 8/8 pods healthy",
        ),
        ("2024-05-14 01:40:05", TOMAS, "checkout-api 2024.05.14-1: remove the old_tax_engine flag"),
        (
            "2024-05-14 01:40:29",
            None,
            "Deploy 2024.05.14-1 of checkout-api started by <@U05K8TOMAS> (canary 10% → 100%)",
        ),
        (
            "2024-05-14 01:58:44",
            None,
            "Deploy 2024.05.14-1 of checkout-api finished: 12/12 pods healthy",
        ),
        ("2024-05-14 03:02:44", RUTH, "recs-api 2024.05.14-1: enable recs_v7 for 10% of traffic"),
        (
            "2024-05-14 03:03:05",
            None,
            "Deploy 2024.05.14-1 of recs-api started by <@U05L9RUTH1> (canary 10% → 100%)",
        ),
        ("2024-05-14 03:16:59", None, "Deploy 2024.05.14-1 of recs-api finished: 6/6 pods healthy"),
        (
            "2024-05-14 04:31:15",
            PRIYA,
            "checkout-api 2024.05.14-2: log order ids on payment retries",
        ),
        (
            "2024-05-14 04:31:38",
            None,
            "Deploy 2024.05.14-2 of checkout-api started by <@U05A1PRIYA> (canary 10% → 100%)",
        ),
        (
            "2024-05-14 04:50:02",
            None,
            "Deploy 2024.05.14-2 of checkout-api finished: 12/12 pods healthy",
        ),
        (
            "2024-05-14 06:02:10",
            PRIYA,
            f"deploying checkout-api 2024.05.14-3: {PR} moves the DB pool settings to the pgbouncer values (config only)",
        ),
        (
            "2024-05-14 06:02:29",
            None,
            "Deploy 2024.05.14-3 of checkout-api started by <@U05A1PRIYA>. Change type: config only, canary skipped",
        ),
        (
            "2024-05-14 06:13:52",
            None,
            "Deploy 2024.05.14-3 of checkout-api finished: 12/12 pods healthy",
        ),
        (
            "2024-05-14 06:34:20",
            None,
            "Rollback of checkout-api to 2024.05.14-2 started by <@U05A1PRIYA>",
        ),
        (
            "2024-05-14 06:41:07",
            None,
            "Rollback complete: checkout-api is on 2024.05.14-2 (12/12 pods healthy)",
        ),
        (
            "2024-05-14 07:21:40",
            ALEX,
            "Holding config-only deploys of checkout-api until the canary gate for pool-size changes lands. Ping me if you need an exception.",
        ),
        ("2024-05-14 07:22:15", RUTH, ":+1: nothing planned for search tonight anyway"),
    ]
    keys = {
        "2024-05-14 06:02:29": "deploy_start",
        "2024-05-14 06:13:52": "deploy_done",
        "2024-05-14 06:34:20": "rollback_start",
        "2024-05-14 06:41:07": "rollback_done",
    }
    for when, who, text in dep:
        dt = datetime.fromisoformat(when).replace(tzinfo=UTC)
        if who is None:
            ship(dt, text, key=keys.get(when))
        else:
            ex.say(dt, "deploys", who, text)

    # ---------------- #support-escalations ----------------
    ex.say(
        t("02:10:12"),
        "support-escalations",
        SAM,
        "FYI a customer says the order-tracking page shows the wrong delivery ETA for express orders. Ticket 88231, low priority.",
        key="eta",
    )
    ex.say(
        t("02:14:40"),
        "support-escalations",
        TOMAS,
        "Known bug, fix ships tomorrow. Thanks!",
        thread="eta",
    )
    ex.say(
        t("02:31:10"),
        "support-escalations",
        SAM,
        "Another one: a customer in Canada sees prices in USD on the product page. Ticket 88240.",
        key="cad",
    )
    ex.say(
        t("02:35:02"),
        "support-escalations",
        TOMAS,
        "that's the catalog team, forwarding",
        thread="cad",
    )
    ex.say(t("02:58:44"), "support-escalations", SAM, "thanks :pray:", thread="cad")
    ex.say(
        t("04:05:30"),
        "support-escalations",
        SAM,
        "Is the gift card rounding fix live? A customer asks about a 1 cent difference",
        key="gift",
    )
    ex.say(
        t("04:09:12"),
        "support-escalations",
        TOMAS,
        "yes, since 2024.05.13-5 yesterday evening",
        thread="gift",
    )
    ex.say(t("04:10:01"), "support-escalations", SAM, "perfect, closing the ticket", thread="gift")
    ex.say(t("05:20:18"), "support-escalations", SAM, "quiet night so far :crossed_fingers:")
    ex.say(
        t("06:16:30"),
        "support-escalations",
        SAM,
        'Heads up: we\'re getting a burst of "payment could not be processed" chats from customers at checkout in the last few minutes. Anyone aware of anything?',
        key="support_report",
    )
    ex.say(
        t("06:20:12"),
        "support-escalations",
        DANA,
        f"<@{SAM}> thanks, the checkout-api 5xx alert just fired. Paging the checkout on-call; updates in <#{INC}|inc-checkout>",
        thread="support_report",
    )
    ex.say(
        t("06:21:40"),
        "support-escalations",
        SAM,
        "thanks! I'll put a canned reply on those chats",
        thread="support_report",
    )
    ex.say(
        t("06:58:30"),
        "support-escalations",
        SAM,
        "chats back to normal volume. We had 312 checkout-failure chats in total",
        thread="support_report",
    )
    ex.say(
        t("07:12:05"),
        "support-escalations",
        SAM,
        f"<@{JUN}> I'll share the list of affected customers for the apology email",
        thread="support_report",
    )
    ex.say(t("07:14:30"), "support-escalations", JUN, "perfect, thank you", thread="support_report")

    # ---------------- #inc-checkout ----------------
    AM_URL = "http://alertmanager.shopwell.example:9093"

    def am_post(when, status, alerts, key=None):
        n_firing = sum(1 for a in alerts if a[1] == "firing")
        title = (
            f"[{status.upper()}{':' + str(n_firing) if status == 'firing' else ''}] checkout-api"
        )
        lines = []
        for name, st, summary in alerts:
            lines.append(f"*{name}* ({st}): {summary}")
        att = {
            "color": "danger" if status == "firing" else "good",
            "fallback": f"{title} | {AM_URL}/#/alerts",
            "title": title,
            "title_link": f"{AM_URL}/#/alerts?receiver=checkout-oncall",
            "text": "\n".join(lines),
            "mrkdwn_in": ["fallback", "pretext", "text"],
            "fields": [
                {"title": "severity", "value": "critical", "short": True},
                {"title": "service", "value": "checkout-api", "short": True},
            ],
        }
        return ex.bot(
            when, "inc-checkout", bot_id=B_AM, username="Alertmanager", attachments=[att], key=key
        )

    def pd_post(when, text_title, color, key=None):
        att = {
            "color": color,
            "fallback": text_title,
            "title": text_title,
            "title_link": "https://shopwell.pagerduty.com/incidents/Q3KX8V1W2B7ZPA",
            "fields": [
                {"title": "Service", "value": "checkout-api", "short": True},
                {"title": "Urgency", "value": "High", "short": True},
            ],
            "footer": "PagerDuty",
        }
        return ex.bot(
            when, "inc-checkout", bot_id=B_PD, username="PagerDuty", attachments=[att], key=key
        )

    ERR = (
        "CheckoutHighErrorRate",
        "firing",
        "5xx ratio for checkout-api above 5% for 2m (currently 11.3%)",
    )
    LAT = ("CheckoutLatencyHigh", "firing", "p99 latency for checkout-api above 2s for 2m")

    ex.say(
        t("03:30:00"),
        "inc-checkout",
        TOMAS,
        "Reminder: game day for the payment-provider failover is Thursday, sign-up sheet in the channel topic",
    )
    am_post(t("06:19:01"), "firing", [ERR], key="am_fire_slack")
    pd_post(
        t("06:19:04"),
        "Triggered #4471: [FIRING:1] CheckoutHighErrorRate checkout-api (critical), assigned to Marco Bellini",
        "danger",
        key="pd_trigger",
    )
    ex.say(
        t("06:20:20"),
        "inc-checkout",
        DANA,
        "<!here> checkout-api 5xx alert is firing and support sees payment failures. Who's on call for checkout tonight?",
        key="dana_here",
    )
    am_post(t("06:21:01"), "firing", [ERR, LAT])
    ex.say(
        t("06:21:30"),
        "inc-checkout",
        TOMAS,
        f"looking at {DASH}: 5xx ratio at 9% and rising, only checkout-api, cart and catalog are fine",
    )
    ex.say(
        t("06:22:05"), "inc-checkout", DANA, f"<@{MARCO}> is primary per PagerDuty, pulling him in"
    )
    ex.join(t("06:22:58"), "inc-checkout", MARCO, inviter=DANA)
    ex.say(t("06:23:41"), "inc-checkout", MARCO, "ack, I'm on it", key="ack")
    pd_post(t("06:24:05"), "Acknowledged #4471 by Marco Bellini", "warning")
    ex.say(
        t("06:24:30"),
        "inc-checkout",
        MARCO,
        "the 5xx are all `timeout acquiring connection from pool (8/8 in use)` from checkout-api. Postgres answers fine from a debug pod",
        key="pool_msg",
    )
    ex.say(
        t("06:25:10"),
        "inc-checkout",
        DANA,
        f"I'm IC. <@{MARCO}> ops lead, <@{JUN}> comms please. Bridge: <https://meet.shopwell.example/j/inc-checkout|incident bridge>",
        key="ic",
    )
    ex.join(t("06:25:40"), "inc-checkout", JUN, inviter=DANA)
    ex.say(t("06:25:52"), "inc-checkout", JUN, "on it, drafting a status page update")
    ex.say(
        t("06:26:15"),
        "inc-checkout",
        MARCO,
        "8/8 in use... the pool max was 50 last week. Did something change the pool size?",
        key="t_pool",
    )
    ex.say(
        t("06:26:40"),
        "inc-checkout",
        TOMAS,
        f"2024.05.14-3 finished at 06:13, right before this. <@{PRIYA}> was that the pool change?",
        thread="t_pool",
    )
    ex.join(t("06:27:30"), "inc-checkout", PRIYA, inviter=TOMAS)
    ex.say(
        t("06:27:55"),
        "inc-checkout",
        PRIYA,
        f"yes, {PR} set DB_POOL_MAX from 50 to 8. The pgbouncer sizing doc says 8 per client and I read client as pod; I think it means per worker process",
        thread="t_pool",
        key="priya_pool",
    )
    ex.say(
        t("06:28:20"),
        "inc-checkout",
        MARCO,
        "that matches what we see: 12 pods × 8 = 96 connections for ~600 rps at evening peak",
        thread="t_pool",
    )
    ex.say(
        t("06:28:33"),
        "inc-checkout",
        TOMAS,
        "and pool timeout is 2s, which is exactly where the p99 sits",
        thread="t_pool",
    )
    ex.join(t("06:28:45"), "inc-checkout", LENA, inviter=MARCO)
    ex.say(
        t("06:29:10"),
        "inc-checkout",
        LENA,
        "DB side looks healthy: CPU 22%, 96 server connections in use out of 400 on pgbouncer. The app is starved, not the database",
    )
    ex.say(
        t("06:29:40"),
        "inc-checkout",
        JUN,
        "Status page posted: <https://status.shopwell.example/incidents/k2x9m4|Checkout errors>. Next update in 30 min",
    )
    ex.say(
        t("06:30:05"),
        "inc-checkout",
        DANA,
        "Options: (a) roll back to 2024.05.14-2, (b) hotfix DB_POOL_MAX. Rollback is the known-good path. Objections?",
    )
    ex.join(t("06:30:30"), "inc-checkout", ALEX, inviter=DANA)
    ex.say(
        t("06:30:50"),
        "inc-checkout",
        ALEX,
        "rollback takes ~7 minutes for 12 pods. A hotfix needs a new build and the same rollout, so rollback is faster",
    )
    am_post(t("06:31:01"), "firing", [ERR, LAT])
    ex.say(t("06:31:20"), "inc-checkout", MARCO, "error rate now 31%, p99 latency 3.8s")
    ex.say(
        t("06:31:45"),
        "inc-checkout",
        LENA,
        "agree on rollback. Don't raise max_client_conn on pgbouncer as a stopgap, it would just move the queue",
    )
    ex.say(
        t("06:32:45"),
        "inc-checkout",
        DANA,
        f"Decision: roll back 2024.05.14-3. <@{PRIYA}> please go ahead",
        key="decision",
    )
    ex.say(
        t("06:33:10"), "inc-checkout", PRIYA, "rolling back deploy 2024.05.14-3", key="rollback_msg"
    )
    ex.say(
        t("06:33:40"),
        "inc-checkout",
        ALEX,
        "watching the rollout in shipit, will call out if a pod sticks",
    )
    ex.say(
        t("06:35:30"),
        "inc-checkout",
        MARCO,
        "error rate peaked at 38% at 06:35, p99 latency 4.2s",
        key="peak",
    )
    ex.say(
        t("06:36:10"),
        "inc-checkout",
        JUN,
        f"<@{DANA}> for the status page: can I say what share of checkouts fail, or keep it vague?",
        key="t_comms",
    )
    ex.say(
        t("06:36:40"),
        "inc-checkout",
        MARCO,
        "roughly a third of checkout attempts since 06:16",
        thread="t_comms",
    )
    ex.say(
        t("06:37:00"),
        "inc-checkout",
        DANA,
        'keep it to "some customers cannot complete checkout" until we have the ledger numbers',
        thread="t_comms",
    )
    ex.say(t("06:37:20"), "inc-checkout", JUN, "ok, updating", thread="t_comms")
    ex.say(t("06:38:25"), "inc-checkout", PRIYA, "rollback at 6/12 pods")
    ex.say(t("06:39:50"), "inc-checkout", MARCO, "error rate coming down: 19%")
    ex.say(t("06:40:30"), "inc-checkout", ALEX, "10/12, one pod waiting on readiness, fine")
    ex.say(
        t("06:41:40"),
        "inc-checkout",
        PRIYA,
        "rollback complete, all 12 pods on 2024.05.14-2 with DB_POOL_MAX back to 50",
        key="priya_done",
    )
    ex.say(t("06:43:10"), "inc-checkout", MARCO, "error rate 0.4%, p99 310ms. Looks good")
    am_post(
        t("06:45:01"),
        "firing",
        [ERR, ("CheckoutLatencyHigh", "resolved", "p99 latency for checkout-api above 2s for 2m")],
    )
    ex.say(
        t("06:45:30"),
        "inc-checkout",
        DANA,
        "We're mitigated. Keeping the channel open until the error-rate alert clears",
        key="mitigated_msg",
    )
    am_post(
        t("06:47:01"),
        "resolved",
        [("CheckoutHighErrorRate", "resolved", "5xx ratio for checkout-api above 5% for 2m")],
        key="am_resolved_slack",
    )
    pd_post(t("06:47:05"), "Resolved #4471: CheckoutHighErrorRate checkout-api", "good")
    ex.say(
        t("06:48:00"),
        "inc-checkout",
        LENA,
        "we should add an alert on connection-pool saturation. We'd have seen 8/8 in use minutes before the 5xx alert",
        key="ai_alert",
    )
    ex.say(t("06:48:40"), "inc-checkout", MARCO, "+1, I'll take that one", thread="ai_alert")
    ex.say(
        t("06:49:30"),
        "inc-checkout",
        ALEX,
        "action item: add a canary gate for pool-size changes. Config-only deploys skip canary today, code changes don't",
        key="ai_canary",
    )
    ex.say(
        t("06:49:55"),
        "inc-checkout",
        DANA,
        "thanks, I'll collect these in the postmortem doc",
        thread="ai_canary",
    )
    ex.say(
        t("06:50:10"),
        "inc-checkout",
        DANA,
        f"Impact tally before we close: <@{MARCO}> can you pull failed checkouts from the payments ledger?",
        key="t_tally",
    )
    ex.say(
        t("06:56:20"),
        "inc-checkout",
        MARCO,
        "about 1,240 checkouts failed between 06:16 and 06:43 (payments ledger, status=pool_timeout)",
        thread="t_tally",
        key="tally",
    )
    ex.say(
        t("06:57:45"),
        "inc-checkout",
        JUN,
        "thanks, using that for the customer email",
        thread="t_tally",
    )
    ex.say(
        t("07:02:10"),
        "inc-checkout",
        DANA,
        f"and 312 support chats per <@{SAM}>. Nobody was double-charged: failed attempts never reached the payment provider",
        thread="t_tally",
    )
    ex.say(
        t("07:04:30"),
        "inc-checkout",
        LENA,
        "action item: document the pgbouncer pool sizing math in the checkout runbook. I'll own it",
        key="ai_runbook",
    )
    ex.say(
        t("07:05:50"),
        "inc-checkout",
        PRIYA,
        "action item: load-test pool settings in staging before they go to prod. I'll add it to the release checklist",
        key="ai_loadtest",
    )
    ex.say(
        t("07:06:30"),
        "inc-checkout",
        TOMAS,
        "also worth asking in the review why the 5xx alert needs 2m before it fires",
        thread="ai_loadtest",
    )
    ex.say(
        t("07:08:15"),
        "inc-checkout",
        DANA,
        "Closing the incident. Postmortem review Thursday 16:00 UTC; Jun sends the customer email. Thanks all",
        key="close",
        reactions=[("pray", [JUN, PRIYA, MARCO]), ("white_check_mark", [LENA])],
    )
    ex.say(
        t("07:09:00"),
        "inc-checkout",
        JUN,
        "Status page set to resolved: <https://status.shopwell.example/incidents/k2x9m4|Checkout errors>",
    )

    # more realistic back-and-forth during investigation (kept in time order by the writer)
    extra = [
        (
            "06:21:55",
            SAM,
            'support here: 40+ chats in 5 minutes, all "payment could not be processed"',
        ),
        ("06:24:50", TOMAS, "no errors from the payment provider side, their status page is green"),
        (
            "06:25:25",
            TOMAS,
            "cart-api and catalog-api dashboards are flat, so this is checkout-api only",
        ),
        (
            "06:26:55",
            DANA,
            "<@U05K8TOMAS> can you check if anything else changed in the last hour? feature flags, infra",
        ),
        ("06:27:20", TOMAS, "no flag changes since 05:10, no infra changes in the terraform log"),
        ("06:29:55", MARCO, "pods are not restarting, CPU is low, they just wait on the pool"),
        ("06:30:15", PRIYA, "sorry all, I can roll it back right away"),
        ("06:30:22", DANA, "no need to apologise, let's finish the call on options first"),
        (
            "06:32:05",
            JUN,
            "marketing email to 80k customers is scheduled for 07:00. Should we hold it?",
        ),
        ("06:32:20", DANA, "yes, hold it until we are mitigated"),
        ("06:32:35", JUN, "holding it"),
        ("06:34:40", MARCO, "shipit shows the rollback started"),
        ("06:37:50", LENA, "pgbouncer waiting clients dropping as new pods come up"),
        ("06:42:10", TOMAS, "checkout success rate back to 98.9% on the dashboard"),
        ("06:44:05", JUN, "status page: monitoring"),
        ("06:46:10", SAM, "support chats slowing down"),
        ("06:51:20", JUN, "released the marketing email"),
        (
            "06:52:40",
            ALEX,
            "I'll write up why config-only deploys bypass canary; it was a shortcut from the secrets rotation work",
        ),
        ("06:53:30", LENA, "the pgbouncer doc is genuinely ambiguous, I'll fix the wording too"),
        (
            "06:54:10",
            MARCO,
            "timeline draft started in the postmortem doc, please add anything you saw",
        ),
        ("07:00:30", PRIYA, "added the PR and the config diff to the doc"),
        ("07:01:15", TOMAS, "added the dashboard screenshots"),
        ("06:22:20", DANA, "paging the checkout secondary too"),
        ("06:23:05", TOMAS, "<@U05B2MARCO> dashboard link above, 5xx started around 06:16"),
        ("06:24:15", DANA, "thanks Marco"),
        ("06:26:05", MARCO, "joining the bridge"),
        ("06:28:05", DANA, "<@U05A1PRIYA> thanks for jumping in so fast"),
        (
            "06:29:25",
            TOMAS,
            "config diff for 2024.05.14-3: `DB_POOL_MAX: 50 -> 8`, `DB_POOL_TIMEOUT: 2s` unchanged",
        ),
        ("06:31:05", DANA, "ignore the repeat alert post, same alert"),
        ("06:33:55", LENA, "I'll watch pgbouncer SHOW POOLS while it rolls"),
        ("06:35:05", TOMAS, "3/12 pods on 2024.05.14-2 so far"),
        ("06:36:55", LENA, "cl_waiting dropping: 140 -> 90"),
        ("06:39:05", SAM, "support still seeing failures but fewer"),
        ("06:40:05", JUN, "status page: identified, fix being rolled out"),
        ("06:41:55", LENA, "cl_waiting 0 on pgbouncer"),
        ("06:42:40", DANA, "<@U05B2MARCO> let's watch it for a few minutes before calling it"),
        ("06:44:40", MARCO, "error rate 0.3% for 3 minutes now"),
        ("06:47:30", MARCO, "alert resolved on our side too"),
        ("06:50:45", PRIYA, "I'll write up the change history for #4821 for the review"),
        ("06:55:10", DANA, "<@U05F6JUN> please draft the customer email, I'll review"),
        (
            "06:59:20",
            TOMAS,
            "one more for the review: the 5xx alert needs 2m of errors before it fires",
        ),
        (
            "07:03:40",
            LENA,
            "pgbouncer stats export for the doc: <https://grafana.shopwell.example/d/pgb/pgbouncer?from=1715666400000&to=1715670000000|pgbouncer 06:00-07:00>",
        ),
        ("07:07:10", JUN, "customer email draft in the doc for review"),
        ("07:10:40", MARCO, "handing back to normal on-call, thanks everyone"),
        ("07:11:05", ALEX, "night all"),
    ]
    for hms, who, text in extra:
        ex.say(t(hms), "inc-checkout", who, text)
    # a couple of edits and reactions on existing messages
    ex.by_key["decision"]["reactions"] = [{"name": "+1", "users": [MARCO, LENA, ALEX], "count": 3}]
    ex.by_key["ack"]["reactions"] = [{"name": "eyes", "users": [DANA], "count": 1}]

    n = ex.write(OUT / "slack-export")
    print("slack messages", n, {k: len(v) for k, v in ex.msgs.items()})

    # ---------------- alerts/alertmanager.jsonl ----------------
    ERR_START = "2024-05-14T06:18:30.412957314Z"
    LAT_START = "2024-05-13T23:20:05.118244901-07:00"
    ZERO = "0001-01-01T00:00:00Z"

    def am_alert(name, status, starts, ends, fp, summary, desc, sev="critical"):
        return {
            "status": status,
            "labels": {
                "alertname": name,
                "service": "checkout-api",
                "severity": sev,
                "team": "checkout",
                "namespace": "checkout",
                "prometheus": "monitoring/k8s",
            },
            "annotations": {
                "summary": summary,
                "description": desc,
                "runbook_url": "https://wiki.shopwell.example/checkout/runbook#" + name.lower(),
            },
            "startsAt": starts,
            "endsAt": ends,
            "generatorURL": "http://prometheus.shopwell.example:9090/graph?g0.expr=" + name,
            "fingerprint": fp,
        }

    def payload(alerts):
        status = "firing" if any(a["status"] == "firing" for a in alerts) else "resolved"
        common = {
            k: v
            for k, v in alerts[0]["labels"].items()
            if all(a["labels"].get(k) == v for a in alerts)
        }
        ann = {
            k: v
            for k, v in alerts[0]["annotations"].items()
            if all(a["annotations"].get(k) == v for a in alerts)
        }
        return {
            "receiver": "checkout-oncall",
            "status": status,
            "alerts": alerts,
            "groupLabels": {"service": "checkout-api"},
            "commonLabels": common,
            "commonAnnotations": ann,
            "externalURL": AM_URL,
            "version": "4",
            "groupKey": '{}/{team="checkout"}:{service="checkout-api"}',
            "truncatedAlerts": 0,
        }

    def err(status, ends=ZERO, value="11.3%"):
        return am_alert(
            "CheckoutHighErrorRate",
            status,
            ERR_START,
            ends,
            "3f6c2a91d0b47e15",
            "checkout-api 5xx ratio above 5%",
            f"5xx ratio for checkout-api above 5% for 2m (currently {value})",
        )

    def lat(status, ends=ZERO):
        return am_alert(
            "CheckoutLatencyHigh",
            status,
            LAT_START,
            ends,
            "b82e07c4a19d5f36",
            "checkout-api p99 latency above 2s",
            "p99 latency for checkout-api above 2s for 2m (currently 2.6s)",
            sev="warning",
        )

    lines = [
        payload([err("firing")]),
        payload([err("firing"), lat("firing")]),
        payload(
            [err("firing"), lat("firing")]
        ),  # repeat_interval re-send: same fingerprint + startsAt
        payload([err("firing"), lat("resolved", "2024-05-13T23:43:35.902118733-07:00")]),
        payload([err("resolved", "2024-05-14T06:46:30.412957314Z")]),
    ]
    (OUT / "alerts").mkdir(parents=True, exist_ok=True)
    with (OUT / "alerts" / "alertmanager.jsonl").open("w", encoding="utf-8") as fh:
        for p in lines:
            fh.write(json.dumps(p, separators=(",", ":")) + "\n")

    # ---------------- transcript ----------------
    START = t("06:26:00")
    cues = [
        (
            5,
            9,
            DANA,
            "Okay, this is Dana, I'm incident commander. Marco, can you give us where we are?",
        ),
        (
            10,
            21,
            MARCO,
            "Checkout API is returning 5xx, about fourteen percent of requests when I joined. Every error is a timeout getting a database connection from the pool.",
        ),
        (22, 27, DANA, "And the database itself?"),
        (
            28,
            36,
            MARCO,
            "Answers fine from a debug pod. The pods say eight of eight connections in use.",
        ),
        (37, 44, DANA, "Priya, the deploy that finished at 06:13, what was in it?"),
        (
            45,
            58,
            PRIYA,
            "It was config only. It lowered DB_POOL_MAX from fifty to eight, to match what I thought the pgbouncer doc recommends.",
        ),
        (
            59,
            66,
            PRIYA,
            "I read eight per client as eight per pod. I think the doc means per worker process.",
        ),
        (
            67,
            76,
            MARCO,
            "Twelve pods times eight is ninety-six connections. At evening peak we run about six hundred requests a second, so that's the bottleneck.",
        ),
        (77, 84, DANA, "Okay. Jun, are you on?"),
        (
            85,
            94,
            JUN,
            "I'm here. The status page goes up in a minute; I'll say we're investigating checkout errors.",
        ),
        (
            95,
            104,
            LENA,
            "Lena here, database. Postgres CPU is twenty-two percent, ninety-six server connections out of four hundred. We're fine.",
        ),
        (
            105,
            113,
            DANA,
            "So we have two options: roll back to 2024.05.14-2, or hotfix the variable.",
        ),
        (
            114,
            126,
            ALEX,
            "Alex, platform. The rollback takes about seven minutes. A hotfix is a new build plus the same rollout, so it's slower.",
        ),
        (
            127,
            133,
            LENA,
            "Please don't raise the pgbouncer client limit as a stopgap; it would just move the queue.",
        ),
        (
            134,
            141,
            MARCO,
            "Error rate is at thirty-one percent now and p99 is close to four seconds.",
        ),
        (142, 149, DANA, "Any objections to rolling back? ... Hearing none."),
        (405, 412, DANA, "Decision: we roll back 2024.05.14-3. Priya, please go ahead."),
        (413, 418, PRIYA, "Rolling back now."),
        (419, 428, ALEX, "I'm watching shipit. It started the rollback; pods are cycling."),
        (
            429,
            440,
            JUN,
            "There's a marketing email to eighty thousand customers at seven. I've asked them to hold it.",
        ),
        (441, 446, DANA, "Good, hold it until we're mitigated."),
        (
            560,
            572,
            MARCO,
            "Error rate peaked at thirty-eight percent around 06:35. p99 latency four point two seconds.",
        ),
        (573, 582, JUN, "Do we want a number on the status page?"),
        (583, 594, DANA, "Not yet, keep it general until we have the ledger numbers."),
        (745, 752, PRIYA, "Six of twelve pods are on the old version."),
        (753, 760, MARCO, "Error rate is coming down, nineteen percent."),
        (
            912,
            920,
            PRIYA,
            "Rollback complete. All twelve pods are on 2024.05.14-2 with the pool back at fifty.",
        ),
        (921, 930, MARCO, "Error rate is under one percent. p99 is three hundred milliseconds."),
        (1145, 1152, DANA, "We're mitigated. Let's keep the bridge open until the alert resolves."),
        (1265, 1272, MARCO, "The error-rate alert just resolved."),
        (
            1273,
            1285,
            LENA,
            "For the review: we should add an alert on connection-pool saturation. It would have fired before the five hundreds.",
        ),
        (1286, 1290, MARCO, "I'll take that."),
        (
            1291,
            1304,
            ALEX,
            "And we need a canary gate for pool-size changes. Config-only deploys skip the canary today, which is how this went straight to a hundred percent.",
        ),
        (
            1305,
            1314,
            DANA,
            "Agreed. Lena, can you also write down the pool sizing math in the runbook?",
        ),
        (1315, 1320, LENA, "Yes, I'll own that."),
        (
            1321,
            1332,
            PRIYA,
            "I'll add a staging load test for pool settings to the release checklist.",
        ),
        (
            1333,
            1343,
            DANA,
            "Thanks. Marco, please pull the failed checkout count from the payments ledger for the impact section.",
        ),
        (1344, 1349, MARCO, "Will do, give me a few minutes."),
        (1350, 1357, DANA, "Jun, customer email after we have the numbers."),
        (1358, 1366, JUN, "Yes. I'll release the marketing email now."),
        (1367, 1374, DANA, "Thanks everyone. Closing the bridge; we'll keep going in the channel."),
    ]
    names = {u["id"]: u["real_name"] for u in ex.users.values()}

    def vt(sec: float) -> str:
        h, rem = divmod(int(sec), 3600)
        m, s = divmod(rem, 60)
        return f"{h:02d}:{m:02d}:{s:02d}.{round((sec % 1) * 1000):03d}"

    parts = [
        "WEBVTT",
        "",
        f"NOTE meeting_start: {iso(START)}",
        "",
        "NOTE Incident bridge for checkout-api 5xx, recorded by the meeting bot.",
        "",
    ]
    for i, (a, b, who, text) in enumerate(cues, 1):
        parts += [str(i), f"{vt(a)} --> {vt(b)}", f"<v {names[who]}>{text}</v>", ""]
    (OUT / "transcript").mkdir(parents=True, exist_ok=True)
    (OUT / "transcript" / "review-call.vtt").write_text("\n".join(parts), encoding="utf-8")
    print("cues", len(cues))

    # ---------------- gold ----------------
    T = {k: slack_dt(v) for k, v in ex.ts_by_key.items()}
    impact = T["support_report"]
    detected = datetime(2024, 5, 14, 6, 18, 30, 412957, tzinfo=UTC)
    acked = T["ack"]
    mitigated = T["rollback_done"]
    resolved = datetime(2024, 5, 14, 6, 46, 30, 412957, tzinfo=UTC)

    def mins(a, b):
        return round((b - a).total_seconds() / 60, 2)

    gold = {
        "name": "checkout-outage",
        "kind": "bad-deploy",
        "meeting_start": iso(START),
        "tz": None,
        "moments": {
            "impact_start": iso(impact),
            "detected": iso(detected),
            "acknowledged": iso(acked),
            "mitigated": iso(mitigated),
            "resolved": iso(resolved),
        },
        "ttd_min": mins(impact, detected),
        "tta_min": mins(detected, acked),
        "ttm_min": mins(impact, mitigated),
        "ttr_min": mins(impact, resolved),
        "key_events": [
            {
                "ts": iso(T["deploy_start"]),
                "contains": "Deploy 2024.05.14-3 of checkout-api started",
            },
            {"ts": iso(T["support_report"]), "contains": "payment could not be processed"},
            {"ts": iso(detected), "contains": "CheckoutHighErrorRate"},
            {"ts": iso(acked), "contains": "ack, I'm on it"},
            {"ts": iso(T["priya_pool"]), "contains": "DB_POOL_MAX from 50 to 8"},
            {"ts": iso(T["decision"]), "contains": "Decision: roll back 2024.05.14-3"},
            {
                "ts": iso(T["rollback_start"]),
                "contains": "Rollback of checkout-api to 2024.05.14-2 started",
            },
            {"ts": iso(T["peak"]), "contains": "error rate peaked at 38%"},
            {"ts": iso(mitigated), "contains": "Rollback complete"},
            {"ts": iso(resolved), "contains": "CheckoutHighErrorRate"},
        ],
        "impact_figures": ["38%", "1,240", "4.2s", "312"],
        "trigger": "deploy 2024.05.14-3 lowered checkout-api DB_POOL_MAX from 50 to 8",
        "contributing_factors": [
            "config-only deploys skip the canary stage",
            "no alert on connection-pool saturation",
            "ambiguous pgbouncer pool sizing doc (per client read as per pod)",
            "evening peak traffic (~600 rps)",
        ],
        "action_item_themes": [
            "canary gate for pool-size changes",
            "alert on connection-pool saturation",
            "document pool sizing in runbook",
            "load-test pool settings in staging",
        ],
        "expected_owners": ["Alex Moreau", "Marco Bellini", "Lena Fischer", "Priya Raman"],
    }
    (OUT / "gold.json").write_text(
        json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(
        json.dumps(gold["moments"], indent=1),
        gold["ttd_min"],
        gold["tta_min"],
        gold["ttm_min"],
        gold["ttr_min"],
    )
