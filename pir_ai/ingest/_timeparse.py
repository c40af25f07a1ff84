"""Timestamps as the vendors write them, to aware UTC datetimes.

One place for every quirk in ../shared/FORMATS.md section 0: ``Z`` and ``+0000``
offsets, nanosecond fractions, epoch seconds / milliseconds / nanoseconds, the Go
zero time that means "not set", and naive wall-clock times.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from dateutil import parser as dateutil_parser

GO_ZERO_TIME_PREFIX = "0001-01-01"
_LONG_FRACTION = re.compile(r"(\.\d{6})\d+")
_NO_COLON_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")
# Epoch seconds (below 10**11, so never milliseconds) with at most microsecond digits.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class TimestampError(ValueError):
    """A value is not a timestamp in any form the parsers accept."""


def is_unset(value: object) -> bool:
    """True for the values vendors use for "no time": None, "", and the Go zero time."""
    return (
        value is None
        or value == ""
        or (isinstance(value, str) and value.startswith(GO_ZERO_TIME_PREFIX))
    )


def localise(ts: datetime, tz: tzinfo | None) -> tuple[datetime, bool]:
    """Make ``ts`` aware in UTC. Returns (value, was_naive); naive values use ``tz`` or UTC."""
    if ts.tzinfo is not None:
        return ts.astimezone(UTC), False
    return ts.replace(tzinfo=tz or UTC).astimezone(UTC), True


def parse_iso(
    value: str, tz: tzinfo | None = None, *, dayfirst: bool = False
) -> tuple[datetime, bool]:
    """Parse an ISO-8601 / RFC 3339 string; returns (UTC datetime, was_naive).

    Accepts ``Z``, ``+00:00``, ``+0000``, fractions longer than microseconds (truncated),
    and falls back to dateutil for RFC 2822-like forms (``Wed Apr 20 10:03:36 2022 -0400``).
    ``dayfirst`` reads a fallback numeric date like ``03/04/2024`` as 3 April; pass it
    only for such dates (``date_order`` decides), since dateutil also applies it to
    ``2024/03/04``.
    """
    text = value.strip()
    if not text:
        raise TimestampError("empty timestamp")
    normal = _LONG_FRACTION.sub(r"\1", text)
    normal = _NO_COLON_OFFSET.sub(r"\1:\2", normal)
    try:
        parsed = datetime.fromisoformat(normal)
    except ValueError:
        pass
    else:
        try:
            return localise(parsed, tz)
        except OverflowError as err:  # year 1 or 9999 shifted past the range by its offset
            raise TimestampError(f"timestamp out of range: {value!r}") from err
    try:
        with warnings.catch_warnings():
            # dateutil drops a zone name it does not know and returns a naive, wrong time;
            # a wrong time is worse than a skipped record, so make it an error.
            warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
            return localise(dateutil_parser.parse(text, dayfirst=dayfirst), tz)
    except (ValueError, OverflowError, dateutil_parser.UnknownTimezoneWarning) as err:
        raise TimestampError(f"not a timestamp: {value!r}") from err


def parse_epoch(value: str | int | float | Decimal) -> datetime:
    """Epoch seconds, milliseconds or nanoseconds, told apart by magnitude.

    Never through float: Slack ``ts`` strings ("1736554746.482349") keep their six-digit
    sequence exactly. Plain seconds strings, read once per chat message, take a fast
    path; everything else goes through ``Decimal``.
    """
    if isinstance(value, str):
        digits, dot, fraction = value.strip().partition(".")
        # str.isdigit alone would accept "²"; ASCII digits only, as the old regex did.
        if (
            0 < len(digits) <= 11
            and digits.isascii()
            and digits.isdigit()
            and (not dot or (0 < len(fraction) <= 6 and fraction.isascii() and fraction.isdigit()))
        ):
            micro = int(fraction.ljust(6, "0")) if fraction else 0
            # Epoch plus a timedelta: a third of fromtimestamp(...).replace(microsecond=...).
            return _EPOCH + timedelta(0, int(digits), micro)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as err:
        raise TimestampError(f"not an epoch time: {value!r}") from err
    magnitude = abs(number)
    if magnitude >= Decimal(10) ** 17:
        seconds = number / Decimal(10) ** 9
    elif magnitude >= Decimal(10) ** 14:
        seconds = number / Decimal(10) ** 6
    elif magnitude >= Decimal(10) ** 11:
        seconds = number / Decimal(10) ** 3
    else:
        seconds = number
    whole = int(seconds)
    micros = int((seconds - whole) * 1_000_000)
    try:
        return datetime.fromtimestamp(whole, tz=UTC).replace(microsecond=abs(micros))
    except (OverflowError, OSError, ValueError) as err:
        raise TimestampError(f"epoch time out of range: {value!r}") from err


def parse_any(
    value: object, tz: tzinfo | None = None, *, dayfirst: bool = False
) -> tuple[datetime, bool]:
    """An ISO string, an epoch number, or a numeric string; returns (UTC datetime, was_naive).

    ``dayfirst`` is passed to ``parse_iso`` for strings.
    """
    if isinstance(value, bool) or value is None:
        raise TimestampError(f"not a timestamp: {value!r}")
    if isinstance(value, (int, float, Decimal)):
        return parse_epoch(value), False
    if isinstance(value, str):
        stripped = value.strip()
        if re.fullmatch(r"-?\d+(\.\d+)?", stripped):
            return parse_epoch(stripped), False
        return parse_iso(stripped, tz, dayfirst=dayfirst)
    raise TimestampError(f"not a timestamp: {value!r}")
