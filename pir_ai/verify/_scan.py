"""Find what verification checks in free text: times, dates, figures, links, commands.

Kept apart from ``pir_ai.verify._draft`` so the patterns can be read, tested and extended
in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation

__all__ = [
    "Written",
    "WrittenTime",
    "find_commands",
    "find_injection",
    "find_links",
    "find_numbers",
    "find_times",
    "injected_sentences",
]

_ISO_DATETIME = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CLOCK = re.compile(
    r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s*([ap])\.?m\b\.?)?(?![\d:])",
    re.IGNORECASE,
)
_HOUR_AMPM = re.compile(r"(?<![\d:.])(1[0-2]|0?[1-9])\s*([ap])\.?m\b\.?", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-zA-Z]*)")
_UNITS = frozenset({"", "k", "m", "b", "ms", "s", "h", "min", "mins", "x", "kb", "mb", "gb", "tb"})
_IDS = re.compile(r"\bev_[0-9a-f]+\b|\bE\d+\b")
_LINK = re.compile(r"https?://[^\s<>\"'`)\]]+|\bwww\.[^\s<>\"'`)\]]+", re.IGNORECASE)
_COMMAND = re.compile(
    r"\b(?:curl|wget|sudo|chmod|powershell|iex|pip3? install|npm install|rm\s+-rf)\b"
    r"(?:\s+[^\s`;|]+)?"
    r"|\bclick (?:here|this link|the link)\b"
    r"|\bsend (?:us |me )?(?:your |the )?(?:password|credentials|token|api key|secret)s?\b",
    re.IGNORECASE,
)
_READER = (
    r"(?:ai|a\.i\.|llm|gpt|chatgpt|model|language model|assistant|ai assistant|bot|chatbot"
    r"|summari[sz]er|postmortem (?:writer|author|bot|generator|tool)|ai reviewers?)"
)  # an automated reader of the incident, addressed by an injection (issue 7)
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget) (?:all |any |the |your )?(?:previous|prior|above|earlier"
    r"|other)? ?(?:instructions|prompts?|rules|guidelines)\b"
    r"|\bsystem prompt\b|\byou are now\b|\bnew instructions\b|\bas an ai\b"
    r"|\bdo not (?:flag|report|mention|cite)\b|^\s*(?:assistant|system)\s*:"
    # issue 7: text addressed to whatever model reads the incident
    r"|\b(?:note|message|instructions?|reminder|request)s? (?:to|for) (?:the |any |an? )?"
    rf"{_READER}\b"
    rf"|(?:^|[.!?:;]\s+)(?:hey |hi |dear |to the )?{_READER}(?: reading this\b[^,:]*)?\s*[,:]"
    rf"|\b(?:if|when|while) (?:an? |the )?{_READER} (?:is |are )?(?:summari[sz]|writ|draft|generat)"
    r"|\b(?:if|when|while) you(?: are)? summari[sz]\w* (?:this|the) (?:call|incident|channel|alert)"
    rf"|\b{_READER}s? (?:instructions?|directives?|reading this)\b"
    r"|\b(?:begin|end) (?:system|admin|developer) (?:prompt|message|instructions?)\b"
    r"|<\|?im_(?:start|end)\|?>|\[/?INST\]|<<<\s*(?:END-)?INCIDENT-DATA|#{2,}\s*instructions?\b"
    r"|\btitle the (?:postmortem|report|incident|write-?up)\b",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Written:
    """A figure as written (``raw``) and its normalised value (``"1204"``, ``"38.5"``)."""

    raw: str
    value: str


@dataclass(frozen=True)
class WrittenTime:
    """A time or date as written, with the parts the text states (the rest is None)."""

    raw: str
    day: date | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: timedelta = timedelta(0)

    def matches(self, ts: datetime) -> bool:
        """True when ``ts`` (aware) agrees with every part the text states."""
        ts = (ts.astimezone(UTC) + self.offset).replace(tzinfo=None)
        parts = ((self.day, ts.date()), (self.hour, ts.hour), (self.minute, ts.minute))
        if any(want is not None and want != got for want, got in parts):
            return False
        return self.second is None or self.second == ts.second


def find_times(text: str) -> list[WrittenTime]:
    """Datetimes, ISO dates, clock times and "2pm"-style hours written in ``text``."""
    found: list[WrittenTime] = []
    masked = text
    for m in _ISO_DATETIME.finditer(text):
        y, mo, d, h, mi, s, zone = m.groups()
        try:
            day = date(int(y), int(mo), int(d))
        except ValueError:
            continue
        found.append(
            WrittenTime(m.group(0).strip(), day, int(h), int(mi), _int(s), offset=_offset(zone))
        )
        masked = _mask(masked, m)
    for m in _ISO_DATE.finditer(masked):
        try:
            found.append(WrittenTime(m.group(0), date(*(int(g) for g in m.groups()))))
        except ValueError:
            continue
        masked = _mask(masked, m)
    for m in _CLOCK.finditer(masked):
        hour, minute, second, half = m.groups()
        found.append(
            WrittenTime(m.group(0).strip(), None, _hour(int(hour), half), int(minute), _int(second))
        )
        masked = _mask(masked, m)
    for m in _HOUR_AMPM.finditer(masked):
        found.append(WrittenTime(m.group(0).strip(), None, _hour(int(m.group(1)), m.group(2))))
    return found


def find_numbers(text: str) -> list[Written]:
    """Figures in ``text``, leaving out times, dates, event ids and version-like tokens."""
    masked = _IDS.sub(" ", text)
    for pattern in (_ISO_DATETIME, _ISO_DATE, _CLOCK, _HOUR_AMPM):
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    numbers: list[Written] = []
    for m in _NUMBER.finditer(masked):
        whole, fraction, unit = m.groups()
        if unit.lower() not in _UNITS:
            continue
        numbers.append(Written(m.group(0), _normalise(whole + (fraction or ""))))
    return numbers


def find_links(text: str) -> list[str]:
    """URLs in ``text``, without trailing punctuation."""
    return [m.group(0).rstrip(".,;:!?") for m in _LINK.finditer(text)]


def find_commands(text: str) -> list[str]:
    """Shell commands and directions to the reader ("click here") in ``text``."""
    return [m.group(0).strip().rstrip(".,;:!?") for m in _COMMAND.finditer(text)]


def find_injection(text: str) -> list[str]:
    """Phrases addressed to a model rather than to a reader ("ignore previous instructions")."""
    return [m.group(0).strip() for m in _INJECTION.finditer(text)]


def injected_sentences(text: str) -> list[str]:
    """The sentences of ``text`` that read like an instruction to a model (issue 7)."""
    return [part for part in _SENTENCE_END.split(text) if _INJECTION.search(part)]


def _normalise(number: str) -> str:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return number
    return format(value.normalize(), "f")


def _hour(hour: int, half: str | None) -> int:
    if half is None:
        return hour
    return hour % 12 + (12 if half.lower() == "p" else 0)


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _offset(zone: str | None) -> timedelta:
    """How far the written zone is ahead of UTC (so UTC + offset = written wall clock)."""
    if not zone or zone.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


def _mask(text: str, match: re.Match[str]) -> str:
    start, end = match.span()
    return text[:start] + " " * (end - start) + text[end:]
