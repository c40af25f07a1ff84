"""One name per person across sources: 'marco' in chat is 'Marco Bellini' on the call.

Chat exports carry handles and display names ("marco", "Alex M", "Dana (she/her)");
transcripts carry full names. A short name maps to the one fuller participant name
whose first word is the same and whose other words it abbreviates. When two full
names would fit, the short name is kept: guessing a person is worse than a handle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pir_ai.events import Event
from pir_ai.facts import is_human

_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _words(name: str) -> list[str]:
    return _PARENTHESES.sub("", name).replace(".", " ").lower().split()


def _abbreviates(short: list[str], full: list[str]) -> bool:
    if not short or len(short) > len(full) or short[0] != full[0]:
        return False
    return all(f.startswith(s) for s, f in zip(short[1:], full[1:], strict=False))


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map every name to its fullest unambiguous form among ``names``."""
    unique = sorted(set(names))
    mapping: dict[str, str] = {}
    for name in unique:
        short = _words(name)
        fuller = {
            other
            for other in unique
            if len(" ".join(_words(other))) > len(" ".join(short))
            and _abbreviates(short, _words(other))
        }
        mapping[name] = fuller.pop() if len(fuller) == 1 else _PARENTHESES.sub("", name)
    return mapping


def participants(events: Iterable[Event]) -> dict[str, str]:
    """Canonical names of every person who wrote or spoke, keyed by the name they used."""
    return canonical_names(e.actor for e in events if is_human(e) and e.actor)


def acting_person(event: Event, names: dict[str, str]) -> str | None:
    """The person who acted: the author, or for a bot's record ("Acknowledged by Marco
    Bellini") the participant it names; None when no participant is named."""
    if not event.is_bot and event.actor:
        return names.get(event.actor, event.actor)
    named = {
        full
        for used, full in names.items()
        if any(re.search(rf"\b{re.escape(n)}\b", event.text, re.IGNORECASE) for n in (used, full))
    }
    return named.pop() if len(named) == 1 else None
