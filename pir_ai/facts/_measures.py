"""Impact figures grouped by what they measure: the peak, the final reading, the totals.

People post readings as an incident goes ("errors at 12%", "now 38%", "down to 9%").
A reader needs, per measure, the worst reading and the last one, each cited, not every
number typed. Readings are grouped by measure and unit ("38%" and "4.8 s" of latency are two
series). Totals (counts, money) are not a series: when sources state different
totals for the same measure, the highest is shown with the others, for human review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pir_ai.postmortem import ImpactFigure

_SERIES = frozenset(
    {"error rate", "success rate", "conversion", "timeouts", "latency", "rate", "traffic",
     "failed requests", "percentage"}
)  # fmt: skip
"""Measures read over time: their readings form a series."""
_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "million": 1e6, "thousand": 1e3}
_NUMBER = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s?(?P<scale>k|m|bn|million|thousand)?\b", re.IGNORECASE
)


def magnitude(value: str) -> float | None:
    """The number a stated figure means: '1,240' -> 1240, '2.3M' -> 2.3e6, '38%' -> 38."""
    match = _NUMBER.search(value)
    if match is None:
        return None
    number = float(match["number"].replace(",", ""))
    return number * _SCALE.get((match["scale"] or "").lower(), 1.0)


def _unit(value: str) -> str:
    """What a figure is counted in: '%', 's', 'ms', '$k'... (readings in one unit only)."""
    return re.sub(r"[\d.,\s+~]", "", value).lower()


def by_measure(figures: Sequence[ImpactFigure]) -> list[ImpactFigure]:
    """Stated figures, one or two per measure: see the module docstring."""
    groups: dict[tuple[str, str], list[ImpactFigure]] = {}
    for figure in figures:
        groups.setdefault((figure.measure, _unit(figure.value)), []).append(figure)
    shown: list[ImpactFigure] = []
    for (measure, _), readings in groups.items():
        numbered = [f for f in readings if magnitude(f.value) is not None]
        if len(numbered) < 2:
            shown.extend(readings)
        elif measure in _SERIES:
            shown.extend(_series(measure, numbered))
        else:
            shown.append(_totals(measure, numbered))
    return shown


def _series(measure: str, readings: list[ImpactFigure]) -> list[ImpactFigure]:
    peak = max(readings, key=lambda f: magnitude(f.value) or 0.0)
    final = readings[-1]
    figures = [peak.model_copy(update={"measure": f"{measure} (peak)"}, deep=True)]
    if final is not peak:
        figures.append(
            final.model_copy(update={"measure": f"{measure} (final reading)"}, deep=True)
        )
    return figures


def _totals(measure: str, readings: list[ImpactFigure]) -> ImpactFigure:
    highest = max(readings, key=lambda f: magnitude(f.value) or 0.0)
    others = [f.value for f in readings if f is not highest]
    evidence = list(dict.fromkeys(i for f in [highest, *readings] for i in f.evidence))
    return ImpactFigure(
        value=highest.value,
        measure=measure,
        text=f"{highest.text} (the sources also state {', '.join(others)}: confirm the total)",
        evidence=evidence,
        needs_review=True,
    )
