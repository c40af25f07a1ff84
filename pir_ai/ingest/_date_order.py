"""Day-first or month-first: reading numeric dates like ``03/04/2024`` in one file.

``03/04/2024`` is 4 March read month-first (dateutil's default, which this module
keeps) and 3 April read day-first; ``25/04/2024`` fits day-first only, ``04/25/2024``
month-first only. ISO dates (``2024-04-03``), dates with a month name and epoch
numbers are never ambiguous and are read as before.

A file's schema sidecar may declare the order: ``"dayfirst": true`` or ``false``
(see ``table_schema``). Then every ambiguous date is read in that order, and a date
that only fits the other order is skipped with its line: it contradicts the
declaration, and a time read against it would be a guess.

Without a declaration, the file's own dates are the evidence, decided once the
whole file has been read:

- only ambiguous dates: read month-first, with a warning naming the first one and
  the sidecar where ``dayfirst`` can be declared (the default is kept, not guessed);
- some dates fit day-first only (``13/04/2024``) and none month-first only: one tool
  wrote the file in one order, so every ambiguous date is read day-first too, with a
  warning naming the date that showed it. Reading ``12/04`` as 4 December beside
  ``13/04`` as 13 April would put one night's records eight months apart;
- some fit month-first only: the default already agrees; a warning names the date;
- both kinds: the file mixes orders, ambiguous dates stay month-first, with a warning.

A file without ambiguous dates gets no warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import Enum
from typing import Protocol

from pir_ai.events import Event
from pir_ai.ingest._timeparse import TimestampError

# A day/month pair then a year; not preceded by a digit, so "2024/03/04" never matches.
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
_MONTHS_IN_YEAR = 12
_DAYS_IN_MONTH = 31


class Parser(Protocol):
    """``timeparse.parse_iso`` or ``parse_any``."""

    def __call__(
        self, value: str, tz: tzinfo | None = None, *, dayfirst: bool = False
    ) -> tuple[datetime, bool]: ...


class Order(Enum):
    """Which readings a numeric date fits."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"
    EITHER = "either"


class DateOrderError(TimestampError):
    """A date that only fits the order opposite to the declared one."""


def classify(value: str) -> Order | None:
    """The readings ``value``'s numeric date fits; None when it has none or both agree."""
    match = _NUMERIC_DATE.search(value)
    if match is None:
        return None
    first, second = int(match[1]), int(match[3])
    if not (0 < first <= _DAYS_IN_MONTH and 0 < second <= _DAYS_IN_MONTH) or first == second:
        return None
    if first > _MONTHS_IN_YEAR and second <= _MONTHS_IN_YEAR:
        return Order.DAY_FIRST
    if second > _MONTHS_IN_YEAR and first <= _MONTHS_IN_YEAR:
        return Order.MONTH_FIRST
    return Order.EITHER if first <= _MONTHS_IN_YEAR and second <= _MONTHS_IN_YEAR else None


@dataclass
class DateOrder:
    """Reads one file's timestamps in one date order, declared or shown by the file.

    Call ``read`` for every timestamp string, then ``settle`` once with the events.
    """

    dayfirst: bool | None
    sidecar: str
    """File name of the schema sidecar, named in warnings."""
    evidence: dict[Order, tuple[str, str]] = field(default_factory=dict)
    """The first (value, location) that fits only one order, by that order."""
    ambiguous: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    """Location of each ambiguous date read month-first: (value, its day-first reading)."""

    def read(
        self, value: str, location: str, tz: tzinfo | None, parse: Parser
    ) -> tuple[datetime, bool]:
        """``parse(value, tz)`` in this file's order; raises ``TimestampError``.

        Raises:
            DateOrderError: the date only fits the order opposite to the declared one.
        """
        order = classify(value)
        if order is None:
            return parse(value, tz)
        if order is not Order.EITHER:
            self.evidence.setdefault(order, (value, location))
            if self.dayfirst is not None and self.dayfirst != (order is Order.DAY_FIRST):
                declared = "day-first" if self.dayfirst else "month-first"
                raise DateOrderError(
                    f'expected a {declared} date ("dayfirst": {str(self.dayfirst).lower()}'
                    f" in {self.sidecar}), found {value.strip()[:40]!r}"
                )
            return parse(value, tz)
        if self.dayfirst is not None:
            return parse(value, tz, dayfirst=self.dayfirst)
        month_first = parse(value, tz)
        day_first = parse(value, tz, dayfirst=True)
        self.ambiguous[location] = (value, day_first[0])
        return month_first

    def settle(self, events: list[Event], warnings: list[str]) -> None:
        """Apply what the whole file showed to its ambiguous dates, in place; warn once."""
        if not self.ambiguous:
            return
        value, location = next((v, loc) for loc, (v, _) in self.ambiguous.items())
        count = f"{len(self.ambiguous)} date{'s' if len(self.ambiguous) > 1 else ''}"
        example = f"such as {value.strip()!r} ({location})"
        day = self.evidence.get(Order.DAY_FIRST)
        month = self.evidence.get(Order.MONTH_FIRST)
        declare = f'declare "dayfirst" in {self.sidecar}'
        if day and not month:
            for index, event in enumerate(events):
                moved = self.ambiguous.get(event.ref.record)
                if moved is not None:
                    events[index] = event.trusted_copy({"ts": moved[1]})
            shown = f"as {day[0].strip()!r} ({day[1]}) shows"
            warnings.append(f"{count} {example} read day-first, {shown}; {declare} to confirm")
        elif month and not day:
            shown = f"as {month[0].strip()!r} ({month[1]}) shows"
            warnings.append(f"{count} {example} read month-first, {shown}; {declare} to confirm")
        elif day and month:
            warnings.append(
                f"dates mix day-first {day[0].strip()!r} ({day[1]}) and month-first"
                f" {month[0].strip()!r} ({month[1]}); {count} {example} read month-first;"
                f" check the file and {declare}"
            )
        else:
            warnings.append(
                f"{count} {example} fit day-first and month-first; read month-first;"
                f' declare "dayfirst": true in {self.sidecar} if they are day-first'
            )
