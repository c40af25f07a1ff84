"""What every alert and paging parser shares: reading payload files and keeping the account.

Alerting tools deliver webhook bodies, and people save them one per file, as a JSON
array, or as JSON Lines (one body per line, appended by a receiver). ``iter_payloads``
reads all three, streaming JSON Lines. ``AlertFileBuilder`` counts records as they are
read and puts each one either among the events or among the skipped records, so a
parser's report always satisfies read == produced + skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import orjson

from pir_ai.events import Event, FileReport, SkippedRecord
from pir_ai.ingest._base import ParseResult
from pir_ai.ingest._jsonio import BOM, iter_json_lines, read_json
from pir_ai.ingest._timeparse import TimestampError, parse_any

_LINES_PROBED = 3
_TIME_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Payload:
    """One webhook body (or one bad JSON Lines line) and where it sits in the file."""

    location: str
    """``"payload"`` for a single document, ``"[2]"`` in an array, ``"line 5"`` in JSON Lines."""
    line: int | None
    value: Any
    error: str | None = None
    """Set when a JSON Lines line did not decode; ``value`` is then None."""


def is_json_lines(head: bytes) -> bool:
    """True when the sample holds several lines and one of the first is a whole JSON object.

    A pretty-printed document never has a complete object on one of its first lines,
    and a one-line document is read whole either way.
    """
    lines = [ln.strip() for ln in head.removeprefix(BOM).splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    for line in lines[:_LINES_PROBED]:
        try:
            if isinstance(orjson.loads(line), dict):
                return True
        except orjson.JSONDecodeError:
            continue
    return False


def iter_payloads(path: Path, expected: str) -> Iterator[Payload]:
    """Yield the payloads of ``path``: a JSON object, a JSON array of them, or JSON Lines.

    Raises:
        MalformedSourceError: a (non JSON Lines) file is not valid JSON, with line and column.
    """
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if is_json_lines(head):
        for number, value in iter_json_lines(path):
            if isinstance(value, orjson.JSONDecodeError):
                yield Payload(f"line {number}", number, None, error=f"invalid JSON: {value.msg}")
            else:
                yield Payload(f"line {number}", number, value)
        return
    document = read_json(path, expected)
    if isinstance(document, list):
        for index, item in enumerate(document):
            yield Payload(f"[{index}]", None, item)
    else:
        yield Payload("payload", None, document)


def record_location(payload: Payload, inner: str) -> str:
    """A record's location: the payload's place, then the path inside it (``alerts[2]``)."""
    if payload.location == "payload":
        return inner
    return f"{payload.location} {inner}" if inner else payload.location


def text_of(value: object) -> str:
    """A scalar as text (``None`` as empty); containers are not text and give ``""``."""
    if type(value) is str:  # the common case first: this runs for every label and field
        return value.strip()
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def mapping_of(value: object) -> Mapping[str, Any]:
    """``value`` when it is a JSON object, else an empty mapping."""
    return value if isinstance(value, dict) else {}


def list_of(value: object) -> list[Any]:
    """``value`` when it is a JSON array, else an empty list."""
    return value if isinstance(value, list) else []


def string_map(value: object) -> dict[str, str]:
    """A JSON object of labels or tags as ``str -> str``, dropping non-scalar values."""
    found: dict[str, str] = {}
    if not isinstance(value, dict):
        return found
    for key, item in value.items():
        text = item.strip() if type(item) is str else text_of(item)
        if text:
            found[str(key)] = text
    return found


def short(value: object, limit: int = 60) -> str:
    """A short description of a found value for skip reasons and errors."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class AlertFileBuilder:
    """Collects one file's events, skipped records and warnings into a ``ParseResult``."""

    def __init__(self, path: Path, format_name: str, tz: tzinfo | None) -> None:
        self.path = path
        self.path_text = str(path)
        self.format_name = format_name
        self.tz = tz
        self.records_read = 0
        self.events: list[Event] = []
        self.skipped: list[SkippedRecord] = []
        self.warnings: list[str] = []
        self._naive_warned = False
        self._times: dict[str, datetime] = {}

    def read(self, count: int = 1) -> None:
        """Count ``count`` records as read; each must end up as an event or a skip."""
        self.records_read += count

    def add(self, event: Event) -> None:
        """Keep an event."""
        self.events.append(event)

    def skip(self, location: str, reason: str, *, folded: bool = False) -> None:
        """Count a record as skipped, with where it was and why.

        ``folded=True`` for a repeat or copy of a record kept as an event (nothing lost);
        the default is a record that could not be read.
        """
        self.skipped.append(SkippedRecord(location=location, reason=reason, folded=folded))

    def warn(self, text: str) -> None:
        """Add a file-level warning once."""
        if text not in self.warnings:
            self.warnings.append(text)

    def timestamp(self, value: object) -> datetime:
        """Parse a vendor timestamp to UTC; a naive one uses the ``tz`` option, with a warning.

        Raises:
            TimestampError: the value is no timestamp.
        """
        if type(value) is str:
            cached = self._times.get(value)
            if cached is None:
                cached = _aware_iso(value)
                if cached is not None and len(self._times) < _TIME_CACHE_SIZE:
                    # Repeated notifications repeat their timestamps.
                    self._times[value] = cached
            if cached is not None:
                return cached
        # parse_any refuses unknown zone names and out-of-range values with TimestampError.
        ts, was_naive = parse_any(value, self.tz)
        if isinstance(value, str) and len(self._times) < _TIME_CACHE_SIZE:
            # Repeated notifications repeat their timestamps; parsing is the costly part.
            self._times[value] = ts
        if was_naive and not self._naive_warned:
            self._naive_warned = True
            zone = str(self.tz) if self.tz is not None else "UTC"
            self.warn(f"naive timestamps (no UTC offset) read as {zone}, e.g. {value!r}")
        return ts

    def maybe_timestamp(self, value: object) -> datetime | None:
        """Like ``timestamp`` but None when the value is missing or unparseable."""
        if value is None or value == "":
            return None
        try:
            return self.timestamp(value)
        except TimestampError:
            return None

    def result(self, extra: dict[str, object] | None = None) -> ParseResult:
        """The events in file order and the report accounting for every record read."""
        report = FileReport(
            path=str(self.path),
            format=self.format_name,
            records_read=self.records_read,
            events_produced=len(self.events),
            skipped=self.skipped,
            warnings=self.warnings,
        )
        return ParseResult(events=self.events, report=report, extra=extra or {})


