"""Times people state in chat: "5xx since ~06:16", "the 504s begin at 12:58 ET".

A statement dates the impact when a clock time follows a word that dates a start
("since", "from", "began", "start(ed) at", "as of"). The time is read in the zone it
names (``ET``, ``PT``, ``CEST``, ``UTC``...), else in the incident's zone (the one naive
timestamps were read in) and, when that puts it after the message, in UTC; on the
message's own day or the day before, whichever puts it at or before the message.
"local" or "our time" without a known zone (an outsider's, or no incident zone) is not
read: no zone, no time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from pir_ai.events import Event

_ZONES: dict[str, tzinfo] = {
    "utc": UTC,
    "z": UTC,
    "gmt": UTC,
    "et": ZoneInfo("America/New_York"),
    "est": timezone(timedelta(hours=-5)),
    "edt": timezone(timedelta(hours=-4)),
    "ct": ZoneInfo("America/Chicago"),
    "pt": ZoneInfo("America/Los_Angeles"),
    "pst": timezone(timedelta(hours=-8)),
    "pdt": timezone(timedelta(hours=-7)),
    "cet": timezone(timedelta(hours=1)),
    "cest": timezone(timedelta(hours=2)),
    "bst": timezone(timedelta(hours=1)),
    "ist": timezone(timedelta(hours=5, minutes=30)),
}
_ZONE_WORDS = "|".join(sorted(_ZONES, key=len, reverse=True))

STATED_START = re.compile(
    r"\b(?:since|from|between|start(?:s|ed|ing)?(?: at| around)?|began(?: at)?|begins?(?: at)?"
    r"|beginning(?: at)?|as of|date (?:the )?impact from|(?:expired|stopped|broke)(?: at)?)"
    r"\s+(?:about |around |approx(?:\.|imately)? |roughly |~\s?)?"
    r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"\s*(?P<ampm>am|pm)?"
    rf"(?:\s*(?P<zone>{_ZONE_WORDS}|local(?: time)?|our time)\b)?",
    re.IGNORECASE,
)
"""A word that dates a start, then a clock time and an optional zone."""

LOOKBACK = timedelta(hours=12)
"""How far before the message a stated time may lie (so "08:35" said at 08:06 is not
yesterday's)."""
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?\n]|$)")


@dataclass(frozen=True)
class StatedTime:
    """A time a person wrote, resolved to UTC, and the message that says it."""

    ts: datetime
    event: Event
    quote: str
    zone_named: bool


def stated_start(event: Event, zone: tzinfo | None, about: re.Pattern[str]) -> StatedTime | None:
    """The start time ``event`` states for something ``about`` matches (a symptom), in UTC;
    None when it states none it can resolve. The symptom must be in the same sentence:
    "the roll-over started 09:30" dates a change, not the impact."""
    for match in STATED_START.finditer(event.text):
        sentence = _sentence_around(event.text, match.start())
        if not about.search(sentence):
            continue
        resolved = _resolve(match, event.ts, zone)
        if resolved is not None:
            named = bool(match["zone"]) and not match["zone"].lower().startswith(("local", "our"))
            return StatedTime(
                ts=resolved, event=event, quote=match.group(0).strip(), zone_named=named
            )
    return None


def _sentence_around(text: str, index: int) -> str:
    for sentence in _SENTENCE.finditer(text):
        if sentence.start() <= index < sentence.end():
            return sentence.group(0)
    return text


def _resolve(match: re.Match[str], said_at: datetime, zone: tzinfo | None) -> datetime | None:
    hour = int(match["hour"])
    ampm = (match["ampm"] or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    named = (match["zone"] or "").lower()
    if named.startswith("local") or named == "our time":
        if zone is None:
            return None
        zones = [zone]
    elif named:
        zones = [_ZONES[named]]
    else:
        zones = [z for z in (zone, UTC) if z is not None]
    for where in zones:
        local_day = said_at.astimezone(where).date()
        for days_back in (0, 1):
            day = local_day - timedelta(days=days_back)
            naive = datetime(
                day.year, day.month, day.day, hour, int(match["minute"]), int(match["second"] or 0)
            )
            candidate = naive.replace(tzinfo=where).astimezone(UTC)
            if said_at - LOOKBACK <= candidate <= said_at + timedelta(minutes=1):
                return candidate
    return None
