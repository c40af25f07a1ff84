"""Recognise alerts that alerting tools post into chat (Slack apps, Teams connectors).

Covers the default message shapes of the Alertmanager and Grafana Slack
templates (``[FIRING:1] HighErrorRate ...``, ``[RESOLVED] ...``, legacy
``[Alerting]`` / ``[OK]``), PagerDuty (``Triggered #1234: title``,
``Acknowledged by Priya``), Opsgenie (``New alert``, ``closed``) and Datadog
(``Triggered: title``, ``[Recovered] title``). Anything else stays a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pir_ai.events import EventKind

_FIRING = re.compile(
    r"\[(?P<status>FIRING|RESOLVED)(?::\s*\d+)?\]\s*(?P<title>[^\n]*)", re.IGNORECASE
)
_LEADING_STATUS = re.compile(
    r"^\W*\[?(?P<status>re-?triggered|triggered|alerting|acknowledged|acked|escalated"
    r"|resolved|recovered|closed|new alert|alert created|\[ok)\]?(?![\w-])\s*(?P<rest>[^\n]*)",
    re.IGNORECASE,
)
# "OK" only counts in Grafana's bracketed form: a bot saying "ok, deploying" is no recovery.
_EMOJI = re.compile(r":[a-z0-9_+\-]+:")
_STATUS_FOLLOWER = re.compile(r"^(?:[:#\-–|]|by\s)", re.IGNORECASE)
_BY = re.compile(r"^by\s+(?P<who>[^:#\n(]+?)\s*(?:$|[:(#])", re.IGNORECASE)
_NUMBER = re.compile(r"#(?P<number>\d+)")

_KINDS = {
    "firing": EventKind.ALERT_TRIGGERED,
    "triggered": EventKind.ALERT_TRIGGERED,
    "retriggered": EventKind.ALERT_TRIGGERED,
    "re-triggered": EventKind.ALERT_TRIGGERED,
    "alerting": EventKind.ALERT_TRIGGERED,
    "new alert": EventKind.ALERT_TRIGGERED,
    "alert created": EventKind.ALERT_TRIGGERED,
    "acknowledged": EventKind.ALERT_ACKNOWLEDGED,
    "acked": EventKind.ALERT_ACKNOWLEDGED,
    "escalated": EventKind.ALERT_ESCALATED,
    "resolved": EventKind.ALERT_RESOLVED,
    "recovered": EventKind.ALERT_RESOLVED,
    "closed": EventKind.ALERT_RESOLVED,
    "[ok": EventKind.ALERT_RESOLVED,
}


@dataclass(frozen=True)
class ChatAlert:
    """An alert state change read from a bot's chat message."""

    kind: EventKind
    title: str | None
    alertname: str | None
    number: str | None
    by: str | None

    def attrs(self) -> dict[str, str]:
        """The facts as event attrs (only those present)."""
        found = {
            "alertname": self.alertname,
            "alert_title": self.title,
            "incident_number": self.number,
            "alert_by": self.by,
        }
        return {k: v for k, v in found.items() if v}


def _clean_title(rest: str) -> str | None:
    title = _NUMBER.sub("", rest, count=1)
    title = re.sub(r"\s*\(https?://[^)]*\)", "", title)
    title = title.strip(" \t:-–|")
    return title or None


def classify_chat_alert(text: str) -> ChatAlert | None:
    """The alert a bot message reports, or None when it is not a recognisable alert.

    Only the opening lines count: the status leads in every template we know, and a
    "resolved" deep in a message body is not a state change.
    """
    lines = [_EMOJI.sub("", raw).strip() for raw in text.splitlines()[:6]]
    lines = [line for line in lines if line][:3]
    for line in lines[:2]:
        firing = _FIRING.search(line)
        if firing:
            title = firing.group("title").strip() or None
            name = re.split(r"[\s(]", title, maxsplit=1)[0] if title else None
            kind = _KINDS[firing.group("status").lower()]
            return ChatAlert(kind, title, name or None, None, None)
    leading = _LEADING_STATUS.match(lines[0]) if lines else None
    if leading is None:
        return None
    rest = leading.group("rest")
    bracketed = "]" in lines[0][: leading.start("rest")]
    if not bracketed and rest and not _STATUS_FOLLOWER.match(rest):
        return None  # "Resolved the merge conflict" is prose, not a status line.
    by_match = _BY.match(rest)
    by = by_match.group("who").strip() if by_match else None
    if by_match:
        rest = rest[by_match.end() :]
    if not rest.strip() and len(lines) > 1:
        # "Acknowledged by Priya" with the incident on the next line.
        rest = lines[1]
    number = _NUMBER.search(rest)
    title = _clean_title(rest)
    return ChatAlert(
        kind=_KINDS[leading.group("status").lower()],
        title=title,
        alertname=title,
        number=number.group("number") if number else None,
        by=by,
    )


def chat_message_kind(text: str, *, is_bot: bool, attrs: dict[str, str]) -> EventKind:
    """MESSAGE, or the alert kind when a bot posted a recognisable alert (``attrs`` gain its
    facts: alertname, alert_title, incident_number, alert_by)."""
    alert = classify_chat_alert(text) if is_bot else None
    if alert is None:
        return EventKind.MESSAGE
    attrs.update(alert.attrs())
    return alert.kind