def _aware_iso(value: str) -> datetime | None:
    """The UTC time of an ISO 8601 string with an offset, or None to take the general path.

    Nearly every alerting timestamp is RFC 3339 with ``Z`` or an offset, which
    ``datetime.fromisoformat`` reads directly (it truncates nanoseconds, as ``parse_iso``
    does). Anything else (naive, epoch, RFC 2822, padded, out of range) gets None and goes
    through ``parse_any``, which owns the warnings and errors.
    """
    try:
        parsed = datetime.fromisoformat(value)
        return None if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def head_text(head: bytes | None) -> str:
    """The sniff sample as text for regex checks ("" when there is none)."""
    if not head:
        return ""
    return head.removeprefix(BOM).decode("utf-8", "replace")


def has_keys(text: str, *keys: str) -> bool:
    """True when every ``"key":`` appears in the sample (JSON key syntax, any spacing)."""
    return all(re.search(rf'"{re.escape(k)}"\s*:', text) for k in keys)


def json_head(head: bytes | None) -> str:
    """The sniff sample as text when it opens a JSON object or array, else ``""``."""
    text = head_text(head)
    return text if text.lstrip()[:1] in ("{", "[") else ""


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")


def scrub_contact_details(text: str) -> str:
    """Remove email addresses and phone numbers from a notification line.

    Paging tools log where each page went ("Notified Ann at +1 555 0100"); the
    postmortem only needs who was paged and how, not their contact details.
    """
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))
