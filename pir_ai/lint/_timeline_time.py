"""The time at the start of a timeline row: "14:02", "14:02 UTC", "2025-03-04 14:02"."""

from __future__ import annotations

import re
from datetime import datetime

_STAMP = re.compile(
    r"^\W*(?:(?P<date>\d{4}-\d{2}-\d{2})[T\s]+)?(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
)


def parse_row_time(text: str) -> tuple[datetime | None, int]:
    """The row's time (date defaults to 2000-01-01) and where it ends, or (None, 0)."""
    m = _STAMP.match(text.strip("*_` "))
    if not m:
        return None, 0
    day = m.group("date") or "2000-01-01"
    try:
        stamp = datetime.fromisoformat(
            f"{day}T{int(m.group('h')):02d}:{m.group('m')}:{m.group('s') or '00'}"
        )
    except ValueError:
        return None, 0
    return stamp, m.end()
